"""The product-type lexicon, colour names and role cue words (``wordlists/product/``).

Built once per process (lazily: ~78k type nouns make an automaton worth building only
when a batch asks for product analysis). Everything is matched on folded text
(:func:`listlint.text.normalize.fold`): words on word boundaries, CJK terms anywhere
(those scripts write no spaces between words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from listlint.resources import table, table_rows
from listlint.text.matcher import Match, PhraseMatcher
from listlint.text.normalize import fold

#: languages whose noun phrases put the head first ("Funda para iPhone", "Kaos motif")
HEAD_FIRST = frozenset({"es", "pt", "fr", "id", "vi", "ar"})
#: scripts written without spaces between words (kana, CJK ideographs, Hangul syllables)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def is_cjk(text: str) -> bool:
    return not text.isascii() and _CJK.search(text) is not None


class TypeEntry(NamedTuple):
    """What a type noun names: ``type`` (English name), ``group`` ("" when the noun is
    shared by several groups), whether it is a ``carrier`` (can depict something) and a
    ``form`` (a form a substance is sold in: capsules, gummies, oil).

    A named tuple, not a frozen dataclass: every process makes 76k of them before its
    first listing, and a frozen dataclass sets each field through
    ``object.__setattr__`` (0.15 s against 0.04). Equal, hashed (a frozen dataclass
    hashes the tuple of its fields) and read by attribute as before."""

    type: str
    group: str
    carrier: bool
    form: bool
    #: every language of the rows that named it; all head-first -> the head is leftmost
    head_first: bool
    origin: str


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    carrier: bool
    label: str


class Lexicon:
    """Matchers over the type nouns, colour names and cue words."""

    def __init__(self) -> None:
        self.groups = {
            r["group"]: Group(r["group"], r["carrier"] == "yes", r["label"])
            for r in table("product/groups")
        }
        self.types = _entries(*table_rows("product/types"))
        cjk: list[tuple[str, TypeEntry]] = []
        words: list[tuple[str, TypeEntry]] = []
        for item in self.types.items():
            (cjk if is_cjk(item[0]) else words).append(item)
        self._words: PhraseMatcher[TypeEntry] = PhraseMatcher(words)
        self._cjk_terms = cjk
        self._cjk_matcher: PhraseMatcher[TypeEntry] | None = None
        self.colours: PhraseMatcher[str] = PhraseMatcher(
            (r["name"], r["name"]) for r in table("product/colours")
        )
        #: one-word basic colour names ("white", "grey"): "bone" beside one is a colour
        self.colour_words = frozenset(
            fold(r["name"]) for r in table("product/colours") if " " not in r["name"]
        )
        cues: dict[str, list[tuple[str, str]]] = {}
        for r in table("product/cues"):
            for w in r["words"].split("|"):
                w = " ".join(fold(w).split())
                if w:
                    cues.setdefault(r["kind"], []).append((w, r["lang"]))
        self.cue_words = {k: frozenset(w for w, _ in v) for k, v in cues.items()}
        #: cue words of head-first languages, per kind ("blanco hueso": colour first)
        self.cue_words_head_first = {
            k: frozenset(w for w, lang in v if lang in HEAD_FIRST) for k, v in cues.items()
        }
        # CJK cue words match anywhere (no spaces around them), the others as words
        self._cues: dict[str, tuple[PhraseMatcher[str], PhraseMatcher[str]]] = {
            k: (
                PhraseMatcher([(w, lang) for w, lang in v if not is_cjk(w)]),
                PhraseMatcher([(w, lang) for w, lang in v if is_cjk(w)], word_boundaries=False),
            )
            for k, v in cues.items()
        }
        self.google_ids = {
            r["google_id"]: TypeEntry(
                r["type"],
                r["group"],
                r["carrier"] == "yes",
                False,
                False,
                "google-" + r["google_id"],
            )
            for r in table("product/google_ids")
        }

    @property
    def _cjk(self) -> PhraseMatcher[TypeEntry]:
        """The 12k CJK type nouns' matcher, built when a text first holds a non-ASCII
        character: ~0.06 s of every process's start-up that an ASCII catalogue (all of
        generate.py's) never uses. Two threads building it at once build equal ones."""
        found = self._cjk_matcher
        if found is None:
            found = self._cjk_matcher = PhraseMatcher(self._cjk_terms, word_boundaries=False)
        return found

    def type_matches(self, folded: str) -> list[Match[TypeEntry]]:
        """Type nouns in ``folded``, those inside a longer one dropped ("glue gun" hides
        "gun"), in text order."""
        found = list(self._words.iter(folded))
        if not folded.isascii() and len(self._cjk):
            found += self._cjk.iter(folded)
        return _outermost(found)

    def entry(self, term: str) -> TypeEntry | None:
        """The type a folded term names on its own, if any."""
        return self.types.get(" ".join(term.split()))

    def cues(self, kind: str, folded: str) -> list[Match[str]]:
        """Cue words of ``kind`` in ``folded``, in text order (payload: the language)."""
        pair = self._cues.get(kind)
        if pair is None:
            return []
        found = list(pair[0].iter(folded))
        if len(pair[1]) and not folded.isascii():
            found = sorted(found + list(pair[1].iter(folded)), key=lambda m: (m.start, m.end))
        return found

    def carrier_of(self, entry: TypeEntry | None) -> bool:
        return bool(entry and entry.carrier)

    def label(self, group: str) -> str:
        g = self.groups.get(group)
        return g.label if g else group


def _outermost(found: list[Match[TypeEntry]]) -> list[Match[TypeEntry]]:
    """Matches not inside a longer one, in text order: one sort and one sweep (the
    pairwise check of PhraseMatcher.longest is quadratic on texts full of type nouns)."""
    found.sort(key=lambda m: (m.start, -m.end))
    out: list[Match[TypeEntry]] = []
    reach = -1
    for m in found:
        if m.end <= reach and out and (out[-1].start < m.start or out[-1].end > m.end):
            continue  # inside an earlier, longer match
        if out and (m.start, m.end) == (out[-1].start, out[-1].end):
            continue  # the same span again (another payload of one term)
        out.append(m)
        reach = max(reach, m.end)
    return out


def _entries(keys: tuple[str, ...], rows: list[list[str]]) -> dict[str, TypeEntry]:
    """The generated rows (one per folded form, resolved by tools/gen_product_lexicon.py)."""
    term, type_, group, carrier, form, head_first, origin = map(
        keys.index, ("term", "type", "group", "carrier", "form", "head_first", "origin")
    )
    return {
        r[term]: TypeEntry(
            r[type_],
            r[group],
            r[carrier] == "yes",
            r[form] == "yes",
            r[head_first] == "yes",
            r[origin],
        )
        for r in rows
    }


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon (built on first use, then shared)."""
    return Lexicon()
