"""``cwframe statements``."""

from __future__ import annotations

from typing import Annotated

import typer

from cwframe.cli.options import STATE, RowsFormat, data_out, read_options, reported_errors


def statements_command(
    framework: Annotated[
        str | None,
        typer.Option("--framework", help="Only this framework (nos, pcf, sdf or one of your own)."),
    ] = None,
    fmt: Annotated[RowsFormat, typer.Option("--format", "-f", help="Output format.")] = RowsFormat.jsonl,
    glossary: Annotated[
        bool,
        typer.Option(
            "--glossary", help="Also list glossary entries (kind 'glossary'), after the statements."
        ),
    ] = False,
) -> None:
    """Print the flat statement view that scripts read: one record per statement.

    Fields: id, framework, kind, text, name, unit, category, heading, level,
    section, topic, source (file, line). See docs/statements.md.

    Example: cwframe statements --framework nos --format csv > nos.csv
    """
    from itertools import chain

    from cwframe.corpus import load_corpus
    from cwframe.render import data
    from cwframe.statements import framework_named, iter_glossary_rows, iter_statements

    with reported_errors():
        corpus = load_corpus(STATE.corpus, options=read_options())
        fw = framework_named(corpus, framework).id.value if framework else None
        rows = chain(iter_statements(corpus, fw), iter_glossary_rows(corpus, fw) if glossary else ())
        records = (r.model_dump(mode="json") for r in rows)
        out = data_out()
        if fmt is RowsFormat.jsonl:
            data.write_jsonl(records, out)
        elif fmt is RowsFormat.csv:
            data.write_csv(records, out)
        elif fmt is RowsFormat.json:
            data.write_json(list(records), out)
        else:
            data.write_yaml(list(records), out)
