"""Policy-pack section `claims:` (schema owned by the claims rule family)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ClaimsSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
