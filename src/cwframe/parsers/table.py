"""A framework of your own as a spreadsheet (.csv, .xlsx, .ods): one row per statement.

Source: whatever a training designer keeps, or a standards tool exports. Columns are found by
their headers (case, spaces and camelCase ignored): the statement (``statement``, ``text``,
``description``, ``descriptor``, ``competency``, ``fullStatement`` …; required), its code
(``code``, ``ref``, ``id``, ``humanCodingScheme`` …), ``name`` / ``title`` /
``abbreviatedStatement``, ``level`` / ``band`` / ``educationLevel``, the group it sits in
(``category``, ``area``, ``group``, ``domain``, ``strand`` …), its kind (``type``, ``kind``,
``CFItemType``) and its parent (``parent``, ``isChildOf``). A header that is none of these
exactly but holds one of them as words ('Contextualized Skill Statement', 'Skill Category')
counts too. Every other column is kept with the statement (``fields``), and a column named
after a CASE association (``isRelatedTo``, ``exactMatchOf``, ``replacedBy`` …) becomes one.

Quirks handled:

* the header row need not be the first: rows above it are skipped (the first of the first 20
  rows that names a statement column is the header), and a single cell above it is the title;
* headers no rule knows: name them in the manifest (``columns: {text: Descriptor}``) or with
  ``--column text=Descriptor``; a missing statement column is one error naming the headers;
* OpenSALT's spreadsheet template (sheets 'CF Doc', 'CF Item', 'CF Association'): the document's
  title, creator, version and date, and the hierarchy from its 'Is Child Of' associations;
  OpenSALT's item exports give the hierarchy as ``smartLevel`` (``3.6.2``: the child of ``3.6``);
* empty rows are skipped; a row with cells but no statement is skipped and reported; a cell that
  starts like a formula (``=``, ``+``, ``-``, ``@``) is kept as text and reported;
* a CSV written by cwframe's own exports has its formula guard (a leading ``'``) removed.

Sample::

    Area,Ref,Statement,Level
    Communication,C1,Listens to children and young people and acts on what they say,3
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cwframe.errors import InputError
from cwframe.models import Framework, ReadOptions
from cwframe.parsers._items import Draft, Finding, build, framework_id, parse_error
from cwframe.sheets import cell_text, guarded, unsafe_cell

FAMILY = "table"
FIELDS = ("code", "text", "name", "level", "group", "kind", "parent", "identifier")

# Exact headers, best first, after normalising ('fullStatement' and 'Full statement' are 'full statement').
_EXACT: dict[str, tuple[str, ...]] = {
    "code": ("human coding scheme", "code", "ref", "reference", "id", "number", "no", "statement code",
             "item code", "competency code", "skill code", "criterion code", "ref no", "reference number"),
    "text": ("full statement", "statement", "text", "description", "descriptor", "competency", "competence",
             "competency statement", "skill statement", "criterion", "criteria", "indicator", "standard",
             "outcome", "learning outcome", "definition", "performance criterion", "capability"),
    "name": ("abbreviated statement", "name", "title", "short name", "short title", "label",
             "alternative label", "skill name", "competency name", "statement name"),
    "level": ("education level", "educational level", "level", "band", "grade", "stage", "tier",
              "sdf level", "career stage"),
    "group": ("category", "area", "group", "domain", "theme", "strand", "section", "cluster", "heading",
              "competence area", "competency area", "skill category", "standard area", "topic"),
    "kind": ("cf item type", "item type", "type", "kind", "statement type"),
    "parent": ("is child of", "parent", "parent id", "parent code", "child of", "parent ref"),
    "identifier": ("identifier", "uuid", "guid"),
}  # fmt: skip
# Words that make a longer header one of the fields ('Skill ID', 'Competency statement text'), in the
# order they are tried: the statement last, as the broadest.
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("code", ("code", "ref", "id", "number")),
    ("parent", ("parent",)),
    ("level", ("level", "band", "grade")),
    ("group", ("category", "area", "group", "domain", "theme", "strand", "cluster")),
    ("kind", ("type", "kind")),
    ("name", ("name", "title", "label")),
    ("text", ("statement", "description", "descriptor", "text", "competency", "competence", "outcome",
              "indicator", "criterion")),
)  # fmt: skip
# Columns named after a CASE association type hold that association's targets.
_ASSOCIATIONS = {
    "is related to": "isRelatedTo", "exact match of": "exactMatchOf", "is part of": "isPartOf",
    "replaced by": "replacedBy", "exemplar": "exemplar", "has skill level": "hasSkillLevel",
    "precedes": "precedes", "is peer of": "isPeerOf", "is translation of": "isTranslationOf",
}  # fmt: skip
_SMART_LEVEL = "smart level"
_HEADER_ROWS = 20
_FORMULA_START = ("=", "+", "-", "@")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def normalise_header(header: str) -> str:
    """'fullStatement', 'Full Statement ' and 'full_statement' are all 'full statement'."""
    return " ".join(re.findall(r"[a-z0-9]+", _CAMEL.sub(" ", header).casefold()))


@dataclass(frozen=True)
class Columns:
    """Which column (0-based) holds each field; the rest are kept as fields of the row."""

    fields: dict[str, int]
    associations: dict[int, str]
    smart_level: int | None
    headers: list[str]


def find_columns(headers: list[str], given: dict[str, str] | None = None) -> Columns:
    """The columns of a header row: those ``given`` (field -> header) first, then by the rules."""
    normal = [normalise_header(h) for h in headers]
    fields: dict[str, int] = {}
    for name, header in (given or {}).items():
        if name not in FIELDS:
            raise InputError(f"'{name}' is not a column cwframe reads; name one of: {', '.join(FIELDS)}")
        wanted = normalise_header(header)
        if wanted not in normal:
            raise InputError(f"no column '{header}' (for {name}); the headers are: "
                             + ", ".join(f"'{h}'" for h in headers if h))  # fmt: skip
        fields[name] = normal.index(wanted)
    used = set(fields.values())
    for name, headers_known in _EXACT.items():
        if name in fields:
            continue
        for header in headers_known:
            if header in normal and normal.index(header) not in used:
                fields[name] = normal.index(header)
                used.add(fields[name])
                break
    associations = {i: _ASSOCIATIONS[h] for i, h in enumerate(normal) if h in _ASSOCIATIONS and i not in used}
    used |= set(associations)
    smart = normal.index(_SMART_LEVEL) if _SMART_LEVEL in normal and "parent" not in fields else None
    for name, known in _WORDS:
        if name in fields:
            continue
        for i, header in enumerate(normal):
            if i not in used and i != smart and header and set(header.split()) & set(known):
                fields[name] = i
                used.add(i)
                break
    return Columns(fields, associations, smart, headers)


def parse(sheets: dict[str, list[list[object]]], *, path: str, options: ReadOptions | None = None,
          findings: list[Finding] | None = None) -> Framework:  # fmt: skip
    """A spreadsheet's sheets (name -> rows of cell values) as a framework."""
    options = options or ReadOptions()
    if not sheets:
        raise parse_error("the workbook has no sheets", path)
    template = _template_sheets(sheets)
    if options.sheet is not None:
        if options.sheet not in sheets:
            raise InputError(f"{path}: no sheet '{options.sheet}'; its sheets are: {', '.join(sheets)}")
        name = options.sheet
    elif template is not None:
        name = template[0]
    else:
        name = next(
            (n for n, rows in sheets.items() if _header_row(rows, options) is not None), next(iter(sheets))
        )
    rows = sheets[name]
    header_at = _header_row(rows, options)
    if header_at is None:
        # The row most like a header: the first of those with the most cells, among the first rows.
        first = max(rows[:_HEADER_ROWS], key=lambda r: sum(1 for c in r if cell_text(c)), default=[])
        if options.columns:  # say which given column is missing
            try:
                find_columns([cell_text(c) for c in first], options.columns)
            except InputError as exc:
                raise parse_error(str(exc), path, line=rows.index(first) + 1 if first else 1) from None
        shown = ", ".join(f"'{cell_text(c)}'" for c in first if cell_text(c)) or "none"
        where = f" of sheet '{name}'" if len(sheets) > 1 else ""
        raise parse_error(f"no column holds the statements{where} (headers: {shown}); name it with "
                          "'columns: {text: HEADER}' in the manifest or --column text=HEADER", path,
                          line=rows.index(first) + 1 if first else 1)  # fmt: skip
    headers = [cell_text(c) for c in rows[header_at]]
    try:
        columns = find_columns(headers, options.columns)
    except InputError as exc:
        raise parse_error(str(exc), path, line=header_at + 1) from None
    csv_guard = path.lower().endswith((".csv", ".tsv"))
    drafts = _drafts(rows, header_at, columns, csv_guard, findings)
    document: dict[str, str] = {}
    if template is not None:
        document = _template_document(sheets.get(template[1] or "", []))
        _template_hierarchy(drafts, sheets.get(template[2] or "", []), document.get("identifier"))
    elif columns.smart_level is not None:
        _smart_hierarchy(drafts, rows, header_at, columns.smart_level)
    given = _cwframe_ids(drafts, name)
    above = [cell_text(c) for row in rows[:header_at] for c in row if cell_text(c)]
    title = document.get("title") or (above[0] if len(above) == 1 else None) or _title_from(path)
    date = (document.get("lastchangedate") or "")[:10] or None
    return build(drafts, framework=framework_id(options, path, given), title=title, path=path, options=options,
                 findings=findings, publisher=document.get("publisher") or document.get("creator") or None,
                 version=document.get("version") or None, date=date)  # fmt: skip


def _header_row(rows: list[list[object]], options: ReadOptions) -> int | None:
    """The first row naming a statement column; a row of one cell (a title above the headers) only
    when no row of several cells does."""
    found = []
    for i, row in enumerate(rows[:_HEADER_ROWS]):
        headers = [cell_text(c) for c in row]
        if not any(headers):
            continue
        try:
            if "text" in find_columns(headers, options.columns).fields:
                if sum(1 for h in headers if h) > 1:
                    return i
                found.append(i)
        except InputError:
            continue  # the given headers are on a later row, or nowhere (said by the caller)
    return found[0] if found else None


def _drafts(rows: list[list[object]], header_at: int, columns: Columns, csv_guard: bool,
            findings: list[Finding] | None) -> list[Draft]:  # fmt: skip
    f = columns.fields
    kept = {
        i: h
        for i, h in enumerate(columns.headers)
        if h and i not in f.values() and i not in columns.associations
    }
    drafts = []
    last = max((i for i, row in enumerate(rows) if any(cell_text(c) for c in row)), default=0) + 1
    width = max((len(r) for r in rows[header_at:last]), default=0)
    where = [f.get(name, width) for name in FIELDS]  # a field with no column reads the '' past the row's end
    for number, row in enumerate(rows[header_at + 1 : last], start=header_at + 2):
        cells = [cell_text(c) for c in row]
        cells += [""] * (width + 1 - len(cells))
        if csv_guard:
            cells = [unsafe_cell(c) if guarded(c) else c for c in cells]
        code, text, name, level, group, kind, parent, identifier = (
            " ".join(cells[i].split()) or None for i in where
        )

        if not any(cells):
            if findings is not None:
                findings.append(("TB02", number, 1, "empty row (skipped)", None))
            continue
        if not text:
            if findings is not None:
                what = code or name or next(c for c in cells if c)
                findings.append(("TB03", number, f["text"] + 1, f"row has no statement ('{what[:40]}'): it is "
                                 "left out; write the statement or delete the row", None))  # fmt: skip
            continue
        if findings is not None:
            for i, cell in enumerate(cells):
                if cell.startswith(_FORMULA_START) and i != f["text"]:
                    header = columns.headers[i] if i < len(columns.headers) else f"column {i + 1}"
                    findings.append(("TB04", number, i + 1, f"the {header!r} cell starts with '{cell[0]}': a "
                                     "spreadsheet would run it as a formula; reword it", None))  # fmt: skip
        associations = [
            (kind, ref.strip(), None)
            for i, kind in columns.associations.items()
            if i < len(cells) and cells[i]
            for ref in re.split(r"[;\n]", cells[i])
            if ref.strip()
        ]
        drafts.append(Draft(
            line=number, text=text, code=code, name=name, kind=kind, level=level, group=group, parent=parent,
            identifier=identifier, associations=associations, fields={h: cells[i] for i, h in kept.items() if cells[i]},
            column=f["code"] + 1 if "code" in f else 1,
        ))  # fmt: skip
    return drafts


def _cwframe_ids(drafts: list[Draft], sheet: str) -> str | None:
    """A sheet cwframe exported (``statements -f csv``, ``export -f csv``/``xlsx``) keeps its ids: every
    code is '<framework>/…' and the rows' framework column (or the sheet's name) is that framework.
    Returns the framework's id, the drafts' codes made ids (their code the last part)."""
    prefixes = {(d.code or "").split("/", 1)[0] for d in drafts}
    if len(prefixes) != 1 or not all(d.code and "/" in d.code for d in drafts):
        return None
    prefix = prefixes.pop()
    if not all(d.fields.get("framework") == prefix for d in drafts) and sheet != prefix:
        return None
    for d in drafts:
        d.given_id, d.code = d.code, (d.code or "").rsplit("/", 1)[-1]
    return prefix


def _title_from(path: str) -> str:
    from pathlib import PurePath

    return PurePath(path).stem.replace("_", " ").replace("-", " ").strip() or path


# OpenSALT's spreadsheet template: one sheet of items, one describing the document, one of associations.
def _template_sheets(sheets: dict[str, list[list[object]]]) -> tuple[str, str | None, str | None] | None:
    folded = {normalise_header(n): n for n in sheets}
    if "cf item" not in folded:
        return None
    return folded["cf item"], folded.get("cf doc"), folded.get("cf association")


def _records(rows: list[list[object]]) -> list[dict[str, str]]:
    if not rows:
        return []
    headers = [normalise_header(cell_text(c)).replace(" ", "") for c in rows[0]]
    return [{h: cell_text(c) for h, c in zip(headers, row, strict=False) if h} for row in rows[1:]]


def _template_document(rows: list[list[object]]) -> dict[str, str]:
    records = _records(rows)
    return records[0] if records else {}


def _template_hierarchy(drafts: list[Draft], rows: list[list[object]], document: str | None) -> None:
    """'Is Child Of' rows give each item its parent; the other associations are kept on their origin."""
    by_ref = {}
    for d in drafts:
        for ref in (d.identifier, d.code):
            if ref:
                by_ref.setdefault(ref, d)
    for record in _records(rows):
        kind = record.get("associationtype", "")
        origin = by_ref.get(record.get("originnodeidentifier", "")) or by_ref.get(
            record.get("originnodehumancodingscheme", "")
        )
        target = (
            record.get("destinationnodeidentifier") or record.get("destinationnodehumancodingscheme") or ""
        )
        if origin is None or not target:
            continue
        if normalise_header(kind) == "is child of":
            if target != document and origin.parent is None:
                origin.parent = target
        else:
            origin.associations.append((_ASSOCIATIONS.get(normalise_header(kind), kind), target, None))


def _smart_hierarchy(drafts: list[Draft], rows: list[list[object]], header_at: int, column: int) -> None:
    """OpenSALT's smartLevel (3.6.2.1): each item is the child of the item whose smartLevel drops the
    last number."""
    positions = {}
    for d in drafts:
        row = rows[d.line - 1]
        level = cell_text(row[column]) if column < len(row) else ""
        if level:
            positions[d.line] = level
            d.fields.setdefault("smartLevel", level)
    by_level = {level: d for d in drafts if (level := positions.get(d.line))}
    for d in drafts:
        level = positions.get(d.line)
        if d.parent is None and level and "." in level:
            parent = by_level.get(level.rsplit(".", 1)[0])
            if parent is not None:
                d.parent_line = parent.line
