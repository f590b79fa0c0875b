"""The flat statement view: one row per addressable statement, in document order."""

from __future__ import annotations

from collections.abc import Iterator

from cwframe.models import Corpus, Framework, GlossaryEntry, Location, Statement, StatementRow


def _row(fw: Framework, s: Statement, **place: str | None) -> StatementRow:
    fields: dict[str, str | None] = dict.fromkeys(
        ("unit", "category", "heading", "level", "section", "topic")
    )
    fields["topic"] = s.topic
    fields.update(place)
    return StatementRow(
        id=s.id, framework=fw.id, kind=s.kind, text=s.text, name=s.name,
        source=Location(file=s.source.file, line=s.source.line), **fields,
    )  # fmt: skip


def iter_framework(fw: Framework) -> Iterator[StatementRow]:
    """Rows for one framework, in document order."""
    for unit in fw.units:
        for section in unit.sections:
            for s in section.statements:
                yield _row(fw, s, unit=unit.slug, section=section.title)
    for category in fw.categories:
        for cell in category.cells:
            for s in cell.statements:
                yield _row(fw, s, category=category.letter, heading=cell.heading_title)
    for level in fw.levels:
        for group in level.groups:
            for s in group.statements:
                yield _row(fw, s, level=level.slug, section=group.title)
    for area in fw.standards:
        for s in area.statements:
            yield _row(fw, s, section=f"Youth Professional Standards {area.number}: {area.title}")
    for s in fw.specialisms:
        yield _row(fw, s, section="Specialisms")


def iter_statements(corpus: Corpus, framework: str | None = None) -> Iterator[StatementRow]:
    """Every statement of the corpus (or of one framework) as a flat row."""
    for fw in corpus.frameworks:
        if framework is None or fw.id.value == framework:
            yield from iter_framework(fw)


def iter_glossary(fw: Framework) -> Iterator[tuple[str, str | None, GlossaryEntry]]:
    """(id, unit slug or None, entry) for every glossary entry of a framework.

    Ids: ``nos/<unit>/glossary/<slug of term>``, ``sdf/glossary/<slug>``; a paragraph
    that defines no term is ``…/glossary/note-<n>``; repeats get ``-2``, ``-3``.
    """
    from cwframe.text import slugify

    def ids(prefix: str, entries: list[GlossaryEntry]) -> Iterator[tuple[str, GlossaryEntry]]:
        counts: dict[str, int] = {}
        notes = 0
        for entry in entries:
            if entry.term:
                key = slugify(entry.term)
            else:
                notes += 1
                key = f"note-{notes}"
            counts[key] = counts.get(key, 0) + 1
            yield (f"{prefix}/glossary/{key}" + (f"-{counts[key]}" if counts[key] > 1 else "")), entry

    for unit in fw.units:
        for gid, entry in ids(f"nos/{unit.slug}", unit.glossary):
            yield gid, unit.slug, entry
    for gid, entry in ids(fw.id.value, fw.glossary):
        yield gid, None, entry
