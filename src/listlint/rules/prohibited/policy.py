"""Policy-pack section `prohibited:` (schema owned by the prohibited rule family, issue 3).

Each pack states, per product category, what its marketplace does with it::

    prohibited:
      policy_url: https://seller-us.tiktok.com/university/essay?knowledge_id=1399532709988097
      approval_url: https://seller-us.tiktok.com/university/essay?knowledge_id=3238037484275457
      categories:
        alcohol:
          label: Alcohol
          status: prohibited            # prohibited | restricted | allowed
          severity: error               # optional; default error (prohibited) / warning (restricted)
          message: Alcoholic drinks cannot be sold on TikTok Shop.
          source: https://seller-us.tiktok.com/university/essay?knowledge_id=3719218886117175
          last_checked: 2026-11-24

Category ids are those of ``wordlists/prohibited/terms.tsv``; a pack may add its own
``terms`` and RE2 ``patterns`` to a category, or a whole new category. Packs that
``extends:`` another inherit every category and override only the keys they set.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from listlint.report import Severity

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack


class Status(str, Enum):
    PROHIBITED = "prohibited"
    RESTRICTED = "restricted"
    ALLOWED = "allowed"


class CategoryVerdict(BaseModel):
    """One marketplace's treatment of one product category."""

    model_config = ConfigDict(extra="forbid")

    #: what sellers call the category ("Psychoactive botanicals (kratom, kava...)")
    label: str
    status: Status
    #: overrides the default (error for prohibited, warning for restricted)
    severity: Severity | None = None
    #: one or two sentences for the seller: what the marketplace says and what to do
    message: str = ""
    #: page that states the rule, and when it was last read (may be a third-party copy)
    source: str
    last_checked: dt.date
    #: the marketplace's own page for this category, linked in findings; when unset (or
    #: inherited from a pack of another marketplace) the link is chosen by
    #: :func:`listlint.policy.links.official_link` from ``source`` and the section's page
    policy_url: str | None = None
    #: where to apply for approval (restricted categories); defaults to the section's
    approval_url: str | None = None
    #: marketplaces that ban it; shown in findings of a root pack such as ``base``
    #: (a marketplace pack names itself)
    marketplaces: list[str] = Field(default_factory=list)
    #: listing-category words that make this category allowed here ("kitchen", "cutlery":
    #: a chef's knife is fine on Amazon, not on TikTok Shop UK)
    allowed_in: list[str] = Field(default_factory=list)
    #: still a finding when the term is on a t-shirt, poster or book (hate symbols, adult)
    depictions_count: bool = False
    #: extra phrases for this category (matched like the shipped wordlist terms)
    terms: list[str] = Field(default_factory=list)
    #: RE2 patterns over the folded listing text (see listlint.text.saferegex)
    patterns: list[str] = Field(default_factory=list)
    #: lower confidence: the rule comes from a secondary or general-knowledge source
    confidence: str = "sourced"

    @field_validator("confidence")
    @classmethod
    def _confidence(cls, value: str) -> str:
        if value not in ("sourced", "low"):
            raise ValueError("confidence must be 'sourced' or 'low'")
        return value

    @property
    def effective_severity(self) -> Severity | None:
        if self.status is Status.ALLOWED:
            return None
        if self.severity is not None:
            return self.severity
        return Severity.ERROR if self.status is Status.PROHIBITED else Severity.WARNING


class ProhibitedSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's prohibited / restricted products page (linked when a category has none)
    policy_url: str | None = None
    #: where sellers apply for approval of restricted categories
    approval_url: str | None = None
    categories: dict[str, CategoryVerdict] = Field(default_factory=dict)


#: the key of this section in a policy pack
KEY = "prohibited"


def prohibited_of(pack: PolicyPack) -> ProhibitedSection:
    """``pack``'s ``prohibited:`` section."""
    return pack.section(KEY, ProhibitedSection)
