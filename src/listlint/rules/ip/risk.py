"""One risk per listing and brand, from every piece of evidence, with the evidence listed.

Each piece of evidence carries the field it was read from, the role the matched words
play there (the brand name, a model, a price, copy wording...), what it shows, and a
weight. The weights add up; the sum decides the severity, and the finding lists the
evidence and says why that severity:

=====================  ========  =====================================================
evidence               weight    why
=====================  ========  =====================================================
copy wording (strong)  4         "super clone", "first copy", "高仿": a copy announced
copy wording (medium)  3         "replica", "1:1", "dupe" with a brand or brand-prone type
grade on a luxury type 2.5       "7A", "AAA" on a bag or watch
disguised spelling     4         digits/symbols, other-script letters, spacing, splits
made-up spelling       3.5       "Philps", "Lenuvo": a spelling no word list attests
attested near-word     1         "Chanelle", "Panna": a real word or name; needs support
coded reference        2         the brand named only by a model, nickname or initials
clone pricing          2         under 30% of the brand's lowest list price for the type
not the brand's line   1.5       a famous brand on a product type it does not make
brand column           1 / 2     blank or "Generic" / another, unrelated brand
fame                   1         a luxury brand among the most counterfeited
product type matches   1         the listing sells a type the brand sells (support)
genuine price          -1        at or above the brand's lowest list price for the type
=====================  ========  =====================================================

Severity: error from 4 up, warning from 2, info below. Clone pricing is never enough for
an error on its own (its weight is 2): a sale, an outlet or a currency slip can explain
it, so a price needs other evidence (a coded reference, copy wording, a brand column that
names someone else) before the finding is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR_AT, WARNING_AT = 4.0, 2.0

W_STRONG_WORDING = 4.0
W_MEDIUM_WORDING = 3.0
W_GRADE = 2.5
W_DISGUISE = 4.0
W_MADE_UP = 3.5
W_ATTESTED = 1.0
W_CODED = 2.0
W_CLONE_PRICE = 2.0
W_NOT_BRAND_LINE = 1.5
W_COLUMN_OTHER = 2.0
W_COLUMN_BLANK = 1.0
W_FAME = 1.0
W_TYPE_MATCH = 1.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """``what`` (shown in the finding) read from ``field`` where the words play ``role``."""

    what: str
    field: str
    role: str
    weight: float

    def describe(self) -> str:
        return f"{self.what} [{self.field}, {self.role}]"


@dataclass(slots=True)
class Risk:
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, what: str, field_: str, role: str, weight: float) -> None:
        self.evidence.append(Evidence(what, field_, role, weight))

    @property
    def score(self) -> float:
        return sum(e.weight for e in self.evidence)

    @property
    def level(self) -> str:
        s = self.score
        return "error" if s >= ERROR_AT else "warning" if s >= WARNING_AT else "info"

    def why(self) -> str:
        """Why this severity, in one clause a seller can read."""
        level, s = self.level, self.score
        if level == "error":
            return f"error: the evidence together weighs {s:g} (an error from {ERROR_AT:g})"
        if level == "warning":
            return (
                f"warning: the evidence weighs {s:g}, short of an error ({ERROR_AT:g}); "
                "a price or a brand column alone never proves a copy"
            )
        return f"info: the evidence weighs {s:g}, below a warning ({WARNING_AT:g})"

    def explain(self) -> str:
        listed = "; ".join(e.describe() for e in sorted(self.evidence, key=lambda e: -e.weight))
        return f"evidence: {listed}. Severity {self.why()}."
