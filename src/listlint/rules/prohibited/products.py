"""Evidence from what the listing *is*, beside the words it uses.

* **Medicines** (:mod:`~listlint.rules.prohibited.medicines`): a prescription or OTC
  medicine named and presented as one (dose form, strength, pack), in any of the spellings
  of ``rx_medicines.tsv`` and ``rx_spellings.tsv``.
* **Recalls** (:mod:`~listlint.rules.prohibited.recalls`): a recalled product by its model
  number, barcode or own name.
* **The listing's own category**: a category or product type the product analysis reads
  as a prohibited group (Google's "Tobacco Products > Electronic Cigarettes", "Alcoholic
  Beverages > Wine", "Mature > Erotic > Sex Toys", "Live Animals") is the seller's own
  statement of what is sold.

Candidates are found columnar (``str.contains_any`` over the folded title, product type and
attribute columns); only those rows are judged in Python.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import ahocorasick
import polars as pl

from listlint.batch import STACK_CELLS
from listlint.fields import ATTR_PREFIX
from listlint.product.head import path_segments
from listlint.rules.prohibited.medicines import MedicineIndex
from listlint.rules.prohibited.medicines import load_index as load_medicines
from listlint.rules.prohibited.prefilter import escape_literal
from listlint.rules.prohibited.recalls import RecallIndex
from listlint.rules.prohibited.recalls import load_index as load_recalls
from listlint.rules.prohibited.vocab import Term
from listlint.text.matcher import literal_automaton

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.product import ListingProduct, ProductAnalysis
    from listlint.rules.prohibited.evidence import TermHit

#: the product analysis' groups that are a prohibited category by themselves
GROUP_CATEGORY = {
    "vape_tobacco": "tobacco_nicotine",
    "alcohol": "alcohol",
    "adult": "adult",
    "live_animal": "live_animals",
}
#: where medicine names and recall models are looked for (descriptions only for candidates)
NAME_FIELDS = ("title", "product_type", "brand")
PRIMARY_WEIGHT = 2.0


@dataclass
class ProductEvidence:
    """The medicine and recall indexes of a run (built on first use: a run without
    candidate rows never reads the 14,000 medicine names)."""

    @cached_property
    def medicines(self) -> MedicineIndex:
        return load_medicines()

    @cached_property
    def recalls(self) -> RecallIndex:
        return load_recalls()

    @cached_property
    def medicine_names(self) -> list[str]:
        return self.medicines.names()

    @cached_property
    def recall_terms(self) -> list[str]:
        return self.recalls.terms()

    def candidates(self, batch: Batch) -> tuple[set[int], set[int]]:
        """Rows whose title, product type, brand or attribute columns hold a medicine
        name, and rows that hold a recall model or a recalled product's brand (substring
        level: the row analysis checks word boundaries); each set is judged by its own
        index only."""
        columns = [n for n in NAME_FIELDS if batch.has(n)]
        columns += [c for c in batch.attribute_columns() if batch.frame[c].dtype == pl.Utf8]
        medicines: set[int] = set()
        recalls: set[int] = set()
        for chunk, folded in _merged(batch, columns):
            # a catalogue repeats its titles and brands (a row per size and colour: 6,700
            # distinct titles in 50,000 generate.py rows), so each distinct value is
            # searched once, with an automaton built once per run (``contains_any``
            # builds its 14,000 names afresh on every call, ~15 ms)
            values = folded.unique().drop_nulls()
            automaton = self.medicine_automaton
            named = [v for v in values.to_list() if next(automaton.iter(v), None) is not None]
            mask = folded.is_in(pl.Series(named, dtype=pl.Utf8).implode()).fill_null(False)
            medicines.update(row for _, row in batch.stacked_cells(chunk, mask))
            # recall words are short brand words ("skil", "maxi"): whole words only, or
            # every "skillet" and "maximum" would be a candidate
            recalled = values.filter(values.str.contains(self.recall_regex).fill_null(False))
            mask = folded.is_in(recalled.implode()).fill_null(False)
            recalls.update(row for _, row in batch.stacked_cells(chunk, mask))
        return medicines, recalls

    @cached_property
    def medicine_automaton(self) -> ahocorasick.Automaton:
        """Every medicine name, for a substring test (as ``str.contains_any``)."""
        return literal_automaton(self.medicine_names)

    @cached_property
    def recall_regex(self) -> str:
        """The recall terms as one word-bounded alternation (a linear-time regex)."""
        alts = "|".join(re.escape(t) for t in sorted(self.recall_terms, key=len, reverse=True))
        return rf"(?:^|[^\p{{L}}\p{{N}}])(?:{alts})(?:[^\p{{L}}\p{{N}}]|$)"

    def medicine(
        self, fields: dict[str, str], product: ListingProduct, raw: dict[str, str]
    ) -> TermHit | None:
        from listlint.rules.prohibited.evidence import TermHit

        head = product.head if product.field == "title" else None
        found = self.medicines.judge(fields, product.group, head.start if head else None, raw)
        if found is None:
            return None
        term = Term(-1, fields[found.field][found.start : found.end], found.category, False,
                    None, "sourced", "wordlists/prohibited/rx_medicines.tsv")  # fmt: skip
        shown = ", ".join(f"'{p}'" for p in found.presentation)
        note = f"{found.reason}; presented as a medicine: {shown}"
        return TermHit(term, found.field, found.start, found.end, fields[found.field],
                       PRIMARY_WEIGHT, role="product", reason=found.reason, note=note)  # fmt: skip

    @cached_property
    def model_keys(self) -> list[str]:
        return self.recalls.model_keys()

    @cached_property
    def model_regex(self) -> str:
        """:attr:`model_keys` as one literal alternation: what ``contains_any`` finds, but
        compiled once per run on the family's thread (``contains_any`` builds its
        automaton on every call)."""
        return "|".join(escape_literal(k) for k in sorted(self.model_keys, key=len, reverse=True))

    def coded_cells(
        self, rows: list[int], cells: dict[str, list[str | None]], asked: Container[int]
    ) -> set[tuple[str, int]]:
        """The (field, row) cells of the ``asked`` rows that may hold a recalled model or a
        code (a model's letters, or a digit: every code has one), read columnar; the row's
        other cells cannot (a superset of what :meth:`RecallIndex.match` finds). ``cells``
        are the fields' folded texts of ``rows``, in ``rows`` order."""
        ks = [k for k, i in enumerate(rows) if i in asked]
        if not ks or not cells:
            return set()
        names = list(cells)
        stacked = pl.Series([cells[name][k] for name in names for k in ks], dtype=pl.Utf8)
        mask = stacked.str.contains(r"\d")
        if self.model_keys:
            mask = mask | stacked.str.contains(self.model_regex)
        n = len(ks)
        hits = mask.fill_null(False).arg_true().to_list()
        return {(names[j // n], rows[ks[j % n]]) for j in hits}

    def recall(
        self, fields: dict[str, str], gtin: str | None, coded: Container[str] | None = None
    ) -> TermHit | None:
        from listlint.rules.prohibited.evidence import TermHit

        found = self.recalls.match(fields, gtin, coded)
        if found is None:
            return None
        r = found.recall
        text = fields.get(found.field, "")
        quoted = text[found.start : found.end] if found.end else (gtin or "")
        how = {
            "model": f"model '{quoted}' is named in the recall",
            "barcode": f"barcode {quoted} is named in the recall",
            "name": "the recall names this product",
        }[found.evidence]
        term = Term(-1, quoted, "recalled_unsafe_products", False, None, "sourced", r.url)
        note = f"recalled: '{r.product}' ({how}); {r.cite()}"
        return TermHit(term, found.field, found.start, found.end, text, PRIMARY_WEIGHT,
                       role="product", reason=how, note=note)  # fmt: skip

    @staticmethod
    def group_rows(analysis: ProductAnalysis, rows: list[int]) -> set[int]:
        """Of ``rows``, those whose category or product type names a prohibited group
        (the only ones :meth:`group` can find), read columnar: most candidate rows need
        no per-row product at all."""
        if not rows:
            return set()
        wanted = list(GROUP_CATEGORY)
        groups = analysis.field_groups()[pl.Series(rows, dtype=pl.UInt32)]
        mask = groups["category_group"].is_in(wanted) | groups["type_group"].is_in(wanted)
        return {rows[k] for k in mask.fill_null(False).arg_true().to_list()}

    @staticmethod
    def group(product: ListingProduct, fields: dict[str, str]) -> TermHit | None:
        """The listing's own category or product type names a prohibited group: the
        seller's classification of what is sold (its last segment, not a sibling class
        further up the path)."""
        from listlint.rules.prohibited.evidence import TermHit

        for name, entry in (("category", product.category), ("product_type", product.product_type)):
            category = GROUP_CATEGORY.get((entry.group or "") if entry else "")
            text = fields.get(name)
            if category is None or not text or entry is None:
                continue
            segments = path_segments(text)
            if not segments:
                continue
            start, end = segments[-1]
            while start < end and text[start] == " ":
                start += 1
            while end > start and text[end - 1] == " ":
                end -= 1
            leaf = text[start:end]
            term = Term(-1, leaf, category, False, None, "sourced", "listlint.product")
            reason = f"the listing's own {name.replace('_', ' ')} '{leaf}' is {entry.type}"
            return TermHit(term, name, start, end, text, PRIMARY_WEIGHT, role="product",
                           reason=reason)  # fmt: skip
        return None


def _merged(batch: Batch, columns: list[str]) -> Iterator[tuple[list[str], pl.Series]]:
    """:meth:`Batch.folded_stacks` with consecutive chunks joined up to its size limit:
    each ``contains_any`` builds its automaton of 14,000 medicine names afresh (~15 ms),
    so title, brand and product type are searched in one pass, not three."""
    names: list[str] = []
    parts: list[pl.Series] = []
    for chunk, folded in batch.folded_stacks(columns):
        if parts and (len(names) + len(chunk)) * len(batch) > STACK_CELLS:
            yield names, pl.concat(parts)
            names, parts = [], []
        names += chunk
        parts.append(folded)
    if parts:
        yield names, pl.concat(parts) if len(parts) > 1 else parts[0]


def attribute_fields(names: list[str]) -> list[str]:
    return [n for n in names if n.startswith(ATTR_PREFIX)]
