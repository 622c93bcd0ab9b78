"""Which candidate listings have a context (contexts.tsv) anywhere, decided columnar.

A term with a context ("tank" needs a vape word, "coils" too) counts only when the
listing also has a word of that context or one of its signals ("0.4ohm"). Most candidate
rows that match such a term have none anywhere (a "Tank Top", "Resistance Bands"); the
row analysis asked the context automaton and the signal patterns of every one of their
fields in Python, about 70 µs a listing. Here one polars regex per asked context runs
over the candidate rows' fields at once, and says which rows *may* have it: a superset
(word boundaries are only required where the context matcher requires them), so a row
left out certainly lacks the context, and a row kept is judged as before.
"""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

import polars as pl

from listlint.rules.prohibited.prefilter import escape_literal, polars_accepts
from listlint.text.matcher import UNSPACED_RANGES, is_word_char
from listlint.text.normalize import fold

if TYPE_CHECKING:
    from listlint.rules.prohibited.vocab import Vocabulary

#: what may stand next to a context word where the matcher sees a word boundary: not a
#: letter or digit, or a letter of a script written without spaces (those touch words)
_UNSPACED_CLASS = "".join(f"\\x{{{lo:X}}}-\\x{{{hi:X}}}" for lo, hi in UNSPACED_RANGES)
_EDGE = rf"(?:[^\p{{L}}\p{{N}}]|[{_UNSPACED_CLASS}])"


def words_regex(words: list[str]) -> str:
    """A regex finding at least every place :class:`~listlint.text.matcher.PhraseMatcher`
    finds one of ``words`` (folded as it folds them): a boundary is required only on a
    side where the word's own edge character is a word character. Words are grouped by
    the boundaries they need, one alternation per group: a boundary per word would make
    the regex too large for polars' fast engine (seconds per batch, measured)."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for word in sorted({k for w in words if (k := fold(w).strip())}, key=len, reverse=True):
        edges = (is_word_char(word[0]), is_word_char(word[-1]))
        groups.setdefault(edges, []).append(escape_literal(word))
    parts = []
    for (left, right), alts in sorted(groups.items(), reverse=True):
        before = rf"(?:^|{_EDGE})" if left else ""
        after = rf"(?:{_EDGE}|$)" if right else ""
        parts.append(f"{before}(?:{'|'.join(alts)}){after}")
    return "|".join(parts)


class ContextPresence:
    """Per context name, the candidate rows that may have it in any scanned field.

    ``rows`` are the batch positions of the candidate rows; ``cells`` each scanned
    field's folded text of those rows, in ``rows`` order (what the row analysis reads);
    only the rows in ``asked`` are searched (those the row analysis judges). Computed on
    the first question about a context, so a batch whose terms need none pays nothing."""

    def __init__(
        self,
        vocab: Vocabulary,
        rows: list[int],
        cells: dict[str, list[str | None]],
        asked: Container[int],
    ) -> None:
        self._vocab, self._cells = vocab, cells
        self._ks = [k for k, i in enumerate(rows) if i in asked]
        self._rows = [rows[k] for k in self._ks]
        self._found: dict[str, frozenset[int] | None] = {}

    def lacks(self, name: str, row: int) -> bool:
        """Certainly no word or signal of context ``name`` anywhere in listing ``row``."""
        if name not in self._found:
            self._found[name] = self._search(name)
        found = self._found[name]
        return found is not None and row not in found

    def _search(self, name: str) -> frozenset[int] | None:
        """The rows that may have context ``name``; None when it cannot be told columnar
        (a signal pattern polars' engine does not accept)."""
        regexes = self._vocab.presence_regexes  # worked out once per run, not per batch
        if name not in regexes:
            regexes[name] = _context_regex(self._vocab, name)
        regex = regexes[name]
        if regex is None:
            return None
        if not regex or not self._rows:
            return frozenset()
        n = len(self._rows)
        # every field's cells stacked: one regex pass, field k at offsets k * n
        stacked = [cells[k] for cells in self._cells.values() for k in self._ks]
        mask = pl.Series(stacked, dtype=pl.Utf8).str.contains(regex)
        return frozenset(self._rows[k % n] for k in mask.fill_null(False).arg_true().to_list())


def _context_regex(vocab: Vocabulary, name: str) -> str | None:
    """Context ``name``'s words and signal patterns as one regex ("" when it has none);
    None when polars' engine does not accept a signal pattern."""
    signals = [p.pattern for p in vocab.trade if p.strength == "signal" and p.context == name]
    if not all(polars_accepts(p) for p in signals):
        return None
    alternatives = [f"(?i:{p})" for p in signals]
    words = words_regex(list(vocab.contexts.get(name, ())))
    if words:
        alternatives.insert(0, words)
    return "|".join(alternatives)
