"""The prohibited family's batch analysis on a thread of its own.

polars keeps the regexes it compiles in a small cache per thread (32 of them). The other
families of a run use more than that per batch, so on the thread they share the
family's regexes were compiled afresh for every batch: the prefilter's alternation of
4,300 term forms with the pack patterns (~25-40 ms), the recall words (~8 ms), each
context's words. That was about 1 s of CPU on 1M generate.py listings (20 batches). On a
thread that runs only this family each is compiled once per process.

The caller waits for the result, so nothing runs concurrently: the thread only gives
polars a cache of its own. A process forked from one that started the thread does not
have it, so the thread is started again in each process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

_NAME = "listlint-prohibited"
_lock = threading.Lock()
_pool: tuple[int, ThreadPoolExecutor] | None = None


def on_own_thread(fn: Callable[[], T]) -> T:
    """``fn()`` run on the family's thread (started on first use in this process)."""
    global _pool
    if threading.current_thread().name.startswith(_NAME):
        return fn()  # already there (a nested call would otherwise wait on itself)
    with _lock:
        if _pool is None or _pool[0] != os.getpid():
            _pool = (os.getpid(), ThreadPoolExecutor(1, thread_name_prefix=_NAME))
        pool = _pool[1]
    return pool.submit(fn).result()
