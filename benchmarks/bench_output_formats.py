"""CPU seconds of one CLI run per output format on the same generated catalogue
(issue 21 M11: ``-o .xlsx`` was 8x slower than the other formats).

    nice -n 10 .venv/bin/python benchmarks/bench_output_formats.py [ROWS] [--profile]

The catalogue is benchmarks/generate.py's (seed 3) written as CSV under /tmp. Each
format is run once per repeat (median of 3) as ``listlint FILE -o out.EXT``; the figure
is user + system CPU of the listlint process and its workers (RUSAGE_CHILDREN), which a
loaded machine does not inflate as it does wall time. ``--profile`` writes a cProfile of
the ``.xlsx`` run to /tmp/listlint-formats/xlsx.prof.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

FORMATS = ("json", "csv", "sarif", "html", "xlsx")
OUT = Path("/tmp/listlint-formats")


def cpu_of(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=False, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(args: list[str]) -> None:
    rows = int(next((a for a in args if a.isdigit()), "20000"))
    OUT.mkdir(exist_ok=True)
    src = OUT / f"catalog-{rows}.csv"
    if not src.exists():
        generate(rows, seed=3).write_csv(src)
    base = [sys.executable, "-m", "listlint", str(src), "--isolated"]
    if "--profile" in args:
        prof = ["-m", "cProfile", "-o", str(OUT / "xlsx.prof"), "-m", "listlint"]
        subprocess.run([sys.executable, *prof, *base[3:], "-o", str(OUT / "p.xlsx")], check=False)
        return
    times = {}
    for fmt in ("none", *FORMATS):
        extra = [] if fmt == "none" else ["-o", str(OUT / f"out.{fmt}")]
        runs = [cpu_of([*base, "-f", "json", *extra] if fmt == "none" else [*base, *extra])
                for _ in range(3)]  # fmt: skip
        times[fmt] = statistics.median(runs)
    print(f"{rows:,} rows ({src.stat().st_size / 1e6:.1f} MB CSV), CPU s, median of 3")
    print("| output | CPU s | x json |")
    print("|---|---|---|")
    for fmt, t in times.items():
        label = "-f json to stdout" if fmt == "none" else f"-o out.{fmt}"
        print(f"| {label} | {t:.2f} | {t / times['json']:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
