"""Policy-pack section ``advertising:`` (schema owned by the advertising family, issue 23).

Where a marketplace states what a listing may not claim: absolute and superlative claims,
fake urgency and scarcity, comparisons with competitors. Which of them a marketplace
rejects, and how firmly, is the pack's ``rules:`` setting (AD101-AD103): TikTok Shop
rejects all three (error), Amazon time-sensitive and availability text (error), the
baseline reports superlatives as info::

    advertising:
      policy_url: https://seller-us.tiktok.com/university/essay?knowledge_id=7073362639816491
      source: https://seller-vn.tiktok.com/university/essay?knowledge_id=6837770400581377&lang=en
      last_checked: 2026-12-05
    rules:
      AD101: {severity: error}
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack

KEY = "advertising"


class AdvertisingSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's page on claims in listings
    policy_url: str | None = None
    source: str | None = None
    last_checked: dt.date | None = None


def advertising_of(pack: PolicyPack) -> AdvertisingSection:
    return pack.section(KEY, AdvertisingSection)
