"""Write reports safely: a regular file atomically (a temp file beside it, then a
rename, so a crash or kill never leaves a half-written report over a good one); a
device, FIFO or socket (``/dev/null``, ``>(jq .)``, a named pipe) in place, because
renaming over it would replace the node itself (as root, ``-o /dev/null`` turned the
system's null device into a regular file). A symlink is followed, never replaced.

:func:`check_target` runs before linting, so an unusable ``--output`` costs one line
and no wasted run; failures while writing (a full disk) are one line naming the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from listlint.errors import OutputError


def _special(target: Path) -> bool:
    """``target`` exists (through symlinks) and is not a regular file or a folder."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _resolved(target: Path) -> Path:
    """Where a write to ``target`` lands: a symlink's final target (the link stays)."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_target(target: Path) -> None:
    """Refuse an output the report could not be written to, before any linting."""
    target = Path(target)
    if _special(target):
        if not os.access(target, os.W_OK):
            raise OutputError("cannot write the report here: permission denied", path=str(target))
        return
    real = _resolved(target)
    if real.is_dir():
        raise OutputError("is a directory; give a file name for the report", path=str(target))
    folder = real.parent if str(real.parent) else Path(".")
    if not folder.exists():
        raise OutputError(f"directory {str(folder)!r} does not exist", path=str(target))
    if not folder.is_dir():
        raise OutputError(f"{str(folder)!r} is not a directory", path=str(target))
    try:  # the real test: can a temp file be made there (read-only mounts, ACLs, quota)
        fd, probe = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"cannot write to directory {str(folder)!r} ({_reason(exc)})", path=str(target)
        ) from exc
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A path to write; a temp file renamed over ``target`` only if the block succeeds.

    For a device or FIFO the path is ``target`` itself (written in place). An
    ``OSError`` while writing becomes an :class:`OutputError` naming ``target``."""
    target = Path(target)
    if _special(target):
        try:
            yield target
        except OSError as exc:
            raise OutputError(
                f"cannot write the report ({_reason(exc)})", path=str(target)
            ) from exc
        return
    real = _resolved(target)
    folder = real.parent if str(real.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write the report ({_reason(exc)})", path=str(target)) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp makes 0600 files; a report should get the usual umask-derived mode.
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        os.replace(tmp_path, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        if isinstance(exc, OSError):
            raise OutputError(
                f"cannot write the report ({_reason(exc)})", path=str(target)
            ) from exc
        raise


@contextlib.contextmanager
def atomic_text_writer(target: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    with atomic_path(target) as path:
        # closed inside the block, so a write error on close (a full disk) is caught
        # by atomic_path and the half-written file never replaces the old report
        fh = path.open("w", encoding=encoding, newline="")
        try:
            yield fh
        finally:
            fh.close()


def write_bytes(target: Path, data: bytes) -> None:
    """``data`` to ``target``, as :func:`atomic_path` writes."""
    with atomic_path(target) as path, path.open("wb") as fh:
        fh.write(data)
