"""Findings accepted on purpose (suppressions) or already known (the baseline).

Rules find; this step decides which findings a run *reports*. It runs once per run, on
the finished findings in report order, so every front end gives the same report: the
command line and ``listlint.lint`` (:func:`listlint.runner.run`), the batch API
(:mod:`listlint.batchapi`), Spark and Dask (:mod:`listlint.partitions`). Applied in
this order:

1. suppressions written in the catalogue's ``listlint`` column (each on its own row),
2. the ignore file's entries (by SKU), ``ignore-file`` in the config,
3. the baseline (``baseline`` in the config): each entry absorbs ``count`` findings
   of its SKU + rule + fingerprint, the first ones in report order.

A finding is booked to the first suppression that matches it, so "unused suppression"
notices are the same whichever path ran.

:class:`Acceptance` holds what the config names (the ignore file and the baseline, read
once: a Spark driver ships them to executors that may not see the files);
:class:`Pass` is one run's use of it, collecting the catalogues' ``listlint`` cells.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from listlint import baseline, suppress
from listlint.report import Finding, Report, Severity, Summary

if TYPE_CHECKING:
    from listlint.catalog import Catalog
    from listlint.config import Config

BaselineKeys = Counter[tuple[str, str, str]]


@dataclass
class Acceptance:
    """The ignore file's suppressions and the baseline a config names (read once)."""

    ignored: list[suppress.Suppression] = field(default_factory=list)
    known: BaselineKeys | None = None
    fail_on: Severity = Severity.ERROR

    @classmethod
    def for_config(cls, config: Config) -> Acceptance:
        """The files ``config`` names, read (once per process while they are unchanged)."""
        ignored = _cached(config.ignore_file, suppress.from_file) if config.ignore_file else None
        known = _cached(config.baseline, baseline.load) if config.baseline else None
        return cls(list(ignored.items) if ignored else [], known, config.fail_on)

    @property
    def idle(self) -> bool:
        """Nothing to apply unless the catalogue itself has a ``listlint`` column."""
        return not self.ignored and self.known is None

    def start(self) -> Pass:
        return Pass(self)


@dataclass
class Pass:
    """One run: the ``listlint`` cells of its catalogues, then the finishing filter."""

    acceptance: Acceptance
    directives: suppress.Suppressions = field(default_factory=suppress.Suppressions)

    def watch(self, catalogs: Iterable[Catalog]) -> Iterator[Catalog]:
        """``catalogs``, collecting each one's ``listlint`` cells once it is linted (the
        caller asks for the next catalogue only then; a streamed catalogue has read its
        cells by that time)."""
        for catalog in catalogs:
            yield catalog
            self.add(suppress.from_catalog(catalog))

    def add(self, directives: suppress.Suppressions) -> None:
        self.directives = suppress.merge(self.directives, directives)

    def _suppressions(self) -> suppress.Suppressions:
        # copies with fresh use counts: the ignore file's entries are shared by every
        # run of the process (read once), and a Pass may filter more than once
        items = [replace(s, used=0) for s in (*self.directives.items, *self.acceptance.ignored)]
        return suppress.Suppressions(items, list(self.directives.problems))

    def kept(self, findings: Iterable[Finding]) -> tuple[Iterator[Finding], suppress.Suppressions]:
        """The findings that stay (lazily, in their order: report order for the
        baseline to be exact) and the suppressions, whose use counts fill as it runs."""
        rules = self._suppressions()
        out = rules.kept(findings)
        if self.acceptance.known is not None:
            out = baseline.new_findings(out, self.acceptance.known)
        return out, rules

    def finish(self, report: Report) -> Report:
        """``report`` without the accepted findings, with notices and ``fail_on``."""
        if self.acceptance.idle and not self.directives.items and not self.directives.problems:
            report.fail_on = self.acceptance.fail_on
            return report
        kept, rules = self.kept(report.findings)
        out = _collect(kept, report.summary, spill=not isinstance(report.findings, list))
        out.fail_on = self.acceptance.fail_on
        out.notices = [*report.notices, *rules.notices()]
        return out


def _collect(findings: Iterator[Finding], counts: Summary, *, spill: bool) -> Report:
    """A report of ``findings`` (already in report order) with the run's file counts.
    A report that was spilled to disk (see :mod:`listlint.spill`) is spilled again."""
    if not spill:
        return Report.build(
            list(findings), files=counts.files, records=counts.records, listings=counts.listings
        )
    from listlint.spill import FindingSpill

    store = FindingSpill()
    store.add(findings)
    summary = Summary(
        files=counts.files,
        records=counts.records,
        listings=counts.listings,
        findings=store.count,
        errors=store.severities[Severity.ERROR],
        warnings=store.severities[Severity.WARNING],
        info=store.severities[Severity.INFO],
    )
    return Report.model_construct(summary=summary, findings=store.findings())


def accept_findings(
    findings: Iterable[Finding], config: Config, directives: suppress.Suppressions
) -> list[Finding]:
    """``findings`` (any order) minus those accepted by ``directives`` and the files
    ``config`` names: the batch API's filter, which has no report to hold notices."""
    run = Acceptance.for_config(config).start()
    run.add(directives)
    kept, _ = run.kept(sorted(findings, key=Finding.sort_key))
    return list(kept)


# -- reading each file once per process while it is unchanged --------------------------
_FILES: dict[tuple[str, str, int, int, int], Any] = {}


def _cached(path: str, read: Any) -> Any:
    """``read(path)``, reused while the file's identity, size and mtime are unchanged:
    the batch API and Spark/Dask workers finish many batches with one config."""
    try:
        st = os.stat(path)
        ident = (read.__module__, os.path.abspath(path), st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError:
        return read(path)  # the reader names the problem
    if ident not in _FILES:
        if len(_FILES) > 16:
            _FILES.clear()
        _FILES[ident] = read(path)
    return _FILES[ident]
