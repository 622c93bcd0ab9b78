"""A listing's currency as an ISO 4217 code: its currency column (code, symbol or word,
``wordlists/pricing/currencies.tsv``), else what the price cell names ("19.99 EUR",
"$19.99", read by :mod:`listlint.money` when the file was loaded)."""

from __future__ import annotations

from functools import cache

import polars as pl

from listlint.batch import Batch
from listlint.resources import table


@cache
def currency_words() -> dict[str, str]:
    """Folded code, symbol or word -> ISO code."""
    out: dict[str, str] = {}
    for r in table("pricing/currencies"):
        out[r["code"].lower()] = r["code"]
        for sym in filter(None, r["symbols"].split("|")):
            out.setdefault(sym.lower(), r["code"])
    return out


def currency_column(batch: Batch) -> pl.Series:
    """The ISO code of each listing's price (null where the file does not say)."""

    def compute(b: Batch) -> pl.Series:
        f = b.frame
        words = currency_words()
        cols = []
        if "currency" in f.columns:
            col = f["currency"].str.strip_chars().str.to_lowercase()
            known = [w for w in col.drop_nulls().unique().to_list() if w in words]
            cols.append(
                col.replace_strict(
                    known, [words[w] for w in known], default=None, return_dtype=pl.Utf8
                )
            )
        if "price_currency" in f.columns:
            # the price parser names any three capital letters; keep real codes only
            parsed = f["price_currency"]
            codes = set(words.values())
            cols.append(parsed.set(~parsed.is_in(list(codes)).fill_null(False), None))
        if not cols:
            return pl.Series("currency", [None] * f.height, dtype=pl.Utf8)
        return (
            pl.DataFrame({f"c{i}": c for i, c in enumerate(cols)})
            .select(pl.coalesce(pl.all()).alias("currency"))
            .to_series()
        )

    return batch.cached("pricing:currency", compute)
