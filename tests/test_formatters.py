"""Golden-file tests: every text formatter on one fixed report.

Regenerate after an intended change with ``LISTLINT_UPDATE_GOLDEN=1 pytest tests/test_formatters.py``
and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from listlint import formatters
from listlint.formatters import FormatOptions
from tests.formatter_report import HOSTILE, fixed_report

GOLDEN = Path(__file__).parent / "golden"
TEXT_FORMATS = {
    "text": "txt",
    "json": "json",
    "csv": "csv",
    "sarif": "sarif",
    "github": "txt",
    "junit": "xml",
    "html": "html",
}


def render(fmt: str) -> str:
    buf = io.StringIO()
    formatters.get(fmt)(fixed_report(), buf, FormatOptions(inputs=["shop/catalog.csv"]))
    return buf.getvalue()


@pytest.mark.parametrize("fmt", sorted(TEXT_FORMATS))
def test_golden(fmt: str) -> None:
    golden = GOLDEN / f"report.{fmt}.{TEXT_FORMATS[fmt]}"
    out = render(fmt)
    if os.environ.get("LISTLINT_UPDATE_GOLDEN"):
        golden.write_bytes(out.encode("utf-8"))
    assert golden.exists(), f"missing golden file {golden}; run with LISTLINT_UPDATE_GOLDEN=1"
    assert out == golden.read_bytes().decode("utf-8"), fmt


def test_every_builtin_has_an_extension_and_module() -> None:
    assert set(formatters.EXTENSIONS.values()) <= set(formatters.BUILTIN)
    for fmt in formatters.BUILTIN:
        assert callable(formatters.get(fmt))
    assert formatters.BINARY == {"xlsx"}


def test_json_keeps_the_contract() -> None:
    doc = json.loads(render("json"))
    assert doc["version"] == 1
    assert doc["summary"] == {
        "files": 1,
        "records": 4,
        "listings": 4,
        "findings": 4,
        "errors": 2,
        "warnings": 1,
        "info": 1,
    }
    assert list(doc["findings"][0]) == [
        "rule",
        "name",
        "group",
        "severity",
        "path",
        "sheet",
        "row",
        "column",
        "field",
        "sku",
        "message",
        "match",
        "suggestion",
        "policy",
        "marketplaces",
    ]


def test_csv_neutralises_formulas_and_control_characters() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv"), newline="")))
    assert len(rows) == 4
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
            assert "\x07" not in value
    hostile = rows[1]
    assert hostile["match"] == "'" + HOSTILE
    assert hostile["sku"] == "'+SKU-2"
    assert hostile["suggestion"].startswith("'@SUM")
    assert hostile["message"] == 'controlchars & <b>html</b> "quotes"'
    assert rows[0]["marketplaces"] == "TikTok Shop US; Amazon US"


def test_html_escapes_everything_and_is_standalone() -> None:
    html = render("html")
    assert "<b>html</b>" not in html and "&lt;b&gt;html&lt;/b&gt;" in html
    assert "\x07" not in html
    assert "<svg" in html  # the chart
    for remote in ('src="http', 'href="//', "@import", "<link"):
        assert remote not in html
    assert 'href="https://example.com/policy/claims"' in html


def test_junit_is_well_formed_with_a_testcase_per_listing() -> None:
    root = ET.fromstring(render("junit"))
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == [
        "shop/catalog.csv:2 SKU SKU-1",
        "shop/catalog.csv:3 SKU +SKU-2",
        "shop/catalog.csv:4 SKU -SKU-3",
    ]
    assert [len(c.findall("failure")) for c in cases] == [1, 2, 1]
    assert root.get("failures") == "4"


def test_github_annotations_and_cap() -> None:
    lines = render("github").splitlines()
    assert lines[0].startswith(
        "::error file=shop/catalog.csv,line=2,title=ZZ901 health-claim::SKU SKU-1:"
    )
    assert lines[2].startswith("::notice ")
    assert all("\n" not in line for line in lines)
    from listlint.formatters import github
    from listlint.report import Report

    many = fixed_report().findings[:1] * (github.PER_RULE + 30)
    big = Report.build(list(many), files=1, records=1, listings=1)
    buf = io.StringIO()
    github.write(big, buf, FormatOptions())
    out = buf.getvalue().splitlines()
    assert len(out) == github.PER_RULE + 1
    assert "30 not annotated" in out[-1] and "ZZ901 x80" in out[-1]


def test_github_escapes_newlines_and_property_separators() -> None:
    from listlint.formatters.github import _data, _prop

    assert _data("a\nb%") == "a%0Ab%25"
    assert _prop("a,b:c") == "a%2Cb%3Ac"
