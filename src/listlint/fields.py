"""Canonical listing fields: the names every loader maps headers onto and every rule reads.

A catalogue's own headers ("Body (HTML)", "Nome", "item_name") are mapped to these by
the column profiles in ``policies/profiles``. Columns that map to nothing are kept as
attributes under their original header.
"""

from __future__ import annotations

#: Free text a seller writes; rules that read text scan these.
TEXT_FIELDS: tuple[str, ...] = ("title", "description", "bullets", "category", "tags")

#: Every canonical field, as raw text in the batch frame (one Utf8 column each).
CANONICAL_FIELDS: tuple[str, ...] = (
    "sku",
    "title",
    "description",
    "bullets",
    "brand",
    "category",
    "product_type",
    "tags",
    "price",
    # pricing (issue 23): the discounted price, the "was"/compare-at/list price, when the
    # discount runs (Google's "start/end" interval is one field) and whether the listing
    # is live (drafts, archived and unpublished rows are not judged on price or images)
    "sale_price",
    "compare_at_price",
    "sale_start",
    "sale_end",
    "sale_period",
    "status",
    "currency",
    "gtin",
    "mpn",
    "size",
    "color",
    "material",
    "gender",
    "age_group",
    "weight",
    "weight_unit",
    "length",
    "width",
    "height",
    "dimension_unit",
    "dimensions",
    #: the contents' or capacity's volume (Amazon item_volume/liquid_volume/capacity,
    #: Google unit_pricing_measure), and the unit its bare numbers are in
    "volume",
    "volume_unit",
    "images",
    "variant_group",
    "parent",
    "variant_type",
    "condition",
    "quantity",
    "handle",
    "options",
    #: where the product was made, as the catalogue states it (a name or code; origin family)
    "country_of_origin",
    #: the manufacturer's postal address (EU GPSR, TikTok Shop "Manufacturer"; origin family)
    "manufacturer_address",
    "listlint",
)

#: Parsed values the normaliser adds next to the raw text (never replacing it).
PARSED_FIELDS: dict[str, str] = {
    "price_amount": "Float64",
    "price_currency": "Utf8",
    "sale_price_amount": "Float64",
    "sale_price_currency": "Utf8",
    "compare_at_amount": "Float64",
    "compare_at_currency": "Utf8",
    "weight_kg": "Float64",
    "length_cm": "Float64",
    "width_cm": "Float64",
    "height_cm": "Float64",
    "volume_l": "Float64",
}

#: Bookkeeping columns every batch frame carries.
ROW = "_row"  # physical row the user sees (header = row 1); record index for JSON
REC = "_rec"  # 0-based record index over the whole catalogue (stable, for ordering)
SHEET = "_sheet"  # sheet name for workbooks, null otherwise
GROUP = "_group"  # variant group key (parent SKU / handle), null for standalone listings

#: Prefix of columns that map to no canonical field; the rest is the original header.
ATTR_PREFIX = "attr:"


def attr_column(header: str) -> str:
    return ATTR_PREFIX + header
