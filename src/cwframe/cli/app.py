"""The cwframe command-line application: a thin layer over the library.

Each command's module is imported, and its Typer signature turned into a click
command, only when that command runs (or ``--help`` lists it): building all eleven
cost every invocation ~15 ms, a tenth of a whole ``cwframe search``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Annotated

import typer
import typer.core
import typer.main

from cwframe.cli import options

# name -> (module under cwframe.cli.commands, function), in the order --help lists them
COMMANDS: dict[str, tuple[str, str]] = {
    "search": ("search", "search_command"),
    "similar": ("search", "similar_command"),
    "define": ("search", "define_command"),
    "validate": ("validate", "validate_command"),
    "crosswalk": ("crosswalk", "crosswalk_command"),
    "diff": ("diff", "diff_command"),
    "export": ("export", "export_command"),
    "list": ("list_", "list_command"),
    "show": ("show", "show_command"),
    "statements": ("statements", "statements_command"),
    "build": ("build", "build_command"),
}


def command(name: str) -> typer.core.TyperCommand:
    """The click command for one of COMMANDS, built the way Typer builds a registered one."""
    module, function = COMMANDS[name]
    single = typer.Typer(add_completion=False)
    single.command(name)(getattr(importlib.import_module(f"cwframe.cli.commands.{module}"), function))
    return typer.main.get_command(single)  # type: ignore[return-value]


class _LazyCommands(MutableMapping[str, typer.core.TyperCommand]):
    """The group's command table: every name known up front, each command built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, typer.core.TyperCommand] = {}

    def __getitem__(self, name: str) -> typer.core.TyperCommand:
        if name not in self._built:
            self._built[name] = command(name)  # KeyError for an unknown name, as a dict would
        return self._built[name]

    def __setitem__(self, name: str, value: typer.core.TyperCommand) -> None:
        raise TypeError("cwframe commands are declared in COMMANDS")

    def __delitem__(self, name: str) -> None:
        raise TypeError("cwframe commands are declared in COMMANDS")

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(typer.core.TyperGroup):
    """A TyperGroup whose commands come from COMMANDS, built lazily."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()


app = typer.Typer(
    cls=LazyGroup,
    name="cwframe",
    help="Query the UK children's and young people's workforce frameworks (NOS, PCF, SDF) offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from cwframe import __version__

        typer.echo(f"cwframe {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            help="Use this corpus instead of the bundled one: a raw directory (with manifest.yaml "
            "or detected), a normalised corpus.json/.yaml, or a single document (a spreadsheet or "
            "CASE package of your own too).",
            envvar="CWFRAME_CORPUS",
        ),
    ] = None,
    framework_id: Annotated[
        str | None,
        typer.Option(
            "--framework-id",
            help="The id of a spreadsheet's or CASE package's framework (default: a slug of its file name).",
            rich_help_panel="Reading a framework of your own",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The workbook sheet holding the statements.",
            rich_help_panel="Reading a framework of your own",
        ),
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            metavar="FIELD=HEADER",
            help="The column holding a field (text, code, name, "
            "level, group, kind, parent, identifier), e.g. --column text=Descriptor.",
            rich_help_panel="Reading a framework of your own",
        ),
    ] = None,
    tier: Annotated[
        list[str] | None,
        typer.Option(
            "--tier",
            metavar="LEVEL=SDF-LEVEL",
            help="Where a level sits on the SDF's levels (3, 4-5, 6, 7, 8), e.g. --tier 'Band 2=4-5'.",
            rich_help_panel="Reading a framework of your own",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Query the UK children's and young people's workforce frameworks (NOS, PCF, SDF) offline.

    Example: cwframe list
    """
    options.STATE.corpus = corpus
    options.STATE.debug = debug
    options.STATE.reading = options.reading_options(framework_id, sheet, column or [], tier or [])
