"""Where things are: the bundled corpus and well-known file names (no heavy imports)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

MANIFEST = "manifest.yaml"
CORPUS_FILE = "corpus.json"
STATEMENTS_FILE = "statements.jsonl"
NORMALISED_SUFFIXES = (".json", ".yaml", ".yml")
_REPO_ROOT = Path(__file__).resolve().parents[2]


def bundled_corpus_path() -> Path:
    """Where the corpus shipped with the package lives (wheel first, then the source tree)."""
    packaged = resources.files("cwframe") / "_bundled" / CORPUS_FILE
    if packaged.is_file():
        return Path(str(packaged))
    return _REPO_ROOT / "data" / "normalised" / CORPUS_FILE


def corpus_kind(path: Path) -> tuple[Literal["normalised", "raw", "document"], Path]:
    """What a corpus path is, and the file or directory to read for it.

    A directory holding corpus.json and no manifest is a normalised corpus; any other
    directory is raw documents; a .json/.yaml file is a normalised corpus (or an
    export), unless it is a CASE package; any other file is one document. The one place
    this is decided.
    """
    if path.is_dir():
        if (path / CORPUS_FILE).is_file() and not (path / MANIFEST).exists():
            return "normalised", path / CORPUS_FILE
        return "raw", path
    if path.suffix.lower() in NORMALISED_SUFFIXES and not (
        path.suffix.lower() == ".json" and is_case_package(path)
    ):
        return "normalised", path
    return "document", path


def is_case_package(path: Path) -> bool:
    """A JSON file that is a CASE package (its first 64 KiB name a CFDocument), not a cwframe corpus."""
    import os
    import re
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO named x.json would block a reader forever
            return False
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False  # unreadable: the reader says why
    return re.search(rb'"CF(?:Document|Items|Package)"\s*:', head) is not None
