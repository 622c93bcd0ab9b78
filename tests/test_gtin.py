"""GTIN reading: check digits against an independent computation, spreadsheet damage
undone (round trips), prefixes, placeholders and short forms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint import gtin as g


def independent_check_digit(body: str) -> int:
    """GS1's description, written differently: weights 3,1,3... from the left of the
    zero-padded 17-digit body (SSCC width), so every GTIN length lines up on the right."""
    padded = body.rjust(17, "0")
    total = sum(int(d) * (3 if k % 2 == 0 else 1) for k, d in enumerate(padded))
    return -total % 10


digits = st.text(alphabet="0123456789", min_size=1, max_size=18)
bodies = {
    n: st.text(alphabet="0123456789", min_size=n - 1, max_size=n - 1) for n in (8, 12, 13, 14)
}
any_body = st.sampled_from((8, 12, 13, 14)).flatmap(lambda n: bodies[n])


def _real_gtin(body: str) -> bool:
    code = body + str(independent_check_digit(body))
    return not g.is_placeholder(code) and g.prefix_problem(code) is None


@settings(max_examples=300)
@given(digits)
def test_check_digit_agrees_with_independent_computation(s: str) -> None:
    expected = len(s) >= 2 and independent_check_digit(s[:-1]) == int(s[-1])
    assert g.has_valid_check_digit(s) == expected


def test_worked_example_from_gs1_india() -> None:
    assert g.check_digit("890400021003") == 7
    assert g.has_valid_check_digit("8904000210037")


@settings(max_examples=200)
@given(any_body)
def test_valid_codes_read_clean_and_one_wrong_digit_does_not(body: str) -> None:
    code = body + str(independent_check_digit(body))
    reading = g.read_gtin(code)
    if _real_gtin(body):
        assert reading.ok, reading
        assert reading.digits == code
    wrong = body + str((independent_check_digit(body) + 1) % 10)
    assert not g.read_gtin(wrong).ok


def _damaged_forms(code: str) -> list[str]:
    """What spreadsheets and exports do to a code kept as a number or text."""
    as_int = str(int(code))
    forms = [
        "'" + code,
        f'="{code}"',
        as_int + ".0",
        f"{int(code):.{len(as_int) - 1}E}",  # full-precision scientific notation
        " ".join([code[:1], code[1:6], code[6:]]),
    ]
    if 6 <= len(as_int) < len(code) and len(code) in (8, 12):
        forms.append(as_int)  # leading zeros dropped
    return forms


@settings(max_examples=150)
@given(st.sampled_from((8, 12, 13)).flatmap(lambda n: bodies[n]))
def test_normalisation_round_trips(body: str) -> None:
    code = body + str(independent_check_digit(body))
    if not _real_gtin(body) or int(code) == 0:
        return
    for form in _damaged_forms(code):
        reading = g.read_gtin(form)
        assert reading.digits is not None, (form, reading)
        assert g.canonical(reading.digits) == g.canonical(code), (form, reading)
        if reading.ok and reading.repairs:
            assert g.canonical(reading.fix or "") == g.canonical(code)


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_never_raises(text: str) -> None:
    g.read_gtin(text)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("4006381333931", None),
        ("0012345678905", None),
        ("9780306406157", None),  # ISBN-13 is a GTIN-13
        ("4006381333932", g.CHECK_DIGIT),
        ("1234567890123", g.PLACEHOLDER),
        ("0000000000000", g.PLACEHOLDER),
        ("N/A", g.PLACEHOLDER),
        ("EG00000001", g.NOT_DIGITS),
        ("8500000002", g.LENGTH),  # a 10-digit "GTIN"
        ("3212483", g.LENGTH),
        ("8.85909E+11", g.SCIENTIFIC),  # digits rounded away
        ("2001234567893", g.RESTRICTED),  # in-store / variable weight
        ("0412345678903", g.RESTRICTED),
        ("0512345000107", g.COUPON),
        ("9812345678902", g.COUPON),
        ("0306406152", g.ISBN10),
        ("05012345678900", None),  # GTIN-14: indicator digit ignored, 5012... is a UK EAN
    ],
)
def test_examples(raw: str, problem: str | None) -> None:
    assert g.read_gtin(raw).problem == problem


@pytest.mark.parametrize(
    ("raw", "fix", "repair"),
    [
        ("'012345678905", "012345678905", g.APOSTROPHE),
        ("36000291452", "036000291452", g.LEADING_ZEROS),  # a UPC-A that lost its zero
        ("4006381333931.0", "4006381333931", g.DECIMAL),
        ("4.006381333931E+12", "4006381333931", g.FULL_SCIENTIFIC),
    ],
)
def test_repairs_offer_the_fix(raw: str, fix: str | None, repair: str) -> None:
    reading = g.read_gtin(raw)
    assert repair in reading.repairs
    if fix:
        assert reading.fix == fix


def test_lost_zeros_need_a_valid_check_digit() -> None:
    assert g.read_gtin("36000291452").fix == "036000291452"
    assert g.read_gtin("36000291453").problem == g.LENGTH  # not a GTIN with zeros lost


def test_upc_e_expands_to_upc_a() -> None:
    upc_a = "042100005264"
    assert g.has_valid_check_digit(upc_a)
    assert g.expand_upc_e("04252614") == upc_a
    reading = g.read_gtin("04252614")
    assert reading.problem == g.UPC_E and reading.fix == upc_a


def test_isbn10_converts() -> None:
    assert g.isbn10_to_13("0306406152") == "9780306406157"
    assert g.isbn10_to_13("080442957X") == "9780804429573"
    assert g.isbn10_to_13("0306406153") is None


def test_column_of_made_up_numbers_is_not_repaired_by_chance() -> None:
    values = [f"85000000{i:02d}" for i in range(1, 21)]
    readings = g.read_column(values)
    assert all(r is not None and r.problem == g.LENGTH for r in readings)
    # alone, a code that passes the check digit is read as lost leading zeros
    assert g.LEADING_ZEROS in g.read_gtin("8500000001").repairs


def test_column_of_codes_that_lost_their_zeros_is_repaired() -> None:
    bodies = ["3600029145", "4210000526", "1234500001", "7000000002", "5555512345"]
    codes = [b + str(g.check_digit(b)) for b in bodies]
    readings = g.read_column([*codes, None, ""])
    assert [r.fix for r in readings[:5]] == [c.zfill(12) for c in codes]
    assert readings[5:] == [None, None]


@settings(max_examples=100)
@given(
    st.lists(
        st.one_of(any_body.map(lambda b: b + str(independent_check_digit(b))), digits), max_size=30
    )
)
def test_columnar_fast_path_agrees_with_the_reader(codes: list[str]) -> None:
    column = g.read_column(codes)
    for code, reading in zip(codes, column):
        single = g.read_gtin(code)
        assert (reading.problem, reading.digits) == (single.problem, single.digits), code


def test_several_codes_in_one_cell() -> None:
    reading = g.read_gtin("4006381333931, 0036000291452")
    assert reading.problem == g.SEVERAL and reading.detail == "2 codes"


def test_full_width_digits_are_repaired() -> None:
    reading = g.read_gtin("４００６３８１３３３９３１")
    assert reading.ok and g.WIDE_DIGITS in reading.repairs and reading.fix == "4006381333931"


def test_column_with_unusual_digits_never_raises() -> None:
    column = g.read_column(["４００６３８１３３３９３１", "²²²²²²²²", "4006381333931", None])
    assert [r.problem if r else None for r in column] == [None, g.NOT_DIGITS, None, None]
