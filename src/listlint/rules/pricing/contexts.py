"""Words that explain a price (``wordlists/pricing/contexts.tsv``): free samples, digital
downloads, wholesale packs, deposits, gift cards.

Columnar: one regex per kind, whole words, over the folded title, product type, size and
category of every listing of a batch (Rust's regex engine turns the alternation of a
few dozen literals into one automaton scan). Read by the zero-price rule (a marked free
sample is not an error) and by the outlier rules (a pack of 24 is not an outlier).
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from listlint.batch import Batch
from listlint.resources import table
from listlint.text.normalize import fold

KINDS = ("free", "digital", "pack", "deposit", "giftcard", "fee")
#: the fields read for context words (a description's "makes a great gift" is not one)
FIELDS = ("title", "product_type", "size", "category")
#: counts that make a listing a multi-unit pack: "12 pcs", "6-pack", "24 count" ("2x3 m"
#: and "30 x 20 cm" are sizes, so bare "x" multipliers are not read)
_COUNT = (
    r"(?:^|[^\w.,])(?:[2-9]|[1-9]\d{1,3})[\s-]?(?:pcs|pc|pieces|units|count|ct|pk|pack|packs|"
    r"stuks|stuck|unidades|pzas|piezas|buc|шт)(?:$|[^\w])"
)


@cache
def patterns() -> dict[str, str]:
    """kind -> a whole-word regex over folded text."""
    terms: dict[str, list[str]] = {k: [] for k in KINDS}
    for r in table("pricing/contexts"):
        terms[r["kind"]].append(re.escape(" ".join(fold(r["term"]).split())))
    out = {}
    for kind, words in terms.items():
        # longest first so "gift card" is tried before "gift"; (?:^|\W) keeps whole words
        body = "|".join(sorted(words, key=len, reverse=True))
        out[kind] = rf"(?:^|[^\w])(?:{body})(?:$|[^\w])"
    out["pack"] = rf"(?:{out['pack']})|{_COUNT}"
    return out


def contexts(batch: Batch) -> pl.DataFrame:
    """One boolean column per kind, one row per listing of ``batch`` (cached)."""

    def compute(b: Batch) -> pl.DataFrame:
        texts = [b.folded_series(f) for f in FIELDS if f in b.frame.columns]
        if not texts:
            return pl.DataFrame({k: [False] * len(b) for k in KINDS})
        joined = pl.DataFrame({f"t{j}": s for j, s in enumerate(texts)}).select(
            pl.concat_str(pl.all(), separator=" | ", ignore_nulls=True).alias("t")
        )
        return joined.select(
            pl.col("t").str.contains(p).fill_null(False).alias(k) for k, p in patterns().items()
        )

    return batch.cached("pricing:contexts", compute)


def explained(batch: Batch, *kinds: str) -> pl.Series:
    """True where the listing names any of ``kinds``."""
    ctx = contexts(batch)
    return ctx.select(pl.any_horizontal(*kinds)).to_series()
