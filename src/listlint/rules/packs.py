"""Policy packs with every rule family's section: what the engine, the CLI and the
library load (:mod:`listlint.policy` validates; :mod:`listlint.rules.registry` says
which sections exist)."""

from __future__ import annotations

from listlint.policy import PolicySet
from listlint.policy import load_pack as _load_pack
from listlint.policy import load_policy_set as _load_policy_set
from listlint.policy.pack import PolicyPack
from listlint.rules.registry import pack_sections


def load_pack(ref: str) -> PolicyPack:
    """One pack (shipped name or path), with the sections of every registered family."""
    return _load_pack(ref, pack_sections())


def load_policy_set(refs: list[str]) -> PolicySet:
    """The packs of a run (see :func:`listlint.policy.load_policy_set`)."""
    return _load_policy_set(refs, pack_sections())
