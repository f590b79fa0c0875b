"""``cwframe search``, ``cwframe similar`` and ``cwframe define``."""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum
from typing import Annotated

import typer

from cwframe.cli.options import EXIT_FINDINGS, STATE, data_out, reported_errors, stderr, stdout, text_out


class HitsFormat(StrEnum):
    """Formats for result lists."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="How many results at most.", min=1)]
FormatOpt = Annotated[HitsFormat, typer.Option("--format", "-f", help="Output format.")]
FrameworkOpt = Annotated[str | None, typer.Option("--framework", help="nos, pcf or sdf.")]
UnitOpt = Annotated[str | None, typer.Option("--unit", help="A NOS unit slug, e.g. key-people.")]
KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind", help="performance, knowledge, capability, skill, standard, specialism or glossary."
    ),
]
LevelOpt = Annotated[str | None, typer.Option("--level", help="An SDF level: 3, 4-5, 6, 7, 8.")]
CategoryOpt = Annotated[str | None, typer.Option("--category", help="A PCF category letter A-I.")]
HeadingOpt = Annotated[str | None, typer.Option("--heading", help="Words of a PCF capability heading.")]
SectionOpt = Annotated[
    str | None, typer.Option("--section", help="Words of a section, group or standard title.")
]
ReindexOpt = Annotated[bool, typer.Option("--reindex", help="Rebuild the index even if it is up to date.")]


def _query(query, rebuild: bool = False):  # noqa: ANN001, ANN202
    """Run ``query(index)`` on the corpus's index (rebuilt if damaged); say so when a temporary one was used."""
    from cwframe.cli.progress import progress_bar
    from cwframe.ops.search import query_index

    with progress_bar("indexing") as progress:
        index, result = query_index(
            STATE.corpus, query, rebuild=rebuild, progress=progress, options=_reading()
        )
    if index.note:
        stderr().print(index.note, style="yellow", markup=False, highlight=False)
    return result


def _reading() -> str:
    """The command line's reading options, checked, as JSON ('' without any: pydantic stays unimported)."""
    from cwframe.cli.options import read_options

    return read_options().model_dump_json() if STATE.reading else ""


def _places_listed(fmt: HitsFormat) -> int | None:
    """Other places named per collapsed hit: four on a terminal (and a count), every one for scripts."""
    if fmt is not HitsFormat.text:
        return None
    from cwframe.render.hits import ALSO_IN_SHOWN

    return ALSO_IN_SHOWN


def _emit(result, fmt: HitsFormat) -> None:
    if fmt is HitsFormat.text:
        out = text_out()
        if not out.isatty():  # plain lines: the same text, without importing rich (~20 ms)
            from cwframe.render.hits import plain

            plain(result, out)
            return
        from cwframe.render import hits as render

        render.results(result, stdout())
        return
    from cwframe.render import data

    out = data_out()
    hits = [asdict(h) for h in result.hits]
    if fmt is HitsFormat.json:
        payload = {"query": result.query, "corrections": result.corrections, "unknown": result.unknown,
                   "absent": getattr(result, "absent", []), "partial": getattr(result, "partial", False),
                   "stop_words_only": result.stop_words_only, "semantic": getattr(result, "semantic", []),
                   "hits": hits}  # fmt: skip
        data.write_json(payload, out)
    elif fmt is HitsFormat.jsonl:
        data.write_jsonl(hits, out)
    else:
        data.write_csv(({k: v for k, v in h.items() if k != "highlights"} for h in hits), out)


def search_command(
    query: Annotated[list[str], typer.Argument(help='Words, "quoted phrases" and prefix* terms.')],
    framework: FrameworkOpt = None,
    unit: UnitOpt = None,
    kind: KindOpt = None,
    level: LevelOpt = None,
    category: CategoryOpt = None,
    heading: HeadingOpt = None,
    section: SectionOpt = None,
    limit: LimitOpt = 20,
    no_collapse: Annotated[
        bool, typer.Option("--no-collapse", help="Show each copy of a statement repeated word for word.")
    ] = False,
    fmt: FormatOpt = HitsFormat.text,
    reindex: ReindexOpt = False,
    semantic: Annotated[
        bool,
        typer.Option(
            "--semantic",
            help="Find statements by meaning too, and re-rank the best 50 by it (the semantic extra).",
        ),
    ] = False,
) -> None:
    """Search every framework: ranked, typo-tolerant, word forms matched.

    Example: cwframe search attachment   (also: "team around the young person", safeguard*, --kind skill)
    """
    from cwframe.ops.search import clean_filters, search

    with reported_errors():
        filters = clean_filters({"framework": framework, "unit": unit, "kind": kind, "level": level, "category": category,
                                     "heading": heading, "section": section})  # fmt: skip
        result = _query(lambda index: search(index, " ".join(query), limit=limit, filters=filters,
                                             collapse=not no_collapse, also_in=_places_listed(fmt),
                                             semantic=semantic), reindex)  # fmt: skip
        _emit(result, fmt)
    if not result.hits:  # grep's and rg's convention: 1 when nothing was found
        raise typer.Exit(EXIT_FINDINGS)


def similar_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The statement to find others like.")],
    framework: FrameworkOpt = None,
    kind: KindOpt = None,
    level: LevelOpt = None,
    limit: LimitOpt = 10,
    fmt: FormatOpt = HitsFormat.text,
) -> None:
    """Statements across all frameworks most like a given one ("more like this").

    Example: cwframe similar nos/cyp-development/K108 --framework sdf
    """
    from cwframe.ops.search import clean_filters, similar

    with reported_errors():
        filters = clean_filters({"framework": framework, "kind": kind, "level": level})
        _emit(_query(lambda index: similar(index, item_id, limit=limit, filters=filters, also_in=_places_listed(fmt))),
              fmt)  # fmt: skip


def define_command(
    term: Annotated[list[str], typer.Argument(help="The term, e.g. key people (fuzzy).")],
    limit: LimitOpt = 10,
    fmt: FormatOpt = HitsFormat.text,
) -> None:
    """Definitions of a term from every framework's glossary.

    Example: cwframe define key people
    """
    from cwframe.ops.search import define

    with reported_errors():
        found = _query(lambda index: define(index, " ".join(term), limit=limit))
        if fmt is HitsFormat.text:
            from cwframe.render import hits as render

            render.definitions(found, " ".join(term), stdout())
            return
        from cwframe.render import data

        rows = [asdict(d) for d in found]
        out = data_out()
        {"json": data.write_json, "jsonl": data.write_jsonl, "csv": data.write_csv}[fmt.value](rows, out)
