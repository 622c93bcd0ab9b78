"""Whether a listing's title head noun can be trusted to say what the listing sells.

The head noun (:mod:`listlint.product.head`) is a good guess on most titles, and a poor
one on some: a brand in front ("Levels Pre Workout"), a colour ("Strick Green"), a motif
("Anchor" earrings), CJK titles read by substring ("ブラック" holds "ラック", rack). Rules
that *contradict* the seller on its strength (a category that disagrees, a price far from
its product type) use only titles where it is trusted: an English (head-last) title of two
words or more, not CJK, whose head noun is not a colour and ends its first segment or is
followed only by packaging words or a modifier phrase ("Phone Case for iPhone 15",
"Matcha Tools Set"): ``wordlists/product/head_followers.tsv``. Columnar: a handful of
polars expressions over the batch, no Python per listing.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from listlint.product.analysis import ProductAnalysis
from listlint.product.lexicon import lexicon
from listlint.resources import table

_WORD = r"[^\W\d_]+"
_CJK = "[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]"


@cache
def head_followers() -> tuple[list[str], list[str]]:
    """(container words, prepositions)."""
    rows = table("product/head_followers")
    return (
        [r["word"] for r in rows if r["kind"] == "container"],
        [r["word"] for r in rows if r["kind"] == "preposition"],
    )


def confident_heads(pa: ProductAnalysis, folded_titles: pl.Series) -> pl.Series:
    """True per listing whose title's head noun says what it sells (see module doc)."""
    containers, prepositions = head_followers()
    colours = list(lexicon().colour_words)
    h = pa.heads().with_columns(folded_titles.cast(pl.Utf8).alias("t"))
    start, end, seg = pl.col("head_start"), pl.col("head_end"), pl.col("seg_end")
    head = pl.col("t").str.slice(start, end - start).str.replace_all(r"\s+", " ")
    rest = pl.col("t").str.slice(end, seg - end).str.extract_all(_WORD)
    followed_ok = (
        (rest.list.len() == 0)
        | rest.list.first().is_in(prepositions)
        | rest.list.eval(pl.element().is_in(containers)).list.all()
    )
    ok = (
        pl.col("head_start").is_not_null()
        & ~pl.col("head_first").fill_null(True)
        & ~pl.col("t").str.contains(_CJK)
        & ~head.is_in(colours)
        & (pl.col("t").str.count_matches(_WORD) >= 2)
        & followed_ok
    )
    return h.select(ok.fill_null(False).alias("confident")).to_series()
