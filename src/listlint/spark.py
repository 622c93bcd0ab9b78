"""listlint on Apache Spark: lint a DataFrame of listings where it lives.

    from listlint.spark import lint_dataframe
    findings = lint_dataframe(spark.read.parquet("s3://.../catalog/"), policy="amazon-us")
    findings.groupBy("rule").count().show()

The findings DataFrame has the JSON contract's columns
(:func:`listlint.batchapi.findings_arrow_schema`) and the same rows, rules and messages
as a single-machine run over the same table. How (see :mod:`listlint.partitions`):

1. a JVM-only job counts rows per partition (offsets for catalogue-wide row numbers;
   ``row`` is the position in the DataFrame + 2, as if it were a file with a header row);
2. if the catalogue has variant groups, a ``mapInArrow`` pass numbers the rows and
   tags each with its group key, and Spark repartitions on it so each group is whole;
3. ``mapInArrow`` lints each partition with rules built once per executor process
   (the :class:`~listlint.partitions.PartitionSpec` with config and policy packs is
   broadcast once; wordlists come with the installed package);
4. catalogue-level rules' partials are shuffled by their ``merge_key`` bucket and merged
   in a second ``mapInArrow``.

Requires ``pip install listlint[spark]`` (pyspark >= 3.5, Java 17+) on the driver, and
listlint on the executors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from listlint.batchapi import FINDINGS_SCHEMA, arrow_schema
from listlint.partitions import (
    EVIDENCE_SCHEMA,
    FINDING,
    ID_COL,
    KEY_COL,
    REC_COL,
    REF_COL,
    ROW_COL,
    SKU_COL,
    WIRE_SCHEMA,
    PartitionSpec,
    add_index,
    count_rows,
    engine_config,
    evidence_part,
    finish_wires,
    lint_part,
    merge_part,
    with_facts,
)

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

    from listlint.config import Config
    from listlint.report import Report

__all__ = ["lint_dataframe", "lint_parquet", "session"]

_SQL_TYPES = {pl.Utf8: "string", pl.Int64: "bigint", pl.Int32: "int", pl.Int8: "tinyint"}


def _ddl(schema: dict[str, Any]) -> str:
    def sql(dtype: Any) -> str:
        if isinstance(dtype, pl.List):
            return "array<string>"
        return "binary" if dtype == pl.Binary else _SQL_TYPES[dtype]

    return ", ".join(f"`{name}` {sql(dtype)}" for name, dtype in schema.items())


def _frame(batch: pa.RecordBatch) -> pl.DataFrame:
    """One Arrow record batch as a polars frame (``from_arrow`` types a column as a Series)."""
    frame = pl.from_arrow(batch)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _arrow(frame: pl.DataFrame, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """``frame`` as record batches of exactly ``schema`` (Spark checks types strictly)."""
    yield from frame.to_arrow().cast(schema).to_batches()


def session(master: str = "local[2]", app: str = "listlint") -> SparkSession:
    """A Spark session for the CLI and tests; workers run this very Python."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        # exports may carry headers that differ only in case ("Title", "title")
        .config("spark.sql.caseSensitive", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _offsets(df: DataFrame) -> dict[int, tuple[int, int]]:
    """partition id -> (rows before it, non-blank records before it).

    Counted in Python, in a ``mapInArrow`` like the lint pass: the JVM's
    ``spark_partition_id()`` can be folded by the optimizer (a local relation reports
    partition 0 for every row), while a Python pass sees the partitions the lint pass
    will see, and counts blank rows exactly as the loader does."""
    import pyarrow as pa

    def count(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        rows = records = 0
        for batch in batches:
            if batch.num_rows:
                frame = pl.from_arrow(batch)
                assert isinstance(frame, pl.DataFrame)
                n, nb = count_rows(frame)
                rows, records = rows + n, records + nb
        yield pa.RecordBatch.from_pydict(
            {"p": [_partition_id()], "n": [rows], "nb": [records]},
            schema=pa.schema([("p", pa.int64()), ("n", pa.int64()), ("nb", pa.int64())]),
        )

    counts = df.mapInArrow(count, "p bigint, n bigint, nb bigint").collect()
    out: dict[int, tuple[int, int]] = {}
    rows = recs = 0
    for r in sorted(counts, key=lambda r: r["p"]):
        out[r["p"]] = (rows, recs)
        rows += r["n"]
        recs += r["nb"]
    return out


def _partition_id() -> int:
    from pyspark import TaskContext

    ctx = TaskContext.get()
    return ctx.partitionId() if ctx is not None else 0


def _wire(
    df: DataFrame, cfg: Config, path: str | None, buckets: int | None, accept: bool = False
) -> DataFrame:
    """The merged wire DataFrame (findings and per-partition statistics); ``accept``
    adds the stage that applies suppressions and the baseline (:mod:`listlint.wire_accept`)
    for a frame that stays on the cluster."""
    import pyarrow as pa
    from pyspark.sql import functions as F

    spark = df.sparkSession
    parts = max(1, df.rdd.getNumPartitions())
    spec = PartitionSpec.build(cfg, list(df.columns), path, buckets or parts)
    shipped = spark.sparkContext.broadcast(spec)
    offsets = _offsets(df)
    wire_ddl = _ddl(WIRE_SCHEMA)
    wire_arrow = arrow_schema(WIRE_SCHEMA)
    batch_rows = cfg.batch_size

    if spec.group_fields():

        def index(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            spec = shipped.value
            row, rec = offsets.get(_partition_id(), (0, 0))
            for batch in batches:
                data = pl.from_arrow(batch)
                assert isinstance(data, pl.DataFrame)
                frame = add_index(data, spec, row, rec)
                row, rec = _advance(data, row, rec)
                extra = frame.select(added).to_arrow()
                for name in added:
                    numeric = name in (ROW_COL, REC_COL)
                    col = extra.column(name).cast(pa.int64() if numeric else pa.string())
                    batch = batch.append_column(name, col.combine_chunks())
                yield batch

        added = spec.index_columns()
        indexed_ddl = ", ".join(
            [f"`{f.name}` {f.dataType.simpleString()}" for f in df.schema.fields]
            + [f"`{c}` {'bigint' if c in (ROW_COL, REC_COL) else 'string'}" for c in added]
        )
        indexed = _resolve_refs(df.mapInArrow(index, indexed_ddl))
        source = indexed.repartition(parts, KEY_COL).sortWithinPartitions(REC_COL)

        def lint(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            # a variant group may straddle Arrow batches: lint the whole partition
            spec = final.value
            frames = [_frame(b) for b in batches if b.num_rows]
            if frames:
                frame = pl.concat(frames, how="vertical_relaxed")
                yield from _arrow(lint_part(frame, spec), wire_arrow)

    else:
        source = df

        def lint(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            # no cross-row loader work: lint in chunks as they stream (bounded memory)
            spec = final.value
            row, rec = offsets.get(_partition_id(), (0, 0))
            for chunk in _chunks(batches, batch_rows):
                frame = add_index(chunk, spec, row, rec)
                row, rec = _advance(chunk, row, rec)
                yield from _arrow(lint_part(frame, spec), wire_arrow)

    def whole_partition(step: Any) -> Any:
        """A ``mapInArrow`` function running ``step(wire, spec)`` on a whole partition."""

        def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            frames = [_frame(b) for b in batches if b.num_rows]
            if frames:
                wire = pl.concat(frames, how="vertical_relaxed")
                yield from _arrow(step(wire, shipped.value), wire_arrow)

        return run

    grouped = bool(spec.group_fields())

    def evidence(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        # phase one: the catalogue's facts (a variant group needs its whole partition)
        spec = shipped.value
        if grouped:
            frames = [_frame(b) for b in batches if b.num_rows]
            chunks = [pl.concat(frames, how="vertical_relaxed")] if frames else []
        else:
            chunks = list(_chunks(batches, batch_rows))
        for chunk in chunks:
            yield from _arrow(evidence_part(chunk, spec), evidence_arrow)

    evidence_arrow = arrow_schema(EVIDENCE_SCHEMA)
    found = pl.from_arrow(source.mapInArrow(evidence, _ddl(EVIDENCE_SCHEMA)).toArrow())
    assert isinstance(found, pl.DataFrame)
    final = spark.sparkContext.broadcast(with_facts(spec, found))
    linted = source.mapInArrow(lint, wire_ddl)
    merge = whole_partition(merge_part)
    merged = linted.repartition(spec.buckets, F.col("__dest")).mapInArrow(merge, wire_ddl)
    if not (accept and spec.accepts):
        return merged
    from listlint.wire_accept import accept_part, route_part

    # routing is per row: a partition's batches need not be joined first
    def route(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            if batch.num_rows:
                frame = _frame(batch)
                yield from _arrow(route_part(frame, shipped.value), wire_arrow)

    routed = merged.mapInArrow(route, wire_ddl)
    finish = whole_partition(accept_part)
    return routed.repartition(spec.buckets, F.col("__dest")).mapInArrow(finish, wire_ddl)


def _resolve_refs(indexed: DataFrame) -> DataFrame:
    """:func:`listlint.partitions.resolve_refs` as a Spark join."""
    from pyspark.sql import functions as F

    if REF_COL not in indexed.columns:
        return indexed
    ids = (
        indexed.where(F.col(ID_COL).isNotNull() & F.col(SKU_COL).isNotNull())
        .select(F.col(ID_COL).alias("__r"), F.col(SKU_COL).alias("__p"))
        .dropDuplicates(["__r"])
    )
    joined = indexed.join(ids, indexed[REF_COL] == ids["__r"], "left")
    return joined.withColumn(KEY_COL, F.coalesce(F.col("__p"), F.col(KEY_COL))).drop("__r", "__p")


def _advance(frame: pl.DataFrame, row: int, rec: int) -> tuple[int, int]:
    rows, records = count_rows(frame)
    return row + rows, rec + records


def _chunks(batches: Iterator[pa.RecordBatch], size: int) -> Iterator[pl.DataFrame]:
    pending: list[pl.DataFrame] = []
    held = 0
    for batch in batches:
        if not batch.num_rows:
            continue
        pending.append(pl.from_arrow(batch))  # type: ignore[arg-type]
        held += batch.num_rows
        if held >= size:
            yield pl.concat(pending, how="vertical_relaxed")
            pending, held = [], 0
    if pending:
        yield pl.concat(pending, how="vertical_relaxed")


def lint_dataframe(
    df: DataFrame,
    policy: str | Sequence[str] | None = None,
    column_map: dict[str, str] | None = None,
    *,
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
    config: Config | None = None,
    path: str | None = None,
    buckets: int | None = None,
) -> DataFrame:
    """A Spark DataFrame of findings for the listings in ``df`` (lazy, except for one
    small counting job run now). ``column_map`` maps canonical fields to ``df``'s column
    names (like ``--map``); ``path`` is the name findings carry; ``buckets`` is the
    parallelism of the catalogue-level merge (default: ``df``'s partition count)."""
    cfg = engine_config(config, policy=policy, select=select, ignore=ignore, columns=column_map)
    wire = _wire(df, cfg, path, buckets, accept=True)
    return wire.filter(wire["__kind"] == FINDING).select(*[f"`{c}`" for c in FINDINGS_SCHEMA])


def _collect(df: DataFrame, cfg: Config, path: str | None) -> pl.DataFrame:
    wire = pl.from_arrow(_wire(df, cfg, path, None).toArrow())
    assert isinstance(wire, pl.DataFrame)
    return wire


def lint_to_report(
    df: DataFrame, config: Config | None = None, *, path: str | None = None
) -> Report:
    """Lint ``df`` and collect a :class:`~listlint.report.Report` on the driver (CLI)."""
    cfg = engine_config(config)
    return finish_wires([_collect(df, cfg, path)], cfg)


def lint_parquet(
    paths: Sequence[str], config: Config | None = None, *, master: str = "local[2]"
) -> Report:
    """Lint Parquet files (or folders of them) on Spark, one catalogue per path."""
    spark = session(master)
    cfg = engine_config(config)
    return finish_wires([_collect(spark.read.parquet(p), cfg, p) for p in paths], cfg)
