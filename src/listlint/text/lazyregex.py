"""Regexes over non-Latin scripts, compiled only when text needs them.

Python's regex compiler marks every code point of a character class in a 64 KB map, so
a class spanning a script block ("[\\u3000-\\u9fff]") costs ~1.5 ms to compile (measured),
where an ASCII class costs ~0.05 ms. Compiled at import, eight such classes charged
every run ~12 ms, a tenth of a 20-row catalogue's own work, though ASCII listings never
reach them. :class:`LazyPattern` compiles on first use; :func:`has_chars` answers "does
this text have a character in these ranges" with no regex at all.
"""

from __future__ import annotations

import re
from typing import Any

#: Chinese/Japanese punctuation and ideographs, and Hangul syllables
CJK = ((0x3000, 0x9FFF), (0xAC00, 0xD7AF))


class LazyPattern:
    """A ``re.Pattern`` stand-in compiled on first use (``search``, ``sub``, ... and
    ``pattern`` behave as the compiled pattern's)."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return getattr(compiled, name)


def has_chars(text: str, ranges: tuple[tuple[int, int], ...] = CJK) -> bool:
    """Does ``text`` contain a character in one of the code point ``ranges``?"""
    if text.isascii():
        return False
    return any(lo <= ord(c) <= hi for c in text for lo, hi in ranges)
