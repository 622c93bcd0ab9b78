"""Refresh the rules table in README.md from the registry (tests/test_readme.py checks it)."""

from __future__ import annotations

import re
from pathlib import Path

from listlint.cli import rules_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
text = README.read_text(encoding="utf-8")
table = rules_markdown().strip()
new = re.sub(
    r"(<!-- rules:start -->\n).*?(\n<!-- rules:end -->)",
    lambda m: m.group(1) + table + m.group(2),
    text,
    flags=re.S,
)
README.write_text(new, encoding="utf-8")
