"""Property tests: the loader raises only its own clear error, and counts every record."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listlint.catalog import Catalog
from listlint.errors import InputError
from listlint.loader import load

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_bytes(data: bytes, suffix: str) -> Catalog | None:
    """The catalogue of ``data`` saved as a file, or None when refused in one line;
    the file is never modified. Shared with tests/test_loader_fuzz_formats.py."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            cat = load(path)
        except InputError as exc:
            assert "\n" not in str(exc)
            return None
        assert path.read_bytes() == data
        assert cat.records >= 0 and cat.frame.height <= max(cat.records, 1) * 1000
        return cat


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


def _clean_series_before(series, *, html_allowed: bool = True):  # type: ignore[no-untyped-def]
    """clean_series as it was before its whitespace steps ran on subsets (reference),
    with the no-break spaces between two letters kept (issue 21 L6)."""
    import re

    import polars as pl

    from listlint.text.normalize import strip_html
    from listlint.text.steps import on_subset as _on_subset

    if html_allowed:
        series = _on_subset(
            series,
            series.str.contains(r"[<&]"),
            lambda s: pl.Series(
                s.name, [strip_html(v) if v is not None else None for v in s.to_list()], pl.Utf8
            ),
        )
    series = _on_subset(
        series, series.str.contains(r"[^\x00-\x7f]"), lambda s: s.str.normalize("NFC")
    )
    joint = re.compile(r"(?<=[^\W\d_])([\u00a0\u202f\u2007])(?=[^\W\d_])")
    kept = {"\u00a0": "\ue000", "\u202f": "\ue001", "\u2007": "\ue002"}
    series = series.map_elements(
        lambda v: joint.sub(lambda m: kept[m.group(1)], v), return_dtype=pl.Utf8
    )
    out = series.str.replace_all(
        r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]| {2,}", " "
    ).str.replace_all(r" {2,}", " ")
    out = _on_subset(
        out,
        out.str.contains(r"[\n\r\u2028\u2029\u0085\v\f]"),
        lambda s: s.str.replace_all(r"\s*[\n\r\u2028\u2029\u0085\v\f]+\s*", "\n"),
    )
    out = out.str.strip_chars()
    for space, mark in kept.items():
        out = out.str.replace_all(mark, space, literal=True)
    return out.set(out == "", None) if (out == "").any() else out


_PIECES = [*"ab é中<>&;", "\t", "  ", "\u00a0", "\u2003", "\u3000", "\n", "\r", "&nbsp;", "<br>"]
_MESSY = st.lists(st.sampled_from([*_PIECES, "\u212a", "e\u0301"]), max_size=12).map("".join)


@given(st.lists(st.one_of(st.none(), _MESSY), min_size=1, max_size=8), st.booleans())
@settings(max_examples=300, deadline=None)
def test_clean_series_is_unchanged_by_its_subset_steps(cells, html_allowed: bool) -> None:
    import polars as pl

    from listlint.text.normalize import clean_series

    series = pl.Series("c", cells, dtype=pl.Utf8)
    new = clean_series(series, html_allowed=html_allowed).to_list()
    assert new == _clean_series_before(series, html_allowed=html_allowed).to_list()


_PRICE = st.one_of(
    st.none(),
    st.from_regex(r"\A\d{1,18}(\.\d{1,18})?\Z"),
    st.text(st.sampled_from(list("0123456789.,- $€£ABCDEFGHIJKLMNOPQRSTUVWXYZkr")), max_size=12),
    st.sampled_from(["19.99", "0.5", "007", "1,234.50", "USD 15", "$5", "1.234,5", "9" * 16]),
)


@given(st.lists(_PRICE, min_size=1, max_size=10))
@settings(max_examples=300, deadline=None)
def test_columnar_prices_equal_parse_price_per_cell(cells) -> None:
    import polars as pl

    from listlint.loader.normalize import _prices
    from listlint.money import parse_price

    amount, currency = _prices(pl.Series("price", cells, dtype=pl.Utf8))
    assert list(zip(amount.to_list(), currency.to_list(), strict=True)) == [
        parse_price(c) for c in cells
    ]
