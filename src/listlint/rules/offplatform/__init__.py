"""Rule family ``offplatform`` (OP1xx, issue 23): contact details and links that take
buyers off the marketplace: phone numbers and e-mail addresses (OP101), web addresses
(OP102), messenger and social-network contacts (OP103), other marketplaces (OP104).

Modules: :mod:`family` (analysis, rule base, links), :mod:`rules`, :mod:`detect` (what
one text holds), :mod:`prefilter` (which cells to read), :mod:`vocab`
(``wordlists/offplatform/``), :mod:`policy` (the packs' ``offplatform:`` section).
"""

from listlint.rules.offplatform.family import OffplatformFamily
from listlint.rules.offplatform.rules import RULES

FAMILY = OffplatformFamily

__all__ = ["FAMILY", "RULES"]
