"""Pure measures of listing text used by the specs text rules.

Lengths are counted in characters (Unicode code points of the NFC text the loader
keeps), never bytes, so a Thai or Arabic title of 120 characters is 120, not 300+.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import polars as pl

from listlint.text.lazyregex import LazyPattern
from listlint.text.normalize import fold
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
#: pictographs, dingbats, symbols, flags, keycaps and the emoji variation selector;
#: ™ ® © are ordinary title characters and are not in these ranges
EMOJI_CLASS = "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\U0001f1e6-\U0001f1ff\ufe0f\u20e3]"
_EMOJI = re.compile(EMOJI_CLASS)
_TAG = re.compile(
    r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,500}>|&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});"
)
_PERCENT_OFF = re.compile(
    r"(?<![\w%])(?:\d{1,2}\s?%\s?(?:off|discount|rabatt|de descuento|de réduction|de desconto)"
    r"|save\s+\d{1,2}\s?%|-\s?\d{1,2}\s?%(?!\w))",
    re.IGNORECASE,
)


def folded_keys(terms: Iterable[str]) -> list[str]:
    """The keys a :class:`~listlint.text.matcher.PhraseMatcher` builds from ``terms``."""
    return sorted({k for k in (fold(t).strip() for t in terms) if k})


def rows_containing(batch: Batch, field: str, keys: list[str]) -> list[int]:
    """Positions whose folded ``field`` contains one of ``keys`` anywhere, decided in
    polars: every row where a phrase matcher over the same keys finds a whole word is
    among them, so the matcher (Python) runs on these rows only."""
    if not keys or not batch.has(field):
        return []
    return containing(batch.folded_series(field), keys).arg_true().to_list()


def containing(text: pl.Series, keys: list[str]) -> pl.Series:
    """Which cells of ``text`` contain one of ``keys`` anywhere (False for null)."""
    if not keys:
        return pl.repeat(False, len(text), eager=True)
    if len(keys) <= _FEW_KEYS:
        # a literal alternation: Rust's regex searches a few literals with SIMD, about
        # ten times faster than str.contains_any here (measured on descriptions)
        found = text.str.contains("|".join(pl.escape_regex(k) for k in keys))
    else:
        found = text.str.contains_any(keys)
    return found.fill_null(False)


def rows_where(
    batch: Batch,
    field: str,
    test: Callable[[pl.Series], pl.Series],
    *,
    unique: pl.Series | None = None,
) -> list[int]:
    """Positions where the columnar ``test`` holds on ``field``: a necessary condition
    of a rule's finding, so its Python check runs on these rows only. A column that is
    not text (or absent) gives every position, leaving the decision to Python.
    ``unique``: the column's distinct values, to run a costly ``test`` once per
    distinct value (titles repeat across variants and shops' templates) and join back."""
    f = batch.frame
    if field not in f.columns:
        return []
    s = f[field]
    if s.dtype != pl.Utf8:
        return list(range(f.height))
    if unique is not None:
        flagged = unique.filter(test(unique).fill_null(False))
        return s.is_in(flagged.implode()).fill_null(False).arg_true().to_list()
    return test(s).fill_null(False).arg_true().to_list()


def cells(batch: Batch, field: str, rows: list[int]) -> list[Any]:
    """``batch.values(field)[i]`` for the positions ``rows`` only."""
    f = batch.frame
    if field not in f.columns:
        return [None] * len(rows)
    return f[field].gather(rows).to_list()


_FEW_KEYS = 200

#: a letter or digit of ASCII text: where :func:`~listlint.text.matcher.is_word_char` holds
_ASCII_WORD = "0-9A-Za-z"


def first_word_pattern(keys: list[str]) -> str | None:
    """A polars (Rust) regex whose first match in *ASCII* folded text holds, as group 1,
    the first match :meth:`PhraseMatcher.longest <listlint.text.matcher.PhraseMatcher.longest>`
    over ``keys`` gives there: the whole-word occurrence that starts first, the longest
    of those starting there. Rust's regex prefers the leftmost match and, at one start,
    the first alternative that matches (longest first here), trying shorter ones when a
    longer one fails its word boundary, as the matcher's boundary test drops it. None
    when a key is not ASCII or does not start and end with a letter or digit (where the
    matcher asks no boundary): those keys are left to the matcher. Text holding any
    non-ASCII character must go to the matcher too (its boundaries are Unicode's)."""
    word = re.compile(f"[{_ASCII_WORD}]")
    if not keys or not all(k.isascii() and word.match(k[0]) and word.match(k[-1]) for k in keys):
        return None
    alternatives = "|".join(pl.escape_regex(k) for k in sorted(keys, key=len, reverse=True))
    edge = f"[^{_ASCII_WORD}]"
    return f"(?:^|{edge})({alternatives})(?:{edge}|$)"


def char_length(text: str) -> int:
    return len(text)


def words(text: str) -> list[str]:
    """Tokens of letters only: tokens with digits are model codes ("CDA9887", "PS3HDMI2M")
    and are left out of word counts."""
    return [t for t in _TOKEN.findall(text) if not any(c.isdigit() for c in t)]


@lru_cache(maxsize=65536)
def caps_share(title: str) -> tuple[float, int]:
    """(share of cased words of 4+ letters written in capitals, number of such words).

    Short words are left out because acronyms (USB, LED, AAC) are written in capitals
    on purpose; scripts without case (Thai, Arabic, CJK) contribute no words."""
    words_ = [w for w in words(title) if len(w) >= 4 and w.upper() != w.lower()]
    if not words_:
        return 0.0, 0
    caps = sum(1 for w in words_ if w.isupper())
    return caps / len(words_), len(words_)


@lru_cache(maxsize=65536)
def repeated_words(title: str, stopwords: frozenset[str]) -> list[tuple[str, int]]:
    """Words (3+ letters, not stopwords) by count, most repeated first."""
    counts = Counter(
        w for w in (fold(x) for x in words(title)) if len(w) >= 3 and w not in stopwords
    )
    return [(w, n) for w, n in counts.most_common() if n > 1]


def may_repeat_words(titles: pl.Series, limit: int) -> pl.Series:
    """Columnar prefilter of :func:`repeated_words`: False only where no word can occur
    more than ``limit`` times. In ASCII text the tokens are ``[A-Za-z0-9]`` runs (one
    apostrophe inside) and folding is lower-casing, so polars counts them exactly
    (stopwords kept: a superset); other scripts are left to Python."""
    tokens = (
        titles.str.to_lowercase()
        .str.extract_all(r"[a-z0-9]+(?:'[a-z0-9]+)?")
        .list.eval(
            pl.element().filter(
                ~pl.element().str.contains("[0-9]") & (pl.element().str.len_chars() >= 3)
            )
        )
    )
    repeats = tokens.list.len() - tokens.list.eval(pl.element().n_unique()).list.first()
    return non_ascii(titles) | (repeats >= limit)


def emoji(text: str) -> list[str]:
    return _EMOJI.findall(text)


def html_bits(text: str) -> list[str]:
    """Tags and entities left in a text (``<b>``, ``&amp;``)."""
    return [m.group(0) for m in _TAG.finditer(text)]


def percent_off(text: str) -> str | None:
    m = _PERCENT_OFF.search(text)
    return m.group(0) if m else None


#: code point ranges of the writing systems a pack may refuse in titles
SCRIPTS = {
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f",
    "kana": "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "arabic": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
    "cyrillic": "\u0400-\u04ff",
    "thai": "\u0e00-\u0e7f",
}
_SCRIPT_RE = {name: LazyPattern(f"[{ranges}]+") for name, ranges in SCRIPTS.items()}


def script_run(text: str, script: str) -> str | None:
    """The first run of characters of ``script`` in ``text``, or None."""
    if text.isascii():  # none of these scripts: spare the compile (listlint.text.lazyregex)
        return None
    m = _SCRIPT_RE[script].search(text)
    return m.group(0) if m else None
