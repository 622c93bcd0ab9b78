"""Candidate listings whose flagged matches all go nowhere, told columnar.

Most rows the prefilter flags on generate.py-like catalogues hold a term only inside a
benign phrase of its own ("an ivory white duvet", four times in a description) or a
term that needs a context the listing lacks ("Tank Top"). The row analysis settles
each of them in Python (:meth:`~listlint.rules.prohibited.evidence.RowAnalyser._settled`),
about 35 µs a row, most of the family's time. Here a whole batch's flagged cells are
settled in a few polars passes, and only the rows not settled go on to the row analysis.

Sound by construction: a row said settled here is one the row analysis would settle
(a row left out is judged as before, so findings do not change):

1. Every occurrence of a *safe* covering phrase has the letters of the terms it excuses
   upper-cased (folded text has no capitals, so no term matches them any more). A phrase
   is safe when every term that could overlap those letters in any text (inside the
   phrase, around it, across its edges: worked out once from the vocabulary) is one the
   phrase excuses, so the rewrite only removes matches the row analysis excuses.
2. A rewritten phrase touching a letter or digit is no phrase the matcher finds (it
   needs word boundaries): such a cell is not settled.
3. Then a regex that finds at least every place the matcher finds a term (boundaries
   only where the matcher needs them) runs on the rewritten cells: a term that counts
   whatever the listing says leaves the cell unsettled; a term that needs a context
   does too, unless the listing certainly lacks that context (:mod:`.presence`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

import polars as pl

from listlint.rules.prohibited.prefilter import escape_literal
from listlint.rules.prohibited.presence import words_regex
from listlint.text.matcher import is_word_char, literal_automaton


@cache  # ~100k calls while the settler is built (every process), over a few hundred chars
def _letter_or_digit(c: str) -> bool:
    """What ``[\\p{L}\\p{N}]`` matches: a character there breaks a boundary for the regexes."""
    return unicodedata.category(c)[0] in "LN"


@dataclass(frozen=True)
class Settler:
    #: covering benign phrases (folded) whose rewrite is safe, and their rewrites
    phrases: tuple[str, ...]
    rewrites: tuple[str, ...]
    #: the forms of terms that count whatever the rest of the listing says
    anywhere: frozenset[str]
    #: the forms of terms that count only with a context -> that context
    contexts: dict[str, str]

    @cached_property
    def _open(self) -> str:
        """A term that counts whatever the rest of the listing says, or a rewritten
        phrase with a letter or digit beside it (no match of the phrase: its term is not
        excused). Large (~45 ms to compile): polars keeps it compiled as long as this
        family's thread asks (:mod:`.ownthread`)."""
        return _unsettled_regex(sorted(self.anywhere), list(self.rewrites)) or "$^"

    @cached_property
    def _needing(self) -> str:
        """A term that counts only with a context."""
        return words_regex(list(self.contexts)) or "$^"

    def settled(self, cells: list[tuple[int, str]], lacks: Callable[[str, int], bool]) -> set[int]:
        """Of the rows of ``cells`` ((row, folded text) of every flagged cell of a row),
        those whose every cell is settled; ``lacks(context, row)``: certainly absent."""
        if not cells:
            return set()
        # what a text holds does not depend on its row: each distinct text is read once
        # (a catalogue repeats its titles, and its descriptions across variants)
        distinct = list(dict.fromkeys(t for _, t in cells))
        texts = pl.Series(distinct, dtype=pl.Utf8)
        if self.phrases:
            texts = texts.str.replace_many(list(self.phrases), list(self.rewrites))
        # Series calls, not one frame select: polars runs a select's expressions on its
        # pool threads, whose regex caches the other families' regexes evict
        unsettled = texts.str.contains(self._open).fill_null(False)
        needing = texts.str.contains(self._needing).fill_null(False)
        # per distinct text: None when it settles nothing, else the contexts it needs
        needs: dict[str, frozenset[str] | None] = dict.fromkeys(distinct, frozenset())
        for k in unsettled.arg_true().to_list():
            needs[distinct[k]] = None
        asked = (needing & ~unsettled).arg_true()
        if len(asked):
            # every literal occurrence, overlapping ones too (a superset of the matches):
            # each one's context must be certainly absent from the listing
            forms = texts.gather(asked).str.extract_many(list(self.contexts), overlapping=True)
            for k, hits in zip(asked.to_list(), forms.to_list(), strict=True):
                needs[distinct[k]] = frozenset(self.contexts[f] for f in hits or ())
        lost: set[int] = set()
        for i, text in cells:
            names = needs[text]
            if i not in lost and (names is None or any(not lacks(n, i) for n in names)):
                lost.add(i)
        return {i for i, _ in cells} - lost


def _unsettled_regex(forms: list[str], rewrites: list[str]) -> str:
    """A term form at the matcher's boundaries (at least where the matcher finds one),
    or a rewritten phrase with a letter or digit beside it: no match of the phrase, so
    the term inside it is not excused."""
    parts = [words_regex(forms)] if forms else []
    if rewrites:
        placed = "|".join(escape_literal(r) for r in sorted(rewrites, key=len, reverse=True))
        parts += [rf"[\p{{L}}\p{{N}}](?:{placed})", rf"(?:{placed})[\p{{L}}\p{{N}}]"]
    return "|".join(parts)


def build_settler(
    term_keys: dict[str, list[tuple[int, str | None]]],
    phrase_keys: dict[str, list[int]],
    excused_by: Callable[[int, int], bool],
) -> Settler:
    """``term_keys``: each folded term form -> (term id, its context) of the terms that
    have it; ``phrase_keys``: each folded form of a covering benign phrase -> its phrase
    ids; ``excused_by(term, phrase)``: does that phrase excuse that term."""
    overlaps = _Overlaps(list(term_keys), list(phrase_keys))
    phrases, rewrites = [], []
    for key, excusing in sorted(phrase_keys.items(), key=lambda kv: (-len(kv[0]), kv[0])):

        def excused(form: str, excusing: list[int] = excusing) -> bool:
            return all(any(excused_by(t, b) for b in excusing) for t, _ in term_keys[form])

        letters = {
            k
            for d, form in overlaps.of(key)
            if 0 <= d and d + len(form) <= len(key) and excused(form)
            for k in range(d, d + len(form))
            if key[k].upper() != key[k] and len(key[k].upper()) == 1
        }
        if letters and all(
            not _overlap(key, form, d, letters) or excused(form) for d, form in overlaps.of(key)
        ):
            phrases.append(key)
            rewrites.append("".join(c.upper() if k in letters else c for k, c in enumerate(key)))
    return Settler(
        tuple(phrases),
        tuple(rewrites),
        frozenset(f for f, terms in term_keys.items() if _context(terms) is None),
        {f: name for f, terms in term_keys.items() if (name := _context(terms))},
    )


def _context(terms: list[tuple[int, str | None]]) -> str | None:
    """The one context every term of a form needs (None: one counts without)."""
    names = {c for _, c in terms}
    return names.pop() if len(names) == 1 and None not in names else None


class _Overlaps:
    """Every alignment at which a term form and a phrase share characters: the form
    inside the phrase, the phrase inside the form, or one's end on the other's start.
    Found with automata and prefix/suffix tables (every form against every phrase at
    every offset is millions of comparisons)."""

    def __init__(self, forms: list[str], phrases: list[str]) -> None:
        self._forms = literal_automaton(forms)
        self._ends: dict[str, list[str]] = {}  # a form's proper suffix -> the forms
        self._starts: dict[str, list[str]] = {}  # a form's proper prefix -> the forms
        for form in forms:
            # only edges with no letter or digit beside them inside the form: an
            # occurrence of the phrase has none beside it (:func:`_overlap`)
            for j in range(1, len(form)):
                if not _letter_or_digit(form[-j - 1]):
                    self._ends.setdefault(form[-j:], []).append(form)
                if not _letter_or_digit(form[j]):
                    self._starts.setdefault(form[:j], []).append(form)
        self._around: dict[str, list[tuple[int, str]]] = {}  # phrase -> (offset, form)
        automaton = literal_automaton(phrases)
        for form in forms:
            for end, phrase in automaton.iter(form):
                start = end - len(phrase) + 1
                if len(form) > len(phrase):
                    self._around.setdefault(phrase, []).append((-start, form))

    def of(self, key: str) -> list[tuple[int, str]]:
        """(d, form): the form starting at offset d of ``key`` (d < 0: before it)."""
        n = len(key)
        out = [(end - len(f) + 1, f) for end, f in self._forms.iter(key)]
        out += self._around.get(key, [])
        for j in range(1, n):
            if is_word_char(key[j - 1]) and is_word_char(key[j]):
                continue  # inside a word of the phrase: no match starts or ends there
            out += [(j - len(f), f) for f in self._ends.get(key[:j], ()) if len(f) > j]
            out += [(j, f) for f in self._starts.get(key[j:], ()) if len(f) > n - j]
        return out


def _overlap(key: str, form: str, d: int, letters: set[int]) -> bool:
    """Could the matcher find ``form`` at offset ``d`` of an occurrence of phrase ``key``
    (one with no letter or digit beside it, or the misplaced check drops the cell),
    covering one of ``letters``?"""
    n, m = len(key), len(form)
    lo, hi = max(0, d), min(n, d + m)
    if not any(lo <= k < hi for k in letters):
        return False
    if d > 0 and is_word_char(form[0]) and is_word_char(key[d - 1]):
        return False  # the form would start inside a word of the phrase
    if d + m < n and is_word_char(form[-1]) and is_word_char(key[d + m]):
        return False
    if d < 0 and _letter_or_digit(form[-d - 1]):
        return False
    return not (d + m > n and _letter_or_digit(form[n - d]))
