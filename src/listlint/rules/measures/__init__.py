"""Rule family ``measures``: weights and dimensions that cannot be read or cannot be
right (MS1xx-MS4xx).

Modules: :mod:`family` (resources, analysis, base rules), :mod:`rules` (reading, units,
zero values, weight bands), :mod:`shipping` (density, packages, carriers, dimensional
weight), :mod:`outlier_rules` (outliers within variants and categories), :mod:`policy`
(the packs' ``measures:`` section); the analysis: :mod:`analysis`, :mod:`problems`,
:mod:`types` (product types and weight bands), :mod:`packages`, :mod:`explain` (unit
mix-ups), :mod:`outliers`. Parsing itself is :mod:`listlint.units`.
"""

from listlint.rules.measures.family import MeasuresFamily
from listlint.rules.measures.rules import RULES

FAMILY = MeasuresFamily

__all__ = ["FAMILY", "RULES"]
