"""Counterfeit signal phrases ("1:1 replica", "AAA quality", "كوبي 1", "高仿", "dupe").

Strength comes from ``wordlists/brands/counterfeit_signals.tsv``: *strong* terms are a signal
alone, *medium* terms need a brand (or a brand-prone category, decided by the rule),
*assurance* terms ("100% authentic", "البوكس الأصلي") are supporting evidence, *weak*
terms ("style", "like", "not", "inspired") count only directly next to a brand mention.
*weak_before* and *assurance_before* terms count only directly BEFORE a brand ("Brand Top
Gucci", "genuine Rolex"): "genuine leather", "Genuine Microsoft Windows" and "Nike brand
top" stay clear. A *weak_before* term followed by a template placeholder the seller left
unfilled ("Brand Top XXX", ``wordlists/brands/brand_placeholders.txt``) is strong alone.
Benign contexts ("AAA batteries", "1:1 scale", "counterfeit detector pen") come from
``wordlists/brands/signal_exclusions.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import polars as pl

from listlint.resources import table, wordlist
from listlint.rules import textscan
from listlint.rules.ip.distinct import where
from listlint.text.lazyregex import has_chars
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.ip.analysis import Mention

#: the family's name in the shared literal scan (:mod:`listlint.rules.textscan`)
OWNER = "ip"

#: signal terms in these ranges match inside words (Chinese has no spaces)
_CJK_IDEOGRAPHS = ((0x3000, 0x9FFF),)
#: how far (characters) a weak signal may sit from the brand it qualifies: directly next
#: to it ("Rolex style", "Chanel-inspired", "like Gucci"), or one short word away
WEAK_WINDOW = 4
#: weak signals qualify only brands sold in these groups ("Sony Bud Style" is a product line)
WEAK_GROUPS = frozenset({"fashion", "bags", "watches", "jewelry", "beauty", "eyewear"})
#: terms that count only right before a brand, and the strength they then have
BEFORE = {"weak_before": "weak", "assurance_before": "assurance"}


@dataclass(frozen=True, slots=True)
class Signal:
    term: str
    strength: str  # strong | medium | assurance | weak (| weak_before | assurance_before)
    language: str


def _alternation(terms: Iterable[str]) -> str:
    """One regex of literal terms ("" for none), longest first: it only has to say
    whether any term occurs."""
    return "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _technical_words() -> frozenset[str]:
    return frozenset(fold(w) for w in wordlist("brands/grade_exclusions"))


_WORD = re.compile(r"[^\W_]+")


def technical_near(text: str, start: int, end: int) -> bool:
    """Is a grade-looking token at ``text[start:end]`` within two words of a technical
    word ("AAA batteries", "3 AAA battery torch", "7A fast charger", "10A virgin hair")?"""
    before = _WORD.findall(text[max(0, start - 30) : start])[-2:]
    after = _WORD.findall(text[end : end + 30])[:2]
    tech = _technical_words()
    return any(w in tech for w in (*before, *after))


class SignalMatcher:
    def __init__(self) -> None:
        rows = table("brands/counterfeit_signals")
        sigs = [
            Signal(fold(r["term"]), r["strength"], r["language"]) for r in rows if r.get("term")
        ]
        # "brand" and "grade" terms are phrases like the rest; the analysis decides later
        # whether the listing's brands and product type let them count
        self.strong_medium = [
            s for s in sigs if s.strength in ("strong", "medium", "assurance", "brand", "grade")
        ]
        self.weak_signals = [s for s in sigs if s.strength == "weak"]
        before = [s for s in sigs if s.strength in BEFORE]
        bounded = [
            (s.term, s) for s in self.strong_medium if not has_chars(s.term, _CJK_IDEOGRAPHS)
        ] + [(s.term, s) for s in before if s.strength == "weak_before"]
        unbounded = [(s.term, s) for s in self.strong_medium if has_chars(s.term, _CJK_IDEOGRAPHS)]
        self._bounded: PhraseMatcher[Signal] = PhraseMatcher(bounded)
        self._unbounded: PhraseMatcher[Signal] = PhraseMatcher(unbounded, word_boundaries=False)
        self._weak: PhraseMatcher[Signal] = PhraseMatcher(
            [(s.term.lstrip("-"), s) for s in self.weak_signals]
            + [(s.term, s) for s in self.strong_medium]
            + [(s.term, s) for s in before]
        )
        holes = "|".join(re.escape(fold(p)) for p in wordlist("brands/brand_placeholders"))
        self._placeholder = re.compile(rf"\s*(?:{holes})(?![\w\]}})>])")
        self._benign: dict[str, tuple[str, ...]] = {
            fold(r["term"]): tuple(fold(b) for b in r["benign"].split("|") if b)
            for r in table("brands/signal_exclusions")
        }
        self._terms = sorted(
            {s.term for s in self.strong_medium}
            | {s.term for s in before if s.strength == "weak_before"}
        )
        # the ASCII terms join the text families' one literal scan of each text column
        # (a second scan of a long description column for ip's own 200 terms cost as much
        # as the union's; textscan); a non-ASCII term can only occur in a cell with a
        # non-ASCII character, and outside the union it costs nothing on ASCII text
        self._ascii = _alternation(t for t in self._terms if t.isascii())
        self._dense = _alternation(t for t in self._terms if not t.isascii())
        textscan.register(OWNER, self._ascii)  # before the first batch is scanned

    def _benign_context(self, text: str, term: str, start: int, end: int) -> bool:
        window = text[max(0, start - 25) : end + 25]
        return any(b in window for b in self._benign.get(term, ()))

    def _find(self, text: str) -> list[tuple[Signal, int, int]]:
        found = [*self._bounded.longest(text), *self._unbounded.iter(text)]
        out = []
        for m in found:
            if m.payload.strength == "weak_before":
                # a listing template with its brand slot left unfilled: "Brand Top XXX"
                hole = self._placeholder.match(text, m.end)
                if hole:
                    sig = m.payload
                    out.append(
                        (
                            Signal(text[m.start : hole.end()], "strong", sig.language),
                            m.start,
                            hole.end(),
                        )
                    )
            elif not self._benign_context(text, m.term, m.start, m.end):
                out.append((m.payload, m.start, m.end))
        return out

    def rows(self, batch: Batch, field: str) -> pl.Series:
        """Positions (ascending) of the ``field`` cells whose folded text holds a term:
        the shared literal scan for the ASCII terms (the text families' fields; another
        field, the seller's tags, is scanned on its distinct values alone), and the
        non-ASCII terms on the cells with a non-ASCII character."""
        text = batch.folded_series(field)
        if field in textscan.FIELDS:
            # again here: a matcher built in another process (a worker) registered there
            textscan.register(OWNER, self._ascii)
            found = textscan.rows(batch, field, OWNER)
        elif self._ascii:
            found = where(text, lambda s: s.str.contains(self._ascii)).arg_true()
        else:
            found = pl.Series(field, [], dtype=pl.UInt32)
        if not self._dense:
            return found
        wide = batch.cached(f"ip:non_ascii:{field}", lambda b: non_ascii(text).fill_null(False))
        if not wide.any():
            return found
        idx = wide.arg_true()
        dense = idx.filter(text.gather(idx).str.contains(self._dense).fill_null(False))
        if not len(dense):
            return found
        mask = pl.Series(field, [False] * len(text)).scatter(found, True).scatter(dense, True)
        return mask.arg_true()

    def scan(self, batch: Batch, field: str) -> Iterator[tuple[int, list[tuple[Signal, int, int]]]]:
        """Rows of the folded ``field`` with strong or medium signals: a columnar prefilter
        (:meth:`rows`), then the automaton on the few candidate rows only."""
        idx = self.rows(batch, field)
        if not len(idx):
            return
        texts = batch.folded_series(field).gather(idx).to_list()
        for i, text in zip(idx.to_list(), texts, strict=True):
            found = self._find(text)
            if found:
                yield i, found

    def weak(self, text: str, mentions: list[Mention]) -> list[tuple[Signal, int, int]]:
        """Weak signals directly before or after a brand mention in ``text`` (the title)."""
        out = []
        spans = [
            (m.start, m.end)
            for m in mentions
            if m.field == "title" and m.name.brand.groups & WEAK_GROUPS
        ]
        # over-assurance is about any brand ("genuine Apple charger"), copy wording about
        # brands whose goods are copied by look (fashion, watches, beauty...)
        every = [(m.start, m.end) for m in mentions if m.field == "title"]
        for m in self._weak.iter(text):
            sig = m.payload
            if sig.strength in BEFORE:
                if any(
                    0 <= s - m.end <= WEAK_WINDOW
                    for s, _ in (every if sig.strength == "assurance_before" else spans)
                ):
                    kind = BEFORE[sig.strength]
                    out.append((Signal(sig.term, kind, sig.language), m.start, m.end))
                continue
            if sig.strength != "weak":
                continue
            for s, e in spans:
                if 0 <= s - m.end <= WEAK_WINDOW or 0 <= m.start - e <= WEAK_WINDOW:
                    out.append((sig, m.start, m.end))
                    break
        return out
