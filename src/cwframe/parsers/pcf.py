"""North East Lincolnshire Children's Workforce Professional Capabilities Framework (PCF).

Source: version 2.0.0, 9 May 2016, converted from Word. Parts 1 and 2 (introduction,
tiers table, user manual) describe the framework; Part 3 holds the statements: nine
categories A-I along the continuum of need, each a two-column table of nine
capability headings by a cell of knowledge, skills and behaviour statements.

Quirks handled:

* table rows are ``<p>B.4. Heading</p><TAB><p>Topic</p> <ul …> • statement • …``:
  HTML remnants, ``•`` bullets, topic subheadings as ``<p>`` paragraphs;
* a row cut by a page break continues on a line that starts with a TAB. Its
  leading fragment finishes the previous statement when it starts in lower case
  (``<p>own decisions.</p>``) or when the previous statement stopped on a
  capitalised word (``… resistant Service`` + ``<p>Users</p>``); otherwise a
  leading ``<p>`` is a topic (``<p>Information sharing</p>``);
* markdown table rules (``---<TAB>---``) between rows and inside cells;
* the conversion turned category I's labels into ``1.1.`` … ``1.9.``;
* category names changed between Part 1 and Part 3: Part 1's names become
  aliases (F was 'Severe', H 'Senior Managers').

Sample::

    B. Universal : Promoting wellbeing, prevention and early identification of need
    <p>B.4. Abuse and neglect of children</p>	<p>Safeguarding</p> <ul …> • Recognises own role …
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from cwframe.models import (
    Category,
    Cell,
    DroppedLine,
    Framework,
    FrameworkId,
    Heading,
    Source,
    Statement,
    StatementKind,
)
from cwframe.text import Line, clean, ends_sentence, join_text, split_lines

FAMILY = "pcf"

_CATEGORY = re.compile(r"^(?P<letter>[A-I])\.\s+(?P<rest>\S.*)$")
# Matched on the label stripped of leading spaces, its title cleaned after (the </p> with it): no
# two runs of spaces side by side for the regex to share out between them, whatever the label.
_ROW = re.compile(r"(?:<p>)?\s*(?P<letter>[A-I1lI])\.(?P<heading>[1-9])\.(?P<title>.*)")
_HEADING_ITEM = re.compile(r"^(?P<num>[1-9])\.\s+(?P<title>\S.*)$")
_ALIAS_ITEM = re.compile(r"^-\s+(?P<letter>[A-I])\.\s+(?P<name>.+?)[\s,]*$")
_PART3 = re.compile(r"^part\s*3$", re.IGNORECASE)
_TOKENS = re.compile(r"(<p>.*?</p>|•|<ul[^<>]*>|<ol[^<>]*>|</ul>|</ol>)")
_TOKENS_NO_PARAGRAPH = re.compile(r"(•|<ul[^<>]*>|<ol[^<>]*>|</ul>|</ol>)")
_DATE_ROW = re.compile(r"^(?P<d>\d{2})/(?P<m>\d{2})/(?P<y>\d{4})\t(?P<version>[^\t]+)")


def detect(text: str) -> bool:
    """The PCF names itself and has lettered capability rows such as 'A.1.'."""
    return "Professional Capabilities Framework" in text[:5000] and bool(
        re.search(r"^(?:<p>)?[A-I]\.[1-9]\.", text, re.MULTILINE)
    )


@dataclass
class _OpenCell:
    letter: str
    heading: int
    title: str
    line: int
    statements: list[dict] = field(default_factory=list)
    topic: str | None = None


@dataclass
class _OpenCategory:
    letter: str
    name: str
    subtitle: str | None
    line: int
    description: list[str] = field(default_factory=list)
    cells: list[_OpenCell] = field(default_factory=list)
    in_table: bool = False
    end_line: int = 0


def parse(text: str, *, path: str, unit: str | None = None) -> Framework:
    """Parse the PCF document into a ``pcf`` framework."""
    lines = split_lines(text)
    part3 = next((i for i, ln in enumerate(lines) if _PART3.match(ln.raw.strip())), len(lines))
    front, body = lines[:part3], lines[part3:]
    title = next((clean(ln.raw) for ln in front if clean(ln.raw)), "Professional Capabilities Framework")
    version, date = _version_and_date(front)
    dropped: list[DroppedLine] = []
    categories = _parse_part3(body, path, dropped)
    aliases = _aliases(front)
    return Framework(
        id=FrameworkId.pcf,
        title=title,
        version=version,
        date=date,
        headings=_headings(front),
        categories=[_build_category(c, path, aliases.get(c.letter, [])) for c in categories],
        dropped=dropped,
    )


def _version_and_date(front: list[Line]) -> tuple[str | None, str | None]:
    for line in front:
        match = _DATE_ROW.match(line.raw.strip())
        if match:
            return clean(match["version"]), f"{match['y']}-{match['m']}-{match['d']}"
    return None, None


def _headings(front: list[Line]) -> list[Heading]:
    """The first complete 1-9 numbered list in Parts 1-2 is the capability headings."""
    found: dict[int, str] = {}
    for line in front:
        match = _HEADING_ITEM.match(clean(line.raw))
        if match:
            num = int(match["num"])
            if num == len(found) + 1:
                found[num] = match["title"]
            elif num == 1:
                found = {1: match["title"]}
            if len(found) == 9:
                break
    return [Heading(number=n, title=t) for n, t in sorted(found.items())]


def _aliases(front: list[Line]) -> dict[str, list[str]]:
    """Category names used in Parts 1-2, most common spelling per letter."""
    seen: dict[str, Counter[str]] = {}
    for line in front:
        match = _ALIAS_ITEM.match(clean(line.raw))
        if match:
            seen.setdefault(match["letter"], Counter())[match["name"].rstrip(" ,.")] += 1
    return {letter: [names.most_common(1)[0][0]] for letter, names in seen.items()}


def _parse_part3(body: list[Line], path: str, dropped: list[DroppedLine]) -> list[_OpenCategory]:
    categories: list[_OpenCategory] = []
    cell: _OpenCell | None = None
    for line in body:
        raw = line.raw
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped.lower().startswith("references"):
            break
        category = categories[-1] if categories else None
        if "\t" not in raw:
            match = _CATEGORY.match(clean(raw))
            if match:
                name, _, subtitle = match["rest"].partition(":")
                categories.append(
                    _OpenCategory(
                        letter=match["letter"],
                        name=name.strip(),
                        subtitle=subtitle.strip() or None,
                        line=line.number,
                    )  # fmt: skip
                )
                cell = None
                continue
            if category and not category.in_table:
                category.description.append(clean(raw))
            elif category:
                dropped.append(
                    DroppedLine(file=path, line=line.number, text=raw, reason="text outside the table")
                )
            continue
        if category is None:
            continue
        label, _, content = raw.partition("\t")
        if clean(label).lower().startswith("capability headings"):
            category.in_table = True
            continue
        if not clean(content.replace("-", "")) and not clean(label.replace("-", "")):
            dropped.append(DroppedLine(file=path, line=line.number, text=raw, reason="table rule"))
            continue
        category.end_line = line.number
        row = _ROW.match(label.lstrip()) if clean(label) else None
        if row:
            cell = _OpenCell(
                letter=category.letter, heading=int(row["heading"]),
                title=clean(row["title"]), line=line.number,
            )  # fmt: skip
            category.cells.append(cell)
            _read_cell(cell, content, line.number, continuation=False)
        elif cell is not None and not clean(label):
            _read_cell(cell, content, line.number, continuation=True)
        else:
            dropped.append(
                DroppedLine(file=path, line=line.number, text=raw, reason="row without a capability label")
            )
    return categories


def _continues_previous(fragment: str, previous: str) -> bool:
    """Does a fragment at the top of a continuation row finish the previous statement?"""
    if not fragment:
        return False
    if fragment[0].islower():
        return True
    last_word = previous.rsplit(" ", 1)[-1] if previous else ""
    return not ends_sentence(previous) and last_word[:1].isupper() and len(fragment.split()) <= 3


def _tokens(content: str) -> list[str]:
    """A cell split into <p> paragraphs, bullets, list tags and the text between them.

    A ``<p>`` that no ``</p>`` follows is text; the paragraph pattern is only tried on the
    part up to the last ``</p>``, or every such ``<p>`` would scan to the end of the line.
    """
    last = content.rfind("</p>") + len("</p>")
    if last < len("</p>"):
        return _TOKENS_NO_PARAGRAPH.split(content)
    head, tail = _TOKENS.split(content[:last]), _TOKENS_NO_PARAGRAPH.split(content[last:])
    return [*head[:-1], head[-1] + tail[0], *tail[1:]]


def _read_cell(cell: _OpenCell, content: str, line: int, *, continuation: bool) -> None:
    """Walk a cell's tokens: <p> topics, • bullets and text between them."""
    open_statement = False
    at_start = continuation
    for token in _tokens(content):
        if not token.strip():
            continue
        if token.startswith(("<ul", "<ol", "</ul", "</ol")):
            continue
        if token == "•":
            cell.statements.append({"text": "", "topic": cell.topic, "line": line, "end": line})
            open_statement = True
            at_start = False
            continue
        text = clean(token)
        if not text:
            continue
        is_paragraph = token.startswith("<p>")
        previous = cell.statements[-1] if cell.statements else None
        if at_start and previous is not None and _continues_previous(text, previous["text"]):
            previous["text"] = join_text(previous["text"], text)
            previous["end"] = line
        elif open_statement and not is_paragraph:
            cell.statements[-1]["text"] = join_text(cell.statements[-1]["text"], text)
            cell.statements[-1]["end"] = line
        elif is_paragraph:
            cell.topic = text
            open_statement = False
        else:
            cell.statements.append({"text": text, "topic": cell.topic, "line": line, "end": line})
            open_statement = True
        at_start = False


def _build_category(cat: _OpenCategory, path: str, aliases: list[str]) -> Category:
    cells = []
    for cell in cat.cells:
        cell_id = f"pcf/{cat.letter}.{cell.heading}"
        statements = [
            Statement(
                id=f"{cell_id}.{n}",
                kind=StatementKind.capability,
                number=f"{cat.letter}.{cell.heading}.{n}",
                topic=s["topic"],
                text=s["text"],
                source=Source(file=path, line=s["line"], end_line=s["end"]),
            )
            for n, s in enumerate((s for s in cell.statements if s["text"]), start=1)
        ]
        end = statements[-1].source.end_line if statements else cell.line
        cells.append(
            Cell(
                id=cell_id,
                heading=cell.heading,
                heading_title=cell.title,
                source=Source(file=path, line=cell.line, end_line=end),
                statements=statements,
            )  # fmt: skip
        )
    return Category(
        letter=cat.letter,
        name=cat.name,
        aliases=[a for a in aliases if a.casefold() != cat.name.casefold()],
        subtitle=cat.subtitle,
        description="\n\n".join(cat.description) or None,
        source=Source(file=path, line=cat.line, end_line=max(cat.end_line, cat.line)),
        cells=cells,
    )
