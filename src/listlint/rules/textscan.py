"""One literal scan of a batch's folded text column for every family that prefilters it
with a literal alternation (offplatform, advertising, origin).

On a catalogue of long descriptions that scan is these families' main cost (1M generated
listings: ~1.1 s CPU each), and a scan for the union of the alternations costs about what
one costs (Rust's regex runs literals as one Teddy/Aho-Corasick pass). So a family
registers its alternation when its vocabulary is built; the first family that asks scans
the column once for the union of every alternation registered in this process (the batch
keeps the rows), and each family keeps the rows its own alternation matches, reading only
those rows. The union is a superset of each family's set, so no family loses a row; a
family built but not selected in a run only adds rows the others filter out again.

:func:`read_cells` then folds each kept cell once, with the map back to the seller's text.

The text families built on that (offplatform, advertising) share the rest as well:
:class:`TextFamily` builds the vocabulary and makes one :class:`TextAnalysis` per batch,
which reads each kept cell once (the family's ``read``) and keeps the cells with
findings; :class:`TextRule` picks a rule's marketplaces and policy link from the packs'
section. A family declares only its vocabulary, its prefilter, its reader and its rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

import polars as pl

from listlint.rules.family import Family, FamilyRule
from listlint.rules.marketplace import first_named_link
from listlint.text.spans import fold_map

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack
    from listlint.rules.base import Hit
    from listlint.rules.context import BatchContext

#: the seller's own text; manufacturer and responsible-person fields are left alone
FIELDS = ("title", "description", "bullets")

#: family name -> its stage-one alternation (a regex of escaped literals)
_REGISTERED: dict[str, str] = {}
_union: list[str] = [""]


def register(owner: str, alternation: str) -> None:
    """Make ``alternation`` part of the shared scan (idempotent per owner)."""
    if _REGISTERED.get(owner) == alternation:
        return
    _REGISTERED[owner] = alternation
    # an empty alternation would match every cell: it keeps none and joins no union
    _union[0] = "|".join(sorted({a for a in _REGISTERED.values() if a}))


def rows(batch: Batch, field: str, owner: str) -> pl.Series:
    """Positions (UInt32) of the ``field`` cells whose folded text holds one of
    ``owner``'s literals."""
    own = _REGISTERED[owner]
    union = _union[0]
    if not own:
        return pl.Series(field, [], dtype=pl.UInt32)
    kept = batch.cached(
        f"textscan:{field}:{union}",
        lambda b: b.folded_series(field).str.contains(union).fill_null(False).arg_true(),
    )
    if own == union or not len(kept):
        return kept
    text = batch.folded_series(field)
    return kept.filter(text.gather(kept).str.contains(own).fill_null(False))


@dataclass(frozen=True, slots=True)
class TextCell:
    """One candidate cell as the text families read it."""

    index: int
    field: str
    raw: str
    folded: str
    #: source position in ``raw`` of each folded character (quotes come from ``raw``)
    source: tuple[int, ...]
    #: ``raw`` aligned with ``folded`` character by character (letter case, quotation
    #: marks), None where folding changed the length
    aligned: str | None

    def quote(self, start: int, end: int) -> str:
        """The seller's own text of the folded span ``[start, end)``."""
        if not self.source:
            return self.raw[start:end]
        return self.raw[self.source[start] : self.source[end - 1] + 1]

    @property
    def where(self) -> str:
        """The field as a seller calls it."""
        return {"bullets": "bullet points"}.get(self.field, self.field)


def read_cells(
    batch: Batch, fields: tuple[str, ...], candidates: Callable[[Batch, str], list[int]]
) -> Iterator[TextCell]:
    """The non-blank cells of ``fields`` that ``candidates`` (a columnar prefilter) keeps,
    each folded once with its span map."""
    for field in fields:
        if not batch.has(field):
            continue
        rows = candidates(batch, field)
        if not rows:
            continue
        raws = batch.frame[field].gather(rows).to_list()
        for i, raw in zip(rows, raws, strict=True):
            if not raw:
                continue
            folded, index = fold_map(raw)
            aligned = "".join(raw[k] for k in index) if len(index) == len(folded) else None
            yield TextCell(i, field, raw, folded, tuple(index), aligned)


# -- the text families' shared frame -----------------------------------------------------
class Span(Protocol):
    """A finding in a folded cell."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Span)
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Cell(Generic[S]):
    """One text cell with findings in it."""

    text: TextCell
    found: tuple[S, ...]

    def quote(self, f: S) -> str:
        return self.text.quote(f.start, f.end)


class TextAnalysis(Generic[V, S]):
    """One batch as a text family sees it: the :data:`FIELDS` cells its prefilter keeps
    (:meth:`candidates`), each read once by :meth:`read`; every rule takes its kind of
    finding from :attr:`cells`."""

    def __init__(self, batch: Batch, vocab: V) -> None:
        self.batch = batch
        self.vocab = vocab

    def candidates(self, batch: Batch, field: str) -> list[int]:  # pragma: no cover
        raise NotImplementedError

    def read(self, cell: TextCell) -> Sequence[S]:  # pragma: no cover
        raise NotImplementedError

    @cached_property
    def cells(self) -> list[Cell[S]]:
        out: list[Cell[S]] = []
        for cell in read_cells(self.batch, FIELDS, self.candidates):
            found = self.read(cell)
            if found:
                out.append(Cell(cell, tuple(found)))
        return out


A = TypeVar("A", bound=TextAnalysis[Any, Any])


class TextFamily(Family[V, A]):
    """A text family: ``vocabulary`` builds its resources once per rule set, and
    ``analysis`` is the :class:`TextAnalysis` made once per batch."""

    vocabulary: ClassVar[Callable[[], Any]]
    analysis: ClassVar[type[TextAnalysis[Any, Any]]]

    def build(self) -> V:
        return type(self).vocabulary()

    def analyse(self, context: BatchContext) -> A:
        return type(self).analysis(context.batch, self.resources)  # type: ignore[return-value]


F = TypeVar("F", bound=Family[Any, Any])
B = TypeVar("B")  # any analysis: origin's rules read their own


class TextRule(FamilyRule[F, B]):
    """Base of a text family's rules: the selected packs, and a finding's policy link
    from the pack section's own page (``section_of``) among the marketplaces named."""

    fields: ClassVar[tuple[str, ...]] = FIELDS
    policy_url: ClassVar[str | None] = None

    @staticmethod
    def section_of(pack: PolicyPack) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def packs(self) -> list[PolicyPack]:
        return self.family.packs

    def default_policy(self, hit: Hit | None = None) -> str | None:
        def link(pack: PolicyPack) -> str | None:
            section = self.section_of(pack)
            return self.family.link(pack, section.policy_url, section.source, self.policy_url)

        return first_named_link(self.packs, hit, link, self.policy_url)
