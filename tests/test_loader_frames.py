"""Library tables (polars/pandas/Arrow) read columnar give what cell-by-cell reading gave."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from listlint.loader import _catalog, from_frame
from listlint.loader.frametable import frame_table
from listlint.loader.table import RawTable

HEADERS = ["Title", "Price", "Weight (kg)", "In stock", "SKU", "Made", "Updated", "Notes"]


def _cell_by_cell(df: pl.DataFrame):
    """The reading from_frame did before its columnar path: str() of every cell."""
    rows = [[None if v is None else str(v) for v in row] for row in df.iter_rows()]
    keep = [i for i, r in enumerate(rows) if any(v not in (None, "") for v in r)]
    table = RawTable(
        [str(c) for c in df.columns],
        [rows[i] for i in keep],
        [i + 2 for i in keep],
        records=len(keep),
    )
    return _catalog([table], None, None, "frame")


_text = st.one_of(st.none(), st.just(""), st.text(max_size=12))
_float = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e-5, 2.5e-7, 1e-4, 0.1 + 0.2, 1e16, 1e22, 19.99, 5e-324]),
)
_columns = {
    "Title": (_text, pl.Utf8),
    "Price": (_float, pl.Float64),
    "Weight (kg)": (st.one_of(st.none(), st.floats(width=32)), pl.Float32),
    "In stock": (st.one_of(st.none(), st.booleans()), pl.Boolean),
    "SKU": (st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), pl.Int64),
    "Made": (st.one_of(st.none(), st.dates()), pl.Date),
    "Updated": (
        st.one_of(st.none(), st.datetimes(), st.just(dt.datetime(2024, 1, 2, 3, 4, 5))),
        pl.Datetime("us"),
    ),
    "Notes": (st.one_of(st.none(), st.integers(0, 255)), pl.UInt8),
}


@st.composite
def frames(draw) -> pl.DataFrame:
    names = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=5, unique=True))
    n = draw(st.integers(0, 6))
    data = {}
    for name in names:
        strategy, dtype = _columns[name]
        data[name] = pl.Series(name, draw(st.lists(strategy, min_size=n, max_size=n)), dtype=dtype)
    return pl.DataFrame(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_columnar_reading_equals_cell_by_cell(df: pl.DataFrame):
    fast, slow = from_frame(df), _cell_by_cell(df)
    assert fast.records == slow.records
    assert fast.columns == slow.columns
    assert_frame_equal(fast.frame, slow.frame)


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), -float("inf"), 1e-05, 2.5e-07, 1e16, 0.1, -0.0]
)
def test_float_cells_read_as_python_writes_them(value: float):
    table = frame_table(pl.DataFrame({"x": [value]}))
    assert table.source_frame is not None
    assert table.source_frame["c0"].to_list() == [str(value)]
    assert math.isnan(value) or float(table.source_frame["c0"][0]) == value


def test_blank_rows_are_not_records_and_rows_keep_their_numbers():
    df = pl.DataFrame({"Title": ["Mug", None, "", "Tee"], "Price": [1.5, None, None, 2.0]})
    table = frame_table(df)
    assert table.records == 2 and table.row_numbers == [2, 5]


def test_pandas_and_arrow_inputs():
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    pdf = pd.DataFrame(
        {"Title": ["Mug", "Tee"], "Price": [9.5, 12.0], "Made": [dt.date(2024, 1, 2)] * 2}
    )
    a, b = from_frame(pdf), from_frame(pa.Table.from_pandas(pdf))
    assert a.frame["title"].to_list() == ["Mug", "Tee"] == b.frame["title"].to_list()
    assert a.frame["price_amount"].to_list() == [9.5, 12.0]
