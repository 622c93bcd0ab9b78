"""The ``origin`` family (origin claims against the listing's own data): what its rules
share.

Resources, once per rule set: the vocabulary (:mod:`.vocab`). Analysis, once per batch
(:class:`OriginAnalysis`), and only when the batch has evidence to hold a claim against
(a country-of-origin or a manufacturer-address column): the origin claims of the cells
whose folded text holds a cue, the countries each distinct origin value names, and the
country each distinct address ends with.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from listlint.rules.base import Hit
from listlint.rules.family import Family, FamilyRule
from listlint.rules.marketplace import first_named_link, names, strictest
from listlint.rules.origin import detect
from listlint.rules.origin.policy import KEY, OriginSection, origin_of
from listlint.rules.origin.vocab import Vocab, build
from listlint.text.spans import fold_map
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

FIELDS = ("title", "description", "bullets")
ORIGIN = "country_of_origin"
ADDRESS = "manufacturer_address"
POLICY = "https://www.ecfr.gov/current/title-16/chapter-I/subchapter-B/part-323"


class OriginFamily(Family[Vocab, "OriginAnalysis"]):
    name: ClassVar[str] = "origin"
    section = (KEY, OriginSection)

    def build(self) -> Vocab:
        return build()

    def analyse(self, context: BatchContext) -> OriginAnalysis:
        return OriginAnalysis(context.batch, self.resources)


@dataclass(frozen=True, slots=True)
class Stated:
    """The origin claims of one listing, with where the first of each came from."""

    index: int
    claims: tuple[tuple[str, detect.OriginClaim, str], ...]  # (field, claim, quote)


class OriginAnalysis:
    def __init__(self, batch: Batch, vocab: Vocab) -> None:
        self.batch = batch
        self.vocab = vocab

    @property
    def has_evidence(self) -> bool:
        return self.batch.has(ORIGIN) or self.batch.has(ADDRESS)

    @cached_property
    def stated(self) -> list[Stated]:
        """Listings whose text claims an origin (empty without evidence to check it)."""
        if not self.has_evidence:
            return []
        by_row: dict[int, list[tuple[str, detect.OriginClaim, str]]] = {}
        keys = self.vocab.keys
        ascii_keys = [k for k in keys if k.isascii()]
        dense = [k for k in keys if not k.isascii()]
        for field in FIELDS:
            if not self.batch.has(field):
                continue
            text = self.batch.folded_series(field)
            hit = text.str.contains_any(ascii_keys)
            if dense:
                hit = hit | (non_ascii(text).fill_null(False) & text.str.contains_any(dense))
            rows = hit.fill_null(False).arg_true().to_list()
            raws = self.batch.frame[field].gather(rows).to_list()
            for i, raw in zip(rows, raws, strict=True):
                if not raw:
                    continue
                folded, index = fold_map(raw)
                for c in detect.claims(folded, self.vocab):
                    quote = raw[index[c.start] : index[c.end - 1] + 1] if index else raw
                    by_row.setdefault(i, []).append((field, c, quote))
        return [Stated(i, tuple(v)) for i, v in sorted(by_row.items())]

    @cached_property
    def origins(self) -> list[frozenset[str]]:
        """Per listing, the countries its origin column names (empty: none or unread)."""
        return self._per_distinct(ORIGIN, lambda v: detect.column_codes(v, self.vocab))

    @cached_property
    def addresses(self) -> list[str | None]:
        """Per listing, the country its manufacturer's address ends with."""
        return self._per_distinct(ADDRESS, lambda v: detect.address_country(v, self.vocab))

    def _per_distinct(self, field: str, read: Any) -> list[Any]:
        values = self.batch.values(field)
        seen: dict[str, Any] = {}
        out: list[Any] = []
        for v in values:
            if not v:
                out.append(None)
                continue
            if v not in seen:
                seen[v] = read(v)
            out.append(seen[v])
        return out


class OriginRule(FamilyRule[OriginFamily, OriginAnalysis]):
    """Base of the origin rules: severity and marketplaces from the packs, links."""

    group: ClassVar[str] = "origin"
    family_type: ClassVar[type[Family[Any, Any]]] = OriginFamily
    policy_url: ClassVar[str | None] = POLICY
    fields = (ORIGIN, ADDRESS)

    @property
    def packs(self) -> list[PolicyPack]:
        return self.family.packs

    def hit(
        self, stated: Stated, claim: tuple[str, detect.OriginClaim, str], message: str, fix: str
    ) -> Hit:
        field, _, quote = claim
        severity, named = strictest(self.packs, self.code, self.severity)
        if named:
            message += (
                f" ({names(named)} {'rejects' if len(named) == 1 else 'reject'} misstated origins)"
            )
        return Hit(
            message=message,
            index=stated.index,
            field=field,
            match=quote,
            suggestion=fix,
            severity=severity if self.packs else None,
            marketplaces=named,
        )

    def default_policy(self, hit: Hit | None = None) -> str | None:
        def link(pack: PolicyPack) -> str | None:
            section = origin_of(pack)
            return self.family.link(pack, section.policy_url, section.source, self.policy_url)

        return first_named_link(self.packs, hit, link, self.policy_url)
