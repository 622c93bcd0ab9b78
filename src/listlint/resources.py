"""Find the shipped data folders (``policies/``, ``wordlists/``) and read wordlists.

In a wheel they live inside the package at ``listlint/_data``; in a source checkout
(editable install, tests) they are the repository-root folders.
"""

from __future__ import annotations

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
            # a line without '#' is its term (the common words' 40k lines are read by
            # every process that checks trademarks or recalls)
            term = (_strip_comment(line.rstrip("\n")) if "#" in line else line).strip()
            if term:
                out.append(term)
    return tuple(out)


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``wordlists/<name>.tsv`` (header row, tab-separated, lines starting with
    '#' are comments; ``\\#`` in a cell is a literal ``#``, so a row may start with one)."""
    keys, rows = table_rows(name)
    return tuple(dict(zip(keys, row)) for row in rows)


def table_rows(name: str) -> tuple[tuple[str, ...], list[list[str]]]:
    """:func:`table` as its column names and, per row, the cells in their order: for the
    tables read at every start-up (the product lexicon's 76k rows, Google's taxonomy),
    whose readers need no dict per row (a dict of 8 cells per row was half of reading
    the lexicon). Not cached: the caller keeps what it builds from the rows."""
    path = wordlists_dir() / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    if not lines:
        return (), []
    # what csv.DictReader(delimiter="\t", quoting=csv.QUOTE_NONE) reads, without its
    # per-row dict of raw cells: tables of 76k rows (the product lexicon) are read at
    # every start-up. A line ends at its terminator (newline="" keeps it), quotes are
    # plain characters, a short row's missing cells are blank, extra cells and unnamed
    # columns are dropped, and of two columns with one name the later's cell is kept.
    header = lines[0].rstrip("\r\n").split("\t")
    width = len(header)
    column: dict[str, int] = {}
    for i, name in enumerate(header):
        if name:
            column[name] = i
    keys, named = tuple(column), list(column.values())
    rows: list[list[str]] = []
    if named == list(range(len(keys))) and not any(ESCAPED_HASH in ln for ln in lines):
        # the usual table (each column named once, leading, no escaped '#'): a row is
        # its first len(keys) cells, stripped by map() in C
        n, strip = len(keys), str.strip
        for line in lines[1:]:
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) < n:
                cells += [""] * (n - len(cells))
            elif len(cells) > n:
                del cells[n:]
            rows.append(list(map(strip, cells)))
        return keys, rows
    for line in lines[1:]:
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        rows.append([cells[i].strip().replace(ESCAPED_HASH, "#") for i in named])
    return keys, rows
