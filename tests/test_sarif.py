"""SARIF 2.1.0 output validated against the official OASIS schema (vendored in
``tests/schemas/``; see its README for where it came from)."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from listlint.formatters import FormatOptions, sarif
from listlint.report import Finding, Report, Severity
from tests.formatter_report import fixed_report

SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "catalog.csv"

# jsonschema checks "uri" formats only when optional packages are installed; these two
# checks are what GitHub code scanning needs (no spaces or control characters; a scheme
# where a full URI is required).
_CHECKER = jsonschema.Draft4Validator.FORMAT_CHECKER


@_CHECKER.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$", value))


@_CHECKER.checks("uri-reference")
def _is_uri_reference(value: object) -> bool:
    return not isinstance(value, str) or not re.search(r"[\s\x00-\x1f\x7f]", value)


def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=_CHECKER)


def _doc(report: Report | None = None) -> dict:
    buf = io.StringIO()
    sarif.write(report or fixed_report(), buf, FormatOptions())
    return json.loads(buf.getvalue())


def _assert_valid(doc: dict) -> None:
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_vendored_schema_is_the_official_one() -> None:
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")


def test_sarif_validates() -> None:
    _assert_valid(_doc())


def test_the_schema_catches_mistakes() -> None:
    """The validator is not a rubber stamp: a misspelt key or a bad level fails."""
    doc = _doc()
    doc["runs"][0]["results"][0]["level"] = "fatal"
    assert list(_validator().iter_errors(doc))
    doc = _doc()
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["regon"] = {}
    assert list(_validator().iter_errors(doc))
    doc = _doc()
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = (
        "shop/my catalog.csv"
    )
    assert list(_validator().iter_errors(doc))


def test_sarif_locations_name_file_row_sku_and_field() -> None:
    run = _doc()["runs"][0]
    first = run["results"][0]
    loc = first["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "shop/catalog.csv"
    assert loc["physicalLocation"]["region"]["startLine"] == 2
    assert [x["name"] for x in loc["logicalLocations"]] == ["SKU-1", "Title"]
    assert [x["kind"] for x in loc["logicalLocations"]] == ["object", "member"]
    assert loc["logicalLocations"][1]["fullyQualifiedName"] == "sku:SKU-1/title"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["ZZ901", "ZZ902", "ZZ903"]
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == first["ruleId"]
    assert run["tool"]["driver"]["rules"][0]["helpUri"] == "https://example.com/policy/claims"


def test_paths_with_spaces_and_unicode_are_valid_uris() -> None:
    f = Finding(
        rule="ZZ901",
        name="health-claim",
        group="claims",
        severity=Severity.ERROR,
        path="Shop exports/Katalog ö #2.csv",
        row=7,
        sku="A\x07",
        message="bell\x07 and\x1b[31m escape",
    )
    doc = _doc(Report.build([f], files=1, records=1, listings=1))
    _assert_valid(doc)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "Shop%20exports/Katalog%20%C3%B6%20%232.csv"
    buf = io.StringIO()
    sarif.write(Report.build([f], files=1, records=1, listings=1), buf, FormatOptions())
    # control characters are escaped by the JSON encoder, never written raw
    assert "\x07" not in buf.getvalue() and "\x1b" not in buf.getvalue()


def test_real_run_validates_and_rules_carry_documentation() -> None:
    from listlint import lint

    if not EXAMPLE.is_file():
        pytest.skip(f"{EXAMPLE} is missing")
    report = lint(str(EXAMPLE))
    assert report.findings, "the example catalogue is meant to have findings"
    doc = _doc(report)
    _assert_valid(doc)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {f.rule for f in report.findings}
    for rule in rules:
        assert "Why" in rule["help"]["text"], rule["id"]
    assert len(doc["runs"][0]["results"]) == len(report.findings)


def test_descriptors_come_from_the_report_not_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17: formatters read only the Report; rule metadata travels in it."""
    from listlint.report import RuleInfo
    from listlint.rules import registry

    def no_registry(*args: object, **kw: object) -> None:
        raise AssertionError("the SARIF formatter consulted the rule registry")

    monkeypatch.setattr(registry, "all_rules", no_registry)
    info = RuleInfo(
        code="ZZ901",
        name="health-claim",
        group="claims",
        severity=Severity.WARNING,
        summary="Health claim on a listing",
        help="Why: marketplaces ban disease claims.",
        policy_url="https://example.com/rules/ZZ901",
    )
    report = fixed_report().model_copy(update={"rules": {"ZZ901": info}})
    rule = _doc(report)["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["help"]["text"] == "Why: marketplaces ban disease claims."
    assert rule["shortDescription"]["text"] == "Health claim on a listing"
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert rule["helpUri"] == "https://example.com/rules/ZZ901"
