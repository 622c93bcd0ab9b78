"""How the memory allocators behave in a process listlint owns (the ``listlint`` command
and its worker processes).

A lint allocates and frees the same sizes batch after batch: polars' columns (jemalloc,
inside polars) and Python's lists and strings of a batch (glibc's malloc for anything
over 128 KiB). Both allocators give freed memory back to the kernel quickly by default,
and the next batch then faults the same pages in again, each fault a trip into the
kernel. On 1M ``generate.py`` listings that was ~1.5-1.9M minor page faults and 6-8 s
of system time, a sixth of the run's CPU (measured 2026-12-06, docs/performance.md,
"Session 7: the allocators").

* polars sets ``_RJEM_MALLOC_CONF`` to ``dirty_decay_ms:500,muzzy_decay_ms:1000`` when it
  is imported (return freed pages within half a second, good for a notebook that holds
  a frame for hours). A batch tool re-uses them a moment later: listlint asks for
  jemalloc's own default decay (:data:`JEMALLOC_CONF`), appended to polars' so it wins.
  It must be set before polars is imported, and spawned workers inherit it.
* glibc's malloc is told to keep up to :data:`GLIBC_TRIM_THRESHOLD` free at the top of
  its heap and to serve blocks up to :data:`GLIBC_MMAP_THRESHOLD` from the heap rather
  than from a fresh ``mmap`` each time (``mallopt``; Linux with glibc only, a no-op
  elsewhere).

Peak memory grows by what is kept (~50-130 MB on 1M listings, a few MB on small files).
A caller's own ``_RJEM_MALLOC_CONF`` is left alone; library callers' processes are never
tuned (only :func:`tune` does it, and only the command and the workers call it).
"""

from __future__ import annotations

import os
import sys

#: jemalloc's own defaults for a batch tool: freed pages stay mapped for 10 s
JEMALLOC_CONF = "dirty_decay_ms:10000,muzzy_decay_ms:10000"

#: glibc mallopt parameter numbers (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_TOP_PAD = -2
_M_MMAP_THRESHOLD = -3

#: free memory glibc may keep at the top of its heap before trimming it (bytes)
GLIBC_TRIM_THRESHOLD = 256 << 20
#: allocations from this size on get their own mmap (glibc's ceiling is 32 MiB on 64-bit)
GLIBC_MMAP_THRESHOLD = 32 << 20
#: extra heap asked for each time the heap grows (bytes)
GLIBC_TOP_PAD = 16 << 20

_tuned = False


def tune() -> None:
    """Tune this process's allocators for batch work (idempotent; call before polars
    is imported for jemalloc's part to apply to this process too)."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    if "_RJEM_MALLOC_CONF" not in os.environ and "polars" not in sys.modules:
        os.environ["_RJEM_MALLOC_CONF"] = JEMALLOC_CONF
    _tune_glibc()


def _tune_glibc() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl, or no libc.so.6: leave it as it is
        return
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt(_M_TRIM_THRESHOLD, GLIBC_TRIM_THRESHOLD)
    mallopt(_M_MMAP_THRESHOLD, GLIBC_MMAP_THRESHOLD)
    mallopt(_M_TOP_PAD, GLIBC_TOP_PAD)
