"""Baselines keyed by SKU + rule + fingerprint of the offending value, not row numbers."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from listlint.baseline import filter_new, fingerprint, key
from listlint.cli import main
from listlint.report import Finding, Severity

BAD = "Nlke Air Max 1:1 Replica shoes"
WORSE = "Adidaz Superstar sneakers"  # a different problem (a lookalike, not copy wording)


def _json(*args: str) -> tuple[int, dict]:
    r = CliRunner().invoke(main, [*args, "-f", "json"])
    return r.exit_code, json.loads(r.stdout)


def test_fingerprint_ignores_case_and_spacing_but_not_value() -> None:
    a = Finding(
        rule="X1",
        name="x",
        group="g",
        severity=Severity.ERROR,
        sku="A",
        row=2,
        message="m",
        match="Nlke  Air",
    )
    b = a.model_copy(update={"row": 99, "match": "nlke air"})
    c = a.model_copy(update={"match": "Adidaz"})
    assert key(a) == key(b) and fingerprint(a) != fingerprint(c)
    assert filter_new([a, b], __import__("collections").Counter([key(a)])) == [b]


def test_baseline_survives_row_moves_and_reports_new(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(f"sku,title\nA,{BAD}\nB,Plain mug\n")
    base = tmp_path / "baseline.json"
    r = CliRunner().invoke(main, [str(src), "--write-baseline", str(base)])
    assert r.exit_code == 0 and "wrote baseline" in r.stderr
    assert json.loads(base.read_text())["entries"]
    code, report = _json(str(src), "--baseline", str(base))
    assert code == 0 and report["findings"] == []
    # rows move (a new first row, A now on row 3): still baselined
    src.write_text(f"sku,title\nC,Plain cup\nB,Plain mug\nA,{BAD}\n")
    code, report = _json(str(src), "--baseline", str(base))
    assert report["findings"] == [] and code == 0
    # the offending value changes on A, and B gets a new problem: both reported
    src.write_text(f"sku,title\nA,{WORSE}\nB,{BAD}\n")
    code, report = _json(str(src), "--baseline", str(base))
    assert {f["sku"] for f in report["findings"]} == {"A", "B"}
    assert code == 1


def test_broken_baseline_is_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text("sku,title\nA,mug\n")
    base = tmp_path / "b.json"
    base.write_text("[1, 2]")
    r = CliRunner().invoke(main, [str(src), "--baseline", str(base)])
    assert r.exit_code == 2 and "baseline" in r.stderr
