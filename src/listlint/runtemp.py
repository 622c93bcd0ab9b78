"""One temporary folder per command-line run, holding every temporary file of the run
(spilled findings and partials, a copy of standard input).

A run removes its folder however it ends, except when it cannot: ``kill -9`` or the OOM
killer left ``listlint-partials-*`` folders (37 MB for 400k rows) piling up on CI hosts.
So the folder holds a lock that its run keeps for its whole life (the kernel releases it
when the process dies, however it dies), and every run first removes the folders of
runs whose lock is free: they are dead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PREFIX = "listlint-run-"
_LOCK = ".lock"
#: a folder without its lock yet is being created right now, unless it is this old
_UNLOCKED_GRACE_SECONDS = 3600


@contextlib.contextmanager
def run_folder(base: Path | None = None) -> Iterator[Path]:
    """A fresh folder under ``base`` (the system temp folder) that this process's
    ``tempfile`` calls use until the block ends; removed at the end."""
    root = Path(base) if base is not None else Path(tempfile.gettempdir())
    held = HeldFolder(root)
    previous = tempfile.tempdir
    tempfile.tempdir = str(held.path)
    try:
        yield held.path
    finally:
        tempfile.tempdir = previous
        held.remove()


class HeldFolder:
    """A fresh run folder under ``root``, locked while this process lives (so a later
    run sweeps it if this one is killed), after sweeping the dead runs' folders there.
    :meth:`remove` deletes it; :func:`run_folder` is the usual way to get one."""

    def __init__(self, root: Path) -> None:
        sweep(root)
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=root))
        self._lock = _hold_lock(self.path)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def _hold_lock(path: Path) -> IO[str] | None:
    """Lock the folder for this process's life. The lock file is locked under another
    name and then renamed, so a sweeping run never finds it unlocked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no sweeping, folders still removed
        return None
    pending = path / (_LOCK + ".new")
    fh = pending.open("w")
    fcntl.flock(fh, fcntl.LOCK_EX)
    os.rename(pending, path / _LOCK)
    return fh


def sweep(root: Path) -> None:
    """Remove the run folders under ``root`` whose run is dead."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(PREFIX) or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            fd = os.open(os.path.join(entry.path, _LOCK), os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            with contextlib.suppress(OSError):
                if (
                    time.time() - entry.stat(follow_symlinks=False).st_mtime
                    > _UNLOCKED_GRACE_SECONDS
                ):
                    shutil.rmtree(entry.path, ignore_errors=True)
            continue
        except OSError:
            continue  # another user's folder, or not ours to judge
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # its run is alive
        else:
            shutil.rmtree(entry.path, ignore_errors=True)
        finally:
            os.close(fd)
