"""What a household's date nights have taught the skill, kept small enough for the profile.

The memory lives in ``Profile.dates`` as a plain JSON document. Lists, not
maps, carry every order that matters (DynamoDB does not keep map order):
most recent last. Every list is capped and suggestions also age out after
:data:`REPEAT_WINDOW_DAYS`, so the profile item stays a few kilobytes however
long a household uses the skill. Each update is a pure function that gives
the same result when replayed, because the household store may replay it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

#: An idea suggested fewer than this many days ago is "recent": not repeated while others remain.
REPEAT_WINDOW_DAYS = 30
#: Caps, so the whole memory stays under 3 KB of the profile (2 KB typical): a suggestion a day
#: for the window, the latest loves (enough to read a taste from), the latest "not for
#: us" (an older one may come back, years on), and four pages of favourites.
MAX_SEEN = 30
MAX_LOVED = 8
MAX_DISLIKED = 20
MAX_SAVED = 12


def _append_capped(items: list[str], item: str, cap: int) -> list[str]:
    """``items`` with ``item`` moved (or added) to the end, keeping the newest ``cap``."""
    kept = [i for i in items if i != item]
    kept.append(item)
    return kept[-cap:]


@dataclass(frozen=True)
class DateMemory:
    """Suggestions with the day they were made, and the ideas loved, disliked and saved.

    ``seen`` holds ``(idea_id, iso_day)`` pairs; all lists are oldest first.
    """

    seen: tuple[tuple[str, str], ...] = ()
    loved: tuple[str, ...] = ()
    disliked: tuple[str, ...] = ()
    saved: tuple[str, ...] = ()

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> DateMemory:
        """Read the profile document; a missing or partial one is an empty memory."""
        doc = doc or {}
        return cls(
            seen=tuple((str(pair[0]), str(pair[1])) for pair in doc.get("seen") or []),
            loved=tuple(str(i) for i in doc.get("loved") or []),
            disliked=tuple(str(i) for i in doc.get("disliked") or []),
            saved=tuple(str(i) for i in doc.get("saved") or []),
        )

    def to_doc(self) -> dict[str, Any]:
        """The profile document (JSON lists only)."""
        return {
            "seen": [list(pair) for pair in self.seen],
            "loved": list(self.loved),
            "disliked": list(self.disliked),
            "saved": list(self.saved),
        }

    def recent(self, today: date) -> dict[str, date]:
        """Ideas suggested within the repeat window, with the day each was last suggested."""
        since = today - timedelta(days=REPEAT_WINDOW_DAYS)
        days = {idea: date.fromisoformat(day) for idea, day in self.seen}
        return {idea: day for idea, day in days.items() if day > since}

    def suggested(self, idea_id: str, day: date) -> DateMemory:
        """Remember a suggestion; forget ones older than the window or beyond the cap."""
        since = day - timedelta(days=REPEAT_WINDOW_DAYS)
        kept = [(i, d) for i, d in self.seen if i != idea_id and date.fromisoformat(d) > since]
        kept.append((idea_id, day.isoformat()))
        # Stable: same-day suggestions keep their order; a late replay of an older day slots in.
        kept.sort(key=lambda pair: pair[1])
        return replace(self, seen=tuple(kept[-MAX_SEEN:]))

    def loved_it(self, idea_id: str) -> DateMemory:
        """ "We love it": a like that also saves it; it is no longer disliked."""
        return replace(
            self.saved_it(idea_id),
            loved=tuple(_append_capped(list(self.loved), idea_id, MAX_LOVED)),
            disliked=tuple(i for i in self.disliked if i != idea_id),
        )

    def saved_it(self, idea_id: str) -> DateMemory:
        """ "Save it": into the favourites (newest last); it is no longer disliked."""
        return replace(
            self,
            saved=tuple(_append_capped(list(self.saved), idea_id, MAX_SAVED)),
            disliked=tuple(i for i in self.disliked if i != idea_id),
        )

    def disliked_it(self, idea_id: str) -> DateMemory:
        """ "Not for us": never suggested again; it leaves the loved ideas and favourites."""
        return replace(
            self,
            disliked=tuple(_append_capped(list(self.disliked), idea_id, MAX_DISLIKED)),
            loved=tuple(i for i in self.loved if i != idea_id),
            saved=tuple(i for i in self.saved if i != idea_id),
        )
