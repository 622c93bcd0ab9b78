"""Rule family ``data``: problems reading the file and with listing identity.

Loader issues (ragged rows, unreadable numbers...) reach these rules through
``loader_kind``; the loader never raises for a problem inside one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

import polars as pl

from listlint.batch import Batch
from listlint.fields import REC, ROW, SHEET
from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.data.family import DataCatalogRule, DataRule


class LoaderIssueRule(DataRule):
    """Base for rules fed by the loader; they have nothing to check per batch."""

    loader_kind: ClassVar[str] = ""

    def check(self, batch: Batch, analysis: None) -> Iterator[Hit]:
        return iter(())


@dataclass(frozen=True)
class LoaderIssue:
    """One rule the loader feeds, declared: its identity, the issue kind it owns and its
    documentation (``listlint explain`` prints ``doc``)."""

    code: str
    name: str
    severity: Severity
    summary: str
    loader_kind: str
    doc: str


#: Every rule fed by the loader: they differ only in what they declare, so they are
#: one table, made into rule classes by :func:`_loader_rule` (the identity stays
#: declared here, not derived)
LOADER_ISSUES: tuple[LoaderIssue, ...] = (
    LoaderIssue(
        "DT101",
        "ragged-row",
        Severity.ERROR,
        "Row has a different number of cells than the header",
        "ragged-row",
        """A row has more or fewer cells than the header.

    Why: a missing quote or an unquoted delimiter shifts values into the wrong
    columns, so the marketplace reads a price as a title or drops the row.

    Fails:
        ``sku,title,price`` then ``A1,Mug, blue,9.99`` (4 cells for 3 headers).

    Passes:
        ``A1,"Mug, blue",9.99``
    """,
    ),
    LoaderIssue(
        "DT102",
        "unreadable-number",
        Severity.ERROR,
        "Price or other number cannot be read",
        "bad-number",
        """A number (price) cannot be read.

    Why: marketplaces reject listings whose price is not a number.

    Fails:
        price ``call us``

    Passes:
        price ``19.99`` or ``19,99 EUR``
    """,
    ),
    LoaderIssue(
        "DT103",
        "long-cell",
        Severity.WARNING,
        "Cell exceeds the configured length limit and was truncated for checking",
        "long-cell",
        """A cell is longer than ``limits.max_cell_length``; only its start was checked.

    Why: a runaway cell is usually a broken export (a quote never closed) and exceeds
    every marketplace's field limits.

    Fails:
        a description of 5 million characters

    Passes:
        a description of 2,000 characters
    """,
    ),
    LoaderIssue(
        "DT104",
        "skipped-sheet",
        Severity.INFO,
        "Workbook sheet without a catalogue header was not checked",
        "skipped-sheet",
        """A workbook sheet was not checked because it has no catalogue header row.

    Why: instruction and notes sheets are normal in marketplace templates; this says
    which sheets were left out so nothing is skipped silently.

    Fails:
        a sheet "Instructions" of prose beside the "Products" sheet

    Passes:
        a workbook whose every sheet has a header row
    """,
    ),
    LoaderIssue(
        "DT105",
        "bad-record",
        Severity.ERROR,
        "Record is not a readable JSON object",
        "bad-record",
        """A JSON record is not an object (or a JSON Lines line is not valid JSON).

    Why: the record cannot be read, so it is not checked and would fail on upload.

    Fails:
        a JSON Lines line ``{"sku": "A1", "title": "Mug"`` (unterminated)

    Passes:
        ``{"sku": "A1", "title": "Mug"}``
    """,
    ),
    LoaderIssue(
        "DT106",
        "unterminated-quote",
        Severity.ERROR,
        "A quote is never closed and swallows the rest of the file",
        "unterminated-quote",
        """A quote opens in a cell and is never closed.

    Why: everything after the quote up to the end of the file becomes one cell, so
    the listings below it are silently lost on upload (and were not checked here).

    Fails:
        ``A1,"Mug,9.99`` followed by more rows

    Passes:
        ``A1,"Mug, blue",9.99``
    """,
    ),
    LoaderIssue(
        "DT107",
        "skipped-rows",
        Severity.INFO,
        "Rows of a sheet were not read as listings",
        "skipped-row",
        """Rows of a sheet were not read as listings: rows above the header row, a second
    header or description row under it, a header row repeated inside the data.

    Why: a row that is not read is not checked. Title and instruction rows above the
    header are normal in seller templates; a product row taken for one is not, so every
    skipped row is listed with its text.

    Fails:
        a workbook whose rows 2-4 hold products above a second, richer header row

    Passes:
        a sheet whose first row is the header and every other row a product
    """,
    ),
    LoaderIssue(
        "DT108",
        "unmapped-column",
        Severity.INFO,
        "Column looks like a known field but was not read as one",
        "unmapped-column",
        """Columns look like fields listlint checks but were not read as them.

    Why: a check that needs the field (GTIN check digits, required sizes, weights)
    does not run when its column is not recognised, and a missing-field finding may
    be wrong. Reported once per file, with the ``--map`` that fixes each column.

    Fails:
        a column ``Kode Batang Produk`` beside no recognised GTIN column

    Passes:
        ``--map gtin="Kode Batang Produk"``, or a header listlint knows (``Barcode``)
    """,
    ),
    LoaderIssue(
        "DT109",
        "encoding-fallback",
        Severity.WARNING,
        "Some lines were not valid UTF-8 and were read as cp1252",
        "encoding-fallback",
        """Lines of a UTF-8 file hold bytes that are not UTF-8; they were read as cp1252.

    Why: one stray byte (a cp1252 "é" pasted into a UTF-8 export) used to turn the whole
    file into mojibake; now only the lines that need it are read another way, and the
    seller learns which ones to fix before a marketplace rejects them.

    Fails:
        a UTF-8 file with one line holding the byte ``0xE9`` for "é"

    Passes:
        a file saved as UTF-8 throughout
    """,
    ),
    LoaderIssue(
        "DT110",
        "duplicate-key",
        Severity.WARNING,
        "JSON object has the same key twice",
        "duplicate-key",
        """A JSON object names the same key twice; the last value was used.

    Why: readers disagree on which value wins, so a listing may show a title listlint
    never checked (``"title": "Kratom capsules", "title": "Herbal tea"``).

    Fails:
        ``{"sku": "A1", "title": "Kratom", "title": "Herbal tea"}``

    Passes:
        ``{"sku": "A1", "title": "Herbal tea"}``
    """,
    ),
)


def _loader_rule(issue: LoaderIssue) -> type[LoaderIssueRule]:
    """The rule class of one declared loader issue (named after it: ``ragged-row`` ->
    ``RaggedRow``, as ``listlint explain`` and tracebacks show it)."""
    cls_name = "".join(part.capitalize() for part in issue.name.split("-"))
    return type(
        cls_name,
        (LoaderIssueRule,),
        {
            "__doc__": issue.doc,
            "__module__": __name__,
            "__qualname__": cls_name,
            "code": issue.code,
            "name": issue.name,
            "severity": issue.severity,
            "summary": issue.summary,
            "loader_kind": issue.loader_kind,
        },
    )


LOADER_RULES: list[type[LoaderIssueRule]] = [_loader_rule(i) for i in LOADER_ISSUES]


class EmptyTitle(DataRule):
    """A listing has no title (after inheriting its product's title for variants).

    Why: every marketplace requires a title; the listing cannot be published.

    Fails:
        ``sku=A1, title=""``

    Passes:
        ``sku=A1, title="Ceramic mug 350 ml"``
    """

    code = "DT201"
    name = "empty-title"
    severity = Severity.ERROR
    summary = "Listing has no title"

    def check(self, batch: Batch, analysis: None) -> Iterator[Hit]:
        if "title" not in batch.frame.columns:
            # one finding for the file, not one per listing
            if batch.recs() and batch.recs()[0] == 0:
                yield Hit(
                    message="no column of this file was recognised as the product title, so no "
                    "listing has one",
                    index=0,
                    field="title",
                    suggestion="name the title column 'title', or map it: --map title='Your Header'",
                )
            return
        for i, title in enumerate(batch.values("title")):
            if not title:
                yield Hit(
                    message="listing has no title; marketplaces reject listings without one",
                    index=i,
                    field="title",
                    column=batch.column_name("title") or "title",
                    suggestion="add a title that says what the product is (brand, type, key attribute)",
                )


class MissingSku(DataRule):
    """A listing has no SKU / product id.

    Why: without a SKU the marketplace cannot match stock, orders or later updates to
    the listing, and listlint cannot key baselines or suppressions to it.

    Fails:
        ``sku="", title="Ceramic mug"``

    Passes:
        ``sku="MUG-350-BLU", title="Ceramic mug"``
    """

    code = "DT202"
    name = "missing-sku"
    severity = Severity.WARNING
    summary = "Listing has no SKU or product id"
    fields = ("sku",)

    def applies(self, batch: Batch) -> bool:
        return "sku" in batch.frame.columns  # an all-blank SKU column still counts

    def check(self, batch: Batch, analysis: None) -> Iterator[Hit]:
        for i, sku in enumerate(batch.values("sku")):
            if not sku:
                yield Hit(
                    message="listing has no SKU; give every listing a unique SKU",
                    index=i,
                    field="sku",
                    suggestion="add a unique SKU such as BRAND-MODEL-COLOUR-SIZE",
                )


class DuplicateSku(DataCatalogRule):
    """The same SKU appears on more than one listing of a file.

    Why: marketplaces key stock and listings by SKU; a duplicate overwrites the
    earlier listing on upload. Checked across the whole file (two-phase, so it stays
    correct when the catalogue is split across processes or Spark partitions).

    Fails:
        two rows with ``sku=MUG-1``

    Passes:
        ``MUG-1`` and ``MUG-2``
    """

    code = "DT203"
    name = "duplicate-sku"
    severity = Severity.ERROR
    summary = "SKU is used by more than one listing"
    fields = ("sku",)
    merge_key = ("__k",)

    def partial(self, batch: Batch, analysis: None) -> pl.DataFrame | None:
        f = batch.frame
        if "sku" not in f.columns:
            return None
        # per sheet: the same SKU on an "en" and a "ja" sheet is one product translated
        key = pl.concat_str(
            [pl.col(SHEET).fill_null(""), pl.col("sku").str.strip_chars().str.to_lowercase()],
            separator="\x1f",
        )
        return f.select(
            pl.col(REC), pl.col(ROW), pl.col(SHEET), pl.col("sku"), key.alias("__k")
        ).filter(pl.col("sku").is_not_null())

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        dup = (
            partials.filter(pl.len().over("__k") > 1)
            .sort(REC)
            .with_columns(
                pl.col(ROW).first().over("__k").alias("__first_row"),
                pl.col(REC).first().over("__k").alias("__first_rec"),
                pl.len().over("__k").alias("__n"),
            )
            .filter(pl.col(REC) != pl.col("__first_rec"))
        )
        for rec, row, sheet, sku, first_row, n in dup.select(
            REC, ROW, SHEET, "sku", "__first_row", "__n"
        ).iter_rows():
            yield Hit(
                message=f"SKU {sku!r} is also used on row {first_row} ({n} listings share it); "
                "the marketplace keeps only one of them",
                field="sku",
                match=sku,
                rec=rec,
                row=row,
                sku=sku,
                sheet=sheet,
                suggestion="give each listing its own SKU (add size/colour to variant SKUs)",
            )


RULES: list[type[Rule]] = [
    *LOADER_RULES,
    EmptyTitle,
    MissingSku,
    DuplicateSku,
]
