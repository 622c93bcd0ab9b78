"""Policy packs: marketplace rules as validated YAML data.

``load_policy_set(["tiktok-shop-us", "./my-pack.yaml"])`` resolves names (shipped packs
in ``policies/``) and paths, follows ``extends:``, validates each pack against
:class:`listlint.policy.pack.PolicyPack` and returns a :class:`PolicySet`.
"""

from listlint.policy.loader import PolicySet, load_pack, load_policy_set, shipped_packs

__all__ = ["PolicySet", "load_pack", "load_policy_set", "shipped_packs"]
