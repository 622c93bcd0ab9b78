"""What kind of product a listing is, for weighing claim words (wordlists/claims/categories.tsv).

The most specific part of the category path decides ("Health & Beauty > Skin Care" is
skin care); a listing without a category is judged by its title and product type.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from listlint.rules.claims.medicine import is_medicine, prints_label, registered
from listlint.rules.claims.vocab import Vocabulary

#: groups where claim grammar applies in full (a listing of unknown kind is judged as one)
HEALTH = frozenset({"supplement", "food", "cosmetic", "pet", "unknown"})
#: health groups known to be one: what the lexicon's ambiguous names need (an unknown
#: listing that "prevents damage from scratches" is most likely goods)
KNOWN_HEALTH = HEALTH - {"unknown"}
#: the shared product analysis's groups (wordlists/product/groups.tsv) as claims groups;
#: any other group is goods (explicit claims only). Pet supplies that are not eaten (beds,
#: diffusers, wraps) are goods: calming wording there is comfort, not a claim
PRODUCT_GROUPS = {
    "supplement": "supplement",
    "food_drink": "food",
    "alcohol": "food",
    "cosmetic": "cosmetic",
    # a product called a medicine with no approved medicine named ("Ayurvedic Medicine for
    # Diabetes") is judged as a supplement; real medicines are told by name (medicine.py)
    "medicine": "supplement",
    "medical_device": "device",
    "pet_food": "pet",
    "media": "media",
}
_WORD = re.compile(r"[a-z0-9][a-z0-9&'-]*")
_SPLIT = re.compile(r"\s*(?:>|/|\||,|›|»)\s*")


@lru_cache(maxsize=8192)
def _groups_in(text: str, voc: Vocabulary) -> list[str]:
    """Groups whose keywords (or their plurals) occur in ``text``, in precedence order
    (cached: a catalogue repeats its category paths)."""
    words = _WORD.findall(text)
    padded = f" {' '.join(words)} "
    present = set(words)
    found = []
    for group in voc.categories:
        if present & voc.category_words[group] or any(
            f" {k} " in padded for k in voc.category_phrases[group]
        ):
            found.append(group)
    return found


def _group_of(text: str, voc: Vocabulary) -> str | None:
    found = _groups_in(text, voc)
    return found[0] if found else None


@lru_cache(maxsize=8192)
def _title_group(title: str, voc: Vocabulary) -> str | None:
    """The group of the title's last group word: the head noun of an English or German
    title is at its end ("Vitamin C Serum" is a serum). Media still wins ("... Cookbook")."""
    words = _WORD.findall(title)
    found = _groups_in(title, voc)
    if not found or "media" in found:
        return found[0] if found else None
    for word in reversed(words):
        for group in found:
            if word in voc.category_words[group]:
                return group
    return found[0]


def product_group(
    category: str | None,
    product_type: str | None,
    title: str | None,
    voc: Vocabulary,
    sold: Callable[[], tuple[str | None, str | None]] | None = None,
    description: str | None = None,
) -> str:
    """One of the categories.tsv groups, ``drug`` or ``unknown``. Inputs are folded text;
    ``sold``: the shared product analysis's group and type (:mod:`listlint.product`),
    asked only when the category and the title's words do not tell (its lexicon costs a
    second to load, which a categorised catalogue never pays).

    A medicine named in the title decides first, then the category path and product type
    read against this family's groups (the words of a marketplace's own health, beauty
    and pet categories, in six languages), then the title's words, then the product
    analysis (the title's head noun over Google's taxonomy: what an uncategorised listing
    sells), then a product-form noun in the title ("... capsules")."""
    if title:
        padded = f" {' '.join(_WORD.findall(title))} "
        if any(f" {d} " in padded for d in voc.drug_ingredients) or is_medicine(title):
            return "drug"  # "Ibuprofen 200mg": an approved drug's label, not a claim
    if description and (registered(description) or prints_label(description, voc.leaflet)):
        return "drug"
    if title and registered(title):
        return "drug"
    for text in (category, product_type):
        if not text:
            continue
        if "media" in _groups_in(text, voc):  # "Books > Health": a book about health
            return "media"
        for segment in reversed(_SPLIT.split(text)):
            group = _group_of(segment, voc)
            if group:
                return group
    if title:
        group = _title_group(title, voc)
        if group:
            return group
    group, kind = sold() if sold is not None else (None, None)
    if group is not None:
        if group == "toy_game" and kind and "game" in kind:
            return "media"  # a board or video game depicts diseases ("cure four diseases")
        return PRODUCT_GROUPS.get(group, "goods")
    if title:
        if set(_WORD.findall(title)) & voc.remedy_nouns:
            return "supplement"  # "... capsules", "... tincture": sold as a remedy
    return "unknown"
