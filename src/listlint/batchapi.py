"""The batch API every front end shares (CLI, library, Spark, Dask).

Per-batch rules are stateless: ``lint_batch(table, config)`` lints one Arrow record
batch / table, polars or pandas frame of listings and returns the findings as a polars
frame with the fixed schema :data:`FINDINGS_SCHEMA` (the JSON contract's fields, in
its order; :func:`findings_arrow_schema` gives the same as Arrow).

Catalogue-level rules (duplicate SKUs, outliers within a variant group or category)
need every listing, so they run in two phases that stay correct however the catalogue
is partitioned::

    partials = [catalog_partials(part, cfg) for part in parts]   # phase 1, anywhere
    findings = merge_catalog_partials(partials, cfg)             # phase 2, once

Phase 1 returns ``{rule code: small polars frame}`` per batch; phase 2 concatenates
each rule's frames and lets the rule turn them into findings. A rule that declares
``merge_key`` promises that merging each key group on its own gives the same
findings, so Spark and Dask shuffle its partials by key and merge groups in parallel
(see :mod:`listlint.partitions`).

Suppressions and the baseline apply here as in every other front end
(:mod:`listlint.acceptance`): the batch's ``listlint`` cells and the config's ignore
file to its findings, the baseline to each call's findings (an entry absorbs up to its
count in each call; a whole-catalogue run absorbs that many in the catalogue).
``catalog_partials`` passes the batch's ``listlint`` cells on (under
:data:`DIRECTIVES`), so ``merge_catalog_partials`` suppresses catalogue-level findings
written on any batch's rows.

Rule sets (automata, spaCy pipelines, policy data) are expensive: :func:`cached_ruleset`
builds one per process and configuration, so a worker that lints many batches builds
its rules once.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import polars as pl

from listlint.acceptance import accept_findings
from listlint.config import Config
from listlint.engine import RuleSet, catalog_facts, check_batch, loader_findings, merge_partials
from listlint.engine import catalog_partials as engine_partials
from listlint.errors import InputError
from listlint.fields import REC, ROW
from listlint.loader import from_frame
from listlint.report import FINDING_FIELDS, Finding, Report
from listlint.sources import make_config
from listlint.suppress import directive_frame, from_catalog, from_rows

if TYPE_CHECKING:
    import pyarrow as pa

    from listlint.catalog import Catalog
    from listlint.engine import RuleSet
    from listlint.policy import PolicySet
    from listlint.report import Report
    from listlint.rules.facts import CatalogFacts

__all__ = [
    "FINDINGS_SCHEMA",
    "arrow_schema",
    "cached_ruleset",
    "catalog_partials",
    "findings_arrow_schema",
    "findings_frame",
    "lint_batch",
    "merge_catalog_partials",
]

#: the key of :func:`catalog_partials`' output holding the batch's ``listlint`` cells (a
#: rule code never looks like this)
DIRECTIVES = "listlint"

FINDINGS_SCHEMA: dict[str, Any] = {
    "rule": pl.Utf8,
    "name": pl.Utf8,
    "group": pl.Utf8,
    "severity": pl.Utf8,
    "path": pl.Utf8,
    "sheet": pl.Utf8,
    "row": pl.Int64,
    "column": pl.Utf8,
    "field": pl.Utf8,
    "sku": pl.Utf8,
    "message": pl.Utf8,
    "match": pl.Utf8,
    "suggestion": pl.Utf8,
    "policy": pl.Utf8,
    "marketplaces": pl.List(pl.Utf8),
}
assert tuple(FINDINGS_SCHEMA) == FINDING_FIELDS


def findings_arrow_schema() -> pa.Schema:
    """:data:`FINDINGS_SCHEMA` as an Arrow schema (``row`` int64, ``marketplaces``
    list<string>, everything else string)."""
    return arrow_schema(FINDINGS_SCHEMA)


def arrow_schema(schema: dict[str, Any]) -> pa.Schema:
    """A polars schema as plain (not large) Arrow types, which Spark and most Arrow
    consumers accept: Utf8 -> string, List(Utf8) -> list<string>, integers, binary."""
    import pyarrow as pa

    plain = {pl.Utf8: pa.string(), pl.Int64: pa.int64(), pl.Int32: pa.int32()}
    plain.update({pl.Int8: pa.int8(), pl.Binary: pa.binary()})

    def arrow(dtype: Any) -> pa.DataType:
        return pa.list_(pa.string()) if isinstance(dtype, pl.List) else plain[dtype]

    return pa.schema([(name, arrow(dtype)) for name, dtype in schema.items()])


def findings_frame(findings: Iterable[Finding]) -> pl.DataFrame:
    rows = [f.to_dict() for f in findings]
    return pl.DataFrame(rows or None, schema=FINDINGS_SCHEMA)


def frame_findings(frame: pl.DataFrame) -> list[Finding]:
    """The inverse of :func:`findings_frame` (for front ends that build a Report)."""
    out = []
    for row in frame.select(list(FINDINGS_SCHEMA)).iter_rows(named=True):
        row["marketplaces"] = tuple(row["marketplaces"] or ())
        out.append(Finding(**row))
    return out


def merge_reports(reports: list[Report]) -> Report:
    """One report for several catalogues linted separately (one per file)."""

    return Report.build(
        [f for r in reports for f in r.findings],
        files=sum(r.summary.files for r in reports),
        records=sum(r.summary.records for r in reports),
        listings=sum(r.summary.listings for r in reports),
    )


# -- one rule set per process ---------------------------------------------------------
_RULESETS: dict[str, RuleSet] = {}
#: RuleSet builds in this process (Spark/Dask tests check workers build once)
BUILDS = {"count": 0}


def fingerprint(config: Config, policies: PolicySet | None = None) -> str:
    """A key for a configuration (plus the policy data it resolved to, when given)."""
    h = hashlib.sha256(config.model_dump_json().encode())
    if policies is not None:
        h.update(pickle.dumps(policies))
    return h.hexdigest()[:32]


def cached_ruleset(
    config: Config, policies: PolicySet | None = None, key: str | None = None
) -> RuleSet:
    """The process's RuleSet for ``config`` (built on first use, then reused).

    ``policies`` are packs already loaded elsewhere (a Spark driver ships them to its
    executors, which may not see the driver's files); ``key`` is their precomputed
    :func:`fingerprint`, so a worker does not re-hash the packs for every partition."""

    key = key or fingerprint(config, policies)
    if key not in _RULESETS:
        _RULESETS[key] = RuleSet.build(config, policies)
        BUILDS["count"] += 1
    return _RULESETS[key]


def worker_id() -> int:
    return os.getpid()


# -- the two-phase public API ---------------------------------------------------------
def as_catalog(table: Any, config: Config, path: str | None = None, offset: int = 0) -> Catalog:
    """One batch of listings (Arrow, polars, pandas) as a Catalog whose first row is
    row ``offset + 2`` (the rows before it in the catalogue, plus the header row).

    Non-text columns are cast to text as the Parquet reader does, so a batch lints the
    same whether it came from a file or a DataFrame."""

    frame = table if isinstance(table, pl.DataFrame) else _to_polars(table)
    if any(dtype != pl.Utf8 for dtype in frame.dtypes):
        frame = frame.with_columns(pl.all().cast(pl.Utf8, strict=False))
    catalog = from_frame(frame, path=path, columns=config.columns or None)
    if offset:
        catalog.frame = catalog.frame.with_columns(pl.col(ROW) + offset, pl.col(REC) + offset)
        for issue in catalog.issues:
            issue.row = None if issue.row is None else issue.row + offset
    return catalog


def _to_polars(table: Any) -> pl.DataFrame:

    if isinstance(table, pl.LazyFrame):  # one batch: collect it (streaming engine)
        return table.collect(engine="streaming")
    try:
        if type(table).__module__.startswith("pandas"):
            return pl.from_pandas(table)
        frame = pl.from_arrow(table)
    except Exception as exc:
        raise InputError(f"cannot read a table from {type(table).__name__}") from exc
    return frame if isinstance(frame, pl.DataFrame) else frame.to_frame()


def lint_catalog_part(
    ruleset: RuleSet, catalog: Catalog, facts: CatalogFacts | None = None
) -> tuple[list[Finding], dict[str, list[pl.DataFrame]]]:
    """Phase one on a loaded part: stateless findings (loader issues included) and
    catalogue-rule partials, batch by batch as the local engine does, judged with the
    catalogue's ``facts`` (:func:`listlint.engine.catalog_facts`; default: the part's
    own, which are the catalogue's when the part is the whole catalogue)."""

    rules = ruleset.for_path(catalog.path)
    findings = loader_findings(ruleset, catalog, rules)
    partials: dict[str, list[pl.DataFrame]] = {}
    if facts is None:
        facts = catalog_facts(ruleset, catalog)
    for batch in catalog.batches(ruleset.config.batch_size):
        context = ruleset.context(batch, facts)  # one analysis per family for both phases
        findings.extend(check_batch(ruleset, batch, rules, context))
        for code, frame in engine_partials(ruleset, batch, rules, context).items():
            partials.setdefault(code, []).append(frame)
        context.release()
        batch.release()
    return findings, partials


def lint_batch(
    table: Any, config: Config | None = None, *, path: str | None = None, offset: int = 0
) -> pl.DataFrame:
    """Findings of the per-batch rules (and loader issues) for one batch of listings.

    Stateless: any partition of a catalogue can be linted on its own. ``offset`` is the
    number of rows before this batch in its catalogue (rows are numbered as in a file
    with a header row: the batch's first row is ``offset + 2``). Catalogue-level rules
    are not run here: use :func:`catalog_partials` and :func:`merge_catalog_partials`."""

    cfg = config or make_config()
    catalog = as_catalog(table, cfg, path, offset)
    findings, _ = lint_catalog_part(cached_ruleset(cfg), catalog)
    return findings_frame(accept_findings(findings, cfg, from_catalog(catalog)))


def catalog_partials(
    table: Any, config: Config | None = None, *, path: str | None = None, offset: int = 0
) -> dict[str, pl.DataFrame]:
    """Phase one of the catalogue-level rules on one batch: ``{code: partial frame}``
    (``offset`` as for :func:`lint_batch`)."""

    cfg = config or make_config()
    catalog = as_catalog(table, cfg, path, offset)
    _, partials = lint_catalog_part(cached_ruleset(cfg), catalog)
    out = {code: pl.concat(frames, how="diagonal_relaxed") for code, frames in partials.items()}
    directives = directive_frame(catalog)
    if directives is not None and directives.height:
        out[DIRECTIVES] = directives
    return out


def merge_catalog_partials(
    partials: Iterable[dict[str, pl.DataFrame]],
    config: Config | None = None,
    *,
    path: str | None = None,
    columns: dict[str, str] | None = None,
) -> pl.DataFrame:
    """Phase two: every batch's partials at once -> the catalogue-level findings.

    ``columns`` (canonical field -> header) names the column in findings."""

    cfg = config or make_config()
    by_code: dict[str, list[pl.DataFrame]] = {}
    for part in partials:
        for code, frame in part.items():
            by_code.setdefault(code, []).append(frame)
    cells = by_code.pop(DIRECTIVES, [])
    found = merge_partials(cached_ruleset(cfg), by_code, path, columns)
    directives = from_rows(path, (row for f in cells for row in f.iter_rows(named=True)))
    return findings_frame(accept_findings(found, cfg, directives))
