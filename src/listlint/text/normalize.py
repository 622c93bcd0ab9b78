"""Text normalisation, one definition used by the loader, the batch text index and rules.

Two forms exist:

* *clean* text: what the seller wrote with HTML removed, entities decoded, Unicode NFC and
  whitespace collapsed. Findings quote this form, so a seller recognises their words.
* *folded* text: NFKD with combining marks dropped (accents), zero-width and soft-hyphen
  characters removed, lower-cased. Matching runs on this form; full-width letters
  ("ＣＵＲＥ") and accents ("Chanél") no longer hide a term.

Both forms are tables of steps (:mod:`listlint.text.steps`): the per-string and the
columnar functions below run the same table, one string or a whole column at a time.
"""

from __future__ import annotations

import html
import re

import polars as pl

from listlint.text.steps import (
    NON_ASCII,
    WHITESPACE,
    Apply,
    DropCategory,
    DropChars,
    Form,
    Lower,
    Normalize,
    Replace,
    Strip,
    non_ascii,
)

#: Characters used to hide words from filters: zero-width space/joiners, word joiner,
#: BOM, soft hyphen, Mongolian vowel separator, LRM/RLM marks, the invisible operators
#: (U+2061-2064), the Hangul fillers (U+3164 and the half-width U+FFA0 decompose to
#: U+1160 under NFKD; U+115F) and the Unicode tag characters (U+E0000-E007F: invisible
#: copies of ASCII) that issue 21 L6 hid "kratom" and claims with.
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u2061\u2062\u2063\u2064"
    "\u115f\u1160\u3164\uffa0" + "".join(map(chr, range(0xE0000, 0xE0080)))
)

_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_BLOCK_TAG_RE = re.compile(
    r"<\s*(?:br|/p|p|/li|li|/div|div|/h[1-6]|tr|/tr|ul|/ul|ol|/ol)\b[^>]{0,2000}>", re.IGNORECASE
)
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
#: the non-ASCII spaces :func:`clean` turns into a plain space (as it does the tab)
_WIDE_SPACES = "[\u2000-\u2006\u2008-\u200a\u205f\u3000]"
#: no-break spaces (NBSP, narrow NBSP, figure space): a plain space, except between two
#: letters, where :func:`clean` keeps them. There they may be a *joint*: a word split to
#: slip past filters ("Kra<NBSP>tom") that shows as a space to a reader. They fold to a
#: space like any other, so every rule reads them as a space; the families that look for
#: split words (:mod:`listlint.text.joints`) find them in the clean text.
JOINTS = "\u00a0\u202f\u2007"
_JOINT_CLASS = "[" + JOINTS + "]"
#: a joint between two letters (Python ``re``; :data:`JOINT_SEARCH` is the columnar test)
JOINT_RE = re.compile(rf"(?<=[^\W\d_]){_JOINT_CLASS}(?=[^\W\d_])")
#: the same test in the syntax of polars' (Rust's) engine (see :mod:`listlint.text.joints`)
JOINT_SEARCH = rf"\p{{L}}{_JOINT_CLASS}\p{{L}}"
_LOOSE_JOINT = re.compile(rf"(?<![^\W\d_]){_JOINT_CLASS}|{_JOINT_CLASS}(?![^\W\d_])")
#: line breaks :func:`clean` keeps, one per run of breaks (with the spaces around them)
_BREAKS = "[\n\r\u2028\u2029\u0085\v\f]"
_AROUND = "[" + WHITESPACE + "]*"

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


#: the matching form: NFKD, every mark dropped (accents; Devanagari and Thai vowel
#: signs), invisible characters dropped, lower case
FOLD = Form(Normalize("NFKD"), DropCategory("M"), DropChars(INVISIBLE), Lower())
#: the seller's text, tidied: NFC, wide spaces and tabs as spaces, runs of spaces as
#: one, runs of line breaks (and the spaces around them) as one, trimmed
_TIDY = (
    Normalize("NFC"),
    Replace(_WIDE_SPACES, " ", only=NON_ASCII),
    Apply(lambda t: _LOOSE_JOINT.sub(" ", t), only=_JOINT_CLASS),
    Replace("\t", " ", only="\t"),
    Replace(" {2,}", " ", only="  "),
    Replace(_AROUND + _BREAKS + "+" + _AROUND, "\n", only=_BREAKS),
    Strip(),
)
CLEAN = Form(Apply(strip_html, only="[<&]"), *_TIDY)
#: :data:`CLEAN` for fields where markup is text (a SKU, a GTIN)
CLEAN_TEXT = Form(*_TIDY)


def clean(text: str | None, *, html_allowed: bool = True) -> str | None:
    """The seller's text, tidied: HTML stripped, NFC, whitespace collapsed; '' -> None."""
    if text is None:
        return None
    return (CLEAN if html_allowed else CLEAN_TEXT)(text) or None


def clean_series(series: pl.Series, *, html_allowed: bool = True) -> pl.Series:
    """Columnar :func:`clean` (the same steps; markup and Unicode work only on the rows
    that need it)."""
    out = (CLEAN if html_allowed else CLEAN_TEXT).series(series)
    return out.set(out == "", None) if (out == "").any() else out


def fold(text: str) -> str:
    """The matching form of one string (:data:`FOLD`)."""
    return FOLD(text)


def fold_series(series: pl.Series) -> pl.Series:
    """The matching form of a column (:data:`FOLD`, columnar)."""
    return FOLD.series(series)


def has_joint(text: str) -> bool:
    """Does the clean ``text`` hold a no-break space between two letters?"""
    return not text.isascii() and JOINT_RE.search(text) is not None


def joint_cells(series: pl.Series) -> pl.Series:
    """Columnar :func:`has_joint` (false for null): a byte count first, so ASCII cells
    (most of a catalogue) skip the regex."""
    mask = non_ascii(series).fill_null(False)
    if not mask.any():
        return mask
    return mask & series.str.contains(JOINT_SEARCH).fill_null(False)
