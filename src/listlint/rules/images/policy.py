"""Policy-pack section ``images:`` (schema owned by the images rule family, issue 23).

What a marketplace accepts as a product image link and file. Example::

    images:
      policy_url: https://support.google.com/merchants/answer/6324350
      formats: [jpg, jpeg, png, gif, webp, bmp, tif, tiff]
      ascii_only: true
      min_width: 100
      min_height: 100
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class ImagesSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: the marketplace's page on product images (linked in findings)
    policy_url: str | None = None
    #: file extensions accepted (wordlists/images/extensions.tsv); empty: any image format
    formats: list[str] = Field(default_factory=list)
    #: image links must use https (eBay: self-hosted pictures on https servers only)
    require_https: bool = False
    #: links must be ASCII (Google: RFC 3986, non-ASCII characters percent-encoded)
    ascii_only: bool = False
    #: images per listing: fewer is reported (0 is "no main image"), more are dropped
    min_images: int = Field(default=1, ge=1)
    max_images: int | None = Field(default=None, ge=1)
    #: pixel limits of a local image file (checked when the file sits beside the catalogue)
    min_width: int | None = Field(default=None, ge=1)
    min_height: int | None = Field(default=None, ge=1)
    min_longest_side: int | None = Field(default=None, ge=1)
    max_longest_side: int | None = Field(default=None, ge=1)
    #: width / height of the main image within [min_aspect, max_aspect] (TikTok: 3:4-4:3)
    min_aspect: float | None = Field(default=None, gt=0)
    max_aspect: float | None = Field(default=None, gt=0)
    #: largest image file accepted, in MB
    max_file_mb: float | None = Field(default=None, gt=0)
    source: str = ""
    last_checked: dt.date | None = None

    @field_validator("formats")
    @classmethod
    def _lower(cls, formats: list[str]) -> list[str]:
        return [f.lower().lstrip(".") for f in formats]

    @model_validator(mode="after")
    def _ordered(self) -> ImagesSection:
        if self.max_images is not None and self.max_images < self.min_images:
            raise ValueError("max_images is below min_images")
        if self.min_aspect and self.max_aspect and self.min_aspect > self.max_aspect:
            raise ValueError("min_aspect is above max_aspect")
        return self


#: the key of this section in a policy pack
KEY = "images"
