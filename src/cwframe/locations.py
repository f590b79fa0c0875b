"""Where things are: the bundled corpus and well-known file names (no heavy imports)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

MANIFEST = "manifest.yaml"
CORPUS_FILE = "corpus.json"
STATEMENTS_FILE = "statements.jsonl"
_REPO_ROOT = Path(__file__).resolve().parents[2]


def bundled_corpus_path() -> Path:
    """Where the corpus shipped with the package lives (wheel first, then the source tree)."""
    packaged = resources.files("cwframe") / "_bundled" / CORPUS_FILE
    if packaged.is_file():
        return Path(str(packaged))
    return _REPO_ROOT / "data" / "normalised" / CORPUS_FILE
