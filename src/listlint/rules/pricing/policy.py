"""Policy-pack section ``pricing:`` (schema owned by the pricing rule family, issue 23).

A pack says which currencies its marketplace takes, how deep a discount may look before
the "was" price reads as inflated, and how far a price may sit from its variants or its
product type before it is questioned. Example (policies/<pack>.yaml)::

    pricing:
      policy_url: https://seller-us.tiktok.com/university/essay?knowledge_id=...
      currencies: [USD]
      max_discount: 0.8
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

_ISO = re.compile(r"[A-Z]{3}")


class PricingSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's page on prices (linked in findings)
    policy_url: str | None = None
    #: ISO 4217 codes the marketplace sells in; empty: any (a multi-country marketplace)
    currencies: list[str] = Field(default_factory=list)
    #: a "was" price this far above today's price (0.8: a discount over 80%) reads as
    #: inflated (FTC 16 CFR 233.1 former price comparisons; EU Directive 98/6/EC art. 6a)
    max_discount: float = Field(default=0.8, gt=0, lt=1)
    #: a variant is questioned when its price is this many times off its siblings' median
    #: (and its robust z-score, on log prices, is at least ``variant_min_z``)
    variant_min_ratio: float = Field(default=5.0, ge=1.5)
    variant_min_z: float = Field(default=3.5, gt=0)
    variant_min_n: int = Field(default=3, ge=3)
    #: the same for a listing against the other listings of its product type in the file
    type_min_ratio: float = Field(default=20.0, ge=2)
    type_min_z: float = Field(default=5.0, gt=0)
    type_min_n: int = Field(default=10, ge=5)
    source: str = ""
    last_checked: dt.date | None = None

    @field_validator("currencies")
    @classmethod
    def _iso(cls, codes: list[str]) -> list[str]:
        bad = [c for c in codes if not _ISO.fullmatch(c)]
        if bad:
            raise ValueError(f"currencies must be ISO 4217 codes such as USD (got {bad})")
        return codes


#: the key of this section in a policy pack
KEY = "pricing"
