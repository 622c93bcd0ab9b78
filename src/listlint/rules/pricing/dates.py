"""Read the dates a sale runs between: ISO 8601 ("2024-02-24", "2024-02-24T13:00-0800",
WooCommerce's "2030-01-01 0:00:00"), "2024/02/24", and day-first or month-first forms
("24.02.2024", "02/24/2024"). A form that reads both ways ("03/04/2024") gives both
readings: a rule calls the dates reversed only when every reading is."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_ISO = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_DMY = re.compile(
    r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def _make(
    y: int, m: int, d: int, hh: str | None, mm: str | None, ss: str | None
) -> dt.datetime | None:
    try:
        return dt.datetime(y, m, d, int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def readings(text: str) -> tuple[dt.datetime, ...]:
    """Every datetime ``text`` can mean (time zones ignored: a sale is days long)."""
    m = _ISO.match(text)
    if m:
        y, mo, d, hh, mi, ss = m.groups()
        got = _make(int(y), int(mo), int(d), hh, mi, ss)
        return (got,) if got else ()
    m = _DMY.match(text)
    if m:
        a, b, y, hh, mi, ss = m.groups()
        out = {_make(int(y), int(b), int(a), hh, mi, ss), _make(int(y), int(a), int(b), hh, mi, ss)}
        if text.strip()[2:3] == ".":  # "24.02.2024": dots are day-first everywhere
            out = {_make(int(y), int(b), int(a), hh, mi, ss)}
        return tuple(sorted(x for x in out if x))
    return ()


def period(text: str) -> tuple[str, str] | None:
    """Google's ``sale_price_effective_date`` "start/end" -> (start, end)."""
    parts = [p.strip() for p in text.split("/") if p.strip()]
    if len(parts) == 2 and all(_ISO.match(p) for p in parts):
        return parts[0], parts[1]
    return None


def reversed_dates(start: str, end: str) -> bool:
    """True when the sale ends before it starts on every reading of both dates."""
    a, b = readings(start), readings(end)
    return bool(a and b) and all(e < s for s in a for e in b)
