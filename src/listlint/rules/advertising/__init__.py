"""Rule family ``advertising`` (AD1xx, issue 23): absolute and superlative claims
(AD101), fake urgency and scarcity (AD102), comparisons with competitors (AD103).

Modules: :mod:`family` (analysis, rule base, links), :mod:`rules`, :mod:`detect` (the
claims of one text), :mod:`prefilter`, :mod:`vocab` (``wordlists/advertising/``),
:mod:`policy` (the packs' ``advertising:`` section).
"""

from listlint.rules.advertising.family import AdvertisingFamily
from listlint.rules.advertising.rules import RULES

FAMILY = AdvertisingFamily

__all__ = ["FAMILY", "RULES"]
