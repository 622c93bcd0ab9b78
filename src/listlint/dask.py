"""listlint on Dask: lint a ``dask.dataframe`` of listings partition by partition.

    import dask.dataframe as dd
    from listlint.dask import lint_dataframe
    findings = lint_dataframe(dd.read_parquet("catalog/"), policy="ebay").compute()

Same protocol as :mod:`listlint.spark` (see :mod:`listlint.partitions`): per-partition
counts give catalogue-wide row numbers, catalogues with variant groups are shuffled
on the group key so each group is whole, ``map_partitions`` lints each partition with
rules built once per worker process, and catalogue-level partials are shuffled by
their merge bucket and merged. The result is a lazy Dask DataFrame with the JSON
contract's columns (``marketplaces`` holds lists). Requires ``listlint[dask]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from listlint.batchapi import FINDINGS_SCHEMA
from listlint.errors import ConfigError
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
    import dask.dataframe as dd
    import pandas as pd

    from listlint.config import Config
    from listlint.report import Report

__all__ = ["lint_dataframe", "lint_parquet"]


def _polars(pdf: pd.DataFrame) -> pl.DataFrame:
    return pl.from_pandas(pdf) if pdf.shape[1] else pl.DataFrame(height=len(pdf))


def _pandas(frame: pl.DataFrame) -> pd.DataFrame:
    # findings travel as plain Python objects: no pandas/Arrow extension types to agree on
    data = {name: frame[name].to_list() for name in frame.columns}
    import pandas as pd

    return pd.DataFrame(data, columns=list(frame.columns), dtype=object)


def _meta(schema: dict[str, Any]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: pd.Series([], dtype=object) for name in schema})


def _counts(pdf: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    rows, records = count_rows(_polars(pdf))
    return pd.DataFrame({"rows": [rows], "records": [records]})


def _index(
    pdf: pd.DataFrame,
    spec: PartitionSpec,
    offsets: list[tuple[int, int]],
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    row, rec = offsets[partition_info["number"]] if partition_info else (0, 0)
    frame = add_index(_polars(pdf), spec, row, rec)
    out = pdf.copy()
    for name in spec.index_columns():
        out[name] = frame[name].to_list()
    return out


def _resolve_refs(indexed: dd.DataFrame) -> dd.DataFrame:
    """:func:`listlint.partitions.resolve_refs` as a Dask merge."""
    if REF_COL not in indexed.columns:
        return indexed
    ids = indexed[[ID_COL, SKU_COL]].dropna().drop_duplicates(subset=[ID_COL])
    ids = ids.rename(columns={ID_COL: "__r", SKU_COL: "__p"})
    joined = indexed.merge(ids, left_on=REF_COL, right_on="__r", how="left")
    joined[KEY_COL] = joined["__p"].fillna(joined[KEY_COL])
    return joined.drop(columns=["__r", "__p"])


def _lint(pdf: pd.DataFrame, spec: PartitionSpec) -> pd.DataFrame:
    return _pandas(lint_part(_polars(pdf), spec))


def _evidence(pdf: pd.DataFrame, spec: PartitionSpec) -> pd.DataFrame:
    return _pandas(evidence_part(_polars(pdf), spec))


def wire_frame(pdf: pd.DataFrame, schema: dict[str, Any] = WIRE_SCHEMA) -> pl.DataFrame:
    """A pandas wire partition back as the polars wire frame."""
    return pl.DataFrame({c: pdf[c].tolist() for c in schema}, schema=schema)


def _merge(pdf: pd.DataFrame, spec: PartitionSpec) -> pd.DataFrame:
    if not len(pdf):
        return _meta(WIRE_SCHEMA)
    return _pandas(merge_part(wire_frame(pdf), spec))


def wire(
    ddf: dd.DataFrame, cfg: Config, path: str | None = None, accept: bool = False
) -> dd.DataFrame:
    """The merged wire frame (findings and per-partition statistics), lazily; ``accept``
    adds the stage that applies suppressions and the baseline (:mod:`listlint.wire_accept`)
    for a frame that stays on the cluster."""
    import pandas as pd

    parts = ddf.npartitions
    spec = PartitionSpec.build(cfg, [str(c) for c in ddf.columns], path, parts)
    meta_counts = pd.DataFrame(
        {"rows": pd.Series([], dtype="int64"), "records": pd.Series([], dtype="int64")}
    )
    counts = ddf.map_partitions(_counts, meta=meta_counts).compute()
    offsets, row, rec = [], 0, 0
    for n, nb in zip(counts["rows"].tolist(), counts["records"].tolist()):
        offsets.append((row, rec))
        row, rec = row + int(n), rec + int(nb)
    meta_index = ddf._meta.assign(
        **{
            c: pd.Series([], dtype="int64" if c in (ROW_COL, REC_COL) else object)
            for c in spec.index_columns()
        }
    )
    indexed = ddf.map_partitions(_index, spec, offsets, meta=meta_index)
    if spec.group_fields():
        indexed = _resolve_refs(indexed).shuffle(on=KEY_COL, npartitions=parts)
    # phase one: the catalogue's facts from every partition, combined here, shipped with
    # the spec to phase two (the index is computed twice: cheaper than holding it)
    evidence = indexed.map_partitions(_evidence, spec, meta=_meta(EVIDENCE_SCHEMA)).compute()
    spec = with_facts(spec, wire_frame(evidence, EVIDENCE_SCHEMA))
    linted = indexed.map_partitions(_lint, spec, meta=_meta(WIRE_SCHEMA))
    shuffled = linted.shuffle(on="__dest", npartitions=spec.buckets)
    merged = shuffled.map_partitions(_merge, spec, meta=_meta(WIRE_SCHEMA))
    if not (accept and spec.accepts):
        return merged
    routed = merged.map_partitions(_route, spec, meta=_meta(WIRE_SCHEMA))
    regrouped = routed.shuffle(on="__dest", npartitions=spec.buckets)
    return regrouped.map_partitions(_accept, spec, meta=_meta(WIRE_SCHEMA))


def _route(pdf: pd.DataFrame, spec: PartitionSpec) -> pd.DataFrame:
    from listlint.wire_accept import route_part

    if not len(pdf):
        return _meta(WIRE_SCHEMA)
    return _pandas(route_part(wire_frame(pdf), spec))


def _accept(pdf: pd.DataFrame, spec: PartitionSpec) -> pd.DataFrame:
    from listlint.wire_accept import accept_part

    if not len(pdf):
        return _meta(WIRE_SCHEMA)
    return _pandas(accept_part(wire_frame(pdf), spec))


def lint_dataframe(
    ddf: dd.DataFrame,
    policy: str | Sequence[str] | None = None,
    column_map: dict[str, str] | None = None,
    *,
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
    config: Config | None = None,
    path: str | None = None,
) -> dd.DataFrame:
    """A lazy Dask DataFrame of findings for the listings in ``ddf`` (one small
    counting pass runs now). Arguments as :func:`listlint.spark.lint_dataframe`."""
    cfg = engine_config(config, policy=policy, select=select, ignore=ignore, columns=column_map)
    merged = wire(ddf, cfg, path, accept=True)
    found = merged[merged["__kind"] == FINDING]
    return found[list(FINDINGS_SCHEMA)].map_partitions(_typed, meta=_typed(_meta(FINDINGS_SCHEMA)))


def _typed(pdf: pd.DataFrame) -> pd.DataFrame:
    """Findings with the contract's types: text as pandas strings, ``row`` as nullable
    Int64, ``marketplaces`` as lists."""
    types = {c: "string" for c, t in FINDINGS_SCHEMA.items() if t == pl.Utf8}
    return pdf.astype({**types, "row": "Int64"})


def lint_to_report(
    ddf: dd.DataFrame, config: Config | None = None, *, path: str | None = None
) -> Report:
    """Lint ``ddf`` and gather a :class:`~listlint.report.Report` (CLI)."""
    cfg = engine_config(config)
    return finish_wires([wire_frame(wire(ddf, cfg, path).compute())], cfg)


def lint_parquet(
    paths: Sequence[str], config: Config | None = None, *, scheduler: str | None = None
) -> Report:
    """Lint Parquet files (or folders of them) with Dask, one catalogue per path; on
    the local threaded scheduler, or on the ``dask.distributed`` one at ``scheduler``."""
    import dask.dataframe as dd

    cfg = engine_config(config)
    client = None
    if scheduler:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ConfigError("--master for Dask needs dask.distributed installed") from exc
        client = Client(scheduler)
    try:
        wires = [wire_frame(wire(dd.read_parquet(p), cfg, p).compute()) for p in paths]
        return finish_wires(wires, cfg)
    finally:
        if client is not None:
            client.close()
