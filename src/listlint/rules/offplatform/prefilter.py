"""Which cells can hold contact details or off-platform links: decided in polars, so
:func:`~listlint.rules.offplatform.detect.find` (Python) runs on those cells only.

The test is a superset of what ``find`` reports (tests/test_offplatform.py checks it on
every case), built from the same vocabulary:

* one literal-led regex over the folded text: ``@``, ``http``, ``www.``, spelled-out
  ``(at)``; a ``.`` before a known ending or a platform's host; platform names long
  enough to be rare ("whatsapp", "instagram", "shopee"); short or everyday names
  ("IG", "WA", "LINE") only with a handle, a number, "me"/"us" or a contact cue next to
  them; ``+`` before a digit; a phone cue before a digit;
* North American numbers (``415-555-0132``), the one shape with no literal to lead it,
  as a second scan;
* cells with a non-ASCII character also against the non-ASCII cues and names ("微信",
  "โทร", "واتساب"), which ASCII cells cannot contain.

Both engines are Rust's regex crate through polars: linear in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from listlint.rules import textscan
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch

OWNER = "offplatform"
#: ASCII names too short or too common to stand alone as a key ("insta" is in "install")
_NEEDS_CONTEXT = frozenset(("insta", "signal", "snap", "tele", "line", "line@", "messenger"))
_NANP = r"[2-9][0-9]{2}[\s.)-]{1,2}[2-9][0-9]{2}[\s.-][0-9]{4}"


def _alt(words: list[str]) -> str:
    return "|".join(pl.escape_regex(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Prefilter:
    """The columnar test of one vocabulary, built once with it."""

    #: stage one: literals, one of which every finding in ASCII text contains (one
    #: Aho-Corasick/Teddy pass shared with advertising, :mod:`listlint.rules.textscan`;
    #: a regex of many branches costs about twice as much)
    literals: str
    #: stage two, on the cells stage one kept: the literal-led regex
    pattern: str
    #: non-ASCII names and cues, looked for in cells with a non-ASCII character only
    dense: tuple[str, ...]


def build(
    names: list[str],
    cues: list[tuple[str, str]],
    tlds: list[str],
    hosts: list[str],
) -> Prefilter:
    """The prefilter of a vocabulary: folded platform names, (folded cue, kind) pairs,
    web-address endings and the platforms' hosts."""
    ascii_names = [n for n in names if n.isascii()]
    long_names = [n for n in ascii_names if len(n) >= 5 and n not in _NEEDS_CONTEXT]
    short_names = [n for n in ascii_names if n not in long_names]
    phone_cues = [k for k, kind in cues if kind == "phone" and k.isascii()]
    contact_cues = [k for k, kind in cues if kind != "phone" and k.isascii()]
    short = _alt(short_names)
    branches = [
        r"@|https?:|www\.|[\(\[\{]\s?at\s?[\)\]\}]|\sdot\s",
        r"\.(?:" + _alt(tlds) + r")\b",
        r"(?:" + _alt(hosts) + r")\b",
        r"(?:" + _alt(long_names) + r")",
        r"\b(?:" + short + r")\b(?:\s?(?:id)?\s?[:：@]|[\s:：.\-]{0,3}\+?\(?[0-9]|\s(?:me|us)\b)",
        r"\b(?:" + _alt(contact_cues) + r")\b[^\n]{0,40}\b(?:" + short + r")\b",
        r"\+\s?[0-9]",
        r"\b(?:" + _alt(phone_cues) + r")[^\n]{0,20}[0-9]",
    ]
    # stage one: a literal of each branch, as written next to what makes it count: a
    # digit after "+", a number or a label after a phone cue, a separator after a short
    # name (stage two and the reader decide; these only have to be in every finding)
    digits = [str(d) for d in range(10)]
    literals = ["@", "http", "www.", "at)", "at]", "at}", " dot "]
    literals += [f"+{d}" for d in digits] + [f"+ {d}" for d in digits]
    literals += ["." + t for t in tlds] + hosts + long_names
    after_cue = [*digits, *(f" {d}" for d in digits), ":", ".", "(", "+", " (", " +", "#", " #",
                 "-", " -", " no", " us", " me", " at", " is", " on", "\uff1a", " \uff1a"]  # fmt: skip
    literals += [f"{cue}{a}" for cue in phone_cues for a in after_cue]
    # short names only with a separator after them: "IG:", "WA 0812", "Line ID", "IG @x";
    # everyday words ("line", "signal") only labelled or after "on"/"via"
    for n in short_names:
        literals += [f"{n}{sep}" for sep in (":", "@", "\uff1a", " id", " @", " +", " me", " us")]
        if n in _NEEDS_CONTEXT:
            literals += [f"{w} {n}" for w in ("on", "via", "di", "qua", "trên", "add", "ke")]
        else:
            literals += [f"{n} ", f"{n}.", f"{n}-"]
    dense = sorted({k for k in names + [k for k, _ in cues] if not k.isascii()})
    prefilter = Prefilter(_alt(literals), "|".join(f"(?:{b})" for b in branches), tuple(dense))
    textscan.register(OWNER, prefilter.literals)  # before the first batch is scanned
    return prefilter


def candidates(batch: Batch, field: str, prefilter: Prefilter) -> list[int]:
    """Positions of ``field`` cells that may hold something off-platform."""
    text = batch.folded_series(field)
    # again here: a vocabulary built in another process (a worker) registered there
    textscan.register(OWNER, prefilter.literals)
    rows = textscan.rows(batch, field, OWNER)
    hit = pl.Series(field, [False] * len(text))
    if len(rows):
        sub = text.gather(rows)
        kept = rows.filter(sub.str.contains(prefilter.pattern).fill_null(False))
        hit = hit.scatter(kept, True)
    # North American numbers have no literal to lead them: their own (cheap) scan
    hit = hit | text.str.contains(_NANP).fill_null(False)
    wide = non_ascii(text).fill_null(False)
    if prefilter.dense and wide.any():
        hit = hit | (wide & text.str.contains_any(list(prefilter.dense)).fill_null(False))
    return hit.arg_true().to_list()
