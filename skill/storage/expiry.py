"""When stored items expire, computed the same way by every backend.

Two rules, both promised by the privacy policy (docs/privacy.md):

* a night is kept :data:`~skill.storage.base.NIGHT_RETENTION_DAYS` days after its evening;
* nothing of a household outlives :data:`~skill.storage.base.INACTIVE_HOUSEHOLD_MONTHS`
  months after its last save, the backstop for households that stopped coming back and
  whose erasure never arrived (a ``SkillDisabled`` event lost in an outage).

Every save writes the profile, so the profile's expiry moves on with every visit that
changes anything; a night written by a save expires at the sooner of its two dates, so it
never outlives the profile it belongs to.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

from skill.storage.base import INACTIVE_HOUSEHOLD_MONTHS, NIGHT_RETENTION_DAYS


def months_later(moment: datetime, months: int) -> datetime:
    """``moment`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    total = moment.month - 1 + months
    year, month = moment.year + total // 12, total % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def household_expires_at(now: float) -> int:
    """Epoch seconds at which a household saved at ``now`` (epoch seconds) expires."""
    saved = datetime.fromtimestamp(now, UTC)
    return int(months_later(saved, INACTIVE_HOUSEHOLD_MONTHS).timestamp())


def night_expires_at(day: str, now: float) -> int:
    """Epoch seconds at which the night of ``day`` (an ISO date), saved at ``now``, expires.

    Midnight UTC of the night's date plus :data:`NIGHT_RETENTION_DAYS`, or the
    household's own expiry if that comes first: the DynamoDB TTL attribute and
    the SQLite expiry column, so both backends drop the same nights.
    """
    midnight = datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=UTC)
    kept = int((midnight + timedelta(days=NIGHT_RETENTION_DAYS)).timestamp())
    return min(kept, household_expires_at(now))
