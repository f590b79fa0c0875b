"""ST01-ST06: what the statements say — empty, missing parts, headings, repeats, glossary conflicts,
text a spreadsheet would run as a formula."""

from __future__ import annotations

from collections.abc import Iterator

from cwframe.models import Framework, Problem, Statement, StatementKind, Unit
from cwframe.rules.base import problem
from cwframe.statements import iter_glossary, iter_placed
from cwframe.text import fold, is_debris

# What Excel, LibreOffice and Google Sheets read as the start of a formula.
_FORMULA_START = frozenset("=+-@")


def _groups(framework: Framework) -> Iterator[tuple[str, list[Statement]]]:
    """The scopes a repeated statement is a mistake in: a NOS unit, a PCF cell, an SDF level; the
    statements of one group at one level of a framework of your own."""
    for unit in framework.units:
        yield f"nos/{unit.slug}", [s for sec in unit.sections for s in sec.statements]
    for category in framework.categories:
        for cell in category.cells:
            yield cell.id, cell.statements
    for level in framework.levels:
        yield f"sdf/{level.slug}", [s for g in level.groups for s in g.statements]
    scopes: dict[
        tuple[str | None, str | None], list[Statement]
    ] = {}  # a framework of your own: group and level
    for item in framework.items:
        if not item.container:
            scopes.setdefault((item.group, item.level), []).append(item)
    for (group, level), statements in scopes.items():
        yield f"{framework.id.value} {group or ''} {level or ''}", statements


_KNOWLEDGE_HEADING = "Knowledge and understanding"


def _missing_part_heading(unit: Unit) -> Iterator[Problem]:
    """The template's 'Knowledge and understanding' heading, missing where the knowledge
    criteria begin after the performance ones. (A missing 'Performance criteria' heading is
    not reported: the bundled key-people unit is published without it, and nothing comes
    before P1 that it could be confused with.)"""
    if any(fold(h).rstrip(":").strip() == fold(_KNOWLEDGE_HEADING) for h in unit.part_headings):
        return
    kinds = [sec.part for sec in unit.sections if sec.statements]
    if StatementKind.performance not in kinds or StatementKind.knowledge not in kinds:
        return
    first = next(sec for sec in unit.sections if sec.part is StatementKind.knowledge and sec.statements)
    under = f"above '{first.title}'" if first.title else f"above {first.statements[0].number}"
    yield problem("ST07", first.source.file, first.source.line,
                  f"the '{_KNOWLEDGE_HEADING}' heading is missing {under}, where the template opens the "
                  "knowledge criteria", statement=f"nos/{unit.slug}")  # fmt: skip


def check(framework: Framework) -> Iterator[Problem]:
    """Empty criteria, missing parts, criteria with no heading, repeats, conflicting definitions."""
    for unit in framework.units:
        file = unit.source.file
        parts = {sec.part for sec in unit.sections if sec.statements}
        for part, label in (
            (StatementKind.performance, "performance"),
            (StatementKind.knowledge, "knowledge"),
        ):
            if part not in parts:
                yield problem("ST02", file, 1, f"the NOS unit '{unit.slug}' has no {label} criteria",
                              statement=f"nos/{unit.slug}")  # fmt: skip
        yield from _missing_part_heading(unit)
        for section in unit.sections:
            if section.title is None and section.statements:
                first = section.statements[0]
                yield problem("ST03", file, first.source.line,
                              f"{first.number} and {len(section.statements) - 1} more come before any section heading",
                              statement=first.id)  # fmt: skip
            for s in section.statements:
                if not s.text or is_debris(s.text):
                    yield problem("ST01", file, s.source.line, f"{s.number} is empty", statement=s.id)
    for s, _place in iter_placed(framework):
        if s.text[:1] in _FORMULA_START:
            yield problem("ST06", s.source.file, s.source.line,
                          f"{s.id.rsplit('/', 1)[-1]} starts with '{s.text[0]}': a spreadsheet opening an export "
                          "would run it as a formula; reword the start", statement=s.id)  # fmt: skip
    for _scope, statements in _groups(framework):
        first_seen: dict[str, Statement] = {}
        for s in statements:
            key = fold(s.text)
            if not key:
                continue
            if key in first_seen:
                original = first_seen[key]
                yield problem("ST04", s.source.file, s.source.line,
                              f"{s.id} repeats {original.id} (line {original.source.line}) word for word",
                              statement=s.id)  # fmt: skip
            else:
                first_seen[key] = s
    defined: dict[tuple[str | None, str], tuple[str, int]] = {}
    for gid, unit, entry in iter_glossary(framework):
        if not entry.term:
            continue
        key = (unit, fold(entry.term))
        if key in defined and fold(defined[key][0]) != fold(entry.definition):
            scope = f"nos/{unit}" if unit else framework.id.value
            yield problem("ST05", entry.source.file, entry.source.line,
                          f"'{entry.term}' is defined again in {scope}, differently from line {defined[key][1]}",
                          statement=gid)  # fmt: skip
        defined.setdefault(key, (entry.definition, entry.source.line))
