"""What a finding can say about its evidence: which field, which role, why this severity.

A family that found a risky term weighs it with :func:`weigh` and may quote the result
(``Evidence.explain()``) in its message: "in the title, 'mushroom' describes the design
of a t-shirt: at most info". The ceiling is the most a finding from this evidence alone
should be; the family and the policy pack still decide the severity below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from listlint.product.roles import NOT_PRODUCT, Role, TermRole

#: the most a finding resting on one term in this role should be
CEILING: dict[Role, str] = {
    Role.PRODUCT: "error",
    Role.INGREDIENT: "error",
    Role.UNKNOWN: "error",
    Role.TAG: "warning",
    **{role: "info" for role in NOT_PRODUCT},
}
_FIELD_NAMES = {"product_type": "product type", "tags": "tags"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One term's evidence: ``field``, ``term`` (folded), ``role``, ``reason`` and the
    highest severity it supports (``ceiling``: error, warning or info)."""

    field: str
    term: str
    role: Role
    reason: str
    ceiling: str

    @property
    def names_product(self) -> bool:
        """Does this evidence say the listing sells what the term names?"""
        return self.role in (Role.PRODUCT, Role.INGREDIENT, Role.UNKNOWN)

    def explain(self) -> str:
        where = _FIELD_NAMES.get(self.field, self.field.removeprefix("attr:"))
        why = {
            "error": "",
            "warning": ": a search tag alone is weak evidence, at most a warning",
            "info": ": not the product, at most info",
        }[self.ceiling]
        return f"in the {where}, {self.reason}{why}"


def weigh(role: TermRole) -> Evidence:
    return Evidence(role.field, role.term, role.role, role.reason, CEILING[role.role])
