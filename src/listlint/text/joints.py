"""Words split by a no-break space (issue 21 L6).

A no-break space (NBSP, narrow NBSP, figure space) shows as a space, so "Kra<NBSP>tom"
reads "Kra tom" to a buyer, but it can sit inside a word that a filter would find:
the clean text keeps it between two letters (:data:`listlint.text.normalize.JOINTS`)
and it folds to a space like any other. Honest text has such spaces between words as
well ("Herbal&nbsp;tea", whole HTML descriptions glued with ``&nbsp;``, French
typography), so a split is closed only when the joined word is a word of the family's
vocabulary ("kra" + "tom" = "kratom"); "herbal" + "tea" joins into no such word and
stays two. Two ordinary words that join into one ("pain&nbsp;killer") mean what the
joined word means, so closing them changes no verdict.
"""

from __future__ import annotations

import re

from listlint.text.normalize import JOINTS
from listlint.text.spans import fold_map

#: a run of letters (of the folded text)
_LETTERS = re.compile(r"[^\W\d_]+")
#: most tokens a no-break-space-split word is read across ("dia<NBSP>be<NBSP>tes")
_MOST_PARTS = 6


def close_split_words(
    clean: str, text: str, index: list[int], words: frozenset[str]
) -> tuple[str, list[int]]:
    """``text`` (``clean`` folded, ``index`` its map back) with the words a no-break
    space splits joined, when the joined word is in ``words`` (a family's vocabulary);
    the map follows."""
    tokens = [m.span() for m in _LETTERS.finditer(text)]
    drop: set[int] = set()
    k = 0
    while k < len(tokens):
        last = k  # tokens k..last are one chain of joint-split parts
        while (
            last + 1 < len(tokens)
            and last - k < _MOST_PARTS - 1
            and tokens[last + 1][0] == tokens[last][1] + 1
            and clean[index[tokens[last][1]]] in JOINTS
        ):
            last += 1
        for end in range(last, k, -1):  # the longest known word first
            parts = [text[a:b] for a, b in tokens[k : end + 1]]
            if "".join(parts) in words:
                drop.update(tokens[j][1] for j in range(k, end))
                k = end
                break
        k += 1
    if not drop:
        return text, index
    keep = [p for p in range(len(text)) if p not in drop]
    return "".join(text[p] for p in keep), [index[p] for p in keep]


def closed_form(clean: str, words: frozenset[str]) -> str:
    """The folded ``clean`` text with its split words of ``words`` joined."""
    text, index = fold_map(clean)
    return close_split_words(clean, text, index, words)[0]


def vocabulary_words(forms: list[str] | set[str]) -> frozenset[str]:
    """The words (runs of letters) of a family's term forms: what a split may join into."""
    return frozenset(w for form in forms for w in _LETTERS.findall(form))
