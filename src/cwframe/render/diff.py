"""Diff reports: a terminal report (summary first) and Markdown for pull-request comments."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from cwframe.export.markdown import escape as md
from cwframe.ops.diff import Change, DiffResult

TITLES = {"removed": "Removed", "added": "Added", "modified": "Modified", "moved": "Moved",
          "renumbered": "Renumbered", "typography": "Typography only"}  # fmt: skip
SHOWN = 10


def _summary_line(result: DiffResult) -> str:
    s = result.summary
    parts = [
        f"{s[k]} {k}"
        for k in ("added", "removed", "modified", "moved", "renumbered", "typography")
        if s.get(k)
    ]
    parts.append(f"{s['unchanged']} unchanged")
    if s["entries"]:
        parts.append(f"{s['entries']} section/glossary/value/metadata changes")
    return ", ".join(parts)


def _label(c: Change) -> str:
    if c.old_id and c.new_id and c.old_id != c.new_id:
        return f"{c.old_id} → {c.new_id}"
    return c.new_id or c.old_id or ""


def text(result: DiffResult, console: Console, *, details: bool) -> None:
    """Summary first, then changes grouped by kind (the first ten of each unless details)."""
    console.print(f"[bold]{escape(result.old)}[/] → [bold]{escape(result.new)}[/]", soft_wrap=True)
    console.print(_summary_line(result), soft_wrap=True)
    for kind, title in TITLES.items():
        group = [c for c in result.changes if c.kind == kind]
        if not group:
            continue
        console.print(f"\n[bold]{title}[/] ({len(group)})")
        for c in group if details else group[:SHOWN]:
            also = f" [dim](also {', '.join(c.also)})[/]" if c.also else ""
            line = Text(f"  {_label(c)}", style="cyan")
            console.print(line, soft_wrap=True, end="")
            console.print(also, soft_wrap=True)
            if kind == "modified":
                console.print(Text(f"    {c.diff}  ({c.similarity:.0%} similar)"), soft_wrap=True)
            elif kind == "moved":
                console.print(Text(f"    {c.old_section} → {c.new_section}", style="dim"), soft_wrap=True)
            elif kind in ("added", "removed"):
                console.print(Text(f"    {c.new_text or c.old_text}"), soft_wrap=True)
        if not details and len(group) > SHOWN:
            console.print(f"  [dim]… {len(group) - SHOWN} more (--details lists them all)[/]")
    if result.entries:
        console.print("\n[bold]Sections, glossary, values, metadata[/]")
        for e in result.entries:
            change = f"'{e.old}' → '{e.new}'" if e.kind in ("renamed", "modified") else (e.new or e.old or "")
            console.print(Text(f"  {e.what} {e.kind}: {e.key if e.what != 'section' else ''} {change}".replace("  ", " ")),
                          soft_wrap=True)  # fmt: skip


def markdown(result: DiffResult) -> str:
    """A Markdown report that fits a pull-request comment."""
    out = [f"### cwframe diff: `{result.old}` → `{result.new}`", "", md(_summary_line(result)), ""]
    for kind, title in TITLES.items():
        group = [c for c in result.changes if c.kind == kind]
        if not group:
            continue
        out += [f"<details><summary><b>{title}</b> ({len(group)})</summary>", ""]
        for c in group:
            label = md(_label(c))
            if kind == "modified":
                out.append(f"- **{label}** ({c.similarity:.0%} similar): {md(c.diff or '')}")
            elif kind == "moved":
                out.append(f"- **{label}**: {md(c.old_section or '')} → {md(c.new_section or '')}")
            elif kind in ("added", "removed"):
                out.append(f"- **{label}**: {md(c.new_text or c.old_text or '')}")
            else:
                out.append(f"- **{label}**")
        out += ["", "</details>", ""]
    if result.entries:
        out += ["**Sections, glossary, values, metadata**", ""]
        out += [f"- {e.what} {e.kind}: {md(e.key)}" + (f" → {md(e.new)}" if e.kind == "renamed" and e.new else "")
                for e in result.entries]  # fmt: skip
    return "\n".join(out).rstrip() + "\n"
