"""The one exception listlint lets out: an input, config or policy it cannot use.

The CLI prints ``str(error)`` as one line and exits 2. Problems *inside* a usable
file are findings, never exceptions.
"""

from __future__ import annotations


class ListlintError(Exception):
    """An unusable input, config or policy. Its text is one line naming the file."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = path
        self.row = row
        self.column = column
        self.detail = message
        super().__init__(message)

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(str(self.path))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        text = " ".join(self.detail.split())  # always one line
        return f"{', '.join(where)}: {text}" if where else text


class InputError(ListlintError):
    """The input file is not a catalogue listlint can read."""


class ConfigError(ListlintError):
    """A config file, CLI option or policy pack is invalid."""


class OutputError(ListlintError):
    """The report cannot be written where ``--output`` points (a usage error, exit 2)."""
