"""One literal scan of a batch's folded text column for every family that prefilters it
with a literal alternation (offplatform, advertising).

On a catalogue of long descriptions that scan is these families' main cost (1M generated
listings: ~1.1 s CPU each), and a scan for the union of two alternations costs about what
one costs (Rust's regex runs literals as one Teddy/Aho-Corasick pass). So a family
registers its alternation when its vocabulary is built; the first family that asks scans
the column once for the union of every alternation registered in this process (the batch
keeps the rows), and each family keeps the rows its own alternation matches, reading only
those rows. The union is a superset of each family's set, so no family loses a row; a
family built but not selected in a run only adds rows the others filter out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from listlint.batch import Batch

#: family name -> its stage-one alternation (a regex of escaped literals)
_REGISTERED: dict[str, str] = {}
_union: list[str] = [""]


def register(owner: str, alternation: str) -> None:
    """Make ``alternation`` part of the shared scan (idempotent per owner)."""
    if _REGISTERED.get(owner) == alternation:
        return
    _REGISTERED[owner] = alternation
    _union[0] = "|".join(sorted(set(_REGISTERED.values())))


def rows(batch: Batch, field: str, owner: str) -> pl.Series:
    """Positions (UInt32) of the ``field`` cells whose folded text holds one of
    ``owner``'s literals."""
    own = _REGISTERED[owner]
    union = _union[0]
    text = batch.folded_series(field)
    kept = batch.cached(
        f"textscan:{field}:{union}",
        lambda b: b.folded_series(field).str.contains(union).fill_null(False).arg_true(),
    )
    if own == union or not len(kept):
        return kept
    return kept.filter(text.gather(kept).str.contains(own).fill_null(False))
