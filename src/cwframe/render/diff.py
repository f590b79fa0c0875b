"""Diff reports: a terminal report (summary first) and Markdown for pull-request comments.

Both are written from one description of each change (:func:`describe`), so the
Markdown carries everything the terminal shows: sections, "also" kinds, old and new
texts with their word diffs, glossary and value changes with their texts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from cwframe.export.markdown import escape as md
from cwframe.ops.diff import KINDS, Change, DiffResult, EntryChange
from cwframe.text import word_ops

TITLES = {"removed": "Removed", "added": "Added", "modified": "Modified", "split": "Split", "merged": "Merged",
          "moved": "Moved", "reordered": "Reordered", "renumbered": "Renumbered", "markup": "Markup",
          "typography": "Typography only"}  # fmt: skip
PARTS = {"section": "Sections", "metadata": "Metadata", "overview": "Overview", "glossary": "Glossary",
         "value": "Values", "text": "Other text"}  # fmt: skip
SHOWN = 10
# GitHub refuses a comment over 65,536 characters; leave room for a bot's own header.
COMMENT_LIMIT = 60_000


CONTEXT = 8  # words kept each side of a change in a paragraph's diff


@dataclass
class Detail:
    """A line under a change: plain text, or the word diff of two texts (``context``:
    unchanged runs shortened to a few words either side, for long paragraphs)."""

    text: str = ""
    old: str | None = None
    new: str | None = None
    dim: bool = False
    context: bool = False

    def ops(self) -> list[tuple[str, str]]:
        ops = word_ops(self.old or "", self.new or "")
        if not self.context:
            return ops
        out = []
        for k, (op, words) in enumerate(ops):
            w = words.split()
            if op == "equal" and len(w) > 2 * CONTEXT + 1:
                head = w[:CONTEXT] if k > 0 else []
                tail = w[-CONTEXT:] if k < len(ops) - 1 else []
                words = " ".join([*head, "…", *tail])
            out.append((op, words))
        return out


@dataclass
class Described:
    """One change as the reports show it."""

    label: str
    note: str = ""  # after the label: '(also renumbered)', '(93% similar)'
    details: list[Detail] = field(default_factory=list)


def percent(similarity: float | None) -> str:
    """'93% similar', never '100%' for texts that differ (floor, at most 99)."""
    if similarity is None:
        return ""
    return f"{min(99, math.floor(similarity * 100))}% similar"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(result: DiffResult) -> str:
    """'1 added, 2 modified, 131 unchanged; 2 other changes (1 overview, 1 glossary)'."""
    s = result.summary
    parts = [f"{s[k]} {k}" for k in KINDS if s.get(k)]
    parts.append(f"{s['unchanged']} unchanged")
    line = ", ".join(parts)
    if result.entries:
        counts = {what: sum(e.what == what for e in result.entries) for what in PARTS}
        by_part = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        line += f"; {_plural(len(result.entries), 'other change')} ({by_part})"
    return line


def describe(c: Change) -> Described:
    """How a statement change reads, whatever the format."""
    if c.kind == "split":
        label = f"{c.old_id} → {' + '.join(c.new_ids)}"
    elif c.kind == "merged":
        label = f"{' + '.join(c.old_ids)} → {c.new_id}"
    elif c.old_id and c.new_id and c.old_id != c.new_id:
        label = f"{c.old_id} → {c.new_id}"
    else:
        label = c.new_id or c.old_id or ""
    notes = [f"also {', '.join(c.also)}"] if c.also else []
    if c.similarity is not None:
        notes.append(percent(c.similarity))
    out = Described(label, f"({'; '.join(notes)})" if notes else "")
    section = c.new_section or c.old_section
    if c.kind in ("added", "removed"):
        out.details.append(Detail(c.new_text or c.old_text or ""))
    elif c.kind in ("modified", "split", "merged", "markup", "typography"):
        out.details.append(Detail(old=c.old_text, new=c.new_text))
    if c.kind == "reordered" or "reordered" in c.also:
        out.details.append(Detail(f"was after {c.old_after or 'nothing (first)'}, now after "
                                  f"{c.new_after or 'nothing (first)'}", dim=True))  # fmt: skip
    if c.kind == "moved" or "moved" in c.also:
        out.details.append(Detail(f"section: {c.old_section} → {c.new_section}", dim=True))
    elif section and c.kind != "renumbered":
        out.details.append(Detail(f"section: {section}", dim=True))
    return out


def describe_entry(e: EntryChange) -> Described:
    """How a change to a section, glossary paragraph, value or metadata field reads."""
    if e.what == "section":
        if e.kind == "renamed":
            return Described(f"renamed: {e.old} → {e.new}")
        if e.kind == "reordered":
            return Described(f"reordered: {e.key}", details=[Detail(f"was {e.old}, now {e.new}", dim=True)])
        return Described(f"{e.kind}: {e.key}")
    label = f"{e.kind}: {e.old_key} → {e.key}" if e.kind == "renamed" else f"{e.kind}: {e.key}"
    if e.kind == "added":
        return Described(label, details=[Detail(e.new or "")])
    if e.kind == "removed":
        return Described(label, details=[Detail(e.old or "")])
    if e.old is not None and e.new is not None and e.old != e.new:
        return Described(label, details=[Detail(old=e.old, new=e.new, context=True)])
    return Described(label)


def _grouped(result: DiffResult) -> list[tuple[str, list[Described]]]:
    groups = []
    for kind in KINDS:
        members = [describe(c) for c in result.changes if c.kind == kind]
        if members:
            groups.append((f"{TITLES[kind]} ({len(members)})", members))
    for what, title in PARTS.items():
        members = [describe_entry(e) for e in result.entries if e.what == what]
        if members:
            groups.append((f"{title} ({len(members)})", members))
    return groups


def text(result: DiffResult, console, *, details: bool) -> None:  # noqa: ANN001 - a rich Console
    """Summary first, then changes grouped by kind (the first ten of each unless details)."""
    from rich.markup import escape
    from rich.text import Text

    console.print(f"[bold]{escape(result.old)}[/] → [bold]{escape(result.new)}[/]", soft_wrap=True)
    console.print(summary_line(result), soft_wrap=True)
    for title, members in _grouped(result):
        console.print(f"\n[bold]{escape(title)}[/]")
        for d in members if details else members[:SHOWN]:
            line = Text(f"  {d.label}", style="cyan")
            if d.note:
                line.append(f" {d.note}", style="dim")
            console.print(line, soft_wrap=True)
            for detail in d.details:
                body = _text_diff(detail) if detail.old is not None else detail.text
                console.print(Text(f"    {body}", style="dim" if detail.dim else ""), soft_wrap=True)
        if not details and len(members) > SHOWN:
            console.print(f"  [dim]… {len(members) - SHOWN} more (--details lists them all)[/]")


def _text_diff(detail: Detail) -> str:
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}  # as cwframe.text.word_diff
    return " ".join(marks[op].format(words) for op, words in detail.ops())


def _md_diff(detail: Detail) -> str:
    marks = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    return " ".join(marks[op].format(md(words)) for op, words in detail.ops())


def _md_text(text: str, cut: int | None) -> str:
    return md(text if cut is None or len(text) <= cut else text[:cut].rstrip() + " …")


def _code(text: str) -> str:
    """A Markdown code span: shown literally (no escapes), fenced by more backticks than it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"


def _markdown(result: DiffResult, *, shown: int | None, cut: int | None) -> str:
    out = [f"### cwframe diff: {_code(result.old)} → {_code(result.new)}", "", md(summary_line(result)), ""]
    for title, members in _grouped(result):
        out += [f"<details><summary><b>{md(title)}</b></summary>", ""]
        for d in members if shown is None else members[:shown]:
            out.append(f"- **{md(d.label)}**" + (f" {md(d.note)}" if d.note else ""))
            for detail in d.details:
                if detail.old is not None and detail.new is not None:
                    short = cut is not None and max(len(detail.old), len(detail.new)) > cut
                    body = (f"{_md_text(detail.old, cut)} → {_md_text(detail.new, cut)}" if short
                            else _md_diff(detail))  # fmt: skip
                else:
                    body = _md_text(detail.text, cut)
                out.append(f"  <br>{'<sub>' + body + '</sub>' if detail.dim else body}")
        if shown is not None and len(members) > shown:
            out.append(f"- … {len(members) - shown} more: run `cwframe diff --details` to see them all")
        out += ["", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def markdown(result: DiffResult, *, limit: int = COMMENT_LIMIT) -> str:
    """A Markdown report that fits a pull-request comment.

    Everything is listed when it fits in ``limit`` characters; otherwise each group
    keeps its first changes (texts shortened) and says how many it left out.
    """
    for shown, cut in (
        (None, None),
        (200, 400),
        (100, 300),
        (50, 200),
        (20, 200),
        (10, 120),
        (3, 80),
        (0, 0),
    ):
        page = _markdown(result, shown=shown, cut=cut)
        if len(page) <= limit:
            return page
    return page[: limit - 2].rstrip() + "\n"
