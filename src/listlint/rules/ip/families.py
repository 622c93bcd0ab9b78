"""Who may sell a brand: the owner's brand family, licensees, licensed characters.

A listing whose brand column names a sister brand of the title's brand (CeraVe filed under
La Roche-Posay: both L'Oréal), the owner, a brand made under the owner's licence, or a
maker of licensed merchandise (Hasbro on a Star Wars figure, Puma on a Ferrari backpack)
is the rights holder's own goods, not brand misuse. Data: ``wordlists/brands/owners.tsv``
(families, each with its source), ``licensees.tsv`` and ``characters.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from listlint.resources import table
from listlint.text.normalize import fold

_KEEP = str.maketrans("", "", " -'.&’")


@lru_cache(maxsize=65536)
def key(name: str | None) -> str:
    """Comparison form of a brand name: folded, without spaces and punctuation
    ("La Roche-Posay" == "la roche posay" == "LAROCHEPOSAY")."""
    return fold(name or "").translate(_KEEP)


@dataclass(frozen=True, slots=True)
class Character:
    name: str  # as written in characters.tsv
    owner: str
    context_only: bool


class Families:
    """Brand families (owner -> brands), licensees and character properties."""

    def __init__(self) -> None:
        self.owner_of: dict[str, set[str]] = {}
        for r in table("brands/owners"):
            owner = r["owner"]
            for b in r["brands"].split(","):
                if b.strip():
                    self.owner_of.setdefault(key(b), set()).add(key(owner))
            self.owner_of.setdefault(key(owner), set()).add(key(owner))
        self.licensees = frozenset(key(r["licensee"]) for r in table("brands/licensees"))
        self.characters = [
            Character(r["name"], r["owner"], r.get("context_only") == "yes")
            for r in table("brands/characters")
        ]

    def owners(self, name: str | None) -> set[str]:
        return self.owner_of.get(key(name), set())

    def related(self, a: str | None, b: str | None) -> bool:
        """Same brand, or brands of one owner (either may be the owner itself)."""
        ka, kb = key(a), key(b)
        if not ka or not kb:
            return False
        if ka == kb or ka.startswith(kb) or kb.startswith(ka):
            return True
        return (
            bool(self.owners(a) & (self.owners(b) | {kb}))
            or kb in self.owners(a)
            or (ka in self.owners(b))
        )

    def is_licensee(self, name: str | None) -> bool:
        return _is_licensee(self.licensees, key(name))


@lru_cache(maxsize=65536)
def _is_licensee(licensees: frozenset[str], k: str) -> bool:
    # a brand column repeats its few values on every row: each is looked up once
    return bool(k) and (k in licensees or any(k.startswith(x) for x in licensees if len(x) >= 4))


@lru_cache(maxsize=1)
def families() -> Families:
    return Families()


@lru_cache(maxsize=1)
def known_genuine() -> frozenset[str]:
    """Folded one-word names of the brands owners.tsv lists (and their licensees): real
    brands, so a token spelling one is that brand, never a lookalike of another."""
    import re

    out = set()
    for r in table("brands/owners"):
        for b in r["brands"].split(","):
            words = re.findall(r"[^\W_]+", fold(b))
            if len(words) == 1:
                out.add(words[0])
    for r in table("brands/licensees"):
        words = re.findall(r"[^\W_]+", fold(r["licensee"]))
        if len(words) == 1:
            out.add(words[0])
    return frozenset(out)
