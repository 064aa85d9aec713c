"""The suite's own fixtures: each name is defined once, so no fixture shadows another.

A test module that defines a fixture under a name conftest.py (or pytest)
already gives silently replaces it for that module: the test then runs on
something else than the reader thinks. Names that say what they give, once,
keep ``pytest --fixtures`` readable in every tier.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
#: pytest's own fixtures (``pytest --fixtures``), which a fixture of the same name would shadow.
PYTEST_FIXTURES = frozenset(
    {
        "cache",
        "capfd",
        "capfdbinary",
        "caplog",
        "capsys",
        "capsysbinary",
        "capteesys",
        "doctest_namespace",
        "monkeypatch",
        "pytestconfig",
        "record_property",
        "record_testsuite_property",
        "record_xml_attribute",
        "recwarn",
        "request",
        "subtests",
        "tmp_path",
        "tmp_path_factory",
        "tmpdir",
        "tmpdir_factory",
    }
)


def fixture_name(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The name a function is a fixture under, or None when it is not one."""
    for decorator in function.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        target = call.func if call else decorator
        if ast.unparse(target) not in {"pytest.fixture", "fixture"}:
            continue
        for keyword in call.keywords if call else []:
            if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
        return function.name
    return None


def fixture_definitions() -> dict[str, list[str]]:
    """Every fixture defined under tests/, by name: where each definition stands."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                name = fixture_name(node)
                if name is not None:
                    found[name].append(f"{path.relative_to(TESTS)}:{node.lineno}")
    return found


def test_each_fixture_name_is_defined_once() -> None:
    definitions = fixture_definitions()
    assert {"app", "each_app", "talk", "sqlite_store", "each_store"} <= set(definitions)
    twice = {name: places for name, places in definitions.items() if len(places) > 1}
    assert not twice, f"fixtures defined more than once: {twice}"


def test_no_fixture_shadows_one_of_pytest() -> None:
    shadowing = PYTEST_FIXTURES & set(fixture_definitions())
    assert not shadowing, f"fixtures named like pytest's own: {sorted(shadowing)}"


def test_the_finder_reads_every_way_of_declaring_a_fixture() -> None:
    source = (
        "@pytest.fixture\ndef a(): ...\n"
        "@pytest.fixture(scope='session')\ndef b(): ...\n"
        "@pytest.fixture(name='c')\ndef _c(): ...\n"
        "@fixture\ndef d(): ...\n"
        "@pytest.mark.slow\ndef test_e(): ...\n"
    )
    functions = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)]
    assert [fixture_name(f) for f in functions] == ["a", "b", "c", "d", None]
