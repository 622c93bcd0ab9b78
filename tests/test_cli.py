"""CLI behaviour for issue 8: formats on stdout, exit codes, progress only on a TTY."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from listlint.cli import main
from listlint.progress import Progress

BAD = "sku,title\nA,Nlke Air Max 1:1 Replica shoes\nB,Plain mug\n"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    p = tmp_path / "c.csv"
    p.write_text(BAD)
    return p


@pytest.mark.parametrize("fmt", ["json", "sarif", "csv", "github", "junit", "html"])
def test_machine_formats_print_only_the_report(catalog: Path, fmt: str) -> None:
    r = CliRunner().invoke(main, [str(catalog), "-f", fmt, "--progress"])
    assert r.exit_code == 1
    assert r.stdout.strip()
    first = r.stdout.lstrip()[:1]
    assert (
        first
        in {"json": "{", "sarif": "{", "csv": "r", "github": ":", "junit": "<", "html": "<"}[fmt]
    )
    if fmt in ("json", "sarif"):
        json.loads(r.stdout)


def test_fail_on_and_exit_codes(catalog: Path, tmp_path: Path) -> None:
    assert CliRunner().invoke(main, [str(catalog)]).exit_code == 1
    clean = tmp_path / "ok.csv"
    clean.write_text("sku,title\nA,Plain cotton t-shirt\n")
    assert CliRunner().invoke(main, [str(clean), "-f", "json"]).exit_code == 0
    assert CliRunner().invoke(main, [str(catalog), "-f", "nope"]).exit_code == 2


def test_progress_is_silent_off_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.csv"
    big.write_text("x")
    p = Progress.for_files([big])
    assert not p.enabled  # not a TTY under pytest
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    forced = Progress.for_files([big], True)
    forced.start(big)
    forced.advance(big)
    forced.close()
    assert "100%" in err.getvalue()
