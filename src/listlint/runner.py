"""Lint every catalogue of a run into one report: the top of the pipeline.

:mod:`listlint.engine` lints one catalogue (rules over batches, findings stamped);
:mod:`listlint.parallel` runs its batches on worker processes when that pays;
:mod:`listlint.spill` keeps a huge run's findings on disk. :func:`run` puts them
together for the CLI and the library (``listlint.lint``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from listlint.acceptance import Acceptance
from listlint.catalog import Catalog
from listlint.engine import RuleSet
from listlint.gcpolicy import GC_THRESHOLDS, settle
from listlint.parallel import Runner
from listlint.report import Report, Severity, Summary
from listlint.spill import FindingSpill


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the collector less often while linting, then restore its thresholds.

    Loading and checking allocate millions of lists, rows and findings, none of them in
    reference cycles; at the default thresholds the collector re-scanned them all again
    and again: ~10% of a 100k-listing run and a fifth of reading a 100k-row XLSX
    (measured). Cycles are still collected, only less often."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_THRESHOLDS[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def run(catalogs: Iterable[Catalog], ruleset: RuleSet, *, spill: bool = False) -> Report:
    """Lint every catalogue into one report. ``spill=True`` (the CLI) keeps a huge
    run's findings on disk: the report's ``findings`` is then a sorted, re-iterable
    sequence read back from temporary files (see :mod:`listlint.spill`).

    Findings accepted on purpose or by the baseline are left out here, for every
    front end alike (see :mod:`listlint.acceptance`)."""
    accepting = Acceptance.for_config(ruleset.config).start()
    try:
        with fewer_collections():
            return accepting.finish(_run(accepting.watch(catalogs), ruleset, spill=spill))
    finally:
        settle()


def _run(catalogs: Iterable[Catalog], ruleset: RuleSet, *, spill: bool) -> Report:
    store = FindingSpill() if spill else FindingSpill(limit=2**62)
    files = records = listings = 0
    with Runner(ruleset) as runner:
        for catalog in catalogs:
            files += 1
            store.add(runner.lint(catalog))
            # counted after linting: a streamed catalogue knows its size only then
            records += catalog.records
            listings += catalog.listings_count
    if not store.spilled:
        return Report.build(store.memory, files=files, records=records, listings=listings)
    counts = store.severities
    summary = Summary(
        files=files,
        records=records,
        listings=listings,
        findings=store.count,
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        info=counts[Severity.INFO],
    )
    return Report.model_construct(summary=summary, findings=store.findings())
