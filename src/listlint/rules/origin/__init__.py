"""Rule family ``origin`` (OR1xx, issue 23): origin claims in the text ("Made in USA",
"Hecho en", "日本製") against the listing's country-of-origin column (OR101) or its
manufacturer's address (OR102).

Modules: :mod:`family` (analysis, rule base, links), :mod:`rules`, :mod:`detect`
(claims, column values, addresses), :mod:`vocab` (``wordlists/origin/``), :mod:`policy`
(the packs' ``origin:`` section). Country names: ``tools/gen_origin_countries.py``.
"""

from listlint.rules.origin.family import OriginFamily
from listlint.rules.origin.rules import RULES

FAMILY = OriginFamily

__all__ = ["FAMILY", "RULES"]
