"""Findings of huge runs kept on disk, read back in report order (bounded memory).

A 10M-listing catalogue can produce millions of findings; as pydantic models they take
about 1.3 KB each. :class:`FindingSpill` keeps up to :data:`MEMORY_FINDINGS` in memory;
beyond that it sorts them and writes them as a *run* to a temporary file. Reading merges
the runs (``heapq.merge``), which yields exactly the order of ``sorted(all findings,
key=Finding.sort_key)``: ties keep arrival order, since runs are merged in the order
they were written and each run is sorted stably. A run that never spilled is the
in-memory list, so small reports cost nothing extra.

Memory and open files stay bounded however many findings there are: runs are merged
on disk in tiers, :data:`FAN_IN` consecutive runs of one tier into one run of the next
(consecutive runs, so ties still keep arrival order), and a run is read back one frame
of :data:`FRAME` findings at a time. A report of 10M findings is 400 runs of the first
tier, merged into 12 of the second; the final merge holds 12 + 16 frames, not 400.

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
#: findings per pickle frame inside a run file (a merge holds one frame per run)
FRAME = 1_000
#: runs of one tier merged into one run of the next; also the most files open at once
FAN_IN = 32


def _row(f: Finding) -> tuple[Any, ...]:
    return tuple(f.__dict__.values())  # a finding's fields, in FINDING_FIELDS order


_PATH, _SHEET, _LINE, _FIELD, _RULE, _MATCH = (
    FINDING_FIELDS.index(name) for name in ("path", "sheet", "row", "field", "rule", "match")
)


def _row_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """:meth:`Finding.sort_key` of a finding stored as a row (tested equal)."""
    line = row[_LINE]
    return (
        row[_PATH] or "",
        row[_SHEET] or "",
        line if line is not None else -1,
        row[_FIELD] or "",
        row[_RULE],
        row[_MATCH] or "",
    )


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
        self._tiers: list[int] = []  # the tier of each run (0: written from memory)
        self._written = 0  # run files written so far (names them)
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

    def _new_path(self) -> Path:
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="listlint-findings-")
        self._written += 1
        return Path(self._dir.name) / f"run{self._written:06d}.pickle"

    def _spill(self) -> None:
        rows = sorted(map(_row, self.memory), key=_row_key)
        path = self._new_path()
        _write_run(path, rows)
        self.memory = []
        self.runs.append(path)
        self._tiers.append(0)
        # merge the last FAN_IN runs while they share a tier (they are consecutive)
        while len(self.runs) >= FAN_IN and len(set(self._tiers[-FAN_IN:])) == 1:
            group, tier = self.runs[-FAN_IN:], self._tiers[-1]
            merged = self._new_path()
            _write_run(merged, heapq.merge(*map(_read_rows, group), key=_row_key))
            for old in group:
                old.unlink()
            del self.runs[-FAN_IN:], self._tiers[-FAN_IN:]
            self.runs.append(merged)
            self._tiers.append(tier + 1)

    def sorted(self) -> Iterator[Finding]:
        """Every finding, in report order."""
        if not self.runs:
            yield from sorted(self.memory, key=Finding.sort_key)
            return
        yield from map(_finding, self.sorted_rows())

    def sorted_rows(self) -> Iterator[tuple[Any, ...]]:
        """Every finding's values (FINDING_FIELDS order), in report order: what the
        JSON and CSV writers read, without a model made of each finding read back."""
        tail = sorted(map(_row, self.memory), key=_row_key)
        if not self.runs:
            yield from tail
            return
        streams = [_read_rows(p) for p in self.runs] + [iter(tail)]
        yield from heapq.merge(*streams, key=_row_key)

    def findings(self) -> list[Finding] | SpilledFindings:
        """A plain sorted list when nothing spilled, else a disk-backed sequence."""
        if not self.runs:
            return sorted(self.memory, key=Finding.sort_key)
        return SpilledFindings(self)

    def close(self) -> None:
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None


def _write_run(path: Path, rows: Iterable[tuple[Any, ...]]) -> None:
    """Sorted rows to a run file, in pickled frames of FRAME rows."""
    with path.open("wb") as fh:
        frame: list[tuple[Any, ...]] = []
        for row in rows:
            frame.append(row)
            if len(frame) == FRAME:
                pickle.dump(frame, fh, protocol=pickle.HIGHEST_PROTOCOL)
                frame = []
        if frame:
            pickle.dump(frame, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _read_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    """A run's rows, one frame in memory at a time."""
    with path.open("rb") as fh:
        while True:
            try:
                rows = pickle.load(fh)  # our own temp file, written above
            except EOFError:
                return
            yield from rows


class SpilledFindings(Sequence[Finding]):
    """Report findings read back from disk on each iteration (never all in memory).

    Indexing materialises the whole list once (use iteration for big reports)."""

    def __init__(self, spill: FindingSpill) -> None:
        self._spill = spill
        self._list: list[Finding] | None = None

    def __len__(self) -> int:
        return self._spill.count

    def finding_rows(self) -> Iterator[tuple[Any, ...]]:
        """The findings' values in FINDING_FIELDS order (see :func:`listlint.report.
        finding_rows`), read back from disk."""
        if self._list is not None:
            return (_row(f) for f in self._list)
        return self._spill.sorted_rows()

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
