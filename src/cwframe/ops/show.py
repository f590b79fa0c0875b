"""``cwframe show``: find one statement or a whole part of a framework by id."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from cwframe import outline
from cwframe.errors import InputError
from cwframe.models import (
    Category,
    Cell,
    Corpus,
    Framework,
    GlossaryEntry,
    Item,
    Level,
    StandardArea,
    Statement,
    StatementRow,
    Unit,
)
from cwframe.statements import iter_glossary, iter_statements

Shape = Literal[
    "statement",
    "framework",
    "unit",
    "category",
    "cell",
    "level",
    "standards",
    "specialisms",
    "glossary",
    "part",
]


class Shown(BaseModel):
    """What an id names: a statement (with its flat row) or a subtree of the corpus. A part of a
    framework of your own (outline.parts) has its items as ``node`` and, when it is an item
    itself, that item's flat row as ``row``."""

    model_config = ConfigDict(frozen=True)
    id: str
    shape: Shape
    row: StatementRow | None = None
    node: (
        Framework
        | Unit
        | Category
        | Cell
        | Level
        | GlossaryEntry
        | list[Item]
        | list[StandardArea]
        | list[Statement]
        | None
    ) = None


def _index(corpus: Corpus) -> dict[str, Shown]:
    index: dict[str, Shown] = {}
    for fw in corpus.frameworks:
        index[fw.id.value] = Shown(id=fw.id.value, shape="framework", node=fw)
        for unit in fw.units:
            uid = f"nos/{unit.slug}"
            index[uid] = Shown(id=uid, shape="unit", node=unit)
        for cat in fw.categories:
            index[f"pcf/{cat.letter}"] = Shown(id=f"pcf/{cat.letter}", shape="category", node=cat)
            for cell in cat.cells:
                index[cell.id] = Shown(id=cell.id, shape="cell", node=cell)
        for level in fw.levels:
            lid = f"sdf/{level.slug}"
            index[lid] = Shown(id=lid, shape="level", node=level)
        if fw.standards:
            index["sdf/yps"] = Shown(id="sdf/yps", shape="standards", node=fw.standards)
            for area in fw.standards:
                aid = f"sdf/yps/{area.number}"
                index[aid] = Shown(id=aid, shape="standards", node=[area])
        if fw.specialisms:
            index["sdf/specialism"] = Shown(id="sdf/specialism", shape="specialisms", node=fw.specialisms)
        for gid, _unit, entry in iter_glossary(fw):  # the ids search and define print
            index[gid] = Shown(id=gid, shape="glossary", node=entry)
    for row in iter_statements(corpus):
        index[row.id] = Shown(id=row.id, shape="statement", row=row)
    for fw in corpus.frameworks:
        for part in outline.parts(fw):
            found = index.get(part.id)
            index[part.id] = Shown(
                id=part.id, shape="part", row=found.row if found else None, node=part.items
            )
    return index


def show(corpus: Corpus, item_id: str) -> Shown:
    """Resolve an id (case-insensitive); unknown ids raise InputError with suggestions."""
    index = _index(corpus)
    wanted = item_id.strip().strip("/")
    if wanted in index:
        return index[wanted]
    folded = {key.casefold(): key for key in index}
    if wanted.casefold() in folded:
        return index[folded[wanted.casefold()]]
    close = process.extract(wanted, list(index), scorer=fuzz.ratio, limit=3, score_cutoff=60)
    hint = f"; did you mean {', '.join(repr(c[0]) for c in close)}?" if close else ""
    raise InputError(f"no statement or part has the id '{item_id}'{hint} ('cwframe list' shows the parts)")
