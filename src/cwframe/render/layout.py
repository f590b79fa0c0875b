"""Terminal layout shared by the reports: hanging indents, and ids that never split.

On a terminal, rich wraps long lines at the console width: a wrapped line must keep its
block's indent (a hanging indent), and an id must never be cut in two (it is something
people copy). Piped output is not wrapped at all (cwframe.cli.options.stdout).
"""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text


def indented(text: Text | str, indent: int, style: str = "") -> Padding:
    """``text`` wrapped within the width, every line ``indent`` spaces in."""
    body = text if isinstance(text, Text) else Text(text, style=style)
    return Padding(body, (0, 0, 0, indent), expand=False)  # no padding out to the width


def unbroken(*parts: str | tuple[str, str]) -> Text:
    """A line that is never wrapped or folded (an id with its score): it may run past the edge.
    Print it with ``console.print(line, soft_wrap=True)``: the terminal, not rich, wraps it."""
    return Text.assemble(*parts, no_wrap=True, overflow="ignore")


def id_lines(ids: list[str], width: int, indent: int = 2, tail: str = "") -> list[str]:
    """Ids separated by ', ', packed into lines of ``width``, broken only between ids (an id
    longer than a line gets a line of its own, whole); ``tail`` ends the last line."""
    lines: list[str] = []
    current = ""
    room = max(20, width - indent)
    for k, item in enumerate(ids):
        piece = item + ("," if k < len(ids) - 1 else tail)
        if current and len(current) + 1 + len(piece) > room:
            lines.append(current)
            current = piece
        else:
            current = f"{current} {piece}" if current else piece
    if current:
        lines.append(current)
    return [" " * indent + line for line in lines]
