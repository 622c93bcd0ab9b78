"""A progress bar on stderr for big inputs, only when stderr is a terminal, so machine
formats on stdout and CI logs stay clean."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from listlint.formatters.safe import clean_text

#: inputs smaller than this finish before a bar is worth drawing
THRESHOLD_BYTES = 20 * 1024 * 1024


class Progress:
    def __init__(self, sizes: dict[str, int], enabled: bool) -> None:
        self.sizes = sizes
        self.total = max(1, sum(sizes.values()))
        self.done = 0
        self.enabled = enabled
        self._drawn = False

    @classmethod
    def for_files(cls, files: Sequence[Path], flag: bool | None = None) -> Progress:
        sizes = {}
        for p in files:
            try:
                sizes[str(p)] = os.path.getsize(p)
            except OSError:
                sizes[str(p)] = 0
        if flag is None:
            flag = sys.stderr.isatty() and sum(sizes.values()) >= THRESHOLD_BYTES
        return cls(sizes, bool(flag))

    def _draw(self, label: str) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total)
        pct = 100 * self.done // self.total
        # a file name can hold terminal escapes (ESC ]0;... retitles the terminal)
        label = " ".join(clean_text(label).split())
        name = label if len(label) <= 40 else "…" + label[-39:]
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {pct:3d}% {name}\x1b[K")
        sys.stderr.flush()
        self._drawn = True

    def start(self, path: Path) -> None:
        self._draw(f"reading {path}")

    def advance(self, path: Path) -> None:
        self.done += self.sizes.get(str(path), 0)
        self._draw(f"checked {path}")

    def close(self) -> None:
        if self._drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self._drawn = False
