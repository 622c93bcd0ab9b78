"""Text normalisation, one definition used by the loader, the batch text index and rules.

Two forms exist:

* *clean* text: what the seller wrote with HTML removed, entities decoded, Unicode NFC and
  whitespace collapsed. Findings quote this form, so a seller recognises their words.
* *folded* text: NFKD with combining marks dropped (accents), zero-width and soft-hyphen
  characters removed, lower-cased. Matching runs on this form; full-width letters
  ("ＣＵＲＥ") and accents ("Chanél") no longer hide a term.

Folding is columnar (polars expressions) on the hot path; ``fold`` is the same for one string.
"""

from __future__ import annotations

import html
import re
import unicodedata

import polars as pl

#: Characters used to hide words from filters: zero-width space/joiners, word joiner,
#: BOM, soft hyphen, Mongolian vowel separator, LRM/RLM marks.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"
_INVISIBLE_CLASS = "[" + INVISIBLE + "]"
_INVISIBLE_RE = re.compile(_INVISIBLE_CLASS)

_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_BLOCK_TAG_RE = re.compile(
    r"<\s*(?:br|/p|p|/li|li|/div|div|/h[1-6]|tr|/tr|ul|/ul|ol|/ol)\b[^>]{0,2000}>", re.IGNORECASE
)
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_WS_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NL_RE = re.compile(r"\s*[\n\r\u2028\u2029\u0085\v\f]+\s*")

_HTML_HINT = re.compile(r"<\s*/?\s*[a-zA-Z][^>]{0,2000}>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text))


def strip_html(text: str) -> str:
    """Remove tags (block tags become line breaks) and decode entities; keep the text."""
    if "<" in text:
        text = _SCRIPT_RE.sub(" ", text)
        text = _BLOCK_TAG_RE.sub("\n", text)
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def clean(text: str | None, *, html_allowed: bool = True) -> str | None:
    """The seller's text, tidied: HTML stripped, NFC, whitespace collapsed; '' -> None."""
    if text is None:
        return None
    if html_allowed and ("<" in text or "&" in text):
        text = strip_html(text)
    text = unicodedata.normalize("NFC", text)
    text = _WS_RE.sub(" ", text)
    text = _NL_RE.sub("\n", text).strip()
    return text or None


def fold(text: str) -> str:
    """The matching form of one string (same result as :func:`fold_expr`)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _INVISIBLE_RE.sub("", text)
    return text.lower()


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """Columnar :func:`fold`: NFKD, drop combining marks and invisibles, lower-case."""
    return (
        expr.str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.replace_all(_INVISIBLE_CLASS, "")
        .str.to_lowercase()
    )


def clean_expr(expr: pl.Expr, *, html_allowed: bool = True) -> pl.Expr:
    """Columnar :func:`clean` for the common cases; rows with markup go through Python."""
    out = expr
    if html_allowed:
        out = pl.when(expr.str.contains(r"[<&]")).then(
            expr.map_elements(strip_html, return_dtype=pl.Utf8, skip_nulls=True)
        ).otherwise(expr)
    out = (
        out.str.normalize("NFC")
        .str.replace_all(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ")
        .str.replace_all(r"\s*[\n\r\u2028\u2029\u0085\v\f]+\s*", "\n")
        .str.strip_chars()
    )
    return pl.when(out == "").then(None).otherwise(out)
