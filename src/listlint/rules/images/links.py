"""Image links of a batch, one row per link, classified columnar.

A listing's ``images`` field holds its links one per line (the loader joins image
columns so); inside a cell sellers separate them with commas, semicolons, pipes or
spaces, or write a Python list ("['a.jpg', 'b.jpg']"). The first link is the main image.
Each link is classified with polars expressions (no Python per link): scheme, host,
the extension its path ends in (query string and fragment cut: ".../a.jpg?v=123" is a
jpg), spaces, non-ASCII characters, placeholder words and hosts.
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from listlint.batch import Batch
from listlint.resources import table

_SCHEMA = {"i": pl.Int64, "pos": pl.Int64, "url": pl.Utf8}


@cache
def image_extensions() -> dict[str, tuple[str, str]]:
    """ext -> (kind, format name)."""
    return {r["ext"]: (r["kind"], r["format"]) for r in table("images/extensions")}


@cache
def placeholder_patterns() -> tuple[str, str]:
    """(words, hosts) regexes over a lower-cased link."""
    rows = table("images/placeholders")
    words = "|".join(re.escape(r["term"]) for r in rows if r["kind"] == "word")
    hosts = "|".join(re.escape(r["term"]) for r in rows if r["kind"] == "host")
    sep = r"[/_\-.=?&~]"
    return (
        rf"(?:^|{sep})(?:{words})(?:$|{sep})",
        rf"^[a-z]+://(?:[^/?#]*\.)?(?:{hosts})(?:[:/?#]|$)",
    )


def links(batch: Batch) -> pl.DataFrame:
    """``i`` (listing), ``pos`` (0: the main image), ``url`` and its classification:
    ``scheme``, ``web`` (absolute http/https link), ``ext``, ``spaces``, ``ascii``,
    ``placeholder`` (cached)."""

    def compute(b: Batch) -> pl.DataFrame:
        f = b.frame
        if "images" not in f.columns:
            return classify(pl.DataFrame(schema=_SCHEMA))
        cells = (
            f.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("i"), pl.col("images"))
            .filter(pl.col("images").is_not_null())
            .with_columns(
                pl.col("images")
                .str.replace_all(r"[\s,;|'\"\[\]]+((?:https?:)?//)", "\n$1")
                .str.replace_all(r"[;|]", "\n")
                .str.split("\n")
                .alias("url")
            )
            .select("i", "url")
            .explode("url")
            .with_columns(pl.col("url").str.strip_chars(" \t\r'\"[](),"))
            .filter(pl.col("url").str.len_chars() > 0)
            .with_columns(pl.int_range(pl.len(), dtype=pl.Int64).over("i").alias("pos"))
        )
        return classify(cells.select("i", "pos", "url"))

    return batch.cached("images:links", compute)


def classify(frame: pl.DataFrame) -> pl.DataFrame:
    words, hosts = placeholder_patterns()
    low = pl.col("url").str.to_lowercase()
    path = low.str.replace(r"[?#].*$", "")
    return frame.with_columns(
        low.str.extract(r"^([a-z][a-z0-9+.\-]*):", 1).alias("scheme"),
        low.str.contains(r"^https?://[^/\s?#]+").alias("web"),
        path.str.extract(r"[^/]\.([a-z0-9]{2,5})$", 1).alias("ext"),
        pl.col("url").str.contains(r"\s").alias("spaces"),
        pl.col("url").str.contains(r"^[\x00-\x7f]*$").alias("ascii"),
        (low.str.contains(words) | low.str.contains(hosts)).alias("placeholder"),
    )
