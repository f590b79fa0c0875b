"""The flat statement view: one row per addressable statement, in document order."""

from __future__ import annotations

from collections.abc import Iterator

from cwframe.models import Corpus, Framework, GlossaryEntry, Location, Statement, StatementRow

Place = dict[str, str | None]


def iter_placed(fw: Framework) -> Iterator[tuple[Statement, Place]]:
    """Every statement of a framework in document order, with where it sits
    (unit, category, heading, level, section); the one walk of the tree."""
    for unit in fw.units:
        for section in unit.sections:
            for s in section.statements:
                yield s, {"unit": unit.slug, "section": section.title}
    for category in fw.categories:
        for cell in category.cells:
            for s in cell.statements:
                yield s, {"category": category.letter, "heading": cell.heading_title}
    for level in fw.levels:
        for group in level.groups:
            for s in group.statements:
                yield s, {"level": level.slug, "section": group.title}
    for area in fw.standards:
        for s in area.statements:
            yield s, {"section": f"Youth Professional Standards {area.number}: {area.title}"}
    for s in fw.specialisms:
        yield s, {"section": "Specialisms"}
    if fw.items:
        from cwframe.parsers._items import level_slug

        slugs: dict[str | None, str | None] = {}
        for item in fw.items:
            if item.container:
                continue
            level = (
                slugs.get(item.level)
                if item.level in slugs
                else slugs.setdefault(item.level, level_slug(item.level))
            )
            yield item, {"level": level, "section": item.group}


def iter_framework(fw: Framework) -> Iterator[StatementRow]:
    """Rows for one framework, in document order."""
    for s, place in iter_placed(fw):
        yield StatementRow(
            id=s.id, framework=fw.id, kind=s.kind, text=s.text, name=s.name,
            unit=place.get("unit"), category=place.get("category"), heading=place.get("heading"),
            level=place.get("level"), section=place.get("section"), topic=s.topic,
            source=Location(file=s.source.file, line=s.source.line),
        )  # fmt: skip


def framework_named(corpus: Corpus, name: str) -> Framework:
    """The corpus's framework with this id (case-insensitive); InputError naming those there are."""
    for fw in corpus.frameworks:
        if fw.id.value == name.strip().casefold():
            return fw
    from cwframe.errors import InputError

    names = ", ".join(fw.id.value for fw in corpus.frameworks) or "none"
    raise InputError(f"no framework '{name}' in the corpus; its frameworks are: {names}")


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


def iter_glossary_rows(corpus: Corpus, framework: str | None = None) -> Iterator[StatementRow]:
    """Every glossary entry as a flat row (kind ``glossary``, term as name, definition as text),
    with the ids search and define print."""
    from cwframe.models import StatementKind
    from cwframe.parsers._glossary import GLOSSARY_SECTIONS

    for fw in corpus.frameworks:
        if framework is not None and fw.id.value != framework:
            continue
        for gid, unit, entry in iter_glossary(fw):
            yield StatementRow(
                id=gid, framework=fw.id, kind=StatementKind.glossary, text=entry.definition, name=entry.term,
                unit=unit, category=None, heading=None, level=None,
                section=GLOSSARY_SECTIONS.get(entry.scope or "", "Glossary"), topic=None,
                source=Location(file=entry.source.file, line=entry.source.line),
            )  # fmt: skip
