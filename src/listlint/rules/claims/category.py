"""What kind of product a listing is, for weighing claim words (wordlists/claims/categories.tsv).

The most specific part of the category path decides ("Health & Beauty > Skin Care" is
skin care); a listing without a category is judged by its title and product type.
"""

from __future__ import annotations

import re
from functools import lru_cache

from listlint.rules.claims.vocab import Vocabulary

#: groups where claim grammar applies in full (a listing of unknown kind is judged as one)
HEALTH = frozenset({"supplement", "food", "cosmetic", "pet", "unknown"})
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


def product_group(
    category: str | None, product_type: str | None, title: str | None, voc: Vocabulary
) -> str:
    """One of the categories.tsv groups, ``drug`` or ``unknown``. Inputs are folded text."""
    if title:
        padded = f" {' '.join(_WORD.findall(title))} "
        if any(f" {d} " in padded for d in voc.drug_ingredients):
            return "drug"  # "Ibuprofen 200mg": an approved drug's label, not a claim
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
        group = _group_of(title, voc)
        if group:
            return group
        if set(_WORD.findall(title)) & voc.remedy_nouns:
            return "supplement"  # "... capsules", "... tincture": sold as a remedy
    return "unknown"
