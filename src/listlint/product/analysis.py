"""One product analysis per batch, shared by every rule family.

Per listing, for all rows, computed columnar (each distinct title head segment, product
type and category text is read once in Python and joined back): the product type, its
group, whether it is a carrier or a form, and which field named it. Per matched term, only
for the candidate rows a family asks about: its role (:mod:`listlint.product.roles`),
computed on demand and memoised.

    from listlint.product import product_analysis
    pa = product_analysis(batch)            # == batch.cached("product", analyse_batch)
    pa.frame["product_group"]               # polars column, one value per listing
    pa.role(i, "title", start, end)         # TermRole: role + reason, spans in folded text
    pa.evidence(i, "title", start, end)     # Evidence to put in a finding
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import polars as pl

from listlint.memo import BoundedMemo
from listlint.product.evidence import Evidence, weigh
from listlint.product.head import HARD_CUT, CategoryType, Head, category_type, title_head
from listlint.product.lexicon import Lexicon, TypeEntry, lexicon
from listlint.product.roles import ListingProduct, RoleJudge, TermRole
from listlint.text.normalize import fold_series

if TYPE_CHECKING:
    from listlint.batch import Batch

CACHE_KEY = "product"
#: the fields that say what a listing is, in the order they decide
TYPE_FIELDS = ("title", "product_type", "category")
#: columns of :attr:`ProductAnalysis.frame`
FRAME_SCHEMA = {
    "product_type": pl.Utf8,
    "product_group": pl.Utf8,
    "product_carrier": pl.Boolean,
    "product_form": pl.Boolean,
    "product_field": pl.Utf8,
    "product_term": pl.Utf8,
}
#: memoised roles per analysis (bounded: a batch of hostile rows cannot grow it forever)
_MEMO_LIMIT = 200_000


class ProductAnalysis:
    """What each listing of a batch sells (:attr:`frame`) and the role of terms in it.

    ``text(field, row)`` returns a listing's folded field text, ``original(field, row)``
    the seller's text (its casing tells a brand name from a word)."""

    def __init__(
        self,
        frame: pl.DataFrame,
        entries: list[TypeEntry],
        text: Callable[[str, int], str | None],
        original: Callable[[str, int], str | None],
        lex: Lexicon,
    ) -> None:
        self.frame = frame.select(list(FRAME_SCHEMA))
        self._ids = frame
        self._entries = entries
        self._text = text
        self._original = original
        self._lex = lex
        self._roles: BoundedMemo[tuple[int, str, int, int], TermRole] = BoundedMemo(_MEMO_LIMIT)
        #: the judge of the row asked last (rows are asked one after another): its
        #: memos serve every term of that listing
        self._judged: tuple[int, RoleJudge] | None = None
        #: rows read by :meth:`products` (one frame pass for many rows, not a row each)
        self._products: dict[int, ListingProduct] = {}

    def __len__(self) -> int:
        return self.frame.height

    def heads(self) -> pl.DataFrame:
        """Per listing, the title's head noun: ``head_start``, ``head_end`` (offsets in
        the folded title), ``seg_end`` (end of its head segment) and ``head_first``
        (the noun comes from a head-first language); null where the title names none."""
        first = pl.Series([e.head_first for e in self._entries], dtype=pl.Boolean)
        ids = pl.Series(range(len(first)), dtype=pl.UInt32)
        return self._ids.select(
            pl.col("head_start"),
            pl.col("head_end"),
            pl.col("seg_end"),
            pl.col("t_entry")
            .replace_strict(ids, first, default=None, return_dtype=pl.Boolean)
            .alias("head_first"),
        )

    def field_groups(self) -> pl.DataFrame:
        """Per listing, the group each field names on its own: ``title_group`` (the
        title's head noun), ``type_group`` (the product-type column), ``category_group``
        (the category text); null where the field names no grouped type. For rules that
        compare what the fields say (a phone case in "Food > Snacks")."""
        groups = [e.group or None for e in self._entries]
        ids = pl.Series(range(len(groups)), dtype=pl.UInt32)
        names = pl.Series(groups, dtype=pl.Utf8)

        def group(col: str) -> pl.Expr:
            return pl.col(col).replace_strict(ids, names, default=None, return_dtype=pl.Utf8)

        return self._ids.select(
            group("t_entry").alias("title_group"),
            group("p_entry").alias("type_group"),
            group("c_entry").alias("category_group"),
        )

    def product(self, row: int) -> ListingProduct:
        """What listing ``row`` sells, with its title's head noun."""
        found = self._products.get(row)
        if found is not None:
            return found
        return self._make_product(row, self._ids.row(row, named=True))

    def products(self, rows: Sequence[int]) -> dict[int, ListingProduct]:
        """:meth:`product` of each of ``rows``, read from the frame in one pass (for a
        family that judges thousands of candidate rows); kept for later :meth:`product`
        and :meth:`role` calls on the same rows."""
        wanted = [r for r in dict.fromkeys(rows) if r not in self._products]
        if len(self._products) + len(wanted) > _MEMO_LIMIT:  # bounded, like the roles
            self._products.clear()
            wanted = list(dict.fromkeys(rows))
        if wanted:
            taken = self._ids[pl.Series(wanted, dtype=pl.UInt32)]
            for row, r in zip(wanted, taken.iter_rows(named=True), strict=True):
                self._products[row] = self._make_product(row, r)
        return {row: self._products[row] for row in rows}

    def _make_product(self, row: int, r: dict[str, Any]) -> ListingProduct:
        entry = self._entries[r["entry"]] if r["entry"] is not None else None
        head = None
        if r["t_entry"] is not None or r["seg_end"] is not None:
            h_entry = self._entries[r["t_entry"]] if r["t_entry"] is not None else None
            title = self._text("title", row) or ""
            start, end = r["head_start"] or 0, r["head_end"] or 0
            head = Head(h_entry, start, end, r["seg_end"] or 0, title[start:end])
        category = self._entries[r["c_entry"]] if r["c_entry"] is not None else None
        declared = self._entries[r["p_entry"]] if r["p_entry"] is not None else None
        return ListingProduct(
            entry, r["product_field"], r["product_term"], head, category, declared
        )

    def role(self, row: int, field: str, start: int, end: int) -> TermRole:
        """The role of the folded text at ``start:end`` of ``field`` in listing ``row``."""
        key = (row, field, start, end)
        found = self._roles.get(key)
        if found is None:
            found = self._roles.keep(key, self._judge(row).judge(field, start, end))
        return found

    def evidence(self, row: int, field: str, start: int, end: int) -> Evidence:
        return weigh(self.role(row, field, start, end))

    def _judge(self, row: int) -> RoleJudge:
        if self._judged is None or self._judged[0] != row:
            texts = _RowTexts(self._text, row)
            judge = RoleJudge(self._lex, self.product(row), texts, self._original("title", row))
            self._judged = (row, judge)
        return self._judged[1]


class _RowTexts(Mapping[str, "str | None"]):
    """A listing's folded fields, read when a role asks for them."""

    def __init__(self, text: Callable[[str, int], str | None], row: int) -> None:
        self._text, self._row = text, row
        self._seen: dict[str, str | None] = {}

    def __getitem__(self, field: str) -> str | None:
        if field not in self._seen:
            self._seen[field] = self._text(field, self._row)
        return self._seen[field]

    def __iter__(self):
        return iter(self._seen)

    def __len__(self) -> int:
        return len(self._seen)


# -- the columnar part ---------------------------------------------------------------------
class _Entries:
    """Distinct type entries, numbered for the frame's ``entry`` columns."""

    def __init__(self) -> None:
        self.items: list[TypeEntry] = []
        self._index: dict[TypeEntry, int] = {}

    def id(self, entry: TypeEntry | None) -> int | None:
        if entry is None:
            return None
        if entry not in self._index:
            self._index[entry] = len(self.items)
            self.items.append(entry)
        return self._index[entry]


#: entries kept per memo below before it is emptied (bounded memory on hostile files)
_READ_LIMIT = 200_000


class _Reads:
    """What a lexicon read in texts, remembered across batches: variants of a product
    share its title within a batch, and a catalogue's products share head segments
    ("Hydrating Serum Moisturising") across batches (200k text-heavy listings: 17,100
    distinct segments per 50k batch, 19,154 in the whole file). Both reads are pure
    functions of the text and the lexicon."""

    def __init__(self) -> None:
        self.heads: BoundedMemo[str, Head] = BoundedMemo(_READ_LIMIT)
        self.categories: BoundedMemo[str, CategoryType | None] = BoundedMemo(_READ_LIMIT)

    def head(self, text: str, lex: Lexicon) -> Head:
        found = self.heads.get(text)
        return found if found is not None else self.heads.keep(text, title_head(text, lex))

    def category(self, text: str, lex: Lexicon) -> CategoryType | None:
        if text in self.categories:
            return self.categories[text]
        return self.categories.keep(text, category_type(text, lex))


#: per lexicon (the shipped one, or a test's): its reads
_READS: WeakKeyDictionary[Lexicon, _Reads] = WeakKeyDictionary()


def _reads(lex: Lexicon) -> _Reads:
    found = _READS.get(lex)
    if found is None:
        found = _READS[lex] = _Reads()
    return found


def _title_table(segments: pl.Series, lex: Lexicon, entries: _Entries) -> pl.DataFrame:
    """Per distinct head segment (a title cut at its first hard separator): the head."""
    rows = []
    read = _reads(lex).head
    for seg in segments.to_list():
        if seg is None:
            continue
        head = read(seg, lex)
        end = head.seg_end
        rows.append((seg, entries.id(head.entry), head.start, head.end, end, head.term or None))
    schema = {
        "seg": pl.Utf8,
        "t_entry": pl.UInt32,
        "head_start": pl.Int32,
        "head_end": pl.Int32,
        "seg_end": pl.Int32,
        "t_term": pl.Utf8,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def _text_table(
    values: pl.Series, name: str, read: Callable[[str], tuple[TypeEntry | None, str | None]],
    entries: _Entries,
) -> pl.DataFrame:  # fmt: skip
    rows = []
    for v in values.to_list():
        if v is not None:
            entry, term = read(v)
            if entry is not None and entry.group:
                rows.append((v, entries.id(entry), term))
    schema = {name: pl.Utf8, f"{name}_entry": pl.UInt32, f"{name}_term": pl.Utf8}
    return pl.DataFrame(rows, schema=schema, orient="row")


def analyse_columns(
    title: pl.Series, product_type: pl.Series, category: pl.Series, lex: Lexicon | None = None
) -> tuple[pl.DataFrame, list[TypeEntry]]:
    """The per-listing frame from folded title, product-type and category columns (all
    the same length; null where blank) and the entries its ``*entry`` columns number."""
    lex = lex or lexicon()
    entries = _Entries()
    n = title.len()
    title = title.cast(pl.Utf8).alias("title")
    cut = title.str.find(HARD_CUT)
    seg = (
        pl.DataFrame({"t": title, "c": cut})
        .select(pl.col("t").str.slice(0, pl.col("c")).fill_null(pl.col("t")).alias("seg"))
        .to_series()
    )
    t_table = _title_table(seg.unique(), lex, entries)

    reads = _reads(lex)

    def read_type(text: str) -> tuple[TypeEntry | None, str | None]:
        h = reads.head(text, lex)
        return h.entry, h.term or None

    def read_category(text: str) -> tuple[TypeEntry | None, str | None]:
        found = reads.category(text, lex)
        return (found.entry, found.segment) if found else (None, None)

    p_table = _text_table(product_type.cast(pl.Utf8).unique(), "p", read_type, entries)
    c_table = _text_table(category.cast(pl.Utf8).unique(), "c", read_category, entries)
    df = (
        pl.DataFrame({"seg": seg, "p": product_type.cast(pl.Utf8), "c": category.cast(pl.Utf8)})
        .join(t_table, on="seg", how="left", maintain_order="left")
        .join(p_table, on="p", how="left", maintain_order="left")
        .join(c_table, on="c", how="left", maintain_order="left")
    )
    groups = pl.DataFrame(
        {
            "id": pl.Series(range(len(entries.items)), dtype=pl.UInt32),
            "type": [e.type for e in entries.items],
            "group": [e.group or None for e in entries.items],
            "carrier": [e.carrier for e in entries.items],
            "form": [e.form for e in entries.items],
        },
        schema={"id": pl.UInt32, "type": pl.Utf8, "group": pl.Utf8, "carrier": pl.Boolean,
                "form": pl.Boolean},
    )  # fmt: skip
    t_group = pl.col("t_entry").replace_strict(
        groups["id"], groups["group"], default=None, return_dtype=pl.Utf8
    )
    # the title's head decides when it names a group; a product type or category names
    # the group of a title whose head noun is shared by several ("Case - ...")
    chosen = (
        pl.when(t_group.is_not_null())
        .then(pl.struct(e=pl.col("t_entry"), f=pl.lit("title"), t=pl.col("t_term")))
        .when(pl.col("p_entry").is_not_null())
        .then(pl.struct(e=pl.col("p_entry"), f=pl.lit("product_type"), t=pl.col("p_term")))
        .when(pl.col("c_entry").is_not_null())
        .then(pl.struct(e=pl.col("c_entry"), f=pl.lit("category"), t=pl.col("c_term")))
        .when(pl.col("t_entry").is_not_null())
        .then(pl.struct(e=pl.col("t_entry"), f=pl.lit("title"), t=pl.col("t_term")))
    )
    df = df.with_columns(chosen.alias("_c")).select(
        pl.col("_c").struct.field("e").alias("entry"),
        pl.col("_c").struct.field("f").alias("product_field"),
        pl.col("_c").struct.field("t").alias("product_term"),
        "t_entry",
        "p_entry",
        "c_entry",
        "head_start",
        "head_end",
        pl.when(pl.col("seg").is_not_null()).then(pl.col("seg_end")).alias("seg_end"),
    )
    df = df.join(groups, left_on="entry", right_on="id", how="left", maintain_order="left")
    df = df.rename(
        {"type": "product_type", "group": "product_group", "carrier": "product_carrier",
         "form": "product_form"}
    )  # fmt: skip
    df = df.with_columns(
        pl.col("product_carrier").fill_null(False), pl.col("product_form").fill_null(False)
    )
    assert df.height == n
    return df, entries.items


def _folded(frame: pl.DataFrame, name: str) -> pl.Series:
    if name in frame.columns:
        return fold_series(frame[name].cast(pl.Utf8))
    return pl.Series(name, [None] * frame.height, dtype=pl.Utf8)


def analyse_batch(batch: Batch, lex: Lexicon | None = None) -> ProductAnalysis:
    """The analysis of one batch (see module docstring); use :func:`product_analysis`."""
    lex = lex or lexicon()
    cols = {f: batch.folded_series(f) for f in TYPE_FIELDS}
    frame, entries = analyse_columns(cols["title"], cols["product_type"], cols["category"], lex)

    def text(field: str, row: int) -> str | None:
        return batch.folded_series(field)[row] if field in batch.frame.columns else None

    def original(field: str, row: int) -> str | None:
        return batch.frame[field][row] if field in batch.frame.columns else None

    return ProductAnalysis(frame, entries, text, original, lex)


def product_analysis(batch: Batch) -> ProductAnalysis:
    """The batch's product analysis, computed once and shared by every rule family."""
    return batch.cached(CACHE_KEY, analyse_batch)


def analyse_records(
    records: list[Mapping[str, Any]], lex: Lexicon | None = None
) -> ProductAnalysis:
    """The analysis of plain records (``{"title": ..., "category": ..., "brand": ...}``),
    for tests and callers without a batch."""
    fields = sorted({k for r in records for k in r})
    raw = pl.DataFrame(
        {f: [None if r.get(f) is None else str(r.get(f)) for r in records] for f in fields},
        schema={f: pl.Utf8 for f in fields},
    )
    folded = {f: _folded(raw, f) for f in {*fields, *TYPE_FIELDS}}
    frame, entries = analyse_columns(
        folded["title"], folded["product_type"], folded["category"], lex
    )

    def text(field: str, row: int) -> str | None:
        return folded[field][row] if field in folded else None

    def original(field: str, row: int) -> str | None:
        return raw[field][row] if field in raw.columns else None

    return ProductAnalysis(frame, entries, text, original, lex or lexicon())
