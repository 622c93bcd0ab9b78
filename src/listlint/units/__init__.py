"""Weights and dimensions written every way, read as kg and cm.

* :mod:`~listlint.units.words`: unit words and factors (one table for both paths);
* :mod:`~listlint.units.parse`: one string at a time (every form sellers write);
* :mod:`~listlint.units.columns`: a whole column, simple cells in polars, the rest
  through the parser once per distinct value.
"""

from listlint.units.parse import (
    Measure,
    format_length,
    format_weight,
    parse_dimensions,
    parse_length,
    parse_number,
    parse_weight,
    why_unreadable,
)
from listlint.units.words import LENGTH_TO_CM, LENGTH_WORDS, MASS_TO_KG, MASS_WORDS, VOLUME_WORDS

__all__ = [
    "LENGTH_TO_CM",
    "LENGTH_WORDS",
    "MASS_TO_KG",
    "MASS_WORDS",
    "VOLUME_WORDS",
    "Measure",
    "format_length",
    "format_weight",
    "parse_dimensions",
    "parse_length",
    "parse_number",
    "parse_weight",
    "why_unreadable",
]
