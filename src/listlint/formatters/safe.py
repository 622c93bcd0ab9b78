"""Cell values that cannot attack whoever opens the report (formula injection, control
characters, runaway length). Shared by the csv, xlsx and html formats."""

from __future__ import annotations

import re

# C0 and C1 controls (C1 holds 8-bit CSI \x9b and NEL \x85, which terminals and
# line-based readers act on), but not tab, LF or CR.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Bidirectional embeddings, overrides and isolates ("Trojan Source"): U+202E makes a
#: terminal, a browser or Excel show the text after it reversed, so a quote could read
#: differently from what the file holds. Shown as a visible ``<U+202E>`` instead.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: A spreadsheet reads a cell starting with one of these as a formula (or DDE command).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Excel's hard limit for one cell.
MAX_CELL = 32767


def clean_text(value: object, limit: int | None = None) -> str:
    """Text with control characters removed (tab/newline kept), bidirectional overrides
    made visible, and optionally shortened."""
    text = "" if value is None else str(value)
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
