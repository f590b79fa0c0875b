"""``cwframe export``: the corpus as JSON, YAML, CSV, Markdown, CASE 1.1, SQLite or XLSX."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cwframe.corpus import write_together
from cwframe.errors import InputError
from cwframe.export.select import select
from cwframe.models import Corpus

FORMATS = ("json", "yaml", "csv", "markdown", "case", "sqlite", "xlsx")
PER_FRAMEWORK = {"markdown": ".md", "case": ".case.json"}  # one file per framework
BINARY = {"sqlite": ".sqlite", "xlsx": ".xlsx"}


@dataclass(frozen=True)
class Output:
    """One thing to write: its file name (None: the single output) and its content."""

    name: str | None
    data: str | bytes


def crosswalk_associations(
    corpus: Corpus, specs: list[str], decisions: Path | None = None
) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """CASE associations and association groupings per source framework from crosswalks
    'SOURCE:TARGET': every reviewed pair (cwframe's shipped reviews and ``decisions``), for every copy
    of its source, in the grouping 'Reviewed crosswalk SOURCE → TARGET' with the reviewer's reason
    as its notes; and every strong suggestion for a source nobody reviewed. exactMatchOf says two
    items are the same: only a reviewer's strong grade says that; a partial grade, and any pair
    nobody reviewed, is isRelatedTo (its extensions say ``reviewed``, the grade and the relation)."""
    from cwframe.crosswalk.decisions import read_decisions
    from cwframe.export.case import crosswalk_association, reviewed_grouping
    from cwframe.ops.crosswalk import crosswalk

    reviewed = read_decisions(decisions) if decisions else None
    out: dict[str, list[dict]] = {}
    groupings: dict[str, list[dict]] = {}
    frameworks = {fw.id.value: fw for fw in corpus.frameworks}
    for spec in specs:
        source, sep, target = spec.partition(":")
        if not sep or not source or not target:
            raise InputError(f"--with-crosswalk takes SOURCE:TARGET (e.g. nos:sdf), not '{spec}'")
        result = crosswalk(corpus, source, target, decisions=reviewed)
        grouping = None
        for record in result.records:
            fw = frameworks[record.framework]
            for m in record.matches:
                if not (m.reviewed or m.relation == "strong match"):
                    continue
                if m.reviewed and grouping is None:
                    grouping = reviewed_grouping(fw, source, target)
                    groupings.setdefault(fw.id.value, []).append(grouping)
                for sid in (record.id, *record.copies):
                    extensions = {"score": m.score, "relation": m.relation, "reviewed": m.reviewed,
                                  "crosswalk": f"{source}:{target}", "cwframeSource": sid, "cwframeTarget": m.id}  # fmt: skip
                    if m.reviewed:
                        extensions.update(grade=m.grade, reviewedBy=m.reviewed_by)
                    out.setdefault(fw.id.value, []).append(crosswalk_association(
                        fw, sid, record.text, m.framework, m.id, m.text, exact=m.reviewed and m.grade == "strong",
                        extensions=extensions, notes=m.note if m.reviewed else None,
                        grouping=grouping if m.reviewed else None,
                    ))  # fmt: skip
    return out, groupings


def export(corpus: Corpus, fmt: str, *, ids: list[str] | None = None, crosswalks: list[str] | None = None,
           decisions: Path | None = None) -> list[Output]:  # fmt: skip
    """Render the (selected part of the) corpus; deterministic: same input, same bytes.

    ``crosswalks`` ('SOURCE:TARGET', case only) add the crosswalk's reviewed pairs and its strong
    suggestions as associations (crosswalk_associations).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    if crosswalks and fmt != "case":
        raise InputError("--with-crosswalk adds CASE associations: use it with --format case")
    extra, groupings = crosswalk_associations(corpus, crosswalks, decisions) if crosswalks else ({}, {})
    corpus = select(corpus, ids or [])
    if fmt == "json":
        from cwframe.corpus import dump_corpus

        return [Output(None, dump_corpus(corpus))]
    if fmt == "yaml":
        import yaml

        return [
            Output(
                None,
                yaml.safe_dump(
                    corpus.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=100
                ),
            )
        ]
    if fmt == "csv":
        import io

        from cwframe.sheets import write_csv
        from cwframe.statements import iter_statements

        buffer = io.StringIO()
        # A byte order mark first: Excel reads a CSV file without one as Windows-1252 and shows
        # 'â€™' for every ’. Python's csv (encoding="utf-8-sig"), pandas and LibreOffice skip it.
        buffer.write("\ufeff")
        write_csv((r.model_dump(mode="json") for r in iter_statements(corpus)), buffer)
        return [Output(None, buffer.getvalue())]
    if fmt == "markdown":
        from cwframe.export import markdown

        return [Output(f"{fw.id.value}.md", markdown.render(fw)) for fw in corpus.frameworks]
    if fmt == "case":
        from cwframe.export import case

        return [
            Output(
                f"{fw.id.value}.case.json",
                json.dumps(
                    case.package(fw, extra.get(fw.id.value), groupings.get(fw.id.value)),
                    ensure_ascii=False,
                    indent=1,
                )
                + "\n",
            )
            for fw in corpus.frameworks
        ]
    if fmt == "sqlite":
        from cwframe.export import sqlite

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.sqlite"
            sqlite.write(corpus, path)
            return [Output(None, path.read_bytes())]
    from cwframe.export import xlsx

    return [Output(None, xlsx.write(corpus))]


def default_name(fmt: str) -> str:
    """The file name a single-output format gets inside an output directory."""
    return {"json": "corpus.json", "yaml": "corpus.yaml", "csv": "statements.csv",
            "sqlite": "cwframe.sqlite", "xlsx": "cwframe.xlsx"}[fmt]  # fmt: skip


def write(outputs: list[Output], fmt: str, out: Path) -> list[Path]:
    """Write outputs atomically and together: ``out`` is the file when there is one output,
    and the directory (created if need be) when a per-framework format writes several."""
    parents, within = False, None
    if fmt in PER_FRAMEWORK and not (len(outputs) == 1 and out.suffix and not out.is_dir()):
        if out.exists() and not out.is_dir():
            raise InputError(f"{out}: {fmt} writes one file per framework ({len(outputs)} here); give a directory, "
                             "or --framework F to write one file")  # fmt: skip
        targets = [(out / str(o.name), o.data) for o in outputs]
        parents, within = True, out  # names cwframe chose: they must stay inside out
    else:
        # An existing directory, or a new path with no file suffix ('-o exports/'), is a directory.
        as_directory = out.is_dir() or (not out.exists() and not out.suffix)
        path = (
            out / (str(outputs[0].name) if fmt in PER_FRAMEWORK else default_name(fmt))
            if as_directory
            else out
        )
        targets = [(path, outputs[0].data)]
        parents, within = as_directory, out if as_directory else None
    write_together(targets, parents=parents, within=within)
    return [path for path, _ in targets]


def stdout_text(outputs: list[Output], fmt: str) -> str:
    """What goes to stdout when no -o is given; binary and multi-package formats need -o."""
    if fmt in BINARY:
        raise InputError(f"{fmt} export writes a file: give -o cwframe{BINARY[fmt]}")
    if fmt == "case" and len(outputs) != 1:
        raise InputError("case export writes one package per framework: give --framework F or -o DIRECTORY")
    return "\n".join(str(o.data) for o in outputs)
