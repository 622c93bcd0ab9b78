"""Suppressions and the baseline on a lazy, partitioned findings frame (Spark, Dask).

A report collected on the driver is finished there, as a local run is
(:func:`listlint.partitions.finish_wires`). A lazy findings DataFrame never comes back
to the driver, so it gets one more stage after the merge:

1. :func:`route_part` (no shuffle) sends each finding to the bucket of its baseline
   group (SKU, or path without one, + rule: every finding an entry could absorb lands
   together) and copies every ``listlint`` cell to every bucket;
2. the engine shuffles on ``__dest``;
3. :func:`accept_part` applies :mod:`listlint.acceptance` to each bucket: the same
   suppressions and the same baseline filter as a local run, over findings sorted into
   report order, so the same findings remain.

Unused-suppression notices need every bucket at once; they are reported by the
collected paths (``lint_to_report``, the CLI), not here.
"""

from __future__ import annotations

import polars as pl

from listlint.partitions import (
    DIRECTIVE,
    FINDING,
    STATS,
    WIRE_SCHEMA,
    PartitionSpec,
    wire_directives,
)


def route_part(wire: pl.DataFrame, spec: PartitionSpec) -> pl.DataFrame:
    """Step 1 on one merged wire partition."""
    buckets = spec.buckets
    group = pl.coalesce(pl.col("sku"), pl.lit("path:") + pl.col("path").fill_null("")) + (
        pl.lit("\x1f") + pl.col("rule")
    )
    findings = wire.filter(pl.col("__kind") == FINDING).with_columns(
        (group.hash(seed=0) % buckets).cast(pl.Int32).alias("__dest")
    )
    cells = wire.filter(pl.col("__kind") == DIRECTIVE)
    copies = [cells.with_columns(pl.lit(d, dtype=pl.Int32).alias("__dest")) for d in range(buckets)]
    stats = wire.filter(pl.col("__kind") == STATS)
    return pl.concat([findings, *copies, stats]) if cells.height else pl.concat([findings, stats])


def accept_part(wire: pl.DataFrame, spec: PartitionSpec) -> pl.DataFrame:
    """Step 3 on one shuffled partition: its findings minus the accepted ones (and the
    statistics rows, unchanged)."""
    from listlint.batchapi import findings_frame, frame_findings
    from listlint.partitions import wire_findings
    from listlint.report import Finding

    run = spec.acceptance.start()
    run.add(wire_directives(wire))
    found = sorted(frame_findings(wire_findings(wire)), key=Finding.sort_key)
    kept, _ = run.kept(found)
    out = findings_frame(kept).with_columns(
        pl.lit(FINDING, dtype=pl.Int8).alias("__kind"), pl.lit(0, dtype=pl.Int32).alias("__dest")
    )
    stats = wire.filter(pl.col("__kind") == STATS)
    return pl.concat([out, stats], how="diagonal_relaxed").select(
        [pl.col(c).cast(t) for c, t in WIRE_SCHEMA.items()]
    )
