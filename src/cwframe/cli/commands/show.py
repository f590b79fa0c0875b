"""``cwframe show``."""

from __future__ import annotations

from typing import Annotated

import typer

from cwframe.cli.options import STATE, ShowFormat, data_out, read_options, reported_errors, stdout


def show_command(
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="A statement, unit, category, cell or level id.")
    ],
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.text,
) -> None:
    """Show one statement, or a whole unit, category, cell or level, for reading.

    Example: cwframe show nos/key-people/P14   (also: nos/key-people, pcf/B, pcf/B.4, sdf/7, sdf/yps)
    """
    from cwframe.corpus import load_corpus
    from cwframe.ops.show import show
    from cwframe.render import data, text

    with reported_errors():
        shown = show(load_corpus(STATE.corpus, options=read_options()), item_id)
        if fmt is ShowFormat.text:
            text.show(shown, stdout())
            return
        payload = shown.model_dump(mode="json", exclude_none=True)
        out = data_out()
        (data.write_json if fmt is ShowFormat.json else data.write_yaml)(payload, out)
