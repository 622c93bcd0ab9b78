"""Policy-pack section ``offplatform:`` (schema owned by the offplatform family, issue 23).

What a marketplace lets a listing point to. Every covered marketplace refuses phone
numbers, e-mail addresses, web addresses and calls to contact or buy elsewhere in titles,
descriptions and bullet points (TikTok Shop "redirecting traffic", Amazon's detail-page
rules, eBay's links and off-eBay offers policies, Google's description attribute). What
differs is what counts as *elsewhere*::

    offplatform:
      policy_url: https://www.ebay.com/help/policies/listing-policies/links-policy?id=4248
      own_platforms: [eBay]          # platforms.tsv names that are this marketplace
      allowed_domains: [ebay.com]    # hosts whose links the marketplace allows
      source: https://www.ebay.com/help/policies/listing-policies/links-policy?id=4248
      last_checked: 2026-12-05

Not scanned: the manufacturer and responsible-person fields, where the EU GPSR requires
a postal address, e-mail and phone (and often the brand's website). How bad each kind is
on a marketplace is the pack's ``rules:`` setting (OP101-OP104).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack

KEY = "offplatform"


class OffplatformSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's page on contact details and links in listings
    policy_url: str | None = None
    #: names of ``wordlists/offplatform/platforms.tsv`` that are this marketplace: a link
    #: to, or a mention of, one of them is not off-platform ("Follow us on TikTok" on TikTok)
    own_platforms: list[str] = Field(default_factory=list)
    #: hosts (and their subdomains) whose links the marketplace allows in listings
    allowed_domains: list[str] = Field(default_factory=list)
    source: str | None = None
    last_checked: dt.date | None = None

    @field_validator("allowed_domains")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        out = []
        for host in value:
            host = host.strip().lower().rstrip(".").removeprefix("www.")
            if not host or "/" in host or " " in host:
                raise ValueError(f"expected a host name such as 'ebay.com', got {host!r}")
            out.append(host)
        return out

    def allows_host(self, host: str | None) -> bool:
        if not host:
            return False
        host = host.lower().removeprefix("www.")
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


def offplatform_of(pack: PolicyPack) -> OffplatformSection:
    return pack.section(KEY, OffplatformSection)
