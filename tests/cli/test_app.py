from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from cwframe import __version__
from cwframe.cli.app import COMMANDS, app


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


def test_help_lists_every_command_in_order(runner) -> None:
    result = runner.invoke(app, ["--help"], terminal_width=200)
    listed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("│ ") and
              line.split()[1] in COMMANDS]  # fmt: skip
    assert listed == list(COMMANDS)


def test_a_mistyped_command_is_named_with_a_suggestion(runner) -> None:
    result = runner.invoke(app, ["serch", "attachment"])
    assert result.exit_code == 2
    assert "No such command 'serch'. Did you mean 'search'?" in result.output


def test_a_command_imports_only_its_own_module() -> None:
    """In a fresh interpreter: running `show` never imports the other commands' modules."""
    code = (
        "import sys\n"
        "from cwframe.cli.app import app\n"
        "try:\n    app(['show', 'sdf/yps/1.2'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('cwframe.cli.commands.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "['cwframe.cli.commands.show']"


def test_a_reader_that_stops_early_is_not_an_error(repo) -> None:
    """`cwframe statements | head -1`: exit 0 and nothing on stderr (no 'Exception ignored')."""
    proc = subprocess.Popen([sys.executable, "-m", "cwframe", "statements"], cwd=repo,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stdout.readline().startswith(b'{"id": "nos/cyp-development/P1"')
    proc.stdout.close()  # ~900 KB remain: the writer meets a closed pipe
    with proc.stderr:
        assert (proc.wait(timeout=60), proc.stderr.read()) == (0, b"")


@pytest.mark.parametrize(("argv", "code"), [(["show", "sdf/yps/1.2"], 0), (["show", "nope"], 2), ([], 2)])
def test_exit_codes_survive_the_fast_exit(repo, argv: list[str], code: int) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cwframe", *argv], cwd=repo, capture_output=True, check=False
    )
    assert result.returncode == code
    assert result.stdout or result.stderr  # and what was printed was flushed


def test_the_entry_point_loads_nothing_heavy_before_forking() -> None:
    """cli/entry.py and search/freshness.py run before the CLI on every start: the
    freshness child is forked from a process that has loaded only these."""
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import cwframe.cli.entry, cwframe.search.freshness\n"
        "print(sorted(set(sys.modules) - before))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(result.stdout))
    assert loaded <= {"__future__", "atexit", "cwframe", "cwframe.cli", "cwframe.cli.entry", "cwframe.search",
                      "cwframe.search.freshness"}  # fmt: skip
