"""MF01-MF02 and CO01: a raw directory's manifest against the files beside it."""

from __future__ import annotations

from pathlib import Path

from cwframe.corpus import MANIFEST, display_path, read_manifest
from cwframe.errors import CorpusError
from cwframe.models import Problem, SourceDocument
from cwframe.rules.base import problem


def check(directory: Path) -> tuple[list[Problem], list[tuple[Path, SourceDocument | None]]]:
    """Findings about the manifest, and the documents to validate (listed first, then unlisted)."""
    found: list[Problem] = []
    documents: list[tuple[Path, SourceDocument | None]] = []
    manifest = directory / MANIFEST
    listed: set[Path] = set()
    try:
        entries = read_manifest(directory)
    except CorpusError as error:
        found.append(
            problem("CO01", error.path, error.line, f"{error.code} {error.message}", column=error.column)
        )
        entries = []
    for entry, (line, column) in entries:
        path = directory / entry.file
        if path.is_file():
            listed.add(path.resolve())
            documents.append((path, entry))
        else:
            found.append(problem("MF01", display_path(manifest), line,
                                 f"manifest names '{entry.file}', which does not exist", column=column))  # fmt: skip
    for path in sorted(directory.rglob("*.txt")):
        if path.resolve() not in listed:
            if entries or not found:
                found.append(problem("MF02", display_path(path), 1, f"not named in {display_path(manifest)}"))
            documents.append((path, None))
    return found, documents
