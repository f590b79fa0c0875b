"""``cwframe list``: frameworks and their parts with statement counts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from cwframe import outline
from cwframe.models import Corpus


class Part(BaseModel):
    """A unit, category, level or other part of a framework."""

    model_config = ConfigDict(frozen=True)
    id: str
    title: str
    statements: int


class FrameworkSummary(BaseModel):
    """One framework and its parts."""

    model_config = ConfigDict(frozen=True)
    id: str
    title: str
    version: str | None
    date: str | None
    statements: int
    parts: list[Part]


def summarise(corpus: Corpus) -> list[FrameworkSummary]:
    """Every framework with its parts and how many statements each holds."""
    result = []
    for fw in corpus.frameworks:
        parts = [
            Part(id=f"nos/{u.slug}", title=u.title or u.slug,
                 statements=sum(len(s.statements) for s in u.sections))
            for u in fw.units
        ]  # fmt: skip
        parts += [
            Part(id=f"pcf/{c.letter}", title=c.name, statements=sum(len(x.statements) for x in c.cells))
            for c in fw.categories
        ]
        parts += [
            Part(id=f"sdf/{lv.slug}", title=lv.name, statements=sum(len(g.statements) for g in lv.groups))
            for lv in fw.levels
        ]
        if fw.standards:
            parts.append(
                Part(id="sdf/yps", title="Youth Professional Standards",
                     statements=sum(len(a.statements) for a in fw.standards))
            )  # fmt: skip
        if fw.specialisms:
            parts.append(
                Part(id="sdf/specialism", title="Specialisms (Appendix 1)", statements=len(fw.specialisms))
            )
        parts += [
            Part(id=p.id, title=p.title, statements=p.statements) for p in outline.parts(fw, top_only=True)
        ]
        statements = (
            sum(p.statements for p in parts) if not fw.items else sum(not i.container for i in fw.items)
        )
        result.append(
            FrameworkSummary(
                id=fw.id.value,
                title=fw.title,
                version=fw.version,
                date=fw.date,
                statements=statements,
                parts=parts,
            )  # fmt: skip
        )
    return result
