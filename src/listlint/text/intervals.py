"""A set of text spans with overlap tests in logarithmic time.

Readers that skip a match overlapping an earlier one ("a link already reported", "a
phrase another rule owns") would be quadratic testing each new match against every span
kept; :class:`Intervals` keeps the union of the spans sorted and answers by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Intervals:
    """The union of half-open spans ``[start, end)``, merged as they are added."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans or ()):
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        # merge with every kept span that touches [start, end)
        lo = bisect_left(self._ends, start)
        hi = bisect_right(self._starts, end)
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` share a character with a kept span?"""
        at = bisect_left(self._ends, start + 1)
        return at < len(self._starts) and self._starts[at] < end

    def starts_at(self, pos: int) -> bool:
        """Does a kept span start exactly at ``pos``?"""
        at = bisect_left(self._starts, pos)
        return at < len(self._starts) and self._starts[at] == pos

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends, strict=True))

    def __len__(self) -> int:
        return len(self._starts)
