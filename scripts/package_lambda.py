"""Build the AWS Lambda artefact: ``build/heart-to-heart-lambda.zip``.

The zip holds ``lambda_function.py`` at its root, the ``skill`` package from
this repository, and the runtime dependencies the Lambda path needs, copied
from the installed distributions of this virtualenv: every dependency in
``pyproject.toml`` except the web-only ones and boto3, which the Lambda Python
runtime provides, followed through their own requirements. Nothing else goes
in: no tests, no ``__pycache__``, no installer records, no compiled extensions.

Compiled extensions are left out because they were built for this machine's
Python, not for the function's; a dependency whose compiled module has no
pure-Python twin stops the build with an explanation instead of shipping a zip
that fails on its first import. The archive is reproducible (sorted entries,
fixed timestamps), so an unchanged build does not cause a redeploy.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import re
import sys
import tomllib
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "build" / "heart-to-heart-lambda.zip"
ENTRY_POINT = REPO / "lambda" / "lambda_function.py"
PACKAGE = REPO / "skill"

#: The function's runtime and architecture; infra/template.yaml must say the same (a test checks).
TARGET_RUNTIME = "python3.13"
TARGET_ARCHITECTURE = "arm64"

#: Dependencies the Lambda path never imports: the self-hosted web endpoint's.
WEB_ONLY = frozenset({"flask", "gunicorn", "cryptography"})
#: Provided by the Lambda Python runtime; bundling boto3 would add about 20 MB.
RUNTIME_PROVIDED = frozenset({"boto3"})

#: Requirement markers are evaluated for the function's Python on Amazon Linux, not this machine.
MARKER_ENVIRONMENT = {
    "python_version": TARGET_RUNTIME.removeprefix("python"),
    "python_full_version": TARGET_RUNTIME.removeprefix("python") + ".0",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "os_name": "posix",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "aarch64" if TARGET_ARCHITECTURE == "arm64" else "x86_64",
    "extra": "",
}

NATIVE_SUFFIXES = (".so", ".pyd", ".dylib")
#: Of a distribution's .dist-info folder only its metadata and licences are kept.
_KEPT_DIST_INFO = re.compile(r"METADATA|(LICEN[CS]E|COPYING|NOTICE|AUTHORS)[^/]*|licenses/.+")
_SKIPPED_DIRS = frozenset({"__pycache__", "tests", "test"})
_SKIPPED_SUFFIXES = (".pyc", ".pyo", ".pyi")
#: 1980-01-01, the earliest time a zip entry can carry: the same input gives the same bytes.
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class PackagingError(RuntimeError):
    """The artefact cannot be built as asked; the message says why and what to do."""


def lambda_requirements(pyproject: Path = REPO / "pyproject.toml") -> list[Requirement]:
    """The project's dependencies that the Lambda function needs to bundle."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    excluded = WEB_ONLY | RUNTIME_PROVIDED
    return [req for req in requirements if canonicalize_name(req.name) not in excluded]


def dependency_closure(roots: Iterable[Requirement]) -> list[metadata.Distribution]:
    """The installed distributions the roots need, transitively, in a stable order."""
    found: dict[str, metadata.Distribution] = {}
    pending = list(roots)
    while pending:
        requirement = pending.pop()
        if requirement.marker and not requirement.marker.evaluate(MARKER_ENVIRONMENT):
            continue
        name = canonicalize_name(requirement.name)
        if name in found or name in RUNTIME_PROVIDED:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise PackagingError(
                f"{requirement.name} is needed in Lambda but not installed here:"
                " run `make package` (it installs the project first)."
            ) from None
        found[name] = distribution
        pending.extend(Requirement(text) for text in distribution.requires or [])
    return [found[name] for name in sorted(found)]


def distribution_files(distribution: metadata.Distribution) -> Iterator[tuple[str, Path]]:
    """(archive name, source path) for each file of a distribution worth shipping."""
    listed = [PurePosixPath(str(entry)) for entry in distribution.files or []]
    names = {str(path) for path in listed}
    for path in listed:
        # Entries outside site-packages (console scripts in bin/) are not importable code.
        if ".." in path.parts or _skipped(path):
            continue
        info_dir = path.parts[0].endswith(".dist-info")
        if info_dir and not _KEPT_DIST_INFO.fullmatch("/".join(path.parts[1:])):
            continue
        if path.suffix in NATIVE_SUFFIXES:
            _require_pure_twin(distribution, path, names)
            continue
        yield str(path), Path(str(distribution.locate_file(path)))


def _skipped(path: PurePosixPath) -> bool:
    return bool(_SKIPPED_DIRS.intersection(path.parts[:-1])) or path.suffix in _SKIPPED_SUFFIXES


def _require_pure_twin(
    distribution: metadata.Distribution, native: PurePosixPath, names: set[str]
) -> None:
    """Refuse a compiled module that has no pure-Python fallback next to it."""
    module = native.name.split(".", 1)[0]
    twin = native.with_name(f"{module}.py")
    if str(twin) not in names:
        raise PackagingError(
            f"{distribution.metadata['Name']} ships compiled code ({native}) with no pure-Python"
            f" fallback. It cannot be copied from this machine into a {TARGET_RUNTIME}"
            f" {TARGET_ARCHITECTURE} function; install it for that platform instead"
            " (pip install --platform ... --only-binary=:all:)."
        )


def source_files(package: Path = PACKAGE) -> Iterator[tuple[str, Path]]:
    """(archive name, source path) for the skill package: its code and content data."""
    for path in sorted(package.rglob("*")):
        relative = PurePosixPath(path.relative_to(package.parent).as_posix())
        if path.is_file() and not _skipped(relative):
            yield str(relative), path


def archive_entries() -> list[tuple[str, Path]]:
    """Every (archive name, source path) of the artefact, sorted, names unique."""
    entries = [("lambda_function.py", ENTRY_POINT), *source_files()]
    for distribution in dependency_closure(lambda_requirements()):
        entries.extend(distribution_files(distribution))
    entries.sort()
    names = [name for name, _ in entries]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise PackagingError(f"Two sources for the same file in the zip: {duplicates[:5]}")
    return entries


def write_zip(entries: Sequence[tuple[str, Path]], output: Path) -> None:
    """Write a reproducible, world-readable zip (Lambda runs the code as another user)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for name, source in entries:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, source.read_bytes(), compresslevel=9)
    partial.replace(output)


def build(output: Path = DEFAULT_OUTPUT) -> tuple[int, int, int]:
    """Build the artefact; return (files, unzipped bytes, zipped bytes)."""
    entries = archive_entries()
    write_zip(entries, output)
    unzipped = sum(source.stat().st_size for _, source in entries)
    return len(entries), unzipped, output.stat().st_size


def main(argv: Sequence[str] | None = None) -> int:
    """``python scripts/package_lambda.py [--output PATH]``: build and print the size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the zip to write")
    args = parser.parse_args(argv)
    try:
        files, unzipped, zipped = build(args.output)
    except PackagingError as error:
        print(f"package_lambda: {error}", file=sys.stderr)
        return 1
    shown = args.output.resolve()
    shown = shown.relative_to(REPO) if shown.is_relative_to(REPO) else shown
    print(
        f"{shown}: {zipped / 1e6:.1f} MB zipped ({files} files, {unzipped / 1e6:.1f} MB unzipped)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
