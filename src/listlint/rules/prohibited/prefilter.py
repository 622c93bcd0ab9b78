"""Stage 1 of the prohibited family: pick the listings worth the automaton, vectorised.

One polars regex (Rust's linear-time engine) over the folded text of every scanned field
finds any term form on word boundaries or a disguise (``kr@tom``, ``k r a t o m``, a
Cyrillic letter inside a Latin word); pack patterns run the same way (RE2 when polars'
engine cannot compile them). Only the matching cells go on to
:mod:`listlint.rules.prohibited.evidence`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import polars as pl

from listlint.fields import ATTR_PREFIX
from listlint.text.deobfuscate import LEET
from listlint.text.joints import closed_form
from listlint.text.matcher import unspaced
from listlint.text.saferegex import compile_pattern

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.prohibited.vocab import CategoryPattern, Vocabulary

FIELD_WEIGHTS: dict[str, float] = {
    "category": 2.0,
    "product_type": 2.0,
    "title": 2.0,
    "tags": 2.0,
    "bullets": 1.0,
    "description": 1.0,
    "brand": 1.0,
}
ATTRIBUTE_WEIGHT = 1.0
#: attribute columns that describe colour, material, size, links or codes: a keyword there
#: ("Ivory", "Champagne", "Tortoiseshell") is not the product (policy_facts.md 1.4)
_SKIP_ATTR = re.compile(
    r"colou?r|farbe|couleur|material|pattern|finish|size|url|image|img|photo|link|price|cost|"
    r"sku|gtin|upc|ean|isbn|barcode|weight|dimension|length|width|height|handle|variant|option|"
    r"status|date|qty|quantity|stock|inventory|vendor|supplier|rating|review|\bid\b|_id\b",
    re.IGNORECASE,
)
_REGEX_META = set("\\.+*?()|[]{}^$")


def escape_literal(text: str) -> str:
    return "".join("\\" + c if c in _REGEX_META else c for c in text)


def prefilter_regex(vocab: Vocabulary, skip: frozenset[str] = frozenset()) -> str:
    """One linear-time regex: any term form on word boundaries (letters/digits around break
    it), leaving out categories no selected marketplace cares about (``skip``). Forms in a
    script written without spaces (Chinese, Thai) have no boundary to find."""
    forms = sorted(vocab.term_forms(skip), key=len, reverse=True)
    spaced = "|".join(escape_literal(f) for f in forms if not any(unspaced(c) for c in f))
    touching = "|".join(escape_literal(f) for f in forms if any(unspaced(c) for c in f))
    out = rf"(?:^|[^\p{{L}}\p{{N}}])(?:{spaced})(?:[^\p{{L}}\p{{N}}]|$)"
    return f"{out}|(?:{touching})" if touching else out


_LEET_CLASS = "".join(sorted(LEET)).replace("\\", "").replace("]", "").replace("^", "")
#: letter-leet-letter inside a word, a symbol for a leading letter, or 3+ spaced single letters
OBFUSCATION_REGEX = (
    rf"[a-z][{_LEET_CLASS}]+[a-z]|(?:^|[^\p{{L}}\p{{N}}])[@$|€£¡][a-z]{{2,}}"
    r"|(?:^|[^\p{L}\p{N}])[a-z](?:[ .\-_*·•][a-z]){2,}(?:[^\p{L}\p{N}]|$)"
    # Latin mixed with Cyrillic/Greek lookalikes inside one word ("vаpe" with a Cyrillic а)
    r"|[a-z][\p{Cyrillic}\p{Greek}]|[\p{Cyrillic}\p{Greek}][a-z]"
)


def scanned_fields(batch: Batch) -> list[tuple[str, float]]:
    out = [(name, w) for name, w in FIELD_WEIGHTS.items() if batch.has(name)]
    for col in batch.attribute_columns():
        header = col[len(ATTR_PREFIX) :]
        if batch.frame[col].dtype == pl.Utf8 and not _SKIP_ATTR.search(header):
            out.append((col, ATTRIBUTE_WEIGHT))
    return out


def _contains(series: pl.Series, pattern: str) -> pl.Series | None:
    try:
        return series.str.contains(pattern).fill_null(False)
    except pl.exceptions.PolarsError:  # syntax polars' engine lacks: caller falls back to RE2
        return None


@dataclass
class Candidates:
    """What stage 1 hands on: the rows worth the automaton with the fields to look at, and
    the (field, row) cells that look disguised or match a pack pattern (only those are
    de-obfuscated or searched with the patterns)."""

    hot: dict[int, set[str]] = field(default_factory=dict)
    disguised: set[tuple[str, int]] = field(default_factory=set)
    patterned: set[tuple[str, int]] = field(default_factory=set)


def candidate_rows(
    batch: Batch,
    fields: list[tuple[str, float]],
    regex: str,
    patterns: list[CategoryPattern],
    words: frozenset[str] = frozenset(),
) -> Candidates:
    """One regex pass per field for terms, disguises and pack patterns together (as cheap as
    terms alone); the finer questions are asked of the few candidate cells only.
    ``words``: the vocabulary's words, which a word split by a no-break space may hide."""
    native = [p.pattern for p in patterns if polars_accepts(p.pattern)]
    others = [p.pattern for p in patterns if not polars_accepts(p.pattern)]
    pattern_rx = "|".join(f"(?i:{p})" for p in native)
    combined = "|".join([regex, OBFUSCATION_REGEX, *(f"(?i:{p})" for p in native)])
    out = Candidates()
    # attribute columns are searched stacked: 16,000 of them in a few passes, not 16,000
    for chunk, folded in batch.folded_stacks([name for name, _ in fields]):
        mask = _contains(folded, combined)
        assert mask is not None  # escaped literals, a fixed pattern and checked pack patterns
        for pattern in others:
            mask = mask | _re2_contains(folded, pattern)
        if not mask.any():
            continue
        cells = batch.stacked_cells(chunk, mask)
        subset = folded.filter(mask)
        asked = cells
        if native and not others:
            # disguises and pack patterns are rare: one pass finds the cells with either,
            # and only those are told apart
            either = subset.str.contains(f"{OBFUSCATION_REGEX}|{pattern_rx}").fill_null(False)
            picked = either.arg_true()
            asked, subset = [cells[k] for k in picked.to_list()], subset.gather(picked)
        obfuscated = subset.str.contains(OBFUSCATION_REGEX).fill_null(False).to_list()
        out.disguised.update(cell for cell, hit in zip(asked, obfuscated, strict=True) if hit)
        if others:  # RE2-only patterns: the row analysis tries them on every candidate cell
            out.patterned.update(cells)
        elif native:
            matched = subset.str.contains(pattern_rx).fill_null(False).to_list()
            out.patterned.update(cell for cell, hit in zip(asked, matched, strict=True) if hit)
        for name, i in cells:
            out.hot.setdefault(i, set()).add(name)
    if words:
        _split_words(batch, fields, regex, words, out)
    out.hot = dict(sorted(out.hot.items()))
    return out


def _split_words(
    batch: Batch,
    fields: list[tuple[str, float]],
    regex: str,
    words: frozenset[str],
    out: Candidates,
) -> None:
    """Cells with a word of ``words`` split by a no-break space ("Kra<NBSP>tom", issue 21
    L6) whose closed text holds a term: disguised, so the row analysis matches the closed
    text as well and keeps only the terms it adds."""
    split = batch.split_cells([name for name, _ in fields])
    if not split:
        return
    closed = [closed_form(text, words) for text in split.values()]
    hits = pl.Series(closed, dtype=pl.Utf8).str.contains(regex).to_list()
    for (name, i), hit in zip(split, hits, strict=True):
        if hit:
            out.disguised.add((name, i))
            out.hot.setdefault(i, set()).add(name)


@lru_cache(maxsize=256)
def polars_accepts(pattern: str) -> bool:
    return _contains(pl.Series([""], dtype=pl.Utf8), f"(?i:{pattern})") is not None


def _re2_contains(series: pl.Series, pattern: str) -> pl.Series:

    rx = compile_pattern(pattern)
    return pl.Series([bool(v and rx.search(v)) for v in series.to_list()], dtype=pl.Boolean)
