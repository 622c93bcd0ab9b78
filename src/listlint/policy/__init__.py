"""Policy packs: marketplace rules as validated YAML data.

``load_policy_set(["tiktok-shop-us", "./my-pack.yaml"], sections)`` resolves names
(shipped packs in ``policies/``) and paths, follows ``extends:``, validates each pack
against :func:`listlint.policy.pack.pack_model` of the family ``sections`` and returns a
:class:`PolicySet`. The rule families own their sections, so callers above this layer
load packs through :mod:`listlint.rules.packs`, which passes every family's.
"""

from listlint.policy.loader import PolicySet, load_pack, load_policy_set, shipped_packs

__all__ = ["PolicySet", "load_pack", "load_policy_set", "shipped_packs"]
