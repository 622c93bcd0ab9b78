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
    ``scheme``, ``web`` (absolute http/https link), ``ext``, ``spaces``, ``placeholder``
    (cached)."""

    def compute(b: Batch) -> pl.DataFrame:
        f = b.frame
        if "images" not in f.columns:
            return classify(pl.DataFrame(schema=_SCHEMA))
        cells = (
            f.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("i"), pl.col("images"))
            .filter(pl.col("images").is_not_null())
            .select(
                "i",
                pl.col("images")
                .str.replace_all(r"[\s,;|'\"\[\]]+((?:https?:)?//)", "\n$1")
                .str.replace_all(r"[;|]", "\n")
                .str.split("\n")
                .list.eval(pl.element().str.strip_chars(" \t\r'\"[](),"))
                .list.eval(pl.element().filter(pl.element().str.len_bytes() > 0))
                .alias("url"),
            )
            # positions within the cell, exploded with the links (0: the main image)
            .with_columns(pl.int_ranges(0, pl.col("url").list.len(), dtype=pl.Int64).alias("pos"))
            .explode("url", "pos")
            .filter(pl.col("url").is_not_null())
        )
        return classify(cells.select("i", "pos", "url"))

    return batch.cached("images:links", compute)


def holds_text(frame: pl.DataFrame) -> bool:
    """True when classified links (:func:`links`) are prose rather than links: not one
    is a web address, a scheme or "//" link, or a name ending in a known image or media
    type, and at least half contain spaces ("Iluminacion de la pantalla:Una luz..."). A
    cell of words in an image column says the column is not what its header claims
    (rows one cell short of the header, a column mapped wrongly): a file-level fault,
    not one bad link per listing."""
    if not frame.height:
        return False
    low = pl.col("url").str.to_lowercase()
    linkish = frame.select(
        (
            pl.col("web")
            | pl.col("ext").is_in(list(image_extensions()))
            | low.str.starts_with("//")
            | low.str.contains(r"^(?:ftp|sftp|file|data|s3|gs):")
        ).any()
    ).item()
    return bool(not linkish and frame["spaces"].mean() >= 0.5)  # type: ignore[operator]


def _path_end(low: pl.Expr) -> pl.Expr:
    """The last 7 characters of a link's path (query string and fragment cut)."""
    cut = pl.min_horizontal(
        low.str.find("?", literal=True), low.str.find("#", literal=True)
    ).fill_null(low.str.len_chars())
    return low.str.slice(0, cut).str.tail(7)


@cache
def placeholder_terms() -> list[str]:
    return [r["term"] for r in table("images/placeholders")]


def classify(frame: pl.DataFrame) -> pl.DataFrame:
    words, hosts = placeholder_patterns()
    low = pl.col("url").str.to_lowercase()
    out = frame.with_columns(low.alias("__low")).with_columns(
        pl.col("__low").str.contains(r"^https?://[^/\s?#]+").alias("web"),
        # the extension the link's path ends in: before any query string or fragment
        # (cut with literal finds; the regex reads only the path's last 7 characters)
        _path_end(pl.col("__low")).str.extract(r"[^/]\.([a-z0-9]{2,5})$", 1).alias("ext"),
        (
            pl.col("url").str.contains(" ", literal=True)
            | pl.col("url").str.contains("\t", literal=True)
        ).alias("spaces"),
        # placeholder words are rare: a substring scan first, the word regexes after
        pl.col("__low").str.contains_any(placeholder_terms()).alias("__maybe"),
    )
    maybe = out["__maybe"].fill_null(False)
    placeholder = pl.Series("placeholder", [False] * out.height, dtype=pl.Boolean)
    if maybe.any():
        idx = maybe.arg_true()
        sub = out["__low"].gather(idx)
        placeholder = placeholder.scatter(idx, sub.str.contains(words) | sub.str.contains(hosts))
    # the scheme matters only for links that are not web addresses (few)
    scheme = (
        pl.when(~pl.col("web"))
        .then(pl.col("__low").str.extract(r"^([a-z][a-z0-9+.\-]*):", 1))
        .otherwise(pl.col("__low").str.slice(0, pl.col("__low").str.find(":", literal=True)))
    )
    return (
        out.with_columns(scheme.alias("scheme")).drop("__low", "__maybe").with_columns(placeholder)
    )
