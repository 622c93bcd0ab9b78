"""The ``specs`` family (required attributes, identifiers, listing text): what its
rules share.

No run-wide resources beyond the packs' ``specs:`` sections. Analysis (once per batch,
:class:`SpecsAnalysis`, each part computed on first use): which column holds each
attribute, each listing's category (the shared mapping with the packs' own
``category_map`` applied), parent rows, the GTIN readings (shared with the ip family),
distinct values of a text column, and the variant rules' phase-one frame.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from listlint.fields import ATTR_PREFIX, GROUP, REC, ROW, SHEET
from listlint.loader.columns import barcode_header
from listlint.policy.links import on_hosts
from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.family import Family, FamilyCatalogRule, FamilyRule
from listlint.rules.specs.attributes import AttributeColumns, pack_synonyms, suggestion_for
from listlint.rules.specs.policy import KEY, SpecsSection, specs_of
from listlint.rules.specs.variants import parent_mask, variant_partial
from listlint.taxonomy import CategoryColumn, CategoryMatch, Taxonomy

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.gtin import GtinColumn
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

SPEC_POLICY = "https://support.google.com/merchants/answer/7052112"


class SpecsFamily(Family["Taxonomy | None", "SpecsAnalysis"]):
    name: ClassVar[str] = "specs"
    section = (KEY, SpecsSection)

    def build(self) -> Taxonomy | None:
        """The packs' own category words (``specs.category_map``), if any."""
        pairs = [(k, v) for p in self.packs for k, v in specs_of(p).category_map.items()]
        return Taxonomy.of_words(pairs) if pairs else None

    def analyse(self, context: BatchContext) -> SpecsAnalysis:
        return SpecsAnalysis(context, self.packs, self.resources)


class SpecsAnalysis:
    """One batch as the specs rules see it; every part is computed on first use."""

    def __init__(
        self, context: BatchContext, packs: list[PolicyPack], category_map: Taxonomy | None
    ) -> None:
        self.context = context
        self.batch = context.batch
        self.packs = packs
        self.category_map = category_map
        self._distinct: dict[str, pl.Series] = {}

    @cached_property
    def attributes(self) -> AttributeColumns:
        synonyms, labels = pack_synonyms(specs_of(p) for p in self.packs)
        return AttributeColumns(self.batch, synonyms, labels)

    @cached_property
    def categories(self) -> CategoryColumn:
        """The shared category mapping, with the packs' own ``category_map`` applied."""
        shared = self.context.categories
        if self.category_map is None:
            return shared
        return _apply_category_map(shared, self.category_map)

    @cached_property
    def parent_mask(self) -> pl.Series:
        """Rows that describe a product, not a sellable variant (see
        :func:`~listlint.rules.specs.variants.parent_mask`)."""
        return parent_mask(self.batch)

    @cached_property
    def parents(self) -> list[bool]:
        return self.parent_mask.to_list()

    @property
    def gtin(self) -> GtinColumn:
        return self.context.gtin

    @cached_property
    def barcodes(self) -> list[tuple[str, GtinColumn]]:
        """(header, readings) of each barcode column past the GTIN field's first (a
        PrestaShop UPC beside its EAN13, a second "UPC" column in a generic file: see
        :func:`~listlint.loader.columns.barcode_header`). A cell equal to the listing's
        GTIN is left out: the GTIN rules read it there already."""
        from listlint.gtin import read_series

        frame = self.batch.frame
        gtin = (
            frame["gtin"].str.strip_chars()
            if "gtin" in frame.columns and frame["gtin"].dtype == pl.Utf8
            else pl.repeat(None, frame.height, dtype=pl.Utf8, eager=True)
        )
        out = []
        for name in self.batch.attribute_columns():
            header = name[len(ATTR_PREFIX) :]
            if not barcode_header(header) or frame[name].null_count() == frame.height:
                continue
            cells = frame[name].cast(pl.Utf8, strict=False)
            # compared as text: a number-typed column (a frame) reads as its digits
            same = (cells.str.strip_chars() == gtin).fill_null(False)
            out.append(
                (
                    header,
                    read_series(pl.select(pl.when(same).then(None).otherwise(cells)).to_series()),
                )
            )
        return out

    def distinct(self, field: str) -> pl.Series:
        """The distinct non-blank values of a text column (titles repeat across variants)."""
        if field not in self._distinct:
            self._distinct[field] = self.batch.frame[field].drop_nulls().unique()
        return self._distinct[field]

    @cached_property
    def variants(self) -> pl.DataFrame | None:
        """Phase one of both variant rules (SP105, SP106): one frame per batch."""
        names = list(dict.fromkeys(n for p in self.packs for n in specs_of(p).variation_attributes))
        return variant_partial(self.batch, self.attributes, names, self.parent_mask)


class _SpecsShared:
    """Links and wording every specs rule shares (mixed into both rule bases)."""

    family: SpecsFamily
    policy_url: ClassVar[str | None]
    #: the ``specs`` subsection whose page states this rule ("text", "identifiers"):
    #: its ``policy_url``/``source`` are the first candidates for the link
    link_from: ClassVar[str] = ""

    @property
    def packs(self) -> list[PolicyPack]:
        return self.family.packs

    def pack_link(self, pack: PolicyPack, *candidates: str | None) -> str | None:
        """``pack``'s own page among ``candidates`` (most specific first), the rule's
        subsection page, the rule's default and the pack's ``specs.policy_url``: never a
        page of another marketplace or a third party (see :mod:`listlint.policy.links`)."""
        section = specs_of(pack)
        sub = getattr(section, self.link_from, None) if self.link_from else None
        own = (sub.policy_url, sub.source) if sub is not None else ()
        found = self.family.link(pack, *candidates, *own, self.policy_url, section.policy_url)
        return found or self.policy_url

    def default_policy(self, hit: Hit | None = None) -> str | None:
        """A hit without a link of its own links the page of the first marketplace it
        names (else the first selected pack's)."""
        links: dict[str, str | None] = self.__dict__.setdefault("_links", {})
        packs = self.packs
        if not packs:
            return self.policy_url
        named = hit.marketplaces[0] if hit is not None and hit.marketplaces else None
        pack = next((p for p in packs if p.label == named), packs[0])
        if pack.name not in links:
            links[pack.name] = self.pack_link(pack)
        return links[pack.name]

    def missing_hit(
        self,
        attrs: AttributeColumns,
        attr: str,
        i: int,
        why: str,
        packs: list[PolicyPack],
        **extra: Any,
    ) -> Hit:
        """A finding for attribute ``attr`` missing on listing ``i``. ``why`` is the
        message with ``{label}`` and ``{absent}`` (plain text replacement, so seller
        text with braces is safe); names the column, or says the file has none."""
        label = attrs.label(attr)
        column = attrs.column(attr)
        # options routed from Shopify/WooCommerce attribute pairs have no header of
        # their own, but the file does carry the attribute
        absent = "" if column else f" (this file has no {label} column)"
        extra.setdefault("suggestion", suggestion_for(attr, label))
        extra.setdefault("severity", self.severity_of(packs))
        return Hit(
            message=why.replace("{label}", label).replace("{absent}", absent),
            index=i,
            field=attr if column == attr else None,
            column=attrs.header(attr) or label,
            marketplaces=tuple(p.label for p in packs),
            **extra,
        )

    @staticmethod
    def severity_of(packs: list[PolicyPack]) -> Severity | None:
        """The strictest ``missing_severity`` among the packs that ask for something."""
        levels = [s for p in packs if (s := specs_of(p).missing_severity) is not None]
        return max(levels, key=lambda s: s.rank) if levels else None

    @staticmethod
    def baseline_note(packs: list[PolicyPack]) -> str:
        """A note for limits a marketplace pack only inherits from the baseline (its text
        limits cite another marketplace's page): the number is listlint's, not theirs."""
        borrowed = [
            p.label
            for p in packs
            if p.extends and not on_hosts(specs_of(p).text.source, p.links.domains)
        ]
        if not borrowed:
            return ""
        return f" (listlint's baseline: the {', '.join(borrowed)} pack has no limit of its own)"

    @staticmethod
    def names(packs: list[PolicyPack]) -> str:
        labels = [p.label for p in packs]
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


class SpecsRule(_SpecsShared, FamilyRule[SpecsFamily, SpecsAnalysis]):
    """Base of the per-batch specs rules."""

    group: ClassVar[str] = "specs"
    family_type: ClassVar[type[Family[Any, Any]]] = SpecsFamily
    policy_url: ClassVar[str | None] = SPEC_POLICY


class SpecsCatalogRule(_SpecsShared, FamilyCatalogRule[SpecsFamily, SpecsAnalysis]):
    """Base of the catalogue-level specs rules (two-phase)."""

    group: ClassVar[str] = "specs"
    family_type: ClassVar[type[Family[Any, Any]]] = SpecsFamily
    policy_url: ClassVar[str | None] = SPEC_POLICY


def pack_applies(pack: PolicyPack, names: set[str]) -> bool:
    """Is this pack (or a pack it extends) one of ``names``? Empty ``names`` = every pack."""
    return not names or pack.name in names or bool(names & set(pack.extends))


def located_rows(
    batch: Batch, idx: list[int] | pl.Series, **columns: list[Any] | pl.Series
) -> pl.DataFrame:
    """Phase-one frame of catalogue rules: record, row, sheet, group and SKU of the
    listings at positions ``idx``, plus ``columns`` (one value per position)."""
    f = batch.frame
    n = len(idx)
    sku = (
        f["sku"].gather(idx).cast(pl.Utf8)
        if "sku" in f.columns
        else pl.Series([None] * n, dtype=pl.Utf8)
    )
    return pl.DataFrame(
        {
            REC: f[REC].gather(idx),
            ROW: f[ROW].gather(idx),
            SHEET: f[SHEET].gather(idx),
            GROUP: f[GROUP].gather(idx) if GROUP in f.columns else [None] * n,
            "sku": sku.alias("sku"),
            **{k: pl.Series(k, v, dtype=pl.Utf8) for k, v in columns.items()},
        },
        schema_overrides={SHEET: pl.Utf8, GROUP: pl.Utf8},
    )


def _apply_category_map(shared: CategoryColumn, words: Taxonomy) -> CategoryColumn:
    """The packs' own category words, applied once per distinct category match (the
    taxonomy's own matching: the most specific path wins, then the later in the text)."""
    memo: dict[str, CategoryMatch | None] = {}
    unique = []
    for m in shared.unique:
        if m.text and m.text not in memo:
            hit = words.map_text(m.text)
            memo[m.text] = CategoryMatch(hit[0], m.field, m.text, hit[1]) if hit else None
        unique.append((memo.get(m.text) if m.text else None) or m)
    return CategoryColumn(unique, shared.codes)
