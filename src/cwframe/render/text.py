"""Terminal renderings with rich: tables and panels for people, never for scripts."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from cwframe.models import (
    Category,
    Cell,
    Framework,
    GlossaryEntry,
    Item,
    Level,
    StandardArea,
    Statement,
    StatementRow,
    Unit,
)
from cwframe.ops.build import BuildReport
from cwframe.ops.listing import FrameworkSummary
from cwframe.ops.show import Shown


def listing(summaries: list[FrameworkSummary], console: Console) -> None:
    """Frameworks and parts with statement counts."""
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("statements", justify="right")
    for fw in summaries:
        extra = ", ".join(x for x in (fw.version and f"v{fw.version}", fw.date) if x)
        title = f"[bold]{escape(fw.title)}[/]" + (f" [dim]({escape(extra)})[/]" if extra else "")
        table.add_row(f"[bold]{fw.id}[/]", title, f"[bold]{fw.statements}[/]")
        for part in fw.parts:
            table.add_row(f"  {part.id}", escape(part.title), str(part.statements))
    console.print(table)
    total = sum(fw.statements for fw in summaries)
    console.print(f"[dim]{total} statements in {len(summaries)} frameworks[/]")


def _where(row: StatementRow) -> str:
    parts = [row.framework.value]
    parts += [
        p
        for p in (row.unit, row.category and f"category {row.category}", row.level and f"level {row.level}")
        if p
    ]
    parts += [p for p in (row.heading, row.section, row.topic) if p]
    return " › ".join(parts)


def _statement_line(s: Statement) -> Text:
    text = Text()
    text.append(f"{s.number or s.id.rsplit('/', 1)[-1]} ", style="cyan")
    if s.name:
        text.append(f"{s.name}: ", style="bold")
    text.append(s.text)
    return text


def show(shown: Shown, console: Console) -> None:
    """One statement with its place, or a part of the corpus as a tree."""
    if shown.shape == "part":
        items = [i for i in shown.node or [] if isinstance(i, Item)]
        if shown.row is not None:
            _statement(shown.row, console)
            items = [i for i in items if i.id != shown.row.id]
        console.print(_item_tree(shown.id if shown.row is None else "", items))
        return
    if shown.row is not None:
        _statement(shown.row, console)
        return
    if isinstance(shown.node, GlossaryEntry):
        entry = shown.node
        scope = (
            f"  [dim]scope/range of the {entry.scope} criteria[/]"
            if entry.scope in ("performance", "knowledge")
            else ""
        )
        console.print(f"[bold cyan]{shown.id}[/]  [dim]glossary[/]{scope}")
        if entry.term:
            console.print(Text(entry.term, style="bold"))
        console.print(Text(entry.definition))
        console.print(f"[dim]{entry.source.file}:{entry.source.line}[/]")
        return
    console.print(_tree(shown))


def _statement(row: StatementRow, console: Console) -> None:
    console.print(f"[bold cyan]{row.id}[/]  [dim]{row.kind.value}[/]")
    console.print(f"[dim]{escape(_where(row))}[/]")
    if row.name:
        console.print(f"[bold]{escape(row.name)}[/]")
    console.print(Text(row.text))
    console.print(f"[dim]{row.source.file}:{row.source.line}[/]")


def _item_line(item: Item) -> Text:
    text = Text()
    text.append(f"{item.number or item.id.rsplit('/', 1)[-1]} ", style="cyan")
    if item.name and item.name != item.text:
        text.append(f"{item.name}: ", style="bold")
    text.append(item.text, style="bold" if item.container else "")
    if item.level:
        text.append(f"  (level {item.level})", style="dim")
    return text


def _item_tree(title: str, items: list[Item]) -> Tree:
    """Items nested under their parents (an item whose parent is not among them is at the top)."""
    tree = Tree(f"[bold]{escape(title)}[/]" if title else "", hide_root=not title)
    ids = {i.id for i in items}
    branches: dict[str, Tree] = {}
    for item in items:
        parent = branches.get(item.parent or "") if item.parent in ids else None
        branches[item.id] = (parent or tree).add(_item_line(item))
    return tree


def _tree(shown: Shown) -> Tree | Group:
    node = shown.node
    if isinstance(node, Framework):
        tree = Tree(f"[bold]{escape(node.title)}[/] [dim]({node.id.value})[/]")
        for unit in node.units:
            tree.add(f"nos/{unit.slug}  {escape(unit.title or '')}")
        for cat in node.categories:
            tree.add(f"pcf/{cat.letter}  {escape(cat.name)}")
        for level in node.levels:
            tree.add(f"sdf/{level.slug}  {escape(level.name)}")
        if node.standards:
            tree.add("sdf/yps  Youth Professional Standards")
        if node.specialisms:
            tree.add("sdf/specialism  Specialisms")
        from cwframe.outline import parts

        for part in parts(node, top_only=True):
            tree.add(f"{part.id}  {escape(part.title)}")
        if node.items and not parts(node, top_only=True):
            return _item_tree(f"{node.title} ({node.id})", node.items)
        return tree
    if isinstance(node, Unit):
        tree = Tree(f"[bold]{escape(node.title or node.slug)}[/] [dim](nos/{node.slug})[/]")
        if node.overview:
            tree.add(Text(node.overview, style="italic"))
        for section in node.sections:
            branch = tree.add(f"[bold]{escape(section.title or section.part.value)}[/]")
            for s in section.statements:
                branch.add(_statement_line(s))
        return tree
    if isinstance(node, Category):
        tree = Tree(
            f"[bold]{node.letter}. {escape(node.name)}[/]"
            + (f": {escape(node.subtitle)}" if node.subtitle else "")
        )
        for cell in node.cells:
            _cell_branch(tree, cell)
        return tree
    if isinstance(node, Cell):
        tree = Tree(f"[bold]{node.id}[/]")
        _cell_branch(tree, node)
        return tree
    if isinstance(node, Level):
        tree = Tree(f"[bold]{escape(node.title)}[/] [dim](sdf/{node.slug})[/]")
        for group in node.groups:
            branch = tree.add(
                f"[bold]{escape(group.title)}[/] [dim]{group.table.value}, {group.kind.value}[/]"
            )
            for s in group.statements:
                branch.add(_statement_line(s))
        return tree
    if isinstance(node, list) and node and isinstance(node[0], StandardArea):
        tree = Tree("[bold]Youth Professional Standards[/]")
        for area in node:
            branch = tree.add(f"[bold]{area.number}. {escape(area.title)}[/]")
            for s in area.statements:
                branch.add(_statement_line(s))
        return tree
    tree = Tree("[bold]Specialisms[/]")
    for s in node or []:
        if isinstance(s, Statement):
            tree.add(Text(f"{s.name} ({s.topic}): {s.text}"))
    return tree


def _cell_branch(tree: Tree, cell: Cell) -> None:
    branch = tree.add(f"[bold]{cell.id.removeprefix('pcf/')} {escape(cell.heading_title)}[/]")
    topic: str | None = None
    target = branch
    for s in cell.statements:
        if s.topic != topic:
            topic = s.topic
            target = branch.add(f"[italic]{escape(topic)}[/]") if topic else branch
        target.add(_statement_line(s))


def build_report(report: BuildReport, console: Console) -> None:
    """What the build wrote, or which outputs are stale."""
    for f in report.files:
        if report.checked_only:
            state = "[red]stale[/]" if f.changed else "[green]up to date[/]"
        else:
            state = "[yellow]written[/]" if f.changed else "[green]unchanged[/]"
        console.print(f"{f.path}: {state}")
    console.print(f"[dim]{report.statements} statements from {report.raw}[/]")
