from __future__ import annotations

import subprocess
import sys

import pytest

from cwframe import __version__
from cwframe.cli.app import app

COMMANDS = ["list", "show", "statements", "build"]


def test_version(runner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"cwframe {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_python_dash_m(repo) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cwframe", "show", "sdf/yps/1.2"],
        capture_output=True,
        text=True,
        cwd=repo,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Apply detailed knowledge from their own profession" in result.stdout


def test_no_arguments_shows_help(runner) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert "Usage" in result.output
