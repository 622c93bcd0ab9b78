"""Policy-pack section `claims:` (schema owned by the claims rule family, issue 4).

Example (policies/<pack>.yaml)::

    claims:
      policy_url: https://sellercentral.amazon.com/gp/help/external/202024200
      weight_loss_policy_url: https://seller-th.tiktok.com/university/essay?knowledge_id=1249161236530960&lang=en
      weight_loss_severity: error      # TikTok Shop prohibits weight-loss claims
      last_checked: 2026-11-25

The vocabulary itself (conditions, predicates, qualifiers...) is in ``wordlists/claims/``;
a pack only says how its marketplace treats claims and where its rules are written.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from listlint.report import Severity

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack


class ClaimsSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's health/medical-claims policy page (linked in disease and drug findings)
    policy_url: str | None = None
    #: the marketplace's weight-management claims page (linked in weight-loss findings)
    weight_loss_policy_url: str | None = None
    #: the marketplace's pesticide page (linked in pesticidal-claim findings; default: the
    #: law, 40 CFR 152.15)
    pesticide_policy_url: str | None = None
    #: severity of weight-loss claims on this marketplace (default: the rule's, warning)
    weight_loss_severity: Severity | None = None
    last_checked: dt.date | None = None


#: the key of this section in a policy pack
KEY = "claims"


def claims_of(pack: PolicyPack) -> ClaimsSection:
    """``pack``'s ``claims:`` section."""
    return pack.section(KEY, ClaimsSection)
