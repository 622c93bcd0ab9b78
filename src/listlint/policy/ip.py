"""Policy-pack section `ip:` (schema owned by the ip rule family)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IPSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
