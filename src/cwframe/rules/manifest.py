"""MF01-MF03, FI01 and CO01: a raw directory's manifest against the files beside it."""

from __future__ import annotations

from pathlib import Path

from cwframe.corpus import MANIFEST, display_path, raw_documents
from cwframe.errors import CorpusError
from cwframe.models import Problem, SourceDocument
from cwframe.paths import walk
from cwframe.rules.base import problem


def check(directory: Path) -> tuple[list[Problem], list[tuple[Path, SourceDocument | None]]]:
    """Findings about the manifest (if any), and the documents to validate (listed first, then unlisted)."""
    manifest = directory / MANIFEST
    findings: list[tuple[str, str, int, int, str]] = []
    try:
        documents = raw_documents(directory, findings=findings)
    except CorpusError as error:  # an unreadable manifest: report it, and validate every .txt
        unreadable = problem(
            "CO01", error.path, error.line, f"{error.code} {error.message}", column=error.column
        )
        found, refused = walk(directory, ".txt")
        return [unreadable] + [
            problem("FI01", display_path(r.path), 1, f"{r.reason}; it is left out") for r in refused
        ], [(p, None) for p in found]
    found = [
        problem(code, path, line, message, column=column) for code, path, line, column, message in findings
    ]
    if manifest.exists():
        found += [
            problem("MF02", display_path(path), 1, f"not named in {display_path(manifest)}")
            for path, entry in documents
            if entry is None
        ]
    return found, documents
