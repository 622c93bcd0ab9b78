"""The ``data`` family: problems reading the file and with listing identity. Its rules
share nothing per batch (loader issues reach them through the engine)."""

from __future__ import annotations

from typing import Any, ClassVar

from listlint.rules.family import Family, FamilyCatalogRule, FamilyRule


class DataFamily(Family[None, None]):
    name: ClassVar[str] = "data"


class DataRule(FamilyRule[DataFamily, None]):
    """Base of the data rules (not registered itself)."""

    group: ClassVar[str] = "data"
    family_type: ClassVar[type[Family[Any, Any]]] = DataFamily


class DataCatalogRule(FamilyCatalogRule[DataFamily, None]):
    group: ClassVar[str] = "data"
    family_type: ClassVar[type[Family[Any, Any]]] = DataFamily
