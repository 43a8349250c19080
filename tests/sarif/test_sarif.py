"""`career-lsp check --format sarif` validated against the SARIF 2.1.0 JSON schema of the
OASIS standard (tests/data/sarif-schema-2.1.0.json, a draft-04 schema), with `jsonschema`."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "editors"))
from paths import REPO, server_binary  # noqa: E402

SCHEMA_FILE = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def check_sarif(args: list[str], cwd: Path) -> dict:
    """The log `check --format sarif ARGS` prints in `cwd`; the demo has findings, so the
    exit code is 1."""
    run = subprocess.run(
        [str(server_binary()), "check", "--format", "sarif", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"CAREER_LSP_LOG": "warn"},
        check=False,
    )
    assert run.returncode == 1, run.stderr
    return json.loads(run.stdout)


def problems(validator: Draft4Validator, log: dict) -> list[str]:
    """Where and how `log` breaks the schema, one line each."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.path)))
    ]


@pytest.fixture(scope="module")
def demo_log() -> dict:
    return check_sarif(["fixtures/demo"], REPO)


def test_the_demo_log_is_valid_sarif(validator: Draft4Validator, demo_log: dict) -> None:
    assert problems(validator, demo_log) == []
    run = demo_log["runs"][0]
    assert len(run["results"]) == 33
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_a_config_problem_and_a_file_name_to_encode_are_valid_sarif(
    validator: Draft4Validator, tmp_path: Path
) -> None:
    (tmp_path / "career-lsp.toml").write_text(
        'today = "2026-03-15"\n[rules]\nempty-section = "loud"\n', encoding="utf-8"
    )
    notes = tmp_path / "notes 2026"
    notes.mkdir()
    (notes / "2026-03-08 Career Coaching Session.md").write_text(
        "# Session\n\n## Discussed\n- 50% of [[Nowhere]], in Café #1\n", encoding="utf-8"
    )
    log = check_sarif(["."], tmp_path)
    assert problems(validator, log) == []
    results = log["runs"][0]["results"]
    assert results[0]["ruleId"] == "config"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "notes%202026/2026-03-08%20Career%20Coaching%20Session.md" in uris


def first_result(log: dict) -> dict:
    return log["runs"][0]["results"][0]


def level_info(log: dict) -> None:
    first_result(log)["level"] = "info"


def another_version(log: dict) -> None:
    log["version"] = "2.0.0"


def column_zero(log: dict) -> None:
    first_result(log)["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0


def unknown_rule_property(log: dict) -> None:
    log["runs"][0]["tool"]["driver"]["rules"][0]["helpUrl"] = "https://example.org"


@pytest.mark.parametrize("change", [level_info, another_version, column_zero, unknown_rule_property])
def test_the_schema_rejects_a_wrong_log(validator: Draft4Validator, demo_log: dict, change) -> None:
    """The validation can fail: the same log, made wrong in one place, is refused."""
    wrong = copy.deepcopy(demo_log)
    change(wrong)
    assert problems(validator, wrong) != []
