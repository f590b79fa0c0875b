"""``cwframe build``: regenerate the normalised corpus from the raw documents."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from cwframe.corpus import (
    CORPUS_FILE,
    STATEMENTS_FILE,
    display_path,
    dump_corpus,
    load_raw,
    read_text,
    write_together,
)
from cwframe.models import Corpus
from cwframe.statements import iter_statements

SCHEMA_FILE = "corpus.schema.json"


class BuiltFile(BaseModel):
    """One output of a build and whether it changed (or, with check, would change)."""

    model_config = ConfigDict(frozen=True)
    path: str
    changed: bool


class BuildReport(BaseModel):
    """What a build wrote, or with check=True what is stale."""

    model_config = ConfigDict(frozen=True)
    raw: str
    files: list[BuiltFile]
    statements: int
    checked_only: bool

    @property
    def stale(self) -> list[str]:
        """Outputs that differ from what the raw documents give."""
        return [f.path for f in self.files if f.changed]


def render_outputs(corpus: Corpus) -> dict[str, str]:
    """The text of every generated file, keyed by file name; deterministic."""
    rows = [json.dumps(r.model_dump(mode="json"), ensure_ascii=False) for r in iter_statements(corpus)]
    schema = Corpus.model_json_schema()
    return {
        CORPUS_FILE: dump_corpus(corpus),
        STATEMENTS_FILE: "\n".join(rows) + "\n",
        SCHEMA_FILE: json.dumps(schema, ensure_ascii=False, indent=1) + "\n",
    }


def build(raw: Path, out: Path, *, schema_out: Path | None = None, check: bool = False) -> BuildReport:
    """Parse ``raw`` and write corpus.json and statements.jsonl to ``out``.

    Args:
        raw: the raw directory (with its manifest.yaml).
        out: the normalised directory to write.
        schema_out: where to write the JSON Schema of corpus.json (default: in ``out``).
        check: write nothing; report which outputs are stale.
    """
    corpus = load_raw(raw)
    outputs = render_outputs(corpus)
    targets = {
        CORPUS_FILE: out / CORPUS_FILE,
        STATEMENTS_FILE: out / STATEMENTS_FILE,
        SCHEMA_FILE: schema_out or out / SCHEMA_FILE,
    }
    files = []
    changed_files: list[tuple[Path, str | bytes]] = []
    for name, path in targets.items():
        current = read_text(path, remember=False) if path.is_file() else None  # an output, not an input
        changed = current != outputs[name]
        if changed:
            changed_files.append((path, outputs[name]))
        files.append(BuiltFile(path=display_path(path), changed=changed))
    if changed_files and not check:
        write_together(
            changed_files, parents=True, within=out
        )  # corpus.json and statements.jsonl never out of step
    count = outputs[STATEMENTS_FILE].count("\n")
    return BuildReport(raw=display_path(raw), files=files, statements=count, checked_only=check)
