"""MF01-MF02 and CO01: a raw directory's manifest against the files beside it."""

from __future__ import annotations

from pathlib import Path

from cwframe.corpus import MANIFEST, display_path, raw_documents
from cwframe.errors import CorpusError
from cwframe.models import Problem, SourceDocument
from cwframe.rules.base import problem


def check(directory: Path) -> tuple[list[Problem], list[tuple[Path, SourceDocument | None]]]:
    """Findings about the manifest (if any), and the documents to validate (listed first, then unlisted)."""
    manifest = directory / MANIFEST
    missing: list[tuple[SourceDocument, int, int]] = []
    try:
        documents = raw_documents(directory, missing=missing)
    except CorpusError as error:  # an unreadable manifest: report it, and validate every .txt
        unreadable = problem(
            "CO01", error.path, error.line, f"{error.code} {error.message}", column=error.column
        )
        return [unreadable], [(p, None) for p in sorted(directory.rglob("*.txt"))]
    found = [
        problem(
            "MF01",
            display_path(manifest),
            line,
            f"manifest names '{entry.file}', which does not exist",
            column=column,
        )
        for entry, line, column in missing
    ]
    if manifest.exists():
        found += [
            problem("MF02", display_path(path), 1, f"not named in {display_path(manifest)}")
            for path, entry in documents
            if entry is None
        ]
    return found, documents
