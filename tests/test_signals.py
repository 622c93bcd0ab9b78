"""SIGTERM and Ctrl-C during a parallel run (issue 21 H3, L8).

The signal goes to the whole process group, as systemd, CI cancellation and Ctrl-C
send it: the workers ignore it, the parent stops them and exits 143 (SIGTERM) or 130
(SIGINT) without waiting on them, with one line on stderr and no traceback, and its
temporary folder is gone. A run killed with SIGKILL leaves its folder behind; the next
run removes it. Marked slow: each run starts worker processes (about a second each).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
    pytest.mark.slow,
]

# A real `listlint` run with two workers whose batches take a while, so the signal
# lands while the workers are busy and batches are queued for them.
_WRAPPER = textwrap.dedent(
    """
    import sys, time
    from listlint import engine

    real = engine.batch_result
    def slow(ruleset, batch):
        time.sleep(1.0)
        return real(ruleset, batch)
    engine.batch_result = slow  # in the workers too: spawn re-runs this module
    if __name__ == "__main__":
        from listlint.cli import main
        sys.argv = ["listlint", *sys.argv[1:]]
        main()
    """
)


def _catalog(tmp_path: Path, rows: int = 12000) -> Path:
    # ~1 KB a row, so a batch in flight is bigger than a pipe's buffer: the parent's
    # queue feeder thread was left blocked writing to dead workers, and exit hung on it
    path = tmp_path / "c.csv"
    text = "Soft glazed stoneware mug for tea and coffee. " * 22
    lines = ["sku,title,description,price"] + [
        f"S{i},Plain ceramic mug {i},{text},9.99" for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start(tmp_path: Path, tmp: Path, *extra: str) -> subprocess.Popen[str]:
    script = tmp_path / "run.py"
    script.write_text(_WRAPPER, encoding="utf-8")
    cfg = tmp_path / "listlint.toml"
    cfg.write_text("jobs = 2\nbatch_size = 400\n", encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(tmp)}
    args = [str(_catalog(tmp_path)), "--config", str(cfg), "-f", "json", *extra]
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell job or a service
    )


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _wait_for_workers(proc: subprocess.Popen[str], n: int = 2) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        kids = _children(proc.pid)
        if len(kids) >= n:
            time.sleep(2.5)  # workers started and busy (spawn + imports take ~1-2 s)
            return _children(proc.pid)
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    pytest.fail("the run did not start its workers")


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize(
    ("sig", "code", "says"),
    [
        (signal.SIGTERM, 143, "terminated (SIGTERM)"),
        (signal.SIGINT, 130, "interrupted (SIGINT)"),
    ],
)
def test_signal_to_the_group_stops_the_run_cleanly(
    tmp_path: Path, sig: signal.Signals, code: int, says: str
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = _start(tmp_path, tmp)
    try:
        workers = _wait_for_workers(proc)
        os.killpg(proc.pid, sig)
        _, err = proc.communicate(timeout=30)  # a hang fails here
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == code, err
    assert "Traceback" not in err and "Error" not in err.replace("error:", ""), err
    assert err.strip().splitlines() == [f"listlint: error: {says}: the run was stopped"], err
    assert _gone(workers), "worker processes outlived the run"
    assert list(tmp.iterdir()) == [], "temporary files left behind"


def test_folder_of_a_killed_run_is_removed_by_the_next_run(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = _start(tmp_path, tmp)
    try:
        workers = _wait_for_workers(proc)
        left = [p.name for p in tmp.iterdir()]
        assert left and all(n.startswith("listlint-run-") for n in left), left
        os.killpg(proc.pid, signal.SIGKILL)  # no cleanup possible
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert _gone(workers)
    assert [p.name for p in tmp.iterdir()] == left  # what kill -9 leaves
    done = subprocess.run(
        [sys.executable, "-m", "listlint", str(tmp_path / "c.csv"), "--isolated", "-q"],
        env={**os.environ, "TMPDIR": str(tmp)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert list(tmp.iterdir()) == []


def test_a_live_run_folder_is_left_alone(tmp_path: Path) -> None:
    from listlint import runtemp

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with runtemp.run_folder(tmp) as mine:
        runtemp.sweep(tmp)  # another run starting meanwhile
        assert mine.is_dir()
    assert list(tmp.iterdir()) == []
