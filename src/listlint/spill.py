"""Findings of huge runs kept on disk, read back in report order (bounded memory).

A 10M-listing catalogue can produce millions of findings; as pydantic models they take
about 1.3 KB each. :class:`FindingSpill` keeps up to :data:`MEMORY_FINDINGS` in memory;
beyond that it sorts them and writes them as a *run* to a temporary file. Reading merges
the runs (``heapq.merge``), which yields exactly the order of ``sorted(all findings,
key=Finding.sort_key)``: ties keep arrival order, since runs are merged in the order
they were written and each run is sorted stably. A run that never spilled is the
in-memory list, so small reports cost nothing extra.

:class:`SpilledFindings` is the read side: a re-iterable, sized sequence that the
report's ``findings`` can hold and formatters can iterate without materialising.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from listlint.report import FINDING_FIELDS, Finding, Severity, make_finding

#: findings held in memory before a sorted run is written to disk (~35 MB, twice that
#: while a run is sorted and written)
MEMORY_FINDINGS = 25_000
#: findings per pickle frame inside a run file (the merge holds one frame per run)
FRAME = 5_000


def _row(f: Finding) -> tuple[Any, ...]:
    return tuple(f.__dict__.values())  # a finding's fields, in FINDING_FIELDS order


def _finding(row: tuple[Any, ...]) -> Finding:
    # the values were validated when the finding was made: make_finding fills the
    # model without validating again (~1 µs; model_construct takes ~6)
    return make_finding(dict(zip(FINDING_FIELDS, row, strict=True)))


class FindingSpill:
    """Collects findings; spills sorted runs to disk past ``limit`` findings."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = max(1, MEMORY_FINDINGS if limit is None else limit)
        self.memory: list[Finding] = []
        self.runs: list[Path] = []
        self.count = 0
        self.severities = dict.fromkeys(Severity, 0)
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.memory.append(f)
            self.count += 1
            self.severities[f.severity] += 1
            if len(self.memory) >= self.limit:
                self._spill()

    @property
    def spilled(self) -> bool:
        return bool(self.runs)

    def _spill(self) -> None:
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="listlint-findings-")
        path = Path(self._dir.name) / f"run{len(self.runs):05d}.pickle"
        self.memory.sort(key=Finding.sort_key)
        with path.open("wb") as fh:
            for start in range(0, len(self.memory), FRAME):
                rows = [_row(f) for f in self.memory[start : start + FRAME]]
                pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.runs.append(path)
        self.memory = []

    def sorted(self) -> Iterator[Finding]:
        """Every finding, in report order."""
        tail = sorted(self.memory, key=Finding.sort_key)
        if not self.runs:
            yield from tail
            return
        streams = [_read_run(p) for p in self.runs] + [iter(tail)]
        yield from heapq.merge(*streams, key=Finding.sort_key)

    def findings(self) -> list[Finding] | SpilledFindings:
        """A plain sorted list when nothing spilled, else a disk-backed sequence."""
        if not self.runs:
            return sorted(self.memory, key=Finding.sort_key)
        return SpilledFindings(self)

    def close(self) -> None:
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None


def _read_run(path: Path) -> Iterator[Finding]:
    with path.open("rb") as fh:
        while True:
            try:
                rows = pickle.load(fh)  # our own temp file, written above
            except EOFError:
                return
            for row in rows:
                yield _finding(row)


class SpilledFindings(Sequence[Finding]):
    """Report findings read back from disk on each iteration (never all in memory).

    Indexing materialises the whole list once (use iteration for big reports)."""

    def __init__(self, spill: FindingSpill) -> None:
        self._spill = spill
        self._list: list[Finding] | None = None

    def __len__(self) -> int:
        return self._spill.count

    def __iter__(self) -> Iterator[Finding]:
        if self._list is not None:
            return iter(self._list)
        return self._spill.sorted()

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        if self._list is None:
            self._list = list(self._spill.sorted())
        return self._list[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __del__(self) -> None:
        self._spill.close()
