"""Which row of a sheet is its header, and which rows around it are not listings.

Seller templates put title and instruction rows above the header, a row of field
descriptions under it ("(max 200 characters)", Chinese explanations under English
names), and concatenated exports repeat the header inside the data. None of those rows
is a listing; each one skipped is reported (``skipped-row``), so a product row can
never vanish silently (issue 21, M4: a decoy header row further down used to hide the
products above it, and a first product with parentheses was taken for descriptions).
"""

from __future__ import annotations

from functools import lru_cache

from listlint.catalog import LoadIssue
from listlint.loader.columns import normalise_header, profiles
from listlint.loader.headers import fold

HEADER_SCAN_ROWS = 30
#: skipped rows named one by one in findings; the rest are counted in the last one
MAX_SKIPPED_NOTES = 100


@lru_cache(maxsize=1)
def known_headers() -> frozenset[str]:
    """Every header a profile knows, as normalised and as folded keys."""
    keys: set[str] = set()
    for prof in profiles().values():
        for synonyms in prof.fields.values():
            keys.update(synonyms)
        keys.update(prof.detect)
    return frozenset(keys | {fold(k) for k in keys})


#: no known header name is near this long (the longest, translated WooCommerce ones, are
#: ~60 characters); a longer cell is data and is not normalised and folded character by
#: character (a 5 MB description cell in the first rows took 11 s to score)
MAX_HEADER_CHARS = 200


def header_score(cells: list[str | None], known: frozenset[str] | set[str]) -> int:
    score = 0
    for c in cells:
        if c and len(c) <= MAX_HEADER_CHARS:
            key = normalise_header(c)[0]
            score += key in known or fold(key) in known
    return score


def header_like(cells: list[str | None], known: frozenset[str] | set[str]) -> bool:
    """At least two cells, and half of the filled ones, are header names."""
    filled = sum(1 for c in cells if c)
    score = header_score(cells, known)
    return score >= 2 and score * 2 >= filled


def find_header(
    rows: list[list[str | None]], known: frozenset[str] | set[str], fallback: bool = True
) -> int | None:
    """Index of the header row among the first rows, or None when no row looks like one.

    The row with the most header names wins, unless an earlier header-like row has
    product rows under it: then the later row is a header repeated inside the data,
    not the table's header (a richer decoy must not hide the rows above it). Without
    known header names, ``fallback`` takes the first row of distinct short strings (a
    plain spreadsheet with its own headers)."""
    scan = rows[:HEADER_SCAN_ROWS]
    scores = [header_score(cells, known) for cells in scan]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i), default=None)
    if best is None or scores[best] < 2:
        if not fallback:
            return None
        for i, cells in enumerate(scan):
            filled = [c for c in cells if c]
            if (
                len(filled) >= 3
                and len(set(filled)) == len(filled)
                and all(len(c) < 60 for c in filled)
            ):
                return i
        return None
    for early in range(best):
        if not header_like(scan[early], known):
            continue
        between = [r for r in scan[early + 1 : best] if any(r)]
        if between and not is_description_row(between[0], scan[early], known):
            return early
        if len(between) > 1:
            return early
    return best


def is_description_row(
    cells: list[str | None], header: list[str | None], known: frozenset[str] | set[str]
) -> bool:
    """A row of field explanations under the header, not a product."""
    filled = [c for c in cells if c]
    if len(filled) < 2 or len(filled) < len([c for c in header if c]) * 0.8:
        return False
    if any(_numeric(c) for c in filled):
        return False
    # field explanations: many cells are themselves header words in another language,
    # or carry parenthesised notes such as "（分号分隔）". A row with digits in its
    # notes reads as data ("TEE-1 (M)", "$9.99 (each)"): products have numbers,
    # descriptions of fields rarely do
    matches = header_score(cells, known)
    notes = sum(1 for c in filled if "(" in c or "（" in c)
    digits = any(ch.isdigit() for c in filled for ch in c)
    return matches * 3 >= len(filled) or (notes * 2 >= len(filled) and not digits)


def _numeric(text: str) -> bool:
    try:
        float(text.replace(",", "."))
        return True
    except ValueError:
        return False


def skipped_issue(row: int, sheet: str | None, cells: list[str | None], why: str) -> LoadIssue:
    text = " | ".join(c for c in cells if c)
    return LoadIssue(
        kind="skipped-row",
        message=f"this row was not read as a listing: {why}",
        row=row,
        sheet=sheet,
        match=text[:200] or None,
        suggestion="if it is a product, move it under the header row (and delete any "
        "extra header rows), or check it by hand",
    )
