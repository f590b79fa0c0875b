"""``cwframe validate``."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cwframe.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    data_out,
    read_options,
    reported_errors,
    stdout,
    text_out,
)


class ReportFormat(StrEnum):
    """Formats for validation reports."""

    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def validate_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Raw documents, raw directories, or corpus JSON/YAML files.")
    ],
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="auto picks github under GitHub Actions, else text."),
    ] = ReportFormat.auto,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="A .cwframe.toml or pyproject.toml (default: the nearest above each file)."
        ),
    ] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore any configuration file.")] = False,
    show_accepted: Annotated[
        bool, typer.Option("--show-accepted", help="Also list the findings the configuration accepts.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Also list notes (conversion remnants) and the files skipped as not standards.",
        ),
    ] = False,
) -> None:
    """Check standards for numbering, duplicates, missing parts, debris, garbled text and drift.

    Exit 0 when clean, 1 on errors (or warnings with --strict), 2 when it could not run.
    Rules: docs/rules.md. Example: cwframe validate data/raw --format github
    """
    from cwframe import config as configuration
    from cwframe.ops.validate import validate
    from cwframe.render import data, problems

    with reported_errors():
        # The nearest configuration above each file (as ruff finds it), unless one is named.
        settings = configuration.load(config) if config and not no_config else None
        report = validate(
            paths, config=settings, discover=not no_config and config is None, options=read_options()
        )
    if fmt is ReportFormat.auto:
        fmt = ReportFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ReportFormat.text
    out = text_out() if fmt is ReportFormat.github else data_out()
    if fmt is ReportFormat.text:
        problems.text(report, stdout(), show_accepted=show_accepted, verbose=verbose)
    elif fmt is ReportFormat.json:
        data.write_json(problems.as_dict(report), out)
    elif fmt is ReportFormat.github:
        problems.github(report, out, show_accepted=show_accepted, verbose=verbose)
    else:
        problems.sarif(report, out)
    raise typer.Exit(EXIT_FINDINGS if report.failed(strict=strict) else EXIT_OK)
