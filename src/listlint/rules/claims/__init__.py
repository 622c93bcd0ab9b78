"""Rule family ``claims``: health claims a product may not make (codes HC1xx).

Modules: :mod:`family` (analysis hand-off, base rule), :mod:`rules` (HC101-HC106),
:mod:`policy` (the packs' ``claims:`` section), :mod:`vocab` (wordlists/claims), :mod:`textmap` (matching form with a map back to
the seller's text), :mod:`category` (product groups), :mod:`analysis` (gate, prefilter,
batching), :mod:`pipeline` (spaCy, loaded lazily), :mod:`grammar` (claim patterns), :mod:`clause` (verbs, negation, government),
:mod:`verdicts` (which words count for which product group and rule),
:mod:`messages` (wording of findings). Importing this package does not import spaCy.
"""

from listlint.rules.claims.family import ClaimsFamily
from listlint.rules.claims.rules import RULES

FAMILY = ClaimsFamily

__all__ = ["FAMILY", "RULES"]
