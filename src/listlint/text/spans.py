"""From the matching form back to the seller's characters: one span map for every family.

Rules match on folded text (:func:`listlint.text.normalize.fold`) but quote what the
seller wrote ("ＧＵＣＣＩ", "Kratóm", "Kra<ZWSP>tom"). :func:`fold_map` folds a text one
character at a time and remembers, for each folded character, the index of the
character it came from; a span found in the folded text is then quoted from the
original with :meth:`MappedText.source_span` or :func:`seller_span`.

Folding one character at a time gives the folded column's text (NFKD, mark and
invisible removal and lower case all work per character) except for context-dependent
lower case: a final Greek capital sigma folds to "σ" here and to "ς" in the column.
Both have one character, so the map stays aligned with the column's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from listlint.text.normalize import FOLD

#: the folded form of each non-ASCII character seen (a catalogue uses few)
_CHAR_FOLDS: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class MappedText:
    """``text`` in a matching form; ``index[k]`` is the source position of ``text[k]``."""

    text: str
    index: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span ``[a, b)`` the matching-form span ``[start, end)`` came from."""
        if start >= end or not self.index:
            return (0, 0)
        return self.index[start], self.index[end - 1] + 1


def _fold_char(c: str) -> str:
    found = _CHAR_FOLDS.get(c)
    if found is None:
        found = _CHAR_FOLDS[c] = FOLD(c)
    return found


def fold_map(text: str) -> tuple[str, list[int]]:
    """``text`` folded, and per folded character the index of its source character."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        f = c.lower() if c.isascii() else _fold_char(c)
        chars.append(f)
        index.extend([i] * len(f))
    return "".join(chars), index


def seller_span(raw: str, fragment: str) -> tuple[int, int] | None:
    """Where the folded ``fragment`` was written in ``raw`` (its first occurrence): the
    lower-cased text when lower case keeps every position, else the folded text mapped
    back. None when ``raw`` does not hold it."""
    if not fragment:
        return None
    low = raw.lower()
    if len(low) == len(raw):
        pos = low.find(fragment)
        if pos >= 0:
            return pos, pos + len(fragment)
    folded, index = fold_map(raw)
    pos = folded.find(fragment)
    if pos < 0:
        return None
    return index[pos], index[pos + len(fragment) - 1] + 1
