"""Units parsing: format -> parse -> convert round trips (hypothesis), the parser never
raises, and the columnar path (listlint.units.columns) reads exactly what the Python
parser reads."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint import units
from listlint.units import columns

MASS_SPELLINGS = {
    "kg": ["kg", "kgs", "KG", "kilo", "kilograms", "公斤", "千克"],
    "g": ["g", "gr", "grams", "gramos", "G", "克"],
    "lb": ["lb", "lbs", "LBS", "pound", "pounds", "lb."],
    "oz": ["oz", "ounces", "oz."],
    "mg": ["mg", "milligrams"],
}
LENGTH_SPELLINGS = {
    "cm": ["cm", "cms", "centimeters", "centimetres", "CM", "厘米"],
    "mm": ["mm", "millimeters", "毫米"],
    "m": ["m", "meters", "metres"],
    "in": ["in", "inch", "inches", '"'],
    "ft": ["ft", "feet"],
}
values = st.decimals(min_value="0.001", max_value="99999", places=3, allow_nan=False)
SETTINGS = settings(max_examples=150, deadline=None)


def _fmt(value: object, comma: bool) -> str:
    text = f"{value}"
    return (
        text.replace(".", ",") if comma and "." in text and len(text.split(".")[1]) != 3 else text
    )


@SETTINGS
@given(
    values,
    st.sampled_from([(u, s) for u, ss in MASS_SPELLINGS.items() for s in ss]),
    st.sampled_from(["", " ", "  "]),
    st.booleans(),
)
def test_weight_round_trip(value: object, spelled: tuple[str, str], sep: str, comma: bool) -> None:
    unit, spelling = spelled
    text = f"{_fmt(value, comma)}{sep}{spelling}"
    m = units.parse_weight(text)
    assert m is not None, text
    assert math.isclose(m.value, float(value) * units.MASS_TO_KG[unit], rel_tol=1e-9), text
    assert m.unit == unit and m.raw == text


@SETTINGS
@given(values, st.sampled_from([(u, s) for u, ss in LENGTH_SPELLINGS.items() for s in ss]))
def test_length_round_trip(value: object, spelled: tuple[str, str]) -> None:
    unit, spelling = spelled
    text = f"{value} {spelling}" if spelling != '"' else f'{value}"'
    m = units.parse_length(text)
    assert m is not None, text
    assert math.isclose(m.value, float(value) * units.LENGTH_TO_CM[unit], rel_tol=1e-9), text


@SETTINGS
@given(values, st.sampled_from(sorted(units.MASS_TO_KG)))
def test_bare_number_takes_the_header_unit(value: object, unit: str) -> None:
    m = units.parse_weight(str(value), unit)
    assert m is not None and m.unit is None
    assert math.isclose(m.value, float(value) * units.MASS_TO_KG[unit], rel_tol=1e-9)
    # without a header unit a bare (non-zero) number is not guessed
    assert units.parse_weight(str(value)) is None
    assert units.why_unreadable(str(value), "weight") == "no-unit"


@SETTINGS
@given(st.integers(min_value=1000, max_value=10**7), st.sampled_from([",", " ", "\u00a0"]))
def test_thousands_separators(n: int, sep: str) -> None:
    text = f"{n:,}".replace(",", sep) + " g"
    m = units.parse_weight(text)
    assert m is not None and math.isclose(m.value, n / 1000), text


@SETTINGS
@given(values, values, st.sampled_from(["-", "–", " - ", " to ", "~"]))
def test_ranges_keep_both_bounds(a: object, b: object, sep: str) -> None:
    lo_d, hi_d = sorted((a, b))  # type: ignore[type-var]
    lo, hi = float(lo_d), float(hi_d)
    text = f"{lo_d}{sep}{hi_d} kg"
    m = units.parse_weight(text)
    assert m is not None, text
    assert math.isclose(m.value, hi, rel_tol=1e-9) and m.low is not None
    assert math.isclose(m.low, lo, rel_tol=1e-9), text


@SETTINGS
@given(
    st.lists(values, min_size=2, max_size=3),
    st.sampled_from(["x", " x ", "×", " × ", "*", " * ", "X", ";", " by "]),
    st.sampled_from([(u, s) for u, ss in LENGTH_SPELLINGS.items() for s in ss if s != '"']),
    st.booleans(),
)
def test_dimensions_round_trip(
    sides: list, sep: str, spelled: tuple[str, str], unit_each: bool
) -> None:
    unit, spelling = spelled
    parts = [f"{v}{spelling}" if unit_each else f"{v}" for v in sides]
    text = sep.join(parts) + ("" if unit_each else f" {spelling}")
    dims = units.parse_dimensions(text)
    assert dims is not None, text
    got = [d.value for d in dims]
    want = [float(v) * units.LENGTH_TO_CM[unit] for v in sides]
    assert all(math.isclose(g, w, rel_tol=1e-9) for g, w in zip(got, want, strict=True)), text


@SETTINGS
@given(values, values, values, values)
def test_weight_glued_to_dimensions(a: object, b: object, c: object, w: object) -> None:
    text = f"{a} x {b} x {c} inches  {w} pounds"
    m = units.parse_weight(text)
    dims = units.parse_dimensions(text)
    assert m is not None and math.isclose(m.value, float(w) * units.MASS_TO_KG["lb"], rel_tol=1e-9)
    assert dims is not None and math.isclose(dims[2].value, float(c) * 2.54, rel_tol=1e-9)


@SETTINGS
@given(st.floats(min_value=1e-4, max_value=5e4, allow_nan=False))
def test_formatted_weight_reads_back(kg: float) -> None:
    m = units.parse_weight(units.format_weight(kg))
    assert m is not None and math.isclose(m.value, kg, rel_tol=0.01)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.text(
            alphabet=list("0123456789.,-+x×*;:/ '\"″′kglbozcmminft~到至公斤克磅重量"), max_size=30
        ),
    )
)
def test_parsers_never_raise(text: str) -> None:
    for parse in (units.parse_weight, units.parse_length):
        for default in (None, "kg", "cm"):
            m = parse(text, default)
            assert m is None or math.isfinite(m.value)
    assert units.why_unreadable(text, "weight") in (
        "no-unit",
        "wrong-kind",
        "several",
        "unreadable",
    )
    dims = units.parse_dimensions(text, "cm")
    assert dims is None or (len(dims) in (2, 3) and all(math.isfinite(d.value) for d in dims))


cells = st.one_of(
    st.builds(lambda v, u: f"{v} {u}", values, st.sampled_from(["kg", "g", "lb", "oz", "lbs"])),
    st.builds(lambda v, u: f"{v}{u}", values, st.sampled_from(["kg", "g", "oz"])),
    st.builds(str, values),
    st.sampled_from(["1,5 kg", "重量58g", "1 lb 4 oz", "N/A", "", "0", "-2 kg", "30 cm", ".5"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(cells, min_size=1, max_size=30), st.sampled_from([None, "g", "lb"]))
def test_columnar_weights_equal_python(texts: list[str], unit: str | None) -> None:
    got = columns.weight_kg(pl.Series(texts, dtype=pl.Utf8), unit).to_list()
    for text, value in zip(texts, got, strict=True):
        m = units.parse_weight(text, unit)
        if m is None:
            assert value is None, text
        else:
            assert value is not None and math.isclose(value, m.value, rel_tol=1e-9), text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.builds(lambda a, b, c: f"{a}x{b}x{c} cm", values, values, values),
            st.builds(lambda a, b, c: f"{a} x {b} x {c}", values, values, values),
            st.sampled_from(['L 29" x W 13"', "0.6;0.2;0.4", "30 × 20 × 5 mm", "large"]),
        ),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from([None, "cm", "in"]),
)
def test_columnar_dimensions_equal_python(texts: list[str], unit: str | None) -> None:
    frame = columns.dimensions_cm(pl.Series(texts, dtype=pl.Utf8), unit)
    for text, row in zip(texts, frame.iter_rows(), strict=True):
        dims = units.parse_dimensions(text, unit)
        want = [d.value for d in dims] + [None] * (3 - len(dims)) if dims else [None] * 3
        for g, w in zip(row, want, strict=True):
            assert (g is None) == (w is None), text
            assert g is None or math.isclose(g, w, rel_tol=1e-9), text


@pytest.mark.parametrize(
    ("text", "unit", "kg"),
    [
        ("0.2 kg", None, 0.2),
        ("200g", None, 0.2),
        (".5", "lb", 0.5 * 0.45359237),
        ("4.06 pounds", None, 4.06 * 0.45359237),
        ("12 oz", None, 12 * 0.028349523125),
        ("1,5 kg", None, 1.5),
        ("130.407806375", "g", 0.130407806375),
        ("14.7 x 11.1 x 10.2 inches  4.06 pounds", None, 4.06 * 0.45359237),
        ("重量58g", None, 0.058),
        ("58克", None, 0.058),
        ("1000.0:g", None, 1.0),
        ("1 lb 4 oz", None, 1.25 * 0.45359237),
        ("2 x 500 g", None, 1.0),
        ("0", None, 0.0),
        ("-1 kg", None, -1.0),
        ("１２０ｇ", None, 0.12),
        ("2斤", None, 1.0),
    ],
)
def test_issue_weight_forms(text: str, unit: str | None, kg: float) -> None:
    m = units.parse_weight(text, unit)
    assert m is not None and math.isclose(m.value, kg, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize(
    ("text", "unit", "cm"),
    [
        ("30x20x5cm", None, [30, 20, 5]),
        ('L 29" x W 13"', None, [73.66, 33.02]),
        ("0.6;0.2;0.4", "m", [60, 20, 40]),
        ("14.7 x 11.1 x 10.2 inches  4.06 pounds", None, [37.338, 28.194, 25.908]),
        ("10 × 20 × 30 mm", None, [1, 2, 3]),
        ("30cm x 20cm x 5cm", None, [30, 20, 5]),
        ("12 by 8 by 3 in", None, [30.48, 20.32, 7.62]),
    ],
)
def test_issue_dimension_forms(text: str, unit: str | None, cm: list[float]) -> None:
    dims = units.parse_dimensions(text, unit)
    assert dims is not None
    assert [round(d.value, 6) for d in dims] == [round(c, 6) for c in cm]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("30 cm", "wrong-kind"),
        ("12 fl oz", "wrong-kind"),
        ("500 ml", "wrong-kind"),
        ("400", "no-unit"),
        ("10 20", "several"),
        ("see description", "unreadable"),
    ],
)
def test_why_unreadable(text: str, why: str) -> None:
    assert units.parse_weight(text) is None
    assert units.why_unreadable(text, "weight") == why
