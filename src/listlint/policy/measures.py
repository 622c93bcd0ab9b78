"""Policy-pack section `measures:` (schema owned by the measures rule family)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class MeasuresSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
