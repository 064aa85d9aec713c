"""Typed text → intent and slots, from the interaction model itself.

The local simulator must understand exactly what the deployed skill would:
no second, hand-written phrase list that drifts from the model. So every
sample utterance of ``skill/interaction_models/<locale>.json`` is compiled into a
regular expression, each ``{slot}`` becoming the alternation of its custom
type's values and synonyms (resolved back to the canonical value and id, as
Alexa's entity resolution does) or a pattern for a built-in type
(:mod:`skill.local.builtin_slots`). Alexa's built-in intents also answer to their
everyday phrases ("yeah", "say that again"), but only when the model declares
them, as on a real device.

Matching is deliberately simpler than Alexa's statistical model: the whole
utterance must match a sample, and among several matches the one with the
most literal words (and the fewest catch-all SearchQuery slots) wins. Text
that matches nothing becomes ``AMAZON.FallbackIntent``.

Elicitation follows Alexa's dialog model: after a response with
``Dialog.ElicitSlot`` the next utterance is heard as that slot's value. The
slot's own samples (``slots[].samples`` in the model) count only then, and the
slot takes any words (a custom slot type's values guide Alexa, they do not
limit it). Only Alexa's built-in intents still interrupt an elicitation, and
only on a phrase of theirs said whole ("stop", "help", "yes"): everything
else is the answer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import skill
from skill.local.builtin_slots import builtin_slot
from skill.local.envelope import SlotValue

FALLBACK_INTENT = "AMAZON.FallbackIntent"
SEARCH_QUERY = "AMAZON.SearchQuery"


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for phrase in text.split("|"))


#: Everyday phrasings Alexa maps to its built-in intents (it knows many more).
BUILTIN_INTENT_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": _phrases(
        "yes | yeah | yep | yup | sure | ok | okay | of course | yes please | sounds good"
        " | absolutely | definitely | alright | all right | why not | go ahead | let's do it"
        " | please do"
    ),
    "AMAZON.NoIntent": _phrases(
        "no | nope | nah | no thanks | no thank you | not now | not really"
        " | i don't think so | no way"
    ),
    "AMAZON.StopIntent": _phrases(
        "stop | off | quit | exit | shut up | be quiet | that's enough | enough | goodbye | bye"
        " | stop it | please stop"
    ),
    "AMAZON.CancelIntent": _phrases("cancel | never mind | nevermind | forget it | cancel that"),
    "AMAZON.HelpIntent": _phrases(
        "help | help me | help please | i need help | what can i say | what can i do"
        " | what do i do | what do i say | how does this work | can you help me"
    ),
    "AMAZON.RepeatIntent": _phrases(
        "repeat | repeat that | repeat please | please repeat | say that again | say it again"
        " | can you repeat that | what did you say | what was that | come again | pardon"
        " | pardon me | once more"
    ),
    "AMAZON.NextIntent": _phrases(
        "next | next one | skip | skip this | skip that | skip it | go on | continue"
        " | keep going | what's next | move on"
    ),
    "AMAZON.PreviousIntent": _phrases(
        "previous | go back | back | previous one | the last one | the one before"
    ),
    "AMAZON.NavigateHomeIntent": _phrases("go home | home | main menu | go to the main menu"),
    "AMAZON.StartOverIntent": _phrases(
        "start over | restart | start again | begin again | from the beginning"
        " | start from the beginning | from the top"
    ),
    "AMAZON.ResumeIntent": _phrases("resume | carry on | pick up where we left off"),
    "AMAZON.PauseIntent": _phrases("pause | hold on | wait | hang on | pause that"),
    "AMAZON.MoreIntent": _phrases("more | tell me more | more please"),
}

#: Words Alexa accepts before an invocation name ("open …", "ask … to …").
_LAUNCH_VERBS = _phrases(
    "open | launch | start | begin | load | run | play | resume | use | talk to | ask | tell"
    " | enable"
)
#: Words Alexa accepts between the invocation name and the request ("ask … *to* …").
_CONNECTORS = ("to", "for", "about", "if", "whether", "that", "and")
#: "… using heart talks": the request first, the skill named last.
_TRAILING_NAMERS = ("using", "with", "from", "on")

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SEPARATORS = re.compile(r"[-_/]")
_STRAY_APOSTROPHE = re.compile(r"(?<!\w)'|'(?!\w)")
#: Punctuation, but not a decimal point between digits ("like a 3.7" is how Alexa writes it).
_PUNCTUATION = re.compile(r"(?!(?<=\d)\.(?=\d))[^\w\s']")
_SPACES = re.compile(r"\s+")
_SLOT_REF = re.compile(r"\{([^{}]*)\}")


class ModelError(ValueError):
    """The interaction model cannot be used to understand text (names the problem)."""


def normalise(text: str) -> str:
    """Lowercase words separated by single spaces; apostrophes kept inside words only.

    "Let's  try—Validation!" → "let's try validation". Hyphens and slashes
    separate words, so "check-in" and "check in" read the same.
    """
    text = _SEPARATORS.sub(" ", text.lower().translate(_QUOTES))
    text = _PUNCTUATION.sub(" ", text)
    text = _STRAY_APOSTROPHE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _words_pattern(phrase: str) -> str:
    """A regex for normalised words where each apostrophe may be left out ("lets" = "let's")."""
    return re.escape(phrase).replace("'", "'?")


def _bare(phrase: str) -> str:
    return phrase.replace("'", "")


@dataclass(frozen=True)
class Understanding:
    """What Alexa would send for one utterance.

    ``invoked`` is true when the text named the skill ("open heart talks",
    "ask heart talks to …"): Alexa then starts a new session. ``slots``
    holds every slot the intent declares, None for the unfilled ones.
    ``sample`` is the sample utterance (or built-in phrase) that matched;
    ``elicited`` is true when it filled the slot the skill elicited.
    """

    request_type: str
    intent: str | None = None
    slots: Mapping[str, SlotValue | None] = field(default_factory=dict)
    invoked: bool = False
    sample: str | None = None
    elicited: bool = False


@dataclass(frozen=True)
class _SlotMatcher:
    type_name: str
    pattern: str
    # Custom types: normalised phrase without apostrophes → (canonical value, id).
    values: Mapping[str, tuple[str, str]] | None = None

    def resolve(self, text: str, today: date) -> SlotValue | None:
        if self.values is None:
            value = builtin_slot(self.type_name).resolve(text, today)
            return None if value is None else SlotValue(value)
        if _bare(text) not in self.values:
            # An open type (one the dialog model elicits) took words it does not list.
            return SlotValue(text, type_name=self.type_name)
        canonical, value_id = self.values[_bare(text)]
        return SlotValue(text, type_name=self.type_name, canonical=canonical, value_id=value_id)


@dataclass(frozen=True)
class _Sample:
    intent: str
    text: str
    regex: re.Pattern[str]
    # Named group → (slot name, matcher), in order of appearance.
    groups: tuple[tuple[str, str, _SlotMatcher], ...]
    # Larger is better: literal words, fewer catch-all slots, the model's own samples first.
    rank: tuple[int, int, int]


#: Any words at all: what an elicited slot takes.
_ANY_WORDS = _SlotMatcher("(elicited)", r".+?")


class Nlu:
    """Understands typed utterances with one locale's interaction model."""

    def __init__(self, model: Mapping[str, Any]) -> None:
        language = _language_model(model)
        self.invocation_name: str = normalise(str(language.get("invocationName", "")))
        if not self.invocation_name:
            raise ModelError("the interaction model has no invocationName")
        matchers = _custom_matchers(language.get("types") or [])
        for type_name in _elicited_types(model):
            # A type the dialog model elicits takes any words (Alexa's custom slots are open;
            # the simulator keeps the others to their values, to stay predictable).
            if type_name in matchers:
                matchers[type_name] = replace(matchers[type_name], pattern=_ANY_WORDS.pattern)
        self._declared_slots: dict[str, tuple[str, ...]] = {}
        self._slot_types: dict[tuple[str, str], str] = {}
        samples: list[_Sample] = []
        #: (intent, slot) → the slot's own samples, which count only while it is elicited.
        self._slot_samples: dict[tuple[str, str], tuple[_Sample, ...]] = {}
        for intent in language.get("intents") or []:
            name = str(intent.get("name", ""))
            slots = intent.get("slots") or []
            slot_types = {str(s.get("name")): str(s.get("type")) for s in slots}
            self._declared_slots[name] = tuple(slot_types)
            self._slot_types.update({(name, slot): kind for slot, kind in slot_types.items()})
            for text in intent.get("samples") or []:
                samples.append(_compile(name, str(text), slot_types, matchers, from_model=True))
            for phrase in BUILTIN_INTENT_PHRASES.get(name, ()):
                samples.append(_compile(name, phrase, {}, matchers, from_model=False))
            for slot in slots:
                slot_name = str(slot.get("name"))
                elicited = {**matchers, slot_types[slot_name]: _ANY_WORDS}
                self._slot_samples[(name, slot_name)] = tuple(
                    _compile(name, str(text), slot_types, elicited, from_model=True)
                    for text in slot.get("samples") or []
                )
        self._samples = tuple(samples)
        self._custom = matchers
        self._invocation = _invocation_patterns(self.invocation_name)

    @classmethod
    def from_file(cls, path: Path) -> Nlu:
        """Load an ask-cli model file; a missing or malformed file raises ModelError."""
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as error:
            raise ModelError(f"cannot read interaction model {path}: {error}") from error

    @property
    def intents(self) -> tuple[str, ...]:
        """The intents the model declares, in model order."""
        return tuple(self._declared_slots)

    def understand(
        self,
        text: str,
        *,
        today: date | None = None,
        eliciting: tuple[str, str] | None = None,
    ) -> Understanding:
        """Resolve one utterance; ``today`` anchors relative dates ("tomorrow").

        ``eliciting`` is the (intent, slot) the last response elicited: the
        utterance is then heard as that slot's value (see the module docstring).
        """
        today = today or date.today()
        words = normalise(text)
        if words.startswith("alexa "):
            words = words[len("alexa ") :]
        launch, requests = self._split_invocation(words)
        if launch:
            return Understanding("LaunchRequest", invoked=True)
        if requests is None and eliciting is not None:
            return self._elicited(words, today, eliciting)
        if requests is None:
            return self._match(words, today)
        found = [self._match(request, today) for request in requests]
        understood = [f for f in found if f.intent != FALLBACK_INTENT]
        return _invoked((understood or found)[0])

    def _split_invocation(self, words: str) -> tuple[bool, list[str] | None]:
        """(is a bare launch, candidate request texts) when the text names the skill."""
        launch, one_shot, trailing = self._invocation
        if launch.fullmatch(words):
            return True, None
        found = one_shot.fullmatch(words)
        if found:
            rest = found.group("rest")
            first, _, after = rest.partition(" ")
            # "ask heart talks to teach us": try without the connector, then with it.
            return False, [after, rest] if first in _CONNECTORS and after else [rest]
        found = trailing.fullmatch(words)
        if found:
            return False, [found.group("rest")]
        return False, None

    def _match(self, words: str, today: date) -> Understanding:
        best: tuple[tuple[int, int, int], _Sample, dict[str, SlotValue]] | None = None
        for sample in self._samples:
            if best is not None and sample.rank <= best[0]:
                continue
            found = sample.regex.fullmatch(words)
            if found is None:
                continue
            values = _slot_values(sample, found, today)
            if values is not None:
                best = (sample.rank, sample, values)
        if best is None:
            return Understanding("IntentRequest", FALLBACK_INTENT, self._slots(FALLBACK_INTENT, {}))
        _, sample, values = best
        return Understanding(
            "IntentRequest", sample.intent, self._slots(sample.intent, values), sample=sample.text
        )

    def _elicited(self, words: str, today: date, eliciting: tuple[str, str]) -> Understanding:
        """The utterance heard while ``eliciting`` a slot: a built-in's phrase, else that slot."""
        for sample in self._samples:
            builtin = sample.intent.startswith("AMAZON.") and not sample.groups
            if builtin and sample.regex.fullmatch(words):
                return Understanding(
                    "IntentRequest",
                    sample.intent,
                    self._slots(sample.intent, {}),
                    sample=sample.text,
                )
        intent, slot = eliciting
        best: tuple[tuple[int, int, int], _Sample, str] | None = None
        for sample in self._slot_samples.get(eliciting, ()):
            found = sample.regex.fullmatch(words)
            if found is None or (best is not None and sample.rank <= best[0]):
                continue
            group = next(g for g, name, _ in sample.groups if name == slot)
            best = (sample.rank, sample, found.group(group))
        if best is None:
            return self._match(words, today)
        _, sample, said = best
        return Understanding(
            "IntentRequest",
            intent,
            self._slots(intent, {slot: self._elicited_value(intent, slot, said)}),
            sample=sample.text,
            elicited=True,
        )

    def _elicited_value(self, intent: str, slot: str, said: str) -> SlotValue:
        """An elicited slot's value: resolved when the words are one of its type's values."""
        type_name = self._slot_types[(intent, slot)]
        matcher = self._custom.get(type_name)
        if matcher is not None and matcher.values is not None and _bare(said) in matcher.values:
            canonical, value_id = matcher.values[_bare(said)]
            return SlotValue(said, type_name=type_name, canonical=canonical, value_id=value_id)
        return SlotValue(said, type_name=type_name if matcher is not None else None)

    def _slots(self, intent: str, values: Mapping[str, SlotValue]) -> dict[str, SlotValue | None]:
        return {name: values.get(name) for name in self._declared_slots.get(intent, ())}


def _invoked(found: Understanding) -> Understanding:
    return Understanding(
        found.request_type, found.intent, found.slots, True, found.sample, found.elicited
    )


def _slot_values(sample: _Sample, found: re.Match[str], today: date) -> dict[str, SlotValue] | None:
    values: dict[str, SlotValue] = {}
    for group, slot_name, matcher in sample.groups:
        value = matcher.resolve(found.group(group), today)
        if value is None:
            return None
        values[slot_name] = value
    return values


def _language_model(model: Mapping[str, Any]) -> Mapping[str, Any]:
    try:
        language = model["interactionModel"]["languageModel"]
    except (KeyError, TypeError) as error:
        raise ModelError("the model has no interactionModel.languageModel") from error
    if not isinstance(language, Mapping):
        raise ModelError("interactionModel.languageModel is not an object")
    return language


def _elicited_types(model: Mapping[str, Any]) -> set[str]:
    """The slot types of the slots the dialog model elicits."""
    dialog = model.get("interactionModel", {}).get("dialog") or {}
    return {
        str(slot.get("type"))
        for intent in dialog.get("intents") or []
        for slot in intent.get("slots") or []
        if slot.get("elicitationRequired")
    }


def _custom_matchers(types: Sequence[Mapping[str, Any]]) -> dict[str, _SlotMatcher]:
    matchers: dict[str, _SlotMatcher] = {}
    for slot_type in types:
        type_name = str(slot_type.get("name", ""))
        values: dict[str, tuple[str, str]] = {}
        phrases: set[str] = set()
        for entry in slot_type.get("values") or []:
            name = entry.get("name") or {}
            canonical = str(name.get("value", ""))
            # Alexa makes up a stable id for values the model gives none.
            value_id = str(entry.get("id") or hashlib.md5(canonical.encode()).hexdigest())
            for phrase in [canonical, *(name.get("synonyms") or [])]:
                words = normalise(str(phrase))
                if words:
                    phrases.add(words)
                    values.setdefault(_bare(words), (canonical, value_id))
        if not values:
            continue
        # Longest first: the regex tries the fullest reading of the words before a shorter one.
        longest_first = sorted(phrases, key=len, reverse=True)
        pattern = f"(?:{'|'.join(_words_pattern(p) for p in longest_first)})"
        matchers[type_name] = _SlotMatcher(type_name, pattern, values)
    return matchers


def _compile(
    intent: str,
    text: str,
    slot_types: Mapping[str, str],
    custom: Mapping[str, _SlotMatcher],
    *,
    from_model: bool,
) -> _Sample:
    pieces: list[str] = []
    groups: list[tuple[str, str, _SlotMatcher]] = []
    literal_words = 0
    catch_alls = 0
    for index, chunk in enumerate(_SLOT_REF.split(text)):
        if index % 2 == 0:
            words = normalise(chunk)
            if words:
                pieces.append(_words_pattern(words))
                literal_words += len(words.split())
            continue
        slot_name = chunk.strip()
        type_name = slot_types.get(slot_name)
        if type_name is None:
            raise ModelError(f"intent {intent}: sample {text!r} uses undeclared slot {slot_name!r}")
        matcher = custom.get(type_name)
        if matcher is None:
            if not type_name.startswith("AMAZON."):
                raise ModelError(
                    f"intent {intent}: slot {slot_name!r} has undefined type {type_name}"
                )
            matcher = _SlotMatcher(type_name, builtin_slot(type_name).pattern)
        group = f"s{len(groups)}"
        groups.append((group, slot_name, matcher))
        pieces.append(f"(?P<{group}>{matcher.pattern})")
        catch_alls += type_name == SEARCH_QUERY
    regex = re.compile(" ".join(pieces))
    return _Sample(
        intent, text, regex, tuple(groups), (literal_words, -catch_alls, int(from_model))
    )


def _invocation_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes for "open NAME", "ask NAME (to) REQUEST" and "REQUEST using NAME"."""
    verbs = "|".join(_LAUNCH_VERBS)
    invocation = _words_pattern(name)
    launch = re.compile(rf"(?:(?:{verbs}) )?{invocation}(?: please)?")
    one_shot = re.compile(rf"(?:{verbs}) {invocation} (?P<rest>.+)")
    trailing = re.compile(rf"(?P<rest>.+) (?:{'|'.join(_TRAILING_NAMERS)}) {invocation}")
    return launch, one_shot, trailing


def models_dir() -> Path:
    """The interaction models (``skill/interaction_models/``), shipped as package data so the
    simulator works from an installed wheel as well as from a checkout."""
    return Path(skill.__file__).resolve().parent / "interaction_models"


def load_nlu(locale: str = "en-US", directory: Path | None = None) -> Nlu:
    """The NLU for one locale's model file in ``directory`` (default: the packaged models)."""
    return Nlu.from_file((directory or models_dir()) / f"{locale}.json")
