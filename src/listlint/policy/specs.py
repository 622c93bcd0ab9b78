"""Policy-pack section `specs:` (schema owned by the specs rule family)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SpecsSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
