"""What a listing says about the goods themselves: second-hand, or officially licensed.

* **Second-hand** (``wordlists/brands/used_goods.txt``, from the condition column or the
  title): genuine branded goods may be resold, so neither a blank brand column nor a low
  price says anything about a used item. "used" counts only as a condition word, not in
  "used for", "can be used" (the verb).
* **Licence** (``wordlists/brands/licence_signals.txt``): "officially licensed", "licensed
  by Disney", "produto licenciado", "正版授权": the listing claims the rights holder's
  licence, which clears character merchandise and a licensee's brand use (counterfeit
  wording in the same listing still wins).
"""

from __future__ import annotations

import re
from functools import lru_cache

from listlint.resources import wordlist
from listlint.text.lazyregex import has_chars
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold

#: "used" followed by one of these is the verb ("used for", "can be used to")
_VERB_AFTER = re.compile(r"\s*(?:for|to|in|with|by|as|on|at|daily|widely|when)\b")
#: condition-column values that mean not new (Google Merchant Center: new/refurbished/used)
_NOT_NEW = ("used", "refurbished", "pre-owned", "preowned", "renewed", "second", "open box")


class _Phrases:
    def __init__(self, name: str) -> None:
        terms = [fold(t) for t in wordlist(name)]
        #: any term as a substring: a columnar prefilter (a match still needs ``find``)
        self.pattern = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        self.latin: PhraseMatcher[str] = PhraseMatcher([(t, t) for t in terms if not has_chars(t)])
        other = [(t, t) for t in terms if has_chars(t)]
        self.other: PhraseMatcher[str] | None = (
            PhraseMatcher(other, word_boundaries=False) if other else None
        )

    def find(self, folded: str) -> list[tuple[str, int, int]]:
        out = [(m.payload, m.start, m.end) for m in self.latin.longest(folded)]
        if self.other is not None and not folded.isascii():
            out += [(m.payload, m.start, m.end) for m in self.other.iter(folded)]
        return out


@lru_cache(maxsize=1)
def _used() -> _Phrases:
    return _Phrases("brands/used_goods")


@lru_cache(maxsize=1)
def _licence() -> _Phrases:
    return _Phrases("brands/licence_signals")


def second_hand(title: str | None, condition: str | None = None) -> str | None:
    """The words that say the item is second-hand (folded), or None."""
    if condition:
        c = fold(condition).strip()
        if c and any(c.startswith(w) for w in _NOT_NEW):
            return f"condition: {condition.strip()}"
    if not title:
        return None
    for term, _s, e in _used().find(title):
        if term == "used" and _VERB_AFTER.match(title, e):
            continue
        return term
    return None


def licence_pattern() -> str:
    """A regex any text with a licence claim matches (for a columnar prefilter)."""
    return _licence().pattern


def licence_claim(*texts: str | None) -> str | None:
    """The licence wording in the folded texts ("officially licensed"), or None."""
    for text in texts:
        if text:
            found = _licence().find(text)
            if found:
                return found[0][0]
    return None
