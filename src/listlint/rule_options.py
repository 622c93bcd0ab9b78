"""Typed options per rule: ``[tool.listlint.rules.TM101] brands = [...]``.

A rule declares the options it takes as a pydantic model (``Rule.options_model``,
``extra="forbid"``); a rule that declares none takes none. The config validates every
``rules`` table against its rule's model, so an unknown or mistyped option is an error
naming the file and the key (``rules.TM101.brandz``), never silently ignored.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError


def validate_options(code: str, options: Any) -> dict[str, Any]:
    """``options`` for rule ``code`` checked against its model (as written: defaults
    are not filled in, so ``listlint config`` shows what the user set)."""
    from listlint.rules.registry import all_rules

    model = all_rules()[code].options_model
    if not isinstance(options, dict):
        raise _option_error(code, None, "expected a table of options")
    if model is None:
        if options:
            first = next(iter(options))
            raise _option_error(code, str(first), f"unknown option ({code} takes no options)")
        return {}
    try:
        return model.model_validate(options).model_dump(exclude_unset=True)
    except ValidationError as exc:
        err = exc.errors()[0]
        sub = ".".join(str(p) for p in err["loc"])
        known = ", ".join(model.model_fields)
        msg = (
            f"unknown option ({code} takes: {known})"
            if err["type"] == "extra_forbidden"
            else err["msg"]
        )
        raise _option_error(code, sub, msg) from None


def _option_error(code: str, key: str | None, msg: str) -> PydanticCustomError:
    # `at` extends the config key the error names (see listlint.config._config_error)
    at = f"{code}.{key}" if key else code
    return PydanticCustomError("rule_option", "{msg}", {"msg": msg, "at": at})
