"""CPU seconds of one CLI run per output format on the same generated catalogue
(issue 21 M11: ``-o .xlsx`` was 8x slower than the other formats).

    nice -n 10 .venv/bin/python benchmarks/bench_output_formats.py [ROWS] [--xlsx-input] [--profile]

The catalogue is benchmarks/generate.py's (seed 3) written as CSV (or, with
``--xlsx-input``, as a one-sheet workbook: the copy then re-reads the workbook) under /tmp. Each
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

from generate import generate, write_xlsx

FORMATS = ("json", "csv", "sarif", "html", "xlsx")
OUT = Path("/tmp/listlint-formats")


def cpu_of(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=False, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def source(rows: int, kind: str) -> Path:
    """The generated catalogue as CSV or as a one-sheet workbook (written once)."""
    src = OUT / f"catalog-{rows}.{kind}"
    if src.exists():
        return src
    df = generate(rows, seed=3)
    if kind == "csv":
        df.write_csv(src)
        return src
    return write_xlsx(df, src)


def main(args: list[str]) -> None:
    rows = int(next((a for a in args if a.isdigit()), "20000"))
    kind = "xlsx" if "--xlsx-input" in args else "csv"
    OUT.mkdir(exist_ok=True)
    src = source(rows, kind)
    base = [sys.executable, "-m", "listlint", str(src), "--isolated"]
    if "--profile" in args:
        prof = ["-m", "cProfile", "-o", str(OUT / "xlsx.prof"), "-m", "listlint"]
        subprocess.run([sys.executable, *prof, *base[3:], "-o", str(OUT / "p.xlsx")], check=False)
        return
    times = {}
    for fmt in FORMATS if kind == "csv" else ("json", "xlsx"):
        runs = [cpu_of([*base, "-o", str(OUT / f"out.{fmt}")]) for _ in range(3)]
        times[fmt] = statistics.median(runs)
    size = src.stat().st_size / 1e6
    print(f"{rows:,} rows ({size:.1f} MB {kind.upper()}), CPU s, median of 3")
    print("| output | CPU s | x json |")
    print("|---|---|---|")
    for fmt, t in times.items():
        print(f"| -o out.{fmt} | {t:.2f} | {t / times['json']:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
