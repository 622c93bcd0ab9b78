"""Policy-pack section ``specs:`` (schema owned by the specs rule family, issue 6).

What a marketplace requires of a listing: attributes per category path (children
inherit from parents: ``Apparel > Clothing > Tops`` inherits ``Apparel > Clothing`` and
``Apparel``), attributes required when the text mentions something (battery -> battery
type), identifiers, and text limits. Category paths are the project's own tree; a
catalogue's category text is mapped onto it by :mod:`listlint.taxonomy`.

Example (policies/<pack>.yaml)::

    specs:
      policy_url: https://support.google.com/merchants/answer/7052112
      missing_severity: error
      categories:
        Apparel:
          required: [color, gender, age_group]
          source: https://support.google.com/merchants/answer/7052112
          last_checked: 2026-11-24
        Apparel > Accessories:
          exempt: [size]
      conditions:
        - name: battery
          mentions: [battery, batteries, li-ion]
          unless: [battery-free, no batteries]
          required: [battery_type]
      category_map: {"indoor": "Home & Garden"}     # the shop's own words
      identifiers: {require: gtin-or-mpn, brand: true, exempt_categories: [Media]}
      text: {title_max: 150, description_max: 5000}

Lists replace the parent pack's lists (``extends:`` merges mappings, replaces lists).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from listlint.report import Severity

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack


class _Sourced(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: where the requirement comes from (a marketplace help page, or a copy of one)
    source: str | None = None
    last_checked: dt.date | None = None
    #: the marketplace's own page, linked in findings when ``source`` is not one (see
    #: listlint.policy.links: a page of another marketplace or a third party is never linked)
    policy_url: str | None = None


def normalise_path(path: str) -> str:
    """``"apparel >  Clothing"`` -> ``"apparel > Clothing"``: one spacing around ``>``."""
    return " > ".join(p.strip() for p in path.split(">") if p.strip())


class CategoryRequirement(_Sourced):
    """Attributes one category path adds to (or removes from) what its parents require."""

    required: list[str] = Field(default_factory=list)
    recommended: list[str] = Field(default_factory=list)
    #: inherited attributes this category does not need (accessories have no size)
    exempt: list[str] = Field(default_factory=list)


class ConditionalRequirement(_Sourced):
    """Attributes required when the listing's text mentions a trigger word."""

    name: str
    #: trigger words/phrases (whole words, folded) in title, description, bullets, category
    mentions: list[str]
    #: phrases that cancel the trigger ("battery-free", "no batteries needed")
    unless: list[str] = Field(default_factory=list)
    required: list[str]


class AttributeSpec(BaseModel):
    """How to find an attribute that is not a canonical field (e.g. ``battery_type``)."""

    model_config = ConfigDict(extra="forbid")

    #: the name a seller reads in messages ("battery type")
    label: str | None = None
    #: column headers that hold it (compared lower-case, punctuation as spaces)
    columns: list[str] = Field(default_factory=list)


class IdentifierSpec(_Sourced):
    """Which unique product identifiers a marketplace requires."""

    #: none | gtin | gtin-or-mpn (MPN accepted where no GTIN exists; then brand too)
    require: Literal["none", "gtin", "gtin-or-mpn"] = "none"
    #: brand required for every listing (Google: all new products except media)
    brand: bool = False
    #: category paths (and their children) exempt from both
    exempt_categories: list[str] = Field(default_factory=list)

    @field_validator("exempt_categories")
    @classmethod
    def _paths(cls, value: list[str]) -> list[str]:
        return [normalise_path(v) for v in value]


class TextLimits(_Sourced):
    """Text limits counted in characters (Unicode code points after NFC), never bytes."""

    title_max: int | None = None
    description_max: int | None = None
    bullets_max_count: int | None = None
    bullet_max: int | None = None
    #: share of a title's words written in capitals above which it is "ALL CAPS"
    caps_ratio: float | None = Field(default=None, ge=0, le=1)
    #: the same word may appear at most this many times in a title
    max_word_repeats: int | None = Field(default=None, ge=1)
    #: characters not allowed in titles (Amazon: ! $ ? _ { } ^ ¬ ¦)
    title_forbidden_chars: str = ""
    #: writing systems not allowed in titles (TikTok Shop US/UK: no Chinese characters)
    title_forbidden_scripts: list[
        Literal["han", "kana", "hangul", "arabic", "cyrillic", "thai"]
    ] = Field(default_factory=list)


class SpecsSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's product data specification (linked in findings)
    policy_url: str | None = None
    #: severity of missing required attributes/identifiers on this marketplace
    missing_severity: Severity | None = None
    categories: dict[str, CategoryRequirement] = Field(default_factory=dict)
    #: a shop's own category words -> category path ("indoor": "Home & Garden"); wins
    #: over the shipped synonyms (``wordlists/specs/categories.tsv``) where it matches
    category_map: dict[str, str] = Field(default_factory=dict)
    conditions: list[ConditionalRequirement] = Field(default_factory=list)
    attributes: dict[str, AttributeSpec] = Field(default_factory=dict)
    #: attributes by which variants of one product may differ
    variation_attributes: list[str] = Field(default_factory=list)
    identifiers: IdentifierSpec = Field(default_factory=IdentifierSpec)
    text: TextLimits = Field(default_factory=TextLimits)

    @field_validator("categories")
    @classmethod
    def _category_paths(cls, value: dict[str, CategoryRequirement]) -> dict:
        return {normalise_path(k): v for k, v in value.items()}

    @field_validator("category_map")
    @classmethod
    def _mapped_paths(cls, value: dict[str, str]) -> dict[str, str]:
        return {k: normalise_path(v) for k, v in value.items()}

    def requirements(self, path: str | None) -> tuple[dict[str, str], dict[str, str]]:
        """(required, recommended) for a category path: attribute -> the path that asks
        for it, walking from the root so children inherit and may exempt."""
        required: dict[str, str] = {}
        recommended: dict[str, str] = {}
        if not path:
            return required, recommended
        parts = normalise_path(path).split(" > ")
        for depth in range(1, len(parts) + 1):
            key = " > ".join(parts[:depth])
            req = self.categories.get(key)
            if req is None:
                continue
            for attr in req.exempt:
                required.pop(attr, None)
                recommended.pop(attr, None)
            for attr in req.required:
                required[attr] = key
                recommended.pop(attr, None)
            for attr in req.recommended:
                if attr not in required:
                    recommended[attr] = key
        return required, recommended

    def category_links(self, path: str) -> tuple[str | None, ...]:
        """Candidate links for a category's requirement, most specific first."""
        req = self.categories.get(path)
        return (req.policy_url, req.source) if req else ()


#: the key of this section in a policy pack
KEY = "specs"


def specs_of(pack: PolicyPack) -> SpecsSection:
    """``pack``'s ``specs:`` section."""
    return pack.section(KEY, SpecsSection)
