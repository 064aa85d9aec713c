"""The skill package Amazon receives, checked against Amazon's own schemas.

The manifest (``infra/skill.json``) and every locale's interaction model are
validated against the definitions in the npm package ``ask-smapi-model``, with
every key the schema does not declare refused (see
:mod:`tests.support.smapi_schema`).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from skill.local.nlu import models_dir
from tests.support.smapi_schema import MANIFEST, MODEL, StrictSchema, load_definitions

REPO = Path(__file__).resolve().parents[2]
MANIFEST_FILE = REPO / "infra" / "skill.json"

JsonObject = dict[str, Any]


@pytest.fixture(scope="module")
def smapi() -> StrictSchema:
    return StrictSchema(load_definitions())


@pytest.fixture
def manifest() -> JsonObject:
    loaded: JsonObject = json.loads(MANIFEST_FILE.read_text(encoding="utf-8"))
    return loaded


def model_files() -> list[Path]:
    return sorted(models_dir().glob("*.json"))


def test_the_manifest_matches_amazons_schema(smapi: StrictSchema, manifest: JsonObject) -> None:
    assert smapi.problems(manifest, MANIFEST) == []


@pytest.mark.parametrize("path", model_files(), ids=lambda path: path.name)
def test_every_interaction_model_matches_amazons_schema(smapi: StrictSchema, path: Path) -> None:
    assert smapi.problems(json.loads(path.read_text(encoding="utf-8")), MODEL) == []


def test_an_unknown_key_passes_plain_validation_but_not_the_strict_check(
    smapi: StrictSchema, manifest: JsonObject
) -> None:
    listing = manifest["manifest"]["publishingInformation"]["locales"]["en-US"]
    listing["examplePhrase"] = listing.pop("examplePhrases")
    plain = Draft4Validator({"$ref": f"#/definitions/{MANIFEST}", "definitions": smapi.definitions})
    assert list(plain.iter_errors(manifest)) == []
    assert smapi.problems(manifest, MANIFEST) == [
        "manifest.publishingInformation.locales.en-US.examplePhrase: 'examplePhrase' is not a "
        "field of v1.skill.Manifest.SkillManifestLocalizedPublishingInformation"
    ]


def test_unknown_keys_are_found_inside_lists_and_maps(smapi: StrictSchema) -> None:
    model = json.loads(model_files()[0].read_text(encoding="utf-8"))
    broken = copy.deepcopy(model)
    language = broken["interactionModel"]["languageModel"]
    language["intents"][0]["sample"] = ["typo for samples"]
    language["types"][0]["values"][0]["name"]["synonym"] = ["typo for synonyms"]
    assert smapi.problems(broken, MODEL) == [
        "interactionModel.languageModel.intents[0].sample: 'sample' is not a field of "
        "v1.skill.interactionModel.Intent",
        "interactionModel.languageModel.types[0].values[0].name.synonym: 'synonym' is not a "
        "field of v1.skill.interactionModel.TypeValueObject",
    ]


def test_discriminated_subtypes_are_checked_as_their_own_kind(smapi: StrictSchema) -> None:
    slot_type = {"name": "Mood", "valueSupplier": {"type": "InlineValueSupplier", "values": []}}
    model = {"interactionModel": {"languageModel": {"invocationName": "heart talks"}}}
    model["interactionModel"]["languageModel"] |= {
        "intents": [{"name": "AMAZON.HelpIntent", "samples": []}],
        "types": [slot_type],
    }
    assert smapi.problems(model, MODEL) == []
    slot_type["valueSupplier"] = {"type": "InlineValueSupplier", "values": 3, "extra": 1}
    assert smapi.problems(model, MODEL) == [
        "interactionModel.languageModel.types[0].valueSupplier.values: 3 is not of type 'array'",
        "interactionModel.languageModel.types[0].valueSupplier.extra: 'extra' is not a field of "
        "v1.skill.interactionModel.InlineValueSupplier",
    ]
    slot_type["valueSupplier"] = {"type": "MagicSupplier"}
    assert smapi.problems(model, MODEL) == [
        "interactionModel.languageModel.types[0].valueSupplier.type: 'MagicSupplier' is not a "
        "kind of v1.skill.interactionModel.ValueSupplier"
    ]


def test_schema_violations_name_the_field(smapi: StrictSchema, manifest: JsonObject) -> None:
    publishing = manifest["manifest"]["publishingInformation"]
    publishing["distributionMode"] = "EVERYONE"
    publishing["locales"]["en-GB"]["examplePhrases"] = [1]
    assert smapi.problems(manifest, MANIFEST) == [
        "manifest.publishingInformation.distributionMode: 'EVERYONE' is not one of "
        "['PRIVATE', 'PUBLIC']",
        "manifest.publishingInformation.locales.en-GB.examplePhrases[0]: 1 is not of type 'string'",
    ]
