"""``cwframe build``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cwframe.cli.options import EXIT_FINDINGS, ShowFormat, data_out, reported_errors, stdout


def build_command(
    raw: Annotated[Path, typer.Option("--raw", help="Raw documents and their manifest.yaml.")] = Path(
        "data/raw"
    ),
    out: Annotated[Path, typer.Option("--out", help="Where to write the normalised corpus.")] = Path(
        "data/normalised"
    ),
    schema: Annotated[
        Path | None,
        typer.Option(
            "--schema",
            help="Where to write the corpus JSON Schema (default: docs/corpus.schema.json in a checkout, else in --out).",
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if any output is stale.")
    ] = False,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.text,
) -> None:
    """Regenerate the normalised corpus (corpus.json, statements.jsonl, schema) from raw documents.

    Byte-identical on every run. Example: cwframe build --check
    """
    from cwframe.ops.build import build
    from cwframe.render import data, text

    if schema is None and Path("docs").is_dir():
        schema = Path("docs/corpus.schema.json")  # where a checkout keeps it (make normalise)
    with reported_errors():
        report = build(raw, out, schema_out=schema, check=check)
    if fmt is ShowFormat.text:
        text.build_report(report, stdout())
    else:
        payload = {**report.model_dump(mode="json"), "stale": report.stale}
        (data.write_json if fmt is ShowFormat.json else data.write_yaml)(payload, data_out())
    if check and report.stale:
        raise typer.Exit(EXIT_FINDINGS)
