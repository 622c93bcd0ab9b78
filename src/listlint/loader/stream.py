"""Big delimited files, read in batches so memory stays bounded (a 10M-row CSV never sits
in memory at once).

:func:`open_stream` returns a :class:`StreamingCatalog`: its ``batches()`` read the file
in byte blocks cut at record boundaries (:mod:`.blocks`), each parsed by polars with the
whole-file fast path's options (:mod:`.delimited`), so rows, row numbers and ragged-row
reports are identical, and normalise each batch with
:func:`~listlint.loader.normalize.build_frame`.

Variants are the one thing a batch cannot decide alone: a child row takes blank text
from its parent and image-only rows fold into their product, wherever those rows are in
the file. So a cheap first pass reads only the key columns (handle, variant group,
SKU, ID) and lists every group's span of rows; batches are then cut only between
spans, never through one, and each batch sees whole groups, exactly as the whole-file
loader does. A group spread over the whole file makes one big batch: correct, just
not bounded.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from listlint.batch import Batch
from listlint.catalog import (
    MAX_ISSUES_PER_KIND,
    Catalog,
    Layout,
    LoadIssue,
    cap_issues,
    issue_summaries,
)
from listlint.config import Limits
from listlint.errors import InputError
from listlint.fields import ATTR_PREFIX, ROW, SHEET
from listlint.loader import delimited
from listlint.loader.blocks import Note
from listlint.loader.columns import ColumnMap
from listlint.loader.table import dedupe_headers
from listlint.loader.unmapped import unmapped_issue
from listlint.text.steps import non_ascii

#: delimited files at least this big are streamed (smaller ones load whole: faster, and
#: the exact csv-module reader still serves files under ``delimited.FAST_PATH_BYTES``)
STREAM_BYTES = 256 * 1024**2
#: bytes read up front for the encoding check, the delimiter and the header row
HEAD_BYTES = 1024 * 1024
_UTF8_BOM = codecs.BOM_UTF8


def wants_stream(size: int, kind: str) -> bool:
    return size >= STREAM_BYTES and kind not in ("xlsx", "parquet", "json", "jsonl")


def open_stream(
    path: Path, name: str, columns: dict[str, str] | None, limits: Limits
) -> StreamingCatalog | None:
    """A streaming catalogue for a big delimited file, or None when the file needs the
    whole-file reader (UTF-16/32: its newlines are not single bytes). A file that is
    not all UTF-8 is streamed too, each block decoded as :mod:`.textcodec` does (a
    279 MB cp1252 file used to load whole: 1.86 GB)."""
    from listlint.loader import column_map
    from listlint.loader.detect import detect_encoding

    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if head.startswith(_UTF8_BOM):
        head = head[len(_UTF8_BOM) :]
    elif detect_encoding(head) not in ("utf-8", "cp1252"):
        return None
    kind = _utf8_kind(path)
    text = head.decode("utf-8", errors="surrogateescape")
    if kind != "utf-8":
        from listlint.loader.textcodec import legacy

        text = legacy(text)
        head = text.encode("utf-8")
    delimiter = delimited.sniff_delimiter(text[:262144])
    first = delimited.header_cells(head, delimiter, name, limits.max_columns)
    headers = dedupe_headers(first)
    cmap = column_map(headers, columns, name)
    catalog = StreamingCatalog(path, name, headers, delimiter, cmap, limits)
    catalog.transcode = kind != "utf-8"
    catalog.report_lines = kind == "mixed"
    return catalog


def _utf8_kind(path: Path) -> str:
    """``utf-8`` (all of it), ``mixed`` (UTF-8 with stray bytes) or ``legacy`` (no
    multi-byte UTF-8 at all: cp1252), read in slices so memory stays flat."""
    if _valid_utf8(path):
        return "utf-8"
    from listlint.loader.textcodec import is_legacy

    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    stray = wide = False
    with path.open("rb") as fh:
        while chunk := fh.read(_SLICE):
            text = decoder.decode(chunk)
            stray = stray or _has_stray(text)
            wide = wide or not is_legacy(text)
    text = decoder.decode(b"", final=True)
    stray = stray or _has_stray(text)
    if not stray:
        return "utf-8"
    return "mixed" if wide else "legacy"


_SLICE = 16 * 1024 * 1024


def _valid_utf8(path: Path) -> bool:
    """Is the whole file valid UTF-8? (What :func:`_utf8_kind` asks first: almost every
    big export is, and the answer costs a strict decode of the non-ASCII slices, where
    searching surrogate-escaped text for stray bytes cost ~3 s of a 700 MB file.) Valid
    UTF-8 decodes to no lone surrogate, so this is exactly "no stray byte"."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_SLICE):
                # an ASCII slice after a complete character decodes to itself
                if not chunk.isascii() or decoder.getstate()[0]:
                    decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _has_stray(text: str) -> bool:
    from listlint.loader.textcodec import has_stray

    return has_stray(text)


@dataclass(frozen=True)
class ChunkSpec:
    """What turning raw records into a batch needs (small and picklable: worker
    processes build batches themselves, so the parent only scans the file)."""

    path: str
    headers: list[str]
    delimiter: str
    cmap: ColumnMap
    columns: dict[str, str]
    max_cell_length: int


@dataclass
class ChunkInfo:
    """A built chunk's bookkeeping, handed back to :meth:`StreamingCatalog.absorb`."""

    records: int
    listings: int
    issues: list[LoadIssue]
    suppressions: pl.DataFrame | None = None


def build_chunk(spec: ChunkSpec, body: pl.DataFrame, offset: int) -> tuple[Batch, ChunkInfo]:
    """Raw records (``__n``, ``c0..c{width}``) -> a normalised :class:`Batch`."""
    from listlint.loader.normalize import build_frame, parent_count

    table = delimited.body_table(body, spec.headers, spec.delimiter, spec.max_cell_length)
    frame, more = build_frame(table, spec.cmap, rec_offset=offset)
    kept = None
    if "listlint" in frame.columns:
        cols = [c for c in ("listlint", ROW, SHEET, "sku") if c in frame.columns]
        kept = frame.filter(pl.col("listlint").is_not_null()).select(cols)
    listings = frame.height - parent_count(frame)
    info = ChunkInfo(table.records, listings, [*table.issues, *more], kept)
    return Batch(frame, path=spec.path, columns=spec.columns), info


class StreamingCatalog(Catalog):
    """A :class:`Catalog` whose listings are read batch by batch.

    ``records``, ``issues`` and ``listings_count`` are complete once ``batches()`` has
    run through. ``frame`` still works (library use) but reads the whole file into
    memory; the engine never asks for it."""

    streaming = True
    #: the raw records start with the header row (delimited text); Parquet's do not
    header_row = True

    def __init__(
        self,
        path: Path,
        name: str,
        headers: list[str],
        delimiter: str,
        cmap: ColumnMap,
        limits: Limits,
    ) -> None:
        self.path = name
        self.columns = cmap.column_names()
        self.records = 0
        #: file-level notes known before any row is read (unmapped columns)
        note = unmapped_issue([cmap])
        self._notes: list[LoadIssue] = [] if note is None else [note]
        self.issues: list[LoadIssue] = list(self._notes)
        self.format = "tsv" if delimiter == "\t" else "csv"
        self.profile = cmap.profile
        self.sheets = []
        self.layouts = [Layout(None, 1, tuple(headers))]
        self.spec = ChunkSpec(name, headers, delimiter, cmap, self.columns, limits.max_cell_length)
        self._file = path
        self._listings = 0
        self._done = False
        self._frame: pl.DataFrame | None = None
        self._suppressions: pl.DataFrame | None = None
        self._kept: list[pl.DataFrame] = []
        self._long_cell_noted = False
        #: the file is not all UTF-8: blocks are decoded with the cp1252 fallback
        self.transcode = False
        #: ... and it is UTF-8 but for some lines, which are reported
        self.report_lines = False
        self._fallback_lines = 0
        self._issue_counts: dict[str, int] = {}
        #: the (start, end) file offsets of the blocks the last whole pass read
        self._spans: list[tuple[int, int]] | None = None

    # -- Catalog interface ------------------------------------------------------------
    @property
    def frame(self) -> pl.DataFrame:  # type: ignore[override]
        if self._frame is None:
            parts = [b.frame for b in self.batches()]
            self._frame = pl.concat(parts, how="diagonal_relaxed") if parts else pl.DataFrame()
        return self._frame

    @frame.setter
    def frame(self, value: pl.DataFrame) -> None:
        self._frame = value

    @property
    def listings_count(self) -> int:
        if not self._done:
            from listlint.loader.normalize import parent_count

            return self.frame.height - parent_count(self.frame)
        return self._listings

    @property
    def suppression_frame(self) -> pl.DataFrame | None:
        """Rows with a ``listlint`` cell (columns listlint, _row, _sheet, sku), gathered
        while streaming, so suppressions never need the whole frame."""
        return self._suppressions

    def batches(self, size: int = 50_000) -> Iterator[Batch]:
        if self._frame is not None:
            yield from super().batches(size)
            return
        for body, offset in self.chunks(size):
            batch, info = build_chunk(self.spec, body, offset)
            self.absorb(info)
            yield batch
        self.finish()

    # -- the three steps of batches(), for engines that build batches elsewhere --------
    def chunks(self, size: int = 50_000) -> Iterator[tuple[pl.DataFrame, int]]:
        """Raw data records in batches (cut between variant groups) with the record
        offset of each; build them with :func:`build_chunk`, anywhere, then
        :meth:`absorb` the results in order and :meth:`finish`."""
        self.records, self.issues, self._listings, self._done = 0, list(self._notes), 0, False
        self._fallback_lines = 0
        self._issue_counts = {}
        self._kept, self._long_cell_noted = [], False
        offset = 0
        for body in self._bodies(max(1, size)):
            yield body, offset
            offset += body.height

    def absorb(self, info: ChunkInfo) -> None:
        """Book one built chunk: records, listings, loader notes, suppression cells."""
        for issue in cap_issues(info.issues, self._issue_counts, summarise=False):
            if issue.kind == "long-cell" and issue.row is None:
                if self._long_cell_noted:
                    continue  # one file-level note, as the whole-file reader gives
                self._long_cell_noted = True
            self.issues.append(issue)
        self.records += info.records
        self._listings += info.listings
        if info.suppressions is not None:
            self._kept.append(info.suppressions)

    def finish(self) -> None:
        self.issues.extend(
            issue_summaries({k: n - MAX_ISSUES_PER_KIND for k, n in self._issue_counts.items()})
        )
        kept = self._kept
        self._suppressions = pl.concat(kept, how="diagonal_relaxed") if kept else None
        self._kept = []
        self._done = True

    # -- reading ----------------------------------------------------------------------
    def _blocks(
        self, columns: list[str] | None = None, on_note: Note | None = None
    ) -> Iterator[pl.DataFrame]:
        from listlint.loader.blocks import read_blocks

        width = len(self.spec.headers)
        # the blocks a whole pass cut (the key pass) serve the next pass (the records)
        # once, read from the file again without looking for the cuts
        spans, self._spans = self._spans, None
        return read_blocks(
            self._file,
            self.spec.delimiter,
            width,
            columns=columns,
            transcode=self.transcode,
            on_note=on_note,
            spans=spans,
            on_spans=self._keep_spans,
        )

    def _keep_spans(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans

    def _note(self, kind: str, record: int, line: int) -> None:
        """What reading a block noticed, as a loader issue (while ``chunks`` runs)."""
        if kind == "unterminated-quote":
            self.issues.append(
                LoadIssue(
                    kind=kind,
                    message="a quote opened in this row is never closed, so the rows after "
                    "it were read as one cell and not checked",
                    row=record,
                    suggestion='close the quote, or double quotes inside a value ("" for ")',
                )
            )
        elif kind == "encoding-fallback" and self.report_lines:
            from listlint.loader.textcodec import MAX_LINE_NOTES, line_notes

            self._fallback_lines += 1
            if self._fallback_lines <= MAX_LINE_NOTES:
                self.issues.extend(line_notes([line], 0))

    def _bodies(self, size: int) -> Iterator[pl.DataFrame]:
        """Data records (``__n``, ``c0..c{width}``) in batches of about ``size``, cut only
        where no variant group spans the cut."""
        width = len(self.spec.headers)
        self._spans = None  # each reading cuts the file afresh (it may have changed)
        plan = CutPlan.build(self._blocks, self.spec.cmap)
        header_seen = not self.header_row
        pending: list[pl.DataFrame] = []
        buffered = 0
        try:
            for raw in self._blocks(on_note=self._note):
                keep = delimited.body_mask(raw, width)
                if not header_seen:
                    filled = delimited.nonblank_mask(raw, width)
                    if not filled.any():
                        continue
                    header_seen = True
                    first = int(filled.arg_true()[0])
                    keep = keep & (pl.int_range(raw.height, eager=True) > first)
                body = raw if keep.all() else raw.filter(keep)  # nearly always all kept
                if body.height == 0:
                    continue
                pending.append(body)
                buffered += body.height
                while buffered >= size:
                    joined = pl.concat(pending) if len(pending) > 1 else pending[0]
                    cut = plan.next_cut(int(joined["__n"][size - 1]) + 1)
                    # record numbers ascend: the cut is a position, and slices copy nothing
                    at = int(joined["__n"].search_sorted(cut, side="left"))
                    head = joined.slice(0, at)
                    if head.height == joined.height and cut > int(joined["__n"][-1]) + 1:
                        pending, buffered = [joined], joined.height
                        break  # the group runs past what is read so far: read on
                    rest = joined.slice(at)
                    yield head
                    pending, buffered = ([rest], rest.height) if rest.height else ([], 0)
        except Exception as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(
                f"unreadable CSV ({type(exc).__name__}: {str(exc)[:200]})", path=self.path
            ) from exc
        if not header_seen:
            raise InputError(
                "no header row found (every line is blank or only delimiters)", path=self.path
            )
        if pending:
            yield pl.concat(pending) if len(pending) > 1 else pending[0]
        self._close_notes()

    def _close_notes(self) -> None:
        from listlint.loader.textcodec import MAX_LINE_NOTES, line_notes

        more = self._fallback_lines - MAX_LINE_NOTES
        if more > 0:
            self.issues.extend(line_notes([], more))


class CutPlan:
    """Where a batch may end: never inside the span of rows of one variant group.

    Keys are compared in a form coarser than the loader's clean text (NFC, all
    whitespace removed), hashed to 64 bits: two rows the loader groups together always
    share a key here, and a rare extra match only makes a batch larger."""

    def __init__(self, starts: pl.Series | None = None, reach: pl.Series | None = None) -> None:
        self.starts = starts
        self.reach = reach

    def next_cut(self, n: int) -> int:
        """The first record number ``>= n`` before which a batch may end."""
        if self.starts is None or self.reach is None or not len(self.starts):
            return n
        while True:
            i = int(self.starts.search_sorted(n, side="left")) - 1
            if i < 0 or int(self.reach[i]) < n:
                return n
            n = int(self.reach[i]) + 1

    @classmethod
    def build(
        cls, blocks: Callable[[list[str]], Iterator[pl.DataFrame]], cmap: ColumnMap
    ) -> CutPlan:
        """From a first pass over the file's raw record ``blocks`` (key columns only)."""
        key_exprs = _key_exprs(cmap)
        if not key_exprs:
            return cls()
        # NFC leaves ASCII text as it is, and costs ~0.2 s per column of 1M keys where
        # finding a non-ASCII character costs 0.03: a block of ASCII keys skips it
        ascii_exprs = _key_exprs(cmap, nfc=False)
        needed = sorted({c for e in key_exprs for c in e.meta.root_names()})
        names = [e.meta.output_name() for e in key_exprs]
        # the coarse text first, then its hash: one expression holding the text three
        # times (null test, blank test, hash) had polars work it out three times
        # (1M listings: 1.25 -> 0.44 s of the parent's CPU)
        hashed = [pl.when(pl.col(n) != "").then(pl.col(n).hash(seed=0)).alias(n) for n in names]
        keys = pl.concat(
            [
                raw.select(
                    ["__n", *(key_exprs if _non_ascii(raw, needed) else ascii_exprs)]
                ).select("__n", *hashed)
                for raw in blocks(needed)
            ]
        )
        if "g" in keys.columns:
            # Parent/child. Only groups with a parent row (a row whose SKU or ID is the
            # group key) pass anything between rows; a group without one (Google's
            # item_group_id) comes out the same however it is cut, so it never holds a
            # batch open (catalogue-level rules see whole groups through their partials).
            groups = keys["g"].drop_nulls().unique().implode()
            others = [c for c in keys.columns if c not in ("__n", "g")]
            parents = pl.concat(
                [keys.select("__n", pl.col(c).alias("h")) for c in others]
                or [pl.DataFrame(schema={"__n": pl.UInt32, "h": pl.UInt64})]
            ).filter(pl.col("h").is_in(groups))
            children = keys.select("__n", pl.col("g").alias("h")).filter(
                pl.col("h").is_in(parents["h"].unique().implode())
            )
            long = pl.concat([children, parents])
        else:
            long = keys.select("__n", pl.col("handle").alias("h"))
        spans = (
            long.drop_nulls()
            .group_by("h")
            .agg(pl.col("__n").min().alias("start"), pl.col("__n").max().alias("end"))
            .filter(pl.col("end") > pl.col("start"))
            .group_by("start")
            .agg(pl.col("end").max())
            .sort("start")
            .with_columns(pl.col("end").cum_max())
        )
        return cls(spans["start"], spans["end"])


def _non_ascii(raw: pl.DataFrame, columns: list[str]) -> bool:
    """Does any cell of ``columns`` hold a character outside ASCII?"""
    return any(non_ascii(raw[c]).any() for c in columns)


def _coarse_key(cols: list[int], strip_id: bool = False, nfc: bool = True) -> pl.Expr:
    """The key's coarse text (hashed by :meth:`CutPlan.build`; blank: no key). ``nfc``
    False: the cells are known to be ASCII, which NFC leaves unchanged."""
    expr = pl.coalesce([pl.col(f"c{i}") for i in cols]) if len(cols) > 1 else pl.col(f"c{cols[0]}")
    if nfc:
        expr = expr.str.normalize("NFC")
    expr = expr.str.replace_all(r"\s+", "")
    if strip_id:
        expr = expr.str.replace(r"^id:", "")
    return expr


def _key_exprs(cmap: ColumnMap, nfc: bool = True) -> list[pl.Expr]:
    """The columns that decide variant groups (mirrors loader.normalize._variants)."""
    fields = cmap.fields
    if fields.get("handle") and cmap.variants.get("key") == "handle":
        return [_coarse_key(fields["handle"], nfc=nfc).alias("handle")]
    if not fields.get("variant_group"):
        return []
    out = [_coarse_key(fields["variant_group"], strip_id=True, nfc=nfc).alias("g")]
    if fields.get("sku"):
        out.append(_coarse_key(fields["sku"], nfc=nfc).alias("sku"))
    for i in cmap.attribute_indices():
        if ATTR_PREFIX + cmap.headers[i] in ("attr:ID", "attr:id"):
            out.append(_coarse_key([i], nfc=nfc).alias(f"id{i}"))
    return out


__all__ = [
    "STREAM_BYTES",
    "ChunkInfo",
    "ChunkSpec",
    "CutPlan",
    "StreamingCatalog",
    "build_chunk",
    "open_stream",
    "wants_stream",
]
