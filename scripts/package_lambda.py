"""Build the AWS Lambda artefact: ``build/heart-to-heart-lambda.zip``.

The zip holds ``lambda_function.py`` at its root, the ``skill`` package from
this repository, and the runtime dependencies the Lambda path needs, copied
from the installed distributions of this virtualenv: every dependency in
``pyproject.toml`` except the web-only ones and boto3, which the Lambda Python
runtime provides, followed through their own requirements. Nothing else goes
in: no tests, no installer records, no compiled extensions, and no bytecode
but what the function's own Python compiles here.

That bytecode is the largest saving on a cold start: ``/var/task`` is
read-only, so without ``.pyc`` files Lambda compiles every module the skill
imports, at every cold start. When a Python of the function's version is on
this machine (``python3.13`` on PATH, or one pyenv installed), it compiles
every module into ``__pycache__`` with unchecked-hash invalidation: the files
name no build time, and Lambda never re-reads the source to validate them. When
there is none, the zip is built without bytecode and a warning says so.

Compiled extensions are left out because they were built for this machine's
Python, not for the function's; a dependency whose compiled module has no
pure-Python twin stops the build with an explanation instead of shipping a zip
that fails on its first import. The archive is reproducible (sorted entries,
fixed timestamps), so an unchanged build does not cause a redeploy.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
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

#: The bytecode tag of the function's Python: its .pyc files are named ``module.cpython-313.pyc``.
TARGET_CACHE_TAG = "cpython-" + TARGET_RUNTIME.removeprefix("python").replace(".", "")
#: Where Lambda unpacks the function; compiled code names its files under it, as tracebacks will.
LAMBDA_TASK_ROOT = "/var/task"
#: Seconds to wait for an interpreter to say which Python it is, and how it says it.
PROBE_TIMEOUT = 30
_PROBE = "import sys; print(sys.implementation.cache_tag, sys.executable)"

#: Dependencies the Lambda path never imports: the self-hosted web endpoint's.
WEB_ONLY = frozenset({"flask", "gunicorn", "waitress", "cryptography"})
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


def target_python() -> str | None:
    """An interpreter of the function's Python version on this machine, or None.

    ``python3.13`` on PATH comes first; then the 3.13 versions pyenv installed,
    newest first, because a pyenv shim on PATH only answers for the versions
    pyenv's settings select. Each candidate is asked for its bytecode tag, so a
    shim that refuses, or a free-threaded build (whose tag differs), is passed over.
    """
    for candidate in [TARGET_RUNTIME, *_pyenv_pythons()]:
        try:
            probe = subprocess.run(
                [candidate, "-c", _PROBE],
                capture_output=True,
                text=True,
                check=False,
                timeout=PROBE_TIMEOUT,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        tag, _, executable = probe.stdout.strip().partition(" ")
        if probe.returncode == 0 and tag == TARGET_CACHE_TAG:
            return executable
    return None


def _pyenv_pythons() -> list[str]:
    """The function's Python in each matching version pyenv installed, newest first."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return []
    try:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False)
        listed = subprocess.run(
            [pyenv, "versions", "--bare"], capture_output=True, text=True, check=False
        )
    except OSError:
        return []
    if root.returncode != 0:
        return []
    release = re.compile(re.escape(TARGET_RUNTIME.removeprefix("python")) + r"\.\d+")
    versions = [name for name in listed.stdout.split() if release.fullmatch(name)]
    versions.sort(key=lambda name: int(name.rsplit(".", 1)[1]), reverse=True)
    bin_dirs = [Path(root.stdout.strip(), "versions", name, "bin") for name in versions]
    return [str(folder / TARGET_RUNTIME) for folder in bin_dirs]


def compile_modules(
    entries: Sequence[tuple[str, Path]], python: str, staging: Path
) -> list[tuple[str, Path]]:
    """(archive name, .pyc path) for every module among ``entries``, compiled by ``python``.

    The modules are copied into ``staging`` at their archive names and compiled
    there, so the bytecode names ``/var/task/...`` files and nothing of this
    machine. None of this shell's Python settings reach the compiler
    (PYTHONPYCACHEPREFIX would put the files elsewhere, PYTHONOPTIMIZE would
    rename them), and a fixed hash seed keeps string hashing out of the output.
    """
    for name, source in entries:
        if name.endswith(".py"):
            copy = staging / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    compiled = subprocess.run(
        [
            python,
            "-m",
            "compileall",
            "-q",
            "--invalidation-mode",
            "unchecked-hash",
            "-s",
            str(staging),
            "-p",
            LAMBDA_TASK_ROOT,
            str(staging),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env | {"PYTHONHASHSEED": "0"},
    )
    if compiled.returncode != 0:
        raise PackagingError(
            f"{TARGET_RUNTIME} cannot compile some of the code the zip would carry:\n"
            + (compiled.stdout + compiled.stderr)[-2000:]
        )
    return [(path.relative_to(staging).as_posix(), path) for path in staging.rglob("*.pyc")]


def build(output: Path = DEFAULT_OUTPUT, python: str | None = None) -> tuple[int, int, int]:
    """Build the artefact, with bytecode compiled by ``python`` if given.

    Returns (files, unzipped bytes, zipped bytes).
    """
    entries = archive_entries()
    with tempfile.TemporaryDirectory(prefix="package-lambda-") as staging:
        if python is not None:
            entries = sorted([*entries, *compile_modules(entries, python, Path(staging))])
        write_zip(entries, output)
        unzipped = sum(source.stat().st_size for _, source in entries)
    return len(entries), unzipped, output.stat().st_size


def main(argv: Sequence[str] | None = None) -> int:
    """``python scripts/package_lambda.py [--output PATH]``: build and print the size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the zip to write")
    args = parser.parse_args(argv)
    python = target_python()
    if python is None:
        print(
            f"package_lambda: warning: no {TARGET_RUNTIME} on this machine (PATH or pyenv),"
            " so the zip carries no bytecode and every cold start compiles the skill first;"
            f" install Python {TARGET_RUNTIME.removeprefix('python')} to ship it compiled.",
            file=sys.stderr,
        )
    try:
        files, unzipped, zipped = build(args.output, python)
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
