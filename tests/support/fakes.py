"""Test doubles shared by several test modules."""

from __future__ import annotations

from skill.storage.base import HouseholdRecord, StoreError


class UnreachableStore:
    """A store whose every call fails, as DynamoDB does when the network is down."""

    def load(self, household_id: str) -> HouseholdRecord | None:
        raise StoreError("unreachable")

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        raise StoreError("unreachable")

    def delete_household(self, household_id: str) -> None:
        raise StoreError("unreachable")

    def ping(self) -> None:
        raise StoreError("unreachable")
