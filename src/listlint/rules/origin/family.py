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

import polars as pl

from listlint.rules import textscan
from listlint.rules.base import Hit
from listlint.rules.family import Family
from listlint.rules.marketplace import names, strictest
from listlint.rules.origin import detect
from listlint.rules.origin.policy import KEY, OriginSection, origin_of
from listlint.rules.origin.vocab import OWNER, Vocab, build
from listlint.rules.textscan import FIELDS, TextRule, read_cells
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.context import BatchContext

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
        for cell in read_cells(self.batch, FIELDS, self._candidates):
            for c in detect.claims(cell.folded, self.vocab):
                by_row.setdefault(cell.index, []).append(
                    (cell.field, c, cell.quote(c.start, c.end))
                )
        return [Stated(i, tuple(v)) for i, v in sorted(by_row.items())]

    def _candidates(self, batch: Batch, field: str) -> list[int]:
        """Cells holding a cue: ASCII cues through the scan the text families share,
        the others only in cells with a non-ASCII character."""
        text = batch.folded_series(field)
        # again here: a vocabulary built in another process (a worker) registered there
        textscan.register(OWNER, self.vocab.scan)
        rows = textscan.rows(batch, field, OWNER)
        if len(rows):
            rows = rows.filter(self._named(text.gather(rows)))
        hit = pl.Series(field, [False] * len(text)).scatter(rows, True)
        dense = self.vocab.dense_keys
        if dense:
            wide = non_ascii(text).fill_null(False)
            if wide.any():
                hit = hit | (wide & text.str.contains_any(dense).fill_null(False))
        return hit.arg_true().to_list()

    def _named(self, text: pl.Series) -> pl.Series:
        """Cells with a cue other than a bare "made", or a "made" after a word that ends
        a country name ("USA-made", "Japan made"; not "hand made", "well-made")."""
        vocab = self.vocab
        strong = (
            text.str.contains(vocab.strong)
            if vocab.strong
            else pl.Series(text.name, [False] * len(text), dtype=pl.Boolean)
        )
        ends = pl.Series(sorted(vocab.name_ends), dtype=pl.Utf8)
        words = (
            text.str.extract_all(vocab.before_word)
            .list.eval(
                pl.element()
                .str.extract(vocab.before_word, 1)
                .str.replace_all(r"[.,;:()\[\]\"']", "")
                .is_in(ends.implode())
            )
            .list.any()
        )
        return (strong.fill_null(False) | words.fill_null(False)).alias(text.name)

    @cached_property
    def values(self) -> dict[int, str | None]:
        """The origin column's cell of each listing with a claim (for messages)."""
        return self._for_stated(ORIGIN, lambda v: v, None)

    @cached_property
    def origins(self) -> dict[int, frozenset[str]]:
        """For each listing with a claim, the countries its origin column names (empty:
        none or unread)."""
        codes = lambda v: detect.column_codes(v, self.vocab)  # noqa: E731
        return self._for_stated(ORIGIN, codes, frozenset())

    @cached_property
    def addresses(self) -> dict[int, str | None]:
        """For each listing with a claim, the country its manufacturer's address ends with."""
        country = lambda v: detect.address_country(v, self.vocab)  # noqa: E731
        return self._for_stated(ADDRESS, country, None)

    def _for_stated(self, field: str, read: Any, empty: Any) -> dict[int, Any]:
        """``read`` of the ``field`` cell of each listing with a claim, once per distinct
        value: only those rows are taken out of the column (a batch of a million
        listings with an origin column and no claim costs nothing here)."""
        rows = [s.index for s in self.stated]
        if not rows or not self.batch.has(field):
            return dict.fromkeys(rows, empty)
        cells = self.batch.frame[field].gather(rows).to_list()
        seen: dict[str, Any] = {}
        out: dict[int, Any] = {}
        for i, v in zip(rows, cells, strict=True):
            if not v:
                out[i] = empty
                continue
            if v not in seen:
                seen[v] = read(v)
            out[i] = seen[v]
        return out


class OriginRule(TextRule[OriginFamily, OriginAnalysis]):
    """Base of the origin rules: severity and marketplaces from the packs, links."""

    group: ClassVar[str] = "origin"
    family_type: ClassVar[type[Family[Any, Any]]] = OriginFamily
    policy_url: ClassVar[str | None] = POLICY
    fields: ClassVar[tuple[str, ...]] = (ORIGIN, ADDRESS)
    section_of = staticmethod(origin_of)

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
