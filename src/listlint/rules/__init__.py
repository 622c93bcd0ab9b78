"""Rule families, one module each. See :mod:`listlint.rules.base` for the contract."""
