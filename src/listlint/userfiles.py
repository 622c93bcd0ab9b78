"""Reading the small files a user points listlint at: config, ignore file, baseline.

These paths come from a command line or from a ``pyproject.toml`` in a pull request, so
they may name anything: ``/dev/zero`` (endless), a FIFO (blocks for ever), ``/proc``
files (size 0, any length). Only regular files are read, and never more than a limit
per kind; either problem is a one-line :class:`~listlint.errors.ConfigError`.

Mappings with a key written twice are refused too (``load_json``, and YAML through
:mod:`listlint.yamlsafe`): last-wins would let a second ``reason`` or ``count`` hide
the first from a reviewer. TOML refuses them itself.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from listlint.errors import ConfigError

MB = 1024 * 1024
#: a config file (listlint.toml, pyproject.toml) is a few KB; 10 MB is generous
CONFIG_LIMIT = 10 * MB
#: an ignore file lists suppressions by hand: tens of thousands of entries at most
IGNORE_LIMIT = 64 * MB
#: a baseline is written by listlint, ~150 bytes per distinct finding: ~1.7M at 256 MB
BASELINE_LIMIT = 256 * MB


def read_bytes(path: str | Path, what: str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), or a ConfigError
    that says ``what`` the file was for."""
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise ConfigError(f"{what} not found", path=str(p)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read {what} ({exc.strerror or exc})", path=str(p)) from None
    if not stat.S_ISREG(info.st_mode):
        # checked before opening: opening a FIFO blocks until someone writes to it
        raise ConfigError(f"{what} is not a regular file", path=str(p))
    if info.st_size > limit:
        raise ConfigError(_too_big(what, limit), path=str(p))
    try:
        with p.open("rb", buffering=0) as fh:
            fd = fh.fileno()
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the stat above
                raise ConfigError(f"{what} is not a regular file", path=str(p))
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read {what} ({exc.strerror or exc})", path=str(p)) from None
    if len(data) > limit:  # /proc files report a size of 0
        raise ConfigError(_too_big(what, limit), path=str(p))
    return data


def read_text(path: str | Path, what: str, limit: int) -> str:
    data = read_bytes(path, what, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{what} is not UTF-8 text (byte {exc.start})", path=str(Path(path))
        ) from None


def _too_big(what: str, limit: int) -> str:
    return f"{what} is larger than {limit // MB} MB; this is not a file listlint wrote or expects"


class DuplicateKey(ValueError):
    """A JSON object names one key twice."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(f"key {key!r} appears twice in one object")
        out[key] = value
    return out


def load_json(text: str) -> Any:
    """``json.loads`` that refuses an object with a repeated key (:class:`DuplicateKey`,
    a ValueError like every other JSON error)."""
    return json.loads(text, object_pairs_hook=_unique_pairs)
