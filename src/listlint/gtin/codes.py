"""GTIN / UPC / EAN / ISBN identifiers: check digits, spreadsheet damage, GS1 prefixes.

Pure functions, no I/O. The GS1 mod-10 check digit is the same for GTIN-8/12/13/14:
weights 3,1,3,1... from the rightmost body digit. Leading zeros add nothing to the
sum, so a code whose zeros a spreadsheet dropped keeps a valid check digit and can be
restored safely (:func:`read_gtin` offers that as the fix).

Sources (checked 2026-11-24): GS1 check digit calculator
http://www.gs1.org/barcodes/support/check_digit_calculator ; Google Merchant Center
unique product identifiers https://support.google.com/merchants/answer/160161 and
restricted/coupon prefixes https://support.google.com/merchants/answer/6286293 .
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GTIN_LENGTHS = (8, 12, 13, 14)

#: problem codes of :class:`GtinReading` (``None`` means a usable GTIN)
PLACEHOLDER = "placeholder"
NOT_DIGITS = "not-digits"
SCIENTIFIC = "scientific-notation"
LENGTH = "length"
CHECK_DIGIT = "check-digit"
RESTRICTED = "restricted-prefix"
COUPON = "coupon-prefix"
UPC_E = "upc-e"
ISBN10 = "isbn-10"
SEVERAL = "several-codes"

#: repairs (damage undone while reading; a repaired code is offered as the fix)
APOSTROPHE = "apostrophe"
FORMULA = "formula"
DECIMAL = "decimal"
LEADING_ZEROS = "leading-zeros"
FULL_SCIENTIFIC = "scientific-notation"
WIDE_DIGITS = "non-ascii-digits"

#: counting runs sellers type as made-up codes (123456789012, 987654321098)
COUNTING_RUNS = ("1234567890" * 2, "9876543210" * 2)
#: GS1 prefixes Google rejects, as (problem, GTIN-8?, prefixes): a GTIN-8 is read as
#: written, longer codes on their 13-digit form (a GTIN-14's indicator digit ignored);
#: the first row that matches decides. Read by :func:`prefix_problem` and, columnar, by
#: :func:`listlint.gtin.column.plain_code_expr`.
PREFIXES: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    # RCN-8: GTIN-8 codes starting 0 or 2 are store-internal (0 is checked as UPC-E first)
    ("restricted-prefix", True, ("2",)),
    ("restricted-prefix", False, ("2", "02", "04")),
    ("coupon-prefix", False, ("05", "99", "981", "982", "983", "984")),
)

_PLACEHOLDER_WORDS = {"n/a", "na", "none", "null", "nil", "tbd", "tba", "-", "--", "x", "?", "0"}
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]")
_SCI = re.compile(r"^(\d)(?:[.,](\d+))?[eE]\+?(\d{1,2})$", re.ASCII)
_FORMULA = re.compile(r'^="(.*)"$')
_ISBN10 = re.compile(r"^\d{9}[\dXx]$", re.ASCII)
_LIST_SEP = re.compile(r"\s*[,;|/\n]\s*")


def _is_digits(text: str) -> bool:
    """ASCII digits only ("²" and "４" are digits to ``str.isdigit`` but not in a GTIN)."""
    return text.isascii() and text.isdigit()


def check_digit(body: str) -> int:
    """GS1 mod-10 check digit for the digits ``body`` (everything but the check digit)."""
    total = 0
    for pos, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if pos % 2 == 0 else 1)
    return (10 - total % 10) % 10


def has_valid_check_digit(digits: str) -> bool:
    return len(digits) >= 2 and _is_digits(digits) and check_digit(digits[:-1]) == int(digits[-1])


def with_check_digit(body: str) -> str:
    return body + str(check_digit(body))


def canonical(digits: str) -> str:
    """The 14-digit form (GS1: left-pad with zeros) used to compare codes of any length."""
    return digits.zfill(14)


def expand_upc_e(code: str) -> str | None:
    """UPC-E (8 digits: number system 0/1, 6 digits, check) -> UPC-A, or None."""
    if len(code) != 8 or not _is_digits(code) or code[0] not in "01":
        return None
    ns, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    return ns + body + check


def isbn10_to_13(isbn: str) -> str | None:
    """ISBN-10 (mod-11, last may be X) -> ISBN-13 (978 prefix), or None if invalid."""
    if not _ISBN10.match(isbn):
        return None
    total = sum((10 - i) * int(c) for i, c in enumerate(isbn[:9]))
    last = 10 if isbn[9] in "Xx" else int(isbn[9])
    if (total + last) % 11:
        return None
    return with_check_digit("978" + isbn[:9])


def is_placeholder(digits: str) -> bool:
    """All one digit, or a counting run such as 123456789012 / 987654321098."""
    if len(set(digits)) == 1:
        return True
    up, down = COUNTING_RUNS
    body = digits[:-1]  # a run with a computed check digit is still a placeholder
    return (len(body) >= 7 and (up.startswith(body) or down.startswith(body))) or any(
        digits == seq[: len(digits)] for seq in (up, down, "0" + up)
    )


def prefix_problem(digits: str) -> str | None:
    """Restricted-circulation or coupon GS1 prefixes (Google rejects both; :data:`PREFIXES`)."""
    eight = len(digits) == 8
    key = digits if eight else canonical(digits)[1:]
    for problem, for_eight, prefixes in PREFIXES:
        if for_eight == eight and key.startswith(prefixes):
            return problem
    return None


@dataclass(frozen=True, slots=True)
class GtinReading:
    """What a GTIN cell holds once spreadsheet damage is undone.

    ``digits`` is the best reading (repaired when ``repairs`` is non-empty), ``problem``
    a code from this module or None, ``fix`` a value safe to write back (or None)."""

    raw: str
    digits: str | None
    problem: str | None = None
    repairs: tuple[str, ...] = ()
    fix: str | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def _strip_spreadsheet(text: str) -> tuple[str, list[str]]:
    """Undo what spreadsheets do to long numbers kept as text (or not)."""
    repairs: list[str] = []
    m = _FORMULA.match(text)
    if m:  # ="012345678905": Excel's trick to keep leading zeros
        text = m.group(1).strip()
        repairs.append(FORMULA)
    if text.startswith(("'", "\u2019")):  # '012345678905: Excel's text marker leaked out
        text = text.lstrip("'\u2019").strip()
        repairs.append(APOSTROPHE)
    text = text.strip('"')
    if re.fullmatch(r"\d+[.,]0+", text, re.ASCII):  # 12345678905.0: the code was read as a float
        text = re.split(r"[.,]", text)[0]
        repairs.append(DECIMAL)
    return text, repairs


def _from_scientific(m: re.Match[str], raw: str) -> GtinReading:
    """8.85909E+11: exact only when every digit survived in the mantissa."""
    mantissa = m.group(1) + (m.group(2) or "")
    width = int(m.group(3)) + 1
    if len(mantissa) > width:
        return GtinReading(raw, None, NOT_DIGITS, detail="a decimal number, not a code")
    if len(mantissa) < width:
        lost = width - len(mantissa)
        return GtinReading(
            raw, None, SCIENTIFIC, detail=f"the spreadsheet rounded away the last {lost} digits"
        )
    inner = read_gtin(mantissa)
    fix = inner.fix or (inner.digits if inner.problem is None else None)
    return GtinReading(
        raw, inner.digits, inner.problem, (FULL_SCIENTIFIC, *inner.repairs), fix, inner.detail
    )


def read_gtin(value: object) -> GtinReading:
    """Read one GTIN cell: undo Excel damage, then validate length, digits, check digit,
    placeholders and prefixes. Never raises."""
    raw = "" if value is None else str(value)
    text, repairs = _strip_spreadsheet(raw.strip())
    if not text.isascii() and any(c.isdecimal() and not c.isascii() for c in text):
        # full-width or Arabic-Indic digits look right but are other characters
        text = "".join(str(int(c)) if c.isdecimal() else c for c in text)
        repairs.append(WIDE_DIGITS)
    parts = [p for p in _LIST_SEP.split(text) if p]
    if len(parts) > 1 and sum(_is_digits(p) and len(p) >= 8 for p in parts) >= 2:
        return GtinReading(raw, None, SEVERAL, tuple(repairs), detail=f"{len(parts)} codes")
    if text.lower() in _PLACEHOLDER_WORDS or not text:
        return GtinReading(raw, None, PLACEHOLDER, tuple(repairs), detail="a placeholder")
    m = _SCI.match(text)
    if m:
        return _from_scientific(m, raw)
    if _ISBN10.match(text.replace("-", "")) and not _is_digits(text):
        text = text.replace("-", "")
    digits = _SEPARATORS.sub("", text)
    if not _is_digits(digits):
        isbn13 = isbn10_to_13(digits)
        if isbn13:
            return GtinReading(raw, digits, ISBN10, tuple(repairs), isbn13, "an ISBN-10")
        return GtinReading(raw, None, NOT_DIGITS, tuple(repairs), detail="letters or symbols")
    return _validate_digits(raw, digits, repairs)


def _validate_digits(raw: str, digits: str, repairs: list[str]) -> GtinReading:
    n = len(digits)
    rep = tuple(repairs)
    fixed = digits if repairs else None
    if is_placeholder(digits):
        return GtinReading(raw, digits, PLACEHOLDER, rep, detail="a placeholder number")
    if n == 10:
        isbn13 = isbn10_to_13(digits)
        if isbn13:
            return GtinReading(raw, digits, ISBN10, rep, isbn13, "an ISBN-10")
    if n == 8 and digits[0] in "01":
        upc_a = expand_upc_e(digits)
        if upc_a and has_valid_check_digit(upc_a) and not has_valid_check_digit(digits):
            return GtinReading(raw, digits, UPC_E, rep, upc_a, "a UPC-E code")
    if n not in GTIN_LENGTHS:
        target = 12 if 9 <= n <= 11 else 8 if n < 8 else None
        if target and n >= 6 and has_valid_check_digit(digits) and int(digits):
            # the check digit still holds, so only leading zeros were lost
            padded = digits.zfill(target)
            inner = _validate_digits(raw, padded, [*repairs, LEADING_ZEROS])
            return inner
        return GtinReading(raw, digits, LENGTH, rep, detail=f"{n} digits")
    if not has_valid_check_digit(digits):
        expected = check_digit(digits[:-1])
        return GtinReading(
            raw, digits, CHECK_DIGIT, rep, detail=f"check digit should be {expected}"
        )
    prefix = prefix_problem(digits)
    if prefix:
        return GtinReading(raw, digits, prefix, rep, fixed)
    return GtinReading(raw, digits, None, rep, fixed)
