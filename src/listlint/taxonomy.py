"""Map a catalogue's own category text onto listlint's category paths.

Sellers write categories every way: Google's taxonomy ("Apparel & Accessories >
Clothing > Shirts & Tops") or its numeric id ("1604") , Amazon browse paths ("Toys & Games
| Puzzles"), WooCommerce lists ("Clothing, Clothing > T-shirts"), Magento trees, a
Swedish shop's "Herrkläder", a Chinese template's "服装 > T恤". Policy packs key their
requirements by listlint's own paths (``Apparel > Clothing > Tops``), so each listing's
text is mapped once per batch and shared by every rule family (the engine's batch
context holds it: :attr:`listlint.rules.context.BatchContext.categories`)::

    matches = map_batch(batch)
    matches[i].path                          # "Apparel > Clothing > Tops" or None

Synonyms are data (``wordlists/specs/categories.tsv``, several languages). Matching runs
on folded text with one automaton per match kind, once per *unique* category text:

* ``word`` terms match whole words; ``compound`` terms may also end a word, because
  Swedish, German and Dutch glue words together ("Herrkläder", "Damenschuhe");
  ``substring`` terms are for scripts written without spaces;
* ``child`` terms ("Accessories") count only when another term of the same top-level
  category matched too — a bare "Accessories" could be for phones or for clothes;
* ``google-id`` terms are read only from a column whose header names Google (a shop's
  internal category id "2" is not Google's "Animals & Pet Supplies").

The most specific path wins; between equally specific ones, the later in the text
(breadcrumbs end with the leaf).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import polars as pl

from listlint.resources import table
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold

if TYPE_CHECKING:
    import polars as pl

    from listlint.batch import Batch
    from listlint.text.matcher import PhraseMatcher

#: fields read for a listing's category, in order (the first that maps wins)
CATEGORY_FIELDS = ("category", "product_type")


@dataclass(frozen=True, slots=True)
class CategoryMatch:
    """A listing's category: the mapped ``path`` (None when nothing matched), the field
    and seller text it came from, and the synonym (``term``) that decided it."""

    path: str | None
    field: str | None = None
    text: str | None = None
    term: str | None = None


def depth(path: str) -> int:
    return path.count(" > ") + 1


def root(path: str) -> str:
    return path.split(" > ", 1)[0]


def is_within(path: str | None, ancestor: str) -> bool:
    """True when ``path`` is ``ancestor`` or one of its descendants."""
    return bool(path) and (path == ancestor or path.startswith(ancestor + " > "))  # type: ignore[union-attr]


class Taxonomy:
    """Synonym matchers over folded category text (build once, reuse)."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        """From synonym rows (``path``, ``match`` kind, ``|``-separated ``terms``)."""
        self._build(
            (term.strip(), row["path"].strip(), row["match"].strip())
            for row in rows
            for term in row["terms"].split("|")
        )

    @classmethod
    def of_words(cls, pairs: Iterable[tuple[str, str]]) -> Taxonomy:
        """Whole-word synonyms ``(term, path)`` only: a policy pack's ``category_map``."""
        tax = cls.__new__(cls)
        tax._build((term, path.strip(), "word") for term, path in pairs)
        return tax

    def _build(self, entries: Iterable[tuple[str, str, str]]) -> None:
        by_kind: dict[str, list[tuple[str, tuple[str, str]]]] = {}
        self.google_ids: dict[str, str] = {}
        self.paths: set[str] = set()
        for term, path, kind in entries:
            self.paths.add(path)
            if not term:
                continue
            if kind == "google-id":
                self.google_ids[term] = path
            else:
                by_kind.setdefault(kind, []).append((term, (path, kind)))
        self._word: PhraseMatcher[tuple[str, str]] = PhraseMatcher(
            by_kind.get("word", []) + by_kind.get("child", [])
        )
        self._loose: PhraseMatcher[tuple[str, str]] = PhraseMatcher(
            by_kind.get("compound", []) + by_kind.get("substring", []), word_boundaries=False
        )
        self._memo: dict[tuple[str, bool], tuple[str, str] | None] = {}

    def map_text(self, text: str, *, google_ids: bool = False) -> tuple[str, str] | None:
        """(path, matched term) for one category text, or None."""
        key = (text, google_ids)
        if key not in self._memo:
            self._memo[key] = self._map(text, google_ids)
        return self._memo[key]

    def _map(self, text: str, google_ids: bool) -> tuple[str, str] | None:
        folded = fold(text)
        if google_ids:
            ids = [t.strip() for t in folded.replace(">", ",").split(",") if t.strip()]
            paths = [self.google_ids[i] for i in ids if i in self.google_ids]
            if paths:
                best = max(paths, key=depth)
                return best, next(i for i in ids if self.google_ids.get(i) == best)
        spans: list[tuple[int, int, str, str, str]] = []  # start, end, path, kind, term
        for m in self._word.iter(folded):
            spans.append((m.start, m.end, *m.payload, m.term))
        for m in self._loose.iter(folded):
            if m.payload[1] == "compound" and m.end < len(folded) and folded[m.end].isalnum():
                continue  # "kläder" may end "herrkläder" but not start "kläderna..."
            spans.append((m.start, m.end, *m.payload, m.term))
        # a term inside a longer one is not a match: "schuhe" in "handschuhe"
        found = [
            (path, kind, start, term)
            for start, end, path, kind, term in spans
            if not any(s <= start and end <= e and e - s > end - start for s, e, *_ in spans)
        ]
        roots = {root(p) for p, kind, _, _ in found if kind != "child"}
        # a child term counts under a top-level category the text names elsewhere, and
        # only when that choice is unique ("Clothing > Accessories", not "Accessories")
        child_roots: dict[int, set[str]] = {}
        for path, kind, start, _ in found:
            if kind == "child" and root(path) in roots:
                child_roots.setdefault(start, set()).add(root(path))
        usable = [
            (depth(path), start, path, term)
            for path, kind, start, term in found
            if kind != "child" or (root(path) in roots and len(child_roots[start]) == 1)
        ]
        if not usable:
            return None
        _, _, path, term = max(usable)
        return path, term


@cache
def default_taxonomy() -> Taxonomy:
    """The shipped synonyms (``wordlists/specs/categories.tsv``)."""

    return Taxonomy(table("specs/categories"))


def _google_column(batch: Batch, field: str) -> bool:
    header = batch.column_name(field) or ""
    return "google" in header.lower()


class CategoryColumn(list["CategoryMatch"]):
    """One :class:`CategoryMatch` per listing (a plain list to its readers), plus the
    columnar view: ``unique`` matches and, per listing, the position of its match in
    ``unique`` (``codes``), so rules can decide once per distinct category text."""

    def __init__(self, unique: list[CategoryMatch], codes: pl.Series) -> None:
        super().__init__([unique[k] for k in codes.to_list()])
        self.unique = unique
        self.codes = codes


def _match_one(tax: Taxonomy, cells: Iterable[tuple[str, str | None, bool]]) -> CategoryMatch:
    """The match of one listing from its (field, text, google column?) cells, in order."""
    first: tuple[str, str] | None = None
    for field, text, google in cells:
        if not text:
            continue
        first = first or (field, text)
        hit = tax.map_text(text, google_ids=google)
        if hit:
            return CategoryMatch(hit[0], field, text, hit[1])
    return CategoryMatch(None, *(first or (None, None)))


def map_batch(batch: Batch, taxonomy: Taxonomy | None = None) -> CategoryColumn:
    """One :class:`CategoryMatch` per listing of the batch (see module docstring),
    decided once per distinct combination of category cells and joined back."""

    tax = taxonomy or default_taxonomy()
    f = batch.frame
    present = [c for c in CATEGORY_FIELDS if c in f.columns]
    google = {c: _google_column(batch, c) for c in present}
    if not present:
        return CategoryColumn([CategoryMatch(None)], pl.Series([0] * f.height, dtype=pl.UInt32))
    keys = f.select(present)
    unique = keys.unique(maintain_order=True).with_row_index("__k")
    codes = (
        keys.with_row_index("__i")
        .join(unique, on=present, how="left", nulls_equal=True)
        .sort("__i")["__k"]
    )
    matches = [
        _match_one(tax, ((c, row[c], google[c]) for c in present))
        for row in unique.drop("__k").iter_rows(named=True)
    ]
    return CategoryColumn(matches, codes)
