"""Lint a polars LazyFrame batch by batch, never holding the whole table.

A LazyFrame is usually a scan of something big (``pl.scan_parquet``). Its batches
(``collect_batches``, polars' streaming engine) go through the partition protocol
Spark and Dask use (:mod:`listlint.partitions`): each batch is numbered catalogue-wide,
linted, and leaves only its findings and the catalogue-level rules' small partials;
one merge and the usual finishing (suppressions, baseline) follow. The report equals
``listlint.lint(lf.collect())`` (tests/test_library.py).

A catalogue with variant groups needs whole groups in one batch (children inherit
their parent's title, image rows fold into their product), which the batches of a
scan do not promise: such a table is collected, with the streaming engine, and linted
whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from listlint.config import Config
    from listlint.report import Report


def lint_lazyframe(lf: pl.LazyFrame, config: Config, path: str | None = None) -> Report:
    from listlint.partitions import (
        PartitionSpec,
        add_index,
        count_rows,
        evidence_part,
        finish_wires,
        lint_part,
        merge_part,
        with_facts,
    )

    spec = PartitionSpec.build(config, lf.collect_schema().names(), path)
    if spec.group_fields():
        return _lint_whole(lf.collect(engine="streaming"), config)
    if spec.ruleset().gatherers():
        # phase one: the catalogue's facts, one pass over the frame before linting it
        evidence = [
            evidence_part(as_text(b), spec)
            for b in lf.collect_batches(chunk_size=config.batch_size)
            if b.height
        ]
        if evidence:
            spec = with_facts(spec, pl.concat(evidence))
    wires: list[pl.DataFrame] = []
    row = rec = 0
    for batch in lf.collect_batches(chunk_size=config.batch_size):
        if not batch.height:
            continue
        text = as_text(batch)
        wires.append(lint_part(add_index(text, spec, row, rec), spec))
        rows, records = count_rows(text)
        row, rec = row + rows, rec + records
    if not wires:
        return _lint_whole(lf.collect(), config)
    return finish_wires([merge_part(pl.concat(wires), spec)], config)


def as_text(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every cell as the text ``listlint.lint(frame)`` reads it as
    (:mod:`listlint.loader.frametable`: Python's ``str()``), so a batch lints exactly as
    the same rows in a DataFrame do."""
    from listlint.loader.frametable import text_series

    if all(dtype == pl.Utf8 for dtype in frame.dtypes):
        return frame
    return pl.DataFrame(
        [text_series(frame.to_series(i), name) for i, name in enumerate(frame.columns)]
    )


def _lint_whole(frame: pl.DataFrame, config: Config) -> Report:
    from listlint.engine import RuleSet
    from listlint.runner import run
    from listlint.sources import to_catalogs

    return run(to_catalogs(frame, config), RuleSet.build(config))
