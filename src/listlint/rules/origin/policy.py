"""Policy-pack section ``origin:`` (schema owned by the origin family, issue 23).

Where a marketplace (or the law it applies: the FTC's Made in USA rule, 16 CFR 323)
states that a listing must not misstate where its product was made. How firmly each
conflict is reported is the pack's ``rules:`` setting (OR101, OR102)::

    origin:
      policy_url: https://sellercentral.amazon.com/gp/help/external/200390640
      source: https://www.ftc.gov/business-guidance/resources/complying-made-usa-standard
      last_checked: 2026-12-05
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack

KEY = "origin"


class OriginSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy_url: str | None = None
    source: str | None = None
    last_checked: dt.date | None = None


def origin_of(pack: PolicyPack) -> OriginSection:
    return pack.section(KEY, OriginSection)
