"""Text that is UTF-8 but for a few bytes (issue 21, M5).

One cp1252 byte in a UTF-8 export ("Caf\\xe9" pasted from an old spreadsheet) used to
make the whole file read as cp1252: every Arabic, Chinese or accented word became
mojibake and its findings were lost. Here the bytes are decoded as UTF-8 with the
invalid ones kept aside (``surrogateescape``) and only those are read as cp1252 (a
single-byte code, so each byte maps alone; the five bytes cp1252 leaves undefined are
read as latin-1). A file with no valid multi-byte UTF-8 at all is a legacy cp1252 file
and reads exactly as ``bytes.decode("cp1252")`` did; in a UTF-8 file, each line that
needed the fallback is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from listlint.catalog import LoadIssue

#: lone surrogate U+DC80+b (surrogateescape's stand-in for byte b) -> cp1252 char of b
_LEGACY = {
    0xDC00 + b: bytes([b]).decode("cp1252", errors="strict")
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    else bytes([b]).decode("latin-1")
    for b in range(0x80, 0x100)
}
_STRAY = re.compile(r"[\udc80-\udcff]")
_WIDE = re.compile(r"[^\x00-\x7f\udc80-\udcff]")
#: lines named one by one in findings
MAX_LINE_NOTES = 100


@dataclass
class Decoded:
    text: str
    #: "utf-8" (also when some lines fell back) or "cp1252" (a legacy file)
    encoding: str
    #: 1-based lines of a UTF-8 file read as cp1252
    fallback_lines: list[int] = field(default_factory=list)
    #: lines that needed it, counted beyond the ones listed
    more_lines: int = 0


def decode_utf8(data: bytes, first_line: int = 1) -> Decoded:
    """``data`` as UTF-8 with cp1252 only where UTF-8 fails (see the module docstring)."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    if not _WIDE.search(text):
        return Decoded(text.translate(_LEGACY), "cp1252")
    lines, more = stray_lines(text, first_line)
    return Decoded(text.translate(_LEGACY), "utf-8", lines, more)


def legacy(text: str) -> str:
    """Surrogate-escaped bytes read as cp1252 (for text decoded with surrogateescape)."""
    return text.translate(_LEGACY)


def stray_lines(text: str, first_line: int = 1) -> tuple[list[int], int]:
    """Lines holding surrogate-escaped bytes: the first :data:`MAX_LINE_NOTES` and how
    many more there are."""
    out: list[int] = []
    more = 0
    last_pos, line, last_line = 0, first_line, -1
    for m in _STRAY.finditer(text):
        line += text.count("\n", last_pos, m.start())
        last_pos = m.start()
        if line == last_line:
            continue
        last_line = line
        if len(out) < MAX_LINE_NOTES:
            out.append(line)
        else:
            more += 1
    return out, more


def has_stray(text: str) -> bool:
    """Surrogate-escaped text holds bytes that were not UTF-8."""
    return _STRAY.search(text) is not None


def is_legacy(text: str) -> bool:
    """Surrogate-escaped text whose only non-ASCII bytes are invalid UTF-8."""
    return not _WIDE.search(text)


def encoding_notes(decoded: Decoded) -> list[LoadIssue]:
    """One ``encoding-fallback`` issue per line that needed cp1252, and one for the rest."""
    return line_notes(decoded.fallback_lines, decoded.more_lines)


def line_notes(lines: list[int], more: int) -> list[LoadIssue]:
    notes = [
        LoadIssue(
            kind="encoding-fallback",
            message=f"line {line} has bytes that are not valid UTF-8 (the rest of the file is); "
            "they were read as cp1252",
            row=line,
            suggestion="save the file as UTF-8 again, or retype the odd characters of this line",
        )
        for line in lines
    ]
    if more:
        notes.append(
            LoadIssue(
                kind="encoding-fallback",
                message=f"{more:,} more lines have bytes that are not valid UTF-8; they were "
                "read as cp1252",
            )
        )
    return notes
