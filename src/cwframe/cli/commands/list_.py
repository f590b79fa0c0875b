"""``cwframe list``."""

from __future__ import annotations

from typing import Annotated

import typer

from cwframe.cli.options import STATE, ShowFormat, data_out, read_options, reported_errors, stdout


def list_command(
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.text,
) -> None:
    """List the frameworks and their units, categories and levels with statement counts.

    Example: cwframe list --format json
    """
    from cwframe.corpus import load_corpus
    from cwframe.ops.listing import summarise
    from cwframe.render import data, text

    with reported_errors():
        summaries = summarise(load_corpus(STATE.corpus, options=read_options()))
        if fmt is ShowFormat.text:
            text.listing(summaries, stdout())
            return
        payload = [s.model_dump(mode="json") for s in summaries]
        out = data_out()
        (data.write_json if fmt is ShowFormat.json else data.write_yaml)(payload, out)
