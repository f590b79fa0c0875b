"""``cwframe export``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cwframe.cli.options import STATE, data_out, read_options, reported_errors, stderr, text_out


class ExportFormat(StrEnum):
    """Export formats."""

    json = "json"
    yaml = "yaml"
    csv = "csv"
    markdown = "markdown"
    case = "case"
    sqlite = "sqlite"
    xlsx = "xlsx"


def export_command(
    ids: Annotated[
        list[str] | None, typer.Argument(metavar="[ID]...", help="Parts to export (default: all).")
    ] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.json,
    framework: Annotated[
        str | None,
        typer.Option("--framework", help="Only this framework (nos, pcf, sdf or one of your own)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File, or directory for markdown/case (default: stdout)."),
    ] = None,
    with_crosswalk: Annotated[
        list[str] | None,
        typer.Option(
            "--with-crosswalk", help="SOURCE:TARGET: add its accepted/strong pairs as CASE associations."
        ),
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option("--decisions", help="Reviewed crosswalk pairs (CSV/YAML) for --with-crosswalk."),
    ] = None,
) -> None:
    """Export the corpus: json, yaml, csv, markdown, case (1EdTech CASE 1.1), sqlite, xlsx (extra).

    Example: cwframe export --format case -o case/   (also: --format csv --framework nos, pcf/B sdf/7)
    """
    from cwframe.corpus import load_corpus
    from cwframe.ops import export as ops

    with reported_errors():
        selection = [*(ids or []), *([framework] if framework else [])]
        outputs = ops.export(load_corpus(STATE.corpus, options=read_options()), fmt.value, ids=selection, crosswalks=with_crosswalk or [],
                             decisions=decisions)  # fmt: skip
        if output is None:
            (text_out() if fmt.value == "markdown" else data_out()).write(ops.stdout_text(outputs, fmt.value))
            return
        for path in ops.write(outputs, fmt.value, output):
            stderr().print(f"wrote {path}", highlight=False)
