"""Medicines by name: is the listing a prescription (or OTC) medicine, or does it only
name a substance that a cosmetic, a supplement or a food contains?

Names come from ``wordlists/prohibited/rx_medicines.tsv`` (generic and brand names with
US status and routes) and ``rx_spellings.tsv`` (their spellings in other languages). A
name is a medicine verdict only when the listing *is* that medicine:

* the name is in the title, product type or an ingredient column (a description that
  mentions "do not take with warfarin" sells something else);
* the listing presents a medicine: a dose form, a pack, a strength or prescription wording
  (``rx_presentation.tsv``: "tablets", "500mg", "c/30", "ampolla", "viên", "注射液");
* the listing's product is not a cosmetic, supplement, food or carrier (the product
  analysis says what is sold): "tranexamic acid serum" is skin care.

``ambiguous`` names (also everyday words) need a dose form or strength right next to
them. Prescription status makes a prohibited-medicine verdict, OTC a restricted one; an
``rx`` name whose products are all topical, sold as a cream/gel/lotion, is treated as
restricted: OTC monograph strengths of such ingredients (hydrocortisone 1 %, lidocaine
4 %) are not in Drugs@FDA (see rx_medicines.tsv).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from listlint.resources import table
from listlint.rules.prohibited.accents import accent_ok
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold

#: routes that make a medicine "topical only" (a cream, not a pill or an injection)
TOPICAL_ROUTES = frozenset(
    {"topical", "ophthalmic", "otic", "dermal", "transdermal", "vaginal", "nasal", "cutaneous"}
)
#: product groups under which a medicine name is usually an ingredient or a subject, and
#: the presentation that still makes the listing a medicine there: a supplement is sold in
#: capsules too (N-acetylcysteine, berberine), a serum states a percentage (tranexamic acid
#: 3 %), so only an injection or prescription wording (and, for a cosmetic, a pill) counts
NOT_MEDICINE_GROUPS = {
    "cosmetic": frozenset({"oral", "injection", "prescription"}),
    **{
        g: frozenset({"injection", "prescription"})
        for g in (
            "supplement",
            "food_drink",
            "pet_food",
            "apparel",
            "jewelry_accessory",
            "print_decor",
            "toy_game",
            "media",
            "kitchen",
            "home",
            "garden",
            "craft",
            "office",
        )
    },
}
#: routes of injected medicines (rx_medicines.tsv's route words)
INJECTED_ROUTES = frozenset({"injection", "subcutaneous", "parenteral", "infiltration"})
_NEXT_WORD = re.compile(r"[\s\-]+([^\W\d_]+)")
#: the dose-form kinds a route can be checked against
ROUTE_KINDS = frozenset({"oral", "injection", "topical"})
#: an ingredient or active-substance cell is short; a longer attribute cell is prose (an
#: export's description column under another language's name)
ATTR_CELL = 120
#: a strength: "500mg", "0,5 mg/ml", "100 UI", "1%", "20 mcg", "1g"
STRENGTH = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ug|g|ml|iu|ui|u|%|mg/ml|mg/g|unidades|units)(?!\w)"
)
#: a pack count: "c/30", "c30", "cx 20", "x 30", "30 comp", "10's"
PACK = re.compile(r"(?<!\w)(?:c/\s?\d+|c\d{1,3}|cx\.?\s?\d+|x\s?\d{1,3}|\d{1,3}\s?(?:s|'s))(?!\w)")
#: fields whose names say what the listing is (a description alone does not)
NAME_FIELDS = ("title", "product_type")


@dataclass(frozen=True, slots=True)
class Medicine:
    name: str  # folded
    kind: str  # generic | brand | spelling
    status: str  # rx | otc
    base: str  # the English name it stands for
    routes: frozenset[str]
    ambiguous: bool

    @property
    def topical_only(self) -> bool:
        return bool(self.routes) and self.routes <= TOPICAL_ROUTES


@dataclass(frozen=True, slots=True)
class MedicineFinding:
    """A listing that sells a medicine: which name, where, what presents it as one."""

    medicine: Medicine
    field: str
    start: int
    end: int
    category: str  # prescription_drugs | otc_medicines
    presentation: tuple[str, ...]
    reason: str


@dataclass
class MedicineIndex:
    medicines: list[Medicine]
    forms: dict[str, str]  # folded presentation word -> kind
    #: words that make a medicine name a supplement's purpose ("testosterone booster")
    purposes: frozenset[str] = frozenset()
    matcher: PhraseMatcher[int] = field(init=False, repr=False)
    form_matcher: PhraseMatcher[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.matcher = PhraseMatcher((m.name, i) for i, m in enumerate(self.medicines))
        self.form_matcher = PhraseMatcher((w, k) for w, k in self.forms.items())

    def names(self) -> list[str]:
        return sorted({m.name for m in self.medicines})

    def find(self, text: str) -> Iterator[tuple[int, int, Medicine]]:
        for m in self.matcher.longest(text):
            yield m.start, m.end, self.medicines[m.payload]

    def presentation(self, text: str) -> list[str]:
        """Dose forms, strengths, packs and prescription wording in ``text``."""
        found = [text[m.start : m.end] for m in self.form_matcher.iter(text)]
        found += [m.group(0) for m in STRENGTH.finditer(text)]
        found += [m.group(0) for m in PACK.finditer(text)]
        return found

    def _purpose(self, text: str, end: int) -> bool:
        """Is the name at ``end`` followed by a purpose word ("Testosterone Booster",
        "Estrogen Balance")? Then it is what another product is for, not the product."""
        word = _NEXT_WORD.match(text, end)
        return word is not None and word.group(1) in self.purposes

    def _fits(self, med: Medicine, shown: str) -> bool:
        """Can ``shown`` present ``med``? A dose form of a route the medicine is never
        given by is another product's form (tranexamic acid, an oral and injected drug,
        in a "cleanser"); a bare size in g or ml is a pack size, not a dose; a percentage
        is the strength of a skin product, so only of a medicine used on the skin."""
        kind = self.forms.get(shown)
        routes = {_route_kind(p.strip()) for r in med.routes for p in r.split(",")}
        if kind in ROUTE_KINDS:
            # judged only when every route is of a known kind (inhaled, rectal: no verdict)
            return not routes or not routes <= ROUTE_KINDS or kind in routes
        if kind is None and STRENGTH.fullmatch(shown):
            unit = shown.rstrip().lstrip("0123456789.,").strip()
            if unit in ("g", "ml"):
                return False
            if unit == "%":
                return not routes or "topical" in routes
        return True

    def near(self, text: str, start: int, end: int) -> list[str]:
        """Presentation right around a name (the same clause, a few words away)."""
        lo, hi = max(0, start - 40), min(len(text), end + 40)
        return self.presentation(text[lo:hi])

    def judge(
        self,
        fields: dict[str, str],
        group: str | None,
        head_start: int | None = None,
        raw: dict[str, str] | None = None,
    ) -> MedicineFinding | None:
        """The medicine ``fields`` (folded text per field) sell, if any. ``group`` is the
        product group the product analysis gave the listing (None when unknown), from the
        title's head noun at ``head_start`` (None: not from the title); ``raw``: the seller's
        text of fields written with accents (a short name must keep them: "triển" is no
        "trien")."""
        listing_forced = NOT_MEDICINE_GROUPS.get(group or "")
        raw = raw or {}
        hits = [
            (name, s, e, med)
            for name, text in fields.items()
            if name in NAME_FIELDS or (name.startswith("attr:") and len(text) <= ATTR_CELL)
            for s, e, med in self.find(text)
            if accent_ok(raw.get(name), text, s, e, med.name) and not self._purpose(text, e)
        ]
        if not hits:
            return None
        everywhere = [w for text in fields.values() for w in self.presentation(text)]
        best: MedicineFinding | None = None
        for name, s, e, med in hits:
            forced = listing_forced
            if name == "title" and _after_pack(fields[name], e, head_start):
                forced = None  # "Azitromicina c3 Globo": the maker after the pack, no balloon
            near = self.near(fields[name], s, e)
            # a brand name is often another thing's name too (a band's "LUMINAL" on a patch)
            close = med.ambiguous or med.kind == "brand"
            shown = [w for w in (near if close else (near or everywhere)) if self._fits(med, w)]
            if forced is not None:  # another product: only a medicine's own presentation
                shown = [w for w in shown if self.forms.get(w) in forced]
            if not shown:
                continue
            category = "prescription_drugs" if med.status == "rx" else "otc_medicines"
            why = f"'{fields[name][s:e]}' is {'a prescription' if med.status == 'rx' else 'an over-the-counter'} medicine ({med.base})"
            if (
                category == "prescription_drugs"
                and med.topical_only
                and not _oral_or_injected(self.forms, shown)
            ):
                category = "otc_medicines"
                why += ", sold for the skin: restricted (OTC monograph strengths exist)"
            found = MedicineFinding(med, name, s, e, category, tuple(dict.fromkeys(shown))[:3], why)
            if best is None or _rank(found) > _rank(best):
                best = found
        return best


def _route_kind(route: str) -> str:
    """The dose-form kind of rx_presentation.tsv a route of rx_medicines.tsv is given in."""
    if route in TOPICAL_ROUTES:
        return "topical"
    if route.startswith(("oral", "sublingual", "buccal")):
        return "oral"
    if route in INJECTED_ROUTES or route.startswith(("intra", "iv")):
        return "injection"
    return route


def _after_pack(text: str, end: int, head_start: int | None) -> bool:
    """Does a pack count ("c3", "c/30", "x 20") stand between a medicine name ending at
    ``end`` and the title's head noun? The pack closes the medicine's name, so the noun
    after it is a maker or a note, not what is sold."""
    return head_start is not None and head_start >= end and bool(PACK.search(text, end, head_start))


def _oral_or_injected(forms: dict[str, str], shown: Iterable[str]) -> bool:
    return any(forms.get(w) in ("oral", "injection") for w in shown)


def _rank(f: MedicineFinding) -> tuple[int, int, int]:
    return (f.category == "prescription_drugs", f.field == "title", len(f.medicine.name))


def load_index() -> MedicineIndex:
    """rx_medicines.tsv, rx_spellings.tsv and rx_presentation.tsv as one index."""
    meds: dict[tuple[str, str], Medicine] = {}
    for row in table("prohibited/rx_medicines"):
        name = fold(row["term"]).strip()
        routes = frozenset(r.strip() for r in row.get("routes", "").split("+") if r.strip())
        med = Medicine(name, row["kind"], row["status"], row.get("ingredient") or name,
                       routes, bool(row.get("ambiguous")))  # fmt: skip
        meds.setdefault((name, med.status), med)
    for row in table("prohibited/rx_spellings"):
        name = fold(row["term"]).strip()
        routes = frozenset(r.strip() for r in row.get("routes", "").split("+") if r.strip())
        meds.setdefault(
            (name, row["status"]),
            Medicine(name, "spelling", row["status"], row["base"], routes, False),
        )
    # a name both rx and otc (different products) is otc: restricted, never banned outright
    by_name: dict[str, Medicine] = {}
    for (name, status), med in meds.items():
        if name not in by_name or status == "otc":
            by_name[name] = med
    forms: dict[str, str] = {}
    purposes: set[str] = set()
    for row in table("prohibited/rx_presentation"):
        for w in row["words"].split("|"):
            w = fold(w).strip()
            if w and row["kind"] == "purpose":
                purposes.add(w)
            elif w:
                forms.setdefault(w, row["kind"])
    return MedicineIndex(list(by_name.values()), forms, frozenset(purposes))
