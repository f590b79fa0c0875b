from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cwframe  # noqa: E402
from cwframe.models import Corpus  # noqa: E402
from golden_cases import RAW, ROOT  # noqa: E402


@pytest.fixture(scope="session")
def repo() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def raw_corpus() -> Corpus:
    """The bundled documents parsed afresh from data/raw (paths as the build shows them)."""
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return cwframe.load_raw(RAW)
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def statements(raw_corpus: Corpus) -> dict[str, cwframe.StatementRow]:
    return {row.id: row for row in cwframe.iter_statements(raw_corpus)}


@pytest.fixture(autouse=True, scope="session")
def _index_cache(tmp_path_factory) -> None:
    """Search indexes go to a temporary cache, never to the user's ~/.cache."""
    os.environ["CWFRAME_CACHE_DIR"] = str(tmp_path_factory.mktemp("cwframe-cache"))


@pytest.fixture(scope="session")
def index():
    from cwframe.ops.search import open_index

    return open_index(None)


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture(autouse=True)
def _reset_global_options():
    """The CLI keeps --corpus/--debug in a module-level state; each test starts clean."""
    yield
    from cwframe.cli import options

    options.STATE.corpus = None
    options.STATE.debug = False
    options.STATE.reading = None
