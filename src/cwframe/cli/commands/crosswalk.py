"""``cwframe crosswalk``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cwframe.cli.options import STATE, data_out, read_options, reported_errors, stderr, stdout


class CrosswalkFormat(StrEnum):
    """Crosswalk report formats."""

    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


def crosswalk_command(
    source: Annotated[
        str,
        typer.Argument(
            help="A framework or part: nos, pcf, sdf, nos/key-people, pcf/G, sdf/7 …, or a "
            "spreadsheet or CASE package of your own (read alongside the corpus)."
        ),
    ],
    target: Annotated[str, typer.Argument(help="The framework or part to map onto (or such a file).")],
    top: Annotated[int, typer.Option("--top", help="Matches shown per source statement.", min=1)] = 3,
    min_score: Annotated[
        float, typer.Option("--min-score", help="Hide matches below this score (0 shows the top K).")
    ] = 0.1,  # cwframe.ops.crosswalk.DEFAULT_MIN_SCORE (kept literal: the library is imported lazily)
    kind: Annotated[str | None, typer.Option("--kind", help="Only source statements of this kind.")] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="Only source statements at this SDF level.")
    ] = None,
    target_kind: Annotated[
        str | None, typer.Option("--target-kind", help="Only targets of this kind.")
    ] = None,
    target_level: Annotated[
        str | None, typer.Option("--target-level", help="Only targets at this SDF level.")
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option(
            "--decisions",
            help="Your decisions: a filled review workbook (.xlsx/.ods), its review sheet as CSV, the review "
            "page's download, or CSV/YAML (source,target,decision[,relation][,note]).",
        ),
    ] = None,
    no_reviews: Annotated[
        bool,
        typer.Option(
            "--no-reviews", help="Show the machine's suggestions alone, without the reviews cwframe ships."
        ),
    ] = False,
    thesaurus: Annotated[
        Path | None, typer.Option("--thesaurus", help="Your own concepts/tiers YAML, added to ours.")
    ] = None,
    method: Annotated[
        str,
        typer.Option(
            "--method", help="tfidf (default), semantic (+ embeddings: the semantic extra) or plain."
        ),
    ] = "tfidf",
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold",
            help="Judged pairs (YAML or JSON, ours or a designer's): print P@1, hit@3, "
            "no-counterpart handling, strong precision.",
        ),
    ] = None,
    source_corpus: Annotated[
        Path | None,
        typer.Option(
            "--source-corpus", help="Take SOURCE from this (large) corpus, streamed through its search index."
        ),
    ] = None,
    fmt: Annotated[
        CrosswalkFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CrosswalkFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (xlsx needs it).")
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="Markdown: every pair, not the summary that fits a PR comment.")
    ] = False,
) -> None:
    """Map one framework onto another: matches with evidence, a group matrix, coverage, gaps, levels.

    Example: cwframe crosswalk nos sdf --kind knowledge   (also: pcf/G sdf, nos our-framework.xlsx,
    --format html -o map.html)
    """
    import json
    from dataclasses import asdict

    from cwframe.corpus import load_corpus, with_framework
    from cwframe.crosswalk.gold import read_gold, score
    from cwframe.export.select import select
    from cwframe.ops import crosswalk as ops
    from cwframe.statements import iter_statements

    with reported_errors():
        reading = read_options()
        corpus = load_corpus(STATE.corpus, options=reading)
        corpus, target = with_framework(corpus, target, options=reading)
        if source_corpus is None:
            corpus, source = with_framework(corpus, source, options=reading)
        if source_corpus is not None and method != "tfidf":
            from cwframe.errors import InputError

            raise InputError(f"--source-corpus streams with the tfidf method only, not '{method}'")
        if source_corpus is not None:
            _stream(
                source_corpus,
                corpus,
                target,
                top,
                min_score,
                target_kind,
                target_level,
                thesaurus,
                fmt,
                output,
            )
            return
        reviewed = ops.read_decisions(decisions) if decisions else None
        judged = read_gold(gold, source, target) if gold else None
        result = ops.crosswalk(
            corpus, source, target, top=max(top, 3) if judged else top, min_score=min_score,
            method=method, kind=kind, level=level, target_kind=target_kind, target_level=target_level,
            decisions=reviewed, reviews=not no_reviews, thesaurus_file=thesaurus,
            source_ids={j.source for j in judged} if judged else None,
        )  # fmt: skip
        for stale in result.stale_decisions:
            stderr().print(f"warning: {decisions}: {stale}", style="yellow", markup=False, highlight=False)
        if judged is not None:
            report = score(result.records, judged)
            _emit_text(f"{source} → {target} ({method}): {report.line()}\n" if fmt is not CrosswalkFormat.json
                       else json.dumps(asdict(report), indent=2) + "\n", output)  # fmt: skip
            return
        _emit(
            result,
            fmt,
            output,
            decisions=reviewed,
            details=details,
            targets={r.id: (r.name, r.text) for r in iter_statements(select(corpus, [target]))},
        )


def _emit_text(text: str, output: Path | None) -> None:
    if output is None:
        data_out().write(text)
        return
    from cwframe.corpus import write_atomic

    write_atomic(output, text)
    stderr().print(f"wrote {output}", highlight=False)


def _emit(
    result,
    fmt: CrosswalkFormat,
    output: Path | None,
    decisions: dict | None = None,  # noqa: ANN001
    targets: dict[str, tuple[str | None, str]] | None = None,
    details: bool = False,
) -> None:
    from cwframe.render import crosswalk as render

    if fmt is CrosswalkFormat.text and output is None:
        render.text(result, stdout())
        return
    if fmt is CrosswalkFormat.xlsx:
        from cwframe.corpus import write_atomic
        from cwframe.errors import InputError

        if output is None:
            raise InputError("xlsx output writes a file: give -o crosswalk.xlsx")
        from cwframe.crosswalk.workbook import write_workbook

        texts = {i: text for i, (_, text) in (targets or {}).items()}
        write_atomic(output, write_workbook(result, decisions=decisions, target_texts=texts))
        stderr().print(f"wrote {output}", highlight=False)
        return
    import io

    from cwframe.render import data

    buffer = io.StringIO()
    if fmt is CrosswalkFormat.json:
        data.write_json(result.model_dump(mode="json"), buffer)
    elif fmt is CrosswalkFormat.csv:
        data.write_csv(render.rows(result), buffer)
    elif fmt is CrosswalkFormat.markdown:
        buffer.write(render.markdown(result, details=details))
    elif fmt is CrosswalkFormat.html:
        buffer.write(render.review_page(result, decisions, targets))
    else:
        from rich.console import Console

        render.text(result, Console(file=buffer, width=120, color_system=None))
    text = buffer.getvalue()
    if fmt in (CrosswalkFormat.text, CrosswalkFormat.markdown):  # for people: nothing a terminal would run
        from cwframe.render.visible import visible

        text = visible(text)
    _emit_text(text, output)


def _stream(
    source_corpus, corpus, target, top, min_score, target_kind, target_level, thesaurus, fmt, output
) -> None:  # noqa: ANN001
    """A NOS-directory-sized source: one JSON line (or CSV row) per distinct text, totals on stderr."""

    from contextlib import nullcontext

    from cwframe.cli.progress import progress_bar
    from cwframe.corpus import open_atomic
    from cwframe.errors import InputError
    from cwframe.ops import crosswalk_stream as stream

    if fmt not in (CrosswalkFormat.json, CrosswalkFormat.csv, CrosswalkFormat.text):
        raise InputError(
            "with --source-corpus the output is streamed: use --format json (JSON lines), csv or text"
        )
    if not source_corpus.exists():
        raise InputError(f"{source_corpus}: no such file or directory")
    totals: list = []
    # A file is written beside its target and renamed at the end: an interrupted run leaves it as it was.
    with open_atomic(output) if output else nullcontext(data_out()) as handle:
        writer = None
        with progress_bar("crosswalk") as progress:
            for line in stream.crosswalk_stream(source_corpus, corpus, target, top=top, min_score=min_score,
                                             target_kind=target_kind, target_level=target_level,
                                             thesaurus_file=thesaurus, progress=progress, summary=totals):  # fmt: skip
                if fmt is CrosswalkFormat.json:
                    from cwframe.render.visible import json_escaped

                    handle.write(
                        json_escaped(line.json) + "\n"
                    )  # compact JSON lines, as the workers wrote them
                elif fmt is CrosswalkFormat.csv:
                    from cwframe.sheets import CsvWriter

                    if writer is None:
                        writer = CsvWriter(handle)
                        writer.writerow(
                            ["source_ids", "statements", "source_text", "target_id", "score", "relation"]
                        )
                    record = line.record()
                    for m in record.matches or [None]:
                        writer.writerow([" ".join(record.ids), record.statements, record.text,
                                         m.id if m else "", m.score if m else "", m.relation if m else "no match"])  # fmt: skip
    t = totals[0]
    stderr().print(
        f"{t.statements} statements ({t.distinct_texts} distinct texts): {t.statements_matched} have a counterpart "
        f"({100 * t.statements_matched / max(t.statements, 1):.0f}%); {t.targets_reached}/{t.targets} targets reached",
        highlight=False,
    )
