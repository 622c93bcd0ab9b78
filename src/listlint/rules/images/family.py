"""The ``images`` family (issue 23): what its rules share.

Resources: each selected pack's ``images:`` section (:class:`Settings`). Analysis (once
per batch): the image links classified (:mod:`.links`), per listing its count and main
link, and which listings are on sale (:mod:`listlint.lifecycle`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from listlint.batch import Batch
from listlint.fields import REC, ROW, SHEET
from listlint.lifecycle import on_sale
from listlint.rules.family import Family, FamilyCatalogRule, FamilyRule
from listlint.rules.images.links import holds_text, links
from listlint.rules.images.policy import KEY, ImagesSection

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

DOCS = "https://github.com/listlint/listlint#images-images"


def images_of(pack: PolicyPack) -> ImagesSection:
    section = getattr(pack, KEY, None)
    return section if isinstance(section, ImagesSection) else ImagesSection()


@dataclass(frozen=True)
class PackImages:
    """One selected marketplace's image rules."""

    label: str
    section: ImagesSection
    link: str | None


@dataclass(frozen=True)
class Settings:
    packs: tuple[PackImages, ...]

    def strictest(self, attr: str, *, low: bool = False) -> Any:
        """The most demanding value of ``attr`` among the packs (max, or min with
        ``low``), None when no pack sets it."""
        values = [getattr(p.section, attr) for p in self.packs]
        values = [v for v in values if v is not None]
        if not values:
            return None
        return min(values) if low else max(values)


class ImagesAnalysis:
    def __init__(self, batch: Batch) -> None:
        self.batch = batch

    @cached_property
    def all_links(self) -> pl.DataFrame:
        """Every link of the image cells, classified (:func:`.links.links`)."""
        return links(self.batch)

    @cached_property
    def holds_text(self) -> bool:
        """The batch's image cells hold prose, not links (:func:`.links.holds_text`)."""
        return holds_text(self.all_links)

    @cached_property
    def links(self) -> pl.DataFrame:
        """The links the rules judge: none where the image cells hold text. A header one
        field off from its rows (or a column mapped wrongly) puts a feature list under
        "Url imagen": judged link by link, every listing would get a bad link and none
        the image it has in the neighbouring column. IM101 reports the column once."""
        return self.all_links.clear() if self.holds_text else self.all_links

    @cached_property
    def live(self) -> pl.Series:
        return on_sale(self.batch)

    @cached_property
    def counts(self) -> pl.Series:
        """Image links per listing (0 where none)."""
        n = self.links.group_by("i").len("n")
        return (
            pl.DataFrame({"i": pl.int_range(len(self.batch), dtype=pl.Int64, eager=True)})
            .join(n, on="i", how="left", maintain_order="left")
            .select(pl.col("n").fill_null(0))
            .to_series()
        )


class ImagesFamily(Family[Settings, ImagesAnalysis]):
    name: ClassVar[str] = "images"
    section = (KEY, ImagesSection)

    def build(self) -> Settings:
        packs = self.packs
        if not packs:
            return Settings((PackImages("", ImagesSection(), None),))
        return Settings(
            tuple(
                PackImages(p.label, images_of(p), self.link(p, images_of(p).policy_url))
                for p in packs
            )
        )

    def analyse(self, context: BatchContext) -> ImagesAnalysis:
        return ImagesAnalysis(context.batch)

    @cached_property
    def default_link(self) -> str:
        return self.first_link(lambda p: (images_of(p).policy_url,)) or DOCS


class _ImagesShared:
    family: ImagesFamily

    @property
    def cfg(self) -> Settings:
        return self.family.resources

    def link(self) -> str:
        return self.family.default_link


class ImagesRule(_ImagesShared, FamilyRule[ImagesFamily, ImagesAnalysis]):
    """Base of the per-listing image rules (not registered itself)."""

    group: ClassVar[str] = "images"
    family_type: ClassVar[type[Family[Any, Any]]] = ImagesFamily
    fields: ClassVar[tuple[str, ...]] = ("images",)
    policy_url = DOCS


class ImagesCatalogRule(_ImagesShared, FamilyCatalogRule[ImagesFamily, ImagesAnalysis]):
    group: ClassVar[str] = "images"
    family_type: ClassVar[type[Family[Any, Any]]] = ImagesFamily
    fields: ClassVar[tuple[str, ...]] = ("images",)
    policy_url = DOCS


def at(r: dict[str, Any]) -> dict[str, Any]:
    """Where a catalogue-level hit is: the record, row, sheet and SKU of partial row ``r``."""
    return {"rec": r[REC], "row": r[ROW], "sheet": r[SHEET], "sku": r["sku"]}


def per_listing(rows: pl.DataFrame) -> pl.DataFrame:
    """The first row of each listing ``i`` (with ``n``, how many it has)."""
    return (
        rows.sort("i", "pos")
        .group_by("i", maintain_order=True)
        .agg(pl.all().first(), pl.len().alias("n"))
    )
