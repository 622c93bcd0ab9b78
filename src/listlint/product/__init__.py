"""Product analysis shared by the detection families: what a listing sells (type, group,
carrier) and the role of each risky word in it (product, ingredient, depiction,
compatibility, attribute, brand, tag, modifier). See :mod:`listlint.product.analysis`."""

from listlint.product.analysis import (
    CACHE_KEY,
    ProductAnalysis,
    analyse_batch,
    analyse_records,
    product_analysis,
)
from listlint.product.evidence import Evidence, weigh
from listlint.product.roles import NOT_PRODUCT, ListingProduct, Role, TermRole

__all__ = [
    "CACHE_KEY",
    "NOT_PRODUCT",
    "Evidence",
    "ListingProduct",
    "ProductAnalysis",
    "Role",
    "TermRole",
    "analyse_batch",
    "analyse_records",
    "product_analysis",
    "weigh",
]
