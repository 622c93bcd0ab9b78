"""ICD-10-CM tabular list -> condition names a seller might write.

The tabular list (CMS/NCHS, public domain) names every code in clinical wording:
"Essential (primary) hypertension", "Gout, unspecified", "Acne vulgaris",
"Diabetes mellitus due to underlying condition with hyperosmolarity". Listings say
"hypertension", "gout", "acne", "diabetes mellitus". The rules here turn a code title or
inclusion term into such names, generally (no term is picked by hand):

* parenthesised words are ICD's non-essential modifiers: dropped; a bracketed or
  parenthesised abbreviation ("[HIV]", "(STEMI)") becomes a term of its own;
* qualifiers are stripped: leading "Other", "Unspecified", "Other specified"...; trailing
  ", unspecified", "NOS", "NEC", "not elsewhere classified"; and any clause after
  "due to", "with", "without", "in diseases classified elsewhere", "following"...;
* after a comma only a qualifier or a site follows, so the part before it is kept;
* lists ("X and Y", "X or Y", "X/Y") are not names: dropped;
* names of more than five words are clinical descriptions, not what sellers write: dropped.

Each name keeps the code it came from; its topic is the organ system of the ICD block
(mapped to the topic keys of wordlists/claims/rewordings.tsv), its kind follows the
chapter (R codes are symptoms, R70-R94 abnormal findings are markers, B95-B97 are
pathogens, hair loss and acne are cosmetic).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from pinned import Wheel

WHEEL = Wheel(
    "simple-icd-10-cm",
    "1.5.0",
    "6d461d71dc26aedc530ae65f02cfb578a154e49507c32e8241e75f701d4b7e42",
)
MEMBER = "simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml"
EDITION = "ICD-10-CM April 1, 2026 tabular list (FY2026)"

#: (first code, last code, topic): the first matching range wins, so specific blocks
#: come before their chapter. Topics are keys of wordlists/claims/rewordings.tsv.
TOPICS: tuple[tuple[str, str, str], ...] = (
    ("A50", "A64", "std"),
    ("B20", "B20", "std"),
    ("A00", "B99", "infection"),
    ("C00", "D49", "cancer"),
    ("D50", "D89", "general"),
    ("E00", "E07", "thyroid"),
    ("E08", "E16", "blood_sugar"),
    ("E65", "E68", "weight"),
    ("E78", "E78", "heart"),
    ("E00", "E89", "general"),
    ("F01", "F09", "brain"),
    ("F10", "F19", "addiction"),
    ("F51", "F51", "sleep"),
    ("F52", "F52", "men"),
    ("F70", "F98", "brain"),
    ("F01", "F99", "mood"),
    ("G43", "G44", "pain"),
    ("G47", "G47", "sleep"),
    ("G89", "G89", "pain"),
    ("G00", "G99", "brain"),
    ("H00", "H59", "eyes"),
    ("H60", "H95", "general"),
    ("I00", "I99", "heart"),
    ("J00", "J99", "respiratory"),
    ("K00", "K14", "oral"),
    ("K00", "K95", "digestion"),
    ("L63", "L68", "hair"),
    ("L00", "L99", "skin"),
    ("M80", "M94", "bones"),
    ("M00", "M99", "joints"),
    ("N40", "N53", "men"),
    ("N60", "N98", "women"),
    ("N00", "N99", "urinary"),
    ("O10", "O16", "heart"),  # hypertension in pregnancy
    ("O24", "O24", "blood_sugar"),
    ("O98", "O98", "infection"),  # maternal infectious diseases: the names are the infections
    ("O99", "O99", "general"),
    ("O00", "O9A", "women"),
    ("P35", "P39", "infection"),
    ("P00", "Q99", "general"),
    ("R00", "R03", "heart"),
    ("R04", "R09", "respiratory"),
    ("R10", "R10", "pain"),
    ("R11", "R19", "digestion"),
    ("R20", "R23", "skin"),
    ("R25", "R29", "brain"),
    ("R30", "R39", "urinary"),
    ("R40", "R46", "mood"),
    ("R51", "R52", "pain"),
    ("R73", "R73", "blood_sugar"),
    ("R00", "R99", "general"),
    ("S00", "T88", "general"),
    ("U00", "U85", "infection"),
)

#: chapters skipped whole: external causes (V-Y) and encounter/status codes (Z) name
#: events and circumstances, not conditions a product could claim to treat
SKIP_CHAPTERS = ("V", "W", "X", "Y", "Z")

#: blocks whose treatment claim makes a cosmetic a drug (FDA: acne, hair loss, sweat)
COSMETIC = (("L63", "L68"), ("L70", "L70"), ("L74", "L75"))
PATHOGEN = (("B95", "B97"),)
MARKER = (("R70", "R94"), ("E78", "E78"))

_LEADING = re.compile(
    r"^(?:other and unspecified|other specified|unspecified|other|certain|"
    r"acquired absence of|personal history of|family history of)\s+",
    re.I,
)
_CLAUSE = re.compile(
    r"\s+(?:due to|with|without|in diseases classified elsewhere|in conditions classified|"
    r"following|complicating|associated with|resulting from|caused by|not elsewhere classified|"
    r"as the cause of|of unspecified|classified elsewhere|in (?:pregnancy|childbirth|"
    r"the puerperium)|not specified as|nos\b|nec\b)\b.*$",
    re.I,
)
_TRAIL = re.compile(r"[\s,;:.]*(?:unspecified|nos|nec|not otherwise specified)?[\s,;:.]*$", re.I)
_ABBREV = re.compile(r"[\[(]([A-Z][A-Z0-9-]{1,7}|[A-Z]\. [a-z]{3,})[\])]")
_LIST = re.compile(r"\b(?:and|or|and/or)\b|/|;")


def in_ranges(code: str, ranges: tuple[tuple[str, str], ...]) -> bool:
    cat = code[:3]
    return any(lo <= cat <= hi for lo, hi in ranges)


def topic_of(code: str) -> str:
    cat = code[:3]
    for lo, hi, topic in TOPICS:
        if lo <= cat <= hi:
            return topic
    return "general"


def kind_of(code: str) -> str:
    if in_ranges(code, PATHOGEN):
        return "pathogen"
    if in_ranges(code, MARKER):
        return "marker"
    if in_ranges(code, COSMETIC):
        return "cosmetic"
    if code.startswith("R"):
        return "symptom"
    return "disease"


def bracket_synonyms(text: str) -> list[str]:
    """ICD's bracketed synonyms that are words, not codes: "[common cold]"."""
    return [b for b in re.findall(r"\[([a-z][a-z' -]{3,40})\]", text) if " " in b]


def abbreviations(text: str) -> list[tuple[str, str]]:
    """Abbreviations ICD gives in brackets or parentheses ("[HIV]", "(TIA)", "[E. coli]"),
    each with the words it abbreviates (up to five words before it), so that a test or a
    measure ("electroencephalogram [EEG]", "body mass index [BMI]") can be told from a
    condition ("systemic lupus erythematosus [SLE]")."""
    out = []
    for m in _ABBREV.finditer(text):
        if m.group(1) in ("NOS", "NEC"):
            continue
        before = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text[: m.start()])
        out.append((m.group(1), " ".join(before.split()[-5:])))
    return out


_QUALIFIER = re.compile(
    r"^\s*(?:unspecified|nos|nec|not otherwise specified|not elsewhere classified|"
    r"so stated|initial encounter|sequela)\b",
    re.I,
)


def was_cut(text: str) -> bool:
    """Whether clean() removes a clause or a comma part that is more than a qualifier:
    "Female with 47,XXX karyotype" -> "female" is a cut, "Gout, unspecified" -> "gout" is not.
    A one-word name left by a cut needs to be a medical word to stay."""
    bare = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)
    head, comma, rest = bare.partition(",")
    if comma and not _QUALIFIER.match(rest):
        return True
    clause = _CLAUSE.search(_LEADING.sub("", head.strip()))
    return bool(clause) and not re.match(r"\s+(?:nos|nec|not elsewhere)\b", clause.group(0), re.I)


def clean(text: str) -> str | None:
    """An ICD title or inclusion term as a seller would write it, or None."""
    text = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)  # non-essential modifiers
    text = re.sub(r"\s+", " ", text).strip()
    if re.search(r",.*\b(?:and|or)\b", text):
        return None  # "Sedative, hypnotic, or anxiolytic ...": a list, not a name
    text = text.split(",")[0]  # what follows a comma is a qualifier or a site
    prev = None
    while prev != text:
        prev = text
        text = _LEADING.sub("", text)
        text = _CLAUSE.sub("", text)
        text = _TRAIL.sub("", text).strip()
    if not text or _LIST.search(text) or re.search(r"(?<![-\w])\d{2,}\b|[.:]", text):
        return None
    if len(text.split()) > 5:
        return None
    return text.lower()


@dataclass(frozen=True)
class Name:
    term: str
    code: str
    origin: str  # "title", "inclusion" or "abbreviation"
    cut: bool = False  # see was_cut()
    title: str = ""  # the code's own title, for an inclusion term


def _walk(diag: ET.Element) -> Iterator[ET.Element]:
    yield diag
    for child in diag.findall("diag"):
        yield from _walk(child)


def names(xml_bytes: bytes) -> Iterator[Name]:
    """Every cleaned title, inclusion term and abbreviation of every code, in code order."""
    root = ET.fromstring(xml_bytes)
    for chapter in root.iter("chapter"):
        for section in chapter.findall("section"):
            for top in section.findall("diag"):
                for diag in _walk(top):
                    code = diag.findtext("name", "").replace(".", "")
                    if not code or code[0] in SKIP_CHAPTERS:
                        continue
                    title = diag.findtext("desc", "")
                    texts = [("title", title)]
                    for note in diag.findall("inclusionTerm/note"):
                        texts.append(("inclusion", note.text or ""))
                    for origin, text in texts:
                        for abbr, expansion in abbreviations(text):
                            yield Name(abbr, code, "abbreviation", False, expansion)
                        if re.fullmatch(r"[A-Z]{2,6}", text.strip()):
                            yield Name(text.strip(), code, "abbreviation")  # "IST" alone
                            continue
                        for synonym in bracket_synonyms(text):
                            yield Name(synonym, code, "inclusion", False, title)
                        term = clean(text)
                        if term:
                            yield Name(term, code, origin, was_cut(text), title)
