"""Find contact details and off-platform calls to action in one folded text.

Pure functions over the folded form of a title, description or bullet list (see
:func:`listlint.text.normalize.fold`); spans index that form. Each :class:`Found` is one
thing a seller must remove, of one kind:

* ``phone``: a phone number with a cue ("call", "tel", "SĐT", "电话"...) before it, in an
  international ``+CC`` form, or a North American ``(415) 555-0132`` form;
* ``email``: an address, also spelled out (``name [at] gmail [dot] com``);
* ``link``: a web address (``http``, ``www.``, or ``name.com`` with a known ending);
* ``messenger``: a messenger or social network named with a handle or number next to it
  ("IG: @shop", "WhatsApp +62 812..."), after a call to contact ("DM us on Instagram"),
  or called on ("WhatsApp me"); links to messengers (``wa.me``, ``t.me``) too;
* ``marketplace``: another marketplace after a redirect ("also available on Amazon") or a
  link to one (``amzn.to/...``, ``shopee.vn/...``).

A number attached to a messenger is reported once, as the messenger contact; a link to a
marketplace or messenger once, as that. Not read: numbers without a cue in local formats
("0812-3456-7890" alone), numbers written in words, contact details in images or in HTML
attributes (the loader keeps a description's text, not its markup).

Work is linear in the text: every scan is one pass (RE2, Aho-Corasick), a pattern tried
at a position looks at a short window (:func:`~listlint.text.saferegex.match_at`), and
at most :data:`MAX_PER_KIND` findings of a kind are kept (a rule reports the first).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from listlint.rules.offplatform.vocab import Platform, Vocab
from listlint.text.intervals import Intervals
from listlint.text.saferegex import match_at
from listlint.text.scriptmatch import unspaced

#: words before a North American number that make it a part, model or catalogue number
_CODE_WORDS = ("part", "model", "sku", "item", "ref", "no", "nr", "oem", "p/n", "pn", "isbn",
               "ean", "upc", "art", "serial", "lot", "code", "#", "mpn", "style", "cat")  # fmt: skip
#: what may stand between a contact cue and the platform ("message us on WhatsApp")
_MAX_GAP_WORDS = 3
_MAX_GAP_CHARS = 30
#: findings kept per kind and text: rules report the first; the cap bounds the work
MAX_PER_KIND = 8


@dataclass(frozen=True, slots=True)
class Found:
    kind: str  # phone | email | link | messenger | marketplace
    start: int
    end: int
    #: the platform named or linked (messenger, social network, marketplace, shortener)
    platform: str | None = None
    #: the link's host, lower case, for allowed-domain checks
    host: str | None = None


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _bounded(text: str, start: int, end: int) -> bool:
    """No letter or digit glued to either end ("3.7V" is a measure, not a number)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (_word_char(before) or _word_char(after) or after in "%°")


def _sentence_break(original: str | None, start: int, end: int, host: str) -> bool:
    """ "nuances.Top : Ylang" or "Jelly.Store - ...": a word ending that starts with a
    capital after a small letter is a full stop without its space, not an address."""
    if original is None:
        return False
    dot = start + len(host) - len(host.rsplit(".", 1)[-1]) - 1
    return (
        0 < dot + 1 < end <= len(original)
        and original[dot + 1].isupper()
        and original[dot - 1].islower()
    )


def _emails(text: str, vocab: Vocab, taken: Intervals) -> list[Found]:
    out: list[Found] = []
    for m in vocab.email.finditer(text):
        start, end = m.span()
        if start > 0 and (_word_char(text[start - 1]) or text[start - 1] in ".-"):
            continue
        if end < len(text) and _word_char(text[end]):
            continue
        quote = text[start:end]
        spelled_at = "@" not in quote and "(at)" not in quote and "[at]" not in quote
        if spelled_at and " dot " not in quote:
            host = quote.split(" at ", 1)[-1].strip().split(".")[0]
            if host not in vocab.mail_hosts:
                continue
        out.append(Found("email", start, end))
        taken.add(start, end)
        if len(out) >= MAX_PER_KIND:
            break
    return out


def _links(text: str, vocab: Vocab, taken: Intervals, original: str | None) -> list[Found]:
    out: list[Found] = []
    candidates: list[tuple[int, int]] = []
    for pattern in (vocab.url, vocab.bare_domain, vocab.platform_link):
        for n, m in enumerate(pattern.finditer(text)):
            candidates.append(m.span())
            if n >= 4 * MAX_PER_KIND:
                break
    for start, end in sorted(candidates):
        if taken.overlaps(start, start + 1):
            continue
        while end > start and text[end - 1] in ".,;:!?)":
            end -= 1
        quote = text[start:end]
        if not quote.startswith(("http", "www.")):
            before = text[start - 1] if start > 0 else " "
            if _word_char(before) or before in "@.-/":
                continue
            if end < len(text) and _word_char(text[end]):
                continue
            host = quote.split("/", 1)[0]
            labels = host.split(".")
            if quote in vocab.not_domains or not any(c.isalpha() for c in labels[0]):
                continue
            if len(labels[0]) < 2 and vocab.platform_of_host(host) is None:
                continue
            if labels[-1] in vocab.word_tlds and _sentence_break(original, start, end, host):
                continue
        rest = quote.split("://", 1)[-1]
        host, _, path = rest.partition("/")
        host = host.split(":", 1)[0].removeprefix("www.")
        platform = vocab.platform_of_host(host, path)
        kind = "link"
        if platform is not None and platform.kind in ("messenger", "marketplace"):
            kind = platform.kind
        out.append(Found(kind, start, end, platform.name if platform else None, host))
        taken.add(start, end)
        if len(out) >= MAX_PER_KIND:
            break
    return out


def _phones(text: str, vocab: Vocab, taken: Intervals) -> list[Found]:
    out: list[Found] = []

    def add(start: int, end: int) -> bool:
        out.append(Found("phone", start, end))
        taken.add(start, end)
        return len(out) >= MAX_PER_KIND

    # a cue, then a run of 7-15 digits: any format the markets write
    for cue in vocab.cues.iter(text):
        if cue.payload != "phone":
            continue
        run = _number_after(text, cue.end, vocab)
        if run is not None and not taken.overlaps(*run) and add(*run):
            return out
    for m in vocab.intl_phone.finditer(text):
        start, end = m.span()
        if 8 <= _digits(text[start:end]) <= 15 and _bounded(text, start, end):
            if not taken.overlaps(start, end) and add(start, end):
                return out
    for m in vocab.nanp_phone.finditer(text):
        start, end = m.span()
        if not _bounded(text, start, end) or taken.overlaps(start, end):
            continue
        # "part no. 512-344-1190 and 512-344-1191": a code word a few words back
        before = [w.strip(".:#,;()") for w in text[max(0, start - 60) : start].split()[-6:]]
        if any(w in _CODE_WORDS or w.endswith("#") for w in before):
            continue
        if add(start, end):
            return out
    return out


def _number_after(text: str, pos: int, vocab: Vocab) -> tuple[int, int] | None:
    """A phone-like run of 7-15 digits starting at (or a label after) ``pos``."""
    skip = match_at(vocab.skip_to_number, text, pos, 24)
    found = match_at(vocab.digit_run, text, skip[1] if skip else pos, 64)
    if found is None:
        return None
    start, end, _ = found
    while end > start and not text[end - 1].isdigit():
        end -= 1
    if 7 <= _digits(text[start:end]) <= 15 and _bounded(text, start, end):
        return start, end
    return None


def _gap_ok(text: str, start: int, end: int) -> bool:
    gap = text[start:end]
    return len(gap) <= _MAX_GAP_CHARS and len(gap.split()) <= _MAX_GAP_WORDS


class _Cues:
    """Contact or redirect cues by where they end, for "is there one just before?"."""

    def __init__(self, text: str, vocab: Vocab, kind: str) -> None:
        # every cue, overlapping ones too: "hubungi" is both a phone and a contact cue
        self.ends = sorted(c.end for c in vocab.cues.iter(text) if c.payload == kind)

    def before(self, text: str, start: int) -> bool:
        at = bisect_left(self.ends, start + 1)
        low = bisect_left(self.ends, start - _MAX_GAP_CHARS)
        return any(_gap_ok(text, end, start) for end in self.ends[low:at])


def _messengers(text: str, vocab: Vocab, phones: list[Found], taken: Intervals) -> list[Found]:
    """Messenger and social contacts, and marketplaces after a redirect cue. A number or
    handle right after a messenger's name belongs to the messenger finding (one finding
    per contact, not one for the name and one for the number)."""
    out: list[Found] = []
    contact = redirect = None
    for m in vocab.names.longest(text):
        platform: Platform = vocab.platforms[m.payload]
        if taken.overlaps(m.start, m.start + 1):
            continue  # inside a link or an address already reported
        if platform.kind == "marketplace":
            redirect = redirect or _Cues(text, vocab, "redirect")
            if redirect.before(text, m.start):
                out.append(Found("marketplace", m.start, m.end, platform.name))
        elif platform.kind in ("messenger", "social"):
            end = _attached(text, m.end, vocab)
            if end is None and platform.bare and _calls_on(text, m.end):
                end = m.end + 3
            if end is None:
                contact = contact or _Cues(text, vocab, "contact")
                end = m.end if contact.before(text, m.start) else None
            if end is None:
                continue
            phones[:] = [p for p in phones if not (p.start < end and m.start < p.end)]
            out.append(Found("messenger", m.start, end, platform.name))
        if len(out) >= MAX_PER_KIND:
            break
    return out


def _attached(text: str, name_end: int, vocab: Vocab) -> int | None:
    """End of a number or handle written right after a messenger's name, if any:
    "WhatsApp +62 812 3456 7890", "Zalo 0987 654 321", "IG: @shop", "Line ID: abc123"."""
    run = _number_after(text, name_end, vocab)
    if run is not None:
        return run[1]
    handle = match_at(vocab.handle, text, name_end, 64)
    if handle is None:
        return None
    _, end, m = handle
    between, value = text[name_end : name_end + m.start(1)], m.group(1)
    if value.startswith("@"):
        return end
    labelled = "id" in between or ":" in between or "：" in between
    # Chinese writes "微信 tea8888" without a label: a code-like handle after such a name
    labelled = labelled or (unspaced(text[name_end - 1]) and any(c.isdigit() for c in value))
    if labelled and (any(c.isdigit() or c in "_." for c in value) or "id" in between):
        return end
    return None


def _calls_on(text: str, name_end: int) -> bool:
    """ "WhatsApp me", "Telegram us": the name used as a verb."""
    tail = text[name_end : name_end + 4]
    return tail[:3] in (" me", " us") and (len(tail) < 4 or not _word_char(tail[3]))


def find(text: str, vocab: Vocab, original: str | None = None) -> list[Found]:
    """Everything off-platform in ``text`` (folded), in text order. ``original``: the
    seller's characters aligned with ``text`` (its capitals tell "notes.Top" from an
    address); ignored when its length differs."""
    if original is not None and len(original) != len(text):
        original = None
    taken = Intervals()
    found = _emails(text, vocab, taken) + _links(text, vocab, taken, original)
    phones = _phones(text, vocab, taken)
    contacts = _messengers(text, vocab, phones, taken)
    return sorted(found + phones + contacts, key=lambda f: (f.start, f.end))
