"""National Occupational Standards (NOS) units.

Source: UK NOS directory units, as text converted from Word or PDF. The bundled
seeds are three units of the Leadership and Management for Care Services suite:
they open with an overview behind a ``[bookmark: StartOverview]``
remnant, then performance criteria ``P1`` … and knowledge criteria ``K1`` … under
section headings, two "Scope/range" glossaries and a Values list.

Quirks handled:

* no title or unit code in the seeds (taken from the manifest; codes left empty);
* a unit with no 'Performance criteria' marker (``key-people``) or no overview
  (``transitions``); the section heading right above ``P1`` is a heading, not
  overview text;
* lines indented with spaces or TABs and ``[bookmark: …]`` remnants;
* files from the NOS directory carry more: a title and unique code line at the
  top, 'Overview', 'Behaviours', 'Skills', 'Glossary', 'Links to other NOS',
  'External links' and a closing metadata table (``Developed by<TAB>…``);
* CRLF line endings and a UTF-8 byte order mark;
* a criterion wrapped onto a second line (the continuation starts lower case);
* a unit whose 'Knowledge and understanding' heading was deleted: the headings
  printed between the last P and the first K criterion still head knowledge
  criteria (validate reports the missing heading, ST07).

Sample::

    Performance criteria
    You must be able to:
    Lead and manage service provision that supports the development of …
    P1 implement systems, procedures and practice that support …
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cwframe.models import (
    Framework,
    FrameworkId,
    GlossaryEntry,
    Section,
    Source,
    Statement,
    StatementKind,
    Unit,
    Values,
)
from cwframe.parsers._glossary import defined_term
from cwframe.text import DEBRIS_MARKS, Line, clean, join_text, slugify, split_lines

FAMILY = "nos"

# The text may be missing ('P5' alone): an empty criterion, reported by validate (ST01).
# A letter after the number ('P11A', 'P12a': an editor's insertion) still makes a criterion,
# numbered as printed, so it is never mistaken for a heading; validate reports it (NU04).
_CRITERION = re.compile(
    r"^(?P<letter>[PK])\s?(?P<num>\d{1,6})(?P<suffix>[A-Za-z]?)[.:)]?(?:\s+(?P<text>\S.*))?$"
)
_CODE = re.compile(r"^[A-Z]{2,}[A-Z0-9]*\d[A-Z0-9]*$")
_LEAD_INS = {"you must be able to:", "you need to know and understand:"}
METADATA_FIELDS = (
    "Developed by", "Version Number", "Version number", "Date Approved", "Date approved",
    "Indicative Review Date", "Indicative review date", "Validity", "Status",
    "Originating Organisation", "Originating organisation", "Original URN", "Relevant Occupations",
    "Relevant occupations", "Suite", "Keywords",
)  # fmt: skip
_EXTRA_SECTIONS = {
    "behaviours": "Behaviours",
    "skills": "Skills",
    "links to other nos": "Links to other NOS",
    "external links": "External links",
}


def _marker(text: str) -> str | None:
    """Which part of the unit a heading line opens, or None for ordinary text."""
    key = text.lower().rstrip(":").strip()
    if key == "overview":
        return "overview"
    if key == "performance criteria":
        return "performance"
    if key == "knowledge and understanding":
        return "knowledge"
    if key == "additional information":
        return "additional"
    if key.startswith("scope/range relat") and "performance" in key:
        return "scope-performance"
    if key.startswith("scope/range relat") and "knowledge" in key:
        return "scope-knowledge"
    if key in ("values", "glossary"):
        return key
    if key in _EXTRA_SECTIONS:
        return "extra:" + _EXTRA_SECTIONS[key]
    return None


def detect(text: str) -> bool:
    """A NOS unit has numbered P and K criteria, or one of them under its part's heading
    (a unit missing a part is still a NOS unit, so that validate can say which part is missing)."""
    # The whole text: a long unit's knowledge part may start megabytes in (a linear scan).
    has_p = re.search(r"^\s*P\s?1\b", text, re.MULTILINE) is not None
    has_k = re.search(r"^\s*K\s?1\b", text, re.MULTILINE) is not None
    lowered = text.lower()
    return (
        (has_p and has_k)
        or (has_p and "performance criteria" in lowered)
        or (has_k and "knowledge and understanding" in lowered)
    )


@dataclass
class _OpenSection:
    title: str | None
    part: StatementKind
    line: int
    statements: list[Statement] = field(default_factory=list)


@dataclass
class _State:
    path: str
    unit: str
    named: bool  # the unit id was given (a manifest's 'unit:'), not taken from the document
    mode: str = "preamble"
    title: str | None = None
    code: str | None = None
    overview: list[str] = field(default_factory=list)
    pending: list[Line] = field(default_factory=list)
    sections: list[_OpenSection] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    values_intro: str | None = None
    values_items: list[str] = field(default_factory=list)
    values_lines: list[int] = field(default_factory=list)
    extra: dict[str, list[str]] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    part_headings: list[str] = field(default_factory=list)
    id_counts: dict[str, int] = field(default_factory=dict)
    last_line_was_criterion: bool = False

    def src(self, start: int, end: int | None = None) -> Source:
        # trusted: the values are ints and a str made right here; validating them
        # again costs ~4 µs a criterion, which is seconds over a NOS directory.
        return Source.trusted(file=self.path, line=start, end_line=end or start)


def parse(text: str, *, path: str, unit: str | None = None, title: str | None = None) -> Framework:
    """Parse one NOS unit into a ``nos`` framework holding that single unit."""
    lines = split_lines(text)
    # The id: a manifest's 'unit:', else the document's own code (its URN) or title, read
    # from its first lines before any criterion (see _preamble_text), else the file name. So
    # the same unit under another file name keeps its ids.
    slug = unit or (title and slugify(title)) or slugify(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    state = _State(path=path, unit=slug, named=bool(unit or title))
    for line in lines:
        _feed(state, line)
    _flush_pending_to_overview(state)
    sections = [
        Section(
            title=s.title,
            part=s.part,
            source=state.src(s.line, s.statements[-1].source.end_line if s.statements else s.line),
            statements=s.statements,
        )
        for s in state.sections
    ]
    values = None
    if state.values_intro is not None or state.values_items:
        values = Values(
            intro=state.values_intro or "",
            items=state.values_items,
            source=state.src(state.values_lines[0], state.values_lines[-1]),
        )
    last = lines[-1].number if lines else 1
    the_unit = Unit(
        slug=state.unit,
        title=title or state.title,
        code=state.code,
        overview=" ".join(state.overview) or None,
        part_headings=state.part_headings,
        sections=sections,
        glossary=state.glossary,
        values=values,
        extra_sections={k: "\n".join(v) for k, v in state.extra.items()},
        metadata=state.metadata,
        source=state.src(1, last),
    )
    return Framework(id=FrameworkId.nos, title="National Occupational Standards", units=[the_unit])


def _feed(state: _State, line: Line) -> None:
    raw = line.raw
    text = clean(raw)
    if not text:
        state.last_line_was_criterion = False
        return
    if _metadata_row(state, raw):
        return
    marker = _marker(text)
    if marker:
        state.part_headings.append(text)
        _open(state, marker, line)
        return
    if "[bookmark: StartOverview]" in raw and state.mode == "preamble":
        state.mode = "overview"
    criterion = _CRITERION.match(text)
    if criterion and state.mode in ("preamble", "overview", "performance", "knowledge"):
        _add_criterion(state, criterion, line)
        return
    state_mode = state.mode
    if state_mode in ("performance", "knowledge"):
        _criteria_text(state, text, line)
    elif state_mode in ("preamble", "overview"):
        _preamble_text(state, text, line)
    elif state_mode.startswith("scope") or state_mode in ("additional", "glossary"):
        _glossary_text(state, text, line)
    elif state_mode == "values":
        state.values_lines.append(line.number)
        if state.values_intro is None:
            state.values_intro = text
        else:
            state.values_items.append(text)
    elif state_mode.startswith("extra:"):
        state.extra.setdefault(state_mode[6:], []).append(text)
    state.last_line_was_criterion = False


def _metadata_row(state: _State, raw: str) -> bool:
    name, sep, value = raw.strip().partition("\t")
    if sep and name.strip() in METADATA_FIELDS:
        state.metadata[name.strip()] = clean(value)
        return True
    return False


def _open(state: _State, marker: str, line: Line) -> None:
    if marker in ("performance", "knowledge"):
        _flush_pending_to_overview(state)
    state.mode = marker
    if marker == "values":
        state.values_lines.append(line.number)
    state.last_line_was_criterion = False


def _flush_pending_to_overview(state: _State) -> None:
    state.overview.extend(clean(p.raw) for p in state.pending)
    state.pending.clear()


def _preamble_text(state: _State, text: str, line: Line) -> None:
    if state.mode == "preamble" and state.title is None and not state.overview:
        if state.code is None and _CODE.match(text):
            state.code = text
            _name_from_document(state, text)
            return
        if line.number <= 5 and len(text) < 160 and not text.endswith("."):
            if "[bookmark" not in line.raw:
                state.title = text
                if state.code is None:
                    _name_from_document(state, text)
                return
    if state.mode == "overview" and not state.overview and not state.pending:
        state.overview.append(text)
        return
    # Held back: the last line before P1 is the first section's heading.
    state.pending.append(line)


def _name_from_document(state: _State, name: str) -> None:
    """The unit's id from its code or title, unless one was given; only ever before the first
    criterion (the code and title are the first lines), so no id was made with another."""
    slug = slugify(name)
    if not state.named and slug and not state.sections:
        state.unit = slug


def _criteria_text(state: _State, text: str, line: Line) -> None:
    if text.lower() in _LEAD_INS:
        return
    current = state.sections[-1] if state.sections else None
    if state.last_line_was_criterion and current and current.statements and text[:1].islower():
        last = current.statements[-1]
        current.statements[-1] = last.model_copy(
            update={
                "text": join_text(last.text, text),
                "source": state.src(last.source.line, line.number),
            }
        )
        return
    part = StatementKind.performance if state.mode == "performance" else StatementKind.knowledge
    state.sections.append(_OpenSection(title=text, part=part, line=line.number))


def _add_criterion(state: _State, match: re.Match[str], line: Line) -> None:
    part = StatementKind.performance if match["letter"] == "P" else StatementKind.knowledge
    if state.mode in ("preamble", "overview"):
        heading = state.pending.pop() if state.pending else None
        _flush_pending_to_overview(state)
        state.mode = part.value
        if heading is not None:
            state.sections.append(_OpenSection(clean(heading.raw), part, heading.number))
    elif state.mode != part.value:
        # A K criterion with no 'Knowledge and understanding' marker still opens that part, and
        # the headings printed since the last P criterion head knowledge criteria, not
        # performance ones ('Rights' above K1 stays K1's heading; validate reports the missing
        # heading, ST07).
        state.mode = part.value
        for section in reversed(state.sections):
            if section.statements or section.part == part:
                break
            section.part = part
    current = state.sections[-1] if state.sections else None
    if current is None or current.part != part:
        current = _OpenSection(title=None, part=part, line=line.number)
        state.sections.append(current)
    number = f"{match['letter']}{int(match['num'])}{match['suffix']}"
    base = f"nos/{state.unit}/{number}"
    # A repeated number still gets a unique id (P3, P3~2, …); validate reports the repeat.
    seen = state.id_counts[base] = state.id_counts.get(base, 0) + 1
    sid = base if seen == 1 else f"{base}~{seen}"
    # The criterion as printed (its number left out, as from text), when cleaning took markup
    # out of its line (match.string is the cleaned line).
    printed = None
    if not DEBRIS_MARKS.isdisjoint(line.raw) and " ".join(line.raw.split()) != match.string:
        unnumbered = re.sub(
            rf"{match['letter']}\s?0*{match['num']}{match['suffix']}[.:)]?", "", line.raw, count=1
        )
        printed = " ".join(unnumbered.split())
    current.statements.append(
        Statement.trusted(  # see src(): built from checked values
            id=sid,
            kind=part,
            number=number,
            text=(match["text"] or "").strip(),
            markup=printed,
            source=state.src(line.number),
        )  # fmt: skip
    )
    state.last_line_was_criterion = True


def _glossary_text(state: _State, text: str, line: Line) -> None:
    scope = {
        "scope-performance": "performance",
        "scope-knowledge": "knowledge",
        "glossary": "glossary",
    }.get(state.mode)
    term = defined_term(text)
    state.glossary.append(
        GlossaryEntry(term=term, definition=text, scope=scope, source=state.src(line.number))
    )
