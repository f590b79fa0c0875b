"""Terminal layout at 80 columns: hanging indents, ids never split; piped output never wrapped."""

from __future__ import annotations

import io
import re

import cwframe
from cwframe.cli.app import app
from cwframe.ops.crosswalk import crosswalk
from cwframe.ops.search import open_index, search
from cwframe.render import crosswalk as crosswalk_render
from cwframe.render.hits import results


def _terminal(width: int = 80):
    from rich.console import Console

    buffer = io.StringIO()
    return buffer, Console(file=buffer, width=width, force_terminal=True, color_system=None)


def test_search_hits_keep_their_indent_and_whole_ids() -> None:
    buffer, console = _terminal()
    found = search(open_index(None), "attachment", limit=5)
    results(found, console)
    lines = buffer.getvalue().splitlines()
    for hit in found.hits:  # each id whole on its rank line, however long
        assert any(re.match(rf" ?\d+\. {re.escape(hit.id)}  \d", line) for line in lines), hit.id
    body = [line for line in lines if not re.match(r" ?\d+\. ", line)]
    assert body and all(line.startswith("    ") for line in body)  # wrapped text keeps the indent
    assert max(len(line.rstrip()) for line in body) <= 80


def test_crosswalk_pairs_and_gap_lists_never_split_an_id() -> None:
    result = crosswalk(cwframe.load_corpus(), "pcf/E", "sdf")
    buffer, console = _terminal()
    crosswalk_render.text(result, console)
    out = buffer.getvalue()
    listed = re.findall(r"(?:pcf|sdf|nos)/[\w./-]+", out)
    known = {s.id for s in cwframe.iter_statements(cwframe.load_corpus())} | {"pcf/E"}
    assert listed and set(listed) <= known  # every id printed is a whole, real id
    gap_lines = out.split("Target statements no source reaches")[1].split("\n\n")[0].splitlines()[1:]
    assert gap_lines and all(line.startswith("  ") and len(line) <= 80 for line in gap_lines)


def test_piped_output_is_never_hard_wrapped(runner) -> None:
    shown = runner.invoke(app, ["show", "sdf/yps/2"]).stdout
    longest = max(shown.splitlines(), key=len)
    assert len(longest) > 100 and longest == longest.rstrip()  # one line per statement, no padding
    listing = runner.invoke(app, ["list"]).stdout
    assert (
        "Lead and manage provision of care services that supports the development of children and young people"
        in listing
    )
    assert all(line == line.rstrip() for line in listing.splitlines())
