"""Per-batch brand analysis shared by the ``ip`` rules (:mod:`listlint.rules.ip.family`).

Shape (STYLE.md): counterfeit phrases and exact brand names are found with automata on
the rows a polars ``contains_any`` prefilter selected; lookalike spellings are found by
scoring the batch's UNIQUE title vocabulary once (:mod:`listlint.rules.ip.lookalike`), then
joining the few hit tokens back to rows, where context decides the weak ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

from listlint.rules.ip.brand_column import column_lookalikes
from listlint.rules.ip.index import BrandIndex, Name
from listlint.rules.ip.lookalike import (
    STRONG,
    TOKEN_RE,
    WordHit,
    multi_match,
    single_grade,
    split_names,
    vocabulary_hits,
)
from listlint.rules.ip.nominative import is_nominative
from listlint.rules.ip.signals import WEAK_WINDOW, Signal, SignalMatcher
from listlint.rules.ip.substitution import swapped_names
from listlint.text.confusables import is_mixed_script, skeleton
from listlint.text.deobfuscate import collapse_spacing

if TYPE_CHECKING:
    from listlint.batch import Batch

_SPACED = r"(?:^|[^a-z])(?:[a-z][ .\-_*·•]){2,}[a-z](?:$|[^a-z])"
#: comparison words that name a brand they are not ("inspired", "style"): eBay brand misuse
_COMPARISON = r"\b(?:inspired|style)\b"
#: what may surround a name that stands alone as a title (quotes, dashes, brackets)
_OUTSIDE = re.compile(r"[\W_]+")


@dataclass(slots=True)
class Mention:
    name: Name
    field: str
    start: int
    end: int
    source: str  # the whole folded field the mention was found in
    disguise: str | None = None  # why it is a lookalike; None = plain brand spelling
    _nominative: bool | None = None

    @property
    def text(self) -> str:
        """The folded text as written."""
        return self.source[self.start : self.end]

    @property
    def nominative(self) -> bool:
        """Named as what the item fits ("case for iPhone"); decided on first use only, as
        most mentions are dropped before any rule asks."""
        if self._nominative is None:
            self._nominative = is_nominative(self.source, self.start, self.end, self.name)
        return self._nominative


@dataclass(slots=True)
class RowEvidence:
    mentions: list[Mention] = field(default_factory=list)
    signals: list[tuple[Signal, str, int, int]] = field(default_factory=list)  # signal, field, span
    mixed_script: list[str] = field(default_factory=list)


def _mention(name: Name, fname: str, text: str, s: int, e: int, disguise: str | None) -> Mention:
    return Mention(name, fname, s, e, text, disguise)


def _exact_mentions(index: BrandIndex, fname: str, text: str, cjk: bool = True) -> list[Mention]:
    found = [*index.exact.longest(text), *(index.exact_cjk.iter(text) if cjk else ())]
    return [
        _mention(
            m.payload,
            fname,
            text,
            m.start,
            m.end,
            "known lookalike name" if m.payload.is_lookalike else None,
        )
        for m in found
    ]


class _Context:
    """What a row says about itself: its category groups and counterfeit wording, the
    support a weak lookalike ("Nikey", "Hugo Bass") needs."""

    def __init__(self, batch: Batch, index: BrandIndex, out: dict[int, RowEvidence]) -> None:
        self.index, self.out = index, out
        self.cats = batch.folded_series("category")
        self.titles = batch.folded("title")
        self.brand_col = batch.frame.get_column("brand") if batch.has("brand") else None

    def claims(self, i: int, name: Name) -> bool:
        """The brand column names this brand: the seller says the goods are theirs."""
        col = self.brand_col[i] if self.brand_col is not None else None
        return self.index.matches_brand(name.brand, col)

    def supports(self, i: int, name: Name) -> bool:
        ev = self.out.get(i)
        if ev is not None and any(s.strength in ("strong", "medium") for s, *_ in ev.signals):
            return True
        # the listing names the same brand otherwise: a model ("Rolexx Datejust")
        if ev is not None and any(m.name.brand is name.brand for m in ev.mentions):
            return True
        text = " ".join(t for t in (self.cats[i], self.titles[i]) if t)
        return bool(name.brand.groups & self.index.groups_of(text))


def _lookalikes(
    batch: Batch,
    index: BrandIndex,
    titles: list[str | None],
    title_s: pl.Series,
    row: Callable[[int], RowEvidence],
    ctx: _Context,
) -> None:
    """Lookalike spellings: the unique vocabulary once, then join back to rows."""
    for i, name, start, end, grade in split_names(index, titles, title_s):
        if grade == STRONG or ctx.supports(i, name):
            row(i).mentions.append(
                _mention(name, "title", titles[i] or "", start, end, "brand name split in two")
            )
    spaced = title_s.str.contains(_SPACED).fill_null(False)
    work = {i: collapse_spacing(titles[i] or "") for i in spaced.arg_true().to_list()}
    # the vocabulary of the distinct titles (variants repeat theirs)
    tok_lists = title_s.drop_nulls().unique().str.extract_all(TOKEN_RE.pattern)
    vocab = tok_lists.explode().drop_nulls().unique().to_list()
    extra = {t for text in work.values() for t in TOKEN_RE.findall(text)}
    hits = vocabulary_hits(index, sorted(set(vocab) | extra))
    mixed = {t for t in vocab if not t.isascii() and is_mixed_script(t)}
    candidates = set(hits) | mixed
    rows_with = set(work)
    if candidates:
        # a substring prefilter over the column; the token loop below confirms each row
        found = title_s.str.contains_any(sorted(candidates)).fill_null(False)
        rows_with |= set(found.arg_true().to_list())
    for i in sorted(rows_with):
        text = work.get(i, titles[i]) or ""
        toks = [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        plain = set(TOKEN_RE.findall(titles[i] or "")) if i in work else set()
        for k, (tok, s, e) in enumerate(toks):
            if tok in mixed and tok not in hits:
                row(i).mixed_script.append(tok)
            if i in work and tok not in plain and len(tok) >= 3:
                for n, _p in index.word_skeletons.get(skeleton(tok), ()):
                    if len(index.brand_words(n)) == 1:
                        row(i).mentions.append(
                            _mention(n, "title", text, s, e, "spaced-out letters")
                        )
            for hit in hits.get(tok, ()):
                _add_lookalike(index, row(i), hit, toks, k, hits, text, ctx, i)
    for i, swap, start, end in swapped_names(index, set(vocab), titles, title_s):
        text = titles[i] or ""
        if any(m.name.brand is swap.name.brand for m in row(i).mentions):
            continue
        # the name standing alone as the listing's name, or a category that is the brand's
        alone = not _OUTSIDE.sub("", text[:start] + text[end:])
        if (alone or ctx.supports(i, swap.name)) and not ctx.claims(i, swap.name):
            row(i).mentions.append(_mention(swap.name, "title", text, start, end, swap.evidence))


def _add_lookalike(
    index: BrandIndex,
    ev: RowEvidence,
    hit: WordHit,
    toks: list[tuple[str, int, int]],
    k: int,
    hits: dict[str, list[WordHit]],
    text: str,
    ctx: _Context,
    i: int,
) -> None:
    if any(m.name.brand is hit.name.brand and m.disguise for m in ev.mentions):
        return
    if len(index.brand_words(hit.name)) > 1:
        found = multi_match(index, hit, toks, k, hits)
        if found is None:
            return
        start, end, grade = found
    else:
        g = single_grade(hit, skeleton(toks[k][0]))
        if g is None:
            return
        start, end, grade = toks[k][1], toks[k][2], g
    if grade != STRONG and not ctx.supports(i, hit.name):
        return
    ev.mentions.append(_mention(hit.name, "title", text, start, end, hit.evidence))


def _column_lookalikes(batch: Batch, index: BrandIndex, row: Callable[[int], RowEvidence]) -> None:
    """Lookalike names in the brand column: its distinct values once, then the rows."""
    folded = batch.folded_series("brand")
    found = column_lookalikes(index, folded.drop_nulls().unique().to_list())
    if not found:
        return
    idx = folded.is_in(list(found)).fill_null(False).arg_true()
    for i, value in zip(idx.to_list(), folded.gather(idx).to_list(), strict=True):
        hit, ev = found[value], row(i)
        if not any(m.name.brand is hit.name.brand and m.disguise for m in ev.mentions):
            evidence = f"{hit.evidence}, as the brand name"
            ev.mentions.append(_mention(hit.name, "brand", value, hit.start, hit.end, evidence))


def analyse(batch: Batch, index: BrandIndex, signals: SignalMatcher) -> dict[int, RowEvidence]:
    """Row position -> evidence, for rows with any brand mention, lookalike or signal."""
    out: dict[int, RowEvidence] = {}

    def row(i: int) -> RowEvidence:
        return out.setdefault(i, RowEvidence())

    titles = batch.folded("title")
    title_s = batch.folded_series("title")
    # 1. counterfeit phrases first: they are the context weak lookalikes need
    for fname in ("title", "description"):
        if batch.has(fname):
            for i, found in signals.scan(batch.folded_series(fname)):
                row(i).signals.extend((sig, fname, s, e) for sig, s, e in found)
    # 2. exact names (and aliases) in titles: prefilter, then the automaton with boundaries
    cand = title_s.str.contains_any(index.prefilter_terms).fill_null(False)
    for i in cand.arg_true().to_list():
        row(i).mentions.extend(_exact_mentions(index, "title", titles[i]))
    # 3. lookalike spellings
    _lookalikes(batch, index, titles, title_s, row, _Context(batch, index, out))
    if batch.has("brand"):  # the brand column itself imitating a brand ("Adadis")
        _column_lookalikes(batch, index, row)
    # rows with a signal or comparison wording ("LV inspired", "CC style"): scan the whole
    # title for the two-letter abbreviations the prefilter leaves out
    compare = title_s.str.contains(_COMPARISON).fill_null(False).arg_true().to_list()
    for i in [*(i for i, ev in out.items() if ev.signals), *compare]:
        ev = out.get(i)
        if titles[i] and not (ev and any(m.field == "title" for m in ev.mentions)):
            in_title = _exact_mentions(index, "title", titles[i], cjk=False)
            if in_title:
                row(i).mentions.extend(in_title)
    # 4. brand mentions in descriptions only where the title named a brand or a signal
    if batch.has("description") and out:
        # only these rows' descriptions become Python strings (they are long)
        rows = sorted(out)
        descs = dict(zip(rows, batch.folded_series("description").gather(rows).to_list()))
        for i, ev in out.items():
            if descs[i] and (ev.signals or ev.mentions):
                named = {m.name.brand.name for m in ev.mentions}
                for m in _exact_mentions(index, "description", descs[i], cjk=False):
                    if m.name.brand.name not in named:
                        named.add(m.name.brand.name)
                        ev.mentions.append(m)
    # 5. weak signals ("style", "like", "homage") count only right next to a brand;
    # "genuine"/"authentic" right before a brand only where the brand column names another
    column = batch.frame.get_column("brand") if batch.has("brand") else None
    cats = batch.folded_series("category")
    for i, ev in out.items():
        title = titles[i]
        if ev.mentions and title:
            ev.signals.extend(
                (s, "title", a, b)
                for s, a, b in signals.weak(title, ev.mentions)
                if s.strength != "assurance"
                or _contradicted(
                    index, ev, b, column, i, " ".join(filter(None, (cats[i], titles[i])))
                )
            )
    return out


def _contradicted(
    index: BrandIndex,
    ev: RowEvidence,
    end: int,
    column: pl.Series | None,
    i: int,
    text: str,
) -> bool:
    """Does the row's brand column name another brand than the one right after ``end``?"""
    value = column[i] if column is not None else None
    if not value:
        return False  # no brand column, or a blank cell: nothing is contradicted
    after = [m for m in ev.mentions if m.field == "title" and 0 <= m.start - end <= WEAK_WINDOW]
    return any(
        not index.matches_brand(m.name.brand, value) and (m.disguise or _as_brand(index, m, text))
        for m in after
    )


def _as_brand(index: BrandIndex, m: Mention, text: str) -> bool:
    """Is an ordinary-word brand ("Apple", "Coach") used as the brand here? Only where the
    listing's words name one of its groups: "genuine Apple charger", not "genuine apple cider"."""
    if m.name.brand.ordinary_in_category:
        return False
    if not (m.name.context_only or m.name.brand.common_word):
        return True
    return bool(m.name.brand.groups & index.groups_of(text))
