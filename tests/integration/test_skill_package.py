"""The skill package Amazon receives: built by ``make skill-package``, checked offline.

The manifest (``infra/skill.json``) and every locale's interaction model are
validated against the definitions in the npm package ``ask-smapi-model``, with
every key the schema does not declare refused (see
:mod:`tests.support.smapi_schema`); so is the package
``scripts/build_skill_package.py`` assembles from them, with its icons.
"""

from __future__ import annotations

import copy
import json
import re
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from scripts import build_skill_package as packager
from skill.content.care import care_lines
from skill.local.nlu import FALLBACK_INTENT, load_nlu, models_dir
from skill.turn import ANSWER_INTENT, ANSWER_SLOT
from tests.support.smapi_schema import MANIFEST, MODEL, StrictSchema, load_definitions

REPO = Path(__file__).resolve().parents[2]
MANIFEST_FILE = REPO / "infra" / "skill.json"

JsonObject = dict[str, Any]


@pytest.fixture(scope="module")
def smapi() -> StrictSchema:
    return StrictSchema(load_definitions())


@pytest.fixture
def skill_manifest() -> JsonObject:
    loaded: JsonObject = json.loads(MANIFEST_FILE.read_text(encoding="utf-8"))
    return loaded


def model_files() -> list[Path]:
    return sorted(models_dir().glob("*.json"))


def test_the_manifest_matches_amazons_schema(
    smapi: StrictSchema, skill_manifest: JsonObject
) -> None:
    assert smapi.problems(skill_manifest, MANIFEST) == []


@pytest.mark.parametrize("path", model_files(), ids=lambda path: path.name)
def test_every_interaction_model_matches_amazons_schema(smapi: StrictSchema, path: Path) -> None:
    assert smapi.problems(json.loads(path.read_text(encoding="utf-8")), MODEL) == []


def test_an_unknown_key_passes_plain_validation_but_not_the_strict_check(
    smapi: StrictSchema, skill_manifest: JsonObject
) -> None:
    listing = skill_manifest["manifest"]["publishingInformation"]["locales"]["en-US"]
    listing["examplePhrase"] = listing.pop("examplePhrases")
    plain = Draft4Validator({"$ref": f"#/definitions/{MANIFEST}", "definitions": smapi.definitions})
    assert list(plain.iter_errors(skill_manifest)) == []
    assert smapi.problems(skill_manifest, MANIFEST) == [
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


def test_schema_violations_name_the_field(smapi: StrictSchema, skill_manifest: JsonObject) -> None:
    publishing = skill_manifest["manifest"]["publishingInformation"]
    publishing["distributionMode"] = "EVERYONE"
    publishing["locales"]["en-GB"]["examplePhrases"] = [1]
    assert smapi.problems(skill_manifest, MANIFEST) == [
        "manifest.publishingInformation.distributionMode: 'EVERYONE' is not one of "
        "['PRIVATE', 'PUBLIC']",
        "manifest.publishingInformation.locales.en-GB.examplePhrases[0]: 1 is not of type 'string'",
    ]


# --- the package -----------------------------------------------------------------------------

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:heart-to-heart-skill"
SKILL_ID = "amzn1.ask.skill.3d25f9a4-7c06-4ad8-bd5e-2f3c0e9a1b77"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as ``make skill-package SKILL_ENDPOINT=… SKILL_ID=…`` builds it."""
    try:
        import cairosvg  # noqa: F401  (loads the cairo library)
    except OSError:
        subprocess.run(["bash", str(REPO / "scripts" / "ensure-libcairo.sh")], check=True)
    output = tmp_path_factory.mktemp("build") / "skill-package"
    packager.build(output, endpoint=LAMBDA, skill_id=SKILL_ID)
    return output


def packaged_manifest(package: Path) -> JsonObject:
    loaded: JsonObject = json.loads((package / "skill.json").read_text(encoding="utf-8"))
    return loaded


def test_the_package_has_the_ask_cli_layout(package: Path) -> None:
    files = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    locales = [path.stem for path in model_files()]
    assert files == {
        "skill.json",
        *(f"interactionModels/custom/{locale}.json" for locale in locales),
        *(
            f"assets/images/{locale}_{icon}.png"
            for locale in locales
            for icon in packager.ICON_SIZES
        ),
    }
    assert json.loads((package.parent / "ask-resources.json").read_text()) == {
        "askcliResourcesVersion": "2020-03-31",
        "profiles": {"default": {"skillMetadata": {"src": "./skill-package"}}},
    }
    states = json.loads((package.parent / ".ask" / "ask-states.json").read_text())
    assert states["profiles"]["default"]["skillId"] == SKILL_ID


def test_the_packaged_manifest_is_infra_skill_json_with_the_endpoint(
    package: Path, skill_manifest: JsonObject, smapi: StrictSchema
) -> None:
    packaged = packaged_manifest(package)
    assert smapi.problems(packaged, MANIFEST) == []
    assert packaged["manifest"]["apis"]["custom"]["endpoint"] == {"uri": LAMBDA}
    assert packaged["manifest"]["events"]["endpoint"] == {"uri": LAMBDA}
    for body in (packaged, skill_manifest):
        del body["manifest"]["apis"]["custom"]["endpoint"], body["manifest"]["events"]["endpoint"]
    assert packaged == skill_manifest


@pytest.mark.parametrize("path", model_files(), ids=lambda path: path.name)
def test_the_packaged_models_are_the_skills_own(package: Path, path: Path) -> None:
    packaged = package / "interactionModels" / "custom" / path.name
    assert packaged.read_bytes() == path.read_bytes()


def png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of a PNG, read by hand."""
    assert data.startswith(PNG_SIGNATURE)
    position, chunks = len(PNG_SIGNATURE), {}
    idat = b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        crc = struct.unpack(">I", data[position + 8 + length : position + 12 + length])[0]
        assert zlib.crc32(kind + body) == crc, kind
        chunks.setdefault(kind, body)
        idat += body if kind == b"IDAT" else b""
        position += 12 + length
    assert kind == b"IEND"
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6)  # 8-bit RGB or RGBA
    pixels = zlib.decompress(idat)
    assert len(pixels) == height * (1 + width * (3 if colour == 2 else 4))
    return width, height, pixels


def test_every_icon_the_manifest_names_is_a_png_of_the_size_amazon_requires(
    package: Path,
) -> None:
    listings = packaged_manifest(package)["manifest"]["publishingInformation"]["locales"]
    for locale, listing in listings.items():
        for field, size in packager.ICON_SIZES.items():
            uri = listing[field]
            assert uri == f"file://assets/images/{locale}_{field}.png"
            width, height, pixels = png_size_and_pixels((package / uri[7:]).read_bytes())
            assert (width, height) == (size, size)
            # A picture, not a blank square: many distinct byte values.
            assert len(set(pixels)) > 64


def test_an_icon_outside_the_package_is_refused(skill_manifest: JsonObject) -> None:
    listing = skill_manifest["manifest"]["publishingInformation"]["locales"]["en-US"]
    listing["smallIconUri"] = "https://example.com/icon.png"
    with pytest.raises(packager.PackageError) as refused:
        list(packager.icon_files(skill_manifest))
    assert str(refused.value) == (
        "en-US smallIconUri must be a file:// path inside the package, such as "
        "\"file://assets/images/en-US_smallIconUri.png\", not 'https://example.com/icon.png'"
    )


def test_endpoints_are_set_for_requests_and_events_or_left_out(
    skill_manifest: JsonObject, smapi: StrictSchema
) -> None:
    packager.set_endpoint(skill_manifest, "https://skill.example.org/alexa")
    body = skill_manifest["manifest"]
    expected = {"uri": "https://skill.example.org/alexa", "sslCertificateType": "Trusted"}
    assert body["apis"]["custom"]["endpoint"] == body["events"]["endpoint"] == expected
    assert smapi.problems(skill_manifest, MANIFEST) == []
    packager.set_endpoint(skill_manifest, None)
    assert "endpoint" not in body["apis"]["custom"] and "events" not in body
    assert smapi.problems(skill_manifest, MANIFEST) == []


def test_a_manifest_check_model_refuses_is_not_packaged(
    tmp_path: Path, skill_manifest: JsonObject
) -> None:
    listing = skill_manifest["manifest"]["publishingInformation"]["locales"]["en-GB"]
    listing["examplePhrases"] = ["Alexa, open heart to heart"]
    broken = tmp_path / "skill.json"
    broken.write_text(json.dumps(skill_manifest))
    with pytest.raises(packager.PackageError) as refused:
        packager.build(tmp_path / "skill-package", manifest_path=broken)
    assert str(refused.value) == (
        "skill.json: en-GB example phrase 1 'Alexa, open heart to heart' does not say the "
        "invocation name 'heart talks'"
    )
    assert not (tmp_path / "skill-package").exists()


def test_the_command_lists_what_it_wrote_and_what_is_still_a_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert packager.main(["--output", str(tmp_path / "skill-package")]) == 0
    captured = capsys.readouterr()
    assert "skill-package/skill.json" in captured.out.splitlines()
    assert "ask-resources.json" in captured.out.splitlines()
    assert "the endpoint is still the placeholder ARN" in captured.err
    assert "en-US privacyPolicyUrl is still a placeholder" in captured.err


# --- the store listing -------------------------------------------------------------------------

#: Amazon's skill categories (the manifest's publishingInformation.category), from the skill
#: manifest documentation; ask-smapi-model's schema leaves the field a free string.
_CATEGORY_NAMES = """
    ALARMS_AND_CLOCKS ASTROLOGY BUSINESS_AND_FINANCE CALCULATORS CALENDARS_AND_REMINDERS
    CHILDRENS_EDUCATION_AND_REFERENCE CHILDRENS_GAMES CHILDRENS_MUSIC_AND_AUDIO
    CHILDRENS_NOVELTY_AND_HUMOR COMMUNICATION CONNECTED_CAR COOKING_AND_RECIPE
    CURRENCY_GUIDES_AND_CONVERTERS DATING DELIVERY_AND_TAKEOUT DEVICE_TRACKING
    EDUCATION_AND_REFERENCE EVENT_FINDERS EXERCISE_AND_WORKOUT FASHION_AND_STYLE FLIGHT_FINDERS
    FRIENDS_AND_FAMILY GAME_INFO_AND_ACCESSORY GAMES HEALTH_AND_FITNESS HOTEL_FINDERS
    KNOWLEDGE_AND_TRIVIA MOVIE_AND_TV_KNOWLEDGE_AND_TRIVIA MOVIE_INFO_AND_REVIEWS MOVIE_SHOWTIMES
    MUSIC_AND_AUDIO_ACCESSORIES MUSIC_AND_AUDIO_KNOWLEDGE_AND_TRIVIA
    MUSIC_INFO_REVIEWS_AND_RECOGNITION_SERVICE NAVIGATION_AND_TRIP_PLANNER NEWS NOVELTY
    ORGANIZERS_AND_ASSISTANTS PETS_AND_ANIMAL PODCAST PUBLIC_TRANSPORTATION
    RELIGION_AND_SPIRITUALITY RESTAURANT_BOOKING_INFO_AND_REVIEW SCHOOLS SCORE_KEEPING
    SELF_IMPROVEMENT SHOPPING SMART_HOME SOCIAL_NETWORKING SPORTS_GAMES SPORTS_NEWS
    STREAMING_SERVICE TAXI_AND_RIDESHARING TO_DO_LISTS_AND_NOTES TRANSLATORS TV_GUIDES
    UNIT_CONVERTERS WEATHER WINE_AND_BEVERAGE ZIP_CODE_LOOKUP
"""
AMAZON_CATEGORIES = frozenset(_CATEGORY_NAMES.split())
#: The store's own limit on the skill's name (the schema only asks for two characters).
NAME_LIMIT = 50
#: Quoted in the testing instructions as how to begin an answer, not as utterances.
CARRIER_WORDS = frozenset({"I think", "I'd say"})


def listings(manifest: JsonObject) -> dict[str, JsonObject]:
    found: dict[str, JsonObject] = manifest["manifest"]["publishingInformation"]["locales"]
    return found


def test_listing_text_fits_the_schemas_limits(
    smapi: StrictSchema, skill_manifest: JsonObject
) -> None:
    definitions = smapi.definitions
    local = definitions["v1.skill.Manifest.SkillManifestLocalizedPublishingInformation"]
    fields = local["properties"]
    for locale, listing in listings(skill_manifest).items():
        assert 2 <= len(listing["name"]) <= NAME_LIMIT
        for field in ("summary", "description"):
            assert 0 < len(listing[field]) <= fields[field]["maxLength"], (locale, field)
        for field in ("examplePhrases", "keywords"):
            assert 0 < len(listing[field]) <= fields[field]["maxItems"], (locale, field)
            limit = fields[field]["items"]["maxLength"]
            assert all(len(item) <= limit for item in listing[field]), (locale, field)
    publishing = definitions["v1.skill.Manifest.SkillManifestPublishingInformation"]
    limit = publishing["properties"]["testingInstructions"]["maxLength"]
    assert (
        0 < len(skill_manifest["manifest"]["publishingInformation"]["testingInstructions"]) <= limit
    )


def test_the_category_is_one_of_amazons(skill_manifest: JsonObject) -> None:
    assert skill_manifest["manifest"]["publishingInformation"]["category"] in AMAZON_CATEGORIES


@pytest.mark.parametrize(("locale", "country"), [("en-US", "US"), ("en-GB", "GB")])
def test_the_description_says_it_is_not_therapy_and_names_crisis_help(
    skill_manifest: JsonObject, locale: str, country: str
) -> None:
    description = " ".join(listings(skill_manifest)[locale]["description"].split())
    assert "is not therapy, counselling or medical advice" in description
    assert "not a crisis service" in description
    assert {"US": "988", "GB": "Samaritans free on 116 123"}[country] in description
    # Every number the skill itself gives in a crisis, for that country.
    card = care_lines("en-US", locale).card
    for number in re.findall(r"\d[\d -]*\d", card):
        assert number in description, number


def test_the_testing_instructions_walk_reviewers_through_every_feature(
    skill_manifest: JsonObject,
) -> None:
    instructions = skill_manifest["manifest"]["publishingInformation"]["testingInstructions"]
    for topic in (
        "Check-in alone",
        '"just me"',
        "Check-in together",
        '"both of us"',
        "voice profiles",
        "Reminders (reminders permission)",
        "permission card",
        "Journal",
        '"keep our answers"',
        "Erasure by voice",
        '"Delete our data"',
        '"forget tonight"',
        "Erasure by disabling",
        "SkillDisabled",
    ):
        assert topic in instructions, topic


#: What every question of the skill elicits.
ELICITED = (ANSWER_INTENT, ANSWER_SLOT)


def test_every_phrase_reviewers_are_told_to_say_is_understood(skill_manifest: JsonObject) -> None:
    instructions = skill_manifest["manifest"]["publishingInformation"]["testingInstructions"]
    quoted = {*re.findall(r'"([^"]+)"', instructions)} - CARRIER_WORDS
    for locale, listing in listings(skill_manifest).items():
        nlu = load_nlu(locale)
        for phrase in quoted | {*re.findall(r'"([^"]+)"', listing["description"])}:
            # Said to open the skill, or in answer to one of its questions (elicited).
            heard = (nlu.understand(phrase), nlu.understand(phrase, eliciting=ELICITED))
            assert any(h.intent != FALLBACK_INTENT for h in heard), (locale, phrase)
