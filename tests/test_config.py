"""Configuration: `listlint config` shows values and their origin; unknown keys are errors
naming the file and the key; config keys for ignore-file and baseline are honoured."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from listlint.cli import main


def test_config_shows_origin(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "listlint.toml").write_text('policy = ["tiktok-shop-us"]\nfail-on = "warning"\n')
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["config", "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["values"]["policy"] == ["tiktok-shop-us"]
    assert doc["origin"]["policy"].endswith("listlint.toml")
    assert doc["origin"]["fail-on"].endswith("listlint.toml")
    assert doc["origin"]["select"] == "default"
    text = CliRunner().invoke(main, ["config"]).stdout
    assert 'fail-on = "warning"' in text and "listlint.toml" in text


def test_unknown_key_names_file_and_key(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.listlint]\nselct = ['PR']\n")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["config"])
    assert r.exit_code == 2
    assert "pyproject.toml" in r.stderr and "selct" in r.stderr
    (tmp_path / "c.csv").write_text("sku,title\nA,mug\n")
    r = CliRunner().invoke(main, ["c.csv"])
    assert r.exit_code == 2 and "selct" in r.stderr


def test_ignore_file_and_baseline_from_config(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.csv").write_text("sku,title\nA,Nlke Air Max 1:1 Replica shoes\n")
    (tmp_path / "ignore.yaml").write_text("- sku: A\n  rule: TM\n  reason: genuine, invoice 7\n")
    (tmp_path / "listlint.toml").write_text('ignore-file = "ignore.yaml"\n')
    r = CliRunner().invoke(main, ["c.csv", "-f", "json"])
    assert not [f for f in json.loads(r.stdout)["findings"] if f["rule"].startswith("TM")]
    (tmp_path / "listlint.toml").write_text('baseline = "base.json"\n')
    assert CliRunner().invoke(main, ["c.csv", "--write-baseline", "base.json"]).exit_code == 0
    r = CliRunner().invoke(main, ["c.csv", "-f", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["findings"] == []


def test_config_origin_per_entry_and_command_line(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "listlint.toml").write_text(
        '[limits]\nmax_columns = 500\n[severity]\npr101 = "info"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    doc = json.loads(CliRunner().invoke(main, ["config", "-f", "json"]).stdout)
    assert doc["values"]["limits"]["max_columns"] == 500
    assert doc["origin"]["limits.max_columns"].endswith("listlint.toml")
    assert doc["origin"]["limits.max_cell_length"] == "default"
    assert doc["origin"]["severity.PR101"].endswith("listlint.toml")
    r = CliRunner().invoke(
        main, ["check", "--show-config", "--select", "PR", "--severity", "HC101=info"]
    )
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert 'select = ["PR"]  # command line (--select)' in lines
    assert 'severity.HC101 = "info"  # command line (--severity)' in lines
    assert any(ln.startswith("severity.PR101 = ") and "listlint.toml" in ln for ln in lines)
    assert 'policy = ["base"]  # default' in lines
    isolated = CliRunner().invoke(main, ["config", "--isolated"]).stdout
    assert "limits.max_columns = 16384  # default" in isolated
