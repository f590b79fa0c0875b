"""The cwframe command-line application: a thin layer over the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cwframe.cli import options
from cwframe.cli.commands import build, crosswalk, diff, export, list_, search, show, statements, validate

app = typer.Typer(
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
            "or detected), a normalised corpus.json/.yaml, or a single document.",
            envvar="CWFRAME_CORPUS",
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


app.command("search")(search.search_command)
app.command("similar")(search.similar_command)
app.command("define")(search.define_command)
app.command("validate")(validate.validate_command)
app.command("crosswalk")(crosswalk.crosswalk_command)
app.command("diff")(diff.diff_command)
app.command("export")(export.export_command)
app.command("list")(list_.list_command)
app.command("show")(show.show_command)
app.command("statements")(statements.statements_command)
app.command("build")(build.build_command)
