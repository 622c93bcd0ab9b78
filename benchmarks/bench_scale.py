"""Scale-out benchmark: the same synthetic catalogue linted in one process, on local
Spark and on Dask, with wall time, CPU time, peak memory and finding counts.

    python benchmarks/bench_scale.py 1000000                 # all three engines
    python benchmarks/bench_scale.py 10000000 --engines spark,dask --partitions 40

The catalogue (benchmarks/generate.py, written to benchmarks/data/ as Parquet in
chunks, so 10M rows never sit in memory at once) is generated once per size. Spark runs
in local[2] mode and writes its findings to Parquet, as a cluster job would; Dask uses
its process scheduler with two workers and also writes Parquet. The single-process run
is ``listlint.lint(path)``. Counts per rule must agree across engines (full equality
of every finding is asserted by tests/test_spark.py and tests/test_dask.py at 100k).
On one machine the cluster engines are not faster: the point is that they are correct
and add machines, not that two cores go further.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
DATA = Path(__file__).resolve().parent / "data"


def write_parquet(n: int, path: Path, chunk: int = 250_000, seed: int = 0) -> Path:
    """``n`` synthetic listings as one Parquet file, written chunk by chunk."""
    import pyarrow.parquet as pq

    from generate import generate

    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    writer = None
    written = 0
    while written < n:
        size = min(chunk, n - written)
        df = generate(size, seed=seed + written)
        part = written // chunk
        df = df.with_columns(  # SKUs unique across chunks, duplicates planted within
            pl.concat_str([pl.col("sku"), pl.lit(f"-{part}")]).alias("sku"),
            # each chunk numbers its variant groups from 1: keep them apart across chunks,
            # as generate.py's CSV writer does (else distinct products shared a group)
            pl.col("item_group_id").str.replace("^G", f"G{part:03d}-"),
        )
        table = df.to_arrow()
        if writer is None:
            writer = pq.ParquetWriter(tmp, table.schema)
        writer.write_table(table, row_group_size=50_000)
        written += size
    assert writer is not None
    writer.close()
    tmp.rename(path)
    return path


def _measure(run: Callable[[], dict[str, int]]) -> dict[str, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    counts = run()
    return {
        "seconds": round(time.perf_counter() - wall, 1),
        "driver_cpu_seconds": round(time.process_time() - cpu, 1),
        "findings": sum(counts.values()),
        "by_rule": counts,
    }


def run_local(path: Path) -> dict[str, int]:
    import listlint

    report = listlint.lint(str(path))
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    return counts


def run_spark(path: Path, partitions: int, out: Path) -> dict[str, int]:
    from listlint.spark import lint_dataframe, session

    spark = session("local[2]", "listlint-bench")
    size = path.stat().st_size
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(max(1 << 20, size // partitions)))
    lint_dataframe(spark.read.parquet(str(path)), path=str(path)).write.mode("overwrite").parquet(
        str(out)
    )
    found = pl.read_parquet(out / "*.parquet")
    return dict(found.group_by("rule").len().iter_rows())


def run_dask(path: Path, partitions: int, out: Path) -> dict[str, int]:
    import dask
    import dask.dataframe as dd

    from listlint.dask import lint_dataframe

    ddf = dd.read_parquet(str(path), split_row_groups=True)  # one partition per row group
    if ddf.npartitions < partitions:
        ddf = ddf.repartition(npartitions=partitions)
    with dask.config.set(scheduler="processes", num_workers=2):
        found = lint_dataframe(ddf, path=str(path))
        found = found.assign(
            marketplaces=found["marketplaces"].map(json.dumps, meta=("m", "string"))
        )
        found.to_parquet(str(out), write_index=False)
    return dict(pl.read_parquet(out / "*.parquet").group_by("rule").len().iter_rows())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("--engines", default="local,spark,dask")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()
    path = write_parquet(args.rows, DATA / f"scale_{args.rows}.parquet")
    results: dict[str, Any] = {"rows": args.rows, "parquet_mb": round(path.stat().st_size / 1e6)}
    for engine in args.engines.split(","):
        out = DATA / f"findings_{engine}_{args.rows}"
        shutil.rmtree(out, ignore_errors=True)
        if engine == "local":
            results[engine] = _measure(lambda: run_local(path))
        else:
            run = run_spark if engine == "spark" else run_dask
            results[engine] = _measure(lambda run=run, out=out: run(path, args.partitions, out))
        print(engine, json.dumps(results[engine]), flush=True)
    # this process only: Spark's JVM and Python workers and Dask's workers are not
    # counted (run one engine per invocation under /usr/bin/time -v for those)
    results["driver_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    counts = [results[e]["by_rule"] for e in args.engines.split(",")]
    results["same_counts"] = all(c == counts[0] for c in counts)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
