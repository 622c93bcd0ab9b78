"""Benchmark of the measures family: parsing weights/dimensions and running every MS
rule on a synthetic catalogue (``benchmarks/generate.py``), plus recall/precision of
the planted g/kg mix-ups.

    python benchmarks/generate.py 1000000 /tmp/1m.csv
    python benchmarks/bench_measures.py /tmp/1m.csv            # parse + checks
    python benchmarks/bench_measures.py /tmp/1m.csv --full     # also the whole loader

"parse" is the columnar weight/length parsing the loader runs (listlint.units.columns);
"checks" is every measures rule over 50,000-listing batches, including the two-phase
catalogue outliers, the engine's stamping of hits into findings and building the rule
set (policy packs). Reading the CSV text is not counted (it is the loader's cost, shown
with --full). CPU seconds are this process's user + system time; wall-clock figures on
a shared machine include waiting for a core and are noisy upper bounds.

``--findings-out PATH`` writes every finding as one sorted JSON line (policy links
left out), to check that a speed change leaves the findings exactly as they were.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import polars as pl

from listlint.batch import Batch
from listlint.config import Config
from listlint.engine import RuleSet, catalog_partials, check_batch, merge_partials
from listlint.fields import GROUP, REC, ROW, SHEET
from listlint.units import columns

RAW = ["sku", "title", "category", "weight", "length", "width", "height", "item_group_id"]
#: generate.py writes a planted g/kg mix-up as an integer number of kg ("180 kg");
#: its normal kg values always have two decimals
PLANTED = re.compile(r"^\d+ kg$")


def parse(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        columns.weight_kg(frame["weight"]),
        *[columns.length_cm(frame[d]).alias(f"{d}_cm") for d in ("length", "width", "height")],
    )


def check(frame: pl.DataFrame, batch_size: int) -> list:
    ruleset = RuleSet.build(Config(select=["measures"]))
    findings, partials = [], {}
    for start in range(0, frame.height, batch_size):
        batch = Batch(frame.slice(start, batch_size), path="bench.csv", columns={})
        context = ruleset.context(batch)  # the family's analysis shared by both phases
        findings += check_batch(ruleset, batch, context=context)
        for code, part in catalog_partials(ruleset, batch, context=context).items():
            partials.setdefault(code, []).append(part)
    findings += merge_partials(ruleset, partials, "bench.csv")
    return findings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("csv", type=Path)
    ap.add_argument("--batch-size", type=int, default=50_000)
    ap.add_argument("--full", action="store_true", help="also time listlint.load + lint")
    ap.add_argument("--findings-out", type=Path, help="write the findings, sorted, as JSON lines")
    args = ap.parse_args()

    raw = pl.read_csv(args.csv, columns=RAW, infer_schema=False)
    n = raw.height
    # generate.py writes big files in chunks of 200,000 whose group ids restart at
    # G0000001: keep variant groups apart per chunk, as the generator means them
    chunk = (pl.int_range(0, n) // 200_000).cast(pl.Utf8)
    frame = raw.with_columns(
        pl.when(pl.col("item_group_id").is_not_null())
        .then(pl.concat_str([chunk, pl.col("item_group_id")], separator=":"))
        .alias(GROUP)
    ).drop("item_group_id")
    frame = frame.with_columns(
        pl.int_range(2, n + 2, dtype=pl.Int64).alias(ROW),
        pl.int_range(0, n, dtype=pl.Int64).alias(REC),
        pl.lit(None, dtype=pl.Utf8).alias(SHEET),
    )

    c0, t0 = time.process_time(), time.perf_counter()
    parsed = parse(frame)
    c1, t1 = time.process_time(), time.perf_counter()
    findings = check(parsed, args.batch_size)
    c2, t2 = time.process_time(), time.perf_counter()

    weights = parsed["weight"].is_not_null().sum()
    read = parsed["weight_kg"].is_not_null().sum()
    print(f"listings            {n:>12,}")
    print(f"weights read        {read:>12,} of {weights:,}")
    # wall clock and CPU time of this process (all threads): on a shared machine the
    # wall figure includes waiting for a core
    print(f"parse               {t1 - t0:>8.2f} s wall {c1 - c0:>8.2f} s CPU")
    print(f"checks (11 rules)   {t2 - t1:>8.2f} s wall {c2 - c1:>8.2f} s CPU")
    print(f"parse + checks      {t2 - t0:>8.2f} s wall {c2 - c0:>8.2f} s CPU")
    print(
        f"peak RSS            {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>12,.0f} MB"
    )
    counts = Counter(f.rule for f in findings)
    for code, count in sorted(counts.items()):
        print(f"  {code}  {count:>10,}")

    planted = {i for i, w in enumerate(parsed["weight"].to_list()) if w and PLANTED.match(w)}
    rows = parsed[ROW].to_list()
    row_to_i = {r: i for i, r in enumerate(rows)}
    weight_hits = {
        row_to_i[f.row] for f in findings if f.rule in ("MS201", "MS202", "MS401", "MS402")
    }
    mixups = {row_to_i[f.row] for f in findings if f.rule == "MS201"}
    for code in ("MS201", "MS202", "MS401", "MS402"):
        hit = {row_to_i[f.row] for f in findings if f.rule == code}
        print(f"  {code} on planted rows: {len(hit & planted):,} of {len(hit):,}")
    caught = len(planted & weight_hits)
    print(
        f"planted g/kg mix-ups {len(planted):,}: flagged by a weight rule {caught:,} "
        f"(recall {caught / max(len(planted), 1):.1%}); named as a unit mix-up (MS201) "
        f"{len(planted & mixups):,}"
    )
    print(
        f"MS201 precision on planted rows: {len(mixups & planted) / max(len(mixups), 1):.1%} "
        f"of {len(mixups):,} MS201 findings"
    )

    if args.findings_out:
        lines = sorted(
            json.dumps({k: v for k, v in f.to_dict().items() if k != "policy"}, sort_keys=True)
            for f in findings
        )
        args.findings_out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    if args.full:
        import listlint

        t3 = time.perf_counter()
        report = listlint.lint(str(args.csv), select=["measures"])
        t4 = time.perf_counter()
        print(
            f"full lint --select measures (load + parse + checks): {t4 - t3:.1f} s, "
            f"{len(report.findings):,} findings"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
