from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cwframe.cli import options


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _reset_global_options():
    """The app keeps --corpus/--debug in a module-level state; each invocation starts clean."""
    yield
    options.STATE.corpus = None
    options.STATE.debug = False
