"""What every ``specs`` rule shares: the packs' ``specs:`` sections, attribute columns,
category matches and how marketplaces are named in findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from listlint.fields import GROUP, REC, ROW, SHEET
from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.specs.attributes import AttributeColumns, pack_synonyms, suggestion_for

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack
    from listlint.taxonomy import CategoryColumn

SPEC_POLICY = "https://support.google.com/merchants/answer/7052112"


class SpecsRule(Rule):
    group: ClassVar[str] = "specs"
    policy_url: ClassVar[str | None] = SPEC_POLICY

    @property
    def packs(self) -> list[PolicyPack]:
        return list(self.ctx.policies)

    #: the ``specs`` subsection whose page states this rule ("text", "identifiers"):
    #: its ``policy_url``/``source`` are the first candidates for the link
    link_from: ClassVar[str] = ""

    def pack_link(self, pack: PolicyPack, *candidates: str | None) -> str | None:
        """``pack``'s own page among ``candidates`` (most specific first), the rule's
        subsection page, the rule's default and the pack's ``specs.policy_url``: never a
        page of another marketplace or a third party (see :mod:`listlint.policy.links`)."""
        from listlint.policy.links import official_link

        sub = getattr(pack.specs, self.link_from, None) if self.link_from else None
        own = (sub.policy_url, sub.source) if sub is not None else ()
        found = official_link(pack, *candidates, *own, self.policy_url, pack.specs.policy_url)
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

    def attributes(self, batch: Batch) -> AttributeColumns:
        def build(b: Batch) -> AttributeColumns:
            synonyms, labels = pack_synonyms(p.specs for p in self.packs)
            return AttributeColumns(b, synonyms, labels)

        key = "specs:attributes:" + ",".join(p.name for p in self.packs)
        return batch.cached(key, build)

    def categories(self, batch: Batch) -> CategoryColumn:
        """The shared category mapping, with the packs' own ``category_map`` applied."""
        from listlint.taxonomy import batch_categories

        shared = batch_categories(batch)
        pairs = [(k, v) for p in self.packs for k, v in p.specs.category_map.items()]
        if not pairs:
            return shared
        key = "specs:categories:" + ",".join(p.name for p in self.packs)
        return batch.cached(key, lambda b: _apply_category_map(shared, pairs))

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
        levels = [p.specs.missing_severity for p in packs if p.specs.missing_severity]
        return max(levels, key=lambda s: s.rank) if levels else None

    @staticmethod
    def baseline_note(packs: list[PolicyPack]) -> str:
        """A note for limits a marketplace pack only inherits from the baseline (its text
        limits cite another marketplace's page): the number is listlint's, not theirs."""
        from listlint.policy.links import on_hosts

        borrowed = [
            p.label
            for p in packs
            if p.extends and not on_hosts(p.specs.text.source, p.links.domains)
        ]
        if not borrowed:
            return ""
        return f" (listlint's baseline: the {', '.join(borrowed)} pack has no limit of its own)"

    @staticmethod
    def names(packs: list[PolicyPack]) -> str:
        labels = [p.label for p in packs]
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


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


def _apply_category_map(shared: CategoryColumn, pairs: list[tuple[str, str]]) -> CategoryColumn:
    """The pack's own category words, applied once per distinct category match."""
    from listlint.taxonomy import CategoryColumn, CategoryMatch
    from listlint.text.matcher import PhraseMatcher
    from listlint.text.normalize import fold

    matcher: PhraseMatcher[str] = PhraseMatcher(pairs)
    memo: dict[str, CategoryMatch | None] = {}
    unique = []
    for m in shared.unique:
        if m.text and m.text not in memo:
            hits = matcher.longest(fold(m.text))
            best = max(hits, key=lambda h: (h.payload.count(" > "), h.start), default=None)
            memo[m.text] = CategoryMatch(best.payload, m.field, m.text, best.term) if best else None
        unique.append((memo.get(m.text) if m.text else None) or m)
    return CategoryColumn(unique, shared.codes)
