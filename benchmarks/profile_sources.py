"""Localized export headers for the column profiles, taken from the platforms' own
translation files (not a benchmark: the script that builds data in policies/profiles).

    python benchmarks/profile_sources.py woocommerce PO_FILE... > headers.yaml

``woocommerce``: WooCommerce writes its product CSV export headers through gettext
(``WC_Product_CSV_Exporter::get_default_column_names``), so a shop running in German
exports "Regulärer Preis", one in Indonesian "Harga normal". Given the plugin's
``woocommerce-<locale>.po`` files, this prints, per locale, the translation of each
export header that names a listlint field, as YAML ``field: [headers]`` (``%d`` and
``%s`` placeholders become ``1`` and nothing: "Attribute 1 name", "Weight").
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

#: WooCommerce's English export header -> the listlint field it holds (or the option
#: pair element: attribute name/value columns)
WOOCOMMERCE = {
    "SKU": "sku",
    "GTIN, UPC, EAN, or ISBN": "gtin",
    "Name": "title",
    "Short description": "bullets",
    "Description": "description",
    "Stock": "quantity",
    "Weight (%s)": "weight",
    "Length (%s)": "length",
    "Width (%s)": "width",
    "Height (%s)": "height",
    # issue 23's pricing fields: the sale price is not the price a sale is measured against
    "Sale price": "sale_price",
    "Date sale price starts": "sale_start",
    "Date sale price ends": "sale_end",
    "Published": "status",
    "Regular price": "price",
    "Categories": "category",
    "Tags": "tags",
    "Images": "images",
    "Parent": "variant_group",
    "Type": "variant_type",
    "Brands": "brand",
    "Attribute %d name": "option_name",
    "Attribute %d value(s)": "option_value",
}
#: headers only WooCommerce writes, which tell its export apart (with type, SKU,
#: name, regular price and parent above)
WOOCOMMERCE_DETECT = (
    "Type",
    "SKU",
    "Name",
    "Published",
    "Is featured?",
    "Visibility in catalog",
    "In stock?",
    "Backorders allowed?",
    "Sold individually?",
    "Allow customer reviews?",
    "Regular price",
    "Parent",
)

_ENTRY = re.compile(
    r'(?:msgctxt\s+"(?P<ctx>(?:[^"\\]|\\.)*)"\s*\n)?msgid\s+"(?P<id>(?:[^"\\]|\\.)*)"\s*\n'
    r'msgstr\s+(?P<str>"(?:[^"\\]|\\.)*"(?:\s*\n"(?:[^"\\]|\\.)*")*)'
)


def po_strings(text: str) -> dict[str, str]:
    """msgid -> msgstr of the entries without a context (as ``__()`` looks them up)."""
    out = {}
    for m in _ENTRY.finditer(text):
        if m.group("ctx") is not None:
            continue
        value = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group("str")))
        if value:
            out[m.group("id")] = value.replace('\\"', '"')
    return out


def header_text(translated: str) -> str:
    """A header as the exporter writes it: ``%d`` -> 1, ``(%s)`` unit placeholder gone."""
    text = re.sub(r"%(?:1\$)?d", "1", translated)
    text = re.sub(r"\s*[(（]\s*%(?:1\$)?s\s*[)）]", "", text)
    return text.replace("%s", "").strip()


def woocommerce(paths: list[str]) -> None:
    for path in paths:
        locale = Path(path).stem.removeprefix("woocommerce-")
        strings = po_strings(Path(path).read_text(encoding="utf-8"))
        fields: dict[str, list[str]] = {}
        for english, fname in WOOCOMMERCE.items():
            if english in strings:
                fields.setdefault(fname, []).append(header_text(strings[english]))
        detect = [header_text(strings[e]) for e in WOOCOMMERCE_DETECT if e in strings]
        print(f"  {locale}:")
        print(f"    detect: [{', '.join(_quote(h) for h in dict.fromkeys(detect))}]")
        for fname, headers in fields.items():
            unique = list(dict.fromkeys(headers))
            print(f"    {fname}: [{', '.join(_quote(h) for h in unique)}]")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "woocommerce":
        sys.exit(__doc__)
    woocommerce(sys.argv[2:])
