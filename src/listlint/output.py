"""Write reports atomically: a temp file beside the target, then rename, so a crash or
kill never leaves a half-written report over a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temp path to write; renamed over ``target`` only if the block succeeds."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp makes 0600 files; a report should get the usual umask-derived mode.
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


@contextlib.contextmanager
def atomic_text_writer(target: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    with atomic_path(target) as tmp, tmp.open("w", encoding=encoding, newline="") as fh:
        yield fh
