"""Listing models at the API boundary.

The hot path stays columnar (a polars frame per batch, see :mod:`listlint.batch`);
these pydantic models are what ``Catalog.listings()`` hands a library user, built on
demand. Measured on 100k rows: building models costs ~10x the lint itself, so the
engine never does it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class SourceRef(BaseModel):
    """Where a listing came from: file, sheet, physical row (header = row 1)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str | None = None
    sheet: str | None = None
    row: int | None = None
    #: canonical field -> the original column name it was read from
    columns: dict[str, str] = Field(default_factory=dict)


class Money(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: float
    currency: str | None = None
    raw: str | None = None


class Quantity(BaseModel):
    """A measured value in a canonical unit (kg for mass, cm for length), raw text kept."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float
    unit: str
    raw: str | None = None


class Dimensions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    length: Quantity | None = None
    width: Quantity | None = None
    height: Quantity | None = None
    raw: str | None = None


class Listing(BaseModel):
    """One product or variant after column mapping, variant folding and normalisation."""

    model_config = ConfigDict(extra="forbid")

    source: SourceRef
    sku: str | None = None
    title: str | None = None
    description: str | None = None
    bullets: list[str] = Field(default_factory=list)
    brand: str | None = None
    category: str | None = None
    product_type: str | None = None
    tags: str | None = None
    price: Money | None = None
    gtin: str | None = None
    mpn: str | None = None
    size: str | None = None
    color: str | None = None
    material: str | None = None
    gender: str | None = None
    age_group: str | None = None
    weight: Quantity | None = None
    dimensions: Dimensions | None = None
    images: list[str] = Field(default_factory=list)
    variant_group: str | None = None
    condition: str | None = None
    quantity: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
