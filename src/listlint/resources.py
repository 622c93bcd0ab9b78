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


def _strip_comment(line: str) -> str:
    # '#' starts a comment only at the line start or after whitespace, so terms
    # such as "c#" or "#1 best seller" survive.
    if line.lstrip().startswith("#"):
        return ""
    idx = line.find(" #")
    return line[:idx] if idx >= 0 else line


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
    """Rows of ``wordlists/<name>.tsv`` (header row, tab-separated, '#' comment lines)."""
    path = wordlists_dir() / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items() if k} for row in reader)
