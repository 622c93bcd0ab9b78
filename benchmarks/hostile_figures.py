"""Time and peak memory of the CLI on every generated hostile file (issue 10).

    .venv/bin/python benchmarks/hostile_figures.py [--timeout S] [--cap-gb G] [CASE...]

Prints one line per case: exit code, wall seconds, peak RSS of the listlint process
(VmHWM), whether the exit code is one the test allows and the input is unchanged, and
the one-line error or the finding codes. Files go to /tmp/listlint-hostile (not
committed). Figures on a shared machine are noisy upper bounds.

``--timeout`` (default 120 s) stops a run that hangs and ``--cap-gb`` (default 8) caps
its address space, so the figures of a file that still explodes can be taken safely:
such a run prints ``timeout`` or dies at the cap (exit 134 or "out of memory").
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_files import HOSTILE  # noqa: E402
from tests.test_hostile import _RUNNER  # noqa: E402


def _run(path: Path, timeout: float, cap_bytes: int) -> tuple[subprocess.CompletedProcess, int]:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    try:
        proc = subprocess.run(
            [sys.executable, "-c", _RUNNER, str(path), "--isolated", "-f", "json"],
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=cap,
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess([], -1, "", "timeout"), 0
    rss = max([int(ln[7:]) for ln in proc.stderr.splitlines() if ln.startswith("MAXRSS=")] or [0])
    return proc, rss


def main(names: list[str], timeout: float, cap_gb: float) -> None:
    out = Path("/tmp/listlint-hostile")
    out.mkdir(exist_ok=True)
    for name in names or sorted(HOSTILE):
        filename, make, codes, _ = HOSTILE[name]
        path = out / filename
        data = make()
        path.write_bytes(data)
        start = time.perf_counter()
        proc, rss_kb = _run(path, timeout, int(cap_gb * 1024**3))
        seconds = time.perf_counter() - start
        errors = [ln for ln in proc.stderr.splitlines() if ln.strip() and "MAXRSS" not in ln]
        if proc.returncode not in (0, 1) or not proc.stdout.strip():
            detail = errors[0][:150] if errors else ""
        else:
            report = json.loads(proc.stdout)
            detail = f"records={report['summary']['records']} "
            detail += ",".join(sorted({f["rule"] for f in report["findings"]}))
        ok = proc.returncode in codes and path.read_bytes() == data
        print(
            f"{name:26} {len(data) / 1e6:7.2f}MB exit={proc.returncode} {seconds:5.1f}s "
            f"rss={rss_kb / 1024:5.0f}MB {'OK ' if ok else 'BAD'} {detail}",
            flush=True,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--cap-gb", type=float, default=8)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    main(args.cases, args.timeout, args.cap_gb)
