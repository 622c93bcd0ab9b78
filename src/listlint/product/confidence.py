"""Whether a listing's title head noun can be trusted to say what the listing sells.

The head noun (:mod:`listlint.product.head`) is a good guess on most titles, and a poor
one on some: a brand in front ("Levels Pre Workout"), a colour ("Strick Green"), a motif
("Anchor" earrings), CJK titles read by substring ("ブラック" holds "ラック", rack). Rules
that *contradict* the seller on its strength (a category that disagrees, a price far from
its product type) use only titles where it is trusted: an English (head-last) title of two
words or more, not CJK, whose head noun is not a colour and ends its first segment or is
followed only by packaging, colour and size words or a modifier phrase ("Phone Case
for iPhone 15", "Matcha Tools Set", "T-Shirt Black XL"): ``wordlists/product/head_followers.tsv``. Columnar: a handful of
polars expressions over the batch, no Python per listing.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from listlint.product.analysis import ProductAnalysis
from listlint.product.lexicon import lexicon
from listlint.resources import table

_WORD = r"[^\W\d_]+"
#: size words that may end a title after its head noun
SIZE_WORDS = (
    "xs",
    "s",
    "m",
    "l",
    "xl",
    "xxl",
    "xxxl",
    "small",
    "medium",
    "large",
    "mini",
    "king",
    "queen",
    "twin",
    "single",
    "double",
    "size",
)
_CJK = "[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]"


@cache
def head_followers() -> tuple[list[str], list[str], list[str]]:
    """(container words, prepositions, basic colours)."""
    rows = table("product/head_followers")
    return tuple(
        [r["word"] for r in rows if r["kind"] == k] for k in ("container", "preposition", "colour")
    )  # type: ignore[return-value]


def confident_heads(
    pa: ProductAnalysis, folded_titles: pl.Series, rows: pl.Series | None = None
) -> pl.Series:
    """True per listing whose title's head noun says what it sells (see module doc); with
    ``rows`` (positions), for those listings only, in that order."""
    containers, prepositions, colours = head_followers()
    # any colour name may follow the head ("T-Shirt Olive"); only a basic one is never
    # a head itself ("coffee" and "olive" are products as well as colours)
    all_colours = list(lexicon().colour_words)
    h = pa.heads().with_columns(folded_titles.cast(pl.Utf8).alias("t"))
    if rows is not None:
        h = h[rows]
    # a title's head is the same wherever the title repeats (variants): each distinct
    # title is judged once and the verdict joined back
    uniq = h.unique(subset="t", keep="first", maintain_order=False)
    start, end, seg = pl.col("head_start"), pl.col("head_end"), pl.col("seg_end")
    head = pl.col("t").str.slice(start, end - start).str.replace_all(r"\s+", " ")
    rest = pl.col("t").str.slice(end, seg - end).str.extract_all(_WORD)
    # what may follow the head noun: packaging words, colours and sizes ("T-Shirt Black
    # XL", "Mug Set"), or a modifier phrase opened by a preposition
    trailing = containers + all_colours + colours + list(SIZE_WORDS)
    followed_ok = (
        (rest.list.len() == 0)
        | rest.list.first().is_in(prepositions)
        | rest.list.eval(pl.element().is_in(trailing)).list.all()
    )
    ok = (
        pl.col("head_start").is_not_null()
        & ~pl.col("head_first").fill_null(True)
        & ~pl.col("t").str.contains(_CJK)
        & ~head.is_in(colours)
        # two words or more ("Anchor" alone is a design name): a space between letters
        & pl.col("t").str.strip_chars().str.contains(" ", literal=True)
        & followed_ok
    )
    verdicts = uniq.select(pl.col("t"), ok.fill_null(False).alias("confident"))
    return (
        h.select("t")
        .join(verdicts, on="t", how="left", maintain_order="left", nulls_equal=True)
        .select(pl.col("confident").fill_null(False))
        .to_series()
    )
