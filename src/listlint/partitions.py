"""Lint a catalogue split into partitions across workers (the core of Spark and Dask).

The single-machine run is the reference: a partitioned run must give the same
findings (rows, rules, messages). Three things make that so:

* **Numbering.** Each row carries its 0-based position in the whole table
  (:data:`ROW_COL`, so ``row`` = position + 2 as in a file whose header is row 1) and
  its index among non-blank records (:data:`REC_COL`). Engines compute both from
  per-partition counts (:func:`count_rows`) before linting.
* **Variant groups stay together.** The loader lets a variant inherit its product's
  title and folds Shopify image rows into their product; both need the whole group
  in one partition. :func:`add_index` also adds :data:`KEY_COL` (handle, or parent
  SKU / own SKU), and engines repartition on it when the catalogue has variants.
* **Catalogue-level rules** run in two phases. :func:`lint_part` emits their partial
  frames as Arrow IPC blobs with a destination bucket (by ``merge_key`` when the rule
  declares one, else bucket 0); engines shuffle on the bucket and :func:`merge_part`
  merges each (rule, bucket) group.
* **Suppressions and the baseline** apply to the whole catalogue's findings
  (:mod:`listlint.acceptance`). :func:`lint_part` passes each ``listlint`` cell on as a
  directive row; a report collected on the driver is finished there
  (:func:`finish_wires`), exactly as a local run is; a lazy findings frame gets one more
  stage (:mod:`listlint.wire_accept`).

Both steps exchange one "wire" frame (:data:`WIRE_SCHEMA`): the findings columns plus
``__kind`` (0 finding, 1 partial, 2 per-partition statistics, 3 a ``listlint`` cell in
``message`` at its ``path``/``sheet``/``row``/``sku``) and the columns those kinds use.
Everything here is pure polars, so Spark (``mapInArrow``) and Dask (``map_partitions``)
share it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import polars as pl

from listlint.acceptance import Acceptance
from listlint.batchapi import (
    BUILDS,
    FINDINGS_SCHEMA,
    as_catalog,
    cached_ruleset,
    fingerprint,
    frame_findings,
    lint_catalog_part,
    worker_id,
)
from listlint.config import Config
from listlint.engine import catalog_facts, combine_evidence, merge_partials
from listlint.fields import REC, ROW, SHEET
from listlint.loader.columns import map_columns
from listlint.partials import buckets_of
from listlint.report import Report
from listlint.rules.packs import load_policy_set
from listlint.sources import make_config
from listlint.text.normalize import clean_series

if TYPE_CHECKING:
    from listlint.catalog import Catalog
    from listlint.engine import RuleSet
    from listlint.policy import PolicySet
    from listlint.rules.facts import CatalogFacts
    from listlint.suppress import Suppressions

ROW_COL = "__listlint_row"
REC_COL = "__listlint_rec"
KEY_COL = "__listlint_key"
#: WooCommerce children may name their parent "id:NN" (its ID column), not by SKU: the
#: engines join REF_COL to other rows' ID_COL and take that row's SKU_COL as the key
REF_COL = "__listlint_ref"
ID_COL = "__listlint_id"
SKU_COL = "__listlint_sku"
INTERNAL_COLUMNS = (ROW_COL, REC_COL, KEY_COL, REF_COL, ID_COL, SKU_COL)

FINDING, PARTIAL, STATS, DIRECTIVE = 0, 1, 2, 3
WIRE_SCHEMA: dict[str, Any] = {
    **FINDINGS_SCHEMA,
    "__kind": pl.Int8,
    "__dest": pl.Int32,
    "__code": pl.Utf8,
    "__blob": pl.Binary,
    "__records": pl.Int64,
    "__listings": pl.Int64,
    "__worker": pl.Int64,
    "__builds": pl.Int64,
}


@dataclass(frozen=True)
class PartitionSpec:
    """What every worker needs for one catalogue, built on the driver and shipped once
    (Spark broadcasts it): config, the policy packs already loaded (executors may not
    see the driver's files), the table's headers, the path named in findings and the
    number of merge buckets."""

    config: Config
    policies: PolicySet
    headers: tuple[str, ...]
    path: str | None = None
    buckets: int = 1
    key: str = field(default="", compare=False)
    #: the ignore file and baseline the config names, read on the driver
    acceptance: Acceptance = field(default_factory=Acceptance, compare=False)
    #: the catalogue's facts (phase one, :func:`evidence_part` on every partition, then
    #: :func:`with_facts` on the driver): every partition is judged with the same
    facts: CatalogFacts | None = field(default=None, compare=False)

    @classmethod
    def build(
        cls, config: Config, headers: list[str], path: str | None = None, buckets: int = 1
    ) -> PartitionSpec:

        map_columns(list(headers), config.columns or None)  # a bad --map fails on the driver
        policies = load_policy_set(config.policy)
        key = fingerprint(config, policies)
        acceptance = Acceptance.for_config(config)
        return cls(config, policies, tuple(headers), path, max(1, buckets), key, acceptance)

    @property
    def accepts(self) -> bool:
        """Whether findings may be suppressed or baselined (else no stage is needed)."""
        return not self.acceptance.idle or "listlint" in self._cmap.fields

    def ruleset(self) -> RuleSet:
        return cached_ruleset(self.config, self.policies, self.key or None)

    @cached_property
    def _cmap(self) -> Any:

        return map_columns(list(self.headers), self.config.columns or None)

    @property
    def columns(self) -> dict[str, str]:
        """canonical field -> header, for catalogue-level findings."""
        return self._cmap.column_names()

    def group_fields(self) -> tuple[str, ...]:
        """Fields whose values tie rows into variant groups ((), handle, or parent+sku)."""
        fields = self._cmap.fields
        if "handle" in fields and self._cmap.variants.get("key") == "handle":
            return ("handle",)
        if "variant_group" in fields:
            return ("variant_group", "sku") if "sku" in fields else ("variant_group",)
        return ()

    def id_header(self) -> str | None:
        """The ID column ``id:NN`` parent references point at (as the loader reads it)."""
        if "variant_group" not in self.group_fields():
            return None
        attrs = {self.headers[i] for i in self._cmap.attribute_indices()}
        return next((h for h in ("ID", "id") if h in attrs), None)

    def index_columns(self) -> tuple[str, ...]:
        """The columns :func:`add_index` adds for this table."""
        if not self.group_fields():
            return (ROW_COL, REC_COL)
        if self.id_header() is None:
            return (ROW_COL, REC_COL, KEY_COL)
        return INTERNAL_COLUMNS

    def _field_expr(self, name: str) -> pl.Expr:
        cols = [pl.col(self.headers[i]) for i in self._cmap.fields[name]]
        return pl.coalesce(cols) if len(cols) > 1 else cols[0]


def _text(frame: pl.DataFrame) -> pl.DataFrame:
    if any(dtype != pl.Utf8 for dtype in frame.dtypes):
        return frame.with_columns(pl.all().cast(pl.Utf8, strict=False))
    return frame


def _nonblank(frame: pl.DataFrame) -> pl.Series:
    """The loader's notion of a record: some cell is neither null nor empty."""
    if not frame.width:
        return pl.Series([False] * frame.height)
    return frame.select(
        pl.any_horizontal([pl.col(c).is_not_null() & (pl.col(c) != "") for c in frame.columns])
    ).to_series()


def count_rows(frame: pl.DataFrame) -> tuple[int, int]:
    """(rows, non-blank records) of one partition, for the engines' offsets."""
    data = _text(frame.drop([c for c in INTERNAL_COLUMNS if c in frame.columns]))
    return frame.height, int(_nonblank(data).sum())


def add_index(
    frame: pl.DataFrame, spec: PartitionSpec, row_start: int, rec_start: int
) -> pl.DataFrame:
    """``frame`` plus its catalogue-wide numbering and, for catalogues with variants,
    the group key the engine repartitions on (null keys spread by position)."""

    data = _text(frame)
    nonblank = _nonblank(data).cast(pl.Int64)
    out = frame.with_columns(
        pl.int_range(row_start, row_start + frame.height, dtype=pl.Int64).alias(ROW_COL),
        (nonblank.cum_sum() - nonblank + rec_start).alias(REC_COL),
    )
    fields = spec.group_fields()
    if not fields:
        return out

    def cleaned(expr: pl.Expr) -> pl.Series:
        return clean_series(data.select(expr).to_series(), html_allowed=False)

    values = {name: cleaned(spec._field_expr(name)) for name in fields}
    parts = list(values.values())
    if "variant_group" in values:
        parts[0] = values["variant_group"].str.replace(r"^id:", "")
    key = pl.DataFrame([p.alias(f"k{i}") for i, p in enumerate(parts)]).select(
        pl.coalesce(pl.all())
    )
    # Rows without a key are standalone, so spread them (by position) - except for
    # handles: the loader forward-fills text over the handle, and rows whose handle is
    # blank form one group there too (they inherit from the blank-handle row above),
    # so they must stay together to lint the same.
    fallback = pl.lit("") if fields == ("handle",) else pl.lit("\x00") + out[ROW_COL].cast(pl.Utf8)
    out = out.with_columns(pl.coalesce(pl.lit(key.to_series()), fallback).alias(KEY_COL))
    id_header = spec.id_header()
    if id_header is None:
        return out
    group = values["variant_group"]
    ref = pl.when(group.str.starts_with("id:")).then(group.str.slice(3)).otherwise(None)
    own_sku = values["sku"] if "sku" in values else pl.Series([None] * frame.height, dtype=pl.Utf8)
    return out.with_columns(
        pl.select(ref.alias(REF_COL)).to_series(),
        cleaned(pl.col(id_header)).alias(ID_COL),
        own_sku.alias(SKU_COL),
    )


def resolve_refs(frame: pl.DataFrame) -> pl.DataFrame:
    """Re-key rows whose parent is an ``id:NN`` reference to the parent's SKU (for a
    whole indexed table; Spark and Dask do the same with their own join)."""
    if REF_COL not in frame.columns:
        return frame
    ids = (
        frame.filter(pl.col(ID_COL).is_not_null() & pl.col(SKU_COL).is_not_null())
        .select(pl.col(ID_COL).alias("__r"), pl.col(SKU_COL).alias("__p"))
        .unique(subset="__r", keep="first", maintain_order=True)
    )
    joined = frame.join(ids, left_on=REF_COL, right_on="__r", how="left", maintain_order="left")
    return joined.with_columns(pl.coalesce("__p", KEY_COL).alias(KEY_COL)).drop("__p")


def _renumber(catalog: Catalog, rows: pl.Series, recs: pl.Series) -> None:
    """Replace the loader's partition-local numbering by the catalogue-wide one."""
    pos = catalog.frame[ROW] - 2
    catalog.frame = catalog.frame.with_columns(
        (rows.gather(pos) + 2).alias(ROW), recs.gather(pos).alias(REC)
    )
    for issue in catalog.issues:
        if issue.row is not None and 2 <= issue.row < rows.len() + 2:
            issue.row = int(rows[issue.row - 2]) + 2


def load_part(
    frame: pl.DataFrame,
    spec: PartitionSpec,
    row_start: int | None = None,
    rec_start: int | None = None,
) -> Catalog:
    """A partition as a Catalog numbered catalogue-wide (index columns, or the starts)."""
    if ROW_COL not in frame.columns:
        frame = add_index(frame, spec, row_start or 0, rec_start or 0)
    if KEY_COL in frame.columns:
        frame = frame.sort(REC_COL)  # a shuffle scrambles order; the loader needs it
    index = frame.select(ROW_COL, REC_COL)
    data = frame.drop([c for c in INTERNAL_COLUMNS if c in frame.columns])
    catalog = as_catalog(data, spec.config, spec.path)
    _renumber(catalog, index[ROW_COL], index[REC_COL])
    if index.height == 0 or index[REC_COL].min() != 0:
        # the unmapped-column note is once per file: the part with the first record says it
        catalog.issues = [i for i in catalog.issues if i.kind != "unmapped-column"]
    return catalog


EVIDENCE_SCHEMA: dict[str, Any] = {"__code": pl.Utf8, "__blob": pl.Binary}


def evidence_part(
    frame: pl.DataFrame,
    spec: PartitionSpec,
    row_start: int | None = None,
    rec_start: int | None = None,
) -> pl.DataFrame:
    """Phase one of the catalogue's facts on a partition (:mod:`listlint.rules.facts`):
    one row per gathering family, its evidence frame as an Arrow IPC blob."""
    ruleset = spec.ruleset()
    catalog = load_part(frame, spec, row_start, rec_start)
    facts = catalog_facts(ruleset, catalog)
    rows = [{"__code": k, "__blob": _ipc(v)} for k, v in (facts.frames if facts else {}).items()]
    return pl.DataFrame(rows, schema=EVIDENCE_SCHEMA)


def with_facts(spec: PartitionSpec, evidence: pl.DataFrame) -> PartitionSpec:
    """``spec`` carrying the catalogue's facts, combined from every partition's
    :func:`evidence_part` rows (on the driver; the facts are small)."""
    import dataclasses

    parts = [
        {str(code): pl.read_ipc(io.BytesIO(blob))}
        for code, blob in evidence.select("__code", "__blob").iter_rows()
    ]
    facts = combine_evidence(spec.ruleset(), parts)
    return dataclasses.replace(spec, facts=facts)


def lint_part(
    frame: pl.DataFrame,
    spec: PartitionSpec,
    row_start: int | None = None,
    rec_start: int | None = None,
) -> pl.DataFrame:
    """Phase two on a partition (after the facts): the wire frame of its findings, its
    catalogue-rule partials (bucketed for the merge) and one statistics row."""
    ruleset = spec.ruleset()
    catalog = load_part(frame, spec, row_start, rec_start)
    findings, partials = lint_catalog_part(ruleset, catalog, spec.facts)
    rows: list[dict[str, Any]] = []
    for f in findings:
        d = f.to_dict()
        d.update(__kind=FINDING, __dest=(f.row or 0) % spec.buckets)
        rows.append(d)
    rows.extend(_directive_rows(catalog, spec))
    keys = {r.code: getattr(r, "merge_key", ()) for r in ruleset.rules}
    for code, frames in partials.items():
        for dest, piece in _buckets(pl.concat(frames, how="diagonal_relaxed"), keys[code], spec):
            rows.append({"__kind": PARTIAL, "__dest": dest, "__code": code, "__blob": _ipc(piece)})
    rows.append(
        {
            "__kind": STATS,
            "__dest": 0,
            "__records": catalog.records,
            "__listings": catalog.listings_count,
            "__worker": worker_id(),
            "__builds": BUILDS["count"],
        }
    )
    return pl.DataFrame(rows, schema=WIRE_SCHEMA)


def _directive_rows(catalog: Catalog, spec: PartitionSpec) -> list[dict[str, Any]]:
    """The partition's ``listlint`` cells, numbered catalogue-wide, as wire rows."""
    from listlint.suppress import directive_frame

    frame = directive_frame(catalog)
    if frame is None:
        return []
    return [
        {
            "__kind": DIRECTIVE,
            "__dest": (rec.get(ROW) or 0) % spec.buckets,
            "path": spec.path,
            "sheet": rec.get(SHEET),
            "row": rec.get(ROW),
            "sku": rec.get("sku"),
            "message": rec["listlint"],
        }
        for rec in frame.iter_rows(named=True)
    ]


def _buckets(
    frame: pl.DataFrame, key: tuple[str, ...], spec: PartitionSpec
) -> list[tuple[int, pl.DataFrame]]:
    if not key or spec.buckets == 1:
        return [(0, frame)]

    dest = buckets_of(frame, key, spec.buckets)
    return [
        (int(part["__d"][0]), part.drop("__d"))
        for part in frame.with_columns(dest.alias("__d")).partition_by("__d")
    ]


def _ipc(frame: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.write_ipc(buf, compression="lz4")
    return buf.getvalue()


def merge_part(wire: pl.DataFrame, spec: PartitionSpec) -> pl.DataFrame:
    """Phase two on one shuffled partition: merge each (rule, bucket) group of partials;
    findings and statistics pass through."""

    keep = wire.filter(pl.col("__kind") != PARTIAL)
    parts = wire.filter(pl.col("__kind") == PARTIAL)
    if not parts.height:
        return keep
    ruleset = spec.ruleset()
    rows = []
    for (code, _dest), group in parts.group_by("__code", "__dest", maintain_order=True):
        frames = [pl.read_ipc(io.BytesIO(b)) for b in group["__blob"]]
        for f in merge_partials(ruleset, {str(code): frames}, spec.path, spec.columns):
            rows.append({**f.to_dict(), "__kind": FINDING, "__dest": 0})
    return pl.concat([keep, pl.DataFrame(rows, schema=WIRE_SCHEMA)])


def wire_findings(wire: pl.DataFrame) -> pl.DataFrame:
    return wire.filter(pl.col("__kind") == FINDING).select(list(FINDINGS_SCHEMA))


def wire_report(wire: pl.DataFrame) -> Report:
    """The Report of one catalogue from its merged wire frame (findings + statistics)."""

    stats = wire_stats(wire)
    return Report.build(
        frame_findings(wire_findings(wire)),
        files=1,
        records=int(stats["__records"].sum()),
        listings=int(stats["__listings"].sum()),
    )


def wire_directives(wire: pl.DataFrame) -> Suppressions:
    """The ``listlint`` cells a wire frame carries, in catalogue order (path, row)."""
    from listlint.suppress import Suppressions, from_rows, merge

    cells = wire.filter(pl.col("__kind") == DIRECTIVE)
    if not cells.height:
        return Suppressions()
    cells = cells.unique(["path", "sheet", "row", "message"]).sort(
        "path", "sheet", "row", nulls_last=False
    )
    rows = cells.select(
        "path",
        pl.col("message").alias("listlint"),
        pl.col("row").alias(ROW),
        pl.col("sheet").alias(SHEET),
        "sku",
    )
    return merge(
        *(
            from_rows(path, part.iter_rows(named=True))
            for (path,), part in rows.group_by("path", maintain_order=True)
        )
    )


def finish_wires(wires: Sequence[pl.DataFrame], config: Config) -> Report:
    """One report of the catalogues whose merged wire frames the driver collected,
    finished as a local run is: suppressions, baseline, notices
    (:mod:`listlint.acceptance`), over all catalogues at once."""
    from listlint.batchapi import merge_reports

    accepting = Acceptance.for_config(config).start()
    for wire in wires:
        accepting.add(wire_directives(wire))
    return accepting.finish(merge_reports([wire_report(w) for w in wires]))


def engine_config(config: Config | None = None, **overrides: Any) -> Config:
    """The config of an engine call: ``config`` plus keyword overrides (no file lookup)."""

    return make_config(config, **overrides)


def wire_stats(wire: pl.DataFrame) -> pl.DataFrame:
    return wire.filter(pl.col("__kind") == STATS).select(
        "__records", "__listings", "__worker", "__builds"
    )
