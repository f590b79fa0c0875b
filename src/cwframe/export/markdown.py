"""One readable Markdown document per framework; every piece of corpus text is escaped."""

from __future__ import annotations

import html
import re

from cwframe.models import Framework, Item, Statement

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


# A URL in corpus text (trailing sentence punctuation is not part of it).
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]']")


def escape(text: str) -> str:
    """Text as Markdown shows it literally: HTML escaped (so '<script>' stays text), markup neutralised.

    URLs become autolinks (``<https://…>``), inside which Markdown takes every character
    literally: escaping their underscores would put backslashes into the link GitHub makes.
    """
    out, at = [], 0
    for url in _URL.finditer(text):
        out.append(_escape_text(text[at : url.start()]))
        link = url.group()
        out.append(f"<{link if '://' in link else 'https://' + link}>")
        at = url.end()
    out.append(_escape_text(text[at:]))
    return re.sub(r"^(\s*)(\d+)\.(\s)", r"\1\2\\.\3", "".join(out))  # '1. ' at a line start is not a list


def _escape_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _statement(s: Statement) -> str:
    label = s.number or s.id.rsplit("/", 1)[-1]
    name = f"**{escape(s.name)}**: " if s.name else ""
    return f"- **{escape(label)}** {name}{escape(s.text)}"


def render(fw: Framework) -> str:
    """The framework as a Markdown document."""
    out = [f"# {escape(fw.title)}", ""]
    facts = [
        f"{k}: {escape(v)}"
        for k, v in (("Publisher", fw.publisher), ("Version", fw.version), ("Date", fw.date))
        if v
    ]
    if facts:
        out += [" · ".join(facts), ""]
    for unit in fw.units:
        out += [f"## {escape(unit.title or unit.slug)}", "", f"`nos/{unit.slug}`", ""]
        if unit.overview:
            out += [escape(unit.overview), ""]
        part = None
        for section in unit.sections:
            if section.part != part:
                part = section.part
                out += [
                    "### "
                    + (
                        "Performance criteria"
                        if part.value == "performance"
                        else "Knowledge and understanding"
                    ),
                    "",
                ]
            if section.title:
                out += [f"#### {escape(section.title)}", ""]
            out += [_statement(s) for s in section.statements] + [""]
        if unit.glossary:
            out += ["### Scope, range and glossary", ""]
            out += [
                f"- **{escape(g.term)}**: {escape(g.definition)}" if g.term else f"- {escape(g.definition)}"
                for g in unit.glossary
            ]
            out.append("")
        if unit.values:
            out += (
                ["### Values", "", escape(unit.values.intro), ""]
                + [f"- {escape(v)}" for v in unit.values.items]
                + [""]
            )
    for category in fw.categories:
        subtitle = f": {escape(category.subtitle)}" if category.subtitle else ""
        out += [f"## {category.letter}. {escape(category.name)}{subtitle}", ""]
        if category.description:
            out += [escape(category.description), ""]
        for cell in category.cells:
            out += [f"### {cell.id.removeprefix('pcf/')} {escape(cell.heading_title)}", ""]
            topic = None
            for s in cell.statements:
                if s.topic != topic and s.topic:
                    out += ["", f"#### {escape(s.topic)}", ""]
                topic = s.topic
                out.append(_statement(s))
            out.append("")
    for level in fw.levels:
        out += [f"## {escape(level.title)}", ""]
        for group in level.groups:
            kind = "Skills" if group.table.value == "skill" else "Knowledge and understanding"
            out += (
                [f"### {kind}: {escape(group.title)}", ""] + [_statement(s) for s in group.statements] + [""]
            )
    if fw.standards:
        out += ["## Youth Professional Standards", ""]
        for area in fw.standards:
            out += (
                [f"### {area.number}. {escape(area.title)}", ""]
                + [_statement(s) for s in area.statements]
                + [""]
            )
    if fw.specialisms:
        out += (
            ["## Specialisms", ""]
            + [f"- **{escape(s.name or '')}** ({s.topic}): {escape(s.text)}" for s in fw.specialisms]
            + [""]
        )
    if fw.items:
        out += _items(fw)
    if fw.glossary:
        out += (
            ["## Glossary", ""]
            + [f"- **{escape(g.term or '')}**: {escape(g.definition)}" for g in fw.glossary]
            + [""]
        )
    return "\n".join(out).rstrip() + "\n"


def _items(fw: Framework) -> list[str]:
    """A framework of your own: its items as nested lists under their parents; top-level items of
    one group under the group's heading."""
    from cwframe.outline import children

    kids = children(fw)
    out: list[str] = []

    def write(item: Item, depth: int) -> None:
        level = f" *(level {escape(item.level)})*" if item.level else ""
        out.append("  " * depth + _statement(item) + level)
        for child in kids.get(item.id, []):
            write(child, depth + 1)

    known = {i.id for i in fw.items}
    group: str | None = None
    for item in fw.items:
        if item.parent in known:
            continue
        if item.group != group and item.group:
            out += ["", f"## {escape(item.group)}", ""]
        group = item.group
        write(item, 0)
    return [*out, ""]
