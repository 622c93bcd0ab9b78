"""Time and peak memory of the CLI on every generated hostile file (issue 10).

    .venv/bin/python benchmarks/hostile_figures.py [CASE...]

Prints one line per case: exit code, wall seconds, peak RSS of the listlint process
(VmHWM), whether the exit code is one the test allows and the input is unchanged, and
the one-line error or the finding codes. Files go to /tmp/listlint-hostile (not
committed). Figures on a shared machine are noisy upper bounds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_files import HOSTILE  # noqa: E402
from tests.test_hostile import _run  # noqa: E402


def main(names: list[str]) -> None:
    out = Path("/tmp/listlint-hostile")
    out.mkdir(exist_ok=True)
    for name in names or sorted(HOSTILE):
        filename, make, codes, _ = HOSTILE[name]
        path = out / filename
        data = make()
        path.write_bytes(data)
        start = time.perf_counter()
        proc, rss_kb = _run(path)
        seconds = time.perf_counter() - start
        errors = [ln for ln in proc.stderr.splitlines() if ln.strip() and "MAXRSS" not in ln]
        if proc.returncode == 2 or not proc.stdout.strip():
            detail = errors[0][:150] if errors else ""
        else:
            report = json.loads(proc.stdout)
            detail = ",".join(sorted({f["rule"] for f in report["findings"]}))
        ok = proc.returncode in codes and path.read_bytes() == data
        print(
            f"{name:26} exit={proc.returncode} {seconds:5.1f}s rss={rss_kb / 1024:5.0f}MB "
            f"{'OK ' if ok else 'BAD'} {detail}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
