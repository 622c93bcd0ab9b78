"""A bounded memo: answers remembered by key, for texts a catalogue repeats.

Catalogues repeat their titles, category paths and brands (a row per size and colour),
so several analyses remember what they read per text. A hostile file of distinct texts
must not grow such a memo without end: full, it empties and starts again (a repeated
text is usually met again soon, so the answers worth keeping come back quickly).
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(dict[K, V]):
    """A dict of remembered answers holding at most ``limit`` of them. Read it as a
    dict (``get``, ``in``); store through :meth:`keep`."""

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` (emptying the memo first when it is full)."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
