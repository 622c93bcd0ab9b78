"""Cell values that cannot attack whoever opens the report (formula injection, control
characters, runaway length). Shared by the csv, xlsx and html formats."""

from __future__ import annotations

import re

# C0 and C1 controls (C1 holds 8-bit CSI \x9b and NEL \x85, which terminals and
# line-based readers act on), but not tab, LF or CR; and what XML 1.0 cannot hold at
# all: lone surrogates (from a JSON "\ud800" escape) and the noncharacters U+FFFE/U+FFFF,
# which made the JUnit report and the xlsx copy unreadable (issue 21 M2).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: Bidirectional embeddings, overrides and isolates ("Trojan Source"): U+202E makes a
#: terminal, a browser or Excel show the text after it reversed, so a quote could read
#: differently from what the file holds. Shown as a visible ``<U+202E>`` instead.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(f"{_CONTROL.pattern}|{_BIDI.pattern}")
#: A spreadsheet reads a cell starting with one of these as a formula (or DDE command).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Excel's hard limit for one cell.
MAX_CELL = 32767
#: text that :func:`cell` changes (besides shortening): a formula start, a control or a
#: bidirectional character
NEEDS_CELL = re.compile(f"^[=+\\-@\t\r\n]|{_CONTROL.pattern}|{_BIDI.pattern}")


def clean_text(value: object, limit: int | None = None) -> str:
    """Text with control characters removed (tab/newline kept), bidirectional overrides
    made visible, and optionally shortened."""
    text = "" if value is None else str(value)
    if _UNSAFE.search(text) is not None:  # rarely: one scan for most cells, not two subs
        text = _CONTROL.sub("", text)
        text = _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def cell(value: object, limit: int | None = MAX_CELL) -> str:
    """A spreadsheet-safe cell: control characters stripped, formulas neutralised with '."""
    text = clean_text(value, limit)
    if text.startswith(_FORMULA_START):
        text = "'" + text
        if limit is not None and len(text) > limit:
            text = text[: limit - 1] + "…"
    return text


#: The longest value a machine format (JSON, SARIF, GitHub) writes for one field: a
#: 900 KB SKU repeated in every finding made a 345 MB SARIF file from a 9 MB input.
MAX_FIELD = 2000


def capped(text: str, limit: int = MAX_FIELD) -> str:
    """``text`` cut to ``limit`` characters, with a marker saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\u2026 [{len(text) - limit:,} more characters]"


#: Characters JSON may carry raw but a reader should not get raw: C1 controls (U+009B
#: is an 8-bit CSI to a terminal that shows the file), bidirectional overrides (Trojan
#: Source), line/paragraph separators (end a line for JavaScript readers) and lone
#: surrogates (not encodable as UTF-8). Written as \uXXXX escapes: the same string.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_escaped(encoded: str) -> str:
    """Already JSON-encoded text with the characters above escaped (structural JSON is
    ASCII, so any such character sits inside a string)."""
    if _JSON_RAW.search(encoded) is None:
        return encoded
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
