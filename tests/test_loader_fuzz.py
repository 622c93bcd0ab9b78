"""Property tests: the loader raises only its own clear error, and counts every record."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listlint.errors import InputError
from listlint.loader import load

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            cat = load(path)
        except InputError as exc:
            assert "\n" not in str(exc)
            return
        assert path.read_bytes() == data
        assert cat.records >= 0 and cat.frame.height <= max(cat.records, 1) * 1000


@SETTINGS
@given(st.binary(max_size=2048), st.sampled_from([".csv", ".xlsx", ".json", ".txt"]))
def test_arbitrary_bytes(data: bytes, suffix: str):
    _load_bytes(data, suffix)


@SETTINGS
@given(st.text(max_size=800))
def test_arbitrary_text(text: str):
    _load_bytes(text.encode("utf-8"), ".csv")


@SETTINGS
@given(st.sampled_from(["[", "{", '{"products": [', "[{"]), st.text(max_size=300))
def test_json_prefixes(prefix: str, rest: str):
    _load_bytes((prefix + rest).encode("utf-8"), ".json")


cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@SETTINGS
@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
        min_size=2,
        max_size=6,
        unique=True,
    ),
    st.lists(st.lists(cell, min_size=1, max_size=7), max_size=12),
    st.sampled_from([",", ";", "\t"]),
)
def test_small_tables_every_record_counted(headers, rows, delim):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delim, lineterminator="\r\n")  # quotes any CR/LF in cells
    writer.writerow(headers)
    for r in rows:
        writer.writerow(r)
    data = buf.getvalue().encode("utf-8")
    expected = sum(1 for r in rows if any(c.strip() for c in r))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_bytes(data)
        try:
            cat = load(path)
        except InputError as exc:
            assert "\n" not in str(exc)
            return
        assert cat.records == expected


# characters Python's Unicode database knows (polars' may be newer: U+1CCD6 folds to
# "a" there and stays itself here, a difference of versions, not of the two folds)
@given(st.text(st.characters(exclude_categories=("Cn", "Cs")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_fold_of_a_string_equals_the_columnar_fold(text: str) -> None:
    """fold() (with its ASCII shortcut) and fold_series() give the same matching form."""
    import polars as pl

    from listlint.text.normalize import fold, fold_series

    assert fold(text) == fold_series(pl.Series([text], dtype=pl.Utf8))[0]
