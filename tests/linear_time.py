"""One check that a text reader is linear in its input, for the families' hostile-text
tests: 8x the text must take well under 64x the time (what a quadratic reader needs)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_cpu(fn: Callable[[], object], repeat: int = 3) -> float:
    """CPU seconds of ``fn()``, the best of ``repeat`` runs (the machine may be shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def assert_linear(read: Callable[[str], object], piece: str, copies: int = 1_000) -> None:
    """``read`` of ``piece`` repeated 8x ``copies`` times costs about 8x (linear), never
    24x; runs under a quarter second pass whatever the ratio (timer noise)."""
    small_text, large_text = piece * copies, piece * (8 * copies)
    small = best_cpu(lambda: read(small_text))
    large = best_cpu(lambda: read(large_text))
    assert large < max(0.25, small * 24), (small, large)
