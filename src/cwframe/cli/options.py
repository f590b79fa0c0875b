"""Shared CLI plumbing: global state, format enums, consoles and the one error handler."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from cwframe.errors import CwframeError, SourceError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


@dataclass
class State:
    """Options given before the command name."""

    corpus: Path | None = None
    debug: bool = False
    # How to read a spreadsheet or CASE package named on the command line (cwframe.models.ReadOptions).
    reading: dict | None = None


STATE = State()


def reading_options(
    framework_id: str | None, sheet: str | None, columns: list[str], tiers: list[str]
) -> dict | None:
    """--framework-id, --sheet, --column FIELD=HEADER and --tier LEVEL=SDF-LEVEL as ReadOptions fields
    (validated when a file is read; a pair without '=' is a usage error here)."""
    if not (framework_id or sheet or columns or tiers):
        return None

    def pairs(values: list[str], option: str, example: str) -> dict[str, str]:
        out = {}
        for value in values:
            key, sep, rest = value.partition("=")
            if not sep or not key.strip() or not rest.strip():
                raise typer.BadParameter(
                    f"'{value}' is not NAME=VALUE (e.g. {option} {example})", param_hint=option
                )
            out[key.strip()] = rest.strip()
        return out

    return {"framework": framework_id, "sheet": sheet, "columns": pairs(columns, "--column", "text=Descriptor"),
            "tiers": pairs(tiers, "--tier", "'Band 2=4-5'")}  # fmt: skip


def read_options():  # noqa: ANN201 - a cwframe.models.ReadOptions or None (models imported only when used)
    """The reading options given on the command line, as the library takes them."""
    if STATE.reading is None:
        return None
    from pydantic import ValidationError

    from cwframe.errors import InputError
    from cwframe.models import FrameworkId, ReadOptions

    if STATE.reading.get("framework"):
        try:
            FrameworkId(STATE.reading["framework"])
        except ValueError as exc:
            raise InputError(f"--framework-id: {exc}") from None
    try:
        return ReadOptions.model_validate(STATE.reading)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise InputError(f"--framework-id: {error['msg'].removeprefix('Value error, ')}") from None


if TYPE_CHECKING:
    from rich.console import Console


# Piped or redirected, lines are never wrapped: a file or a pipe has no width, and a
# wrapped line (with rich's padding) breaks grep, diff and copy-paste.
_NO_WRAP = 1_000_000


def _console(**kwargs: object) -> Console:
    """A rich console whose text is made visible (cwframe.render.visible) before it is laid out:
    rich's own styles are segments of their own and stay; a document's escape sequences do not."""
    from rich.console import Console
    from rich.segment import Segment

    from cwframe.render.visible import visible

    class VisibleConsole(Console):
        def render(self, renderable, options=None):  # noqa: ANN001, ANN202 - rich's signature
            for segment in super().render(renderable, options):
                yield segment if segment.control else Segment(visible(segment.text), segment.style)

    return VisibleConsole(highlight=False, **kwargs)


def stdout() -> Console:
    """Results go to stdout; rich drops colour when it is not a terminal (imported only when used)."""
    if sys.stdout.isatty():
        return _console(soft_wrap=False)
    return _console(soft_wrap=True, width=_NO_WRAP)


def stderr() -> Console:
    """Diagnostics go to stderr."""
    return _console(stderr=True, soft_wrap=True)


class _VisibleStream:
    """A text stream writing through :func:`cwframe.render.visible.visible`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from cwframe.render.visible import visible

        return self._stream.write(visible(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def text_out() -> TextIO:
    """stdout for a text format a person or a log reads (github annotations, markdown, plain
    text): control characters made visible, never executed."""
    return _VisibleStream(typer.get_text_stream("stdout"))  # type: ignore[return-value]


def data_out() -> TextIO:
    """stdout for a machine format (JSON, YAML, CSV, SARIF): the data as it is when it goes to a
    file or a pipe; made visible when it goes to a terminal, which is never a data reader."""
    stream = typer.get_text_stream("stdout")
    return _VisibleStream(stream) if stream.isatty() else stream  # type: ignore[return-value]


class ShowFormat(StrEnum):
    """Formats for commands that print one document."""

    text = "text"
    json = "json"
    yaml = "yaml"


class RowsFormat(StrEnum):
    """Formats for commands that print rows."""

    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    yaml = "yaml"


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn a CwframeError into one line on stderr and exit status 2 (``--debug`` re-raises)."""
    try:
        yield
    except CwframeError as error:
        if STATE.debug:
            raise
        message = str(error) if isinstance(error, SourceError) else f"error: {error}"
        stderr().print(message, style="red", markup=False, highlight=False)
        raise typer.Exit(EXIT_ERROR) from None
    except BrokenPipeError:
        # `cwframe statements | head` closes the pipe early: not an error. What is still
        # buffered goes to /dev/null, so that flushing at exit cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
