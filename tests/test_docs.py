"""Docs stay honest: generated pages are current, every command is documented."""

from __future__ import annotations

import re

import pytest

from cwframe.cli.app import COMMANDS
from make_docs import DOCS, GENERATED


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_doc_is_current(name: str) -> None:
    assert (DOCS / name).read_text(encoding="utf-8") == GENERATED[name](), (
        f"run `make docs` ({name} is stale)"
    )


def test_every_command_has_a_section_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert COMMANDS
    for command in COMMANDS:
        assert re.search(rf"^## `cwframe {command}\b", text, re.MULTILINE), command


def test_readme_starts_with_the_two_commands(repo) -> None:
    lines = (repo / "README.md").read_text(encoding="utf-8").splitlines()
    block = "\n".join(lines[:6])
    assert "make run" in block and "make test" in block


def test_ci_runs_the_readme_test_command(repo) -> None:
    assert "make test" in (repo / ".ci/run").read_text(encoding="utf-8")


def test_docs_links_resolve(repo) -> None:
    for page in [repo / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+\.(?:md|json))\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"


@pytest.mark.parametrize("name", sorted(__import__("make_docs").CONSOLE_PAGES))
def test_console_examples_run_cleanly(name: str) -> None:
    """An example that fails to run would otherwise be frozen into the page as its 'output'."""
    examples = "".join(
        re.findall(r"```console\n(.*?)```", (DOCS / name).read_text(encoding="utf-8"), re.DOTALL)
    )
    for bad in ("Traceback", "command not found", "No such file or directory", "internal error"):
        assert bad not in examples, f"{name}: an example printed {bad!r}"


def test_the_examples_of_a_framework_of_your_own_are_current() -> None:
    from make_byo_examples import EXAMPLES, outputs

    for name, data in outputs().items():
        assert (EXAMPLES / name).read_bytes() == data, (
            f"run `python tests/make_byo_examples.py` ({name} is stale)"
        )
