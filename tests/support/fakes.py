"""Test doubles shared by several test modules."""

from __future__ import annotations

from skill.storage.base import HouseholdRecord, HouseholdStore, StoreError


class UnreachableStore:
    """A store whose every call fails, as DynamoDB does when the network is down."""

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        raise StoreError("unreachable")

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        raise StoreError("unreachable")

    def delete_household(self, household_id: str) -> None:
        raise StoreError("unreachable")

    def ping(self) -> None:
        raise StoreError("unreachable")


class EraseFails:
    """``store`` whose erasures fail while :attr:`failing` is set (reads and saves work)."""

    def __init__(self, store: HouseholdStore) -> None:
        self.store = store
        self.failing = True

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        return self.store.load(household_id, recent_nights)

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        return self.store.save(record, previous)

    def delete_household(self, household_id: str) -> None:
        if self.failing:
            raise StoreError("unreachable")
        self.store.delete_household(household_id)

    def ping(self) -> None:
        self.store.ping()
