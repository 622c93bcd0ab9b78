"""Rule family ``data``: problems reading the file (ragged rows, unreadable numbers...)
and with listing identity (empty titles, missing and duplicate SKUs)."""

from listlint.rules.data.family import DataFamily
from listlint.rules.data.rules import RULES

FAMILY = DataFamily

__all__ = ["FAMILY", "RULES"]
