"""Recalled products by product name and model number (``wordlists/prohibited/recalls.tsv``).

A recall covers particular products, not every product of a kind or of a brand, so a
listing is judged recalled only on evidence that names *that* product:

* **a model or item number** of the recall (a code with letters and digits, or a barcode),
  written in the listing, together with a word of the recall's product name or its brand
  ("Vive Health bed rail ... LVA2009SLV"); a barcode in a GTIN column is enough alone;
* **the product's own name** when the recall lists no models (the whole product was
  recalled): every name-like word of it (words that are not everyday English: "MPINOI",
  "FUNTOK") plus the kind of product ("bed rails", "ride-on trucks").

A recall that names models is never matched by its name alone: Frigidaire recalled some gas
ranges, not every Frigidaire gas range. Each finding carries the recall's date, agency,
number and page.
"""

from __future__ import annotations

import re
from collections.abc import Container
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from listlint.memo import BoundedMemo
from listlint.resources import table, wordlist
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
#: a model code worth matching: letters and digits, 5+ characters once separators go
_MODEL = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{5,}$")
#: a token that may be a model code: letters, digits and separators, at least one digit
_CODE_TOKEN = re.compile(r"(?<![\w\-./])(?=[\w\-./]*\d)[^\W_][\w\-./]*[^\W_]")
_DIGIT = re.compile(r"\d")
_NON_DIGIT = re.compile(r"\D")
_BARCODE = re.compile(r"^\d{8}$|^\d{12,14}$")
#: brand cells that name no brand
_NO_BRAND = frozenset({"", "no brand", "unbranded", "generic", "n/a", "none", "unknown", "various"})
_MOJIBAKE = re.compile("[ÃÅÄ][\x80-\xbf\u0080-\u00ff]")
#: how many distinct (title, brand, product type) a recall index remembers
_NAMED_CACHE = 20_000


@dataclass(frozen=True, slots=True)
class Recall:
    product: str  # as the recall gives it
    brand: str
    date: str
    hazard: str
    agency: str
    url: str
    recall_id: str
    #: folded words of the brand (the brand column, else the product name's leading words
    #: in capitals: "MPINOI", "FUNTOK"): all must be in the listing's title or brand
    names: tuple[str, ...]
    #: the kind of product: the last word of its name ("rails", "trucks")
    head: str
    #: the other words of the product name ("portable", "bed"): half must be in the title
    words: tuple[str, ...]
    models: tuple[str, ...]

    def cite(self) -> str:
        ident = (
            f"{self.agency} recall {self.recall_id}" if self.recall_id else f"{self.agency} alert"
        )
        when = f" of {self.date}" if self.date else ""
        return f"{ident}{when} ({self.hazard or 'safety'}): {self.url}"


@dataclass(frozen=True, slots=True)
class RecallMatch:
    recall: Recall
    field: str
    start: int
    end: int
    evidence: str  # "model" | "barcode" | "name"


def _repair(text: str) -> str:
    """UTF-8 read as Latin-1 in the source ("SvetelnÃ½" -> "Svetelný")."""
    if _MOJIBAKE.search(text):
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
    return text


def _code(text: str) -> str:
    return re.sub(r"[\s\-./_]", "", fold(text))


@dataclass
class RecallIndex:
    recalls: list[Recall]
    model_matcher: PhraseMatcher[int] = field(init=False, repr=False)
    name_matcher: PhraseMatcher[int] = field(init=False, repr=False)

    #: (title, brand, product type) -> their words and the recall they name by name
    _named: BoundedMemo[
        tuple[str | None, str | None, str | None], tuple[frozenset[str], RecallMatch | None]
    ] = field(init=False, repr=False, default_factory=lambda: BoundedMemo(_NAMED_CACHE))

    def __post_init__(self) -> None:
        self.model_matcher = PhraseMatcher(
            (m, i) for i, r in enumerate(self.recalls) for m in r.models
        )
        #: separator-free codes: "DLS K03" and "dlsk03" are the recall's "DLS-K03"
        self.codes: dict[str, list[int]] = {}
        for i, r in enumerate(self.recalls):
            for m in r.models:
                self.codes.setdefault(_code(m), []).append(i)
        # a listing names a model-less recall by its rarest name word; the rest is checked
        self.name_matcher = PhraseMatcher(
            (r.names[0], i) for i, r in enumerate(self.recalls) if r.names and not r.models
        )

    def terms(self) -> list[str]:
        """What a prefilter must look for in titles: model codes and each recall's most
        distinctive name word (not an everyday word: "vive", not "health")."""
        common = _common()
        out = {m for r in self.recalls for m in r.models}
        for r in self.recalls:
            rare = [n for n in r.names if n not in common]
            if rare:
                out.add(rare[0])
        return sorted(out)

    def model_keys(self) -> list[str]:
        """Every model as the model matcher looks for it (folded)."""
        return sorted({k for r in self.recalls for m in r.models if (k := fold(m).strip())})

    def match(
        self,
        fields: dict[str, str],
        gtin: str | None = None,
        coded: Container[str] | None = None,
    ) -> RecallMatch | None:
        """The recall ``fields`` (folded text per field) sell, if any. ``coded``: the
        fields that may hold a model or a code (None: all of them); the others are not
        searched for one."""
        if gtin:
            g = _NON_DIGIT.sub("", gtin)
            if _BARCODE.match(g) and g in self.codes:
                return RecallMatch(self.recalls[self.codes[g][0]], "gtin", 0, 0, "barcode")
        title_words, by_name = self._named_in(
            fields.get("title"), fields.get("brand"), fields.get("product_type")
        )
        for name, text in fields.items():
            if coded is not None and name not in coded:
                continue
            found = [(m.start, m.end, m.payload) for m in self.model_matcher.iter(text)]
            # only tokens with a digit can be codes: a text without one (most
            # descriptions) skips the token regex, which tries every word start
            tokens = _CODE_TOKEN.finditer(text) if _DIGIT.search(text) else ()
            for tok in tokens:
                for i in self.codes.get(_code(tok.group(0)), ()):
                    found.append((tok.start(), tok.end(), i))
            for start, end, i in found:
                r = self.recalls[i]
                if any(_has(title_words, w) for w in (r.head, *r.words, *r.names)):
                    return RecallMatch(r, name, start, end, "model")
        return by_name

    def _named_in(
        self, title: str | None, brand: str | None, product_type: str | None
    ) -> tuple[frozenset[str], RecallMatch | None]:
        """The words of a title, brand and product type, and the model-less recall they
        name, if any. A catalogue repeats these (a row per size and colour: 300 distinct
        titles among 2,000 rows with a recall's name word on generate.py), so they are
        remembered, up to :data:`_NAMED_CACHE` of them."""
        key = (title, brand, product_type)
        known = self._named.get(key)
        if known is not None:
            return known
        fields = {"title": title, "brand": brand, "product_type": product_type}
        words = frozenset(w for text in fields.values() for w in _WORD.findall(text or ""))
        found = None
        for name, text in fields.items():
            for m in self.name_matcher.iter(text or ""):
                r = self.recalls[m.payload]
                if _named(r, words):
                    found = RecallMatch(r, name, m.start, m.end, "name")
                    break
            if found is not None:
                break
        return self._named.keep(key, (words, found))


def _has(words: AbstractSet[str], w: str) -> bool:
    """``w`` or its singular/plural among ``words``."""
    if not w:
        return False
    stem = w[:-1] if w.endswith("s") and len(w) > 3 else w
    return w in words or stem in words or stem + "s" in words or stem + "es" in words


def _named(r: Recall, words: AbstractSet[str]) -> bool:
    """The listing's title names the recalled product: its brand, its kind and at least
    half of the other words of its name."""
    if not all(n in words for n in r.names) or not _has(words, r.head):
        return False
    return sum(_has(words, w) for w in r.words) * 2 >= len(r.words)


def load_index() -> RecallIndex:
    recalls = []
    for row in table("prohibited/recalls"):
        if row.get("agency") == "USDA":  # label descriptions, not product names
            continue
        product = _repair(row["product"])
        brand = _repair(row.get("brand", ""))
        content = [
            w
            for w in _WORD.findall(fold(product))
            if w.isalpha() and len(w) >= 3 and w not in _STOP
        ]
        if fold(brand).strip() not in _NO_BRAND:
            names = [w for w in _WORD.findall(fold(brand)) if len(w) >= 2]
        else:  # CPSC names the seller in capitals at the start: "MPINOI Adult Portable Bed Rails"
            lead = []
            for w in _WORD.findall(product):
                if not (w.isupper() and w.isalpha() and len(w) >= 3):
                    break
                lead.append(fold(w))
            names = lead
        head = content[-1] if content else ""
        words = tuple(w for w in content[:-1] if w not in names)
        models = []
        for m in row.get("model", "").split("|"):
            if _MODEL.match(_code(m)) or _BARCODE.match(_code(m)):
                models.append(fold(m).strip())
        if not models and not (names and head):
            continue  # nothing specific enough to recognise the product by
        names.sort(key=lambda w: -len(w))
        recalls.append(Recall(product, brand, row.get("recall_date", ""), row.get("hazard", ""),
                              row.get("agency", ""), row.get("url", ""), row.get("recall_id", ""),
                              tuple(names), head, words, tuple(dict.fromkeys(models))))  # fmt: skip
    return RecallIndex(recalls)


_STOP = frozenset(
    {
        "and",
        "the",
        "with",
        "for",
        "from",
        "sold",
        "due",
        "kids",
        "children",
        "adult",
        "adults",
        "new",
    }
)


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """Everyday English words (the trademark rules' list): too frequent to look for."""
    return frozenset(w.split(" #")[0].strip() for w in wordlist("brands/common_words")[:20000])
