"""Rule family ``ip``: lookalike brands, counterfeit wording and brand misuse (TM1xx).

Modules: :mod:`family` (resources, analysis hand-off, base rule, quoting), :mod:`rules`
(TM101, TM102, TM104), :mod:`brand_rules` (TM103, TM105), :mod:`policy` (the packs'
``ip:`` section); the analysis: :mod:`index` (brand index), :mod:`signals` (counterfeit
wording), :mod:`lookalike`, :mod:`substitution`, :mod:`brand_column`, :mod:`nominative`,
:mod:`evidence` (GTIN and price evidence), :mod:`analysis` (one batch).
"""

from listlint.rules.ip.family import IpFamily
from listlint.rules.ip.rules import RULES

FAMILY = IpFamily

__all__ = ["FAMILY", "RULES"]
