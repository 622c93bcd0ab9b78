"""Which cells can hold an advertising claim: decided in polars, so the claim readers of
:mod:`~listlint.rules.advertising.detect` (Python) run on those cells only.

Two stages over the folded text, a superset of what the readers report: one pass for
literals (the claim phrases, and the words a stock-count pattern of ``quantities.tsv``
contains: "quedan", "nur noch"...) plus a pass for each stock-count pattern whose words
are too common to be a literal ("only", "last"); then, on the cells kept, the phrases and
all stock-count patterns (RE2 syntax, which Rust's regex reads alike). Non-ASCII phrases
are looked for in cells with a non-ASCII character only. Linear in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from listlint.rules import textscan
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch


OWNER = "advertising"


@dataclass(frozen=True)
class Prefilter:
    #: stage one: ASCII claim phrases and stock-count literals, as one alternation
    #: (scanned together with offplatform's, :mod:`listlint.rules.textscan`)
    literals: str
    #: ASCII claim phrases alone (a cell holding one needs no stage two)
    phrases: str
    #: stage two: the stock-count patterns
    patterns: str
    #: stage one too: stock-count patterns with no literal of their own
    scanned: tuple[str, ...]
    #: non-ASCII phrases and literals, for cells with a non-ASCII character
    dense: tuple[str, ...]


def _alt(words: list[str]) -> str:
    return "|".join(pl.escape_regex(w) for w in sorted(set(words), key=len, reverse=True))


def build(phrases: list[str], patterns: list[tuple[str, list[str]]]) -> Prefilter:
    """``phrases``: folded claim phrases; ``patterns``: (stock-count pattern, its folded
    literals, empty when it has none rare enough)."""
    literals = [w for _, words in patterns for w in words]
    ascii_phrases = [p for p in phrases if p.isascii()]
    ascii_literals = [w for w in literals if w.isascii()]
    dense = sorted({w for w in [*phrases, *literals] if not w.isascii()})
    prefilter = Prefilter(
        literals=_alt(ascii_phrases + ascii_literals),
        phrases=_alt(ascii_phrases),
        patterns="|".join(f"(?:{p})" for p, _ in patterns),
        scanned=tuple(p for p, words in patterns if not words),
        dense=tuple(dense),
    )
    textscan.register(OWNER, prefilter.literals)  # before the first batch is scanned
    return prefilter


def candidates(batch: Batch, field: str, prefilter: Prefilter) -> list[int]:
    text = batch.folded_series(field)
    # again here: a vocabulary built in another process (a worker) registered there
    textscan.register(OWNER, prefilter.literals)
    first = pl.Series(field, [False] * len(text)).scatter(textscan.rows(batch, field, OWNER), True)
    for pattern in prefilter.scanned:
        first = first | text.str.contains(pattern)
    rows = first.fill_null(False).arg_true()
    hit = pl.Series(field, [False] * len(text))
    if len(rows):
        sub = text.gather(rows)
        keep = sub.str.contains(prefilter.phrases) | sub.str.contains(prefilter.patterns)
        hit = hit.scatter(rows.filter(keep.fill_null(False)), True)
    wide = non_ascii(text).fill_null(False)
    if prefilter.dense and wide.any():
        hit = hit | (wide & text.str.contains_any(list(prefilter.dense)).fill_null(False))
    return hit.arg_true().to_list()
