"""The parts of a framework of your own (a spreadsheet or a CASE package): what ``list`` lists,
``show`` shows as a tree, and ``export`` and ``crosswalk`` select.

* An item with items under it (a CASE domain, a spreadsheet row others name as their parent)
  is a part whose id is its own: ``our-framework/M.F`` is the item and everything under it.
* Top-level items of one group (a spreadsheet's category, area or domain column) make a part
  ``<framework>/<slug of the group>`` (``our-framework/communication``), unless an item already
  has that id.

``list`` names the top-level parts: the top-level items that have items under them, and the groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from cwframe.models import Framework, Item
from cwframe.text import slugify


@dataclass(frozen=True)
class Part:
    """A part of a framework of your own: its id, title and items (in document order)."""

    id: str
    title: str
    items: list[Item]
    item: Item | None = None  # the item it is, when it is one

    @property
    def statements(self) -> int:
        """How many of its items are statements (not containers)."""
        return sum(1 for i in self.items if not i.container)


def children(fw: Framework) -> dict[str | None, list[Item]]:
    """Parent id -> its items, in document order (None: the top-level items)."""
    out: dict[str | None, list[Item]] = {}
    for item in fw.items:
        out.setdefault(item.parent, []).append(item)
    return out


def subtree(fw: Framework, item: Item, kids: dict[str | None, list[Item]] | None = None) -> list[Item]:
    """The item and every item under it, in document order."""
    kids = kids if kids is not None else children(fw)
    out, stack, seen = [], [item], set()
    while stack:  # depth first, children in order: document order for a tree read from a file
        current = stack.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        out.append(current)
        stack.extend(reversed(kids.get(current.id, [])))
    if len(out) > 1:
        position = _positions(fw)
        out.sort(key=lambda i: position[i.id])
    return out


_POSITIONS: dict[int, tuple[Framework, dict[str, int]]] = {}


def _positions(fw: Framework) -> dict[str, int]:
    """Item id -> its place in the framework (kept for the framework last asked about)."""
    found = _POSITIONS.get(id(fw))
    if found is None or found[0] is not fw:
        _POSITIONS.clear()
        found = _POSITIONS[id(fw)] = (fw, {item.id: i for i, item in enumerate(fw.items)})
    return found[1]


def parts(fw: Framework, *, top_only: bool = False) -> list[Part]:
    """The framework's parts: items with items under them (only top-level ones with ``top_only``),
    then the groups of its top-level items."""
    if not fw.items:
        return []
    kids = children(fw)
    out = [
        Part(item.id, item.name or item.text, subtree(fw, item, kids), item)
        for item in fw.items
        if item.id in kids and (not top_only or item.parent is None)
    ]
    taken = {i.id.casefold() for i in fw.items}
    grouped: dict[str, Part] = {}
    for item in kids.get(None, []):
        if not item.group:
            continue
        pid = f"{fw.id}/{slugify(item.group) or 'group'}"
        if pid.casefold() in taken:
            continue
        part = grouped.setdefault(pid, Part(pid, item.group, []))
        part.items.extend(subtree(fw, item, kids) if item.id in kids else [item])
    return out + list(grouped.values())
