"""Catalogue facts: phase one of a run, what every batch needs to know about its file.

Some judgements weigh the whole file, not the listing alone: a brand column filled with
one store's name says nothing about each product's brand; a brand the file's own titles
name is the seller's house brand. Read per batch, such facts change with where a batch
or a Spark/Dask partition happens to be cut, and so would findings. So they are read in
two phases (the contract is on :class:`~listlint.rules.family.Family`):

1. each batch yields a small evidence frame per gathering family (:func:`gather`), one
   row per distinct value (columnar, cheap next to the analysis itself);
2. the frames of the whole catalogue are combined (:func:`combine`; associative, so a
   worker may pre-combine its share) into :class:`CatalogFacts`, which the engine hands
   to every batch's :class:`~listlint.rules.context.BatchContext`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

    from listlint.batch import Batch
    from listlint.rules.family import Family


class CatalogFacts:
    """The combined evidence of one catalogue, per family name (picklable: workers and
    Spark/Dask executors receive it with their work)."""

    def __init__(self, frames: dict[str, pl.DataFrame] | None = None) -> None:
        self.frames = dict(frames or {})

    def of(self, family: Family[Any, Any]) -> pl.DataFrame | None:
        return self.frames.get(family.name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CatalogFacts) or set(self.frames) != set(other.frames):
            return False
        return all(self.frames[k].equals(other.frames[k]) for k in self.frames)

    __hash__ = None  # type: ignore[assignment]


def gatherers(families: Iterable[Family[Any, Any]]) -> list[Family[Any, Any]]:
    """The families that read catalogue facts."""
    return [f for f in families if f.gathers]


def gather(families: Sequence[Family[Any, Any]], batch: Batch) -> dict[str, pl.DataFrame]:
    """Phase one on one batch: ``{family name: evidence frame}``."""
    out = {}
    for family in families:
        frame = family.evidence(batch)
        if frame is not None:
            out[family.name] = frame
    return out


def combine(
    families: Sequence[Family[Any, Any]], parts: Iterable[dict[str, pl.DataFrame]]
) -> CatalogFacts:
    """The catalogue's facts from its batches' (or workers' pre-combined) evidence."""
    pieces: dict[str, list[pl.DataFrame]] = {}
    for part in parts:
        for name, frame in part.items():
            pieces.setdefault(name, []).append(frame)
    out = {}
    for family in families:
        frames = pieces.get(family.name)
        if frames:
            merged = family.combine(frames)
            if merged is not None:
                out[family.name] = merged
    return CatalogFacts(out)


__all__ = ["CatalogFacts", "combine", "gather", "gatherers"]
