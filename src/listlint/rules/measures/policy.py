"""Policy-pack section `measures:` (schema owned by the measures rule family, issue 7).

Product-type weight ranges ship in ``wordlists/measures/product_types.tsv`` and carrier
limits in ``wordlists/measures/carrier_limits.tsv``; a pack chooses which carriers
apply to its marketplace, how wide the tolerance bands are, and may add or override
product-type ranges. Example (policies/<pack>.yaml)::

    measures:
      policy_url: https://sellercentral.amazon.com/gp/help/external/G53Z9EKF8VVZVH29
      carriers:
        - {name: UPS, severity: warning}
        - {name: USPS}
      ranges:
        cast iron skillet: {min_kg: 1.5, max_kg: 5, keywords: [cast iron skillet]}
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from listlint.report import Severity
from listlint.resources import table

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack


class CarrierChoice(BaseModel):
    """A carrier service from ``carrier_limits.tsv`` that matters on this marketplace."""

    model_config = ConfigDict(extra="forbid")

    #: the ``carrier`` column of carrier_limits.tsv ("UPS", "Parcelforce" ...)
    name: str
    #: how bad exceeding it is here (default: the rule's severity, info)
    severity: Severity | None = None

    @field_validator("name")
    @classmethod
    def _known(cls, name: str) -> str:

        known = [r["carrier"] for r in table("measures/carrier_limits")]
        if name not in known:
            raise ValueError(
                f"unknown carrier {name!r} (carrier_limits.tsv has: {', '.join(known)})"
            )
        return name


class WeightRange(BaseModel):
    """A product type's plausible packed weight; adds a type or overrides a shipped one."""

    model_config = ConfigDict(extra="forbid")

    min_kg: float = Field(gt=0)
    max_kg: float = Field(gt=0)
    typical_kg: float | None = Field(default=None, gt=0)
    #: words naming the type in titles (required for a new type, optional for an override)
    keywords: list[str] = Field(default_factory=list)
    source: str = ""
    last_checked: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> WeightRange:
        if self.min_kg > self.max_kg:
            raise ValueError("min_kg is larger than max_kg")
        return self


class MeasuresSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace page on weights, dimensions or size tiers (linked in findings)
    policy_url: str | None = None
    #: a weight within [min / tolerance, max x tolerance] of its product type passes
    tolerance: float = Field(default=3.0, ge=1.0)
    #: a weight is called a unit mix-up only when this far outside the range
    #: and the converted value lands within [min / 2, max x 2]
    mixup_tolerance: float = Field(default=5.0, ge=1.0)
    #: weight / (L x W x H) outside these bounds cannot be right (kg/m3);
    #: air-filled goods are ~5, steel ~7,850, lead ~11,340 (policy_facts 5.4)
    density_min_kg_m3: float = Field(default=2.0, gt=0)
    density_max_kg_m3: float = Field(default=12_000.0, gt=0)
    #: volumetric divisor (cm3 per kg): 5000 for DHL/UPS/FedEx, 6000 for many economy
    #: services (139 / 166 in3 per lb are the imperial equivalents)
    dim_divisor_cm3_per_kg: float = Field(default=5000.0, gt=0)
    #: dimensional weight is reported when it exceeds the actual weight this many times
    #: and by at least ``dim_weight_min_extra_kg``
    dim_weight_ratio: float = Field(default=2.0, ge=1.0)
    dim_weight_min_extra_kg: float = Field(default=1.0, ge=0)
    #: carrier services whose parcel limits this marketplace's sellers meet
    carriers: list[CarrierChoice] = Field(default_factory=list)
    #: product-type weight ranges added to or overriding wordlists/measures/product_types.tsv
    ranges: dict[str, WeightRange] = Field(default_factory=dict)


#: the key of this section in a policy pack
KEY = "measures"


def measures_of(pack: PolicyPack) -> MeasuresSection:
    """``pack``'s ``measures:`` section."""
    return pack.section(KEY, MeasuresSection)
