"""The spaCy side of the claims analyser: one pipeline and one set of matchers per process.

No statistical model can be downloaded at run time, so the default pipeline is spaCy's
blank English tokenizer with lookup lemmas (spacy-lookups-data) and a rule-based
sentencizer. When ``en_core_web_sm`` is installed (or ``LISTLINT_SPACY_MODEL`` names a
pipeline package or directory) it is used instead, and the grammar reads its dependency
parse and part-of-speech tags (see :mod:`listlint.rules.claims.grammar`).

Imported only when the prefilter found a candidate sentence: a catalogue without claim
vocabulary never imports spaCy.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from listlint.rules.claims.vocab import Vocabulary, verb_forms, vocabulary

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher

#: the statistical pipeline used when installed (override: LISTLINT_SPACY_MODEL)
DEFAULT_MODEL = "en_core_web_sm"
#: components of a statistical pipeline the grammar does not need (speed)
_EXCLUDE = ["ner", "textcat", "textcat_multilabel", "entity_linker", "entity_ruler", "senter"]


def model_name() -> str:
    return os.environ.get("LISTLINT_SPACY_MODEL", DEFAULT_MODEL)


def model_available(name: str) -> bool:
    if Path(name).is_dir():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def import_spacy() -> ModuleType:
    """``import spacy`` without importing its command-line package.

    spaCy's ``__init__`` imports ``spacy.cli`` (for ``spacy.info``), which imports
    typer, weasel, requests, httpx, jinja2 and rich: ~0.2 s of CPU of the ~0.45 s
    ``import spacy`` costs, paid by every listlint process that parses a sentence (each
    worker of a ``-j`` run, each pre-commit run), none of it used. A stand-in
    ``spacy.cli`` is in ``sys.modules`` only while spaCy imports, and ``spacy.info``
    imports the real one when called; afterwards ``import spacy.cli`` imports the real
    package. Should a spaCy release import more of its CLI than the stand-in has,
    spaCy is imported the ordinary way."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_in = ModuleType("spacy.cli")
    stand_in.__path__ = []
    stand_in_info = ModuleType("spacy.cli.info")

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    stand_in_info.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": stand_in, "spacy.cli.info": stand_in_info}
    if any(name in sys.modules for name in stand_ins):  # only spaCy imports spacy.cli
        import spacy

        return spacy
    sys.modules.update(stand_ins)
    try:
        import spacy
    except ImportError:
        spacy = None  # type: ignore[assignment]
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        imported = sys.modules.get("spacy")
        if imported is not None and getattr(imported, "cli", None) is stand_in:
            del imported.cli
    if spacy is None:
        import spacy
    return spacy


def build_nlp(name: str | None = None) -> Language:
    """The statistical pipeline ``name`` when available, else blank English with lookup
    lemmas and a sentencizer."""
    spacy = import_spacy()

    name = name or model_name()
    if model_available(name):
        nlp = spacy.load(name, exclude=[c for c in _EXCLUDE])
        if not (nlp.has_pipe("parser") or nlp.has_pipe("sentencizer")):
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@dataclass
class ClaimMatchers:
    """spaCy matchers built from the claims vocabulary."""

    nlp: Language
    conditions: PhraseMatcher
    phrases: PhraseMatcher
    qualifiers: PhraseMatcher
    disclaimers: PhraseMatcher
    benign: PhraseMatcher
    predicates: Matcher
    predicate_phrases: PhraseMatcher
    #: label id -> kind, for the matchers above
    labels: dict[int, str]

    @property
    def parsed(self) -> bool:
        """Does the pipeline give a dependency parse (a statistical model)?"""
        return self.nlp.has_pipe("parser")


def _phrase_matcher(nlp: Language, entries: dict[str, list[str]]) -> PhraseMatcher:
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, terms in entries.items():
        matcher.add(label, [nlp.make_doc(t) for t in sorted(set(terms))])
    return matcher


def _predicate_patterns(voc: Vocabulary) -> dict[str, list[list[dict[str, Any]]]]:
    patterns: dict[str, list[list[dict[str, Any]]]] = {}
    for kind, terms in voc.predicates.items():
        if kind in ("suffix", "prefix"):
            continue
        singles = sorted(t for t in terms if " " not in t)
        # LEMMA, or a regular inflection of the word: lookup lemmas are context-free and
        # sometimes odd ("lowers" -> "low", "as" -> "a", "stronger" -> "strong")
        rows: list[list[dict[str, Any]]] = []
        if singles:
            rows.append([{"LEMMA": {"IN": singles}}])
            rows.append([{"LOWER": {"IN": sorted({f for t in singles for f in verb_forms(t)})}}])
        if rows:
            patterns[kind] = rows
    patterns["suffix"] = [
        [{"ORTH": "-"}, {"LOWER": {"IN": sorted(voc.predicates["suffix"])}}],
        [{"LOWER": {"IN": sorted(voc.predicates["suffix"])}}],
    ]
    patterns["prefix"] = [[{"LOWER": {"IN": sorted(voc.predicates["prefix"])}}, {"ORTH": "-"}]]

    units = ["lbs", "lb", "pounds", "pound", "kg", "kgs", "kilos", "kilograms", "stone", "inches"]
    patterns["weight_amount"] = [
        [
            {"LEMMA": {"IN": ["lose", "drop", "shed", "burn", "melt"]}},
            {"OP": "?", "LOWER": {"IN": ["up", "to", "over", "upto"]}},
            {"OP": "?", "LOWER": {"IN": ["to"]}},
            {"LIKE_NUM": True},
            {"OP": "?", "ORTH": "+"},
            {"LOWER": {"IN": units}},
        ]
    ]
    return patterns


def _multiword_predicates(voc: Vocabulary) -> dict[str, list[str]]:
    """Multi-word predicates with their first word inflected ("protects against", "helped
    with"), for a PhraseMatcher: one hash lookup per token instead of a Matcher pattern
    per phrase (measured: the Matcher spent most of its time on these)."""
    out: dict[str, list[str]] = {}
    for kind, terms in voc.predicates.items():
        for term in terms:
            if " " in term and kind not in ("suffix", "prefix"):
                first, rest = term.split(" ", 1)
                out.setdefault(kind, []).extend(f"{f} {rest}" for f in verb_forms(first))
    # es/pt/de/fr/id: every surface form is listed, so no lemma is needed (the English
    # lookup lemmas would only garble them); the label carries the language. One hash
    # lookup per token here, where Matcher patterns cost per pattern per token
    for kind, by_lang in voc.lang_predicates.items():
        for lang, forms in by_lang.items():
            if forms:
                out[f"{kind}@{lang}"] = sorted(forms)
    return out


def build_matchers(nlp: Language, voc: Vocabulary) -> ClaimMatchers:
    from spacy.matcher import Matcher

    cond: dict[str, list[str]] = {}
    for term, c in voc.conditions.items():
        cond.setdefault(c.kind, []).append(term)
    phrases: dict[str, list[str]] = {}
    for term, p in voc.phrases.items():
        phrases.setdefault(p.claim, []).append(term)
    benign = [c for cs in voc.benign_phrases.values() for c in cs]
    predicates = Matcher(nlp.vocab)
    labels: dict[int, str] = {}
    pattern_sets = _predicate_patterns(voc)
    multiword = _multiword_predicates(voc)
    for kind, rows in pattern_sets.items():
        predicates.add(kind, rows)
    for kind in (*cond, *phrases, *voc.predicates, *pattern_sets, *multiword):
        labels[nlp.vocab.strings.add(kind)] = kind
    for kind in ("weight_amount", "qualifier", "disclaimer"):
        labels[nlp.vocab.strings.add(kind)] = kind
    return ClaimMatchers(
        nlp=nlp,
        conditions=_phrase_matcher(nlp, cond),
        phrases=_phrase_matcher(nlp, phrases),
        qualifiers=_phrase_matcher(nlp, {"qualifier": list(voc.qualifiers)}),
        disclaimers=_phrase_matcher(nlp, {"disclaimer": list(voc.disclaimers)}),
        benign=_phrase_matcher(nlp, {"benign": benign}),
        predicates=predicates,
        predicate_phrases=_phrase_matcher(nlp, multiword),
        labels=labels,
    )


_SHARED: dict[str, ClaimMatchers] = {}


def claim_matchers() -> ClaimMatchers:
    """The process-wide pipeline and matchers (built on first use, then reused)."""
    name = model_name()
    if name not in _SHARED:
        _SHARED[name] = build_matchers(build_nlp(name), vocabulary())
    return _SHARED[name]
