"""Suppressions: the in-catalogue ``listlint`` column and the ignore file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from listlint.cli import main
from listlint.errors import ConfigError
from listlint.report import Finding, Severity
from listlint.suppress import Suppression, Suppressions, from_file, parse_cell

BAD_TITLE = "Nlke Air Max 1:1 Replica shoes"


def _run(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, [*args, "-f", "json"])
    out = result.stdout
    return result.exit_code, json.loads(out) if out.strip().startswith("{") else {}, result.stderr


def _finding(rule: str, sku: str, row: int = 2) -> Finding:
    return Finding(
        rule=rule,
        name="x",
        group="ip",
        severity=Severity.ERROR,
        path="c.csv",
        row=row,
        sku=sku,
        message="m",
    )


def test_parse_cell() -> None:
    found, problems = parse_cell("ignore HC105, tm: approved by legal; ignore PR101")
    assert found == [(("HC105", "TM"), "approved by legal")]
    assert len(problems) == 1 and "no reason" in problems[0]
    assert parse_cell("please ignore")[1]


def test_matching_by_prefix_row_and_sku() -> None:
    rules = Suppressions(
        [
            Suppression(("TM",), "ok", "t", sku="A"),
            Suppression(("ALL",), "ok", "t", path="c.csv", row=9),
        ]
    )
    kept, dropped = rules.apply(
        [
            _finding("TM101", "A"),
            _finding("HC105", "A"),
            _finding("PR101", "B", row=9),
            _finding("TM101", "B"),
        ]
    )
    assert [f.rule + f.sku for f in kept] == ["HC105A", "TM101B"]
    assert len(dropped) == 2 and rules.unused() == []


def test_catalogue_column_suppresses_with_reason(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(
        f"sku,title,listlint\nA,{BAD_TITLE},ignore TM: genuine stock from Nike\nB,{BAD_TITLE},\n"
    )
    code, report, _ = _run(str(src))
    skus = {f["sku"] for f in report["findings"] if f["rule"].startswith("TM")}
    assert skus == {"B"}
    assert code == 1


def test_column_without_reason_does_not_suppress(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(f"sku,title,listlint\nA,{BAD_TITLE},ignore TM\n")
    _code, report, err = _run(str(src))
    assert any(f["sku"] == "A" and f["rule"].startswith("TM") for f in report["findings"])
    assert "no reason" in err


def test_ignore_file_and_unused_notice(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(f"sku,title\nA,{BAD_TITLE}\n")
    ign = tmp_path / "ignore.yaml"
    ign.write_text(
        "- sku: A\n  rule: TM\n  reason: invoice 42\n- sku: Z\n  rule: HC105\n  reason: old\n"
    )
    _code, report, err = _run(str(src), "--ignore-file", str(ign))
    assert not [f for f in report["findings"] if f["rule"].startswith("TM")]
    assert "unused suppression HC105" in err and "entry 2" in err
    assert report["summary"]["records"] == 1


@pytest.mark.parametrize(
    "text, message",
    [
        ("- sku: A\n  rule: HC105\n", "needs a 'reason'"),
        ("- sku: A\n  reason: x\n", "needs 'sku' and 'rule'"),
        ("- sku: A\n  rule: HC105\n  reason: x\n  colour: red\n", "unknown key 'colour'"),
        ("just text", "expected a list"),
    ],
)
def test_ignore_file_errors(tmp_path: Path, text: str, message: str) -> None:
    ign = tmp_path / "ignore.yaml"
    ign.write_text(text)
    with pytest.raises(ConfigError, match=message):
        from_file(ign)


def test_ignore_file_error_is_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text("sku,title\nA,mug\n")
    ign = tmp_path / "ignore.yaml"
    ign.write_text("- sku: A\n  rule: HC105\n")
    result = CliRunner().invoke(main, [str(src), "--ignore-file", str(ign)])
    assert result.exit_code == 2 and "reason" in result.stderr
