"""Rule family ``category`` (issue 23): categories outside the marketplace's taxonomy
(CT101) and categories that disagree with what the listing sells (CT102).

Modules: :mod:`family` (settings, analysis, base rule), :mod:`policy` (the packs'
``category:`` section), :mod:`taxonomy` (Google's product taxonomy), :mod:`rules`.
"""

from listlint.rules.base import Rule
from listlint.rules.category.family import CategoryFamily
from listlint.rules.category.rules import CategoryMismatch, UnknownCategory

FAMILY = CategoryFamily

RULES: list[type[Rule]] = [UnknownCategory, CategoryMismatch]

__all__ = ["FAMILY", "RULES"]
