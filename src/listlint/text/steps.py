"""Text transformations as data: one table of steps, run on one string or on a column.

A text :class:`Form` (the seller's *clean* text, the *folded* matching form: see
:mod:`listlint.text.normalize`) is a tuple of steps. Calling the form applies them to
one ``str``, :meth:`Form.series` to a polars ``Series``; both read the same table, so
the per-string and the columnar form cannot drift apart (they used to be written twice
and kept equal by tests; one had drifted). Each step says what it does in terms both engines
share: a Unicode normal form, a Unicode general category, a set of characters, a
regular expression in the syntax Python's ``re`` and Rust's ``regex`` read alike (no
``\\s``, ``\\w`` or ``\\b``, whose meanings differ between the two), lower case.

``only`` says which texts can need the step, so the columnar form runs it on those cells
alone (most catalogue text is ASCII and markup-free): ``NON_ASCII``, or a regular
expression a text must contain. It never changes a result, only where work is done.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import polars as pl

#: the cells that contain a non-ASCII character
NON_ASCII = "non-ascii"
#: Unicode White_Space: what polars' (Rust's) whitespace means, spelled out so that
#: Python's ``re`` and ``str.strip`` use the same set (theirs adds U+001C..U+001F)
WHITESPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


@dataclass(frozen=True, slots=True)
class Normalize:
    """Unicode normal form (``"NFC"``, ``"NFKD"``)."""

    form: str
    only: str | None = NON_ASCII


@dataclass(frozen=True, slots=True)
class DropCategory:
    """Delete every character of a Unicode general category (``"M"``: every mark)."""

    category: str
    only: str | None = NON_ASCII


@dataclass(frozen=True, slots=True)
class DropChars:
    """Delete these characters."""

    chars: str
    only: str | None = NON_ASCII


@dataclass(frozen=True, slots=True)
class Replace:
    """Replace every match of ``pattern`` (a regex both engines read alike) by ``repl``
    (literal text)."""

    pattern: str
    repl: str
    only: str | None = None


@dataclass(frozen=True, slots=True)
class Lower:
    """Lower case (full Unicode case mapping)."""

    only: str | None = None


@dataclass(frozen=True, slots=True)
class Strip:
    """Remove :data:`WHITESPACE` at both ends."""

    only: str | None = None


@dataclass(frozen=True, slots=True)
class Apply:
    """A function of one string that no expression can say (HTML stripping); the
    columnar form calls it on each cell that needs it."""

    fn: Callable[[str], str]
    only: str | None = None


Step = Normalize | DropCategory | DropChars | Replace | Lower | Strip | Apply


# -- one string ---------------------------------------------------------------------
_COMPILED: dict[str, re.Pattern[str]] = {}


def _regex(pattern: str) -> re.Pattern[str]:
    found = _COMPILED.get(pattern)
    if found is None:
        found = _COMPILED[pattern] = re.compile(pattern)
    return found


class _CategoryDrop(dict[int, str | None]):
    """``str.translate`` table deleting one Unicode general category, filled on first
    sight of each character: a category is a property of the character alone, so the
    answer is cached, and translate runs in C (a per-character generator cost ~6 us per
    non-ASCII name, ~1 s of folding Google's 21-locale taxonomy at start-up)."""

    def __init__(self, category: str) -> None:
        super().__init__()
        self.category = category

    def __missing__(self, code: int) -> str | None:
        keep = not unicodedata.category(chr(code)).startswith(self.category)
        found = self[code] = chr(code) if keep else None
        return found

    def __call__(self, text: str) -> str:
        return text.translate(self)


def _scalar_step(step: Step) -> Callable[[str], str]:
    if isinstance(step, Normalize):
        form = step.form
        return lambda t: unicodedata.normalize(form, t)  # type: ignore[arg-type]
    if isinstance(step, DropCategory):
        return _CategoryDrop(step.category).__call__
    if isinstance(step, DropChars):
        table = dict.fromkeys(map(ord, step.chars))
        return lambda t: t.translate(table)
    if isinstance(step, Replace):
        rx, repl = _regex(step.pattern), step.repl.replace("\\", "\\\\")
        return lambda t: rx.sub(repl, t)
    if isinstance(step, Lower):
        return str.lower
    if isinstance(step, Strip):
        return lambda t: t.strip(WHITESPACE)
    return step.fn


def _keeps_ascii(step: Step) -> bool:
    """Does ``step`` turn ASCII text into ASCII text? (An HTML decoder may not.)"""
    if isinstance(step, Apply):
        return False
    return not isinstance(step, Replace) or step.repl.isascii()


class Form:
    """A text form: its steps, runnable on one string (``form(text)``) or on a column
    (``form.series(series)``)."""

    def __init__(self, *steps: Step) -> None:
        self.steps = steps
        compiled = [(step.only, _scalar_step(step)) for step in steps]
        self._all = compiled
        #: ASCII text skips every step kept for non-ASCII text unless a step makes it
        #: non-ASCII ("p&#x2003;q" decodes to an em space, which the non-ASCII steps
        #: must then see, as they do in a column); so when the only other step is an
        #: unconditional one that keeps ASCII text ASCII (fold's lower()), ASCII text
        #: needs that step alone
        others = [step for step in steps if step.only != NON_ASCII]
        only_plain = len(others) == 1 and others[0].only is None and _keeps_ascii(others[0])
        self._ascii_only = _scalar_step(others[0]) if only_plain else None

    def __call__(self, text: str) -> str:
        if self._ascii_only is not None and text.isascii():
            return self._ascii_only(text)
        for only, fn in self._all:
            if only is None or (
                not text.isascii() if only == NON_ASCII else _regex(only).search(text)
            ):
                text = fn(text)
        return text

    def series(self, series: pl.Series) -> pl.Series:
        return run_series(self.steps, series)


# -- a column -----------------------------------------------------------------------
def non_ascii(series: pl.Series) -> pl.Series:
    """Which cells have a non-ASCII character (null for null): a UTF-8 byte count above
    the character count says so. Same answer as ``str.contains("[^\\x00-\\x7f]")``, at
    1/20 of the cost on long descriptions (no regex scan; measured 4 ms against 84 ms
    for 100k descriptions)."""
    return series.str.len_bytes() != series.str.len_chars()


def _mask(only: str, series: pl.Series) -> pl.Series:
    return non_ascii(series) if only == NON_ASCII else series.str.contains(only)


def on_subset(
    series: pl.Series,
    mask: pl.Series,
    fn: Callable[[pl.Series], pl.Series],
    *,
    owned: bool = True,
) -> pl.Series:
    """Apply a Series -> Series function only where ``mask`` is true (the costly steps
    run on the few cells that need them). polars' ``scatter`` writes in place: unless
    ``owned`` says ``series`` is the caller's own, it writes into a copy."""
    mask = mask.fill_null(False)
    if not mask.any():
        return series
    idx = mask.arg_true()
    return (series if owned else series.clone()).scatter(idx, fn(series.filter(mask)))


def _series_step(step: Step) -> Callable[[pl.Series], pl.Series]:
    if isinstance(step, Normalize):
        return lambda s: s.str.normalize(step.form)  # type: ignore[arg-type]
    if isinstance(step, DropCategory):
        return lambda s: s.str.replace_all(rf"\p{{{step.category}}}", "")
    if isinstance(step, DropChars):
        return lambda s: s.str.replace_all("[" + re.escape(step.chars) + "]", "")
    if isinstance(step, Replace):
        return lambda s: s.str.replace_all(step.pattern, step.repl.replace("$", "$$"))
    if isinstance(step, Lower):
        return lambda s: s.str.to_lowercase()
    if isinstance(step, Strip):
        return lambda s: s.str.strip_chars(WHITESPACE)
    fn = step.fn
    return lambda s: pl.Series(
        s.name, [fn(v) if v is not None else None for v in s.to_list()], dtype=pl.Utf8
    )


def run_series(steps: tuple[Step, ...], series: pl.Series) -> pl.Series:
    """``series`` (text) through ``steps``, each on the cells that can need it."""
    # the caller's Series must not change: the first write into it goes to a copy
    owned = series.dtype != pl.Utf8
    if owned:
        series = series.cast(pl.Utf8)
    groups = _groups(steps)
    lead = next((k for k, (only, _) in enumerate(groups) if only is None), len(groups))
    if lead > 1:
        # A cell none of the leading conditional steps can need is left alone by all of
        # them (each changes only cells its ``only`` matches, and the cell never changes
        # before the next): one mask for the lot, and their own masks on those cells
        # only. Catalogue text mostly needs none; CLEAN took five masks per column.
        before = series
        series = on_subset(
            series, _any_mask(groups[:lead], series), partial(_run, groups[:lead]), owned=owned
        )
        owned = owned or series is not before
        groups = groups[lead:]
    return _run(groups, series, owned=owned)


def _any_mask(
    groups: list[tuple[str | None, list[Callable[[pl.Series], pl.Series]]]], series: pl.Series
) -> pl.Series:
    """Cells that match the ``only`` of any of ``groups`` (all conditional)."""
    patterns = [only for only, _ in groups if only != NON_ASCII]
    mask = series.str.contains("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    if len(patterns) < len(groups):
        mask = non_ascii(series) if mask is None else mask | non_ascii(series)
    assert mask is not None
    return mask


def _run(
    groups: list[tuple[str | None, list[Callable[[pl.Series], pl.Series]]]],
    series: pl.Series,
    *,
    owned: bool = True,
) -> pl.Series:
    """``series`` through ``groups`` (see :func:`_groups`); ``owned``: may be written."""
    for only, fns in groups:
        if only is None:
            series = _chain(fns, series)
        else:
            # consecutive steps for the same cells run on one subset, written back once
            mask = _mask(only, series)
            before = series
            series = on_subset(series, mask, partial(_chain, fns), owned=owned)
            if series is before:
                continue  # no cell needed the steps: still the caller's Series
        owned = True  # a step's output, or the copy written into, is this run's own
    return series


def _groups(
    steps: tuple[Step, ...],
) -> list[tuple[str | None, list[Callable[[pl.Series], pl.Series]]]]:
    """Consecutive steps that run on the same cells, with their columnar functions. The
    mask of a group is taken before its first step; a later step of the group only ever
    needs a subset of those cells (steps for non-ASCII cells leave ASCII cells alone)."""
    out: list[tuple[str | None, list[Callable[[pl.Series], pl.Series]]]] = []
    for step in steps:
        if out and out[-1][0] == step.only and step.only in (None, NON_ASCII):
            out[-1][1].append(_series_step(step))
        else:
            out.append((step.only, [_series_step(step)]))
    return out


def _chain(fns: list[Callable[[pl.Series], pl.Series]], series: pl.Series) -> pl.Series:
    for fn in fns:
        series = fn(series)
    return series
