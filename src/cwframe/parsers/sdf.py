"""CWDC Skills Development Framework for integrated working (SDF), 2010.

Source: a PDF converted to text, tables flattened to TAB-separated rows. Levels 3,
4/5, 6, 7 and 8 each hold a skills table (skill name, explanation) and a knowledge
and understanding table (row label, explanation), each split into groups: the six
Common Core areas, process-related, transferable, and at levels 7 and 8
management and leadership. Youth Professional Standards 1-5 sit between levels 6
and 7; Appendix 1 lists specialisms by sector; Appendix 2 is a glossary.

Quirks handled (every dropped line is recorded in ``Framework.dropped``):

* the illustrative sample table under 'How to use the framework' is not data;
* 'PROTECT' page marks, footnotes (``¹⁰ 'Episode Co-ordinator' is …``) and their
  superscript markers, lone bullets;
* headers split across columns ('Process related knowledge and understan<TAB>ding
  at level 4 & 5:') are recognised from the joined cells;
* a row split over two lines ('Manages a significant budget on behalf of' /
  'the organisation/service') is rejoined;
* at level 6 some skill names were lost: the explanation is kept with no name;
* the level 4/5 knowledge table was OCR'd with row labels centred vertically:
  explanation lines are rejoined into sentences and each goes to the nearest row
  label; labels that are not a Common Core area there ('a ship as ming manner to')
  and sentences made mostly of words found nowhere else in the document
  ('tile Tourig Felson.') are dropped as OCR garbage;
* Youth Professional Standards items whose number the conversion dropped get it
  back from their position (1.1, 1.2, …).

Ids: ``sdf/<level>/skill/<slug of name>``, ``sdf/<level>/knowledge/<slug>``,
``sdf/yps/<n.m>``, ``sdf/specialism/<sector>/skills|knowledge``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from cwframe.models import (
    DroppedLine,
    Framework,
    FrameworkId,
    GlossaryEntry,
    Group,
    GroupKind,
    Level,
    Source,
    StandardArea,
    Statement,
    StatementKind,
)
from cwframe.parsers._glossary import split_term
from cwframe.text import (
    Line,
    clean,
    ends_sentence,
    fold,
    is_debris,
    join_text,
    slugify,
    split_lines,
    strip_footnote_marks,
    words,
)

FAMILY = "sdf"

COMMON_CORE = (
    "Effective communication and engagement with children, young people and families",
    "Child and young person development",
    "Safeguarding and promoting the welfare of the child or young person",
    "Supporting transitions",
    "Multi-agency and integrated working",
    "Information sharing",
)
_LEVEL = re.compile(r"^Skills, knowledge and understanding at levels? (?P<level>3|4/5|6|7|8)\b")
_YPS_START = re.compile(r"^Youth Professional Standards\b.*\b(situated|developed)\b", re.IGNORECASE)
_YPS_AREA = re.compile(r"^Standard\s+(?P<title>\S.*)$")
_YPS_ITEM = re.compile(r"^-\s+(?:(?P<a>\d)\.(?P<b>\d)\s+)?(?P<text>\S.*)$")
_APPENDIX = re.compile(r"^Appendix (?P<n>[12])\b")
_FOOTNOTE = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_TABLE_HEADERS: tuple[tuple[re.Pattern[str], StatementKind, GroupKind, str], ...] = tuple(
    (re.compile(p), table, kind, title)
    for p, table, kind, title in (
        (r"^skills at level", StatementKind.skill, GroupKind.common_core, ""),
        (r"^process related skills", StatementKind.skill, GroupKind.process,
         "Process related skills"),
        (r"^skills transferable", StatementKind.skill, GroupKind.transferable,
         "Skills transferable to/from other workforces"),
        (r"^additional skills .*management", StatementKind.skill, GroupKind.management,
         "Additional skills for those in a management role"),
        (r"^additional skills .*leadership", StatementKind.skill, GroupKind.leadership,
         "Additional skills for those in a leadership role"),
        (r"^knowledge and understanding( at level [^:]*)? transferable", StatementKind.knowledge,
         GroupKind.transferable, "Knowledge and understanding transferable to/from other workforces"),
        (r"^knowledge and understanding at level", StatementKind.knowledge, GroupKind.common_core, ""),
        (r"^process related knowledge", StatementKind.knowledge, GroupKind.process,
         "Process related knowledge and understanding"),
        (r"^additional knowledge .*management", StatementKind.knowledge, GroupKind.management,
         "Additional knowledge and understanding for those in a management role"),
        (r"^additional knowledge .*leadership", StatementKind.knowledge, GroupKind.leadership,
         "Additional knowledge and understanding for those in a leadership role"),
    )
)  # fmt: skip
_DANGLING = {"of", "with", "the", "and", "to", "a", "an", "on", "for", "in", "or", "by"}
_GARBAGE_MIN_UNKNOWN = 2
_GARBAGE_RATIO = 0.25
_AREA_MATCH = 85


def detect(text: str) -> bool:
    """The SDF names itself and has 'Skills at level N' tables."""
    return "Skills Development Framework" in text[:5000] and bool(
        re.search(r"^Skills at level", text, re.MULTILINE)
    )


@dataclass
class _Row:
    line: Line
    cells: list[str]


@dataclass
class _Ctx:
    path: str
    vocabulary: Counter[str]
    dropped: list[DroppedLine] = field(default_factory=list)
    seen_ids: set[str] = field(default_factory=set)
    id_counts: dict[str, int] = field(default_factory=dict)

    def src(self, start: int, end: int | None = None) -> Source:
        return Source(file=self.path, line=start, end_line=end or start)

    def drop(self, line: Line, reason: str) -> None:
        self.dropped.append(DroppedLine(file=self.path, line=line.number, text=line.raw, reason=reason))

    def unique(self, base: str) -> str:
        """The id, or with -2, -3 … when a name repeats (counted per base: linear, not quadratic)."""
        n = self.id_counts.get(base, 0)
        sid = base if n == 0 else f"{base}-{n + 1}"
        while sid in self.seen_ids:  # only when a real name already ends in '-<n>'
            n += 1
            sid = f"{base}-{n + 1}"
        self.id_counts[base] = n + 1
        self.seen_ids.add(sid)
        return sid

    def is_garbage(self, text: str) -> bool:
        """Mostly words that occur nowhere else in the document: OCR garbage."""
        ws = list(words(text))
        unknown = [w for w in ws if self.vocabulary[w] <= 1]
        return len(unknown) >= _GARBAGE_MIN_UNKNOWN and len(unknown) / max(len(ws), 1) >= _GARBAGE_RATIO


def parse(text: str, *, path: str, unit: str | None = None) -> Framework:
    """Parse the SDF document into an ``sdf`` framework."""
    lines = split_lines(text)
    vocabulary = Counter(w for ln in lines for w in words(clean(ln.raw)))
    ctx = _Ctx(path=path, vocabulary=vocabulary)
    regions = _regions(lines)
    _drop_sample_table(ctx, lines, regions)
    levels = [_parse_level(ctx, name, body) for name, body in regions["levels"]]
    standards = _parse_standards(ctx, regions["yps"])
    specialisms = _parse_specialisms(ctx, regions["appendix1"])
    glossary = _parse_glossary(ctx, regions["appendix2"])
    title = next((clean(ln.raw) for ln in lines if clean(ln.raw)), "Skills Development Framework")
    return Framework(
        id=FrameworkId.sdf,
        title=title,
        levels=levels,
        standards=standards,
        specialisms=specialisms,
        glossary=glossary,
        dropped=sorted(ctx.dropped, key=lambda d: d.line),
    )


def _regions(lines: list[Line]) -> dict:
    """Cut the document at level headings, the YPS, and the two appendices."""
    levels: list[tuple[Line, list[Line]]] = []
    yps: list[Line] = []
    appendix: dict[str, list[Line]] = {"1": [], "2": []}
    current: list[Line] | None = None
    for line in lines:
        text = clean(line.raw)
        if "\t" not in line.raw and _LEVEL.match(text):
            levels.append((line, []))
            current = levels[-1][1]
            continue
        if levels and "\t" not in line.raw and _YPS_START.match(text):
            current = yps
            continue
        appendix_match = _APPENDIX.match(text) if "\t" not in line.raw else None
        if levels and appendix_match:
            current = appendix[appendix_match["n"]]
            current.clear()  # the appendix title is printed twice; the second starts the body
            continue
        if current is not None:
            current.append(line)
    return {"levels": levels, "yps": yps, "appendix1": appendix["1"], "appendix2": appendix["2"]}


def _drop_sample_table(ctx: _Ctx, lines: list[Line], regions: dict) -> None:
    """The illustrative table under 'How to use the framework' looks like data but is not."""
    if not regions["levels"]:
        return
    first_level = regions["levels"][0][0].number
    start = next((ln.number for ln in lines if clean(ln.raw).lower() == "how to use the framework"), None)
    if start is None:
        return
    for line in lines[start : first_level - 1]:
        if "\t" in line.raw and clean(line.raw):
            ctx.drop(line, "illustrative sample table")


def _classify_noise(ctx: _Ctx, line: Line) -> bool:
    """Drop page marks, footnotes and lone bullets; True when the line was noise."""
    text = clean(line.raw)
    if text == "PROTECT":
        ctx.drop(line, "page mark")
        return True
    if _FOOTNOTE.match(text):
        ctx.drop(line, "footnote")
        return True
    if is_debris(text):
        ctx.drop(line, "conversion debris")
        return True
    return False


def _header(cells: list[str]) -> tuple[StatementKind, GroupKind, str] | None:
    joined = fold(" ".join(cells))
    for pattern, table, kind, title in _TABLE_HEADERS:
        if pattern.match(joined):
            return table, kind, title
    return None


def _area(text: str) -> str | None:
    """The Common Core area a label names, tolerating OCR and case damage."""
    best = max(COMMON_CORE, key=lambda a: fuzz.ratio(fold(a), fold(text)))
    return best if fuzz.ratio(fold(best), fold(text)) >= _AREA_MATCH else None


def _area_row(cells: list[str]) -> str | None:
    """A skills-table row that only names a Common Core area (possibly split across cells)."""
    if any(ends_sentence(c) for c in cells):
        return None
    candidates = ["".join(cells), " ".join(cells), *cells]
    for candidate in candidates:
        area = _area(candidate)
        if area and all(fold(c) in fold(area) or _area(c) for c in cells):
            return area
    return None


@dataclass
class _OpenGroup:
    kind: GroupKind
    table: StatementKind
    title: str
    line: int
    rows: list[_Row] = field(default_factory=list)


def _parse_level(ctx: _Ctx, heading: Line, body: list[Line]) -> Level:
    title = clean(heading.raw)
    match = _LEVEL.match(title)
    assert match is not None
    level_name = match["level"]
    slug = level_name.replace("/", "-")
    groups: list[_OpenGroup] = []
    table: tuple[StatementKind, GroupKind, str] | None = None
    for line in body:
        if not clean(line.raw) and not line.raw.strip():
            continue
        if _classify_noise(ctx, line):
            continue
        cells = [strip_footnote_marks(c) for c in line.cells]
        while cells and not cells[-1]:
            cells.pop()
        header = _header([c for c in cells if c])
        if header:
            table = header
            if header[2]:
                groups.append(_OpenGroup(header[1], header[0], header[2], line.number))
            continue
        if table is None:
            ctx.drop(line, "text outside a table")
            continue
        if "\t" not in line.raw and cells[0].startswith("This table shows"):
            ctx.drop(line, "explanatory note")
            continue
        if table[1] is GroupKind.common_core:
            area = _area_row([c for c in cells if c]) if table[0] is StatementKind.skill else None
            if area:
                groups.append(_OpenGroup(GroupKind.common_core, table[0], area, line.number))
                continue
            if table[0] is StatementKind.knowledge and (
                not groups
                or groups[-1].kind is not GroupKind.common_core
                or groups[-1].table is not StatementKind.knowledge
            ):
                groups.append(_OpenGroup(GroupKind.common_core, table[0], "", line.number))
        if not groups:
            ctx.drop(line, "row before any group")
            continue
        groups[-1].rows.append(_Row(line, cells))
    built: list[Group] = []
    for group in groups:
        if group.table is StatementKind.skill:
            built.extend(_skill_group(ctx, slug, group))
        else:
            built.extend(_knowledge_groups(ctx, slug, group))
    end = body[-1].number if body else heading.number
    return Level(
        slug=slug, name=f"Level {level_name}", title=title,
        source=ctx.src(heading.number, end), groups=built,
    )  # fmt: skip


def _skill_group(ctx: _Ctx, level: str, group: _OpenGroup) -> list[Group]:
    items: list[dict] = []
    for row in group.rows:
        cells = row.cells + [""] * (2 - len(row.cells))
        name, explanation = cells[0], " ".join(c for c in cells[1:] if c)
        previous = items[-1] if items else None
        if previous and name[:1].islower() and not ends_sentence(previous["text"]):
            previous["name"] = join_text(previous["name"] or "", name)
            previous["text"] = join_text(previous["text"], explanation)
            previous["end"] = row.line.number
        elif not explanation and ends_sentence(name):
            # The conversion lost this skill's name: keep the explanation, invent nothing.
            items.append({"name": None, "text": name, "line": row.line.number, "end": row.line.number})
        elif not explanation:
            ctx.drop(row.line, "skill name with no explanation")
        else:
            items.append({"name": name, "text": explanation, "line": row.line.number, "end": row.line.number})
    statements = []
    nameless = 0
    for item in items:
        if item["name"]:
            key = slugify(item["name"])
        else:
            nameless += 1
            key = f"{slugify(group.title, max_words=6)}-{nameless}"
        statements.append(
            Statement(
                id=ctx.unique(f"sdf/{level}/skill/{key}"),
                kind=StatementKind.skill,
                name=item["name"],
                text=item["text"],
                source=ctx.src(item["line"], item["end"]),
            )  # fmt: skip
        )
    return [_group(ctx, group, statements)]


def _group(ctx: _Ctx, group: _OpenGroup, statements: list[Statement]) -> Group:
    end = max([s.source.end_line for s in statements], default=group.line)
    return Group(
        kind=group.kind, table=group.table, title=group.title,
        source=ctx.src(group.line, end), statements=statements,
    )  # fmt: skip


@dataclass
class _Label:
    text: str
    rows: list[int]
    first_line: int

    @property
    def position(self) -> float:
        return sum(self.rows) / len(self.rows)


@dataclass
class _Unit:
    text: str
    rows: list[int]
    lines: list[int]

    @property
    def position(self) -> float:
        return sum(self.rows) / len(self.rows)


def _knowledge_groups(ctx: _Ctx, level: str, group: _OpenGroup) -> list[Group]:
    """Rebuild knowledge rows: labels and explanation sentences placed by position.

    Labels in the OCR'd tables sit at the vertical centre of their cell, so an
    explanation line belongs to the nearest label (ties go to the earlier one).
    """
    common_core = group.kind is GroupKind.common_core
    labels = _labels(ctx, group.rows, common_core=common_core)
    units: list[_Unit] = []
    for index, row in enumerate(group.rows):
        explanation = " ".join(c for c in row.cells[1:] if c)
        if explanation:
            _place_explanation(ctx, units, explanation, index, row.line)
    texts: dict[int, list[_Unit]] = {i: [] for i in range(len(labels))}
    for unit in units:
        if labels:
            nearest = min(range(len(labels)), key=lambda i: (abs(labels[i].position - unit.position), i))
            texts[nearest].append(unit)
    built: list[Group] = []
    statements: list[Statement] = []
    for i, label in enumerate(labels):
        if not texts[i]:
            continue
        lines = [n for u in texts[i] for n in u.lines] + [label.first_line]
        statement = Statement(
            id=ctx.unique(f"sdf/{level}/knowledge/{slugify(label.text)}"),
            kind=StatementKind.knowledge,
            name=label.text,
            text=" ".join(u.text for u in texts[i]),
            source=ctx.src(min(lines), max(lines)),
        )
        if common_core:
            sub = _OpenGroup(GroupKind.common_core, StatementKind.knowledge, label.text, min(lines))
            built.append(_group(ctx, sub, [statement]))
        else:
            statements.append(statement)
    if not common_core:
        built.append(_group(ctx, group, statements))
    return built


def _labels(ctx: _Ctx, rows: list[_Row], *, common_core: bool) -> list[_Label]:
    """Row labels with their row positions; split labels rejoined, duplicates merged."""
    raw = [(i, row) for i, row in enumerate(rows) if row.cells[0]]
    labels: list[_Label] = []
    skip = False
    for k, (index, row) in enumerate(raw):
        if skip:
            skip = False
            continue
        text = row.cells[0]
        following = raw[k + 1] if k + 1 < len(raw) and raw[k + 1][0] == index + 1 else None
        previous = labels[-1] if labels else None
        adjacent = previous is not None and previous.rows[-1] >= index - 1
        if common_core:
            area = _area(text)
            if area is None and following and _area(join_text(text, following[1].cells[0])):
                area = _area(join_text(text, following[1].cells[0]))
                labels.append(_Label(area or text, [index, following[0]], row.line.number))
                skip = True
            elif area and previous and adjacent and area == previous.text:
                previous.rows.append(index)  # the same label printed twice (text and OCR layers)
            elif area:
                labels.append(_Label(area, [index], row.line.number))
            else:
                ctx.drop(row.line, "row label is not a Common Core area (OCR garbage)")
            continue
        dangling = previous is not None and previous.text.rsplit(" ", 1)[-1].lower() in _DANGLING
        if previous and adjacent and (text[:1].islower() or dangling):
            previous.text, previous.rows = join_text(previous.text, text), [*previous.rows, index]
        else:
            labels.append(_Label(text, [index], row.line.number))
    return labels


def _place_explanation(ctx: _Ctx, units: list[_Unit], text: str, index: int, line: Line) -> None:
    previous = units[-1] if units else None
    still_open = previous is not None and not ends_sentence(previous.text)
    if previous and still_open and (text[:1].islower() or previous.rows[-1] == index - 1):
        if text[:1].islower():
            # A lower-case start finishes the open sentence; what follows stays on this row.
            head, rest = _split_first_sentence(text)
        else:
            head, rest = text, ""
        previous.text = join_text(previous.text, head)
        previous.lines.append(line.number)
        if not rest:
            previous.rows.append(index)
            return
        text = rest
    if ctx.is_garbage(text):
        ctx.drop(line, "OCR garbage")
        return
    units.append(_Unit(text, [index], [line.number]))


def _split_first_sentence(text: str) -> tuple[str, str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def _parse_standards(ctx: _Ctx, body: list[Line]) -> list[StandardArea]:
    areas: list[dict] = []
    for line in body:
        text = clean(line.raw)
        if not text:
            continue
        area = _YPS_AREA.match(text)
        item = _YPS_ITEM.match(text)
        if area:
            areas.append({"title": area["title"], "line": line.number, "items": []})
        elif item and areas:
            areas[-1]["items"].append((item["text"], line.number))
        elif not areas:
            continue  # the introduction to the standards
        else:
            ctx.drop(line, "text outside the standards list")
    result = []
    for n, area in enumerate(areas, start=1):
        statements = [
            Statement(
                id=ctx.unique(f"sdf/yps/{n}.{m}"),
                kind=StatementKind.standard,
                number=f"{n}.{m}",
                text=text,
                source=ctx.src(line),
            )  # fmt: skip
            for m, (text, line) in enumerate(area["items"], start=1)
        ]
        end = statements[-1].source.end_line if statements else area["line"]
        result.append(
            StandardArea(
                number=n, title=area["title"], source=ctx.src(area["line"], end), statements=statements
            )
        )
    return result


def _parse_specialisms(ctx: _Ctx, body: list[Line]) -> list[Statement]:
    rows: list[dict] = []
    pending: dict | None = None  # an unlabelled row waiting for the label printed below it
    started = False
    for line in body:
        cells = line.cells
        text = clean(line.raw)
        if not text:
            continue
        if fold(cells[0]) == "sector":
            started = True
            continue
        if not started:
            continue
        if "\t" not in line.raw:
            if text.lower().startswith("for '"):
                sector = re.match(r"^For '([^']+)'", text)
                rows.append(
                    {
                        "sector": sector.group(1) if sector else "Other",
                        "skills": "",
                        "knowledge": text,
                        "line": line.number,
                        "end": line.number,
                    }
                )
            else:
                ctx.drop(line, "text outside the specialisms table")
            continue
        cells += [""] * (3 - len(cells))
        sector, skills, knowledge = cells[0], cells[1], cells[2]
        if not sector:
            pending = {"skills": skills, "knowledge": knowledge, "line": line.number}
            continue
        row = {
            "sector": sector,
            "skills": skills,
            "knowledge": knowledge,
            "line": line.number,
            "end": line.number,
        }
        if pending:
            row["skills"] = join_text(pending["skills"], skills)
            row["knowledge"] = join_text(pending["knowledge"], knowledge)
            row["line"] = pending["line"]
            pending = None
        rows.append(row)
    statements = []
    for row in rows:
        sector_slug = slugify(row["sector"])
        for column in ("skills", "knowledge"):
            if row[column]:
                statements.append(
                    Statement(
                        id=ctx.unique(f"sdf/specialism/{sector_slug}/{column}"),
                        kind=StatementKind.specialism,
                        name=row["sector"],
                        topic=column,
                        text=row[column],
                        source=ctx.src(row["line"], row["end"]),
                    )  # fmt: skip
                )
    return statements


def _parse_glossary(ctx: _Ctx, body: list[Line]) -> list[GlossaryEntry]:
    entries: list[dict] = []
    for line in body:
        text = clean(line.raw)
        if not text:
            continue
        if text[:1].islower() and entries:
            entries[-1]["definition"] = join_text(entries[-1]["definition"], text)
            entries[-1]["end"] = line.number
            continue
        # The back cover follows the glossary: whole sentences, not 'TERM definition' lines.
        if ends_sentence(text) and len(text.split()) >= 12:
            break
        split = split_term(text)
        if split is None:
            ctx.drop(line, "glossary line with no term")
            continue
        entries.append({"term": split[0], "definition": split[1], "line": line.number, "end": line.number})
    return [
        GlossaryEntry(
            term=e["term"], definition=e["definition"], scope="glossary", source=ctx.src(e["line"], e["end"])
        )
        for e in entries
    ]
