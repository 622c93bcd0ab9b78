"""The offplatform family's vocabulary, read once per rule set from
``wordlists/offplatform/``: platforms (messengers, social networks, marketplaces, link
shorteners) with their names and domains, contact and redirect cues, web-address endings.

Every pattern here is compiled with RE2 (:func:`listlint.text.saferegex.compile_pattern`):
time linear in the text, whatever a cell holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from listlint.resources import table, wordlist
from listlint.rules.offplatform.prefilter import Prefilter
from listlint.rules.offplatform.prefilter import build as build_prefilter
from listlint.text.normalize import fold
from listlint.text.saferegex import compile_pattern
from listlint.text.scriptmatch import ScriptMatcher

KINDS = ("messenger", "social", "marketplace", "shortener")


@dataclass(frozen=True)
class Platform:
    name: str
    kind: str
    #: the name alone followed by "me"/"us" is a call to contact ("WhatsApp me")
    bare: bool
    domains: tuple[str, ...]


@dataclass
class Vocab:
    platforms: dict[str, Platform]
    #: platform names (folded) -> platform name
    names: ScriptMatcher[str]
    #: cue phrases (folded) -> kind (phone | contact | redirect)
    cues: ScriptMatcher[str]
    #: domain (lower case) -> platform name, longest first for suffix tests
    domains: list[tuple[str, str]]
    not_domains: frozenset[str]
    #: endings that are also words ("top", "store"): see tlds.tsv
    word_tlds: frozenset[str] = field(default_factory=frozenset)
    #: mail providers: "name at gmail dot com" is read only with one of these, or a
    #: spelled-out dot
    mail_hosts: frozenset[str] = field(default_factory=frozenset)
    url: Any = None
    bare_domain: Any = None
    #: the platforms' own short domains ("t.me", "wa.me", "amzn.to", "bit.ly"), whose
    #: endings are not in tlds.tsv
    platform_link: Any = None
    email: Any = None
    intl_phone: Any = None
    nanp_phone: Any = None
    digit_run: Any = None
    handle: Any = None
    skip_to_number: Any = None
    #: the columnar test a cell must pass to be read at all
    prefilter: Prefilter | None = None

    def platform_of_host(self, host: str, path: str = "") -> Platform | None:
        host = host.lower().removeprefix("www.")
        for domain, name in self.domains:
            if "/" in domain:  # facebook.com/marketplace: a path on a shared host
                dhost, dpath = domain.split("/", 1)
                if host == dhost and path.lstrip("/").startswith(dpath):
                    return self.platforms[name]
                continue
            if host == domain or host.endswith("." + domain):
                return self.platforms[name]
        return None


_MAIL_HOSTS = ("gmail", "yahoo", "hotmail", "outlook", "icloud", "live", "aol", "proton",
               "protonmail", "yandex", "gmx", "web", "qq", "163", "126", "naver", "mail")  # fmt: skip


def build() -> Vocab:
    platforms: dict[str, Platform] = {}
    name_terms: list[tuple[str, str]] = []
    domains: list[tuple[str, str]] = []
    for row in table("offplatform/platforms"):
        p = Platform(row["name"], row["kind"], row["bare"] == "yes", tuple(row["domains"].split()))
        if p.kind not in KINDS:
            raise ValueError(f"wordlists/offplatform/platforms.tsv: unknown kind {p.kind!r}")
        platforms[p.name] = p
        name_terms += [(n, p.name) for n in row["names"].split("|") if n.strip()]
        domains += [(d.lower(), p.name) for d in p.domains]
    domains.sort(key=lambda d: -len(d[0]))
    cues = [(r["term"], r["kind"]) for r in table("offplatform/cues")]
    tlds = sorted((r["tld"] for r in table("offplatform/tlds")), key=len, reverse=True)
    tld_alt = "|".join(t.replace(".", r"\.") for t in tlds)
    where = "wordlists/offplatform"
    vocab = Vocab(
        platforms=platforms,
        names=ScriptMatcher(name_terms),
        cues=ScriptMatcher(cues),
        domains=domains,
        not_domains=frozenset(fold(w) for w in wordlist("offplatform/not_domains")),
        mail_hosts=frozenset(_MAIL_HOSTS),
        word_tlds=frozenset(r["tld"] for r in table("offplatform/tlds") if r.get("word") == "yes"),
    )
    # web addresses: a scheme or "www." makes any host one; a bare host needs a known ending
    vocab.url = compile_pattern(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]{2,}", where)
    vocab.bare_domain = compile_pattern(
        r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}(?:" + tld_alt + r")"
        r"(?:/[^\s<>\"'()\[\]{}]*)?",
        where,
    )
    hosts = sorted({d.split("/")[0] for d, _ in domains}, key=len, reverse=True)
    vocab.platform_link = compile_pattern(
        r"(?:" + "|".join(h.replace(".", r"\.") for h in hosts) + r")/[^\s<>\"'()\[\]{}]*",
        where,
    )
    # e-mail: "@" or a bracketed/spelled "at", then host labels and a dot (or "dot")
    at = r"(?:\s?@\s?|\s?[\(\[\{]\s?at\s?[\)\]\}]\s?|\sat\s)"
    dot = r"(?:\.|\s?[\(\[\{]\s?dot\s?[\)\]\}]\s?|\sdot\s)"
    vocab.email = compile_pattern(
        r"[a-z0-9][a-z0-9._%+-]{0,63}" + at + r"[a-z0-9][a-z0-9-]{0,62}"
        r"(?:" + dot + r"[a-z0-9-]{1,62}){0,3}" + dot + r"(?:" + tld_alt + r")",
        where,
    )
    # phones without a cue: international (+country code) and North American formats
    vocab.intl_phone = compile_pattern(r"\+\s?\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}", where)
    vocab.nanp_phone = compile_pattern(
        r"(?:1[\s.-]?)?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}", where
    )
    # after a phone cue: 7-15 digits with separators ("1.2.1.3.5.0.7...", "0912 345 678")
    vocab.digit_run = compile_pattern(r"\+?\(?\d(?:[\s.()/-]{0,2}\d){6,16}", where)
    vocab.skip_to_number = compile_pattern(
        r"[\s:：=>#.,\-–]{0,4}(?:(?:no|nr|number|num|at|is|us|me|on|via|ke|di|la|us at|me at)"
        r"[\s:：.\-]{0,3})?",
        where,
    )
    # a handle after a platform name: "IG: @shop", "Line ID: abc123", "WeChat: abc_88"
    vocab.handle = compile_pattern(
        r"\s?(?:id|ID)?\s?[:：\-]?\s?(@[\w.]{2,40}|[a-z0-9][\w.-]{2,40})", where
    )
    vocab.prefilter = build_prefilter(
        names=vocab.names.keys,
        cues=[(fold(t).strip(), kind) for t, kind in cues if t.strip()],
        tlds=tlds,
        hosts=sorted({d.split("/")[0] for d, _ in domains}),
    )
    return vocab
