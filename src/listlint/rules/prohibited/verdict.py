"""Per-marketplace verdicts merged into one finding per listing and category.

A seller checking ``--policy tiktok-shop-us,amazon-us`` wants one line for "Kratom
Capsules", not one per marketplace: the finding names every marketplace that bans or
restricts the category, takes the strictest severity among them, and says what to do on
each (remove it where it is prohibited, apply for approval where it is restricted). It is
a ``prohibited-product`` finding when any marketplace prohibits the category, else a
``restricted-product`` one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from listlint.policy.links import official_link, see_also
from listlint.report import Severity
from listlint.rules.prohibited.evidence import THRESHOLD, CategoryEvidence, TermHit
from listlint.rules.prohibited.policy import CategoryVerdict, Status, prohibited_of
from listlint.text.matcher import PhraseMatcher

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack

PROHIBITED_CODE = "PR101"
RESTRICTED_CODE = "PR102"


@lru_cache(maxsize=1)
def _covered() -> frozenset[str]:
    """First words of the marketplaces that have a shipped pack ("amazon", "tiktok")."""
    from listlint.policy import shipped_packs

    return frozenset(name.split("-")[0] for name in shipped_packs() if name != "base")


@dataclass(frozen=True)
class MarketVerdict:
    pack: PolicyPack
    verdict: CategoryVerdict
    hit: TermHit

    @property
    def names(self) -> list[str]:
        """Who this verdict speaks for: a root pack's list of marketplaces, else the pack.
        The baseline's lists name only marketplaces listlint has a pack for: a seller
        told "prohibited on ... Etsy" could not check it with ``--policy``."""
        if not self.pack.extends and self.verdict.marketplaces:
            covered = _covered()
            named = [m for m in self.verdict.marketplaces if m.split()[0].lower() in covered]
            return named or list(self.verdict.marketplaces)
        return [self.pack.label]

    @property
    def approval_url(self) -> str | None:
        """Where to apply, on this marketplace's own site (an inherited page of another
        marketplace is skipped, see :mod:`listlint.policy.links`)."""

        section = prohibited_of(self.pack)
        return official_link(self.pack, self.verdict.approval_url, section.approval_url)


@dataclass(frozen=True)
class Resolved:
    """One finding's worth: what the rule turns into a :class:`~listlint.rules.base.Hit`."""

    code: str
    category: str
    severity: Severity
    marketplaces: tuple[str, ...]
    hit: TermHit
    others: tuple[str, ...]
    prohibited: tuple[MarketVerdict, ...]
    restricted: tuple[MarketVerdict, ...]
    #: which field, which role, why this severity (issue 16): quoted in the message
    why: str = ""
    #: only search tags name it (the advice is then about the tag, not the listing)
    tag_only: bool = False


class VerdictTable:
    """What each selected pack does with each category (built once per rule instance)."""

    def __init__(self, packs: list[PolicyPack]) -> None:
        self.packs = packs
        self._allowed_in: dict[tuple[str, str], PhraseMatcher[str]] = {}
        for pack in packs:
            for cid, verdict in prohibited_of(pack).categories.items():
                if verdict.allowed_in:
                    self._allowed_in[(pack.name, cid)] = PhraseMatcher(
                        (w, w) for w in verdict.allowed_in
                    )

    def allowed_everywhere(self, categories: Iterable[str]) -> frozenset[str]:
        """Categories that every selected pack allows (or does not know): no need to look."""
        return frozenset(
            c
            for c in categories
            if all(
                (v := prohibited_of(p).categories.get(c)) is None or v.status is Status.ALLOWED
                for p in self.packs
            )
        )

    def resolve(
        self, evidence: dict[str, CategoryEvidence], listing_category: str
    ) -> list[Resolved]:
        out = []
        for cid, ev in evidence.items():
            verdicts = []
            for pack in self.packs:
                verdict = prohibited_of(pack).categories.get(cid)
                if verdict is None or verdict.status is Status.ALLOWED:
                    continue
                exempt = self._allowed_in.get((pack.name, cid))
                if exempt is not None and exempt.contains_any(listing_category):
                    continue  # the listing's own category makes it ordinary here
                hit = ev.best(verdict.depictions_count)
                if hit is None or ev.score(verdict.depictions_count) < THRESHOLD:
                    continue
                verdicts.append(MarketVerdict(pack, verdict, hit))
            if verdicts:
                out.append(_merge(cid, ev, verdicts))
        return _drop_echoes(out)


def _family(category: str) -> str:
    return category.split("_", 1)[0]


#: a category whose finding already covers another's: a filler syringe is the filler, the
#: nicotine in a vape is the vape's
_SUBSUMES = {
    "prescription": frozenset({"health_products_restricted", "otc_medicines"}),
    "tobacco": frozenset({"otc_medicines"}),
}


def _drop_echoes(found: list[Resolved]) -> list[Resolved]:
    """A "switchblade pocket knife" is one problem: keep one finding per family of categories
    (weapons, drugs...) on a listing, the prohibited one first, the strongest match next."""
    kept: dict[str, Resolved] = {}
    for r in sorted(found, key=lambda r: (r.code, -r.hit.weight, r.hit.start)):
        kept.setdefault(_family(r.category), r)
    covered = {c for f in kept for c in _SUBSUMES.get(f, ())}
    return [r for r in kept.values() if r.category not in covered]


def _merge(cid: str, ev: CategoryEvidence, verdicts: list[MarketVerdict]) -> Resolved:
    prohibited = tuple(v for v in verdicts if v.verdict.status is Status.PROHIBITED)
    restricted = tuple(v for v in verdicts if v.verdict.status is Status.RESTRICTED)
    severity = max(
        (v.verdict.effective_severity for v in verdicts if v.verdict.effective_severity),
        key=lambda s: s.rank,
    )
    # search tags alone are weak evidence: at most a warning (issue 19)
    counted = [h for v in verdicts for h in ev.counted(v.verdict.depictions_count)]
    tag_only = all(h.tag for h in counted)
    # so is an attribute column of a row without a title (a feature table, a variant row)
    untitled = not tag_only and all(h.tag or h.untitled for h in counted)
    if (tag_only or untitled) and severity.rank > Severity.WARNING.rank:
        severity = Severity.WARNING
    names: list[str] = []
    for v in (*prohibited, *restricted):
        names.extend(n for n in v.names if n not in names)
    hit = max((v.hit for v in verdicts), key=lambda h: (h.weight, -h.start))
    others = []
    for h in sorted(ev.hits, key=lambda h: -h.weight):
        if h.term.text != hit.term.text and h.term.text not in others:
            others.append(h.term.text)
    return Resolved(
        code=PROHIBITED_CODE if prohibited else RESTRICTED_CODE,
        category=cid,
        severity=severity,
        marketplaces=tuple(names),
        hit=hit,
        others=tuple(others[:3]),
        prohibited=prohibited,
        restricted=restricted,
        why=explain(hit, severity, tag_only, untitled),
        tag_only=tag_only,
    )


_FIELD_NAMES = {"product_type": "product type", "tags": "search tags", "bullets": "bullet points"}


def explain(hit: TermHit, severity: Severity, tag_only: bool, untitled: bool = False) -> str:
    """Which field, which role, why this severity, in one or two sentences."""
    where = _FIELD_NAMES.get(hit.field, hit.field.removeprefix("attr:"))
    parts = []
    if hit.note:
        parts.append(f"In the {where}, {hit.note}.")
    elif hit.reason:
        parts.append(f"In the {where}, {hit.reason}.")
    if tag_only:
        parts.append(
            "Only the search tags name it: the tag, not the product, is the problem, so this "
            "is a warning; remove the tag if the item is not one."
        )
    elif untitled:
        parts.append(
            f"The row has no title and only its {where} column names it: weak evidence of "
            "what is sold, so this is a warning."
        )
    elif hit.depiction:
        parts.append("It is a depiction, which this marketplace bans as well.")
    elif severity is Severity.ERROR:
        parts.append(f"An error because the {where} names it as what is sold.")
    return " ".join(parts)


def _names(verdicts: tuple[MarketVerdict, ...]) -> str:
    names: list[str] = []
    for v in verdicts:
        names.extend(n for n in v.names if n not in names)
    return ", ".join(names)


#: marketplace names as the baseline's messages write them
_MARKETS = re.compile(r"\b(TikTok(?: Shop)?|Amazon|Google(?: Shopping)?|eBay|Etsy)\b")
_OTHERS = re.compile(r"\b(other marketplaces|elsewhere)\b", re.IGNORECASE)


def concerning(advice: str, marketplaces: tuple[str, ...]) -> str:
    """The clauses of a category message that concern ``marketplaces``.

    The baseline's messages compare marketplaces ("CBD ... is banned on TikTok Shop and
    Amazon; Google allows topical CBD only with certification. Remove the listing.") and
    marketplace packs inherit them; an eBay seller must not be told to "remove the listing
    from TikTok Shop". A clause naming only other marketplaces is dropped, and so is an
    "other marketplaces ..." clause after it; clauses naming no marketplace stay.
    """
    own = {m.split()[0].lower() for m in marketplaces}
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", advice.strip()):
        end = sentence[-1] if sentence[-1] in ".!?" else ""
        kept, dropped = [], False
        for clause in (sentence[:-1] if end else sentence).split("; "):
            named = {m.split()[0].lower() for m in _MARKETS.findall(clause)}
            if (named and not named & own) or (dropped and not named and _OTHERS.search(clause)):
                dropped = True
                continue
            kept.append(clause)
        if kept:
            joined = "; ".join(kept)
            out.append(joined[0].upper() + joined[1:] + end)
    return " ".join(out)


def message(r: Resolved, quote: str) -> str:
    """What is wrong, in the seller's words: category, quoted text, who bans it, why."""
    main = (r.prohibited or r.restricted)[0]
    label = main.verdict.label
    parts = []
    if r.prohibited:
        parts.append(f"prohibited on {_names(r.prohibited)}")
    if r.restricted:
        parts.append(f"restricted on {_names(r.restricted)} (needs approval)")
    text = f'{label}: "{quote}" is ' + "; ".join(parts) + "."
    if r.hit.disguised:
        text += " The term is written in disguise, which marketplaces treat as evasion."
    if r.why:
        text += " " + r.why
    if r.others:
        text += " Also mentions: " + ", ".join(f'"{o}"' for o in r.others) + "."
    advice = "" if r.tag_only else main.verdict.message
    if advice and main.pack.extends:  # a marketplace pack: drop what concerns others only
        advice = concerning(advice, r.marketplaces)
    if advice:
        text += " " + advice
    if main.verdict.confidence == "low":
        text += " (This rule comes from a secondary source: confirm it on the marketplace's page.)"
    return text


def suggestion(r: Resolved) -> str:
    """What to do: remove where prohibited, apply for approval (with the link) where restricted."""
    steps = []
    if r.prohibited:
        steps.append(f"Remove this listing from {_names(r.prohibited)}")
    for v in r.restricted:
        if v.verdict.effective_severity is Severity.INFO:
            steps.append(f"Prepare the documents {', '.join(v.names)} asks for")
            continue
        link = v.approval_url
        where = ", ".join(v.names)
        steps.append(f"Apply for approval on {where}" + (f" ({link})" if link else ""))
    seen: list[str] = []
    for s in steps:
        if s not in seen:
            seen.append(s)
    return "; ".join(seen) + "."


def _link(v: MarketVerdict) -> str | None:
    """This marketplace's own page for the category (see :mod:`listlint.policy.links`)."""

    section = prohibited_of(v.pack)
    return official_link(v.pack, v.verdict.policy_url, v.verdict.source, section.policy_url)


def policy_link(r: Resolved) -> str:
    """The page of the first marketplace named (prohibited before restricted)."""
    return _link((r.prohibited or r.restricted)[0]) or ""


def other_links(r: Resolved) -> str:
    """The other marketplaces' own pages as ' See also: ...' ('' when one page serves)."""

    verdicts = (*r.prohibited, *r.restricted)
    return see_also(((v.pack.label, _link(v)) for v in verdicts[1:]), policy_link(r))
