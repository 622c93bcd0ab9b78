"""A fuzz target per loader (issue 21): CSV, XLSX, JSON, JSON Lines and Parquet, run in
the normal test run with a fixed, small budget (hypothesis, no deadline; a few seconds
each). They found, while being written: a Rust panic in polars on a Parquet file whose
schema metadata is not UTF-8, and zlib errors escaping from damaged workbook parts. Each asserts that loading raises nothing but listlint's InputError (a one-line
message) and that every record is accounted for: counted in ``records``, and either a
listing of the frame or a loader issue."""

from __future__ import annotations

import csv
import io
import json
import os
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import hostile_files as hf
from tests.test_loader_fuzz import _load_bytes

#: the normal run: 100 fixed examples per target (a second or two each); set
#: LISTLINT_SLOW=1 for thousands of fresh ones (nightly-style)
_DEEP = bool(os.environ.get("LISTLINT_SLOW"))
BUDGET = settings(
    max_examples=3000 if _DEEP else 100,
    deadline=None,
    derandomize=not _DEEP,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# control characters are left out: a file full of them is refused as binary, by design
text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15)
cell = st.one_of(
    st.just(""),
    text,
    st.sampled_from(["Kratom capsules", "高仿 Rolex", "9.99", '"x"', "two\nlines", "a;b,c"]),
)
HEADERS = ["sku", "title", "price", "size"]


def _accounted(cat, expected: int, bad_kinds: tuple[str, ...] = ()) -> None:  # type: ignore[no-untyped-def]
    assert cat.records == expected
    bad = sum(1 for i in cat.issues if i.kind in bad_kinds and i.row is not None)
    assert cat.frame.height + bad >= expected or cat.frame.height == expected - bad


# --- CSV ------------------------------------------------------------------------------------


@BUDGET
@given(
    st.lists(st.lists(cell, min_size=0, max_size=6), max_size=10),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_fuzz_csv(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for r in rows:
        writer.writerow(r)
    cat = _load_bytes(buf.getvalue().encode(encoding), ".csv")
    assert cat is not None
    expected = sum(1 for r in rows if any(c.strip() for c in r))
    assert cat.records == expected
    assert cat.frame.height == expected  # ragged rows are listings and DT101 findings


@BUDGET
@given(st.binary(max_size=600), st.integers(min_value=0, max_value=600))
def test_fuzz_csv_bytes(noise: bytes, at: int) -> None:
    base = b'sku,title,price\nA1,Mug,9\nA2,"Cup, blue",5\n'
    _load_bytes(base[:at] + noise + base[at:], ".csv")


# --- XLSX -----------------------------------------------------------------------------------

refs = st.tuples(
    st.integers(min_value=1, max_value=16384), st.integers(min_value=2, max_value=1_048_576)
)


@BUDGET
@given(
    st.lists(st.lists(cell, min_size=1, max_size=4), max_size=8),
    st.lists(st.tuples(refs, text), max_size=3),
)
def test_fuzz_xlsx(rows: list[list[str]], far: list) -> None:
    """Products under a header, plus cells anywhere in Excel's grid."""
    from listlint.loader.xlsxgrid import column_letters

    body = [hf.inline_row(1, HEADERS)]
    used = {1}
    for r, cells in enumerate(rows, start=2):
        body.append(hf.inline_row(r, [escape(c) for c in cells]))
        used.add(r)
    extra = {}
    for (col, row), value in far:
        if row in used or row in extra or not value.strip():
            continue
        extra[row] = (
            col,
            f'<row r="{row}"><c r="{column_letters(col)}{row}" t="inlineStr">'
            f"<is><t>{escape(value)}</t></is></c></row>",
        )
    xml = "".join(body) + "".join(extra[k][1] for k in sorted(extra))
    cat = _load_bytes(hf.xlsx_with({"xl/worksheets/sheet1.xml": hf.sheet(xml)}), ".xlsx")
    assert cat is not None
    products = sum(1 for r in rows if any(c.strip() for c in r))
    assert cat.records == products + len(extra)
    # a far value right of the header is a DT101 finding, under it a listing
    right = sum(1 for col, _ in extra.values() if col > len(HEADERS))
    assert cat.frame.height == products + len(extra) - right


@BUDGET
@given(st.binary(min_size=1, max_size=40), st.integers(min_value=0, max_value=2000))
def test_fuzz_xlsx_bytes(noise: bytes, at: int) -> None:
    data = hf._xlsx_rows(["sku", "title"], ["A1", "Mug"])
    _load_bytes(data[:at] + noise + data[at + len(noise) :], ".xlsx")


# --- JSON and JSON Lines ---------------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=8,
)
records = st.one_of(
    st.dictionaries(st.sampled_from([*HEADERS, "tags", "k"]), values, max_size=5),
    scalars,
)


def _filled(value: object) -> bool:
    """A JSON value that gives a record something to read (as the loader flattens)."""
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    if isinstance(value, list):
        return any(_filled(v) for v in value)
    if isinstance(value, bool):
        return True
    return value is not None and str(value).strip() != ""


@BUDGET
@given(st.lists(records, min_size=1, max_size=8))
def test_fuzz_json(recs: list) -> None:
    cat = _load_bytes(json.dumps(recs).encode(), ".json")
    if cat is None:  # no object at all in the array: refused in one line
        assert not any(isinstance(r, dict) for r in recs)
        return
    objects = [r for r in recs if isinstance(r, dict)]
    others = len(recs) - len(objects)
    filled = sum(1 for r in objects if _filled(r))
    assert cat.records == filled + others
    assert cat.frame.height == filled
    assert sum(1 for i in cat.issues if i.kind == "bad-record") == min(others, 101) or others > 100


@BUDGET
@given(st.lists(st.one_of(records.map(json.dumps), text), min_size=1, max_size=8))
def test_fuzz_jsonl(lines: list[str]) -> None:
    data = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines).encode()
    cat = _load_bytes(data, ".jsonl")
    if cat is None or cat.format not in ("json", "jsonl"):
        return  # read as something else (two lines of "null" are a CSV) or refused
    lines_read = sum(1 for line in data.decode().splitlines() if line.strip())
    if lines_read > 1:  # one line is a JSON document, read as test_fuzz_json reads them
        assert cat.records == lines_read
        assert cat.frame.height <= cat.records


# --- Parquet ---------------------------------------------------------------------------------


@BUDGET
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), text),
            st.one_of(st.none(), st.integers(-(10**12), 10**12)),
            st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
            st.one_of(st.none(), st.lists(text, max_size=3)),
            st.one_of(st.none(), st.booleans()),
        ),
        max_size=12,
    )
)
def test_fuzz_parquet(rows: list[tuple]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "title": pa.array([r[0] for r in rows], type=pa.string()),
            "quantity": pa.array([r[1] for r in rows], type=pa.int64()),
            "price": pa.array([r[2] for r in rows], type=pa.float64()),
            "tags": pa.array([r[3] for r in rows], type=pa.list_(pa.string())),
            "flag": pa.array([r[4] for r in rows], type=pa.bool_()),
        }
    )
    buf = io.BytesIO()
    pq.write_table(table, buf)
    cat = _load_bytes(buf.getvalue(), ".parquet")
    assert cat is not None
    filled = sum(
        1
        for t, q, p, tags, f in rows
        if (t not in (None, ""))
        or q is not None
        or p is not None
        or f is not None
        or any(tags or [])
    )
    assert cat.records == cat.frame.height == filled


@BUDGET
@given(st.binary(min_size=1, max_size=64), st.integers(min_value=0, max_value=900))
def test_fuzz_parquet_bytes(noise: bytes, at: int) -> None:
    data = hf.parquet_list_column()
    _load_bytes(data[:at] + noise + data[at + len(noise) :], ".parquet")
