"""The policy-pack schema (pydantic, unknown keys rejected).

A pack is one YAML file in ``policies/`` (or a user's path). Each rule family owns one
section, defined in its own module beside this one, so a family's data can grow
without touching the others.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from listlint.policy.claims import ClaimsSection
from listlint.policy.ip import IPSection
from listlint.policy.links import LinkSettings
from listlint.policy.measures import MeasuresSection
from listlint.policy.prohibited import ProhibitedSection
from listlint.policy.specs import SpecsSection
from listlint.report import Severity
from listlint.rules.category.policy import CategorySection
from listlint.rules.images.policy import ImagesSection
from listlint.rules.pricing.policy import PricingSection


class RuleSetting(BaseModel):
    """Per-rule settings a marketplace pack imposes (config can still override)."""

    model_config = ConfigDict(extra="forbid")

    severity: Severity | None = None
    enabled: bool | None = None


class PolicyPack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: short id used on the command line and in findings ("tiktok-shop-us")
    name: str
    #: the marketplace as a seller names it ("TikTok Shop US"); shown in messages
    marketplace: str = ""
    description: str = ""
    extends: list[str] = Field(default_factory=list)
    #: main policy page(s) of the marketplace
    sources: list[str] = Field(default_factory=list)
    last_checked: dt.date | None = None
    #: whose pages findings about this marketplace may link (see listlint.policy.links)
    links: LinkSettings = Field(default_factory=LinkSettings)
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    prohibited: ProhibitedSection = Field(default_factory=ProhibitedSection)
    claims: ClaimsSection = Field(default_factory=ClaimsSection)
    ip: IPSection = Field(default_factory=IPSection)
    specs: SpecsSection = Field(default_factory=SpecsSection)
    measures: MeasuresSection = Field(default_factory=MeasuresSection)
    pricing: PricingSection = Field(default_factory=PricingSection)
    category: CategorySection = Field(default_factory=CategorySection)
    images: ImagesSection = Field(default_factory=ImagesSection)

    @property
    def label(self) -> str:
        return self.marketplace or self.name
