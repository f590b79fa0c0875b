"""The one exception tree: every error a user may see derives from CwframeError."""

from __future__ import annotations

from pathlib import Path


class CwframeError(Exception):
    """Base for every error a user may see."""


class InputError(CwframeError):
    """Bad option mix, unknown family or id, missing path."""


class SourceError(CwframeError):
    """An error located in an input file; str() gives 'path:line:col: CODE message'."""

    def __init__(self, message: str, *, code: str, path: Path | str, line: int = 1, column: int = 1) -> None:
        self.message = message
        self.code = code
        self.path = str(path)
        self.line = line
        self.column = column
        super().__init__(f"{self.path}:{line}:{column}: {code} {message}")


class ParseError(SourceError):
    """A source document could not be turned into models."""


class CorpusError(SourceError):
    """A manifest or normalised corpus file is missing, unreadable or malformed."""
