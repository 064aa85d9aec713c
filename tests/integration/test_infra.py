"""Deployment, checked offline: the SAM template, the skill manifest and the Lambda zip.

The template is linted with cfn-lint and expanded with the same SAM translator
CloudFormation runs, then its resources are compared with what the code
actually does: the table ``heart-to-heart create-table`` makes, the DynamoDB
calls the store makes, the locales that have a model, the events the handlers
answer. The Lambda zip is built once per session and run from a clean folder
the way the Lambda Python runtime would run it.
"""

from __future__ import annotations

import ast
import copy
import importlib.metadata as metadata
import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from boto3.session import Session
from cfnlint.api import ManualArgs, lint_file
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

from skill.app import CHANGE_KINDS, OFFERS
from skill.config import Settings
from skill.handlers import request_handlers
from skill.interceptors import TurnStarter
from skill.local.envelope import (
    DEFAULT_SKILL_ID,
    Caller,
    JsonDict,
    intent_request,
    launch_request,
    skill_disabled_event,
)
from skill.local.nlu import models_dir
from skill.storage import open_store
from skill.storage.dynamodb import TABLE_DEFINITION, TTL_ATTRIBUTE
from tests.support.fake_alexa_api import FakeAlexaApi

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "infra" / "template.yaml"
MANIFEST = REPO / "infra" / "skill.json"
PACKAGER = REPO / "scripts" / "package_lambda.py"
STORE_SOURCE = REPO / "skill" / "storage" / "dynamodb.py"

#: What the Lambda Python runtime puts on sys.path after the function's own code:
#: boto3 and the libraries it needs.
LAMBDA_RUNTIME_MODULES = (
    "boto3",
    "botocore",
    "s3transfer",
    "jmespath",
    "dateutil",
    "six",
    "urllib3",
)
#: Imported only by the self-hosted web endpoint; the Lambda path must never load them.
WEB_ONLY_MODULES = ("flask", "werkzeug", "gunicorn", "waitress", "cryptography")
#: Each manifest event subscription, and the request Alexa sends for it.
SKILL_EVENTS: dict[str, Callable[..., JsonDict]] = {"SKILL_DISABLED": skill_disabled_event}
#: Inside a TransactWriteItems call IAM authorises each part as its own action.
TRANSACTION_PARTS = {
    "Put": "dynamodb:PutItem",
    "Delete": "dynamodb:DeleteItem",
    "Update": "dynamodb:UpdateItem",
    "ConditionCheck": "dynamodb:ConditionCheckItem",
}
LAMBDA_ARN = re.compile(r"arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}")

JsonObject = dict[str, Any]


# --- the template ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template() -> JsonObject:
    parsed: JsonObject = yaml_parse(TEMPLATE.read_text(encoding="utf-8"))
    return parsed


@pytest.fixture(scope="module")
def resources(template: JsonObject) -> JsonObject:
    """The CloudFormation resources SAM makes of the template, as CloudFormation would."""
    packaged = copy.deepcopy(template)
    # `sam deploy` uploads the local zip and puts its S3 location here before the transform.
    packaged["Resources"]["SkillFunction"]["Properties"]["CodeUri"] = "s3://bucket/skill.zip"
    # A region for the pseudo parameters, and no AWS managed policies to look up in IAM:
    # the transform runs offline.
    translator = Translator(None, Parser(), boto_session=Session(region_name="us-east-1"))
    expanded = translator.translate(
        packaged, {"SkillId": DEFAULT_SKILL_ID}, get_managed_policy_map=lambda: {}
    )
    found: JsonObject = expanded["Resources"]
    return found


def of_type(resources: JsonObject, kind: str) -> list[JsonObject]:
    return [resource for resource in resources.values() if resource["Type"] == kind]


def only(resources: JsonObject, kind: str) -> JsonObject:
    matching = of_type(resources, kind)
    assert len(matching) == 1, f"expected one {kind}, found {len(matching)}"
    return matching[0]


def test_cfn_lint_reports_no_errors_or_warnings() -> None:
    matches = lint_file(TEMPLATE, config=ManualArgs(regions=["us-east-1"]))
    serious = [str(match) for match in matches if match.rule.id[0] in "EW"]
    assert serious == []


def test_function_runs_the_lambda_entry_point_on_a_current_runtime(
    resources: JsonObject, packager: ModuleType
) -> None:
    function = only(resources, "AWS::Lambda::Function")["Properties"]
    assert function["Handler"] == "lambda_function.lambda_handler"
    assert (REPO / "lambda" / "lambda_function.py").is_file()
    # The zip is built for this runtime and architecture: they must agree.
    assert function["Runtime"] == packager.TARGET_RUNTIME
    assert function["Architectures"] == [packager.TARGET_ARCHITECTURE]
    assert function["Runtime"] in {"python3.12", "python3.13"}
    assert function["Timeout"] >= 8
    assert function["MemorySize"] >= 512
    assert function["Environment"]["Variables"] == {
        "TABLE_NAME": {"Ref": "HouseholdTable"},
        "SKILL_ID": {"Ref": "SkillId"},
        "PYTHONWARNINGS": "ignore::SyntaxWarning",
    }


def test_code_uri_is_the_packaged_zip(template: JsonObject, packager: ModuleType) -> None:
    code_uri = template["Resources"]["SkillFunction"]["Properties"]["CodeUri"]
    # SAM resolves a local CodeUri against the template's folder.
    assert (TEMPLATE.parent / code_uri).resolve() == packager.DEFAULT_OUTPUT


def test_only_the_configured_skill_may_invoke_the_function(resources: JsonObject) -> None:
    permissions = of_type(resources, "AWS::Lambda::Permission")
    assert len(permissions) == 1
    assert permissions[0]["Properties"] == {
        "Action": "lambda:InvokeFunction",
        "FunctionName": {"Ref": "SkillFunction"},
        "Principal": "alexa-appkit.amazon.com",
        "EventSourceToken": {"Ref": "SkillId"},
    }


def test_skill_id_parameter_is_required_and_shaped_like_a_skill_id(template: JsonObject) -> None:
    parameter = template["Parameters"]["SkillId"]
    assert "Default" not in parameter
    pattern = re.compile(parameter["AllowedPattern"])
    assert pattern.fullmatch("amzn1.ask.skill.3d25f9a4-7c06-4ad8-bd5e-2f3c0e9a1b77")
    for not_an_id in ("", "*", "amzn1.ask.skill.*", "amzn1.ask.skill.heart"):
        assert not pattern.fullmatch(not_an_id)


def test_table_is_on_demand_encrypted_recoverable_and_kept(resources: JsonObject) -> None:
    table = only(resources, "AWS::DynamoDB::Table")
    assert table["DeletionPolicy"] == "Retain"
    assert table["UpdateReplacePolicy"] == "Retain"
    properties = table["Properties"]
    assert properties["BillingMode"] == "PAY_PER_REQUEST"
    assert properties["TimeToLiveSpecification"] == {
        "AttributeName": TTL_ATTRIBUTE,
        "Enabled": True,
    }
    assert properties["SSESpecification"] == {"SSEEnabled": True}
    assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert properties["DeletionProtectionEnabled"] is True


def _by_name(items: list[JsonObject]) -> list[JsonObject]:
    return sorted(items, key=lambda item: item["AttributeName"])


def test_table_is_the_one_create_table_makes(resources: JsonObject) -> None:
    properties = only(resources, "AWS::DynamoDB::Table")["Properties"]
    assert properties["KeySchema"] == TABLE_DEFINITION["KeySchema"]
    assert _by_name(properties["AttributeDefinitions"]) == _by_name(
        TABLE_DEFINITION["AttributeDefinitions"]
    )
    assert properties["BillingMode"] == TABLE_DEFINITION["BillingMode"]
    assert properties["TimeToLiveSpecification"]["AttributeName"] == TTL_ATTRIBUTE


@pytest.mark.dynamodb
def test_create_table_on_dynamodb_matches_the_template(
    resources: JsonObject, dynamodb_table: str
) -> None:
    from skill.storage.dynamodb import default_client

    client = default_client()
    made = client.describe_table(TableName=dynamodb_table)["Table"]
    ttl = client.describe_time_to_live(TableName=dynamodb_table)["TimeToLiveDescription"]
    declared = only(resources, "AWS::DynamoDB::Table")["Properties"]
    assert made["KeySchema"] == declared["KeySchema"]
    assert _by_name(made["AttributeDefinitions"]) == _by_name(declared["AttributeDefinitions"])
    assert made["BillingModeSummary"]["BillingMode"] == declared["BillingMode"]
    assert ttl["TimeToLiveStatus"] in ("ENABLED", "ENABLING")
    assert ttl["AttributeName"] == declared["TimeToLiveSpecification"]["AttributeName"]


def store_actions() -> set[str]:
    """The IAM actions behind every DynamoDB call ``DynamoDbStore`` makes, read from its code."""
    import botocore.session
    from botocore import xform_name

    model = botocore.session.get_session().get_service_model("dynamodb")
    operations = {xform_name(name): name for name in model.operation_names}
    tree = ast.parse(STORE_SOURCE.read_text(encoding="utf-8"))
    store = next(
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name == "DynamoDbStore"
    )
    called = {
        node.func.attr
        for node in ast.walk(store)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr == "client"
    }
    assert called <= operations.keys(), f"not DynamoDB operations: {called - operations.keys()}"
    actions = {f"dynamodb:{operations[method]}" for method in called}
    if "dynamodb:TransactWriteItems" in actions:
        actions.remove("dynamodb:TransactWriteItems")
        actions |= {
            TRANSACTION_PARTS[key.value]
            for node in ast.walk(store)
            if isinstance(node, ast.Dict)
            for key in node.keys
            if isinstance(key, ast.Constant) and key.value in TRANSACTION_PARTS
        }
    return actions


def _statements(role: JsonObject) -> list[JsonObject]:
    return [
        statement
        for policy in role["Properties"].get("Policies", [])
        for statement in policy["PolicyDocument"]["Statement"]
    ]


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def test_role_grants_only_the_store_calls_on_this_table(resources: JsonObject) -> None:
    function = only(resources, "AWS::Lambda::Function")["Properties"]
    role = only(resources, "AWS::IAM::Role")
    assert function["Role"] == {"Fn::GetAtt": ["SkillFunctionRole", "Arn"]}
    assert "ManagedPolicyArns" not in role["Properties"]
    statements = _statements(role)
    assert all(statement["Effect"] == "Allow" for statement in statements)
    table_statements = [s for s in statements if _listed(s["Action"])[0].startswith("dynamodb:")]
    assert len(table_statements) == 1
    assert set(_listed(table_statements[0]["Action"])) == store_actions()
    assert table_statements[0]["Resource"] == {"Fn::GetAtt": ["HouseholdTable", "Arn"]}
    logs = [s for s in statements if s not in table_statements]
    assert [set(_listed(s["Action"])) for s in logs] == [
        {"logs:CreateLogStream", "logs:PutLogEvents"}
    ]
    assert logs[0]["Resource"] == {"Fn::GetAtt": ["SkillLogGroup", "Arn"]}


def test_store_actions_follow_the_store_code() -> None:
    # The derivation itself, pinned once so a parsing slip cannot make both sides empty.
    assert store_actions() == {
        "dynamodb:BatchWriteItem",
        "dynamodb:DeleteItem",
        "dynamodb:DescribeTable",
        "dynamodb:PutItem",
        "dynamodb:Query",
    }


def test_log_group_is_the_functions_and_expires(resources: JsonObject) -> None:
    function = only(resources, "AWS::Lambda::Function")
    log_group = only(resources, "AWS::Logs::LogGroup")["Properties"]
    assert log_group["LogGroupName"] == {
        "Fn::Sub": "/aws/lambda/" + function["Properties"]["FunctionName"]["Fn::Sub"]
    }
    assert log_group["RetentionInDays"] == {"Ref": "LogRetentionInDays"}
    # Created first, so Lambda never makes one of its own without a retention period.
    assert function["DependsOn"] == "SkillLogGroup"


def test_alarms_watch_errors_throttles_and_slow_answers(resources: JsonObject) -> None:
    alarms = {
        alarm["Properties"]["MetricName"]: alarm["Properties"]
        for alarm in of_type(resources, "AWS::CloudWatch::Alarm")
    }
    assert alarms.keys() == {"Errors", "Throttles", "Duration"}
    for alarm in alarms.values():
        assert alarm["Namespace"] == "AWS/Lambda"
        assert alarm["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": "SkillFunction"}}]
    for name in ("Errors", "Throttles"):
        assert alarms[name]["Statistic"] == "Sum"
        assert alarms[name]["Threshold"] == 1
        assert alarms[name]["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    duration = alarms["Duration"]
    assert duration["ExtendedStatistic"] == "p99"
    assert duration["Threshold"] == 3000
    assert duration["ComparisonOperator"] == "GreaterThanThreshold"


def test_outputs_name_the_function_and_the_table(template: JsonObject) -> None:
    outputs = {name: output["Value"] for name, output in template["Outputs"].items()}
    assert outputs["SkillFunctionArn"] == {"Fn::GetAtt": ["SkillFunction", "Arn"]}
    assert outputs["HouseholdTableName"] == {"Ref": "HouseholdTable"}


# --- the skill manifest ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifest() -> JsonObject:
    loaded: JsonObject = json.loads(MANIFEST.read_text(encoding="utf-8"))["manifest"]
    return loaded


def model_locales() -> set[str]:
    return {path.stem for path in models_dir().glob("*.json")}


def test_every_manifest_locale_has_a_model_and_every_model_a_locale(manifest: JsonObject) -> None:
    assert model_locales()
    assert set(manifest["publishingInformation"]["locales"]) == model_locales()
    assert set(manifest["privacyAndCompliance"]["locales"]) == model_locales()


def test_privacy_policy_and_terms_are_on_https(manifest: JsonObject) -> None:
    # The listing's own limits are checked against Amazon's schema in test_skill_package.py.
    for urls in manifest["privacyAndCompliance"]["locales"].values():
        assert urls["privacyPolicyUrl"].startswith("https://")
        assert urls["termsOfUseUrl"].startswith("https://")


def test_permissions_are_ones_the_skill_asks_for(manifest: JsonObject) -> None:
    # Certification refuses a skill that requests a permission it never uses.
    code = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "skill").rglob("*.py"))
    for permission in manifest["permissions"]:
        assert f'"{permission["name"]}"' in code, permission["name"]


def test_requests_and_events_go_to_the_same_lambda(manifest: JsonObject) -> None:
    endpoint = manifest["apis"]["custom"]["endpoint"]["uri"]
    assert LAMBDA_ARN.fullmatch(endpoint)
    assert manifest["events"]["endpoint"]["uri"] == endpoint


def test_skill_disabled_is_subscribed() -> None:
    subscribed = subscribed_events()
    assert "SKILL_DISABLED" in subscribed
    assert len(subscribed) == len(set(subscribed))


def subscribed_events() -> list[str]:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))["manifest"]
    return [event["eventName"] for event in manifest["events"]["subscriptions"]]


@pytest.mark.parametrize("event_name", subscribed_events())
def test_every_subscribed_event_has_a_handler(event_name: str, tmp_path: Path) -> None:
    assert event_name in SKILL_EVENTS, f"no request envelope known for {event_name}: add one"
    event = SKILL_EVENTS[event_name]()
    envelope = DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope)
    handler_input = HandlerInput(
        request_envelope=envelope, attributes_manager=AttributesManager(envelope)
    )
    settings = Settings(store_url=f"sqlite:///{tmp_path / 'households.db'}")
    # The SDK runs the request interceptors before it asks the handlers.
    TurnStarter(settings, open_store(settings.store_url), CHANGE_KINDS).process(handler_input)
    takers = [type(h).__name__ for h in request_handlers(OFFERS) if h.can_handle(handler_input)]
    assert takers, f"no request handler answers {event['request']['type']}"


# --- the Lambda artefact --------------------------------------------------------------------


@pytest.fixture(scope="session")
def packager() -> ModuleType:
    spec = importlib.util.spec_from_file_location("package_lambda", PACKAGER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Artefact:
    """The built zip, what the packager printed, and the zip unpacked as Lambda would."""

    path: Path
    printed: str
    warnings: str
    unpacked: Path
    names: list[str]


@pytest.fixture(scope="session")
def artefact(tmp_path_factory: pytest.TempPathFactory) -> Artefact:
    """Build the zip exactly as `make package` does, into a temporary folder."""
    folder = tmp_path_factory.mktemp("lambda")
    path = folder / "heart-to-heart-lambda.zip"
    built = subprocess.run(
        [sys.executable, str(PACKAGER), "--output", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    unpacked = folder / "task"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(unpacked)
        names = archive.namelist()
    return Artefact(path, built.stdout, built.stderr, unpacked, names)


@pytest.fixture(scope="session")
def function_python(packager: ModuleType) -> str | None:
    """The interpreter of the function's Python version the packager compiles with, if any."""
    found: str | None = packager.target_python()
    return found


@pytest.fixture(scope="session")
def lambda_runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding only what the Lambda Python runtime adds: boto3 and its dependencies."""
    folder = tmp_path_factory.mktemp("lambda-runtime")
    for name in LAMBDA_RUNTIME_MODULES:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None, name
        origin = Path(spec.origin)
        source = origin.parent if origin.name == "__init__.py" else origin
        (folder / source.name).symlink_to(source)
    return folder


def test_packager_prints_the_zipped_size(artefact: Artefact) -> None:
    size = artefact.path.stat().st_size
    assert f"{size / 1e6:.1f} MB zipped" in artefact.printed


def test_zip_stays_under_10_mb(artefact: Artefact) -> None:
    assert artefact.path.stat().st_size < 10 * 1024 * 1024


def test_zip_holds_the_entry_point_the_skill_and_its_dependencies_only(
    artefact: Artefact,
) -> None:
    names = artefact.names
    assert "lambda_function.py" in names
    assert "skill/app.py" in names
    assert "skill/content/en-US/practices.json" in names
    top_level = {PurePosixPath(name).parts[0] for name in names}
    assert {"ask_sdk_core", "ask_sdk_model", "ask_sdk_runtime"} <= top_level
    unwanted = {"boto3", "botocore", "s3transfer", *WEB_ONLY_MODULES, "pytest", "tests"}
    assert top_level.isdisjoint(unwanted)
    for name in names:
        path = PurePosixPath(name)
        assert "tests" not in path.parts and path.suffix != ".so", name
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            # Bytecode only where the packager compiles it: see the next test.
            assert path.parent.name == "__pycache__" and path.suffix == ".pyc", name
        if path.parts[0].endswith(".dist-info"):
            assert path.name not in ("RECORD", "INSTALLER", "direct_url.json"), name


def test_zip_carries_bytecode_of_every_module_for_the_functions_python(
    artefact: Artefact, packager: ModuleType, function_python: str | None
) -> None:
    compiled = {name for name in artefact.names if name.endswith(".pyc")}
    if function_python is None:
        # Built all the same, without bytecode, and the packager said so.
        assert compiled == set()
        assert "no bytecode" in artefact.warnings
        return
    modules = [PurePosixPath(name) for name in artefact.names if name.endswith(".py")]
    tag = packager.TARGET_CACHE_TAG
    assert compiled == {str(py.parent / "__pycache__" / f"{py.stem}.{tag}.pyc") for py in modules}
    with zipfile.ZipFile(artefact.path) as archive:
        header = archive.read(f"skill/__pycache__/app.{tag}.pyc")[:8]
    # Hash-based and unchecked (PEP 552 flags 0b01): Lambda never re-reads a source to validate.
    assert int.from_bytes(header[4:8], "little") == 0b01


def test_packager_builds_without_bytecode_when_the_functions_python_is_missing(
    packager: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(packager, "target_python", lambda: None)
    assert packager.main(["--output", str(tmp_path / "plain.zip")]) == 0
    assert f"warning: no {packager.TARGET_RUNTIME}" in capsys.readouterr().err
    with zipfile.ZipFile(tmp_path / "plain.zip") as archive:
        names = archive.namelist()
    assert "skill/app.py" in names
    assert not any(name.endswith(".pyc") for name in names)


def fake_distribution(
    site: Path, files: dict[str, str], outside: tuple[str, ...] = ()
) -> metadata.Distribution:
    """An installed distribution ``fake`` in ``site`` whose RECORD lists ``files``, plus
    ``outside`` (paths out of site-packages, as console scripts are; listed, not written)."""
    info = site / "fake-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake\nVersion: 1.0\n")
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    listed = [*files, *outside, "fake-1.0.dist-info/METADATA", "fake-1.0.dist-info/RECORD"]
    (info / "RECORD").write_text("".join(f"{name},,\n" for name in listed))
    return metadata.PathDistribution(info)


def test_packager_drops_compiled_modules_that_have_a_pure_twin(
    packager: ModuleType, tmp_path: Path
) -> None:
    distribution = fake_distribution(
        tmp_path,
        {
            "fake/__init__.py": "",
            "fake/md.py": "PURE = True\n",
            "fake/md.cpython-311-x86_64-linux-gnu.so": "binary",
            "fake/__pycache__/md.cpython-311.pyc": "cache",
            "fake/tests/test_md.py": "",
        },
        outside=("../../../bin/fake",),
    )
    shipped = [name for name, _ in packager.distribution_files(distribution)]
    assert sorted(shipped) == ["fake-1.0.dist-info/METADATA", "fake/__init__.py", "fake/md.py"]


def test_packager_refuses_a_compiled_module_without_a_pure_twin(
    packager: ModuleType, tmp_path: Path
) -> None:
    distribution = fake_distribution(
        tmp_path, {"fake/__init__.py": "", "fake/fast.cpython-311-x86_64-linux-gnu.so": "binary"}
    )
    with pytest.raises(packager.PackagingError, match="no pure-Python fallback"):
        list(packager.distribution_files(distribution))


def test_packager_reads_markers_for_the_functions_python(packager: ModuleType) -> None:
    # ask-sdk-model names enum34 for Python 2.7 only; requests names chardet for an extra.
    closure = packager.dependency_closure(
        [Requirement('enum34; python_version == "2.7"'), Requirement("requests")]
    )
    names = {canonicalize_name(d.metadata["Name"]) for d in closure}
    assert "requests" in names and "urllib3" in names
    assert names.isdisjoint({"enum34", "chardet", "pysocks"})


def test_zip_is_reproducible_and_readable_by_the_lambda_user(artefact: Artefact) -> None:
    # Same files in, same bytes out: nothing in the archive depends on when or where it was built.
    with zipfile.ZipFile(artefact.path) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == sorted(artefact.names)
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


def test_a_second_build_gives_the_same_bytes(
    artefact: Artefact, packager: ModuleType, function_python: str | None, tmp_path: Path
) -> None:
    # Bytecode included: it names no build time and no build folder.
    again = tmp_path / "again.zip"
    packager.build(again, function_python)
    assert again.read_bytes() == artefact.path.read_bytes()


def run_zipped_handler(
    python: str,
    artefact: Artefact,
    runtime: Path,
    events: list[JsonDict],
    env: dict[str, str],
    workdir: Path,
) -> JsonObject:
    """Call ``lambda_handler`` for each event in a fresh interpreter that sees only the zip
    and the runtime's boto3 (``-S``: no site-packages), and report what it loaded."""
    events_file = workdir / "events.json"
    events_file.write_text(json.dumps(events))
    script = f"""
import json, sys
# Every module Python compiles from source on the way, rather than loading its bytecode.
compiled = []
sys.addaudithook(lambda event, args: event == "compile" and compiled.append(str(args[1])))
import lambda_function
answers = [lambda_function.lambda_handler(event, None)
           for event in json.load(open({str(events_file)!r}))]
import skill.storage.dynamodb  # the production store, against the runtime's botocore
import ask_sdk_core, botocore
print(json.dumps({{
    "answers": answers,
    "modules": sorted({{name.split(".")[0] for name in sys.modules}}),
    "sdk": ask_sdk_core.__file__,
    "botocore": botocore.__file__,
    "compiled_from_zip": [path for path in compiled if path.startswith({str(artefact.unpacked)!r})],
}}))
"""
    completed = subprocess.run(
        [python, "-S", "-B", "-c", script],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=workdir,
        env={
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(workdir),
            "PYTHONPATH": os.pathsep.join([str(artefact.unpacked), str(runtime)]),
            "AWS_LAMBDA_FUNCTION_NAME": "heart-to-heart-skill",
            "PYTHONWARNINGS": "ignore::SyntaxWarning",
            **env,
        },
    )
    assert completed.returncode == 0, completed.stderr
    report: JsonObject = json.loads(completed.stdout.splitlines()[-1])
    return report


def assert_answers_launch(report: JsonObject, artefact: Artefact, runtime: Path) -> None:
    response = report["answers"][0]["response"]
    assert response["outputSpeech"]["ssml"].startswith("<speak>")
    assert response["shouldEndSession"] is False
    assert report["sdk"].startswith(str(artefact.unpacked))
    assert report["botocore"].startswith(str(runtime))
    assert set(report["modules"]).isdisjoint(WEB_ONLY_MODULES)


@pytest.fixture
def alexa_caller() -> Iterator[Caller]:
    """A caller whose Alexa API calls (time zone, reminders) reach a local fake, not Amazon."""
    with FakeAlexaApi() as api:
        yield Caller(api_endpoint=api.url)


def test_zipped_handler_answers_a_launch_request_from_a_clean_folder(
    artefact: Artefact, lambda_runtime: Path, alexa_caller: Caller, tmp_path: Path
) -> None:
    env = {"HTH_STORE": f"sqlite:///{tmp_path / 'households.db'}", "SKILL_ID": DEFAULT_SKILL_ID}
    report = run_zipped_handler(
        sys.executable,
        artefact,
        lambda_runtime,
        [launch_request(caller=alexa_caller)],
        env,
        tmp_path,
    )
    assert_answers_launch(report, artefact, lambda_runtime)


def test_zipped_handler_runs_on_the_functions_python_version_from_its_bytecode(
    artefact: Artefact,
    lambda_runtime: Path,
    packager: ModuleType,
    function_python: str | None,
    alexa_caller: Caller,
    tmp_path: Path,
) -> None:
    if function_python is None:
        pytest.skip(f"no {packager.TARGET_RUNTIME} on this machine")
    # The runtime folder holds this Python's boto3: pure Python, so any 3.x can import it.
    env = {"HTH_STORE": f"sqlite:///{tmp_path / 'households.db'}"}
    events = [launch_request(caller=alexa_caller)]
    report = run_zipped_handler(function_python, artefact, lambda_runtime, events, env, tmp_path)
    assert_answers_launch(report, artefact, lambda_runtime)
    # Every module of the zip came from the shipped bytecode: nothing was compiled at start.
    assert report["compiled_from_zip"] == []


@pytest.mark.dynamodb
def test_zipped_handler_keeps_households_in_dynamodb_by_default(
    artefact: Artefact,
    lambda_runtime: Path,
    dynamodb_table: str,
    alexa_caller: Caller,
    tmp_path: Path,
) -> None:
    from skill.storage.dynamodb import default_client

    # Exactly what the template sets, plus boto3's settings pointing at DynamoDB Local.
    env = {"TABLE_NAME": dynamodb_table, "SKILL_ID": DEFAULT_SKILL_ID}
    env |= {name: value for name, value in os.environ.items() if name.startswith("AWS_")}
    caller = replace(alexa_caller, user_id="amzn1.ask.account.LAMBDA-PACKAGE-TEST")
    events = [launch_request(caller=caller), intent_request("AnyPracticeIntent", caller=caller)]
    report = run_zipped_handler(sys.executable, artefact, lambda_runtime, events, env, tmp_path)
    assert_answers_launch(report, artefact, lambda_runtime)
    items = default_client().scan(TableName=dynamodb_table)["Items"]
    assert any(item["pk"]["S"].startswith("HOUSEHOLD#") for item in items)
