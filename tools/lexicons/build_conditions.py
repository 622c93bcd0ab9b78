"""Build wordlists/claims/conditions_lexicon.tsv: disease and condition names with lay
synonyms, abbreviations and spelling variants, each with a kind, a topic and the code of
the classification it came from.

Sources (pinned; see tools/lexicons/README.md):
  ICD-10-CM 2026 tabular list  titles and inclusion terms of every code (icd10cm.py)
  Open English WordNet         lay synonyms and abbreviations below medical roots,
                               and the ambiguity test (wordnet.py)
  Human Phenotype Ontology     layperson synonyms and abbreviations of signs (hpo.py)

A term found in several sources keeps the first: ICD (at its most general code), then
WordNet, then HPO. Run: python tools/lexicons/build_conditions.py [--mirrors DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hpo
import icd10cm
import wordnet
from pinned import DEFAULT_MIRRORS, WORDLISTS, common_words, write_tsv

OUT = WORDLISTS / "claims" / "conditions_lexicon.tsv"
COLUMNS = ("term", "kind", "topic", "code", "source", "ambiguous")

#: a name that is only a class of conditions, not one: "disease" alone is a claim only
#: with a predicate (conditions.tsv kind "generic" already covers these words)
GENERIC = {
    "abnormality",
    "anomaly",
    "complication",
    "complications",
    "condition",
    "conditions",
    "congenital anomaly",
    "deformity",
    "disease",
    "diseases",
    "disorder",
    "disorders",
    "illness",
    "infection",
    "infections",
    "injury",
    "lesion",
    "lesions",
    "malformation",
    "malignant neoplasm",
    "benign neoplasm",
    "neoplasm",
    "symptom",
    "symptoms",
    "syndrome",
    "toxic effect",
    "ill health",
    "pathological state",
    "pathologic process",
    "attack",
    "physical condition",
    "sequelae",
    "late effect",
    "malady",
    "sickness",
}
#: names that begin like this describe a circumstance or a group, not a condition
GENERIC_PREFIX = re.compile(
    r"^(?:abnormal|abnormality|abnormalities|absence|absent|adverse effect|complications?|"
    r"conditions?|contact|disease of|diseases of|disorders? of|encounter|exposure|findings?|"
    r"history|injury|other|poisoning|presence|problems?|screening|sequelae|status|"
    r"supervision|toxic effects?|underdosing|unspecified|aplasia/hypoplasia|morphological)\b",
    re.I,
)
SIDE = re.compile(r"\b(?:right|left|bilateral|unilateral)\b", re.I)
MEDICAL_SUFFIX = re.compile(
    r"(?:itis|osis|emia|aemia|algia|pathy|oma|omas|iasis|rrhea|rrhoea|plegia|uria|ectasis|"
    r"trophy|plasia|megaly|ism|cele|spasm|penia|philia|phobia|sclerosis)$"
)
#: US -> UK spelling rules for medical words (sellers in the UK, EU and Asia use both)
UK_SPELLINGS = (
    (r"\bhem(?=[aeo])", "haem"),
    (r"(?<=[b-df-z])emia\b", "aemia"),
    (r"(?<=[b-df-z])emic\b", "aemic"),
    (r"\besophag", "oesophag"),
    (r"\bedema", "oedema"),
    (r"rrhea\b", "rrhoea"),
    (r"\btumor", "tumour"),
    (r"\bceliac", "coeliac"),
    (r"\bischem", "ischaem"),
    (r"pnea\b", "pnoea"),
    (r"\bbehavior", "behaviour"),
    (r"\bestrogen", "oestrogen"),
    (r"\bpediatric", "paediatric"),
    (r"\bfetal", "foetal"),
    (r"\bleukem", "leukaem"),
)
#: Latin and Greek plurals the matcher's regular "-s" inflection does not produce
LATIN_PLURALS = (
    (r"itis$", "itides"),
    (r"us$", "i"),
    (r"um$", "a"),
    (r"(?<=[^aeiou])is$", "es"),
    (r"oma$", "omata"),
    (r"(?<=[^aeiou])a$", "ae"),
    (r"ex$", "ices"),
    (r"ix$", "ices"),
)
SOURCES = {
    "icd10cm-2026": (
        f"{icd10cm.EDITION}; CMS/NCHS, public domain; via PyPI {icd10cm.WHEEL.name}=="
        f"{icd10cm.WHEEL.version} (file {icd10cm.MEMBER}, wheel sha256 {icd10cm.WHEEL.sha256}); "
        "https://www.cms.gov/medicare/coding-billing/icd-10-codes"
    ),
    "oewn": (
        f"Open English WordNet, github:{wordnet.REPO}@{wordnet.COMMIT} (src/yaml); "
        f"licence {wordnet.LICENCE}; https://en-word.net/"
    ),
    "hpo-2025-01-16": (
        f"Human Phenotype Ontology hp.obo 2025-01-16, via PyPI {hpo.WHEEL.name}=="
        f"{hpo.WHEEL.version} (file {hpo.MEMBER}, wheel sha256 {hpo.WHEEL.sha256}); licence "
        "https://hpo.jax.org/license (free use, cite HPO and version); https://hpo.jax.org/"
    ),
}


@dataclass
class Row:
    term: str
    kind: str
    topic: str
    code: str
    source: str
    ambiguous: str = ""


def keep(
    term: str,
    common: dict[str, int],
    wn: wordnet.WordNet,
    injury_chapter: bool,
    icd: bool = False,
    cut: bool = False,
) -> bool:
    low = term.lower()
    if len(low) < 3 or low in GENERIC or GENERIC_PREFIX.match(low) or SIDE.search(low):
        return False
    if injury_chapter and len(low.split()) > 2:
        return False  # "laceration of ..." site lists: the 1-2 word heads are kept
    if " " not in low and _adjective_only(low, wn):
        return False  # "rectal" left from "Rectal fistula, ...": not a name
    if icd and cut and " " not in low and low in common and common[low] < 20000:
        return wn.is_medical_word(low) or bool(MEDICAL_SUFFIX.search(low))
    if not icd and " " not in low and low in common and common[low] < 20000:
        # an everyday word that WordNet does not know in a medical sense is not a
        # condition name here ("sedative", "strain" of a plant, "sterility" of a tool...)
        return wn.is_medical_word(low) or bool(MEDICAL_SUFFIX.search(low))
    return True


#: the most frequent English words (ranks in common_words.txt) for the rare-sense test
EVERYDAY = 10000


def _first_sense_medical(word: str, wn: wordnet.WordNet) -> bool:
    """WordNet lists a word's senses most frequent first: is the first noun sense medical?"""
    senses = wn.cased.get(word) or wn.senses.get(word, ())  # "cancer", not "Cancer" the sign
    nouns = [s for s in senses if s.endswith("-n")]
    return bool(nouns) and nouns[0] in wn.medical


def _names_condition(term: str, title: str, wn: wordnet.WordNet) -> bool:
    """An inclusion term names a condition when one of its words is a medical word or
    shares a stem with the code's title: "Reflux esophagitis" under a GERD code, "Piles"
    under hemorrhoids stay; "Atlas" under a vertebra fracture or "Cocaine" under a
    poisoning code (a site or a substance, meaningful only under their title) do not."""
    words = re.findall(r"[a-z][a-z'-]+", term.lower())
    if any(wn.is_medical_word(w) or MEDICAL_SUFFIX.search(w) for w in words):
        return True
    stems = {w[:5] for w in re.findall(r"[a-z]{4,}", title.lower())}
    return any(w[:5] in stems for w in words if len(w) >= 4)


def everyday_abbreviation(
    abbr: str, common: dict[str, int], wn: wordnet.WordNet | None = None
) -> bool:
    """A short abbreviation (three letters or fewer) that is also a frequent word of
    English text ("ALL", "MEN", "PIN", "ED", "AMD"): matching is case-insensitive, so it
    would fire on ordinary text and on brand names."""
    low = abbr.lower()
    return len(low) <= 3 and common.get(low, 10**9) < 20000


def _adjective_only(word: str, wn: wordnet.WordNet) -> bool:
    senses = wn.senses.get(word, ())
    return bool(senses) and all(s.endswith(("-a", "-s")) for s in senses)


def ambiguity(
    term: str, wn: wordnet.WordNet, common: dict[str, int], abbrev: bool, kind: str = ""
) -> str:
    """Why a term may not mean the condition: other WordNet senses, or a short or
    everyday abbreviation. Empty when the term is unambiguous."""
    low = term.lower()
    if abbrev and " " in low:
        return ""  # "E. coli", "H. pylori": a binomial, not a letter code
    if abbrev:
        if len(low) <= 3 or low in common or wn.senses.get(low):
            return "abbreviation"
        return ""
    others = wn.other_senses(low)
    if kind == "pathogen":  # WordNet files microbes under noun.animal: that is their sense
        others = [o for o in others if o != "noun.animal"]
    if not others:
        return ""
    if rare_sense(low, wn, common):
        return "rare-sense:" + ",".join(others)
    return "other-senses:" + ",".join(others)


def rare_sense(word: str, wn: wordnet.WordNet, common: dict[str, int]) -> bool:
    """Whether the medical reading of a one-word term is the rare one: its first (most
    frequent) noun sense is not medical ("fit", "touch", "cold" the temperature), or it is
    an everyday verb or adjective too ("burn", "cough")."""
    if " " in word:
        return False
    if not _first_sense_medical(word, wn):
        return True
    other_pos = any(not s.endswith("-n") for s in wn.senses.get(word, ()))
    return other_pos and common.get(word, EVERYDAY) < EVERYDAY


def variants(term: str, wn: wordnet.WordNet) -> set[str]:
    """UK spellings, Latin plurals and the singular of a plural head noun."""
    out = set()
    for pattern, repl in UK_SPELLINGS:
        uk = re.sub(pattern, repl, term)
        if uk != term:
            out.add(uk)
    words = term.split()
    last = words[-1]
    for pattern, repl in LATIN_PLURALS:
        if re.search(pattern, last) and len(last) > 5 and MEDICAL_SUFFIX.search(last):
            out.add(" ".join([*words[:-1], re.sub(pattern, repl, last)]))
            break
    if last.endswith("s") and not last.endswith(("ss", "us", "is")):
        # "warts" -> "wart", "abscesses" -> "abscess", "allergies" -> "allergy"
        candidates = [last[:-1]]
        if last.endswith(("sses", "xes", "ches", "shes", "zes")):
            candidates.append(last[:-2])
        if last.endswith("ies"):
            candidates.append(last[:-3] + "y")
        for cand in (c for c in candidates if len(c) >= 3):
            # a lower-case WordNet lemma, so "legs" -> "le" (LE, lupus) does not count
            if any(
                sid in wn.medical for sid in wn.cased.get(cand, ())
            ):  # "hemorrhoids" -> "hemorrhoid", not "testes" -> "test"
                out.add(" ".join([*words[:-1], cand]))
                break
    return {v for v in out if v != term}


def _rank(code: str) -> tuple[int, int]:
    """Prefer the most general code, and outside pregnancy, perinatal and congenital
    chapters, which repeat names ("thrombosis") in their narrow context."""
    return (code[0] in "OPQ", len(code))


def icd_rows(common: dict[str, int], wn: wordnet.WordNet) -> dict[str, Row]:
    best: dict[str, Row] = {}
    for name in icd10cm.names(icd10cm.WHEEL.read(icd10cm.MEMBER)):
        abbrev = name.origin == "abbreviation"
        term = name.term if abbrev else name.term.lower()
        key = term.lower()
        if not abbrev and not keep(term, common, wn, name.code[0] in "ST", icd=True, cut=name.cut):
            continue
        if name.origin == "inclusion" and not _names_condition(term, name.title, wn):
            continue
        if abbrev and name.title and not _names_condition(name.title, "", wn):
            continue  # "[EEG]" after "electroencephalogram": a test, not a condition
        if abbrev and everyday_abbreviation(term, common):
            continue
        kind = icd10cm.kind_of(name.code)
        row = Row(
            term,
            kind,
            icd10cm.topic_of(name.code),
            name.code,
            "icd10cm-2026",
            ambiguity(term, wn, common, abbrev, kind),
        )
        old = best.get(key)
        if old is None or _rank(name.code) < _rank(old.code):
            best[key] = row
    return best


def wordnet_rows(rows: dict[str, Row], common: dict[str, int], wn: wordnet.WordNet) -> int:
    """Members of medical synsets; topic and kind from the first member or ancestor
    already known from ICD, else from the medical root."""
    added = 0
    roots = set(wordnet.root_ids(wn))
    for sid in sorted(wn.medical):
        syn = wn.synsets[sid]
        root_kind = wn.medical[sid]
        known, direct = None, False
        for depth, anc in enumerate(wn.ancestors(sid)):
            if anc in roots:
                continue  # "attack", "disease" name every condition: no topic from them
            members = [m.lower() for m in wn.synsets[anc].members] if anc in wn.synsets else []
            forms = [f for m in members for f in (m, m + "s", m + "es")]
            known = next((rows[f] for f in forms if f in rows and rows[f].source != "oewn"), None)
            if known:
                direct = depth == 0
                break
        if known is None:  # "diabetes": the head of ICD's "diabetes mellitus"
            for member in syn.members:
                prefix = member.lower() + " "
                hits = Counter(r.topic for k, r in rows.items() if k.startswith(prefix))
                if hits:
                    topic = hits.most_common(1)[0][0]
                    known = Row(member, "disease", topic, "", "prefix")
                    break
        for member in syn.members:
            abbrev = member.isupper() and len(member) <= 6
            term = member if abbrev else member.lower()
            if abbrev and everyday_abbreviation(term, common):
                continue
            if term.lower() in rows or (not abbrev and not keep(term, common, wn, False)):
                continue
            if (
                not abbrev
                and " " not in term
                and not _first_sense_medical(term, wn)
                and common.get(term, EVERYDAY) < EVERYDAY
            ):
                # "mouse" (a black eye), "passion", "spot", "cold": everyday words whose
                # medical sense is not their first; ICD names such as "stroke" stay, marked
                continue
            if root_kind == "pathogen":
                kind, topic = "pathogen", "germs"
            elif known is not None:
                kind = (
                    known.kind if direct else ("symptom" if root_kind == "symptom" else "disease")
                )
                topic = known.topic
            else:
                kind = "symptom" if root_kind == "symptom" else "disease"
                topic = "pain" if root_kind == "symptom" and "pain" in term else "general"
            code = known.code if direct else f"oewn:{sid}"
            rows[term.lower()] = Row(
                term, kind, topic, code, "oewn", ambiguity(term, wn, common, abbrev, kind)
            )
            added += 1
    return added


def hpo_rows(rows: dict[str, Row], common: dict[str, int], wn: wordnet.WordNet) -> int:
    """HPO abbreviations, and lay names (any HPO name of one or two words) whose head
    word is a condition word (a medical word in WordNet, or a medical suffix):
    "Repeated bladder infections" stays, dysmorphology such as "Broad hands" does not."""
    added = 0
    for name in hpo.names(hpo.WHEEL.read(hpo.MEMBER)):
        text = re.sub(r"\s+", " ", name.term).strip()
        if name.origin == "abbreviation":
            if not re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", text) or text.lower() in rows:
                continue
            if everyday_abbreviation(text, common):
                continue
            rows[text.lower()] = Row(
                text,
                "symptom",
                name.topic,
                name.hid,
                "hpo-2025-01-16",
                ambiguity(text, wn, common, True),
            )
            added += 1
            continue
        term = text.lower()
        limit = 4 if name.origin == "layperson" else 2
        if term in rows or len(term.split()) > limit or not keep(term, common, wn, False):
            continue
        head = term.split()[-1]
        singular = head[:-1] if head.endswith("s") else head
        if not (
            wn.is_medical_word(head) or wn.is_medical_word(singular) or MEDICAL_SUFFIX.search(head)
        ):
            continue
        kind = "disease" if "disease" in (wn.root_kind(head), wn.root_kind(singular)) else "symptom"
        rows[term] = Row(
            term, kind, name.topic, name.hid, "hpo-2025-01-16", ambiguity(term, wn, common, False)
        )
        added += 1
    return added


def build(mirrors: Path) -> list[Row]:
    common = common_words()
    wn = wordnet.load_cached(mirrors)
    rows = icd_rows(common, wn)
    wordnet_rows(rows, common, wn)
    hpo_rows(rows, common, wn)
    for row in list(rows.values()):
        if row.source == "icd10cm-2026" and row.term.isupper():
            continue
        for form in variants(row.term, wn):
            if form.lower() not in rows:
                rows[form.lower()] = Row(
                    form,
                    row.kind,
                    row.topic,
                    row.code,
                    row.source,
                    ambiguity(form, wn, common, False, row.kind),
                )
    return sorted(rows.values(), key=lambda r: (r.topic, r.kind, r.term.lower()))


HEADER = [
    "Disease and condition names for the claims family, generated from public classifications.",
    "Sources (column `source`):",
    *(f"  {k}: {v}" for k, v in SOURCES.items()),
    "Rules (tools/lexicons/icd10cm.py, build_conditions.py): ICD titles and inclusion terms with",
    "  qualifiers stripped (Other/Unspecified/NOS/NEC, 'due to', 'with', parenthesised modifiers),",
    "  lists and >5-word descriptions dropped, generic class names and everyday words dropped;",
    "  WordNet lay synonyms of medical synsets; HPO layperson names and abbreviations whose head",
    "  word is a condition word; UK spellings, Latin plurals and singulars added as rows.",
    "  Regular English plurals are not listed: the claims vocabulary adds them when it loads.",
    "Columns:",
    "  term       the name as a seller may write it (lower case except abbreviations)",
    "  kind       as in conditions.tsv: disease | symptom (ICD chapter R, HPO signs) | marker",
    "             (abnormal findings R70-R94, lipid disorders) | pathogen (ICD B95-B97, WordNet",
    "             pathogens) | cosmetic (hair loss L63-L68, acne L70, sweat L74-L75)",
    "  topic      key of rewordings.tsv (organ system of the ICD block / HPO branch)",
    "  code       ICD-10-CM code (no dot), HPO id, or oewn:<synset> where no ICD code applies",
    "  source     id above",
    "  ambiguous  empty = the name means the condition; 'other-senses:<WordNet files>' = the word",
    "             also has other senses (cancer: noun.person = the star sign; shingles:",
    "             noun.artifact) so a rule should want health context (a predicate, a health",
    "             product) before calling it a disease; 'rare-sense:<files>' = the everyday",
    "             reading is the common one (cold, stroke, burn, strain, fit): only an explicit",
    "             disease frame should count; 'abbreviation' = a short or everyday abbreviation",
    "             (MI, RA, AIDS) that needs health context too",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = build(args.mirrors)
    n = write_tsv(
        args.out,
        HEADER,
        COLUMNS,
        ((r.term, r.kind, r.topic, r.code, r.source, r.ambiguous) for r in rows),
        "tools/lexicons/build_conditions.py",
    )
    print(f"{args.out}: {n} rows")
    for label, counter in (
        ("kind", Counter(r.kind for r in rows)),
        ("topic", Counter(r.topic for r in rows)),
        ("source", Counter(r.source for r in rows)),
        ("ambiguous", Counter(r.ambiguous.split(":")[0] or "-" for r in rows)),
    ):
        print(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
