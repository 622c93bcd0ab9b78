"""The batch API every front end shares (CLI, library, Spark, Dask).

``lint_batch(table, config)`` lints one Arrow record batch / polars frame of listings
and returns findings as a polars frame with the fixed schema :data:`FINDINGS_SCHEMA`
(the JSON contract's fields). It is stateless; catalogue-level rules run in two
phases, see :func:`catalog_partials` and :func:`merge_catalog_partials`.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from listlint.config import Config
from listlint.report import FINDING_FIELDS, Finding

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


def findings_frame(findings: list[Finding]) -> pl.DataFrame:
    rows = [f.to_dict() for f in findings]
    return pl.DataFrame(rows or None, schema=FINDINGS_SCHEMA)


def lint_batch(
    table: Any, config: Config | None = None, *, path: str | None = None
) -> pl.DataFrame:
    """Findings of the per-batch rules for one batch of listings (any partition)."""
    from listlint.api import make_config
    from listlint.engine import check_batch, loader_findings
    from listlint.loader import from_frame

    cfg = config or make_config()
    ruleset = _ruleset(cfg)
    catalog = from_frame(table, path=path, columns=cfg.columns or None)
    findings = loader_findings(ruleset, catalog, ruleset.rules)
    for batch in catalog.batches(cfg.batch_size):
        findings.extend(check_batch(ruleset, batch))
    return findings_frame(sorted(findings, key=Finding.sort_key))


_RULESETS: dict[str, Any] = {}


def _ruleset(cfg: Config) -> Any:
    """One RuleSet per process and config: automata and spaCy are built once."""
    from listlint.engine import RuleSet

    key = cfg.model_dump_json()
    if key not in _RULESETS:
        _RULESETS[key] = RuleSet.build(cfg)
    return _RULESETS[key]
