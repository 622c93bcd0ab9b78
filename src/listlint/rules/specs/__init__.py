"""Rule family ``specs``: required attributes, identifiers and listing text (SP1xx-SP4xx).

Modules: :mod:`family` (analysis, base rules, links), :mod:`rules` (category and variant
rules), :mod:`identifiers` (GTIN, MPN), :mod:`text_rules` (lengths, capitals, repeats),
:mod:`wording` (promotions, placeholders, HTML, symbols, scripts), :mod:`policy` (the
packs' ``specs:`` section); helpers :mod:`attributes`, :mod:`variants`, :mod:`textcheck`.
"""

from listlint.rules.specs.family import SpecsFamily
from listlint.rules.specs.rules import RULES

FAMILY = SpecsFamily

__all__ = ["FAMILY", "RULES"]
