"""The role of a matched term in a listing: is it the product, or something else?

A family that matched a risky term ("gun", "cannabis", "treat", "Gucci") asks what the
term does in the listing. Roles, in the order they are tried:

* ``tag``: only in a tags/keywords column, a hashtag or a keyword list;
* ``brand``: the brand column, or a name that sits before a different head noun and is
  written as a name ("Bullet blender", "SAMURAI pepper mill");
* ``attribute``: a colour, finish, scent or flavour name ("bone white", "gunmetal
  finish", "colour: ivory", "tobacco vanille" eau de parfum);
* ``product``: the head noun, or a word that names the same kind of product as the head;
* ``compatibility``: what the item fits or works with ("case compatible with iPhone",
  "treats for dogs", "fits Dyson V8", "para iPhone", "untuk iPhone", "cho iPhone");
* ``depiction``: the design or theme of a carrier ("Magic Mushroom T-Shirt", "cannabis
  leaf print phone case", "vintage tobacco tin sign");
* ``ingredient``: what the item contains ("kratom capsules", "CBD gummies", "with hemp");
* ``modifier``: modifies a different head noun that is not a carrier ("sword fern",
  "Amazon sword plant", "gun cleaning kit", "gun" inside "glue gun");
* ``unknown``: none of these can be told.

Each role comes with a short reason a finding can quote. Texts are folded (as the
families match them); every scan looks at a bounded window around the term, so judging a
term costs the same whatever the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from listlint.product.head import Head, path_segments, suspended
from listlint.product.lexicon import Lexicon, TypeEntry

#: how far around a term the cues are looked for (characters): bounded work per term
WINDOW = 80
_WORD = re.compile(r"[^\W_](?:[\w'’.+-]*\w)?")
#: clause ends: a cue on the other side of one does not apply to the term
_CLAUSE_END = re.compile(r"[.;!?\n|•]|\s[-–—/]\s")


class Role(str, Enum):
    PRODUCT = "product"
    INGREDIENT = "ingredient"
    DEPICTION = "depiction"
    COMPATIBILITY = "compatibility"
    ATTRIBUTE = "attribute"
    BRAND = "brand"
    TAG = "tag"
    MODIFIER = "modifier"
    UNKNOWN = "unknown"


#: roles under which a term does not name what the listing sells
NOT_PRODUCT = frozenset(
    {Role.DEPICTION, Role.ATTRIBUTE, Role.BRAND, Role.MODIFIER, Role.COMPATIBILITY}
)


@dataclass(frozen=True, slots=True)
class TermRole:
    """The role of ``term`` (folded) at ``start:end`` of ``field``, and why."""

    role: Role
    reason: str
    field: str
    term: str
    start: int
    end: int

    @property
    def is_product(self) -> bool:
        """Does the term (still) name what is sold? (product, ingredient, unknown)"""
        return self.role not in NOT_PRODUCT and self.role is not Role.TAG


@dataclass(frozen=True, slots=True)
class ListingProduct:
    """What a listing sells: the type, group and flags of its ``entry`` (None when
    nothing names a type), the ``field`` that named it, the title's ``head``."""

    entry: TypeEntry | None
    field: str | None
    term: str | None
    head: Head | None
    #: what the category and product-type fields name on their own (None: nothing)
    category: TypeEntry | None = None
    product_type: TypeEntry | None = None

    @property
    def declared_groups(self) -> frozenset[str]:
        """Groups the category or product-type field names."""
        return frozenset(e.group for e in (self.category, self.product_type) if e and e.group)

    @property
    def type(self) -> str | None:
        return self.entry.type if self.entry else None

    @property
    def group(self) -> str | None:
        return (self.entry.group or None) if self.entry else None

    @property
    def carrier(self) -> bool:
        return bool(self.entry and self.entry.carrier)

    @property
    def form(self) -> bool:
        return bool(self.entry and self.entry.form)


#: words that end a compound: a noun after them is not modified by the term
_FUNCTION_WORDS = frozenset(
    "a an the in on of to for with and or from by at into is are was our your its this that".split()
)
#: groups of things consumed: a word before their head noun is what they contain
CONSUMABLE = frozenset(
    {"food_drink", "alcohol", "supplement", "medicine", "pet_food", "vape_tobacco"}
)
#: words a brand column adds to a name ("Grenade Ltd")
_COMPANY_WORDS = frozenset(
    {"inc", "ltd", "llc", "co", "gmbh", "corp", "company", "the", "&", "sa", "srl"}
)
#: columns that hold search tags or keywords
TAG_FIELDS = frozenset({"tags", "keywords", "search_terms"})
#: columns that hold a colour, material, scent or option value
ATTRIBUTE_FIELDS = frozenset({"color", "material", "size", "options", "variant_type"})


class RoleJudge:
    """Roles of terms in one listing. ``texts`` maps a field to its folded text;
    ``original_title`` (the seller's casing) tells a brand from a word."""

    def __init__(
        self,
        lex: Lexicon,
        product: ListingProduct,
        texts: Mapping[str, str | None],
        original_title: str | None = None,
    ) -> None:
        self.lex = lex
        self.product = product
        self.texts = texts
        self.original_title = original_title
        #: term -> where the title has it as whole words (None: not there); a term
        #: repeated through a long description looks the title up once, not per mention
        self._in_title_at: dict[str, int | None] = {}

    # -- entry point ------------------------------------------------------------------
    def judge(self, field: str, start: int, end: int) -> TermRole:
        text = self.texts.get(field) or ""
        term = text[start:end]

        def out(role: Role, reason: str) -> TermRole:
            return TermRole(role, reason, field, term, start, end)

        found = self._by_field(field, term) or self._tagged(text, start, end)
        if found is None and field not in ("category", "product_type"):
            found = self._declared(term) or self._brand(term, field, start, end)
            found = found or self._attribute(text, start, end, term)
        if found is None:
            if field == "category":
                found = self._in_category(text, start, end, term)
            elif field in ("title", "product_type"):
                found = self._in_title(field, text, start, end, term)
            else:
                found = self._in_text(text, start, end, term)
        return out(*found)

    # -- field, tags, brand, attributes ---------------------------------------------------
    def _by_field(self, field: str, term: str) -> tuple[Role, str] | None:
        name = field.removeprefix("attr:").strip().lower()
        if field in TAG_FIELDS or name in self.lex.cue_words.get("tag_label", ()):
            return Role.TAG, f"'{term}' is in the {name} column, a list of search tags"
        if field == "brand":
            return Role.BRAND, f"'{term}' is in the brand column"
        if field in ATTRIBUTE_FIELDS or name in self.lex.cue_words.get("attr_label", ()):
            return Role.ATTRIBUTE, f"'{term}' is the {name} of the item"
        return None

    def _tagged(self, text: str, start: int, end: int) -> tuple[Role, str] | None:
        term = text[start:end]
        if start > 0 and text[start - 1] == "#":
            return Role.TAG, f"'{term}' is a hashtag"
        reach = 4 * WINDOW
        line_start = max(text.rfind("\n", max(0, start - reach), start) + 1, start - reach, 0)
        before = text[line_start:start]
        for cue in self.lex.cues("tag_label", before):
            if before[cue.end : cue.end + 2].lstrip().startswith((":", "-")):
                return Role.TAG, f"'{term}' is in a list of search tags ('{cue.term}:')"
        line_end = text.find("\n", end, end + reach)
        line = text[line_start : line_end if line_end >= 0 else end + reach]
        parts = [p.strip() for p in line.split(",")]
        if len(parts) >= 6 and sum(len(p.split()) <= 3 for p in parts) >= len(parts) * 0.8:
            if not any(c in line for c in ".!?"):
                return Role.TAG, f"'{term}' is in a comma-separated keyword list"
        return None

    def _declared(self, term: str) -> tuple[Role, str] | None:
        """The category or product type names the term's own kind of product, and the
        title's head noun names another ("Vodka Mix-Dose" filed under beer and spirits,
        where "Dose" reads as a box): the category settles it, the term is the product."""
        own = self.lex.entry(term)
        declared = self.product.declared_groups
        head = self.product.head
        if head and head.entry and (not head.entry.group or head.entry.group in declared):
            return None  # the title's head agrees with the category, or cannot disagree
        if own and own.group and own.group in declared:
            label = self.lex.label(own.group)
            return Role.PRODUCT, f"'{term}' is the product: the category says {label} too"
        return None

    def _brand(self, term: str, field: str, start: int, end: int) -> tuple[Role, str] | None:
        head = self.product.head
        if field == "title" and head and head.entry and start <= head.start and head.end <= end:
            return None  # the head noun itself: "1836 Kratom" sells kratom
        if head is None or head.entry is None:
            return None  # nothing else is named: the term may well be the product ("Elf Bar")
        brand = self.texts.get("brand")
        # the brand is the term ("Grenade" bar, "AXE" spray); a brand named after what it
        # sells ("Golden Kratom", "1836 Kratom") says nothing about the word
        brand_words = [w for w in _WORD.findall(brand or "") if w not in _COMPANY_WORDS]
        if brand_words and _contains_words(_WORD.findall(term), brand_words):
            return Role.BRAND, f"'{term}' is the brand ('{brand}' in the brand column)"
        return None

    def _attribute(self, text: str, start: int, end: int, term: str) -> tuple[Role, str] | None:
        lex = self.lex
        lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
        window = text[lo:hi]
        s, e = start - lo, end - lo
        for m in lex.colours.iter(window):
            if m.start <= s and e <= m.end and m.end - m.start > e - s:
                return Role.ATTRIBUTE, f"'{m.term}' is a colour name"
        # neighbours within the clause: "Serum - Grey" is a variant, not "serum grey"
        nxt = _words_after(window[: _clause_end(window, e)], e, 2)
        prev = _words_before(window[_clause_start(window, s) :], s - _clause_start(window, s), 3)
        colours = lex.cue_words.get("colour", frozenset())
        after_colours = colours - lex.cue_words_head_first.get("colour", frozenset())
        # "bone white", "smoke grey" (English, German); "blanco hueso", "gris humo"
        if nxt and nxt[0] in after_colours and self._noun_follows(window, e, nxt[0]):
            return Role.ATTRIBUTE, f"'{term} {nxt[0]}' names a colour"
        if prev and prev[-1] in lex.cue_words_head_first.get("colour", ()) and _touching(window, s):
            return Role.ATTRIBUTE, f"'{prev[-1]} {term}' names a colour"
        if nxt and (nxt[0] in lex.cue_words.get("attr_after", ()) or " ".join(nxt) in
                    lex.cue_words.get("attr_after", ())):  # fmt: skip
            return Role.ATTRIBUTE, f"'{term} {nxt[0]}' names a colour, finish, scent or flavour"
        colour_named = any(m.start == s and m.end == e for m in lex.colours.iter(window))
        named = lex.colour_words
        if colour_named and prev and (prev[-1] in colours or prev[-1] in named):
            return Role.ATTRIBUTE, f"'{prev[-1]} {term}' names a colour"
        if colour_named and nxt and nxt[0] in named:
            return Role.ATTRIBUTE, f"'{term} {nxt[0]}' names a colour"
        # "Colour: Opium Red", "Scent - Cannabis Flower": a label, a colon or dash, the term
        line = window[max(window.rfind("\n", 0, s), window.rfind(".", 0, s)) + 1 : s]
        for cue in lex.cues("attr_label", line):
            gap = line[cue.end :]
            if gap.lstrip()[:1] in (":", "=", "-", "–") and len(_WORD.findall(gap)) <= 3:
                return Role.ATTRIBUTE, f"'{term}' is given as the item's {cue.term}"
        return None

    # -- where the term sits ------------------------------------------------------------
    def _in_category(self, text: str, start: int, end: int, term: str) -> tuple[Role, str]:
        segments = path_segments(text)
        index = next((i for i, (s, e) in enumerate(segments) if s <= start and end <= e), -1)
        if index in (-1, len(segments) - 1):
            return Role.PRODUCT, f"'{term}' names the listing's category"
        s, e = segments[index]
        segment = text[s:e].strip()
        leaf = text[segments[-1][0] : segments[-1][1]].strip()
        several = re.search(r"[&,]|\b(?:and|und|y|et|e|dan|và)\b", segment) is not None
        own = self.lex.entry(term)
        mine = self.product.group
        if several and (own is None or not own.group or own.group != mine):
            return (
                Role.MODIFIER,
                f"'{term}' names a sibling class in the category '{segment}'; "
                f"the listing's own category is '{leaf}'",
            )
        return Role.PRODUCT, f"'{term}' names a class the listing's category '{leaf}' is in"

    def _in_title(self, field: str, text: str, start: int, end: int, term: str) -> tuple[Role, str]:
        if suspended(text, end):
            return (
                Role.MODIFIER,
                f"'{term}-' is cut off by a hyphen: a suspended compound that shares the "
                "last part of a later word ('Wein- und Sektgläser' is wine and sparkling-wine "
                "glasses), so it says what kind, not what is sold",
            )
        head = self.product.head if field == "title" else None
        if head is None and field == "product_type":
            from listlint.product.head import title_head

            head = title_head(text, self.lex)
        own = self.lex.entry(term)
        if head is not None and head.entry is not None:
            h = head.entry
            what = _a(h.type)
            if start <= head.start and head.end <= end:
                return Role.PRODUCT, f"'{term}' is the product: the head noun of the {field}"
            if head.start <= start and end <= head.end:
                # "treats" in "dog treats", "knife" in "kitchen knife": a kind of it;
                # "gun" in "glue gun" is not (another group)
                last = end == head.end and own is not None and not own.group
                if last or (own and own.group and own.group == h.group):
                    return Role.PRODUCT, f"'{term}' is part of the product name '{head.term}'"
                return Role.MODIFIER, f"'{term}' is part of '{head.term}' ({what}), not the item"
            if own and (own.type == h.type or (own.group and own.group == h.group)):
                return Role.PRODUCT, f"'{term}' names the same kind of product as '{head.term}'"
            inner = self._inside_type(text, start, end, own)
            if inner:
                return inner
            found = self._cued(text, start, end, term, compat_only=True)
            if found:
                return found
            if h.carrier:
                return Role.DEPICTION, f"'{term}' describes the design of {what}"
            found = self._cued(text, start, end, term)
            if found:
                return found
            if head.term in self.lex.cue_words.get("generic", ()) and start < head.start:
                return self._in_generic(text, start, head, term)
            if h.form:
                return Role.INGREDIENT, f"'{term}' is what the {head.term} contain"
            if h.group in CONSUMABLE and end <= head.seg_end and start < head.start:
                return Role.INGREDIENT, f"'{term}' is in {what} (what it is made of)"
            if self._scented(h, head.term):
                return Role.ATTRIBUTE, f"'{term}' names the scent or flavour of {what}"
            if end <= head.seg_end and start < head.start:
                if self._name_like(start, end, head):
                    return Role.BRAND, f"'{term}' names the maker or model of {what}"
                return Role.MODIFIER, f"'{term}' describes {what}, not the item sold"
            return Role.UNKNOWN, f"'{term}' follows the title's main phrase ({what})"
        found = self._cued(text, start, end, term)
        if found:
            return found
        return self._by_listing(term, own, "title") or (
            Role.PRODUCT,
            f"'{term}' names the product: the {field} names no other product",
        )

    def _in_generic(self, text: str, start: int, head: Head, term: str) -> tuple[Role, str]:
        """Before a packaging noun ("set", "kit", "bundle"), a term is what the set holds
        ("CBD gift set", "vape starter kit") unless an activity word says what the kit
        is for ("gun cleaning kit", "knife sharpening kit")."""
        between = _WORD.findall(text[start : head.start])
        activity = self.lex.cue_words.get("activity", frozenset())
        if any(w in activity for w in between[1:]):
            return Role.MODIFIER, f"'{term}' says what the {head.term} is for, not the item"
        return Role.PRODUCT, f"'{term}' is what the {head.term} holds"

    def _in_text(self, text: str, start: int, end: int, term: str) -> tuple[Role, str]:
        found = self._cued(text, start, end, term)
        if found:
            return found
        own = self.lex.entry(term)
        local = self._local_head(text, end)
        if local is not None:
            what = _a(local.payload.type)
            if local.payload.carrier:
                return Role.DEPICTION, f"'{term}' describes the design of {what}"
            if local.payload.form:
                return Role.INGREDIENT, f"'{term}' is what the {local.term} contain"
            if not (own and own.group and own.group == local.payload.group):
                return Role.MODIFIER, f"'{term}' describes {what}"
        title = self.texts.get("title") or ""
        if title:
            at = self._title_at(title, term)
            if at is not None:
                role = self._in_title("title", title, at, at + len(term), term)
                return role[0], role[1] + " (as in the title)"
        return self._by_listing(term, own, "description") or (
            Role.UNKNOWN,
            f"'{term}' is mentioned in the text; the title does not say what it is",
        )

    def _title_at(self, title: str, term: str) -> int | None:
        if term not in self._in_title_at:
            words = _contains_words(_WORD.findall(title), _WORD.findall(term))
            self._in_title_at[term] = _find_words(title, term) if words else None
        return self._in_title_at[term]

    def _by_listing(self, term: str, own: TypeEntry | None, where: str) -> tuple[Role, str] | None:
        """The listing's type (title, product type or category) decides."""
        p = self.product
        if p.entry is None:
            return None
        what = _a(p.entry.type)
        if own and own.group and p.group and own.group == p.group:
            return Role.PRODUCT, f"'{term}' names the listing's kind of product ({what})"
        if p.carrier:
            return Role.DEPICTION, f"'{term}' is in the {where} of {what}: the design"
        if p.form:
            return Role.INGREDIENT, f"'{term}' is in the {where} of {what}: what it contains"
        if own and own.group and p.group and own.group != p.group:
            return Role.MODIFIER, f"the listing is {what} ({p.field}), not a {own.type}"
        return None

    # -- cues ------------------------------------------------------------------------------
    def _cued(
        self, text: str, start: int, end: int, term: str, compat_only: bool = False
    ) -> tuple[Role, str] | None:
        """Compatibility, depiction and ingredient cues right around the term."""
        lex = self.lex
        lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
        window = text[lo:hi]
        s, e = start - lo, end - lo
        clause = window[_clause_start(window, s) : s]
        after = window[e : _clause_end(window, e)]
        nxt = _words_after(after, 0, 3)
        for cue in reversed(lex.cues("compat", clause)):
            if " " not in cue.term and not _WORD.search(clause[: cue.start]):
                continue  # a bare preposition opens no clause: "Pour the kratom", "For sale"
            if _close(clause[cue.end :]):
                return Role.COMPATIBILITY, f"'{term}' names what the item is for ('{cue.term}')"
        if nxt and nxt[0] in lex.cue_words.get("compat_after", ()):
            return Role.COMPATIBILITY, f"'{term}' names what the item is for ('{nxt[0]}')"
        if compat_only:
            return None
        depict = lex.cue_words.get("depict", frozenset())
        hit = next((w for w in nxt[:2] if w in depict), None)
        if hit:
            return Role.DEPICTION, f"'{term}' is a design ('{hit}')"
        for cue in lex.cues("depict_before", clause):
            if len(_WORD.findall(clause[cue.end :])) <= 1:
                return Role.DEPICTION, f"'{term}' is a design ('{cue.term}')"
        for cue in reversed(lex.cues("ingredient", clause)):
            if len(_WORD.findall(clause[cue.end :])) <= 2:
                return Role.INGREDIENT, f"'{term}' is an ingredient ('{cue.term}')"
        if nxt and nxt[0] in lex.cue_words.get("ingredient_after", ()):
            return Role.INGREDIENT, f"'{term}' is an ingredient ('{nxt[0]}')"
        return None

    def _local_head(self, text: str, end: int):
        """A type noun within the next three words of the same clause ("... a cannabis
        leaf t-shirt"): the noun the term modifies."""
        window = text[end : min(len(text), end + WINDOW)]
        window = window[: _clause_end(window, 0)]
        limit = sum(len(w) + 1 for w in window.split()[:3])
        for m in self.lex.type_matches(window[:limit]):
            between = _WORD.findall(window[: m.start])
            if any(w in _FUNCTION_WORDS for w in between):
                return None  # "CBD in a glass bottle": the bottle holds it, no compound
            if m.payload.group or m.payload.carrier or m.payload.form:
                return m
        return None

    def _noun_follows(self, window: str, end: int, colour: str) -> bool:
        """Does a type noun follow "<term> <colour>" in its clause ("Bone White Dinner
        Plates", "Smoke Grey Hoodie")? "Kratom Red" alone names a strain, not a colour."""
        rest = window[end : _clause_end(window, end)]
        at = rest.find(colour)
        after = rest[at + len(colour) :] if at >= 0 else ""
        return bool(self.lex.type_matches(after[:WINDOW]))

    def _scented(self, entry: TypeEntry, term: str) -> bool:
        scented = self.lex.cue_words.get("scented", frozenset())
        return entry.type in scented or term in scented

    def _inside_type(
        self, text: str, start: int, end: int, own: TypeEntry | None
    ) -> tuple[Role, str] | None:
        """A term inside a longer type noun other than the head ("bullet" in "bullet
        journal notebook") is part of that name."""
        lo = max(0, start - WINDOW)
        for m in self.lex.type_matches(text[lo : min(len(text), end + WINDOW)]):
            s, e = m.start + lo, m.end + lo
            if s <= start and end <= e and e - s > end - start:
                if own and own.group and own.group == m.payload.group:
                    return None
                term, name = text[start:end], text[s:e]
                return Role.MODIFIER, f"'{term}' is part of '{name}' ({_a(m.payload.type)})"
        return None

    def _name_like(self, start: int, end: int, head: Head) -> bool:
        """Written as a name: capitalised (or in capitals) before a lower-case head noun
        ("Bullet blender", "SAMURAI Pepper Mill"), or marked ™/®."""
        orig = self.original_title
        if not orig or len(orig) != len(self.texts.get("title") or ""):
            return False
        word, noun = orig[start:end], orig[head.start : head.end]
        if orig[end : end + 1] in ("™", "®"):
            return True
        if len(word) >= 3 and word.isupper() and not noun.isupper():
            return True
        return word[:1].isupper() and noun.islower()


def _close(gap: str) -> bool:
    """Is the text between a cue and the term short enough for the cue to govern it?
    One word ("for the iPhone", "compatible with Apple iPhone" counts two), or a list of
    device names ("for iPod and iPhone", "fits Galaxy S23 / iPhone")."""
    words = _WORD.findall(gap)
    if len(words) <= 1 or (len(words) == 2 and words[0] in _DETERMINERS):
        return True
    return len(words) <= 4 and re.search(r"(?:\band|\bor|&|,|/)\s*$", gap) is not None


_DETERMINERS = frozenset(
    {
        "the",
        "your",
        "my",
        "all",
        "any",
        "most",
        "el",
        "la",
        "le",
        "les",
        "die",
        "der",
        "das",
        "o",
        "a",
        "os",
        "as",
    }
)


def _a(type_name: str) -> str:
    name = type_name.split(" / ")[0]
    if name.endswith("s") and not name.endswith("ss"):
        return name
    return ("an " if name[:1] in "aeiou" else "a ") + name


def _touching(window: str, pos: int) -> bool:
    """Only spaces between the previous word and ``pos``."""
    return not window[max(0, pos - 2) : pos].strip(" ")


def _clause_start(window: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE_END.finditer(window, 0, pos):
        start = m.end()
    return start


def _clause_end(window: str, pos: int) -> int:
    m = _CLAUSE_END.search(window, pos)
    return m.start() if m else len(window)


def _words_after(text: str, pos: int, n: int) -> list[str]:
    return _WORD.findall(text[pos : pos + WINDOW])[:n]


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return _WORD.findall(text[max(0, pos - WINDOW) : pos])[-n:]


def _contains_words(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _find_words(text: str, term: str) -> int | None:
    """Start of ``term`` as whole words in ``text``."""
    pos = text.find(term)
    while pos >= 0:
        before = text[pos - 1 : pos]
        after = text[pos + len(term) : pos + len(term) + 1]
        if not before.isalnum() and not after.isalnum():
            return pos
        pos = text.find(term, pos + 1)
    return None
