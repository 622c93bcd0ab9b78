"""Policy-pack section `ip:` (schema owned by the ip rule family, issue 5).

Example (policies/<pack>.yaml)::

    ip:
      policy_url: https://support.google.com/merchants/answer/6149993
      brands: ["Acme Watches"]        # extra protected brands for this marketplace
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack


class IPSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's counterfeit / intellectual-property policy page (linked in findings)
    policy_url: str | None = None
    #: brands this marketplace protects beyond ``wordlists/brands/brands.tsv``
    brands: list[str] = Field(default_factory=list)


#: the key of this section in a policy pack
KEY = "ip"


def ip_of(pack: PolicyPack) -> IPSection:
    """``pack``'s ``ip:`` section."""
    return pack.section(KEY, IPSection)
