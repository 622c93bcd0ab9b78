"""Rule family: claims. (Filled in by its own issue.)"""

from __future__ import annotations

from listlint.rules.base import Rule

RULES: list[type[Rule]] = []
