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


#: words every count of ``_COUNT`` contains (the prefilter's share of it)
_COUNT_WORDS = ("pcs", "pc", "piece", "unit", "count", "ct", "pk", "pack", "stuks", "stuck",
                "unidades", "pzas", "piezas", "buc", "шт")  # fmt: skip


@cache
def prefilter_terms() -> list[str]:
    """Every context term and count word: a listing containing none of them (as a plain
    substring, one Aho-Corasick pass) names no context, so the regexes run on the rest."""
    terms = {" ".join(fold(r["term"]).split()) for r in table("pricing/contexts")}
    return sorted(terms | set(_COUNT_WORDS))


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
        present = [f for f in FIELDS if f in b.frame.columns]
        texts = [b.folded_series(f) for f in present]
        if not texts:
            return pl.DataFrame({k: [False] * len(b) for k in KINDS})
        # most listings name no context: the word-boundary regexes run only on those a
        # substring scan of every term (one Aho-Corasick pass per column) keeps
        terms = prefilter_terms()
        maybe = pl.Series([False] * len(b), dtype=pl.Boolean)
        for col in texts:
            # each distinct text is scanned once (titles repeat across variants; a
            # category or size column holds a few dozen values)
            uniq = col.drop_nulls().unique()
            keep = uniq.filter(uniq.str.contains_any(terms))
            hit = col.is_in(keep.implode())
            maybe = maybe | hit.fill_null(False)
        out = pl.DataFrame({k: pl.Series(k, [False] * len(b), dtype=pl.Boolean) for k in KINDS})
        if not maybe.any():
            return out
        idx = maybe.arg_true()
        joined = pl.DataFrame({f"t{j}": col.gather(idx) for j, col in enumerate(texts)}).select(
            pl.concat_str(pl.all(), separator=" | ", ignore_nulls=True).alias("t")
        )
        found = joined.select(
            pl.col("t").str.contains(p).fill_null(False).alias(k) for k, p in patterns().items()
        )
        return out.with_columns(out[k].scatter(idx, found[k]) for k in KINDS)

    return batch.cached("pricing:contexts", compute)


def explained(batch: Batch, *kinds: str) -> pl.Series:
    """True where the listing names any of ``kinds``."""
    ctx = contexts(batch)
    return ctx.select(pl.any_horizontal(*kinds)).to_series()


def contexts_of(batch: Batch, rows: pl.Series, *kinds: str) -> pl.Series:
    """True for each listing at ``rows`` (positions) that names any of ``kinds``: read for
    those listings only (a rule with a few candidates need not scan the batch)."""
    present = [f for f in FIELDS if f in batch.frame.columns]
    if not present or not len(rows):
        return pl.Series([False] * len(rows), dtype=pl.Boolean)
    texts = pl.DataFrame({f: batch.folded_series(f).gather(rows) for f in present}).select(
        pl.concat_str(pl.all(), separator=" | ", ignore_nulls=True).alias("t")
    )
    pats = patterns()
    return texts.select(
        pl.any_horizontal(pl.col("t").str.contains(pats[k]).fill_null(False) for k in kinds)
    ).to_series()
