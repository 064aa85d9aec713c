"""Assemble the skill package Amazon takes: ``build/skill-package/`` in the ASK CLI layout.

Everything comes from the files the rest of the project already uses, so
nothing is copied by hand::

    build/ask-resources.json                      for `ask deploy` (skill metadata only)
    build/skill-package/skill.json                infra/skill.json (endpoint filled in)
    build/skill-package/interactionModels/custom/<locale>.json
                                                  skill/interaction_models/<locale>.json
    build/skill-package/assets/images/<locale>_smallIconUri.png   108×108 } rendered from
    build/skill-package/assets/images/<locale>_largeIconUri.png   512×512 } infra/icons/icon.svg

The manifest names its icons as ``file://assets/images/…`` paths inside the
package, which the ASK CLI uploads with it; each one is rendered at the size
its field requires. Before writing anything the models and the manifest's
example phrases go through ``heart-to-heart check-model``'s checks, so a
package that certification would refuse for them is never built.

``--endpoint`` puts the skill's Lambda ARN or HTTPS URL in the manifest (for
requests and events alike); ``--no-endpoint`` leaves both out, for creating
the skill before its function exists. ``--skill-id`` writes
``build/.ask/ask-states.json`` so `ask deploy` updates that skill instead of
creating a new one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "infra" / "skill.json"
ICON_SOURCE = REPO / "infra" / "icons" / "icon.svg"
DEFAULT_OUTPUT = REPO / "build" / "skill-package"

#: The manifest's icon fields and the square size in pixels Amazon requires for each.
ICON_SIZES = {"smallIconUri": 108, "largeIconUri": 512}
#: What the manifest says before a deployment fills it in (see infra/README.md).
PLACEHOLDER_ACCOUNT = ":000000000000:"
PLACEHOLDER_HOST = "example.com"
ASK_CLI_VERSION = "2020-03-31"

JsonObject = dict[str, Any]


class PackageError(Exception):
    """The package cannot be built; the message says why, one problem a line."""


def render_icon(size: int, source: Path = ICON_SOURCE) -> bytes:
    """The icon as a ``size``×``size`` PNG."""
    try:
        import cairosvg
    except OSError as error:  # cairosvg loads the C library cairo when imported
        raise PackageError(
            f"cairosvg cannot load the cairo library ({error}): run bash scripts/ensure-libcairo.sh"
        ) from error
    png: bytes = cairosvg.svg2png(url=str(source), output_width=size, output_height=size)
    return png


def check_sources(manifest_path: Path, models: Path) -> None:
    """Refuse to package models or example phrases that check-model refuses."""
    from skill.local.manifest_lint import lint_manifest_file
    from skill.local.model_lint import lint_path

    problems = [*lint_path(models).problems, *lint_manifest_file(manifest_path, models)]
    if problems:
        raise PackageError("\n".join(problems))


def set_endpoint(manifest: JsonObject, endpoint: str | None) -> None:
    """Point requests and events at ``endpoint``, or (None) drop both endpoints."""
    body = manifest["manifest"]
    if endpoint is None:
        body["apis"]["custom"].pop("endpoint", None)
        body.pop("events", None)
        return
    target: JsonObject = {"uri": endpoint}
    if endpoint.startswith("https://"):
        target["sslCertificateType"] = "Trusted"
    body["apis"]["custom"]["endpoint"] = dict(target)
    if "events" in body:
        body["events"]["endpoint"] = dict(target)


def icon_files(manifest: JsonObject) -> Iterator[tuple[PurePosixPath, int]]:
    """(path inside the package, size) for every icon the manifest names."""
    for locale, listing in manifest["manifest"]["publishingInformation"]["locales"].items():
        for field, size in ICON_SIZES.items():
            uri = str(listing.get(field, ""))
            path = PurePosixPath(uri.removeprefix("file://"))
            if not uri.startswith("file://") or path.is_absolute() or ".." in path.parts:
                raise PackageError(
                    f"{locale} {field} must be a file:// path inside the package, "
                    f'such as "file://assets/images/{locale}_{field}.png", not {uri!r}'
                )
            yield path, size


def placeholder_warnings(manifest: JsonObject) -> list[str]:
    """What still needs filling in before certification (see infra/README.md)."""
    body = manifest["manifest"]
    warnings = []
    endpoints = [body["apis"]["custom"].get("endpoint"), body.get("events", {}).get("endpoint")]
    if any(PLACEHOLDER_ACCOUNT in str((e or {}).get("uri", "")) for e in endpoints):
        warnings.append("the endpoint is still the placeholder ARN: pass --endpoint ARN_OR_URL")
    for locale, urls in body["privacyAndCompliance"]["locales"].items():
        for field, url in urls.items():
            if PLACEHOLDER_HOST in url:
                warnings.append(f"{locale} {field} is still a placeholder: {url}")
    return warnings


def build(
    output: Path = DEFAULT_OUTPUT,
    *,
    endpoint: str | None = "",
    skill_id: str | None = None,
    manifest_path: Path = MANIFEST,
    models: Path | None = None,
) -> list[Path]:
    """Write the package to ``output`` (replacing it) and return the files written.

    ``endpoint``: "" keeps the manifest's own, None leaves the endpoints out.
    """
    from skill.local.nlu import models_dir

    models = models or models_dir()
    check_sources(manifest_path, models)
    manifest: JsonObject = json.loads(manifest_path.read_text(encoding="utf-8"))
    if endpoint != "":
        set_endpoint(manifest, endpoint)
    icons = sorted(set(icon_files(manifest)))
    if output.exists():
        shutil.rmtree(output)
    written = [_write_json(output / "skill.json", manifest)]
    for model in sorted(models.glob("*.json")):
        target = output / "interactionModels" / "custom" / model.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(model, target)
        written.append(target)
    rendered = {size: render_icon(size) for size in {size for _, size in icons}}
    for path, size in icons:
        target = output.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(rendered[size])
        written.append(target)
    resources = {
        "askcliResourcesVersion": ASK_CLI_VERSION,
        "profiles": {"default": {"skillMetadata": {"src": f"./{output.name}"}}},
    }
    written.append(_write_json(output.parent / "ask-resources.json", resources))
    if skill_id:
        states = {
            "askcliStatesVersion": ASK_CLI_VERSION,
            "profiles": {"default": {"skillId": skill_id}},
        }
        written.append(_write_json(output.parent / ".ask" / "ask-states.json", states))
    return written


def _write_json(path: Path, document: JsonObject) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the package folder")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--endpoint", default="", help="the skill's Lambda ARN or HTTPS URL")
    where.add_argument(
        "--no-endpoint",
        dest="endpoint",
        action="store_const",
        const=None,
        help="leave the endpoints out (to create the skill before its function exists)",
    )
    parser.add_argument("--skill-id", help="the skill `ask deploy` should update")
    args = parser.parse_args(argv)
    try:
        written = build(args.output, endpoint=args.endpoint, skill_id=args.skill_id)
    except PackageError as error:
        print(f"build_skill_package: {error}", file=sys.stderr)
        return 1
    with open(args.output / "skill.json", encoding="utf-8") as file:
        for warning in placeholder_warnings(json.load(file)):
            print(f"build_skill_package: warning: {warning}", file=sys.stderr)
    root = args.output.parent
    for path in written:
        print(path.relative_to(root) if path.is_relative_to(root) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
