"""What a matched term does in the listing, in the prohibited family's terms.

The shared product analysis (:mod:`listlint.product`) says what the listing sells and the
role of a matched span: the product itself, an ingredient, a depiction, a colour or scent,
a brand, a search tag, a modifier of another product, a compatibility target. A verdict
comes from that role, not from the term's presence:

* product, unknown: the term names what is sold;
* ingredient: counts for substances (CBD gummies, kratom capsules), not for objects;
* depiction: the design of a t-shirt, a sign, a mug, a toy: counts only where a
  marketplace bans depictions too (hate symbols, adult);
* search tag: weak evidence, at most a warning that names the tag as the problem;
* colour, scent or finish, compatibility target: not the product;
* brand or model name, modifier of another product: not the product when the term is an
  ordinary word too (a weak term: "Bullet" blender, "sword" fern, "wine" glass).

A *specific* term (a product's own name: "butterfly knife", "brass knuckles", "Ozempic",
"OTF knife") is read more carefully, because the analysis finds a title's head noun from a
lexicon and a short title can fool it ("... tanto blade", "... 12 gauge", "Ozempic pen"):
such a term is dropped as a modifier only when the category path names it as a sibling
class or it is part of the product's own name, and it is a depiction only on wearables,
prints, media and toys (a "pepper spray keychain" is a spray; an "ivory bracelet" is made
of ivory). A regulator-named brand (brands.tsv) is the product even in the brand column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from listlint.product import ListingProduct, Role, TermRole
from listlint.product.lexicon import lexicon
from listlint.resources import wordlist

#: carriers that are often the object itself in a small form ("pepper spray keychain",
#: "ivory bracelet", "bullet necklace"): a specific term there is not a design
_WORN_OBJECTS = frozenset({"jewelry_accessory"})
#: between a term and the head noun it would modify: a number, a size or a separator says
#: the head is not its noun ("Sub Ohm Tank 5ml Top Fill", "Rubber bullets 12 gauge")
_CUT_OFF = re.compile(r"\d|[,|/()\[\]:;+–—]|\s-\s")


#: how many of the most frequent English words count as everyday words: "samurai" (rank
#: 13,349 in spaCy's lexeme table) is one, "lsd" (18,055) and "karambit" (28,312) are not
EVERYDAY_RANK = 15_000


@lru_cache(maxsize=1)
def _everyday() -> frozenset[str]:
    """The most frequent English words (wordlists/brands/common_words.txt is by frequency)."""
    return frozenset(wordlist("brands/common_words")[:EVERYDAY_RANK])


def ordinary(term: str) -> bool:
    """Is every word of ``term`` an everyday English word ("bullet", "samurai", "sword";
    not "karambit" or "lsd")? Only such a word can be a brand or a model name that does
    not mean the thing ("Bullet" blender)."""
    words = re.findall(r"[^\W\d_]+", term)
    return bool(words) and all(w in _everyday() for w in words)


@dataclass(frozen=True, slots=True)
class Judged:
    """What the family does with a match: ``keep`` it at all, as a ``depiction`` or a
    ``tag``; ``role`` and ``reason`` explain it in the finding."""

    keep: bool
    depiction: bool
    tag: bool
    role: str
    reason: str


def _out(
    found: TermRole,
    keep: bool,
    depiction: bool = False,
    role: Role | None = None,
    reason: str | None = None,
) -> Judged:
    role = role or found.role
    return Judged(keep, depiction, found.role is Role.TAG, role.value, reason or found.reason)


def _inside_name(found: TermRole, product: ListingProduct) -> bool:
    """Is the span part of the title's own product name (a longer head noun)?"""
    head = product.head
    return (
        head is not None
        and found.field == "title"
        and head.start <= found.start
        and found.end <= head.end
        and head.end - head.start > found.end - found.start
    )


def _vague_head(found: TermRole, product: ListingProduct) -> bool:
    """Is the head noun the term would modify a word of no one kind of product (its
    lexicon group is empty: "electric" names water heaters and coffee pots alike) while
    the term is itself a product type of a group ("hedge trimmer")? Then the term, not
    the vague head, says what is sold."""
    head = product.head
    if found.field != "title" or head is None or head.entry is None or head.entry.group:
        return False
    own = lexicon().entry(found.term)
    return own is not None and bool(own.group)


#: the product groups a category's own products fall in: an ordinary word naming a shade
#: or flavour of another group's product ("Champagne" highlighter) is not the product
OWN_GROUPS = {
    "alcohol": frozenset({"alcohol", "food_drink"}),
    "tobacco_nicotine": frozenset({"vape_tobacco"}),
}
#: categories of ingestible ingredients: a cosmetic or household product naming one (a
#: "Citrus Aurantium" peel oil in a body oil's INCI list) is not a supplement
INGESTIBLE = frozenset({"supplements_banned_ingredients", "supplements_restricted_ingredients"})
NOT_INGESTED = frozenset({"cosmetic", "home", "garden", "craft", "apparel", "print_decor"})
#: a span inside quotes: a design, set or product name ("Tee 'Black Flags & Rum'")
_QUOTED = re.compile(r"[\"'‘’“”«»]")


def _bracketed(text: str, start: int, end: int) -> bool:
    """Is the span inside parentheses or brackets (a title's variant list)?"""
    before = text[:start]
    opened = max(before.rfind("("), before.rfind("["))
    return opened > max(before.rfind(")"), before.rfind("]")) and any(c in text[end:] for c in ")]")


def quoted(text: str, start: int, end: int) -> bool:
    """Does a quote open before ``start`` and close after ``end`` on the same clause?"""
    before, after = text[max(0, start - 60) : start], text[end : end + 60]
    opened = len(_QUOTED.findall(before)) % 2 == 1
    return opened and _QUOTED.search(after) is not None


def judged(
    found: TermRole,
    product: ListingProduct,
    *,
    weak: bool,
    substance: bool,
    brand_term: bool,
    between: str = "",
    category: str = "",
    text: str = "",
) -> Judged:
    """The family's reading of ``found`` (the analysis' role of one match) in a listing
    that sells ``product``; ``weak``: the term is also an ordinary word; ``between``: the
    title's text from the term to the head noun after it (when there is one)."""
    role = found.role
    if role in (Role.ATTRIBUTE, Role.COMPATIBILITY):
        return _out(found, False)
    if category in INGESTIBLE and product.group in NOT_INGESTED:
        return _out(found, False)  # a cosmetic's ingredient list is no supplement
    if (
        weak
        and role is not Role.TAG
        and found.field == "title"
        and quoted(text, found.start, found.end)
    ):
        return _out(found, True, depiction=True, role=Role.DEPICTION)  # a quoted name or slogan
    if weak and found.field == "title" and _bracketed(text, found.start, found.end):
        return _out(found, False, role=Role.ATTRIBUTE)  # "(Copper, ..., Ivory Matte)": a variant
    if (
        weak
        and role is Role.UNKNOWN
        and product.group
        and product.group not in OWN_GROUPS.get(category, frozenset())
        and " " not in found.term
        and (ordinary(found.term) or found.term in lexicon().colour_words)
    ):
        # an ordinary word after the main phrase of another kind of product names its
        # shade, flavour or variant: "Foundation - Shade 102 Ivory", "Highlighter Champagne"
        return _out(found, False, role=Role.ATTRIBUTE)
    if role in (Role.BRAND, Role.MODIFIER, Role.DEPICTION) and _CUT_OFF.search(between):
        return _out(found, True, role=Role.PRODUCT)  # the head noun is not the term's noun
    if role is Role.BRAND:
        from_column = found.field == "brand" or "brand column" in found.reason
        name_like = weak and (from_column or ordinary(found.term))
        return _out(found, brand_term or not name_like)
    if role is Role.MODIFIER and _vague_head(found, product):
        head = product.head.term if product.head else ""
        why = f"'{found.term}' is the product: '{head}' names no one kind of product"
        return _out(found, True, role=Role.PRODUCT, reason=why)  # "Hedge Trimmer Electric"
    if role is Role.MODIFIER:
        trusted = weak or found.field == "category" or _inside_name(found, product)
        return _out(found, not trusted, role=None if trusted else Role.PRODUCT)
    if role is Role.DEPICTION:
        cued = "is a design (" in found.reason  # "cannabis leaf print", "motif ganja"
        if weak or cued or (product.carrier and product.group not in _WORN_OBJECTS):
            return _out(found, True, depiction=True)
        return _out(found, True, role=Role.PRODUCT)
    if role is Role.INGREDIENT:
        return _out(found, substance or not weak)
    return _out(found, True)
