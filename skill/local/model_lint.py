"""Lint ask-cli interaction models against the rules Alexa enforces at build time.

Alexa rejects a broken model only when someone deploys it, far from the edit
that broke it; several engineers add intents to the same file. This linter
runs in the test suite and from ``heart-to-heart check-model`` and reports
one precise line per problem, naming the file, the intent and the sample.

The rules follow Alexa's documentation: invocation-name requirements (two
words or more unless an opted-in brand; no launch phrase, connecting word,
wake word, "skill" or "app"; no two-word name leaning on an article,
preposition or pronoun; lowercase letters, spaces, possessive apostrophes and
abbreviation periods only), the
characters a sample may contain ("letters, spaces, periods for
abbreviations, underscores, possessive apostrophes, and hyphens", numbers
spelled out), every ``{slot}`` declared and typed, no sample under two
intents, the required built-in intents, and this project's own floor of 15
samples per custom intent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skill.local.nlu import normalise

REQUIRED_BUILTINS = (
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.FallbackIntent",
)
MIN_CUSTOM_SAMPLES = 15
SEARCH_QUERY = "AMAZON.SearchQuery"

# Amazon's invocation-name requirements ("Choose the invocation name for a custom skill").
_WAKE_AND_BANNED = frozenset({"alexa", "amazon", "echo", "computer", "skill", "app"})
_LAUNCH_WORDS = frozenset(
    {
        "ask",
        "tell",
        "open",
        "launch",
        "start",
        "load",
        "begin",
        "enable",
        "run",
        "resume",
        "play",
        "use",
    }
)
# Words Alexa reads as the seam between the name and the request ("ask X *to* …").
_CONNECTING_WORDS = frozenset(
    {"to", "from", "by", "if", "and", "whether", "in", "using", "with", "about", "for", "that"}
)
# A two-word name may not lean on one of these ("the quiz", "for fun", "my coach").
_ARTICLES_AND_PREPOSITIONS = frozenset(
    {"the", "a", "an", "for", "to", "of", "about", "up", "by", "at", "off", "with", "in", "on"}
    | {"from", "into", "onto", "over", "under", "near", "through"}
)
_PRONOUNS = frozenset(
    {"my", "your", "our", "their", "his", "her", "its", "i", "me", "we", "us", "you", "it"}
    | {"he", "she", "they", "them", "mine", "yours", "ours", "theirs"}
)
_NAME_CHARS = re.compile(r"[^\W\d_]|[ .']")
# The one use of an apostrophe a name may make: a possessive, "molly's" or "friends'".
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])'s(?![^\W\d_])|(?<=s)'(?![^\W\d_])")
_SLOT_REF = re.compile(r"\{([^{}]*)\}")
_SAMPLE_CHAR = re.compile(r"[^\W\d_]|[ .'_-]")
# A period is allowed only right after a lone letter: "t. v.", not "done.".
_STRAY_PERIOD = re.compile(r"(?<![^\W\d_])\.|[^\W\d_]{2,}\.")
_IDENTIFIER = re.compile(r"[A-Za-z_]+")


@dataclass(frozen=True)
class LintResult:
    """Problems found (one line each) and the size of what was checked."""

    problems: tuple[str, ...]
    files: tuple[str, ...]
    intents: int
    samples: int

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """The closing line for a clean run: "ok: 14 intents, 130 samples in en-US.json"."""
        return f"ok: {self.intents} intents, {self.samples} samples in {', '.join(self.files)}"


def lint_path(path: Path, *, brand: bool = False) -> LintResult:
    """Lint one model file, or every ``*.json`` model in a folder.

    ``brand``: the invocation name is a one-word brand you own (see
    :func:`invocation_name_problems`).
    """
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            return LintResult((f"{path}: no interaction models (*.json) found",), (), 0, 0)
    elif path.is_file():
        files = [path]
    else:
        return LintResult((f"{path}: no such file or folder",), (), 0, 0)
    problems: list[str] = []
    intents = samples = 0
    for file in files:
        try:
            model = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{file.name}: cannot read: {error}")
            continue
        except json.JSONDecodeError as error:
            problems.append(f"{file.name}: not valid JSON: {error}")
            continue
        result = lint_model(model, file.name, brand=brand)
        problems.extend(result.problems)
        intents += result.intents
        samples += result.samples
    return LintResult(tuple(problems), tuple(f.name for f in files), intents, samples)


def lint_model(model: Any, label: str, *, brand: bool = False) -> LintResult:
    """Lint one parsed model; ``label`` (usually the file name) starts every line."""
    try:
        language = model["interactionModel"]["languageModel"]
        intents = list(language.get("intents") or [])
        types = list(language.get("types") or [])
    except (KeyError, TypeError, AttributeError):
        return LintResult((f"{label}: missing interactionModel.languageModel",), (label,), 0, 0)
    problems = [f"{label}: {p}" for p in _model_problems(language, intents, types, brand)]
    samples = sum(len(i.get("samples") or []) for i in intents if isinstance(i, Mapping))
    return LintResult(tuple(problems), (label,), len(intents), samples)


def _model_problems(
    language: Mapping[str, Any], intents: list[Any], types: list[Any], brand: bool
) -> Iterable[str]:
    yield from invocation_name_problems(language.get("invocationName"), brand=brand)
    custom_types = {str(t.get("name")) for t in types if isinstance(t, Mapping)}
    yield from _type_problems(types)
    names = [str(i.get("name", "")) for i in intents if isinstance(i, Mapping)]
    for builtin in REQUIRED_BUILTINS:
        if builtin not in names:
            yield f"required built-in intent {builtin} is missing"
    seen_intents: set[str] = set()
    # Normalised sample (slots replaced by their types) → first intent that used it.
    owners: dict[str, str] = {}
    for intent in intents:
        if not isinstance(intent, Mapping):
            yield "an intent entry is not an object"
            continue
        name = str(intent.get("name", ""))
        if name in seen_intents:
            yield f"intent {name} is declared twice"
        seen_intents.add(name)
        for problem in _intent_problems(intent, custom_types, owners):
            yield f"intent {name or '(unnamed)'}: {problem}"


def invocation_name_problems(name: Any, *, brand: bool = False) -> Iterable[str]:
    """Alexa's invocation-name requirements, one message per broken rule.

    ``brand`` allows a one-word name: Amazon accepts one only for a brand or
    intellectual property you own and can prove, so it is never the default.
    """
    if not isinstance(name, str) or not name.strip():
        yield "invocationName is missing"
        return
    prefix = f"invocation name {name!r}"
    if any(c.isdigit() for c in name):
        yield f"{prefix} contains digits: spell numbers out"
    if any(c.isupper() for c in name):
        yield f"{prefix} must be lowercase"
    bad = sorted({c for c in name if not c.isdigit() and not _NAME_CHARS.fullmatch(c.lower())})
    if bad:
        yield (
            f"{prefix} contains {''.join(bad)!r}: only letters, spaces, possessive apostrophes"
            " and periods in abbreviations are allowed"
        )
    if "'" in _POSSESSIVE.sub("", name):
        yield f'{prefix} has an apostrophe that is not a possessive like "molly\'s"'
    if _STRAY_PERIOD.search(name):
        yield f"{prefix} has a period that is not part of an abbreviation like 'n. b. a.'"
    words = normalise(name).split()
    if len(words) < 2 and not brand:
        yield f"{prefix} must be at least two words (one word only for a brand you own)"
    for word in words:
        if word in _WAKE_AND_BANNED:
            yield f"{prefix} contains the word {word!r}, which Alexa does not allow"
        if word in _LAUNCH_WORDS:
            yield f"{prefix} contains the launch word {word!r}"
        if word in _CONNECTING_WORDS:
            yield f"{prefix} contains the connecting word {word!r}"
    if len(words) == 2:
        for word in words:
            # A connecting word is reported once, above.
            if word in _ARTICLES_AND_PREPOSITIONS - _CONNECTING_WORDS:
                yield f"{prefix} is two words and one is the article or preposition {word!r}"
            if word in _PRONOUNS:
                yield f"{prefix} is two words and one is the pronoun {word!r}"


def _intent_problems(
    intent: Mapping[str, Any], custom_types: set[str], owners: dict[str, str]
) -> Iterable[str]:
    name = str(intent.get("name", ""))
    builtin = name.startswith("AMAZON.")
    if not name:
        yield "has no name"
    elif not builtin and not _IDENTIFIER.fullmatch(name):
        yield "name may contain only letters and underscores"
    slot_types: dict[str, str] = {}
    for slot in intent.get("slots") or []:
        slot_name = str(slot.get("name", ""))
        slot_type = str(slot.get("type", ""))
        if slot_name in slot_types:
            yield f"slot {slot_name!r} is declared twice"
        slot_types[slot_name] = slot_type
        if not slot_type:
            yield f"slot {slot_name!r} has no type"
        elif slot_type not in custom_types and not slot_type.startswith("AMAZON."):
            yield f"slot {slot_name!r} has type {slot_type!r}, which is not defined in types[]"
    if list(slot_types.values()).count(SEARCH_QUERY) > 1:
        yield "has more than one AMAZON.SearchQuery slot"
    samples = [str(s) for s in intent.get("samples") or []]
    if name == "AMAZON.FallbackIntent" and samples:
        yield "AMAZON.FallbackIntent cannot have samples"
    if not builtin and len(samples) < MIN_CUSTOM_SAMPLES:
        yield f"has {len(samples)} samples; custom intents need at least {MIN_CUSTOM_SAMPLES}"
    own: set[str] = set()
    for sample in samples:
        for problem in _sample_problems(sample, slot_types):
            yield f"sample {sample!r} {problem}"
        key = _sample_key(sample, slot_types)
        if not key:
            continue
        if key in own:
            yield f"sample {sample!r} is listed twice"
            continue
        own.add(key)
        other = owners.setdefault(key, name)
        if other != name:
            yield f"sample {sample!r} is also a sample of intent {other}"


def _sample_problems(sample: str, slot_types: Mapping[str, str]) -> Iterable[str]:
    if not sample.strip():
        yield "is empty"
        return
    literal = _SLOT_REF.sub(" ", sample)
    if "{" in literal or "}" in literal:
        yield "has an unbalanced '{' or '}'"
    if any(c.isdigit() for c in literal):
        yield "contains digits: spell numbers out"
    bad = sorted(
        {c for c in literal if not c.isdigit() and c not in "{}" and not _SAMPLE_CHAR.fullmatch(c)}
    )
    if bad:
        yield (
            f"contains {''.join(bad)!r}: samples allow only letters, spaces, apostrophes,"
            " periods in abbreviations, hyphens and underscores"
        )
    if _STRAY_PERIOD.search(literal):
        yield "has a period that is not part of an abbreviation like 'a. b. c.'"
    if re.search(r"[^\s]\{|\}[^\s]", sample):
        yield "needs a space between each {slot} and the words around it"
    used: list[str] = []
    for ref in _SLOT_REF.findall(sample):
        if ref in used:
            yield f"uses slot {ref!r} twice"
        used.append(ref)
        if ref not in slot_types:
            yield f"uses slot {ref!r} not declared on the intent"
    if SEARCH_QUERY in (slot_types.get(ref) for ref in used) and not normalise(literal):
        yield "has an AMAZON.SearchQuery slot with no carrier phrase around it"
    elif used and not normalise(literal):
        # A bare "{topic}" matches almost anything and swallows other intents; an open answer
        # is heard by eliciting its slot (the dialog model's slot samples), not by this.
        yield "is a bare slot with no words around it: elicit the slot instead"


def _sample_key(sample: str, slot_types: Mapping[str, str]) -> str:
    """The sample as Alexa compares them: normalised words, slots replaced by their types."""
    parts = _SLOT_REF.split(sample)
    return " ".join(
        normalise(part) if index % 2 == 0 else "{" + slot_types.get(part, part) + "}"
        for index, part in enumerate(parts)
        if index % 2 == 1 or normalise(part)
    )


def _type_problems(types: list[Any]) -> Iterable[str]:
    seen: set[str] = set()
    for slot_type in types:
        if not isinstance(slot_type, Mapping):
            yield "a slot type entry is not an object"
            continue
        name = str(slot_type.get("name", ""))
        if name in seen:
            yield f"slot type {name} is defined twice"
        seen.add(name)
        if not name:
            yield "a slot type has no name"
        elif not name.startswith("AMAZON.") and not _IDENTIFIER.fullmatch(name):
            yield f"slot type {name!r} may contain only letters and underscores"
        yield from (f"slot type {name}: {p}" for p in _value_problems(slot_type))


def _value_problems(slot_type: Mapping[str, Any]) -> Iterable[str]:
    values = slot_type.get("values") or []
    if not values:
        yield "has no values"
        return
    # Normalised phrase → the canonical value that first listed it.
    owners: dict[str, str] = {}
    ids: set[str] = set()
    for entry in values:
        name = (entry.get("name") or {}) if isinstance(entry, Mapping) else {}
        canonical = str(name.get("value", "")).strip()
        if not canonical:
            yield "has a value with no name.value"
            continue
        value_id = entry.get("id")
        if value_id is not None:
            if value_id in ids:
                yield f"id {value_id!r} is used by two values"
            ids.add(value_id)
        own: set[str] = set()
        for phrase in [canonical, *(name.get("synonyms") or [])]:
            key = normalise(str(phrase))
            if not key:
                yield f"value {canonical!r} has an empty synonym"
                continue
            if key in own:
                yield f"value {canonical!r} lists {phrase!r} twice"
                continue
            own.add(key)
            first = owners.setdefault(key, canonical)
            if first != canonical:
                yield f"{phrase!r} is listed under both {first!r} and {canonical!r}"
