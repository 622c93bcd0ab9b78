"""A batch of listings as rules see it: one polars frame plus its columns in the forms
every family reads (Python lists, folded text), each made once per batch.

A family's analysis does not live here but on the engine's per-batch
:class:`~listlint.rules.context.BatchContext`. What lives here is derived from the
listings alone, whatever rules run: columns in other forms, and a few shared readings
keyed by name through :meth:`Batch.cached` (the product analysis of
:mod:`listlint.product`, which listings are drafts or parent rows in
:mod:`listlint.lifecycle`, the pricing family's price contexts).

Frame columns:

* bookkeeping: ``_row`` (physical row, header = 1), ``_rec`` (0-based record index over
  the catalogue), ``_sheet``, ``_group`` (variant group key);
* canonical fields (:data:`listlint.fields.CANONICAL_FIELDS`) as clean text, null when
  the catalogue has no such column or the cell is blank;
* parsed values (:data:`listlint.fields.PARSED_FIELDS`), e.g. ``weight_kg``;
* every unmapped column as ``attr:<original header>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import polars as pl

from listlint.fields import ATTR_PREFIX, GROUP, REC, ROW, SHEET
from listlint.text.normalize import fold_series, joint_cells

T = TypeVar("T")

#: cells per stacked Series of :meth:`Batch.folded_stacks`
STACK_CELLS = 1_000_000


@dataclass
class Batch:
    """Listings ``frame`` from one file (``path``), with the column map of that file."""

    frame: pl.DataFrame
    path: str | None = None
    #: canonical field -> original column header in the source file
    columns: dict[str, str] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return self.frame.height

    def release(self) -> None:
        """Drop the cached columns and readings once the batch is checked (the engine
        may still hold the batch while the next one is read; some readings refer back
        to the batch, a cycle the engine's rare collections would leave)."""
        self._cache.clear()

    # -- plain access -----------------------------------------------------------------
    def has(self, name: str) -> bool:
        """True when the catalogue has this field (column exists and is not all null)."""
        key = "has:" + name
        if key not in self._cache:
            self._cache[key] = (
                name in self.frame.columns and self.frame[name].null_count() < self.frame.height
            )
        return self._cache[key]

    def values(self, name: str) -> list[Any]:
        """The column as a Python list (None where blank or absent); cached."""
        key = "values:" + name
        if key not in self._cache:
            if name in self.frame.columns:
                self._cache[key] = self.frame[name].to_list()
            else:
                self._cache[key] = [None] * self.frame.height
        return self._cache[key]

    def folded(self, name: str) -> list[str | None]:
        """The field in matching form (see :func:`listlint.text.normalize.fold`); cached."""
        key = "folded:" + name
        if key not in self._cache:
            if name in self.frame.columns and self.frame[name].dtype == pl.Utf8:
                self._cache[key] = self.folded_series(name).to_list()
            else:
                self._cache[key] = [None] * self.frame.height
        return self._cache[key]

    def folded_series(self, name: str) -> pl.Series:
        """:meth:`folded` as a polars Series, for columnar matching (``str.contains_any``)
        without turning the Python list back into a Series; cached."""
        key = "folded_series:" + name
        if key not in self._cache:
            if name in self.frame.columns and self.frame[name].dtype == pl.Utf8:
                self._cache[key] = fold_series(self.frame[name])
            else:
                self._cache[key] = pl.Series(name, [None] * self.frame.height, dtype=pl.Utf8)
        return self._cache[key]

    def folded_stacks(self, names: list[str]) -> Iterator[tuple[list[str], pl.Series]]:
        """The folded cells of text columns, attribute columns stacked: each chunk of
        them as one Series, column ``k`` of the chunk at offsets ``k * len(self)``. A
        catalogue of 16,000 attribute columns is then folded and matched in a few
        columnar passes instead of 16,000 (each pass costs about a millisecond before
        any cell is read; an Aho-Corasick pass builds its automaton afresh). Chunks hold
        at most :data:`STACK_CELLS` cells so the copy stays small beside the batch."""
        for chunk in self._chunks(names):
            if len(chunk) == 1:  # one column's folded form is cached for every family
                yield chunk, self.folded_series(chunk[0])
            else:
                yield chunk, fold_series(self._stacked(chunk))

    def _chunks(self, names: list[str]) -> list[list[str]]:
        """``names`` as searched together: canonical fields one by one, attribute columns
        in chunks of at most :data:`STACK_CELLS` cells (see :meth:`folded_stacks`)."""
        attrs = [n for n in names if n.startswith(ATTR_PREFIX)]
        step = max(1, STACK_CELLS // max(self.frame.height, 1))
        chunks = [[n] for n in names if not n.startswith(ATTR_PREFIX)]
        return chunks + [attrs[k : k + step] for k in range(0, len(attrs), step)]

    def _stacked(self, chunk: list[str]) -> pl.Series:
        """The cells of ``chunk``'s columns as one Series, column ``k`` at ``k * len(self)``."""
        if len(chunk) == 1:
            return self.frame[chunk[0]]
        return pl.concat([self.frame[c] for c in chunk], rechunk=True)

    def folded_rows(self, names: list[str], rows: pl.Series) -> dict[str, list[str | None]]:
        """The folded cells of ``rows`` (indexes), column by column; attribute columns
        are gathered and folded stacked, as in :meth:`folded_stacks`."""
        out: dict[str, list[str | None]] = {}
        attrs = [n for n in names if n.startswith(ATTR_PREFIX)]
        for name in names:
            if not name.startswith(ATTR_PREFIX):
                out[name] = self.folded_series(name).gather(rows).to_list()
        if not attrs:
            return out
        n = len(rows)
        cells = self.frame.select(attrs)[rows]
        stacked = fold_series(pl.concat([cells[c] for c in attrs], rechunk=True)).to_list()
        for k, name in enumerate(attrs):
            out[name] = stacked[k * n : (k + 1) * n]
        return out

    def split_cells(self, names: list[str]) -> dict[tuple[str, int], str]:
        """(column, row) -> clean text, for the few cells with a no-break space between
        two letters (a word split to slip past filters, or an honest ``&nbsp;`` between
        words: :mod:`listlint.text.joints` tells them apart by a family's vocabulary).
        Attribute columns are searched stacked, as in :meth:`folded_stacks`; cached per
        list of names."""
        key = "split:" + "\x00".join(names)
        if key in self._cache:
            return self._cache[key]
        texts = [n for n in names if n in self.frame.columns and self.frame[n].dtype == pl.Utf8]
        out: dict[tuple[str, int], str] = {}
        for chunk in self._chunks(texts):
            cells = self._stacked(chunk)
            mask = joint_cells(cells)
            if mask.any():
                found = cells.filter(mask).to_list()
                for cell, text in zip(self.stacked_cells(chunk, mask), found, strict=True):
                    out[cell] = text
        self._cache[key] = out
        return out

    def stacked_cells(self, chunk: list[str], hits: pl.Series) -> list[tuple[str, int]]:
        """(column, row) of each true in a mask over a :meth:`folded_stacks` chunk."""
        height = self.frame.height
        return [(chunk[i // height], i % height) for i in hits.arg_true().to_list()]

    def rows(self) -> list[int | None]:
        return self.values(ROW)

    def skus(self) -> list[str | None]:
        return self.values("sku")

    def sheets(self) -> list[str | None]:
        return self.values(SHEET)

    def groups(self) -> list[str | None]:
        return self.values(GROUP)

    def recs(self) -> list[int]:
        return self.values(REC)

    def attribute_columns(self) -> list[str]:
        return [c for c in self.frame.columns if c.startswith(ATTR_PREFIX)]

    def column_name(self, name: str) -> str | None:
        """The header the user sees for a canonical field or attribute column."""
        if name.startswith(ATTR_PREFIX):
            return name[len(ATTR_PREFIX) :]
        return self.columns.get(name)

    # -- shared readings --------------------------------------------------------------
    def is_cached(self, key: str) -> bool:
        """Has :meth:`cached` computed ``key`` for this batch already?"""
        return key in self._cache

    def cached(self, key: str, compute: Callable[[Batch], T]) -> T:
        """``compute(self)`` once per batch, by key: readings of the listings that do not
        depend on the rules or packs of the run (several families read them)."""
        if key not in self._cache:
            self._cache[key] = compute(self)
        return self._cache[key]
