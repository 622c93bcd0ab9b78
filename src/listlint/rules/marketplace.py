"""What the families that judge listing text per marketplace share (offplatform,
advertising, origin): one finding names every selected marketplace that refuses the
text, carries the strictest severity among them, and links the first one's page.

Severity per marketplace is the packs' ordinary ``rules:`` setting (``rules: {AD101:
{severity: error}}`` in ``tiktok-shop-us.yaml``), not a key of each family's section:
the engine reads the same setting when a hit carries none, and a user's config still
overrides both. Where several packs are selected the engine would take the first
pack's setting; these families take the strictest, so the order of ``--policy`` does
not change how bad a finding is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from listlint.report import Severity

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack
    from listlint.rules.base import Hit


def pack_severity(pack: PolicyPack, code: str, default: Severity) -> Severity:
    setting = pack.rules.get(code)
    return setting.severity if setting is not None and setting.severity else default


def strictest(
    packs: Sequence[PolicyPack], code: str, default: Severity
) -> tuple[Severity, tuple[str, ...]]:
    """The strictest severity ``packs`` give rule ``code`` and the marketplaces that
    refuse the finding: those that rate it above ``info`` (none when all of them merely
    note it, as the baseline does superlatives)."""
    if not packs:
        return default, ()
    levels = [(p, pack_severity(p, code, default)) for p in packs]
    worst = max((s for _, s in levels), key=lambda s: s.rank)
    return worst, tuple(p.label for p, s in levels if s.rank > Severity.INFO.rank)


def names(labels: Sequence[str]) -> str:
    """ "TikTok Shop US", "TikTok Shop US and Amazon US", "A, B and C"."""
    labels = list(labels)
    if not labels:
        return "the marketplace"
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def first_named_link(
    packs: Sequence[PolicyPack],
    hit: Hit | None,
    link: Callable[[PolicyPack], str | None],
    fallback: str | None,
) -> str | None:
    """The page of the first marketplace ``hit`` names (else of the first pack)."""
    if not packs:
        return fallback
    named = hit.marketplaces[0] if hit is not None and hit.marketplaces else None
    pack = next((p for p in packs if p.label == named), packs[0])
    return link(pack) or fallback
