"""The brand index: protected brands, their aliases and the words used to spot lookalikes.

Built once per rule instance from ``wordlists/brands/`` (brands with their usual categories,
known aliases, category groups) plus the user's extra brands from config; brands the
seller is authorised to sell (config ``authorized_brands``) are left out entirely.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache

from listlint.memo import BoundedMemo
from listlint.resources import table, wordlists_dir
from listlint.text.confusables import skeleton
from listlint.text.lazyregex import has_chars
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold

#: alias types that are a counterfeit spelling on their own ("Adadis", "Louis Button")
LOOKALIKE_TYPES = {"misspelling", "lookalike", "leet"}
#: lexeme log-probability above which a token counts as an ordinary English word
COMMON_WORD_PROB = -15.5
#: everything but [0-9a-z\u00c0-\uffff], spelled as what it keeps out: the negated BMP
#: range cost ~1.6 ms to compile (see listlint.text.lazyregex); same characters (tested)
_ALNUM_RE = re.compile(r"[\x00-/:-`{-\xbf\U00010000-\U0010ffff]+")
_WORD_RE = re.compile(r"[^\W_]+")
#: distinct texts whose category groups the index keeps between batches
_GROUPS_LIMIT = 100_000
#: words joining the parts of a brand name ("Dolce & Gabbana", "Tiffany and Co")
CONNECTORS = frozenset({"and", "x"})


def number_forms(word: str) -> tuple[str, ...]:
    if word.endswith(("ches", "shes", "xes", "sses")):
        return (word[:-2],)
    if word.endswith("s") and not word.endswith("ss"):
        return (word[:-1],)
    if word.endswith(("ch", "sh", "x", "ss")):
        return (word + "es",)
    return (word + "s",)


def compact(text: str) -> str:
    """Letters and digits only, folded: "Ray-Ban" -> "rayban", "Levi's" -> "levis"."""
    return _ALNUM_RE.sub("", fold(text))


def _whole_word(key: str) -> str:
    """A Rust regex for ``key`` as the phrase matcher finds it in ASCII text: a letter or
    digit at either end of the key needs a character that is neither beside it."""
    edge = "(?:^|[^0-9A-Za-z])"
    left = edge if key[0].isalnum() else ""
    right = "(?:$|[^0-9A-Za-z])" if key[-1].isalnum() else ""
    return left + re.escape(key) + right


@dataclass(frozen=True, slots=True)
class Brand:
    name: str
    groups: frozenset[str]
    common_word: bool
    #: the name is an ordinary phrase even in the brand's own category (the colour
    #: "off-white" on clothes): only copy wording or a disguise makes it a brand use
    ordinary_in_category: bool = False
    #: how much a copy is worth making (brands.tsv ``fame``: 3 luxury/iconic, 2 global, 1);
    #: list-price floors are in price_floors.tsv (listlint.rules.ip.prices)
    fame: int = 1


@dataclass(frozen=True, slots=True)
class Name:
    """One way of writing a brand: its name, an alias, a model name, a transliteration."""

    brand: Brand
    text: str  # folded
    kind: str  # "name", "variant", "model_name", "misspelling", "lookalike", "translit_zh", ...
    context_only: bool
    #: the product type a model name is (models.tsv: "watch" for Submariner), else None
    ptype: str | None = None

    @property
    def is_model(self) -> bool:
        return self.kind == "model_name"

    @property
    def is_coded(self) -> bool:
        """A name that stands for the brand without spelling it: a model, an initialism,
        a reseller nickname ("Submariner", "LV", "水鬼", "驴牌")."""
        return self.kind in ("model_name", "abbreviation", "slang_zh")

    @property
    def is_lookalike(self) -> bool:
        return self.kind in LOOKALIKE_TYPES and not self.context_only


#: words rarer than this are not kept in memory (treated as unknown, like a made-up spelling)
KEEP_WORD_PROB = -17.0
#: ``"word":-12.345`` entries of the lexeme file whose log-probability is above KEEP_WORD_PROB
_LEXEME_RE = re.compile(rb'"([a-z]+)": ?(-(?:[0-9]|1[0-6])\.[0-9]+)')


@lru_cache(maxsize=1)
def word_log_prob() -> dict[str, float]:
    """Lower-case English word -> log-probability, from spacy-lookups-data (no download).

    The file holds a million entries; a bytes regex keeping only the ~70k frequent
    lower-case words takes ~0.15 s where ``json.load`` of the whole file takes ~1 s
    (measured), and the rule family pays it once per process.
    """
    import spacy_lookups_data

    path = spacy_lookups_data.__path__[0] + "/data/en_lexeme_prob.json.gz"
    with gzip.open(path, "rb") as fh:
        raw = fh.read()
    # a few keys hold escaped quotes ('\\"the'); the true entry comes first (the file is
    # sorted by probability), so the first value seen for a word wins
    return {w.decode(): float(p) for w, p in reversed(_LEXEME_RE.findall(raw))}


def common_words_from_lexemes() -> list[str]:
    """The words of :func:`word_log_prob` above COMMON_WORD_PROB, most frequent first.

    ``wordlists/brands/common_words.txt`` ships this list (``.ci/update_common_words.py``
    writes it; a test keeps the two equal), so a run reads 39k short lines (~15 ms) instead
    of decompressing and scanning the million-entry lexeme file (~0.2 s CPU, a fifth of a
    small catalogue's whole run)."""
    probs = word_log_prob()
    return sorted(
        (w for w, p in probs.items() if p > COMMON_WORD_PROB), key=lambda w: (-probs[w], w)
    )


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    # one bare word per line after the '#' header: a split is 10x faster than wordlist()
    path = wordlists_dir() / "brands" / "common_words.txt"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    start = next((i for i, w in enumerate(lines) if not w.startswith("#")), len(lines))
    # a comment header, then one word a line (tests/test_startup.py): the set is built
    # at C speed, where a per-line filter cost ~5 ms of every run that checks trademarks
    return frozenset(lines[start:])


def is_common_word(token: str) -> bool:
    return token in common_words()


class BrandIndex:
    """Protected brands and the lookups built from them."""

    def __init__(
        self, *, extra_brands: tuple[str, ...] = (), authorized: tuple[str, ...] = ()
    ) -> None:
        skip = {compact(b) for b in authorized}
        self.brands: dict[str, Brand] = {}
        for row in table("brands/brands"):
            if compact(row["brand"]) in skip:
                continue
            groups = frozenset(g for g in row.get("groups", "").split(",") if g)
            common = row.get("common_word", "")
            self.brands[row["brand"]] = Brand(
                row["brand"],
                groups,
                common in ("yes", "in_category"),
                common == "in_category",
                int(row.get("fame") or 1),
            )
        for name in extra_brands:
            if compact(name) not in skip and name not in self.brands:
                # the user protects it: weighed like the most counterfeited brands
                self.brands[name] = Brand(name, frozenset(), False, fame=3)
        names: list[Name] = []
        for brand in self.brands.values():
            names.append(Name(brand, fold(brand.name), "name", False))
            bare = fold(brand.name)
            if bare.startswith("the "):
                names.append(Name(brand, bare[4:], "variant", brand.common_word))
            if "-" in bare or "'" in bare or "." in bare or "&" in bare:
                for alt in {
                    bare.replace("-", " "),
                    bare.replace("-", ""),
                    bare.replace("'", ""),
                    bare.replace(".", ""),
                    bare.replace(" & ", " and "),
                }:
                    if alt != bare:
                        names.append(Name(brand, alt, "variant", False))
        for row in table("brands/aliases"):
            owner = self.brands.get(row["brand"])
            if owner is None:
                continue
            kind = row.get("alias_type", "variant")
            context_only = kind.endswith("_context_only") or kind.endswith("_ambiguous")
            kind = kind.removesuffix("_context_only").removesuffix("_ambiguous")
            names.append(Name(owner, fold(row["alias"]), kind, context_only))
        # model names and nicknames, with the product type each one is (models.tsv)
        # (an alias of kind model_name gets its type here; models.tsv decides context_only)
        known = {(n.brand.name, n.text): k for k, n in enumerate(names)}
        for row in table("brands/models"):
            owner = self.brands.get(row["brand"])
            text = fold(row["model"])
            if owner is None:
                continue
            ctx_only = row.get("context_only") == "yes"
            # "GMT-Master II" is also written "GMT Master II" and "Daydate"
            forms = {text, text.replace("-", " "), text.replace("-", "")} if "-" in text else {text}
            if text.isalpha() and len(text) >= 4:
                forms.update(number_forms(text))  # "Iphones", "Birkins"
            for form in forms:
                model = Name(owner, form, "model_name", ctx_only, row["type"])
                k = known.get((owner.name, form))
                if k is None:
                    known[(owner.name, form)] = len(names)
                    names.append(model)
                elif names[k].kind == "model_name":
                    names[k] = model
        self.names = names
        #: product types each brand has a model or a price floor in ("watch", "bag"...)
        self.types: dict[str, set[str]] = {}
        for n in names:
            if n.ptype:
                self.types.setdefault(n.brand.name, set()).add(n.ptype)
        for row in table("brands/price_floors"):
            self.types.setdefault(row["brand"], set()).add(row["type"])
        #: (folded name, compact name, brand) of the names a brand column may use
        self._column_keys = [
            (n.text, compact(n.text), n.brand)
            for n in names
            if n.kind
            in ("name", "variant", "translit_zh", "translit_ar", "translit_ja", "abbreviation")
            and not (n.kind == "abbreviation" and n.context_only)
            and compact(n.text)
        ]
        self._column_cache: dict[tuple[str, bool], frozenset[Brand]] = {}
        self.groups = self._load_groups()
        self.script_groups = [(kw, g) for kw, g in self.groups.items() if not kw.isascii()]
        self._groups_seen: BoundedMemo[str, frozenset[str]] = BoundedMemo(_GROUPS_LIMIT)
        latin = [(n.text, n) for n in names if not has_chars(n.text)]
        cjk = [(n.text, n) for n in names if has_chars(n.text)]
        self.exact: PhraseMatcher[Name] = PhraseMatcher(latin)
        # the automaton's ASCII keys as two regexes, a columnar test of long ASCII texts
        # before it (:func:`~listlint.rules.ip.analysis.may_name`): a key of three or more
        # characters as a substring (one alternation: half the time of polars'
        # contains_any on descriptions); a shorter one ("ck", "pp", "rm") is a substring
        # of most descriptions ("back pack", "warm"), so as a whole word
        keys = sorted({fold(t).strip() for t, _ in latin} - {""}, key=lambda k: (-len(k), k))
        self.exact_long = "|".join(re.escape(k) for k in keys if len(k) >= 3 and k.isascii())
        self.exact_short = "|".join(_whole_word(k) for k in keys if len(k) < 3 and k.isascii())
        self.exact_cjk: PhraseMatcher[Name] = PhraseMatcher(cjk, word_boundaries=False)
        # two-letter Latin abbreviations ("ck", "ap", "lv") are substrings of most titles:
        # the prefilter leaves them out and the automaton still finds them on rows that
        # are scanned for another reason (a signal, a lookalike, another brand)
        self.prefilter_terms = sorted(
            {n.text for n in names if len(n.text) >= 3 or has_chars(n.text)}
        )
        self._build_words()
        #: (folded title, with CJK names) -> its exact matches (name, start, end, disguise):
        #: filled by the analysis, which sees the same titles batch after batch
        self.title_matches: dict[tuple[str, bool], list[tuple[Name, int, int, str | None]]] = {}

    # -- lookalike vocabulary ---------------------------------------------------------
    def _build_words(self) -> None:
        """Skeletons of brand words: single-word names, and each word of multi-word names
        (with its position, so the neighbours can be checked in the listing)."""
        self.word_skeletons: dict[str, list[tuple[Name, int]]] = {}
        self.word_text: dict[str, str] = {}
        multi: set[str] = set()
        for name in self.names:
            if name.kind not in ("name", "variant") or has_chars(name.text):
                continue
            words = self.brand_words(name)
            for pos, word in enumerate(words):
                if len(word) < 4 or not word.isalpha():
                    continue
                skel = skeleton(word)
                self.word_skeletons.setdefault(skel, []).append((name, pos))
                self.word_text[skel] = word
                if len(words) > 1:
                    multi.add(skel)
        self.fuzzy_choices = sorted(s for s in self.word_skeletons if len(s) >= 4)
        from listlint.rules.ip.search import NearSearch

        self.near = NearSearch(sorted(set(self.word_text.values())))
        self._build_splits()
        #: words of multi-word names: the only ones an ordinary word may stand in for
        self.multi_choices = sorted(multi)

    def _build_splits(self) -> None:
        """One-word names cut in two ("lulu lemon", "guc-ci", "bal.enciaga"): every cut
        leaving two letters or more on each side, with a space, hyphen or dot."""
        forms: list[tuple[str, tuple[Name, str, str]]] = []
        known = {n.text for n in self.names}  # "ray-ban" is the name itself, not a split
        for name in self.names:
            word = name.text
            if name.kind not in ("name", "variant") or len(word) < 6 or not word.isalpha():
                continue
            for cut in range(2, len(word) - 1):
                left, right = word[:cut], word[cut:]
                forms.extend(
                    (form, (name, left, right))
                    for form in (f"{left}{sep}{right}" for sep in " -.")
                    if form not in known
                )
        self.split_terms = sorted({f for f, _ in forms})
        self.split: PhraseMatcher[tuple[Name, str, str]] = PhraseMatcher(forms)

    @staticmethod
    def brand_words(name: Name) -> list[str]:
        """The words of a name, without connectors: "dolce & gabbana" -> [dolce, gabbana]."""
        return [w for w in _WORD_RE.findall(name.text) if w not in CONNECTORS]

    # -- categories -------------------------------------------------------------------
    @staticmethod
    def _load_groups() -> dict[str, frozenset[str]]:
        """Keyword -> its groups. A keyword may serve several groups ("sneakers" is
        fashion, and shoes for brands with a price floor for shoes)."""
        out: dict[str, set[str]] = {}
        for row in table("brands/category_groups"):
            for kw in row["keywords"].split():
                out.setdefault(kw, set()).add(row["group"])
        # singular and plural of each keyword ("belts" -> belt, "bag" -> bags), without
        # overriding a keyword listed explicitly
        for kw, groups in list(out.items()):
            for form in number_forms(kw):
                if form not in out:
                    out[form] = set(groups)
        return {kw: frozenset(g) for kw, g in out.items()}

    def groups_of(self, folded_text: str) -> frozenset[str]:
        """Category groups the words of ``folded_text`` name: Latin words whole, Arabic and
        CJK keywords as substrings (Chinese has no spaces: "轻量跑步鞋男女鞋"). Each distinct
        text is read once for the run (bounded): the rules and the analysis ask it of the
        same category and title, row after row, and variants repeat them."""
        found = self._groups_seen.get(folded_text)
        if found is None:
            found = self._groups_seen.keep(folded_text, frozenset(self._read_groups(folded_text)))
        return found

    def _read_groups(self, folded_text: str) -> set[str]:
        found: set[str] = set()
        for w in re.findall(r"[a-z][a-z\-]+", folded_text):
            found.update(self.groups.get(w, ()))
        if not folded_text.isascii():
            for kw, groups in self.script_groups:
                if kw in folded_text:
                    found.update(groups)
        return found

    def matches_brand(self, brand: Brand, brand_column: str | None) -> bool:
        """True when the listing's brand column names ``brand`` (or one of its aliases),
        leniently: "CHANEL", "Rayban", "Louis Vuitton Malletier", "Hermes" all count."""
        return brand in self._column_brands(brand_column, strict=False)

    def claimed_brand(self, brand_column: str | None) -> Brand | None:
        """The protected brand a brand column claims ("Chanel", "Rolex SA"), strictly: the
        whole value or its first words, never a prefix inside a word ("Applebee's")."""
        found = self._column_brands(brand_column, strict=True)
        return next(iter(found)) if len(found) == 1 else None

    def _column_brands(self, value: str | None, *, strict: bool) -> frozenset[Brand]:
        if not value:
            return frozenset()
        key = (value, strict)
        if key not in self._column_cache:
            col, folded = compact(value), fold(value).strip()
            found = set()
            for text, ckey, brand in self._column_keys:
                if col == ckey or (
                    folded.startswith(text) and not folded[len(text) : len(text) + 1].isalnum()
                ):
                    found.add(brand)
                elif (
                    not strict
                    and col
                    and (col.startswith(ckey) or (ckey.startswith(col) and len(col) >= 4))
                ):
                    found.add(brand)
            self._column_cache[key] = frozenset(found)
        return self._column_cache[key]
