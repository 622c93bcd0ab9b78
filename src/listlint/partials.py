"""Catalogue-rule partials of a big catalogue, kept within a memory budget.

Catalogue-level rules (duplicate SKUs and GTINs, outliers within a variant group...)
return a small frame per batch and judge all of them at the end. Small per batch is
not small per catalogue: on the benchmark data they add up to ~230 MB per million
listings. :class:`PartialStore` holds them in memory up to :data:`BUDGET_BYTES` and
writes the largest rules' frames to temporary Arrow IPC files beyond that; the merge
then reads back one rule at a time, so the peak is one rule's partials, not all.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import polars as pl

#: partials held in memory before the biggest rules' frames go to disk (a 10M-row run
#: peaked at 1.46 GB in the parent with 256 MB here and 100k findings in memory)
BUDGET_BYTES = 64 * 1024 * 1024


class PartialStore:
    def __init__(self, budget: int | None = None) -> None:
        self.budget = BUDGET_BYTES if budget is None else budget
        self._memory: dict[str, list[pl.DataFrame]] = {}
        self._sizes: dict[str, int] = {}
        self._files: dict[str, list[Path]] = {}
        self._order: dict[str, None] = {}  # first arrival: the merge order of a serial run
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def add(self, code: str, frame: pl.DataFrame) -> None:
        self._order.setdefault(code)
        self._memory.setdefault(code, []).append(frame)
        self._sizes[code] = self._sizes.get(code, 0) + int(frame.estimated_size())
        while sum(self._sizes.values()) > self.budget and self._sizes:
            self._spill(max(self._sizes, key=lambda c: self._sizes[c]))

    def _spill(self, code: str) -> None:
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="listlint-partials-")
        files = self._files.setdefault(code, [])
        path = Path(self._dir.name) / f"{code}-{len(files):05d}.arrow"
        frames = self._memory.pop(code)
        # one file per spill, frames kept in batch order
        pl.concat(frames, how="diagonal_relaxed").write_ipc(path)
        files.append(path)
        self._sizes.pop(code)

    def codes(self) -> list[str]:
        """Rules with partials, in the order their first partial arrived."""
        return [c for c in self._order if c in self._files or c in self._memory]

    def take(self, code: str) -> list[pl.DataFrame]:
        """All partials of one rule, in batch order (spilled ones first: they are
        older), and forget them."""
        frames = [pl.read_ipc(p) for p in self._files.pop(code, [])]
        frames += self._memory.pop(code, [])
        self._sizes.pop(code, None)
        return frames

    def items(self) -> Iterator[tuple[str, list[pl.DataFrame]]]:
        for code in self.codes():
            yield code, self.take(code)
        self.close()

    def close(self) -> None:
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
