"""Headers -> fields, in passes from the surest to the loosest (issue 22).

1. ``--map`` overrides;
2. option column pairs of the detected platform (``Attribute 4 name``/``value(s)``:
   a "1" in a profile's pair stands for any number);
3. exact synonyms, the platform's then the generic ones (every language);
4. the same with accents folded ("Descripcion", "CATEGORIA");
5. Shopify metafield keys ("Renk (product.metafields.shopify.color-pattern)");
6. the header's words (:mod:`.headers`): "Barcode (EAN)", "UPC / EAN", "Size Name",
   "Main Category", "Nama Merek", "IMMAGINE3".

A field a surer pass filled is not filled again by a looser one (joined fields such as
images take every column). Last, every column still unmapped whose words name a field
that no column fills is listed in ``ColumnMap.unmapped``: the loader reports them
once per file with the ``--map`` that fixes each.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from listlint.errors import ConfigError
from listlint.fields import CANONICAL_FIELDS
from listlint.loader.columns import (
    JOINED_FIELDS,
    MEASURE_FIELDS,
    UNIT_WORDS,
    ColumnMap,
    Profile,
    detect_profile,
    normalise_header,
    profiles,
    vocabulary,
)
from listlint.loader.headers import (
    ID_FIELDS,
    TEXT_FIELDS,
    fold,
    no_space_script,
    parse_header,
    singular,
)

#: fields a header's words may fill only when no other column names them exactly: the
#: bookkeeping ones are never guessed from words
_GUESSABLE = frozenset(CANONICAL_FIELDS) - {"listlint", "options", "handle", "parent"}


class Matcher:
    def __init__(self, headers: list[str], overrides: dict[str, str]) -> None:
        self.headers = list(headers)
        normalised = [normalise_header(h) for h in headers]
        self.keys = [k for k, _ in normalised]
        self.units = [u for _, u in normalised]
        self.prof = detect_profile(self.keys)
        self.generic = profiles()["generic"]
        self.vocab = vocabulary()
        self.overrides = overrides
        self.cmap = ColumnMap(
            headers=list(headers),
            profile=self.prof.name,
            variants=dict(self.prof.variants),
            locale=self.prof.locale,
        )
        self.taken: set[int] = set()
        self.by_key: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.keys):
            self.by_key[k].append(i)
        self.sources = (
            (self.prof, self.generic) if self.prof is not self.generic else (self.generic,)
        )

    def run(self) -> ColumnMap:
        self._overrides()
        self._options()
        self._exact()
        self._folded()
        self._metafields()
        self._words()
        self._report()
        return self.cmap

    # -- passes -------------------------------------------------------------------------
    def _overrides(self) -> None:
        for fname, header in self.overrides.items():
            if fname not in CANONICAL_FIELDS:
                raise ConfigError(
                    f"--map names an unknown field {fname!r} (fields: {', '.join(CANONICAL_FIELDS)})"
                )
            want = normalise_header(header)[0]
            idx = next((i for i, h in enumerate(self.headers) if h == header), None)
            if idx is None:
                idx = next((i for i, k in enumerate(self.keys) if k == want), None)
            if idx is not None:
                self.cmap.fields[fname] = [idx]
                self.taken.add(idx)
                unit = self.units[idx]
                if unit:
                    self.cmap.units[fname] = unit

    def _options(self) -> None:
        for prof in self.sources:
            for a, b in prof.options:
                for name_i, value_i in self._option_pairs(a, b):
                    if name_i not in self.taken and value_i not in self.taken:
                        self.cmap.options.append((name_i, value_i))
                        self.taken.update((name_i, value_i))

    def _option_pairs(self, a: str, b: str) -> list[tuple[int, int]]:
        """Columns of one option pair; a "1" word in the pair matches every number."""
        if " 1 " not in f" {a} " or " 1 " not in f" {b} ":
            if a in self.by_key and b in self.by_key:
                return [(self.by_key[a][0], self.by_key[b][0])]
            return []
        names = re.compile(_numbered(a))
        values = re.compile(_numbered(b))
        by_number: dict[str, int] = {}
        for i, k in enumerate(self.keys):
            m = values.fullmatch(k)
            if m:
                by_number.setdefault(m.group(1), i)
        out = []
        for i, k in enumerate(self.keys):
            m = names.fullmatch(k)
            if m and m.group(1) in by_number:
                out.append((i, by_number[m.group(1)]))
        return out

    def _exact(self) -> None:
        for source in self.sources:
            for fname, synonyms in source.fields.items():
                if fname in self.overrides:
                    continue
                for syn in synonyms:
                    for i in self.by_key.get(syn, ()):
                        self._add(fname, i, source)

    def _folded(self) -> None:
        for source in self.sources:
            index: dict[str, str] = {}
            for fname, synonyms in source.fields.items():
                for syn in synonyms:
                    index.setdefault(fold(syn), fname)
            for i, k in enumerate(self.keys):
                found = index.get(fold(k))
                if found and found not in self.overrides and not self._filled(found):
                    self._add(found, i, source)

    def _metafields(self) -> None:
        for prof in self.sources:
            if not prof.metafields:
                continue
            for i, h in enumerate(self.headers):
                if i in self.taken or "metafields." not in h:
                    continue
                words = parse_header(h, {}, UNIT_WORDS)
                if words.metafield:
                    fname = prof.metafields.get(".".join(words.metafield))
                    if fname and not self._filled(fname) and fname not in self.overrides:
                        self._add(fname, i, prof)

    def _skip(self, i: int) -> bool:
        """Columns the word rules leave alone: taken, listed by the platform as no field,
        or a Shopify metafield (its key, not its words, says what it holds: "Heel
        height type" is no height)."""
        h = self.headers[i]
        return i in self.taken or self.keys[i] in self.prof.ignore or "metafields." in h

    def _words(self) -> None:
        for i, h in enumerate(self.headers):
            if self._skip(i):
                continue
            fname = self.guess(h)
            if (
                fname
                and fname in _GUESSABLE
                and fname not in self.overrides
                and (not self._filled(fname) or fname in JOINED_FIELDS)
            ):
                self._add(fname, i, self.generic)

    def _report(self) -> None:
        for i, h in enumerate(self.headers):
            if self._skip(i):
                continue
            fname = self.looks_like(h)
            if fname and fname in _GUESSABLE and not self._filled(fname):
                self.cmap.unmapped.append((i, fname))

    # -- word rules ---------------------------------------------------------------------
    def guess(self, header: str) -> str | None:
        """The field a header's words name, or None (see the module docstring)."""
        vocab = self.vocab
        words = self._words_of(header)
        if not words or any(w in vocab.blockers for w in words):
            return None
        fname = self._phrase(words)
        if fname:
            return fname
        if any(w in vocab.kind_words for w in words):
            return None  # "Barcode Type", "Size Type": what kind of value, not the value
        names = [w for w in words if w in vocab.name_words]
        ids = [w for w in words if w in vocab.identifier_words]
        rest = tuple(w for w in words if w not in names and w not in ids)
        if not rest or (names and any(w in vocab.party_words for w in rest)):
            return None  # "vendor_name", "seller name": who sells, not the product's brand
        fname = self._phrase(rest)
        if fname is None:
            found = {self._single(w) for w in rest if w not in vocab.weak}
            fname = found.pop() if len(found) == 1 and len(rest) <= 4 else None
        if fname is None:
            return None
        if (names and fname not in TEXT_FIELDS) or (ids and fname not in ID_FIELDS):
            return None
        return fname

    def looks_like(self, header: str) -> str | None:
        """A field one of the header's words names (for the unmapped-column report)."""
        words = self._words_of(header)
        if not words or any(w in self.vocab.blockers or w in self.vocab.kind_words for w in words):
            return None
        for w in words:
            if w in self.vocab.weak or w in self.vocab.name_words:
                continue
            fname = self._single(w)
            if fname:
                return fname
            if no_space_script(w):
                for syn, f in self._index().items():
                    if len(syn) >= 2 and no_space_script(syn) and syn in w:
                        return f
        return None

    def _words_of(self, header: str) -> tuple[str, ...]:
        words = parse_header(header, self.vocab.currencies, UNIT_WORDS).words
        # a currency word beside others qualifies a price ("price_usd")
        words = tuple(w for w in words if w not in self.vocab.currencies) or words
        return self.vocab.strip_modifiers(words)

    def _index(self) -> dict[str, str]:
        """Folded synonym -> field, the platform's first."""
        index: dict[str, str] = {}
        for source in self.sources:
            for fname, synonyms in source.fields.items():
                for syn in synonyms:
                    index.setdefault(fold(syn), fname)
        return index

    def _phrase(self, words: tuple[str, ...]) -> str | None:
        index = self._index_cached()
        for last in singular(words[-1]):
            fname = index.get(" ".join((*words[:-1], last)))
            if fname:
                return fname
        return None

    def _single(self, word: str) -> str | None:
        index = self._index_cached()
        for form in singular(word):
            if form in index:
                return index[form]
        return None

    def _index_cached(self) -> dict[str, str]:
        if not hasattr(self, "_idx"):
            self._idx = self._index()
        return self._idx

    # -- bookkeeping --------------------------------------------------------------------
    def _filled(self, fname: str) -> bool:
        return bool(self.cmap.fields.get(fname))

    def _add(self, fname: str, i: int, source: Profile) -> None:
        if i in self.taken:
            return
        cols = self.cmap.fields.setdefault(fname, [])
        if cols and fname not in JOINED_FIELDS and fname != "price":
            if source is self.generic or fname in MEASURE_FIELDS:
                return  # a second match stays an attribute
        cols.append(i)
        self.taken.add(i)
        k = self.keys[i]
        unit = self.units[i] or self.prof.units.get(k) or self.generic.units.get(k)
        if unit and fname not in self.cmap.units:
            self.cmap.units[fname] = unit
        if fname == "price" and self.cmap.currency is None:
            self.cmap.currency = parse_header(
                self.headers[i], self.vocab.currencies, UNIT_WORDS
            ).currency


def _numbered(key: str) -> str:
    """A regex for an option key whose word "1" stands for any number."""
    parts = [re.escape(w) if w != "1" else r"(\d+)" for w in key.split(" ")]
    return r"\ ".join(parts)


@lru_cache(maxsize=4096)
def field_of(name: str) -> str | None:
    """The field a lone name (an option's, an attribute's) names: by the generic
    synonyms in every language, accent-folded, then by its words ("Colour Name",
    "Warna Produk")."""
    from listlint.loader.columns import fold_index

    key = normalise_header(name)[0]
    found = fold_index().get(fold(key))
    if found:
        return found
    return Matcher([name], {}).guess(name)
