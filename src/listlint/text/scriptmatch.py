"""Phrase matching across writing systems, with and without spaces between words.

:class:`~listlint.text.matcher.PhraseMatcher` requires word boundaries, which is right for
Latin, Cyrillic or Arabic text and wrong for Chinese, Japanese and Thai, written without
spaces: "联系电话138..." or "日本製" hold a term with no boundary around it. A
:class:`ScriptMatcher` keeps two automata, one per kind of term, and yields the matches of
both in text order, so a rule reads one vocabulary whatever its languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from listlint.text.matcher import Match, PhraseMatcher

T = TypeVar("T")

#: scripts written without spaces between words: Thai, Lao, Khmer, Myanmar, kana and
#: CJK ideographs, Hangul syllables are spaced (Korean) and stay on the word automaton
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
)


def unspaced(term: str) -> bool:
    """Is ``term`` written (at least partly) in a script without spaces between words?"""
    return any(lo <= ord(c) <= hi for c in term for lo, hi in _UNSPACED)


class ScriptMatcher(Generic[T]):
    """Whole-word matches of spaced-script terms, and anywhere-matches of terms in
    scripts without spaces; both on folded text (:func:`listlint.text.normalize.fold`)."""

    def __init__(self, terms: Iterable[tuple[str, T]]) -> None:
        spaced: list[tuple[str, T]] = []
        dense: list[tuple[str, T]] = []
        for term, payload in terms:
            (dense if unspaced(term) else spaced).append((term, payload))
        self._spaced = PhraseMatcher(spaced)
        self._dense = PhraseMatcher(dense, word_boundaries=False)
        self.keys = sorted({m for m in self._spaced_keys(spaced) + self._spaced_keys(dense)})

    @staticmethod
    def _spaced_keys(terms: list[tuple[str, T]]) -> list[str]:
        from listlint.text.normalize import fold

        return [k for k in (fold(t).strip() for t, _ in terms) if k]

    def __len__(self) -> int:
        return len(self._spaced) + len(self._dense)

    def iter(self, folded: str) -> Iterator[Match[T]]:
        """Every match, ordered by start (longer first at the same start)."""
        found = list(self._spaced.iter(folded))
        if not folded.isascii():
            found.extend(self._dense.iter(folded))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return iter(found)

    def longest(self, folded: str) -> list[Match[T]]:
        """Matches with those inside a longer one removed ("made in the" hides "made in")."""
        out: list[Match[T]] = []
        reach = -1  # matches come by start, longest first: one inside an earlier match
        for m in self.iter(folded):  # ends no later than the furthest end seen so far
            if m.end <= reach:
                continue
            out.append(m)
            reach = m.end
        return out
