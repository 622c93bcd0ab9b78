"""Where ``--output`` writes (issue 21 H2, L1, L2; issue 22): a device, a FIFO or a
symlink is written through, never replaced; an output folder that is missing or not
writable is a one-line usage error before any linting; a full disk is one line too."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from listlint.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")

BAD = "sku,title\nA,Nlke Air Max 1:1 Replica shoes\nB,Plain mug\n"


def _catalog(tmp_path: Path) -> Path:
    p = tmp_path / "c.csv"
    p.write_text(BAD, encoding="utf-8")
    return p


def _cli(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "listlint", *args, "--isolated"],
        capture_output=True,
        text=True,
        timeout=120,
        **kw,  # type: ignore[arg-type]
    )


def _node(path: Path, minor: int) -> Path:
    """A character device like /dev/null (minor 3) or /dev/full (minor 7), made in a
    temporary folder so the real /dev is never at risk."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    return path


def test_device_target_is_written_through_not_replaced(tmp_path: Path) -> None:
    null = _node(tmp_path / "null", 3)
    proc = _cli(str(_catalog(tmp_path)), "-f", "json", "-o", str(null))
    assert proc.returncode == 1, proc.stderr
    assert stat.S_ISCHR(null.lstat().st_mode), "the device was replaced by a regular file"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_fifo_target_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = _cli(str(_catalog(tmp_path)), "-f", "json", "-o", str(fifo))
    if reader.is_alive():  # the report never came: unblock the reader
        with open(fifo, "wb"):
            pass
    reader.join(10)
    assert proc.returncode == 1, proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the FIFO was replaced by a regular file"
    assert got and json.loads(got[0])["summary"]["errors"] >= 1


def test_symlink_target_keeps_the_link(tmp_path: Path) -> None:
    real_dir = tmp_path / "reports"
    real_dir.mkdir()
    real = real_dir / "2026-12.json"
    real.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    proc = _cli(str(_catalog(tmp_path)), "-o", str(link))
    assert proc.returncode == 1, proc.stderr
    assert link.is_symlink(), "the symlink was replaced by a regular file"
    assert json.loads(real.read_text())["summary"]["files"] == 1


def test_symlink_to_a_device_is_written_through(tmp_path: Path) -> None:
    null = _node(tmp_path / "null", 3)
    link = tmp_path / "stdout.json"
    link.symlink_to(null)
    proc = _cli(str(_catalog(tmp_path)), "-o", str(link))
    assert proc.returncode == 1, proc.stderr
    assert link.is_symlink() and stat.S_ISCHR(null.lstat().st_mode)


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("nodir/report.html", "does not exist"),
        ("nodir/deeper/report.json", "does not exist"),
        ("c.csv/report.json", "not a directory"),
    ],
)
def test_unusable_output_folder_is_a_usage_error_before_linting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, says: str
) -> None:
    src = _catalog(tmp_path)
    monkeypatch.chdir(tmp_path)

    def no_lint(*args: object, **kw: object) -> None:
        raise AssertionError("linted before checking the output folder")

    monkeypatch.setattr("listlint.runner.run", no_lint)
    r = CliRunner().invoke(main, [str(src), "--isolated", "-o", target])
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("listlint: error:"), r.stderr
    assert says in lines[0] and str(Path(target).parent) in lines[0]
    assert "internal error" not in lines[0] and ".tmp" not in lines[0]


def test_full_disk_on_a_device_is_one_line(tmp_path: Path) -> None:
    full = _node(tmp_path / "full", 7)  # every write fails with ENOSPC
    proc = _cli(str(_catalog(tmp_path)), "-f", "json", "-o", str(full))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "No space left" in lines[0] and str(full) in lines[0], lines
    assert stat.S_ISCHR(full.lstat().st_mode)


def _limit_file_size() -> None:
    # writes past 2 KB fail with EFBIG, as a full disk fails them with ENOSPC
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


@pytest.mark.parametrize("ext", [".xlsx", ".json", ".html"])
def test_write_failure_midway_is_one_line_and_keeps_the_old_report(
    tmp_path: Path, ext: str
) -> None:
    src = tmp_path / "c.csv"
    src.write_text(BAD + "".join(f"S{i},Nlke 1:1 replica shoes {i}\n" for i in range(300)))
    target = tmp_path / f"report{ext}"
    target.write_bytes(b"previous report")
    proc = _cli(str(src), "-o", str(target), preexec_fn=_limit_file_size)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("listlint: error:"), proc.stderr
    assert str(target) in lines[0] and "internal error" not in lines[0]
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_prints_one_line_with_the_counts(tmp_path: Path) -> None:
    src = _catalog(tmp_path)
    for ext in (".json", ".xlsx", ".html"):
        out = tmp_path / f"r{ext}"
        r = CliRunner().invoke(main, [str(src), "--isolated", "-o", str(out)])
        assert r.exit_code == 1 and r.stdout == ""
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1, r.stderr
        assert lines[0].startswith(f"listlint: wrote {out}")
        assert "2 listing(s)" in lines[0] and "error(s)" in lines[0]
