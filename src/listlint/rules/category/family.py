"""The ``category`` family (issue 23): what its rules share.

Resources: the taxonomies the selected packs read (Google's, :mod:`.taxonomy`) and the
product groups that may share categories (``wordlists/category/compatible_groups.tsv``).
Analysis (once per batch): each distinct category text read once, against the taxonomy
(when its column names it) and for the product group it names; per listing, the group
its title names (:mod:`listlint.product`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from listlint.batch import Batch
from listlint.product import ProductAnalysis
from listlint.product.analysis import CACHE_KEY as PRODUCT_KEY
from listlint.product.analysis import analyse_columns, product_analysis
from listlint.product.confidence import confident_heads
from listlint.product.head import category_type
from listlint.product.lexicon import lexicon
from listlint.resources import table
from listlint.rules.category.policy import KEY, KNOWN_TAXONOMIES, CategorySection
from listlint.rules.category.taxonomy import GoogleTaxonomy, Resolution, google_taxonomy
from listlint.rules.family import Family, FamilyRule
from listlint.text.normalize import fold

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

DOCS = "https://github.com/listlint/listlint#categories-category"
#: several categories in one cell: WooCommerce "A, B > C", Magento lines, "A; B", "A | B"
_MULTI = re.compile(r"\s*(?:,|;|\n|\|)\s*")


def category_of(pack: PolicyPack) -> CategorySection:
    section = getattr(pack, KEY, None)
    return section if isinstance(section, CategorySection) else CategorySection()


@dataclass(frozen=True)
class Settings:
    taxonomies: frozenset[str]
    mismatch: bool
    compatible: frozenset[frozenset[str]]


def names_taxonomy(header: str | None, taxonomy: str) -> bool:
    """True when a column header says its values are ``taxonomy``'s ("Google Shopping /
    Google Product Category", "google_product_category")."""
    h = (header or "").lower()
    return "categ" in h and any(w in h for w in KNOWN_TAXONOMIES[taxonomy])


class CategoryAnalysis:
    def __init__(self, batch: Batch, cfg: Settings, tax: GoogleTaxonomy) -> None:
        self.batch = batch
        self.cfg = cfg
        self.tax = tax

    @cached_property
    def google_column(self) -> bool:
        """The category column names Google's taxonomy and a selected pack reads it."""
        return "google" in self.cfg.taxonomies and names_taxonomy(
            self.batch.column_name("category"), "google"
        )

    @cached_property
    def resolutions(self) -> dict[str, Resolution]:
        """Each distinct category text of a Google-named column, against the taxonomy."""
        if not self.google_column or "category" not in self.batch.frame.columns:
            return {}
        values = self.batch.frame["category"].drop_nulls().unique().to_list()
        return {v: self.tax.resolve(v) for v in values}

    @cached_property
    def category_groups(self) -> pl.Series:
        """Per listing, the product groups its category names confidently (list; empty
        where none): a Google id or path (the group of its subtree), else a leaf segment
        that is itself a type noun ("Food > Snacks"; not "Nuts & Seeds")."""
        f = self.batch.frame
        if "category" not in f.columns:
            return pl.Series("g", [[]] * f.height, dtype=pl.List(pl.Utf8))
        values = f["category"].drop_nulls().unique().to_list()
        table_ = {v: sorted(self._groups(v)) for v in values}
        keys = list(table_)
        return f["category"].replace_strict(
            keys, [table_[k] for k in keys], default=[], return_dtype=pl.List(pl.Utf8)
        )

    def _groups(self, value: str) -> set[str]:
        lex = lexicon()
        out: set[str] = set()
        # one path, or several categories in one cell (WooCommerce "A, B > C"): a whole
        # value Google knows is one path even with commas ("Food, Beverages & Tobacco")
        whole = self.tax.resolve(value).gid is not None and not value.strip().isdigit()
        parts = [value] if self.google_column or whole else [p for p in _MULTI.split(value) if p]
        for part in parts:
            if part.strip().isdigit():
                entry = lex.google_ids.get(part.strip()) if self.google_column else None
                if entry and entry.group:
                    out.add(entry.group)
                continue
            res = self.tax.resolve(part)
            if res.gid is not None:
                entry = lex.google_ids.get(res.gid)
                if entry and entry.group:
                    out.add(entry.group)
                continue
            # a seller's own category is read only as a path ("Food > Snacks"): a lone
            # "PRE-WORKOUT" or "Gifts" is a shop section, not a statement of product type
            if len([s for s in re.split(r"\s*(?:>|/|»)\s*", part) if s.strip()]) < 2:
                continue
            found = category_type(fold(part), lex)
            if found and found.leaf and lex.entry(found.segment) is not None:
                if not re.search(r"[&/,]| and | y | et | und ", found.segment):
                    out.add(found.entry.group)
        return out

    def titles(self, rows: pl.Series) -> tuple[pl.Series, pl.Series]:
        """For the listings at ``rows`` (positions): the group the title's head noun names
        when no product-type column names another (null: not known confidently), and
        whether that head noun is trusted (:mod:`listlint.product.confidence`).

        When the rule's candidates are a quarter of the batch or more (200k text-heavy
        listings: 41%), or another family made it already, the batch's shared product
        analysis answers, read at ``rows``: prohibited, which asks later whenever it has
        candidate rows, then reuses it. Otherwise the analysis is made for
        these listings only: the candidates (categories that name a product group) are
        often few. Each listing's answer depends on its own texts only, so both ways
        agree row for row."""
        b = self.batch
        if b.is_cached(PRODUCT_KEY) or 4 * rows.len() >= b.frame.height:
            pa = product_analysis(b)
            titles = b.folded_series("title")
            groups_all = pa.field_groups()[rows]
            trusted = confident_heads(pa, titles, rows)
        else:
            folded = {
                f: b.folded_series(f).gather(rows) for f in ("title", "product_type", "category")
            }
            frame, entries = analyse_columns(
                folded["title"], folded["product_type"], folded["category"]
            )
            # only the columnar part is read here (groups, heads); roles are never asked
            pa = ProductAnalysis(frame, entries, lambda f, i: None, lambda f, i: None, lexicon())
            groups_all = pa.field_groups()
            trusted = confident_heads(pa, folded["title"])
        groups = groups_all.select(
            pl.when(
                pl.col("type_group").is_null() | (pl.col("type_group") == pl.col("title_group"))
            )
            .then(pl.col("title_group"))
            .alias("title_group")
        )
        return groups.to_series(), trusted


class CategoryFamily(Family[Settings, CategoryAnalysis]):
    name: ClassVar[str] = "category"
    section = (KEY, CategorySection)

    def build(self) -> Settings:
        packs = self.packs
        sections = [category_of(p) for p in packs] or [CategorySection()]
        pairs = frozenset(
            frozenset((r["group_a"], r["group_b"])) for r in table("category/compatible_groups")
        )
        return Settings(
            frozenset(t for s in sections for t in s.taxonomies),
            any(s.mismatch for s in sections),
            pairs,
        )

    def analyse(self, context: BatchContext) -> CategoryAnalysis:
        return CategoryAnalysis(context.batch, self.resources, google_taxonomy())

    @cached_property
    def default_link(self) -> str:
        return self.first_link(lambda p: (category_of(p).policy_url,)) or DOCS


class CategoryRule(FamilyRule[CategoryFamily, CategoryAnalysis]):
    """Base of the category rules (not registered itself)."""

    group: ClassVar[str] = "category"
    family_type: ClassVar[type[Family[Any, Any]]] = CategoryFamily
    fields: ClassVar[tuple[str, ...]] = ("category",)
    policy_url = DOCS

    @property
    def cfg(self) -> Settings:
        return self.family.resources

    def link(self) -> str:
        return self.family.default_link
