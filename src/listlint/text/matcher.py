"""Phrase matching at scale: one Aho-Corasick automaton over thousands of terms, with
word boundaries, on folded text (see :mod:`listlint.text.normalize`).

A Python regex alternation of thousands of terms is ~300x slower (measured); the
automaton scans each text once whatever the number of terms.

Terms are folded the same way as the text. A term matches only on word boundaries
(letters/digits on either side break it), so "gun" does not fire in "gunmetal" and
"ivory" is a separate decision from "ivory white" (the caller's benign contexts).
Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
Myanmar) have no such boundary: "电子烟" is found in "一次性电子烟", and a Latin term next
to them ("vape电子烟") is at a boundary.
Plural and simple inflections are the caller's choice: add them to the term list
(:func:`inflections`) so matching stays a single pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from listlint.text.normalize import fold

T = TypeVar("T")

#: code point ranges of scripts written without spaces between words
UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x20000, 0x2FA1F),  # CJK Extensions B-F, Compatibility Supplement
)


def unspaced(c: str) -> bool:
    """Is ``c`` a letter of a script that does not separate words by spaces?"""
    o = ord(c)
    return o >= 0x0E00 and any(lo <= o <= hi for lo, hi in UNSPACED_RANGES)


def is_word_char(c: str) -> bool:
    # a letter of an unspaced script never makes a word boundary: words touch there
    return c.isalnum() and (c < "\u0e00" or not unspaced(c))


class Match(NamedTuple, Generic[T]):
    """One whole-word occurrence: ``text[start:end]`` is ``term``, which carries ``payload``.

    A named tuple, not a frozen dataclass: every family's matchers make one per
    occurrence (hundreds of thousands a run), and a frozen dataclass sets each field
    through ``object.__setattr__`` (~3x the cost of a tuple, measured)."""

    start: int
    end: int
    term: str
    payload: T


class PhraseMatcher(Generic[T]):
    """Map folded terms to payloads; find whole-word occurrences in folded text."""

    def __init__(self, terms: Iterable[tuple[str, T]], *, word_boundaries: bool = True) -> None:
        self._automaton = ahocorasick.Automaton()
        self._word_boundaries = word_boundaries
        # one loop with its calls inlined: every process builds matchers over ~100k
        # terms before its first listing (the product lexicon alone has 76k), and a
        # fold() call and two is_word_char() calls per term were half of that build.
        # fold() of ASCII text is its lower case (FOLD's ASCII path, tested)
        store: dict[str, list[T]] = {}
        get = store.get
        for term, payload in terms:
            key = (term.lower() if term.isascii() else fold(term)).strip()
            if key:
                found = get(key)
                if found is None:
                    store[key] = [payload]
                else:
                    found.append(payload)
        add = self._automaton.add_word
        for key, payloads in store.items():
            # what the boundary check needs of the term, worked out once per term, not
            # once per occurrence (iter runs on every title and description of a run)
            first, last = key[0], key[-1]
            add(
                key,
                (
                    key,
                    tuple(payloads),
                    len(key) - 1,
                    first.isalnum() and (first < "\u0e00" or not unspaced(first)),
                    last.isalnum() and (last < "\u0e00" or not unspaced(last)),
                ),
            )
        self._size = len(store)
        if self._size:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self._size

    def iter(self, folded_text: str) -> Iterator[Match[T]]:
        """Every whole-word match (overlapping matches included) in ``folded_text``."""
        return iter(self.matches(folded_text))

    def matches(self, folded_text: str) -> list[Match[T]]:
        """Every whole-word match (overlapping matches included) in ``folded_text``, in
        the automaton's order. Built in one loop, not through a generator with two
        :func:`is_word_char` calls per occurrence (inlined below): specs' SP103 reads
        every description that mentions a battery, ~25% less CPU in its matching."""
        if not self._size or not folded_text:
            return []
        n = len(folded_text)
        bounded = self._word_boundaries
        out: list[Match[T]] = []
        for end_idx, (key, payloads, span, word_first, word_last) in self._automaton.iter(
            folded_text
        ):
            start = end_idx - span
            end = end_idx + 1
            if bounded:
                if word_first and start > 0:
                    c = folded_text[start - 1]
                    if c.isalnum() and (c < "\u0e00" or not unspaced(c)):  # is_word_char(c)
                        continue
                if word_last and end < n:
                    c = folded_text[end]
                    if c.isalnum() and (c < "\u0e00" or not unspaced(c)):  # is_word_char(c)
                        continue
            for payload in payloads:
                out.append(Match(start, end, key, payload))
        return out

    def longest(self, folded_text: str) -> list[Match[T]]:
        """Matches with those contained in a longer match removed ("hot glue gun" hides "gun")."""
        found = self.matches(folded_text)
        if len(found) < 2:  # most texts hold no term or one: nothing to sort or hide
            return found
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        # one sweep in start order instead of testing each match against every kept one:
        # a kept match that starts earlier and reaches m's end is longer and holds m;
        # one that starts where m does holds it only when it ends later
        out: list[Match[T]] = []
        reach = -1  # furthest end of the kept matches starting before ``start``
        start, here = -1, -1  # the current start, furthest end of kept matches there
        for m in found:
            if m.start != start:
                reach, start, here = max(reach, here), m.start, -1
            if reach >= m.end or here > m.end:
                continue
            out.append(m)
            here = max(here, m.end)
        return out

    def contains_any(self, folded_text: str) -> bool:
        return bool(self.matches(folded_text))


def literal_automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton of ``words`` as they are (each its own payload): plain
    substring search, no folding and no word boundaries (:class:`PhraseMatcher` has both)."""
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton


def inflections(term: str) -> list[str]:
    """The term plus its regular English plural(s) for single- or multi-word terms
    (the last word inflects): "knife" -> knives, "switchblade" -> switchblades."""
    words = term.split(" ")
    last = words[-1]
    forms = {last}
    if len(last) > 2 and last.isalpha():
        if last.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(last + "es")
        elif last.endswith("y") and last[-2] not in "aeiou":
            forms.add(last[:-1] + "ies")
        elif last.endswith("fe"):
            forms.update({last + "s", last[:-2] + "ves"})
        elif last.endswith("f"):
            forms.update({last + "s", last[:-1] + "ves"})
        else:
            forms.add(last + "s")
    return [" ".join([*words[:-1], f]) for f in sorted(forms)]
