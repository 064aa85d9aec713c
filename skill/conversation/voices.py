"""Who is speaking: Alexa voice profiles matched to the partners' names, and who goes first.

When a household has set up Alexa voice profiles, each request carries the
speaker's ``personId``. The skill asks once per voice "who's this, Sam or
Alex?" and remembers the answer as that voice's index in ``Profile.names``;
from then on the check-in starts with whoever is speaking and greetings name
them. Only a one-way hash of the ``personId`` is kept, and at most a handful
of voices, so the profile stays small and holds no raw Alexa id.

Without voice profiles, or before the names are known, nothing changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from skill.conversation.names import MAX_NAMES, partner_names
from skill.household.model import Profile

#: Voices remembered per household (a couple, and room for a guest or two); oldest forgotten.
MAX_VOICES = 4
#: Stored for a voice that was asked but did not say which partner it is: never asked again.
NOT_TOLD = -1


def voice_key(person_id: str) -> str:
    """A short, non-reversible key for a voice profile: raw person ids never reach storage."""
    return hashlib.sha256(person_id.encode("utf-8")).hexdigest()[:16]


def speaker_index(profile: Profile, person_id: str | None) -> int | None:
    """The index in the partners' names of the voice speaking now, or None when unknown."""
    if not person_id:
        return None
    index = profile.voices.get(voice_key(person_id))
    if index is None or not 0 <= index < len(partner_names(profile)):
        return None
    return index


def speaker_name(profile: Profile, person_id: str | None) -> str | None:
    """The first name of the partner speaking now, when the voice is known."""
    index = speaker_index(profile, person_id)
    return None if index is None else partner_names(profile)[index]


def should_ask_voice(profile: Profile, person_id: str | None) -> bool:
    """Whether to ask "who's this?": a voice we have not asked about, and two names to choose."""
    return (
        bool(person_id)
        and len(partner_names(profile)) == MAX_NAMES
        and voice_key(str(person_id)) not in profile.voices
    )


def match_speaker(names: Sequence[str], spoken: str | None) -> int | None:
    """Which of ``names`` the answer to "who's this?" names ("it's Sam", "Alex"), if exactly one."""
    if not spoken:
        return None
    words = {word.strip(".,!?'").casefold() for word in spoken.split()}
    text = " ".join(spoken.casefold().split())
    found = [
        index
        for index, name in enumerate(names)
        if name.casefold() in words or (" " in name and name.casefold() in text)
    ]
    return found[0] if len(found) == 1 else None


def remember_voice(voices: dict[str, int], key: str, index: int) -> dict[str, int]:
    """The voices after learning ``key`` → ``index``; the most recent last, at most MAX_VOICES."""
    updated = {k: v for k, v in voices.items() if k != key}
    updated[key] = index
    return dict(list(updated.items())[-MAX_VOICES:])


def voices_after_renaming(
    voices: dict[str, int], old: Sequence[str], new: Sequence[str]
) -> dict[str, int]:
    """The voices still true once the names change: a voice keeps its index only if the same
    person is at that index; an unknown voice ("not told") may be asked again."""
    kept: dict[str, int] = {}
    for key, index in voices.items():
        same = (
            0 <= index < min(len(old), len(new)) and old[index].casefold() == new[index].casefold()
        )
        if same:
            kept[key] = index
    return kept


def turn_names(names: Sequence[str], speaker: int | None, partners: int) -> list[str]:
    """The first name of each person in the check-in's turn order ([] when not known).

    Two partners with two names: the speaker first when their voice is known,
    else the names in the order given. One partner: the speaker's name, or the
    only name the household gave. Anything less certain names nobody, rather
    than risk calling someone by the other's name.
    """
    if partners == MAX_NAMES and len(names) == MAX_NAMES:
        first = speaker if speaker in (0, 1) else 0
        return [names[first], names[1 - first]]
    if partners == 1:
        if speaker is not None and 0 <= speaker < len(names):
            return [names[speaker]]
        if len(names) == 1:
            return [names[0]]
    return []
