"""``cwframe diff``."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from cwframe.cli.options import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    STATE,
    data_out,
    read_options,
    reported_errors,
    stderr,
    stdout,
    text_out,
)


class DiffFormat(StrEnum):
    """Diff report formats."""

    text = "text"
    json = "json"
    markdown = "markdown"


def diff_command(
    old: Annotated[
        str | None, typer.Argument(help="Old side: a file, directory, or id (nos/key-people).")
    ] = None,
    new: Annotated[str | None, typer.Argument(help="New side (with --rev: the file to compare).")] = None,
    rev: Annotated[
        str | None,
        typer.Option("--rev", help="Compare FILE with its committed version at this git revision."),
    ] = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are content differences.")
    ] = False,
    typography: Annotated[
        bool, typer.Option("--typography", help="Also list typography-only changes.")
    ] = False,
    details: Annotated[
        bool, typer.Option("--details", help="List every change, not the first ten of each kind.")
    ] = False,
) -> None:
    """Show what changed between two versions of a standard, statements matched by content.

    Example: cwframe diff old/key-people.txt data/raw/nos/key-people.txt   (also: --rev HEAD~1 FILE,
    cwframe diff nos/cyp-development nos/key-people)
    """
    from cwframe.ops import diff as ops
    from cwframe.render import data
    from cwframe.render import diff as render

    with reported_errors():
        if rev is not None:
            target = new or old
            if target is None or (old and new):
                stderr().print(
                    "error: --rev takes one FILE: cwframe diff --rev REV FILE", style="red", markup=False
                )
                raise typer.Exit(EXIT_ERROR)
            old_label, old_side, new_label, new_side = ops.load_revision(rev, target, options=read_options())
        else:
            if old is None or new is None:
                stderr().print("error: give OLD and NEW, or --rev REV FILE", style="red", markup=False)
                raise typer.Exit(EXIT_ERROR)
            old_label, old_side, new_label, new_side = ops.load_sides(
                old, new, corpus_path=STATE.corpus, options=read_options()
            )
        result = ops.diff(old_side, new_side, old_label=old_label, new_label=new_label, typography=typography)
    if fmt is DiffFormat.json:
        payload = {**result.model_dump(mode="json")}
        data.write_json(payload, data_out())
    elif fmt is DiffFormat.markdown:
        text_out().write(render.markdown(result))
    else:
        render.text(result, stdout(), details=details)
    if exit_code:
        raise typer.Exit(EXIT_FINDINGS if result.has_content_changes else EXIT_OK)
