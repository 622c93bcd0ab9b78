"""The cell most catalogues write: a number and an optional unit word ("0.25 kg", "250g",
"12.5"). One definition, read two ways.

:func:`read` (one string) is where :func:`~listlint.units.parse.parse_weight` and
:func:`~listlint.units.parse.parse_length` start; :func:`read_series` (a column) is the
loader's fast path (:mod:`listlint.units.columns`). Both follow :data:`NUMBER`,
:data:`TRAILING` and the same word tables, so a simple cell reads the same either way;
anything else is left to the full parser.

The shape: surrounding whitespace dropped, then the longest tail of :data:`TRAILING`
characters (ASCII letters, dots, spaces) is the unit word, dots and spaces around it
dropped and lower-cased; what precedes it must be :data:`NUMBER`. A bare number takes
the default unit (the header's, or the row's unit column) and is unread without one,
except 0, which is zero in any unit.
"""

from __future__ import annotations

import re
import string

import polars as pl

from listlint.text.steps import WHITESPACE
from listlint.units.words import LENGTH_TO_CM, LENGTH_WORDS, MASS_TO_KG, MASS_WORDS

#: ASCII digits only: Rust's and Python's ``\d`` both take other scripts' digits
_DIGITS = r"[0-9]+(?:\.[0-9]+)?"
#: the number of a simple cell (anchored for polars, whose ``$`` is the very end)
NUMBER = "^" + _DIGITS + "$"
#: what may follow the number: the unit word, with dots and spaces
TRAILING = string.ascii_letters + ". "
_NUMBER_RE = re.compile(_DIGITS)


def _ascii_words(words: dict[str, str]) -> dict[str, str]:
    return {w: u for w, u in words.items() if w.isascii() and w.isalpha()}


#: unit words a simple cell may end with -> canonical unit
MASS_UNITS = _ascii_words(MASS_WORDS)
LENGTH_UNITS = _ascii_words(LENGTH_WORDS)
#: ... -> factor to kg / cm (what the columnar reader looks up)
MASS_FACTOR = {w: MASS_TO_KG[u] for w, u in MASS_UNITS.items()}
LENGTH_FACTOR = {w: LENGTH_TO_CM[u] for w, u in LENGTH_UNITS.items()}


def split(text: str) -> tuple[str, str] | None:
    """``(number, unit word)`` of a simple cell (word ``""`` when bare), else None."""
    body = text.strip(WHITESPACE)
    number = body.rstrip(TRAILING)
    if not _NUMBER_RE.fullmatch(number):
        return None
    return number, body[len(number) :].strip(WHITESPACE).rstrip(".").lower()


def read(
    text: str, units: dict[str, str], scale: dict[str, float], default: str | None
) -> tuple[float, str | None] | None:
    """``(value in the canonical unit, the unit written or None)`` of a simple cell
    (``units``: word -> unit, ``scale``: unit -> factor, ``default``: the unit of a bare
    number), or None (not simple, unknown word, no unit for a bare number)."""
    parts = split(text)
    if parts is None:
        return None
    number, word = parts
    value = float(number)
    if word == "":
        if value == 0:
            return 0.0, None
        return (value * scale[default], None) if default in scale else None
    unit = units.get(word)
    return (value * scale[unit], unit) if unit is not None else None


def _parts(raw: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series]:
    """Columnar :func:`split`: number, word, and whether the cell is simple."""
    body = raw.str.strip_chars(WHITESPACE)
    number = body.str.strip_chars_end(TRAILING)
    word = (
        body.str.slice(number.str.len_chars())
        .str.strip_chars(WHITESPACE)
        .str.strip_chars_end(".")
        .str.to_lowercase()
    )
    return number, word, number.str.contains(NUMBER).fill_null(False)


def read_series(
    raw: pl.Series, factors: dict[str, float], default: pl.Series | float | None
) -> pl.Series:
    """Columnar :func:`read`, its value only (``factors``: word -> factor; ``default``:
    the factor of a bare number, per row or for all); null where it gives None."""
    number, word, simple = _parts(raw)
    columns = {
        "n": number.cast(pl.Float64, strict=False),
        "ok": simple,
        "w": word,
        "f": word.replace_strict(factors, default=None, return_dtype=pl.Float64),
    }
    if isinstance(default, pl.Series):
        columns["d"] = default
    d = pl.col("d") if isinstance(default, pl.Series) else pl.lit(default, dtype=pl.Float64)
    factor = pl.when(pl.col("w") == "").then(d).otherwise(pl.col("f"))
    zero = (pl.col("n") == 0) & (pl.col("w") == "")
    value = pl.when(zero).then(0.0).otherwise(pl.col("n") * factor)
    return pl.DataFrame(columns).select(pl.when(pl.col("ok")).then(value)).to_series()


def unit_series(raw: pl.Series, units: dict[str, str]) -> pl.Series:
    """The canonical unit written in each simple cell ("0.25 kg" -> "kg"); null where
    the cell is bare, not simple, or its word is not in ``units``."""
    _, word, simple = _parts(raw)
    return pl.DataFrame({"ok": simple, "u": word.replace_strict(units, default=None)}).select(
        pl.when(pl.col("ok")).then(pl.col("u"))
    )["u"]
