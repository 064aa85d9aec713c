"""Lint the skill manifest's example phrases against the rules certification applies.

Amazon shows up to three example phrases on the skill's page, and its
reviewers say each one to a device. A phrase fails certification when it does
not use the invocation name with a supported launch pattern, when the first
one does more than open the skill, or when its request part is not one of
that locale's sample utterances (slot values included). So every phrase of
every locale is checked here, with the locale's own model, by
``heart-to-heart check-model``.

Supported patterns, from Amazon's "Understanding how users invoke custom
skills" (``NAME`` is the locale's invocation name, ``REQUEST`` a sample):

* the first phrase: "Alexa, open NAME" (or launch, start, begin, load, run,
  use, talk to);
* the others: "Alexa, ask NAME to|for|about|if|whether REQUEST", "Alexa, ask
  NAME REQUEST" (a question), "Alexa, tell NAME to|that REQUEST", "Alexa,
  tell NAME REQUEST", or "Alexa, open NAME and REQUEST" (any opening verb).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import skill
from skill.local.nlu import FALLBACK_INTENT, ModelError, Nlu, normalise

WAKE = "Alexa, "
MAX_EXAMPLE_PHRASES = 3
#: Verbs that open a skill by name, with nothing after it but "and REQUEST".
OPENING_VERBS = ("open", "launch", "start", "begin", "load", "run", "use", "talk to")
#: Verb → the connecting words that may stand between the name and the request ("" = none).
ONE_SHOT_CONNECTORS: dict[str, tuple[str, ...]] = {
    "ask": ("to", "for", "about", "if", "whether", ""),
    "tell": ("to", "that", ""),
    **{verb: ("and",) for verb in OPENING_VERBS},
}


@dataclass(frozen=True)
class Invocation:
    """An example phrase taken apart: the launch verb, the connecting word, the request."""

    verb: str
    connector: str = ""
    request: str = ""

    @property
    def opens_only(self) -> bool:
        return not self.request


def parse_invocation(phrase: str, invocation_name: str) -> Invocation | None:
    """The phrase's launch pattern, or None when it invokes ``invocation_name`` in no known way.

    "Alexa, ask heart talks to start a check-in" → ("ask", "to", "start a check in").
    """
    words = normalise(phrase.removeprefix(WAKE))
    name = re.escape(normalise(invocation_name))
    verbs = "|".join(re.escape(verb) for verb in ONE_SHOT_CONNECTORS)
    found = re.fullmatch(rf"(?P<verb>{verbs}) {name}(?: (?P<rest>.+))?", words)
    if found is None:
        return None
    verb, rest = found["verb"], found["rest"] or ""
    if not rest:
        return Invocation(verb) if verb in OPENING_VERBS else None
    first, _, after = rest.partition(" ")
    for connector in ONE_SHOT_CONNECTORS[verb]:
        if connector and first == connector and after:
            return Invocation(verb, connector, after)
    if "" in ONE_SHOT_CONNECTORS[verb]:
        return Invocation(verb, "", rest)
    return None


def lint_manifest(manifest: Any, models: Mapping[str, Any], label: str = "skill.json") -> list[str]:
    """Problems with the example phrases of ``manifest`` (a parsed ``skill.json``).

    ``models`` maps each locale ("en-US") to its parsed interaction model (None
    for one that could not be read). Every line starts with ``label``.
    """
    try:
        listings = manifest["manifest"]["publishingInformation"]["locales"]
        listings.items()
    except (KeyError, TypeError, AttributeError):
        return [f"{label}: missing manifest.publishingInformation.locales"]
    problems: list[str] = []
    for locale in sorted(set(models) - set(listings)):
        problems.append(f"{label}: {locale}.json has no listing in publishingInformation.locales")
    for locale, listing in sorted(listings.items()):
        if locale not in models:
            problems.append(f"{label}: {locale} has no interaction model ({locale}.json)")
            continue
        if models[locale] is None:
            continue  # unreadable: the model linter says why
        try:
            nlu = Nlu(models[locale])
        except ModelError as error:
            problems.append(f"{label}: {locale}: {error}")
            continue
        phrases = listing.get("examplePhrases") if isinstance(listing, Mapping) else None
        found = example_phrase_problems(phrases, nlu, _samples(models[locale]), locale)
        problems.extend(f"{label}: {locale} {problem}" for problem in found)
    return problems


def example_phrase_problems(
    phrases: Any, nlu: Nlu, samples: Mapping[str, set[str]], locale: str
) -> Iterable[str]:
    """One locale's example phrases against its model (``samples``: intent → its samples)."""
    if not isinstance(phrases, list) or not phrases:
        yield "has no example phrases"
        return
    if len(phrases) > MAX_EXAMPLE_PHRASES:
        yield f"has {len(phrases)} example phrases; at most {MAX_EXAMPLE_PHRASES} are allowed"
    name = nlu.invocation_name
    seen: set[str] = set()
    for number, phrase in enumerate(phrases, start=1):
        where = f"example phrase {number} {phrase!r}"
        if not isinstance(phrase, str):
            yield f"{where} is not text"
            continue
        if normalise(phrase) in seen:
            yield f"{where} repeats an earlier one"
            continue
        seen.add(normalise(phrase))
        if not phrase.startswith(WAKE):
            yield f"{where} must start with the wake word: {WAKE!r}"
            continue
        invocation = parse_invocation(phrase, name)
        if invocation is None:
            if f" {name} " not in f" {normalise(phrase)} ":
                yield f"{where} does not say the invocation name {name!r}"
            else:
                yield (
                    f'{where} does not use a supported launch pattern: "Alexa, open {name}",'
                    f' "Alexa, ask {name} to …", "Alexa, tell {name} …"'
                )
            continue
        if number == 1 and not invocation.opens_only:
            yield f'{where} must simply open the skill, as in "Alexa, open {name}"'
        elif number > 1 and invocation.opens_only:
            yield f"{where} only opens the skill: after the first, each phrase shows a request"
        elif not invocation.opens_only:
            matched = _matched_intent(invocation, nlu, samples)
            if matched is None:
                yield (
                    f"{where}: {invocation.request!r} is not a sample utterance of {locale}.json"
                    " (or a slot value in it is not one of its type's values)"
                )
            elif not matched[1]:
                yield (
                    f"{where}: {invocation.request!r} is only Alexa's own phrase for"
                    f" {matched[0]}, not a sample utterance of {locale}.json"
                )


def _matched_intent(
    invocation: Invocation, nlu: Nlu, samples: Mapping[str, set[str]]
) -> tuple[str, bool] | None:
    """(intent, whether by one of the model's own samples) for the request, or None.

    The request is tried without, then with, its connecting word. Alexa's own
    phrases for built-in intents ("help") match too, but certification asks for
    the model's sample utterances, so those come back marked False.
    """
    candidates = [invocation.request]
    if invocation.connector:
        candidates.append(f"{invocation.connector} {invocation.request}")
    builtin: tuple[str, bool] | None = None
    for text in candidates:
        found = nlu.understand(text)
        if found.intent is None or found.intent == FALLBACK_INTENT:
            continue
        if found.sample in samples.get(found.intent, set()):
            return found.intent, True
        builtin = builtin or (found.intent, False)
    return builtin


def _samples(model: Any) -> dict[str, set[str]]:
    intents = model["interactionModel"]["languageModel"].get("intents") or []
    return {str(i.get("name")): {str(s) for s in i.get("samples") or []} for i in intents}


def lint_manifest_file(manifest_path: Path, models_path: Path) -> list[str]:
    """Lint a ``skill.json`` with the models in a folder (or one model file)."""
    label = manifest_path.name
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return [f"{label}: cannot read: {error}"]
    except json.JSONDecodeError as error:
        return [f"{label}: not valid JSON: {error}"]
    files = sorted(models_path.glob("*.json")) if models_path.is_dir() else [models_path]
    models: dict[str, Any] = {}
    for file in files:
        try:
            models[file.stem] = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            models[file.stem] = None
    return lint_manifest(manifest, models, label)


def checkout_manifest() -> Path | None:
    """``infra/skill.json`` when the package runs from a checkout of the repository, else None."""
    path = Path(skill.__file__).resolve().parents[1] / "infra" / "skill.json"
    return path if path.is_file() else None


def count_example_phrases(manifest_path: Path) -> int:
    """How many example phrases the manifest lists, over all locales (for the summary line)."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    listings = manifest["manifest"]["publishingInformation"]["locales"].values()
    return sum(len(listing.get("examplePhrases") or []) for listing in listings)
