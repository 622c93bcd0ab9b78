"""User-supplied regular expressions, compiled with a linear-time engine.

Policy packs and config may carry patterns written by people we do not control (a
supplier's pack, a pack pasted from a forum). A backtracking engine lets one pattern
like ``(a+)+$`` hang the run on a single cell (ReDoS), so every such pattern is compiled
with RE2, which guarantees time linear in the text. Features RE2 refuses
(backreferences, look-around) are rejected with a message naming where the pattern came
from, instead of silently falling back to Python's ``re``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator

from listlint.errors import ConfigError

#: RE2 program size cap (bytes of compiled program); a pattern larger than this is refused.
MAX_PROGRAM_MEMORY = 8 * 1024 * 1024
#: Longest pattern text accepted, to keep error messages and memory sane.
MAX_PATTERN_LENGTH = 2_000


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str, where: str = "policy pattern", ignore_case: bool = True) -> Any:
    """A compiled RE2 pattern (``.search``/``.finditer`` like :mod:`re`).

    ``where`` names the source for the error message ("policies/my.yaml key
    prohibited.categories.weapons.patterns[2]"). Raises :class:`ConfigError` when the
    pattern is too long, invalid, or uses a feature with no linear-time guarantee."""
    import re2

    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ConfigError(
            f"{where}: pattern is {len(pattern)} characters; the limit is {MAX_PATTERN_LENGTH}"
        )
    options = re2.Options()
    options.log_errors = False
    options.max_mem = MAX_PROGRAM_MEMORY
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except Exception as exc:  # re2 raises its own error type per build
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise ConfigError(
            f"{where}: pattern {pattern!r} is not accepted ({detail}); listlint runs "
            "user patterns with RE2 (linear time), which has no backreferences or look-around"
        ) from exc


def _validate_pattern(value: str) -> str:
    try:
        compile_pattern(value, "pattern")
    except ConfigError as exc:
        # a ValueError lets pydantic report it, and the pack loader adds file, key, line
        raise ValueError(exc.detail.removeprefix("pattern: ")) from None
    return value


#: ``str`` checked by RE2 when a pack or config is read: a field declared
#: ``patterns: list[SafePattern]`` refuses a bad pattern at load time, and the pack
#: loader's error names the file, key and line.
SafePattern = Annotated[str, AfterValidator(_validate_pattern)]


def match_at(pattern: Any, text: str, pos: int, width: int = 128) -> tuple[int, int, Any] | None:
    """``pattern.match(text, pos)`` looking at most ``width`` characters ahead, as
    ``(start, end, match)`` in ``text``'s positions.

    google-re2's ``match(text, pos)`` encodes the whole of ``text`` to UTF-8 on every
    call, so a reader that tries a short pattern at each of many positions (after each
    cue of a long description) would be quadratic; a window keeps each try constant."""
    m = pattern.match(text[pos : pos + width])
    if m is None:
        return None
    return pos + m.start(), pos + m.end(), m
