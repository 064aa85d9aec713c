"""Amazon's own JSON schemas for the skill manifest and interaction models, made strict.

The npm package ``ask-smapi-model`` (the Skill Management API's model for
Node.js) ships ``spec.json``, a Swagger 2.0 document. Its ``definitions`` are
JSON Schema draft 4 plus Swagger's own keywords (``discriminator``,
``x-discriminator-value``…), which a draft 4 validator ignores. The ones this
project uploads are :data:`MANIFEST` (``skill.json``) and :data:`MODEL` (one
interaction model per locale).

None of those definitions says ``additionalProperties: false``, so a
misspelt key (``examplePhrase``, ``sample``) would pass plain validation and
only fail, or be silently dropped, at upload. :class:`StrictSchema` therefore
walks each document beside its schema and refuses every key the schema does
not declare, following ``$ref``, ``allOf`` and Swagger's discriminated
subtypes; an ``additionalProperties`` schema (a map such as ``locales``) is
followed, never treated as open.

``scripts/fetch-ask-smapi-model.sh`` caches the pinned package under
``~/.cache/heart-to-heart/``; :func:`load_definitions` runs it when the cache
is empty.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator

REPO = Path(__file__).resolve().parents[2]
FETCH_SCRIPT = REPO / "scripts" / "fetch-ask-smapi-model.sh"

#: The definition of a whole ``skill.json``.
MANIFEST = "v1.skill.Manifest.SkillManifestEnvelope"
#: The definition of one locale's interaction model file.
MODEL = "v1.skill.interactionModel.InteractionModelData"

Schema = Mapping[str, Any]


def install_dir() -> Path:
    """Where scripts/fetch-ask-smapi-model.sh caches the package's spec.json."""
    default = Path.home() / ".cache" / "heart-to-heart" / "ask-smapi-model"
    return Path(os.environ.get("ASK_SMAPI_MODEL_DIR") or default)


def load_definitions(directory: Path | None = None) -> dict[str, Any]:
    """The ``definitions`` of the cached spec.json, fetching the package first if needed."""
    directory = directory or install_dir()
    if not (directory / "spec.json").is_file():
        subprocess.run(["bash", str(FETCH_SCRIPT)], check=True)
    spec = json.loads((directory / "spec.json").read_text(encoding="utf-8"))
    definitions: dict[str, Any] = spec["definitions"]
    return definitions


def _ref_name(schema: Schema) -> str | None:
    ref = schema.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref else None


def _dotted(path: str, key: object) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else str(key)


class StrictSchema:
    """Validates documents against SMAPI definitions, refusing keys they do not declare."""

    def __init__(self, definitions: Mapping[str, Any]) -> None:
        self.definitions = definitions
        # Base definition → {discriminator value → subtype definition}.
        self.subtypes: dict[str, dict[str, str]] = {}
        for name, schema in definitions.items():
            for part in schema.get("allOf", ()):
                base = _ref_name(part)
                value = schema.get("x-discriminator-value")
                if base and value:
                    self.subtypes.setdefault(base, {})[str(value)] = name
        self._validators: dict[str, Draft4Validator] = {}

    def problems(self, document: Any, definition: str) -> list[str]:
        """Every schema violation and every undeclared key, one line each ("path: problem")."""
        found = list(self._violations(document, definition, ""))
        found += self._undeclared(document, {"$ref": f"#/definitions/{definition}"}, "")
        return found

    def _violations(self, document: Any, definition: str, path: str) -> Iterator[str]:
        validator = self._validators.get(definition)
        if validator is None:
            schema = {"$ref": f"#/definitions/{definition}", "definitions": self.definitions}
            validator = self._validators[definition] = Draft4Validator(schema)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
            where = path
            for key in error.absolute_path:
                where = _dotted(where, key)
            yield f"{where or '(document)'}: {error.message}"

    def _parts(self, schema: Schema) -> list[tuple[str | None, Schema]]:
        """The schema with its ``$ref`` followed and its ``allOf`` parts spread out."""
        name = None
        while "$ref" in schema:
            name = _ref_name(schema)
            schema = self.definitions[str(name)]
        parts: list[tuple[str | None, Schema]] = [(name, schema)]
        for part in schema.get("allOf", ()):
            parts.extend(self._parts(part))
        return parts

    def _undeclared(self, document: Any, schema: Schema, path: str) -> list[str]:
        parts = self._parts(schema)
        found: list[str] = []
        if isinstance(document, Mapping):
            for name, part in list(parts):
                field = part.get("discriminator")
                if not (field and name in self.subtypes):
                    continue
                kind = str(document.get(field, ""))
                subtype = self.subtypes[str(name)].get(kind)
                if subtype is None:
                    found.append(f"{_dotted(path, field)}: {kind!r} is not a kind of {name}")
                    continue
                found.extend(self._violations(document, subtype, path))
                # First, so undeclared keys are reported against the most specific kind.
                parts[:0] = self._parts({"$ref": f"#/definitions/{subtype}"})
            found.extend(self._undeclared_keys(document, parts, path))
        elif isinstance(document, list):
            items = next((part["items"] for _, part in parts if "items" in part), None)
            if items is not None:
                for index, item in enumerate(document):
                    found.extend(self._undeclared(item, items, _dotted(path, index)))
        return found

    def _undeclared_keys(
        self, document: Mapping[str, Any], parts: list[tuple[str | None, Schema]], path: str
    ) -> Iterator[str]:
        declared: dict[str, Schema] = {}
        others: Schema | None = None
        for _, part in parts:
            declared.update(part.get("properties", {}))
            if isinstance(part.get("additionalProperties"), Mapping):
                others = part["additionalProperties"]
        owner = next((name for name, _ in parts if name), "the schema")
        for key, value in document.items():
            where = _dotted(path, key)
            if key in declared:
                yield from self._undeclared(value, declared[key], where)
            elif others is not None:
                yield from self._undeclared(value, others, where)
            else:
                yield f"{where}: {key!r} is not a field of {owner}"
