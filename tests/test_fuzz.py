"""Property tests (hypothesis) for the units parser, structured JSON input and every
output format.

CI runs a few hundred examples per property; the ``slow`` variants run thousands and
are skipped unless ``LISTLINT_SLOW=1`` (nightly-style: ``LISTLINT_SLOW=1 pytest -m slow``).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listlint import formatters, units
from listlint.errors import InputError
from listlint.formatters import FormatOptions
from listlint.formatters.safe import clean_text
from listlint.loader import load
from listlint.report import Finding, Report, Severity

SLOW = pytest.mark.skipif(
    not os.environ.get("LISTLINT_SLOW"), reason="nightly-style fuzzing: set LISTLINT_SLOW=1"
)


def fuzz(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- units ------------------------------------------------------------------------

any_text = st.text(max_size=60)
unit_ish = st.text(
    alphabet=st.sampled_from(list("0123456789.,-x×*;:/ '\"kglbozcmminft~toand公斤克磅")),
    max_size=40,
)


def _never_raises(text: str) -> None:
    for parse in (units.parse_weight, units.parse_length):
        m = parse(text)
        assert m is None or (math.isfinite(m.value) and isinstance(m.raw, str))
        assert isinstance(units.why_unreadable(text, "weight"), str)
    dims = units.parse_dimensions(text)
    assert dims is None or all(math.isfinite(d.value) for d in dims)
    n = units.parse_number(text)
    assert n is None or math.isfinite(n)


@fuzz(400)
@given(st.one_of(any_text, unit_ish))
def test_units_never_raise(text: str) -> None:
    _never_raises(text)


@SLOW
@pytest.mark.slow
@fuzz(20_000)
@given(st.one_of(any_text, unit_ish))
def test_units_never_raise_slow(text: str) -> None:
    _never_raises(text)


amount = st.decimals(min_value="0.01", max_value="99999", places=2, allow_nan=False)


def _weight_round_trip(value: object, unit: str, sep: str) -> None:
    text = f"{value}{sep}{unit}"
    m = units.parse_weight(text)
    assert m is not None, text
    assert math.isclose(m.value, float(value) * units.MASS_TO_KG[unit], rel_tol=1e-9), text


@fuzz(400)
@given(amount, st.sampled_from(["kg", "g", "lb", "oz", "mg"]), st.sampled_from(["", " "]))
def test_weight_round_trip(value: object, unit: str, sep: str) -> None:
    _weight_round_trip(value, unit, sep)


@SLOW
@pytest.mark.slow
@fuzz(10_000)
@given(amount, st.sampled_from(["kg", "g", "lb", "oz", "mg"]), st.sampled_from(["", " "]))
def test_weight_round_trip_slow(value: object, unit: str, sep: str) -> None:
    _weight_round_trip(value, unit, sep)


@fuzz(300)
@given(st.integers(min_value=1000, max_value=10**9))
def test_thousands_separators(n: int) -> None:
    assert units.parse_number(f"{n:,}") == n
    assert units.parse_number(f"{n:,}".replace(",", "\u00a0")) == n


@fuzz(300)
@given(st.floats(min_value=1e-4, max_value=5e4, allow_nan=False))
def test_formatted_weight_reads_back(kg: float) -> None:
    text = units.format_weight(kg)
    m = units.parse_weight(text)
    assert m is not None, text
    assert math.isclose(m.value, kg, rel_tol=0.01, abs_tol=1e-6), (kg, text)


@fuzz(300)
@given(st.lists(amount, min_size=2, max_size=3), st.sampled_from(["x", " x ", "×", " * "]))
def test_dimensions_round_trip(values: list, sep: str) -> None:
    text = sep.join(str(v) for v in values) + " cm"
    dims = units.parse_dimensions(text)
    assert dims is not None, text
    assert [round(d.value, 6) for d in dims] == [round(float(v), 6) for v in values], text


# --- JSON input with arbitrary structure ------------------------------------------

scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
json_value = st.recursive(
    scalar,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)
product = st.dictionaries(
    st.sampled_from(["sku", "title", "price", "weight", "variants", "images", "brand", "x"]),
    json_value,
    min_size=1,
    max_size=6,
)


def _load_json_doc(doc: object) -> None:
    data = json.dumps(doc).encode()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.json"
        path.write_bytes(data)
        try:
            cat = load(path)
        except InputError as exc:
            assert "\n" not in str(exc) and "doc.json" in str(exc)
            return
        assert path.read_bytes() == data
        assert cat.records >= 0


@fuzz(250)
@given(
    st.one_of(
        st.lists(product, max_size=5),
        st.fixed_dictionaries({"products": st.lists(product, max_size=5)}),
        json_value,
    )
)
def test_json_of_any_shape(doc: object) -> None:
    _load_json_doc(doc)


@SLOW
@pytest.mark.slow
@fuzz(5_000)
@given(st.one_of(st.lists(product, max_size=8), json_value))
def test_json_of_any_shape_slow(doc: object) -> None:
    _load_json_doc(doc)


# --- every output format on arbitrary finding text --------------------------------

hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("=+-@\t\r\n<>&\"'\x00\x07\x1b%:,\u202e\u2066")),
    ),
    max_size=40,
)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    opt = st.none() | hostile_text
    return Finding(
        rule=draw(st.sampled_from(["PR101", "HC201", "DT101"])),
        name="fuzz",
        group="data",
        severity=draw(st.sampled_from(list(Severity))),
        path=draw(st.sampled_from(["shop/c.csv", "a b/ö#.xlsx"])),
        sheet=draw(opt),
        row=draw(st.none() | st.integers(min_value=1, max_value=10**6)),
        column=draw(opt),
        field=draw(opt),
        sku=draw(opt),
        message=draw(hostile_text),
        match=draw(opt),
        suggestion=draw(opt),
        policy=draw(opt),
    )


def _html_text(page: str) -> str:
    from html.parser import HTMLParser

    chunks: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            chunks.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(page)
    parser.close()
    return "".join(chunks)


def _check_formats(found: list[Finding]) -> None:
    report = Report.build(found, files=1, records=len(found), listings=len(found))

    def render(fmt: str) -> str:
        buf = io.StringIO()
        formatters.get(fmt)(report, buf, FormatOptions())
        return buf.getvalue()

    assert len(json.loads(render("json"))["findings"]) == len(found)
    sarif = json.loads(render("sarif"))
    assert len(sarif["runs"][0]["results"]) == len(found)
    ET.fromstring(render("junit"))  # well-formed XML whatever the text
    rows = list(csv.reader(io.StringIO(render("csv"), newline="")))
    assert len(rows) == len(found) + 1
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), value
            assert "\x00" not in value and "\x07" not in value and "\x1b" not in value
    for fmt in ("text", "html", "github", "csv", "junit"):
        out = render(fmt)
        assert "\x1b" not in out and "\x07" not in out and "\x00" not in out, fmt
        assert "\u202e" not in out and "\u2066" not in out, fmt  # shown as <U+202E>
    # what a browser shows as text holds every message verbatim: nothing in it was
    # taken for markup
    shown = _html_text(render("html"))
    for f in found:
        assert clean_text(f.message) in shown, f.message
    gh = render("github").splitlines()
    assert len(gh) == len(found) + 1  # one annotation each (under the cap) + summary


@fuzz(150)
@given(st.lists(findings(), max_size=6))
def test_every_format_survives_hostile_text(found: list[Finding]) -> None:
    _check_formats(found)


@SLOW
@pytest.mark.slow
@fuzz(3_000)
@given(st.lists(findings(), max_size=12))
def test_every_format_survives_hostile_text_slow(found: list[Finding]) -> None:
    _check_formats(found)


# --- raw bytes into the loader (the CI-sized runs live in tests/test_loader_fuzz.py) --

csv_ish = st.lists(
    st.sampled_from(
        [
            b",",
            b";",
            b"\t",
            b'"',
            b'""',
            b"\n",
            b"\r\n",
            b"\r",
            b"sku",
            b"title",
            b"price",
            b"1,5 kg",
            b"\xef\xbb\xbf",
            b"\x00",
            b"\xff\xfe",
            b"=1+1",
            b"{",
            b"[",
            b"PK\x03\x04",
        ]
    )
    | st.binary(max_size=8),
    max_size=60,
).map(b"".join)


@SLOW
@pytest.mark.slow
@fuzz(10_000)
@given(st.one_of(st.binary(max_size=4096), csv_ish))
def test_loader_on_arbitrary_bytes_slow(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.csv"
        path.write_bytes(data)
        try:
            cat = load(path)
        except InputError as exc:
            assert "\n" not in str(exc)
            return
        assert path.read_bytes() == data
        # a delimited file never yields more listings than records (JSON variants may)
        assert cat.format in ("json", "jsonl") or cat.frame.height <= cat.records
