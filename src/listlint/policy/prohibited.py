"""Policy-pack section `prohibited:` (schema owned by the prohibited rule family)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ProhibitedSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
