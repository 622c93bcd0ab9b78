"""A library table (polars, pandas, Arrow) as a :class:`RawTable` of text cells.

Every cell becomes the text Python's ``str()`` gives it (``None`` stays null), exactly
as a row-by-row conversion would (a hypothesis test holds the two equal). Converting
cell by cell in Python cost ~30 µs per row, so columns polars can write as ``str()``
does are cast in Rust: text and integer columns, booleans (``True``/``False``), dates,
and floats except the few values whose text differs (``nan``, and magnitudes below
1e-4 that Python writes ``1e-05`` and polars ``0.00001``). Other types (datetimes,
decimals, lists, objects) go through ``str()``, one column at a time.
"""

from __future__ import annotations

import polars as pl

from listlint.loader.table import RawTable

#: Float magnitudes at or above this print the same in Python and polars (below it
#: Python switches to exponent notation and polars does not).
_FLOAT_PLAIN_MIN = 1e-4


def frame_table(df: pl.DataFrame) -> RawTable:
    """Headers, text cells and row numbers (header = row 1); blank rows are no records."""
    headers = [str(c) for c in df.columns]
    text = pl.DataFrame([text_series(df.to_series(i), f"c{i}") for i in range(df.width)])
    if df.width == 0:
        return RawTable(headers, [], [], records=0)
    filled = pl.any_horizontal([pl.col(c).is_not_null() & (pl.col(c) != "") for c in text.columns])
    numbered = text.with_row_index("__i").filter(filled)
    frame = numbered.drop("__i")
    numbers = (numbered["__i"].cast(pl.Int64) + 2).to_list()
    return RawTable(headers, [], numbers, records=frame.height, source_frame=frame)


def text_series(s: pl.Series, name: str) -> pl.Series:
    dtype = s.dtype
    if dtype == pl.Utf8:
        out = s
    elif dtype.is_integer() or dtype == pl.Date:
        out = s.cast(pl.Utf8)
    elif dtype == pl.Boolean:  # polars writes "true", Python "True"
        out = s.cast(pl.Utf8).str.replace("^t", "T").str.replace("^f", "F")
    elif dtype.is_float():
        out = _float_text(s.cast(pl.Float64))
    elif isinstance(dtype, (pl.List, pl.Array)) and _flat_list(dtype):
        # tags, images: one item a line, as the JSON reader joins lists (M8: a list
        # column ended the run with "cannot cast List type")
        items = s.cast(pl.List(dtype.inner)) if isinstance(dtype, pl.Array) else s
        text = pl.element().cast(pl.Utf8)
        kept = items.list.eval(text.filter(text.str.strip_chars() != ""))
        out = kept.list.join("\n")
        out = out.set(out == "", None) if (out == "").any() else out
    elif isinstance(dtype, pl.Struct):
        out = s.struct.json_encode()
    else:
        out = pl.Series([None if v is None else str(v) for v in s.to_list()], dtype=pl.Utf8)
    return out.alias(name)


def _float_text(s: pl.Series) -> pl.Series:
    out = s.cast(pl.Utf8)
    odd = (s.is_nan() | ((s.abs() < _FLOAT_PLAIN_MIN) & (s != 0))).fill_null(False)
    if odd.any():
        idx = odd.arg_true()
        out = out.scatter(idx, [str(v) for v in s.gather(idx).to_list()])
    return out


def _flat_list(dtype: pl.DataType) -> bool:
    """A list of text, numbers or booleans (a list of lists or structs goes through str())."""
    inner = dtype.inner  # type: ignore[attr-defined]
    return inner == pl.Utf8 or inner.is_numeric() or inner == pl.Boolean
