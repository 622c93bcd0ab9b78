"""Claim vocabulary of Spanish, Portuguese, German, French and Indonesian listings, and which
of those languages a listing is written in.

Each ``wordlists/claims/grammar_<lang>.tsv`` lists, by kind, the words the claim grammar
reads in English from ``predicates.tsv``, ``negators.txt``, ``qualifiers.txt`` and the
rest (see the header of those files). The predicates take part in the grammar with their
language attached, and only count in a listing written in that language (or when the
language cannot be told): Spanish "mata" (kills) is Indonesian "mata" (eye).

The language of a listing is told by its most frequent function words (the ``marker``
rows): a handful of words is enough for a description, and a title alone usually has
none, which leaves every language open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from listlint.resources import table
from listlint.text.normalize import fold

#: the languages with a claim vocabulary besides English, in file order
LANGUAGES = ("es", "pt", "de", "fr", "id")
#: kinds of grammar_<lang>.tsv rows
KINDS = (
    "strong", "soft", "noun", "prep", "substitute", "outcome", "negator", "disclaimer",
    "qualifier", "remedy", "target", "link", "generic", "drug", "disease", "weight", "header",
    "suitability", "context", "marker", "glue", "breaker", "condition",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
#: a language is told when it has this many marker words and more than any other
MIN_MARKERS = 2


@dataclass(frozen=True, slots=True)
class LangTerm:
    """One surface form of a grammar row (folded), with its row's kind and detail."""

    form: str
    kind: str
    detail: str
    lang: str


@dataclass
class LanguageVocabulary:
    """Every language's claim words by kind (folded forms)."""

    #: kind -> lang -> folded forms
    forms: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    #: all rows, one per surface form
    terms: tuple[LangTerm, ...] = ()
    #: lang -> marker words
    markers: dict[str, frozenset[str]] = field(default_factory=dict)

    def of(self, kind: str, langs: Iterable[str] | None = None) -> frozenset[str]:
        """Forms of ``kind`` in ``langs`` (all languages when None)."""
        by_lang = self.forms.get(kind, {})
        chosen = by_lang.keys() if langs is None else [lang for lang in langs if lang in by_lang]
        out: set[str] = set()
        for lang in chosen:
            out |= by_lang[lang]
        return frozenset(out)

    def detect(self, folded: str) -> str | None:
        """The language of a listing's folded text among ``LANGUAGES`` and English ("en"),
        or None when its function words do not tell (too few, or a tie)."""
        words = _WORD.findall(folded)
        if not words:
            return None
        # one pass over the words (each looked up once), not one per language
        scores = dict.fromkeys(self.markers, 0)
        langs_of = self._langs_of()
        for w in words:
            for lang in langs_of.get(w, ()):
                scores[lang] += 1
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        (best, top), (_, second) = ranked[0], ranked[1]
        if top >= MIN_MARKERS and top > second:
            return best
        return None

    def _langs_of(self) -> dict[str, tuple[str, ...]]:
        """Marker word -> the languages it marks, made once per ``markers`` table."""
        made = self.__dict__.get("_marker_index")
        if made is None or made[0] is not self.markers:
            index: dict[str, list[str]] = {}
            for lang, marks in self.markers.items():
                for w in marks:
                    index.setdefault(w, []).append(lang)
            made = (self.markers, {w: tuple(langs) for w, langs in index.items()})
            self.__dict__["_marker_index"] = made
        return made[1]


#: English function words (the other languages' are in their grammar files)
ENGLISH_MARKERS = frozenset(
    "the and for with of to is your this it our you from that are by an on as be".split()
)


@cache
def language_vocabulary() -> LanguageVocabulary:
    forms: dict[str, dict[str, set[str]]] = {}
    terms: list[LangTerm] = []
    for lang in LANGUAGES:
        for row in table(f"claims/grammar_{lang}"):
            kind = row["kind"]
            for form in row["term"].split("|"):
                folded = fold(form).strip()
                if not folded:
                    continue
                forms.setdefault(kind, {}).setdefault(lang, set()).add(folded)
                terms.append(LangTerm(folded, kind, row.get("detail") or "", lang))
    voc = LanguageVocabulary(
        forms={k: {lang: frozenset(v) for lang, v in by.items()} for k, by in forms.items()},
        terms=tuple(terms),
    )
    voc.markers = {lang: voc.of("marker", [lang]) for lang in LANGUAGES}
    voc.markers["en"] = ENGLISH_MARKERS
    return voc
