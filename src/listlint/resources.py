"""Find the shipped data folders (``policies/``, ``wordlists/``) and read wordlists.

In a wheel they live inside the package at ``listlint/_data``; in a source checkout
(editable install, tests) they are the repository-root folders.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Path of ``policies`` or ``wordlists``, wherever this install keeps them."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"listlint data folder {name!r} not found (broken install?)")


def policies_dir() -> Path:
    return data_dir("policies")


def wordlists_dir() -> Path:
    return data_dir("wordlists")


#: a literal ``#`` in a term (``\#1 best seller``): unescaped, ``#`` starts a comment
ESCAPED_HASH = "\\#"


def _strip_comment(line: str) -> str:
    """The term part of a wordlist line. ``#`` starts a comment at the line start or
    after a space; ``\\#`` is a literal ``#`` anywhere, so terms such as ``\\#1 best
    seller`` or ``size \\#2`` survive (wordlists/README.md)."""
    if line.lstrip().startswith("#"):
        return ""
    idx = line.find(" #")
    return (line[:idx] if idx >= 0 else line).replace(ESCAPED_HASH, "#")


@cache
def wordlist(name: str) -> tuple[str, ...]:
    """Terms of ``wordlists/<name>.txt``: one per line, blank lines and '#' comments skipped."""
    path = wordlists_dir() / f"{name}.txt"
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            term = _strip_comment(line.rstrip("\n")).strip()
            if term:
                out.append(term)
    return tuple(out)


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``wordlists/<name>.tsv`` (header row, tab-separated, lines starting with
    '#' are comments; ``\\#`` in a cell is a literal ``#``, so a row may start with one)."""
    path = wordlists_dir() / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(
        {k: (v or "").strip().replace(ESCAPED_HASH, "#") for k, v in row.items() if k}
        for row in reader
    )
