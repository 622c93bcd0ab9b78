"""Catalogue-rule partials of a big catalogue, kept within a memory budget.

Catalogue-level rules (duplicate SKUs and GTINs, outliers within a variant group...)
return a small frame per batch and judge all of them at the end. Small per batch is
not small per catalogue: on the benchmark data they add up to ~230 MB per million
listings. :class:`PartialStore` holds them in memory up to :data:`BUDGET_BYTES` and
writes the largest rules' frames to temporary Arrow IPC files beyond that; the merge
then reads back one rule at a time, so the peak is one rule's partials, not all.

One rule's partials can still be big: at 10M listings the duplicate-SKU rule's were
10M rows (409 MB) and merging them took the parent to 2.8 GB. A rule that declares a
``merge_key`` (its merge of all partials equals its merges of each key group, the
promise Spark and Dask shuffle on) is therefore spilled in :data:`BUCKETS` buckets by a
hash of the key, and merged one bucket at a time: a sixteenth of the rows at once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import polars as pl

#: partials held in memory before the biggest rules' frames go to disk (a 10M-row run
#: peaked at 1.46 GB in the parent with 256 MB here and 100k findings in memory)
BUDGET_BYTES = 64 * 1024 * 1024
#: buckets of a spilled rule that declares a merge key (merged one at a time)
BUCKETS = 16


def buckets_of(frame: pl.DataFrame, key: tuple[str, ...], n: int) -> pl.Series:
    """The bucket (0..n-1) of each row: a hash of its ``key`` columns, so the rows of one
    key group always share a bucket (the same hash on every machine and run)."""
    return (frame.select(key).hash_rows(seed=11) % n).cast(pl.Int32)


class PartialStore:
    def __init__(
        self, budget: int | None = None, keys: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        self.budget = BUDGET_BYTES if budget is None else budget
        #: rule code -> its merge key (rules without one are merged whole)
        self.keys = keys or {}
        self._memory: dict[str, list[pl.DataFrame]] = {}
        self._sizes: dict[str, int] = {}
        #: rule code -> spill files, each a list of per-bucket files (one when unkeyed)
        self._files: dict[str, list[list[Path | None]]] = {}
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
        frames = self._memory.pop(code)
        self._sizes.pop(code)
        # one file per spill (per bucket of it), frames kept in batch order
        frame = pl.concat(frames, how="diagonal_relaxed")
        parts = self._split(code, frame)
        paths: list[Path | None] = []
        for b, part in enumerate(parts):
            if part is None or not part.height:
                paths.append(None)
                continue
            path = Path(self._dir.name) / f"{code}-{len(files):05d}-{b:02d}.arrow"
            part.write_ipc(path)
            paths.append(path)
        files.append(paths)

    def _split(self, code: str, frame: pl.DataFrame) -> list[pl.DataFrame | None]:
        """The frame as one part, or as BUCKETS parts by the rule's merge key."""
        key = self.keys.get(code)
        if not key or not all(k in frame.columns for k in key):
            return [frame]
        dest = buckets_of(frame, key, BUCKETS)
        parts: list[pl.DataFrame | None] = [None] * BUCKETS
        for part in frame.with_columns(dest.alias("__bucket")).partition_by(
            "__bucket", maintain_order=True
        ):
            parts[int(part["__bucket"][0])] = part.drop("__bucket")
        return parts

    def codes(self) -> list[str]:
        """Rules with partials, in the order their first partial arrived."""
        return [c for c in self._order if c in self._files or c in self._memory]

    def take_parts(self, code: str) -> Iterator[list[pl.DataFrame]]:
        """A rule's partials as the groups to merge one at a time, and forget them: one
        group, or one per bucket when the rule was spilled by its merge key; each in batch
        order (spilled frames first: they are older)."""
        spills = self._files.pop(code, [])
        memory = self._memory.pop(code, [])
        self._sizes.pop(code, None)
        tail = None
        if spills and {len(paths) for paths in spills} == {BUCKETS}:
            tail = self._split(code, pl.concat(memory, how="diagonal_relaxed")) if memory else []
        if tail is None or (tail and len(tail) != BUCKETS):
            # not spilled by buckets (or a frame without the key columns): merge whole
            yield [pl.read_ipc(p) for paths in spills for p in paths if p] + memory
            return
        del memory
        for b in range(BUCKETS):
            frames = [pl.read_ipc(path) for paths in spills if (path := paths[b]) is not None]
            last = tail[b] if tail else None
            if last is not None:
                frames.append(last)
            if frames:
                yield frames

    def items(self) -> Iterator[tuple[str, list[pl.DataFrame]]]:
        """``(rule code, partials to merge together)``: a rule spilled by buckets comes
        once per bucket."""
        for code in self.codes():
            for frames in self.take_parts(code):
                yield code, frames
        self.close()

    def close(self) -> None:
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
