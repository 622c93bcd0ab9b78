"""Rule family ``prohibited``: products a marketplace bans or restricts.

* :mod:`~listlint.rules.prohibited.vocab` reads ``wordlists/prohibited/`` (terms per category,
  benign contexts, context words, accessory nouns) and pack additions into one automaton;
* :mod:`~listlint.rules.prohibited.prefilter` picks the listings worth the automaton, columnar;
* :mod:`~listlint.rules.prohibited.evidence` scores each listing per category from the fields
  the terms were found in (category and title count more than a long description);
* :mod:`~listlint.rules.prohibited.verdict` asks every selected policy pack what it does with
  each category and merges the answers into one finding per listing and category;
* :mod:`~listlint.rules.prohibited.family` (resources, analysis, base rule),
  :mod:`~listlint.rules.prohibited.rules` (PR101, PR102),
  :mod:`~listlint.rules.prohibited.policy` (the packs' ``prohibited:`` section).
"""

from listlint.rules.prohibited.family import ProhibitedFamily
from listlint.rules.prohibited.rules import RULES

FAMILY = ProhibitedFamily

__all__ = ["FAMILY", "RULES"]
