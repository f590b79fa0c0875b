"""What the ``table`` and ``case`` families share: a framework of your own as a list of items,
with stable ids, a hierarchy, levels and where each level sits on the SDF's levels (tiers).

A reader (a spreadsheet's rows, a CASE package's CFItems) turns its source into :class:`Draft`
items; :func:`build` gives them ids, resolves their parents and associations, and reports what a
person should fix (as findings, for ``cwframe validate``) without ever stopping on it.

Ids (docs/ids.md): ``<framework>/<code>`` where the item prints a code (whitespace in a code
becomes ``-``); otherwise ``<framework>/<level>/<slug of its name or text>`` (the level only when
it has one). A code printed twice is a mistake in the file: the second gets ``~2`` and is
reported; two items with no code and the same name get ``-2``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from cwframe.errors import InputError, ParseError
from cwframe.models import (
    BUNDLED_FRAMEWORKS,
    KEBAB,
    Association,
    Framework,
    FrameworkId,
    Item,
    ReadOptions,
    Source,
    StatementKind,
)
from cwframe.text import slugify

SDF_LEVELS = ("3", "4-5", "6", "7", "8")
# A level that says an SDF level: '3', '4/5', 'Level 6', 'L7', 'Manager (level 7)'; 4 or 5 alone is 4/5.
_SDF_LEVEL = re.compile(r"(?:level-|l)?(3|4-5|4|5|6|7|8)|.*-level-(3|4-5|4|5|6|7|8)")
# Kinds written in the plural name the same kind as the SDF's and the PCF's singular ones.
_KIND_SYNONYMS = {"skills": "skill", "standards": "standard", "capabilities": "capability",
                  "competencies": "competency", "statements": "statement"}  # fmt: skip
_SPACES = re.compile(r"\s+")

# (rule code, line, column, message, statement id or None): what validate reports.
Finding = tuple[str, int, int, str, str | None]


@dataclass
class Draft:
    """One item as its source gives it, before ids and parents are worked out."""

    line: int
    text: str
    code: str | None = None
    name: str | None = None
    kind: str | None = None  # as printed: a type column, a CFItemType
    level: str | None = None  # as printed
    group: str | None = None
    parent: str | None = None  # a reference as given: an identifier, a code or a cwframe id
    parent_line: int | None = None  # or the line of the parent's own row (a spreadsheet's smartLevel)
    identifier: str | None = None
    container: bool = False
    given_id: str | None = None  # an id the source carries (a cwframe CASE export's cwframeId)
    topic: str | None = None
    associations: list[tuple[str, str, str | None]] = field(default_factory=list)  # (type, reference, title)
    fields: dict[str, str] = field(default_factory=dict)
    column: int = 1  # where the code is, for messages
    placed: bool = False  # a reader's note: its place in the hierarchy is settled


def framework_id(options: ReadOptions | None, path: str, given: str | None = None) -> FrameworkId:
    """The id of a framework read from ``path``: the options' id, else the one the file carries
    (a cwframe CASE export's), else a slug of the file name. A name of cwframe's own is refused
    unless the file carries it (a cwframe export read back)."""
    chosen = options.framework if options and options.framework else None
    if chosen is None and given and KEBAB.fullmatch(given):
        return FrameworkId(given)
    stem = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", PurePath(path).stem)  # 'SmartLevelFramework': three words
    name = chosen or slugify(stem, max_words=8) or "framework"
    if name in BUNDLED_FRAMEWORKS:
        raise InputError(
            f"{path}: '{name}' is the id of a framework cwframe ships; give this one another id "
            "(--framework-id ID, or 'framework:' in its manifest entry)"
        )
    try:
        return FrameworkId(name)
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None


def level_slug(level: str | None) -> str | None:
    """A level as the flat view and --level filters give it: '4/5' is '4-5', 'Band 2' is 'band-2'."""
    if not level:
        return None
    return slugify(level) or level.strip() or None


def tiers_of(levels: list[str], options: ReadOptions | None, path: str) -> dict[str, str]:
    """Where each level (a slug) sits on the SDF's levels: from the options' ``tiers``, else read
    from the level itself when it names one ('3', '4/5', 'Level 6', 'Manager (level 7)')."""
    given: dict[str, str] = {}
    for name, value in (options.tiers if options else {}).items():
        steps = [slugify(v) for v in str(value).split(",") if v.strip()]
        wrong = [v for v in steps if v not in SDF_LEVELS]
        if not steps or wrong:
            raise InputError(f"{path}: the tier of level '{name}' is '{value}', not an SDF level; "
                             "give 3, 4-5, 6, 7 or 8 (several separated by commas)")  # fmt: skip
        given[level_slug(str(name)) or str(name)] = ",".join(steps)
    out = {}
    for level in levels:
        if level in given:
            out[level] = given[level]
            continue
        match = _SDF_LEVEL.fullmatch(level)
        if match:
            found = match[1] or match[2]
            out[level] = "4-5" if found in ("4", "5") else found
    return out


def kind_of(kind: str | None) -> StatementKind:
    """A printed kind as a --kind value: kebab-case, singular where the bundled kinds are."""
    slug = slugify(kind or "", max_words=6)
    return StatementKind(_KIND_SYNONYMS.get(slug, slug) or "statement")


def code_key(code: str) -> str:
    """A printed code as it stands in an id: spaces become '-', nothing else changes."""
    return _SPACES.sub("-", code.strip())


def build(drafts: list[Draft], *, framework: FrameworkId, title: str, path: str, options: ReadOptions | None,
          findings: list[Finding] | None, publisher: str | None = None, version: str | None = None,
          date: str | None = None) -> Framework:  # fmt: skip
    """The framework of these items: ids given, parents and associations resolved, tiers set."""
    ids = _assign_ids(drafts, framework, findings)
    by_ref: dict[str, str] = {}
    for d, iid in zip(drafts, ids, strict=True):
        for ref in (d.identifier, d.code, iid, d.given_id):
            if ref:
                by_ref.setdefault(ref, iid)
    by_line = {d.line: iid for d, iid in zip(drafts, ids, strict=True)}
    parents: list[str | None] = []
    for d, iid in zip(drafts, ids, strict=True):
        parent = by_ref.get(d.parent) if d.parent else by_line.get(d.parent_line or 0)
        if d.parent and parent is None and findings is not None:
            findings.append(("IT02", d.line, 1, f"{iid.rsplit('/', 1)[-1]} belongs to '{d.parent}', which is "
                             "no item's id or code here; it is read as a top-level item", iid))  # fmt: skip
        parents.append(parent if parent != iid else None)
    parents = _break_cycles(ids, parents, drafts, findings)
    label = {iid: d.name or d.text for d, iid in zip(drafts, ids, strict=True)}
    levels = [s for s in (level_slug(level) for level in dict.fromkeys(d.level for d in drafts)) if s]
    kinds = {k: kind_of(k) for k in dict.fromkeys(d.kind for d in drafts)}  # a few kinds, many items
    items = []
    for d, iid, parent in zip(drafts, ids, parents, strict=True):
        associations = [
            Association.trusted(type=kind, target=by_ref.get(ref, ref), title=title_, identifier=ref)
            for kind, ref, title_ in d.associations
        ]
        items.append(Item.trusted(
            id=iid, kind=kinds[d.kind], number=d.code, name=d.name, topic=d.topic, text=d.text,
            source=Source.trusted(file=path, line=d.line, end_line=d.line),
            level=d.level, group=d.group or (label[parent] if parent else None), parent=parent,
            container=d.container, identifier=d.identifier, associations=associations, fields=d.fields,
        ))  # fmt: skip
    return Framework(id=framework, title=title, publisher=publisher, version=version, date=date, items=items,
                     tiers=tiers_of(levels, options, path))  # fmt: skip


def _assign_ids(drafts: list[Draft], framework: FrameworkId, findings: list[Finding] | None) -> list[str]:
    out: list[str] = []
    taken: dict[str, int] = {}  # id -> line of its first item
    counts: dict[str, int] = {}
    for position, d in enumerate(drafts, start=1):
        if d.given_id:
            base = d.given_id
        elif d.code:
            base = f"{framework}/{code_key(d.code)}"
        else:
            slug = slugify(d.name or d.text, max_words=8) or f"item-{position}"
            level = level_slug(d.level)
            base = f"{framework}/{level}/{slug}" if level else f"{framework}/{slug}"
        counts[base] = counts.get(base, 0) + 1
        if counts[base] == 1 and base not in taken:
            iid = base
        elif d.code or d.given_id:
            iid = f"{base}~{counts[base]}"
            if findings is not None:
                findings.append(("IT01", d.line, d.column, f"{d.code or d.given_id} is the id of the item at line "
                                 f"{taken[base]} too; ids must be unique (this one is read as {iid})", iid))  # fmt: skip
        else:
            iid = f"{base}-{counts[base]}"
        while iid in taken:  # a slug that another item's numbered id already is
            counts[base] += 1
            iid = f"{base}-{counts[base]}"
        taken.setdefault(base, d.line)
        taken[iid] = d.line
        out.append(iid)
    return out


def _break_cycles(ids: list[str], parents: list[str | None], drafts: list[Draft],
                  findings: list[Finding] | None) -> list[str | None]:  # fmt: skip
    """Parents as given, except where following them comes back to an item: the item that closes
    the loop is read as top-level and reported (a tree that loops would never end). Linear: each
    item is walked once."""
    parent_of = dict(zip(ids, parents, strict=True))
    index = {iid: i for i, iid in enumerate(ids)}
    state: dict[str, int] = {}  # 1: on the path being walked, 2: known to reach a root
    for start in ids:
        path = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = parent_of.get(node)
        if node is not None and state[node] == 1:
            last = path[-1]
            parent_of[last] = None
            if findings is not None:
                findings.append(("IT02", drafts[index[last]].line, 1, f"{last.rsplit('/', 1)[-1]} is its own "
                                 f"ancestor (through {node.rsplit('/', 1)[-1]}); it is read as a top-level item", last))  # fmt: skip
        for visited in path:
            state[visited] = 2
    return [parent_of[iid] for iid in ids]


def parse_error(message: str, path: str, code: str = "TB01", line: int = 1, column: int = 1) -> ParseError:
    """A reading error located in the file (a missing statement column, a file that is no package)."""
    return ParseError(message, code=code, path=path, line=line, column=column)
