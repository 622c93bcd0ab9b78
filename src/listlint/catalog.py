"""A loaded catalogue: its batches, its record count and what the loader noticed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import polars as pl

from listlint.batch import Batch
from listlint.fields import ATTR_PREFIX, ROW, SHEET
from listlint.models import Dimensions, Listing, Money, Quantity, SourceRef


@dataclass(slots=True)
class LoadIssue:
    """A problem the loader met inside a usable file (becomes a ``data`` finding).

    ``kind`` names the data rule that reports it (``ragged-row``, ``bad-number``...)."""

    kind: str
    message: str
    row: int | None = None
    column: str | None = None
    field: str | None = None
    match: str | None = None
    sheet: str | None = None
    sku: str | None = None
    suggestion: str | None = None


#: loader issues of one kind kept per file; past it one more issue counts the rest (a
#: file of a million broken rows made a million findings and a 1.2 GB report)
MAX_ISSUES_PER_KIND = 1000


def cap_issues(
    issues: list[LoadIssue], seen: dict[str, int] | None = None, summarise: bool = True
) -> list[LoadIssue]:
    """The first :data:`MAX_ISSUES_PER_KIND` issues of each kind, then one that counts
    the others of that kind. ``seen`` carries the counts across calls (streaming, which
    summarises once at the end: :func:`issue_summaries`)."""
    seen = {} if seen is None else seen
    out: list[LoadIssue] = []
    dropped: dict[str, int] = {}
    for issue in issues:
        n = seen.get(issue.kind, 0)
        seen[issue.kind] = n + 1
        if n < MAX_ISSUES_PER_KIND:
            out.append(issue)
        else:
            dropped[issue.kind] = dropped.get(issue.kind, 0) + 1
    return out + issue_summaries(dropped) if summarise else out


def issue_summaries(dropped: dict[str, int]) -> list[LoadIssue]:
    return [
        LoadIssue(kind=kind, message=f"{n:,} more like this in the file (not listed)")
        for kind, n in dropped.items()
        if n > 0
    ]


@dataclass(frozen=True)
class Layout:
    """Where a table's columns sit in the file: ``columns[0]`` (a header as findings
    name it) is in sheet column ``first_column`` (1-based). Lets a report point at cells."""

    sheet: str | None
    first_column: int
    columns: tuple[str, ...]


@dataclass
class Catalog:
    """Listings of one file as a polars frame, plus loader bookkeeping.

    ``records`` counts every non-empty data record read from the file (before variant
    folding); ``frame`` has one row per listing (after folding image-only rows)."""

    path: str | None
    frame: pl.DataFrame
    columns: dict[str, str] = field(default_factory=dict)
    records: int = 0
    issues: list[LoadIssue] = field(default_factory=list)
    format: str = ""
    profile: str = "generic"
    sheets: list[str] = field(default_factory=list)
    #: rows that describe a product rather than a sellable variant (a WooCommerce
    #: "variable" parent, a Magento "configurable" one, an Amazon "parent"): records
    #: and rows of the frame, but not listings in the summary
    parent_rows: int = 0
    #: one per table read (a workbook: one per sheet checked)
    layouts: list[Layout] = field(default_factory=list)

    @property
    def listings_count(self) -> int:
        """Sellable listings: the frame's rows without variant-group parents."""
        return self.frame.height - self.parent_rows

    def __repr__(self) -> str:
        # short: the dataclass default printed the whole polars table
        sheets = f", sheets={self.sheets!r}" if self.sheets else ""
        return (
            f"{type(self).__name__}(path={self.path!r}, format={self.format!r}, "
            f"profile={self.profile!r}, records={self.records}, "
            f"listings={self.listings_count}, columns={len(self.columns)}, "
            f"issues={len(self.issues)}{sheets})"
        )

    def batches(self, size: int = 50_000) -> Iterator[Batch]:
        """The frame in slices of ``size`` listings, each with a fresh text cache."""
        size = max(1, size)
        for start in range(0, max(self.frame.height, 1), size):
            part = self.frame.slice(start, size)
            if part.height:
                yield Batch(part, path=self.path, columns=self.columns)

    def listings(self) -> Iterator[Listing]:
        """Pydantic models for library users (not used on the lint hot path)."""
        canonical = set(Listing.model_fields) - {"source", "attributes"}
        for row in self.frame.iter_rows(named=True):
            yield _listing_from_row(row, self, canonical)


def _quantity(value: float | None, unit: str, raw: object) -> Quantity | None:
    if value is None:
        return None
    return Quantity(value=value, unit=unit, raw=None if raw is None else str(raw))


def _listing_from_row(row: dict, catalog: Catalog, canonical: set[str]) -> Listing:
    values: dict = {}
    for name in canonical:
        raw = row.get(name)
        if name in ("bullets", "images"):
            values[name] = [p for p in (raw or "").split("\n") if p]
        elif name in ("price", "weight", "dimensions"):
            continue
        else:
            values[name] = raw
    if row.get("price_amount") is not None:
        values["price"] = Money(
            amount=row["price_amount"], currency=row.get("price_currency"), raw=row.get("price")
        )
    values["weight"] = _quantity(row.get("weight_kg"), "kg", row.get("weight"))
    dims = [_quantity(row.get(f"{d}_cm"), "cm", row.get(d)) for d in ("length", "width", "height")]
    if any(dims) or row.get("dimensions"):
        values["dimensions"] = Dimensions(
            length=dims[0], width=dims[1], height=dims[2], raw=row.get("dimensions")
        )
    attributes = {
        k[len(ATTR_PREFIX) :]: v for k, v in row.items() if k.startswith(ATTR_PREFIX) and v
    }
    source = SourceRef(
        path=catalog.path, sheet=row.get(SHEET), row=row.get(ROW), columns=catalog.columns
    )
    values["variant_group"] = row.get("_group")
    return Listing(source=source, attributes=attributes, **values)
