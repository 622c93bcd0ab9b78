"""The hostile-set table of docs/hostile.md (issues 10 and 21): one row per generated
hostile file (tests/hostile_files.py) run through the CLI as tests/test_hostile.py runs it.

    nice -n 10 .venv/bin/python benchmarks/hostile_table.py [--markdown] [CASE...]

Columns: input size, exit code, wall seconds, CPU seconds (user + system of the listlint
process and the workers it waited for), peak RSS of the listlint process (VmHWM),
whether the exit code is one the test allows, the input is unchanged and no traceback or
panic text was printed, and the one-line error or the finding codes. (hostile_figures.py
prints the same run for a terminal.) Files go to /tmp/listlint-hostile and are removed
after each case. Figures on a shared machine are noisy upper bounds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_files import HOSTILE  # noqa: E402
from tests.test_hostile import run_measured  # noqa: E402


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} KB"


def main(args: list[str]) -> None:
    markdown = "--markdown" in args
    names = [a for a in args if a != "--markdown"]
    out = Path("/tmp/listlint-hostile")
    out.mkdir(exist_ok=True)
    for name in names or sorted(HOSTILE):
        filename, make, codes, _ = HOSTILE[name]
        path = out / filename
        data = make()
        path.write_bytes(data)
        start = time.perf_counter()
        try:
            proc, rss_kb, cpu = run_measured(path)
        except subprocess.TimeoutExpired:
            print(f"| {name} | {_size(len(data))} | timeout | > 30 | ? | ? | BAD | |", flush=True)
            continue
        seconds = time.perf_counter() - start
        errors = [ln for ln in proc.stderr.splitlines() if ln.strip() and "MAXRSS" not in ln]
        if proc.returncode == 2 or not proc.stdout.strip():
            detail = errors[0][:150] if errors else ""
        else:
            report = json.loads(proc.stdout)
            detail = ",".join(sorted({f["rule"] for f in report["findings"]}))
        ok = proc.returncode in codes and path.read_bytes() == data
        ok = ok and "Traceback" not in proc.stderr and "panicked" not in proc.stderr
        path.unlink()
        if markdown:
            detail = detail.replace("|", "\\|").replace(str(out) + "/", "")
            print(
                f"| {name} | {_size(len(data))} | {proc.returncode} | {seconds:.1f} | {cpu:.1f} | "
                f"{rss_kb / 1024:.0f} | {'ok' if ok else 'BAD'} | {detail[:90]} |",
                flush=True,
            )
        else:
            print(
                f"{name:26} exit={proc.returncode} {seconds:5.1f}s cpu={cpu:5.1f}s "
                f"rss={rss_kb / 1024:5.0f}MB "
                f"{_size(len(data)):>9} {'OK ' if ok else 'BAD'} {detail}",
                flush=True,
            )


if __name__ == "__main__":
    main(sys.argv[1:])
