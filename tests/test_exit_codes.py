"""The command-line contract from issue 2: exit codes, one-line errors, python -m."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from listlint.cli import main

from .conftest import FIXTURES, ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "listlint", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_clean_file_exits_0(tmp_path: Path):
    path = tmp_path / "ok.csv"
    path.write_text("sku,title\nA1,Ceramic mug\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(path), "--isolated", "--select", "DT"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_findings_exit_1_and_fail_on(tmp_path: Path):
    path = tmp_path / "dup.csv"
    path.write_text("sku,title\nA1,Mug\nA1,Cup\n,Plate\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, [str(path), "--isolated", "--select", "DT"]).exit_code == 1
    # only a warning left when the error rule is ignored: passes by default, fails on warning
    assert (
        runner.invoke(
            main, [str(path), "--isolated", "--select", "DT", "--ignore", "DT203"]
        ).exit_code
        == 0
    )
    assert (
        runner.invoke(
            main,
            [
                str(path),
                "--isolated",
                "--select",
                "DT",
                "--ignore",
                "DT203",
                "--fail-on",
                "warning",
            ],
        ).exit_code
        == 1
    )
    downgraded = runner.invoke(
        main, [str(path), "--isolated", "--select", "DT", "--severity", "DT203=info"]
    )
    assert downgraded.exit_code == 0


def test_json_contract(tmp_path: Path):
    path = tmp_path / "dup.csv"
    path.write_text("sku,title\nA1,Mug\nA1,Cup\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(path), "--isolated", "--select", "DT", "-f", "json"])
    report = json.loads(result.output)
    assert report["version"] == 1
    assert report["summary"] == {
        "files": 1,
        "records": 2,
        "listings": 2,
        "findings": 1,
        "errors": 1,
        "warnings": 0,
        "info": 0,
    }
    f = report["findings"][0]
    assert {
        k: f[k]
        for k in ("rule", "name", "group", "severity", "row", "column", "field", "sku", "match")
    } == {
        "rule": "DT203",
        "name": "duplicate-sku",
        "group": "data",
        "severity": "error",
        "row": 3,
        "column": "sku",
        "field": "sku",
        "sku": "A1",
        "match": "A1",
    }
    assert set(f) >= {"path", "sheet", "message", "suggestion", "policy"}


def test_unusable_input_exit_2_one_line():
    proc = run(str(FIXTURES / "does-not-exist.csv"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "file not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_option_values_exit_2(tmp_path: Path):
    path = tmp_path / "ok.csv"
    path.write_text("sku,title\nA1,Mug\n", encoding="utf-8")
    for args in (
        ["--select", "NOPE999"],
        ["--severity", "DT203"],
        ["--policy", "no-such-pack"],
        ["--map", "colour_x=Name"],
    ):
        proc = run(str(path), "--isolated", *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("listlint: error:")


def test_map_overrides_columns(tmp_path: Path):
    path = tmp_path / "odd.csv"
    path.write_text("Artikel,Bezeichnung X\nA1,\nA2,Mug\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            str(path),
            "--isolated",
            "--select",
            "DT201",
            "--map",
            "title=Bezeichnung X",
            "--map",
            "sku=Artikel",
            "-f",
            "json",
        ],
    )
    report = json.loads(result.output)
    assert [(f["row"], f["column"]) for f in report["findings"]] == [(2, "Bezeichnung X")]


def test_config_file_and_unknown_key(tmp_path: Path):
    (tmp_path / "listlint.toml").write_text(
        'select = ["DT"]\nfail-on = "warning"\n', encoding="utf-8"
    )
    (tmp_path / "c.csv").write_text("sku,title\n,Mug\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "listlint", "c.csv"], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 1  # DT202 warning fails because of fail-on = warning
    (tmp_path / "listlint.toml").write_text('selekt = ["DT"]\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "listlint", "c.csv"], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 2 and "listlint.toml" in proc.stderr and "selekt" in proc.stderr


def test_rules_and_explain():
    runner = CliRunner()
    out = runner.invoke(main, ["rules"]).output
    assert "DT203  duplicate-sku" in out
    explained = runner.invoke(main, ["explain", "DT203"])
    assert explained.exit_code == 0 and "Why" in explained.output and "Fails" in explained.output
    assert runner.invoke(main, ["explain", "XX999"]).exit_code == 2


def test_python_dash_m_version():
    proc = run("--version")
    assert proc.returncode == 0 and "listlint" in proc.stdout
