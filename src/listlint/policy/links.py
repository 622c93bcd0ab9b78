"""Which policy page a finding links: the marketplace's own page, never a third party's.

A pack's facts come from many places (a marketplace help page, a regulator, a
third-party copy of a policy that was not retrievable, another marketplace's page that
states the same rule). ``source`` keeps where a fact came from; the link a seller
clicks must be the page of the marketplace the finding names. Each pack declares::

    links:
      domains: [sellercentral.amazon.com]        # hosts whose pages speak for this marketplace
      authorities: [ecfr.gov, fda.gov, ftc.gov]  # regulators and standards bodies (law, GS1)

and :func:`official_link` picks, from a rule's candidates (most specific first), the
first page on the pack's own domains, else the first on an authority's, else the pack's
own ``sources``. A category inherited from ``base`` whose source is, say, Etsy's page
therefore links Amazon's restricted-products page in ``amazon-us``: no per-finding
patching, and a user's pack that extends a shipped one keeps the rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack


class LinkSettings(BaseModel):
    """Pack section ``links:``: whose pages may be linked in this marketplace's findings."""

    model_config = ConfigDict(extra="forbid")

    #: hosts of the marketplace's own pages ("sellercentral.amazon.com"); a host matches
    #: itself and its subdomains ("tiktok.com" would match "seller-us.tiktok.com")
    domains: list[str] = Field(default_factory=list)
    #: regulators, standards bodies and carriers whose pages state the law or the limit a
    #: rule applies (FDA, FTC, eCFR, EPA, GS1, UPS...); linked when the marketplace has no page
    authorities: list[str] = Field(default_factory=list)

    @field_validator("domains", "authorities")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        out = []
        for host in value:
            host = host.strip().lower().rstrip(".")
            if not host or "/" in host or " " in host:
                raise ValueError(f"expected a host name such as 'support.google.com', got {host!r}")
            out.append(host)
        return out


def host_of(url: str | None) -> str:
    if not url:
        return ""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def on_hosts(url: str | None, hosts: Iterable[str]) -> bool:
    """Is ``url`` an http(s) page on one of ``hosts`` (or a subdomain of one)?"""
    if not url or not url.strip().lower().startswith(("https://", "http://")):
        return False
    host = host_of(url)
    return bool(host) and any(host == h or host.endswith("." + h) for h in hosts)


def official_link(pack: PolicyPack, *candidates: str | None) -> str | None:
    """The link for a finding about ``pack``: the first candidate on the marketplace's own
    domains, else the first on an authority's domain, else the pack's first own source.
    ``None`` when none qualifies (the caller's default applies)."""
    links = pack.links
    for url in candidates:
        if on_hosts(url, links.domains):
            return url
    for url in candidates:
        if on_hosts(url, links.authorities):
            return url
    return next((u for u in pack.sources if on_hosts(u, links.domains)), None)


def see_also(pairs: Iterable[tuple[str, str | None]], main: str | None) -> str:
    """The text ' See also: Amazon US <url>.' naming the other marketplaces of a finding
    whose page differs from the linked one ('' when there is none)."""
    shown: list[str] = []
    seen = {main}
    for label, url in pairs:
        if url and url not in seen:
            seen.add(url)
            shown.append(f"{label} {url}")
    return f" See also: {'; '.join(shown)}." if shown else ""
