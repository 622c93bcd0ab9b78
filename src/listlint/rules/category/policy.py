"""Policy-pack section ``category:`` (schema owned by the category rule family, issue 23).

A pack names the category taxonomies listlint knows that its marketplace reads: a column
that names one of them ("google_product_category", "Google Shopping / Google Product
Category") must hold one of its ids or full paths. Example::

    category:
      policy_url: https://support.google.com/merchants/answer/6324436
      taxonomies: [google]
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: taxonomies listlint ships (wordlists/category/): name -> words a column header uses
KNOWN_TAXONOMIES = {"google": ("google",)}


class CategorySection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's page on categories (linked in findings)
    policy_url: str | None = None
    #: taxonomies whose columns are checked (see KNOWN_TAXONOMIES)
    taxonomies: list[str] = Field(default_factory=lambda: ["google"])
    #: report a category whose product group disagrees with the title's (CT102)
    mismatch: bool = True
    source: str = ""
    last_checked: dt.date | None = None

    @field_validator("taxonomies")
    @classmethod
    def _known(cls, names: list[str]) -> list[str]:
        bad = [n for n in names if n not in KNOWN_TAXONOMIES]
        if bad:
            raise ValueError(
                f"unknown taxonomies {bad} (listlint knows: {sorted(KNOWN_TAXONOMIES)})"
            )
        return names


#: the key of this section in a policy pack
KEY = "category"
