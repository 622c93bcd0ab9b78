"""Build wordlists/prohibited/rx_medicines.tsv: medicine names (generic and brand) with
whether they are prescription-only or sold over the counter.

Sources (pinned; see tools/lexicons/README.md):
  Drugs@FDA data files   Products.txt, MarketingStatus.txt, Applications.txt (FDA, public
                         domain), as committed in a public repository (snapshot of 2023)
  drug-named-entity-recognition 2.0.9 (PyPI, MIT): DrugBank open vocabulary (CC0), MeSH,
                         NHS and Wikipedia synonyms of each drug -> alternative spellings and
                         brand names used outside the US, mapped to the US status of the drug

Status is the current US marketing status: ``otc`` if any product of that name (or with
that ingredient) is marketed over the counter, else ``rx`` if any is marketed on
prescription. Names whose every product is discontinued are left out (their status is not
in the data). Run: python tools/lexicons/build_rx_medicines.py [--mirrors DIR]
"""

from __future__ import annotations

import argparse
import bz2
import csv
import io
import pickle
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordnet
from pinned import DEFAULT_MIRRORS, WORDLISTS, GitFile, Wheel, common_words, write_tsv

OUT = WORDLISTS / "prohibited" / "rx_medicines.tsv"
COLUMNS = ("term", "kind", "status", "country", "source", "ingredient", "routes", "ambiguous")

FDA_REPO = "tatertot365/AI-Assisted-Analytics-Challenge-AIS-2023"
FDA_COMMIT = "39664f0047a31dbd0be0da4b02a742298d66fb37"  # 2023-04-03: Drugs@FDA as of early 2023
NER = Wheel(
    "drug-named-entity-recognition",
    "2.0.9",
    "dc0c9cb4487b4cd31c123f941cd9d5edfc55facdb280ab65e7b2cd08d3fd391c",
)
NER_MEMBER = "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"

#: MarketingStatus_Lookup.txt of Drugs@FDA
STATUS = {"1": "rx", "2": "otc", "3": "discontinued", "4": "tentative"}
#: salt and hydrate words: "SERTRALINE HYDROCHLORIDE" is sold and searched as "sertraline"
SALTS = re.compile(
    r"\s+(?:hydrochloride|hcl|hydrobromide|sodium|potassium|calcium|magnesium|sulfate|"
    r"sulphate|maleate|mesylate|acetate|citrate|tartrate|bitartrate|phosphate|besylate|"
    r"fumarate|succinate|bromide|hyclate|dihydrate|monohydrate|trihydrate|hemihydrate|"
    r"anhydrous|disodium|dipropionate|propionate|valerate|furoate|cypionate|enanthate|"
    r"decanoate|palmitate|pamoate|tosylate|lactate|gluconate|nitrate|oxalate|chloride|"
    r"mononitrate|hemifumarate|xinafoate|benzoate|stearate|tromethamine|meglumine|"
    r"dimesylate|lysine|monohydrochloride|dihydrochloride|erbumine|olamine)\b.*$"
)
#: dosage-form and packaging words that follow a brand in Drugs@FDA names
FORM_WORDS = re.compile(
    r"\s+(?:in plastic container|in dextrose|in sodium chloride|kit|preservative free|"
    r"pfs|autoinjector|pen|vial|injection|tablets?|capsules?|oral|topical|solution)\b.*$"
)
NOT_A_NAME = re.compile(r"[0-9%,;()/\[\]]|\b(?:and|with|in|for)\b")


@dataclass
class Entry:
    term: str
    kind: str
    status: str
    country: str
    source: str
    ingredient: str
    routes: str = ""
    ambiguous: str = ""


def _table(name: str, mirrors: Path) -> list[dict[str, str]]:
    raw = GitFile(FDA_REPO, FDA_COMMIT, name).read(mirrors).decode("latin-1")
    return list(csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE))


#: what salt stripping may leave that is not a medicine's name: a cation ("ammonium
#: lactate" -> "ammonium") or a radical ("dimethyl fumarate" -> "dimethyl")
NOT_A_BASE = re.compile(
    r"^(?:ammonium|ferric|ferrous|cupric|cuprous|aluminum|aluminium|sodium|potassium|calcium|"
    r"magnesium|zinc|stannous|silver|bismuth|\w+yl)$"
)


def base_ingredient(text: str) -> str:
    name = re.sub(r"\s+", " ", text.lower()).strip()
    base = SALTS.sub("", name).strip()
    return name if NOT_A_BASE.match(base) else base


def nutrient(term: str, wn: wordnet.WordNet) -> bool:
    """A food, nutrient or element by WordNet, trying the singular and the name without a
    stereo prefix: "amino acids" -> "amino acid", "l-glutamine" -> "glutamine"."""
    forms = {term, re.sub(r"^[dl]-", "", term)}
    forms |= {f[:-1] for f in forms if f.endswith("s") and not f.endswith("ss")}
    return any(wn.under(f, NUTRIENT_ROOTS) for f in forms)


def status_of(statuses: set[str]) -> str | None:
    if "otc" in statuses:
        return "otc"  # sold without prescription in some form: restricted, not prohibited
    if "rx" in statuses:
        return "rx"
    return None


def fda(
    mirrors: Path,
) -> tuple[dict[str, str], dict[str, tuple[str, str]], dict[str, set[str]]]:
    """(generic -> status, brand -> (status, ingredients), name -> routes) from Drugs@FDA."""
    status: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in _table("MarketingStatus.txt", mirrors):
        status[(row["ApplNo"], row["ProductNo"])].add(STATUS.get(row["MarketingStatusID"], ""))
    generic: dict[str, set[str]] = defaultdict(set)
    alone: set[str] = set()  # ingredients some product has as its only active ingredient
    brand: dict[str, set[str]] = defaultdict(set)
    brand_ingredients: dict[str, set[str]] = defaultdict(set)
    routes: dict[str, set[str]] = defaultdict(set)
    for row in _table("Products.txt", mirrors):
        marks = status.get((row["ApplNo"], row["ProductNo"]), set())
        ingredients = [base_ingredient(i) for i in row["ActiveIngredient"].split(";") if i.strip()]
        route = row["Form"].partition(";")[2].strip().lower()
        if len(ingredients) == 1:
            alone.add(ingredients[0])
        for ing in ingredients:
            generic[ing] |= marks
            if marks & {"rx", "otc"} and route:
                routes[ing].add(route)
        name = re.sub(r"\s+", " ", row["DrugName"].lower()).strip()
        name = FORM_WORDS.sub("", name).strip()
        if not name or base_ingredient(name) in ingredients or name in generic:
            continue  # an ANDA generic named after its ingredient is not a brand
        brand[name] |= marks
        brand_ingredients[name].update(ingredients)
        if marks & {"rx", "otc"} and route:
            routes[name].add(route)
    # an ingredient only ever combined with others is an adjunct of the medicine (amino
    # acids and water of an infusion, a sunscreen's titanium dioxide), not what is sold
    generics = {g: s for g, m in generic.items() if g in alone and (s := status_of(m))}
    brands = {
        b: (s, "+".join(sorted(brand_ingredients[b])))
        for b, m in brand.items()
        if (s := status_of(m)) and b not in generics
    }
    return generics, brands, routes


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def looks_generic(variant: str, canonical: str) -> bool:
    """A spelling, translation or chemical synonym of the substance rather than a trade
    name: it contains the substance's stem ("ácido ibandrónico", "vincristin medac",
    "paracetamolum") or reads as chemistry."""
    stem = _ascii(canonical)[:5]
    return stem in _ascii(variant) or bool(re.search(r"-\d|\d-|acid\b|um$|ine$", variant))


#: a substance below one of these in WordNet is a food, nutrient or element that shops sell
#: freely (zinc, fish oil, folic acid, table salt), whatever Drugs@FDA lists it as
NUTRIENT_ROOTS = {
    "vitamin",
    "nutriment",
    "food",
    "foodstuff",
    "mineral",
    "metallic element",
    "chemical element",
    "oil",
    "amino acid",
    "dietary supplement",
    "beverage",
    "sugar",
    "carbohydrate",
    "fatty acid",
    "salt",
    "gas",
    "alcohol",
    "fiber",
    "protein",
}
#: everyday words: the most frequent of wordlists/brands/common_words.txt
EVERYDAY = 5000
#: a WordNet artifact below one of these is a medicine ("Xanax"), not a thing ("metro")
DRUG_ROOTS = {"drug", "medicine", "medication", "medicament", "agent", "contraceptive"}
DRUG_DEFINITION = re.compile(
    r"\b(?:drug|trade names?|medicine|medication|used to treat|used in the treatment|"
    r"hormone|antibiotic|glycoside|alkaloid)\b",
    re.I,
)


def _drug_sense(sid: str, wn: wordnet.WordNet) -> bool:
    syn = wn.synsets.get(sid)
    if syn is None or syn.lexname == "noun.substance":
        return syn is not None
    if syn.lexname != "noun.artifact":
        return False
    if DRUG_DEFINITION.search(syn.definition):
        return True
    return any(
        DRUG_ROOTS & {m.lower() for m in wn.synsets[a].members}
        for a in wn.ancestors(sid)
        if a in wn.synsets
    )


def ambiguity(term: str, common: dict[str, int], wn: wordnet.WordNet) -> str:
    """'common-word' when the name is also an everyday word or phrase ("Metro", "Plan B",
    "Flavored"): a rule needs medicine context before calling it a drug. A name is everyday
    when WordNet knows it in a sense that is not a drug or chemical, or when all its words
    are among the most frequent English words."""
    words = term.split()
    if all(common.get(w, EVERYDAY) < EVERYDAY for w in words):
        return "common-word"
    if any(not _drug_sense(s, wn) for s in wn.senses.get(term, ())):
        return "common-word"
    return ""


def build(mirrors: Path) -> list[Entry]:
    common = common_words()
    wn = wordnet.load_cached(mirrors)
    generics, brands, routes = fda(mirrors)
    out: dict[str, Entry] = {}
    nutrients = {g for g in generics if nutrient(g, wn)}
    for name, st in generics.items():
        if name in nutrients:
            continue
        if not NOT_A_NAME.search(name) and len(name) >= 4:
            out[name] = Entry(name, "generic", st, "US", "drugsatfda", name)
    for name, (st, ings) in brands.items():
        if NOT_A_NAME.search(name) or len(name) < 5 or name in out:
            continue  # four letters or fewer ("tham", "alli") collide with words and codes
        if nutrient(name, wn) or all(i in nutrients for i in ings.split("+")):
            continue  # "vitamin d" (ergocalciferol 50,000 IU) is sold freely at lower doses
        out[name] = Entry(name, "brand", st, "US", "drugsatfda", ings)
        first = name.split()[0]
        if not first.isalpha() or nutrient(first, wn):
            continue  # "women's rogaine", "calcium disodium versenate": not the brand
        known_drug = any(_drug_sense(s, wn) for s in wn.senses.get(first, ()))
        everyday = ambiguity(first, common, wn) != "" or (
            common.get(first, 10**9) < 20000 and not known_drug  # "flavored colestid"
        )
        if " " in name and len(first) >= 5 and not everyday and first not in generics:
            # "advil liqui-gels" is sold as "advil": the first word is the brand
            old = out.get(first)
            if old is None or (old.kind == "brand" and st == "otc"):
                out[first] = Entry(first, "brand", st, "US", "drugsatfda", ings)
    ner = pickle.loads(bz2.decompress(NER.read(NER_MEMBER)))
    flags = ner["drug_variant_to_variant_data"]
    for variant, canonicals in ner["drug_variant_to_canonical"].items():
        variant = re.sub(r"\s+", " ", variant.lower()).strip()
        if variant in out or len(variant) < 5 or NOT_A_NAME.search(variant):
            continue
        if len(variant.split()) > 3:
            continue
        hits = [
            (c, generics[base_ingredient(c)]) for c in canonicals if base_ingredient(c) in generics
        ]
        if len(hits) != 1:
            continue  # unknown to Drugs@FDA, or ambiguous between two substances
        canonical, st = hits[0]
        if base_ingredient(canonical) in nutrients or nutrient(variant, wn):
            continue
        is_brand = flags.get(variant, {}).get("is_brand")
        if is_brand is None:
            is_brand = not looks_generic(variant, canonical)
        kind = "brand" if is_brand else "generic"
        out[variant] = Entry(variant, kind, st, "intl", "drugbank-ner", base_ingredient(canonical))
    for entry in out.values():
        entry.ambiguous = ambiguity(entry.term, common, wn)
        key = entry.term if entry.term in routes else entry.ingredient
        entry.routes = "+".join(sorted(routes.get(key, ())))
    return sorted(out.values(), key=lambda e: (e.kind, e.term))


HEADER = [
    "Medicine names for the prohibited family: prescription-only (rx) vs over-the-counter (otc).",
    "Sources (column `source`):",
    "  drugsatfda: Drugs@FDA data files (Products.txt, MarketingStatus.txt; FDA, public domain),",
    "    https://www.fda.gov/drugs/drug-approvals-and-databases/drugsfda-data-files, snapshot as",
    f"    committed at github:{FDA_REPO}@{FDA_COMMIT} (2023-04-03)",
    f"  drugbank-ner: PyPI {NER.name}=={NER.version} (MIT; wheel sha256 {NER.sha256}),",
    "    file drug_ner_dictionary.pkl.bz2: DrugBank open vocabulary (CC0), MeSH, NHS, Wikipedia",
    "    synonyms; a name is kept only when it maps to exactly one Drugs@FDA ingredient",
    "Rules (tools/lexicons/build_rx_medicines.py): ingredients without salt words (sertraline",
    "  hydrochloride -> sertraline); ANDA products named after their ingredient are not brands;",
    "  dosage-form words dropped from brand names; the first word of a multi-word brand added",
    "  when it is not an everyday word; names of products all discontinued are left out;",
    "  substances WordNet files under vitamin, food, mineral, element, oil, salt, gas, alcohol",
    "  (folic acid, zinc, fish oil, potassium chloride, nitrous oxide) are left out: shops sell them",
    "  freely, so a listing naming one is not a prescription medicine; an ingredient never sold",
    "  alone (only in combinations: infusion amino acids, a sunscreen's titanium dioxide) is left",
    "  out; names of four letters or fewer are left out (they collide with words and codes).",
    "Columns:",
    "  term        lower-case name, matched on word boundaries",
    "  kind        generic (substance, INN, spelling variant) | brand (trade name)",
    "  status      rx = every marketed US product is prescription-only; otc = some product is",
    "              marketed over the counter (restricted, not prohibited). No controlled-substance",
    "              schedule was found in a fetchable public source: `controlled` is not used yet",
    "  country     US (Drugs@FDA) | intl (synonym or foreign brand; status is the US status of",
    "              the ingredient, which other countries may not share)",
    "  source      id above",
    "  ingredient  the base ingredient(s) the name stands for, '+'-joined",
    "  routes      routes of the marketed Drugs@FDA products of that name (or of its ingredient):",
    "              oral, topical, injection... CAVEAT: OTC monograph drugs are not in Drugs@FDA,",
    "              so an ingredient sold OTC under a monograph at low strength (hydrocortisone,",
    "              lidocaine, benzoyl peroxide: topical) shows here as rx; a rule should treat a",
    "              topical-only rx generic in a cream/gel/lotion listing as restricted, not banned",
    "  ambiguous   common-word = the name is also an everyday word or phrase (WordNet sense that",
    "              is not a product, or every word in wordlists/brands/common_words.txt):",
    "              require medicine context (dose, tablets, mg, pharmacy) before a verdict",
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
        (
            (e.term, e.kind, e.status, e.country, e.source, e.ingredient, e.routes, e.ambiguous)
            for e in rows
        ),
        "tools/lexicons/build_rx_medicines.py",
    )
    print(f"{args.out}: {n} rows")
    counts = Counter((e.kind, e.status, e.country) for e in rows)
    for key, value in sorted(counts.items()):
        print("  " + " ".join(key), value)
    print("  ambiguous", Counter(e.ambiguous or "-" for e in rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
