"""The policy-pack schema (pydantic, unknown keys rejected).

A pack is one YAML file in ``policies/`` (or a user's path). The keys every pack may
have (identity, sources, ``links:``, ``rules:``) are defined here; each rule family owns
one more section (``prohibited:``, ``claims:``, ``ip:``...), defined in its own package
(``listlint/rules/<family>/policy.py``) and declared by the family
(:attr:`listlint.rules.family.Family.section`). This layer does not know the families:
:func:`pack_model` builds the schema for the sections it is given, so a family's data
grows, and a new family arrives, without touching this module.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from listlint.policy.links import LinkSettings
from listlint.report import Severity

S = TypeVar("S", bound=BaseModel)

#: ``(key, schema)`` of the family sections a pack model accepts, in order
Sections = tuple[tuple[str, type[BaseModel]], ...]


class RuleSetting(BaseModel):
    """Per-rule settings a marketplace pack imposes (config can still override)."""

    model_config = ConfigDict(extra="forbid")

    severity: Severity | None = None
    enabled: bool | None = None


class PolicyPack(BaseModel):
    """A pack's common keys; :func:`pack_model` adds the family sections."""

    model_config = ConfigDict(extra="forbid")

    #: short id used on the command line and in findings ("tiktok-shop-us")
    name: str
    #: the marketplace as a seller names it ("TikTok Shop US"); shown in messages
    marketplace: str = ""
    description: str = ""
    extends: list[str] = Field(default_factory=list)
    #: main policy page(s) of the marketplace
    sources: list[str] = Field(default_factory=list)
    last_checked: dt.date | None = None
    #: whose pages findings about this marketplace may link (see listlint.policy.links)
    links: LinkSettings = Field(default_factory=LinkSettings)
    rules: dict[str, RuleSetting] = Field(default_factory=dict)

    #: the family sections of this pack's model (set by :func:`pack_model`)
    sections: ClassVar[Sections] = ()

    @property
    def label(self) -> str:
        return self.marketplace or self.name

    def section(self, key: str, schema: type[S]) -> S:
        """The pack's ``key:`` section, validated against ``schema`` (a family's)."""
        value = getattr(self, key, None)
        if not isinstance(value, schema):
            raise LookupError(f"policy pack {self.name!r} was loaded without a {key!r} section")
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        # the model class is built at run time (pack_model), so pickle (worker processes
        # receive the rule set's packs) rebuilds it from its sections, which are classes
        # importable by name, then restores the state
        return (_new_pack, (type(self).sections,), self.__getstate__())


@lru_cache(maxsize=16)
def pack_model(sections: Sections) -> type[PolicyPack]:
    """The pack schema with the given family sections (one class per set of sections)."""
    if not sections:
        return PolicyPack
    fields: dict[str, Any] = {
        key: (schema, Field(default_factory=schema)) for key, schema in sections
    }
    name = "PolicyPack[" + ",".join(key for key, _ in sections) + "]"
    model = create_model(name, __base__=PolicyPack, **fields)
    model.sections = sections
    return model


def _new_pack(sections: Sections) -> PolicyPack:
    cls = pack_model(sections)
    return cls.__new__(cls)
