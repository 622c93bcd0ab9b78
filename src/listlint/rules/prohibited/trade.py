"""Trade patterns (``wordlists/prohibited/patterns.tsv``): how sellers write what they sell
without naming it ("Hyde IQ 5000 Puffs", "Skwezed 100ML - 3mg", "Mesh 0.4ohm", "live arrival
guaranteed").

A ``normal`` or ``weak`` pattern is evidence like a term (weak: only in the title, category
or tags). A ``signal`` is never a finding: it stands for a word of its context, so that the
category's context terms count next to it ("coils" next to "0.4ohm" is a vape coil, next to
"10k ohm resistor" it is not).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from listlint.resources import table
from listlint.text.saferegex import compile_pattern


@dataclass(frozen=True, slots=True)
class TradePattern:
    name: str
    category: str
    strength: str  # normal | weak | signal
    context: str | None
    pattern: str
    source: str

    @property
    def where(self) -> str:
        return f"wordlists/prohibited/patterns.tsv pattern {self.name!r}"


@lru_cache(maxsize=1)
def trade_patterns() -> tuple[TradePattern, ...]:
    """Every pattern of patterns.tsv, validated (a bad one stops the run, naming it)."""
    out = []
    for row in table("prohibited/patterns"):
        p = TradePattern(
            name=row["name"],
            category=row["category"],
            strength=row.get("strength") or "normal",
            context=row.get("context") or None,
            pattern=row["pattern"],
            source=row.get("source") or "-",
        )
        compile_pattern(p.pattern, p.where)
        out.append(p)
    return tuple(out)


def signals(patterns: tuple[TradePattern, ...]) -> list[TradePattern]:
    return [p for p in patterns if p.strength == "signal"]


def evidence_patterns(patterns: tuple[TradePattern, ...]) -> list[TradePattern]:
    return [p for p in patterns if p.strength != "signal"]
