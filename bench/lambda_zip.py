"""The Lambda zip the cold start runs: rebuilt when out of date, unpacked, and its Python.

A cold start is only worth reporting for the zip that would be deployed
today, so a missing zip, one older than anything it packs, or one without the
bytecode the packager can now compile is rebuilt first by
scripts/package_lambda.py. The packager also says which interpreter the
function runs on (``target_python()``: python3.13, as the Lambda runtime) and
compiles bytecode (``compile_modules()``); both are reused here, so the
baseline's folder and the runtime's boto3 get bytecode from the same
interpreter in the same invalidation mode as the zip.
"""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
PACKAGER = REPO / "scripts" / "package_lambda.py"
#: What the Lambda Python runtime puts on sys.path after the function's own code (as
#: tests/integration/test_infra.py says): boto3 and the libraries it needs.
RUNTIME_MODULES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "six", "urllib3")
#: What the zip holds beside its dependencies: the skill, which the baseline must not see.
_OURS = ("skill/", "lambda_function.py")
#: The baseline and the reference, laid out as in this checkout (``bench.baseline``…).
_BASELINES = ("baseline.py", "baseline_dynamodb.py")


@functools.cache
def packager() -> ModuleType:
    """scripts/package_lambda.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("package_lambda", PACKAGER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def target_python() -> str | None:
    """The interpreter of the function's Python version the packager compiles with, if any."""
    found: str | None = packager().target_python()
    return found


def _sources() -> list[Path]:
    """Everything the zip is built from: the skill, the entry point, the deps list, the packager."""
    packed = [*(REPO / "skill").rglob("*"), *(REPO / "lambda").glob("*.py")]
    return [
        *(path for path in packed if path.is_file() and "__pycache__" not in path.parts),
        REPO / "pyproject.toml",
        PACKAGER,
    ]


def is_stale(package: Path) -> bool:
    """Whether ``package`` is older than anything it is built from."""
    built = package.stat().st_mtime
    return any(path.stat().st_mtime > built for path in _sources())


def carries_bytecode(package: Path) -> bool:
    """Whether the zip holds .pyc for the function's Python (the packager adds all or none)."""
    tag: str = packager().TARGET_CACHE_TAG
    with zipfile.ZipFile(package) as archive:
        return f"skill/__pycache__/app.{tag}.pyc" in archive.namelist()


def fresh_package(python: str | None) -> Path:
    """The zip `make package` builds, rebuilt first when missing, stale or without bytecode."""
    package: Path = packager().DEFAULT_OUTPUT
    current = package.is_file() and not is_stale(package)
    if current and (python is None or carries_bytecode(package)):
        return package
    print("building the Lambda zip (scripts/package_lambda.py)…", flush=True)
    subprocess.run([sys.executable, str(PACKAGER), "--output", str(package)], check=True)
    return package


def unpack(package: Path, directory: Path) -> Path:
    """The zip unpacked as Lambda unpacks it into /var/task."""
    with zipfile.ZipFile(package) as archive:
        archive.extractall(directory)
    return directory


def baseline_folder(task: Path, directory: Path, python: str | None) -> Path:
    """The zip's dependencies without the skill, plus bench/baseline.py and its DynamoDB twin.

    With ``python``, every module is compiled by it as the packager compiles
    the zip (unchecked-hash .pyc); without, the folder holds no bytecode, as a
    zip built without a python3.13 does not.
    """
    entries = [
        (path.relative_to(task).as_posix(), path)
        for path in sorted(task.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]
    entries = [(name, path) for name, path in entries if not name.startswith(_OURS)]
    entries += [(f"bench/{name}", REPO / "bench" / name) for name in _BASELINES]
    return _compiled_copy(entries, directory, python)


def runtime_folder(directory: Path, python: str) -> Path:
    """boto3 and its libraries from this virtualenv, compiled by ``python``, as Lambda has them.

    They are pure Python, so any 3.x imports them; the Lambda runtime ships
    them precompiled, so a cold start there never compiles them.
    """
    entries: list[tuple[str, Path]] = []
    for name in RUNTIME_MODULES:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None, name
        origin = Path(spec.origin)
        if origin.name != "__init__.py":
            entries.append((origin.name, origin))
            continue
        entries += [
            (path.relative_to(origin.parent.parent).as_posix(), path)
            for path in sorted(origin.parent.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        ]
    return _compiled_copy(entries, directory, python)


def _compiled_copy(entries: list[tuple[str, Path]], directory: Path, python: str | None) -> Path:
    """``entries`` laid out in ``directory``: modules copied (and compiled by ``python`` if
    given), data files linked, since only modules are compiled."""
    for name, source in entries:
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if python is None or not name.endswith(".py"):
            target.symlink_to(source)
    if python is not None:
        packager().compile_modules(entries, python, directory)
    return directory
