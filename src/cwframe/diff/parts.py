"""The parts of a document other than its statements, as paragraphs a diff can pair.

Every part is compared: a unit's title, overview, each glossary paragraph (a term
the unit defines twice, once per scope, is two paragraphs told apart by scope),
values, extra sections and metadata; PCF category names and descriptions; SDF
level titles and glossary. A paragraph with a key (a term, a field) pairs with the
same key on the other side; one without (a glossary note that defines no term, a
value) pairs by similarity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cwframe.models import Framework, GlossaryEntry
from cwframe.text import fold

WHAT_ORDER = ("metadata", "overview", "glossary", "value", "text")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One comparable part: ``key`` pairs it (None: pair by similarity), ``label`` names it."""

    what: str
    key: str | None
    label: str
    text: str
    folded: str
    position: int


class _Collector:
    def __init__(self) -> None:
        self.out: list[Paragraph] = []
        self.seen: Counter[tuple[str, str]] = Counter()

    def add(self, what: str, key: str | None, text: str | None, label: str | None = None) -> None:
        if not text:
            return
        label = label or key or what
        if key is not None:
            # Keys pair folded (a curly apostrophe in a term is typography). The same key
            # twice on one side (a term defined twice in one scope) stays two paragraphs,
            # paired by occurrence.
            key = " ".join(fold(key).split())
            self.seen[(what, key)] += 1
            occurrence = self.seen[(what, key)]
            if occurrence > 1:
                key, label = f"{key} #{occurrence}", f"{label} #{occurrence}"
        folded = " ".join(fold(text).split())
        self.out.append(Paragraph(what, key, label, text, folded, len(self.out)))


def _glossary(c: _Collector, prefix: str, entries: list[GlossaryEntry]) -> None:
    for entry in entries:
        scope = f" ({entry.scope} scope)" if entry.scope else ""
        if entry.term:
            c.add("glossary", f"{prefix}{entry.term}{scope}", entry.definition)
        else:
            c.add("glossary", None, entry.definition, label=f"{prefix}note{scope}")


def paragraphs(frameworks: list[Framework], *, by_unit: bool) -> list[Paragraph]:
    """Every non-statement part of the frameworks, in document order.

    Keys name the unit only when ``by_unit`` (a side with several units): comparing
    two different units, their overviews are the same part.
    """
    c = _Collector()
    for fw in frameworks:
        for field in ("title", "version", "date", "publisher"):
            c.add("metadata", f"{fw.id.value} {field}", getattr(fw, field))
        for unit in fw.units:
            prefix = f"{unit.slug}: " if by_unit else ""
            c.add("metadata", f"{prefix}title", unit.title)
            c.add("metadata", f"{prefix}code", unit.code)
            for field, value in unit.metadata.items():
                c.add("metadata", f"{prefix}{field}", value)
            c.add("overview", f"{prefix}overview", unit.overview)
            _glossary(c, prefix, unit.glossary)
            if unit.values:
                c.add("value", f"{prefix}values introduction", unit.values.intro)
                for item in unit.values.items:
                    c.add("value", None, item, label=f"{prefix}value")
            for name, body in unit.extra_sections.items():
                c.add("text", f"{prefix}{name}", body)
        for category in fw.categories:
            for field in ("name", "subtitle", "description"):
                c.add("metadata", f"{fw.id.value}/{category.letter} {field}", getattr(category, field))
        for level in fw.levels:
            c.add("metadata", f"{fw.id.value}/{level.slug} title", level.title)
        for area in fw.standards:
            c.add("metadata", f"{fw.id.value}/yps/{area.number} title", area.title)
        _glossary(c, "", fw.glossary)
    return c.out
