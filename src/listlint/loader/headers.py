"""A header read word by word, for the columns no synonym names whole (issue 22).

``Barcode (EAN)``, ``UPC / EAN``, ``GTIN-13``, ``Price (USD)``, ``Main Category``,
``Size Name``, ``Nama Produk``, ``IMMAGINE3`` and ``productName`` are written in
endless variants of the same few words. :func:`parse_header` turns a header into
folded words (lower case, accents and digits dropped, camelCase and ``IMAGE1`` split,
a unit or currency in parentheses taken out as a hint); :class:`Vocabulary` (data in
``policies/profiles``) says which words only qualify a field ("product", "main",
"produk"), which make a header something else ("seo", "cost", "url"), and which name
how a value is written ("code" after an identifier, "name" after a text field).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: fields an identifier word ("code", "number") may follow: "EAN Code", "UPC Number"
ID_FIELDS = frozenset({"sku", "gtin", "mpn"})
#: fields a name word ("name", "nama", "nombre") may follow: "Size Name", "Nama Merek"
TEXT_FIELDS = frozenset(
    {"title", "brand", "category", "product_type", "size", "color", "material", "gender"}
    | {"age_group", "condition"}
)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_DIGIT_EDGE = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_PAREN = re.compile(r"[(（\[]([^()（）\[\]]*)[)）\]]")
_SPLIT = re.compile(r"[\W_]+")
#: scripts written without spaces between words: a header there is one "word"
_NO_SPACE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_METAFIELD = re.compile(r"metafields\.([\w-]+)\.([\w-]+)")


def fold(text: str) -> str:
    """Lower case without accents or other marks ("Descripción" -> "descripcion")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.category(c).startswith("M")).lower()


def no_space_script(word: str) -> bool:
    return bool(_NO_SPACE.search(word))


@dataclass(frozen=True)
class HeaderWords:
    """One header, read word by word."""

    words: tuple[str, ...]
    #: currency code in parentheses or brackets: "Price (USD)", "Price ($)"
    currency: str | None = None
    #: Shopify metafield namespace and key: "Renk (product.metafields.shopify.color-pattern)"
    metafield: tuple[str, str] | None = None


def parse_header(header: str, currencies: dict[str, str], units: dict[str, str]) -> HeaderWords:
    """``'Barcode (EAN)'`` -> words ("barcode", "ean"); ``'Price ($)'`` -> ("price",),
    currency USD; ``'IMAGE3'`` -> ("image",); a unit in parentheses is dropped."""
    text = unicodedata.normalize("NFKC", header or "").strip().lstrip("\ufeff")
    meta = _METAFIELD.search(text)
    currency = None

    def paren(m: re.Match[str]) -> str:
        nonlocal currency
        inner = m.group(1).strip()
        if "metafields." in inner or inner.lower() in units:
            return " "
        code = currencies.get(inner.lower()) or (
            inner.upper() if re.fullmatch(r"[A-Za-z]{3}", inner) and inner.isupper() else None
        )
        if code:
            currency = code
            return " "
        return f" {inner} "

    text = _PAREN.sub(paren, text)
    text = _DIGIT_EDGE.sub(" ", _CAMEL.sub(" ", text))
    words = tuple(w for w in _SPLIT.split(fold(text)) if w and not w.isdigit())
    return HeaderWords(words, currency, (meta.group(1), meta.group(2)) if meta else None)


@dataclass
class Vocabulary:
    """The word classes of :mod:`.headers`, merged over every language file."""

    #: words that qualify a field without changing what the column holds
    modifiers: set[tuple[str, ...]] = field(default_factory=set)
    #: affixes of space-less scripts that qualify a field ("商品", "สินค้า")
    affixes: set[str] = field(default_factory=set)
    #: joining words ("of", "de", "do") dropped wherever they are
    stopwords: set[str] = field(default_factory=set)
    #: words that make the column hold something else (an SEO title, a cost price)
    blockers: set[str] = field(default_factory=set)
    #: "code", "number"...: how an identifier is written
    identifier_words: set[str] = field(default_factory=set)
    #: "name", "nama", "nombre"...: how a text field is written
    name_words: set[str] = field(default_factory=set)
    #: words too general to say a column looks like a field ("id", "type")
    weak: set[str] = field(default_factory=set)
    #: a business that sells ("vendor", "seller", "store"): its *name* column names who
    #: sells the listing (a marketplace seller), not the product's brand
    party_words: set[str] = field(default_factory=set)
    #: "type", "kind", "format"...: beside a field's word the column says what kind of
    #: value another column holds ("Barcode Type": "EAN-13"), not the value
    kind_words: set[str] = field(default_factory=set)
    #: currency words and symbols -> ISO code, for hints in parentheses
    currencies: dict[str, str] = field(default_factory=dict)

    def add(self, data: dict) -> None:
        self.modifiers.update(tuple(fold(m).split()) for m in data.get("modifiers") or ())
        self.affixes.update(fold(a) for a in data.get("affixes") or ())
        self.stopwords.update(fold(str(w)) for w in data.get("stopwords") or ())
        self.blockers.update(fold(b) for b in data.get("blockers") or ())
        self.identifier_words.update(fold(w) for w in data.get("identifier_words") or ())
        self.name_words.update(fold(w) for w in data.get("name_words") or ())
        self.weak.update(fold(w) for w in data.get("weak") or ())
        self.party_words.update(fold(w) for w in data.get("party_words") or ())
        self.kind_words.update(fold(w) for w in data.get("kind_words") or ())
        self.currencies.update(
            {str(k).lower(): str(v) for k, v in (data.get("currencies") or {}).items()}
        )

    def strip_modifiers(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The words without qualifying phrases ("nama produk" -> "nama"), and space-less
        words without qualifying affixes ("ชื่อสินค้า" -> "ชื่อ")."""
        out = [w for w in words if w not in self.stopwords] or list(words)
        # only phrases that start with one of the words can match (a 16,000-column file
        # asks this of every header; sorting every modifier each time cost 75 us a call)
        present = set(out)
        phrases = [p for p in self.modifiers if p[0] in present]
        for phrase in sorted(phrases, key=len, reverse=True):
            n = len(phrase)
            i = 0
            while i + n <= len(out):
                if tuple(out[i : i + n]) == phrase and len(out) > n:
                    del out[i : i + n]
                else:
                    i += 1
        return tuple(self._strip_affix(w) if no_space_script(w) else w for w in out)

    def _strip_affix(self, word: str) -> str:
        for affix in sorted(self.affixes, key=len, reverse=True):
            if len(word) > len(affix):
                if word.startswith(affix):
                    return word[len(affix) :]
                if word.endswith(affix):
                    return word[: -len(affix)]
        return word


def singular(word: str) -> tuple[str, ...]:
    """The word and its likely singulars ("sizes" -> "size", "colores" -> "color")."""
    out = [word]
    if len(word) > 3 and word.endswith("s") and word.isascii():
        out.append(word[:-1])
        if word.endswith("es"):
            out.append(word[:-2])
    return tuple(out)
