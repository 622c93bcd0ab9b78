"""Safe YAML for listlint's own files and the user's (packs, profiles, ignore files).

libyaml's parser when PyYAML was built with it (~10x faster: the base pack took ~40 ms
of CPU through the pure-Python one, a tenth of a small catalogue's run), else PyYAML's
own. Both build the same nodes, marks and errors, and neither constructs arbitrary
Python objects.
"""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """``yaml.safe_load``, through libyaml when available."""
    return yaml.load(text, Loader=SAFE_LOADER)
