"""Reviewers' decisions: read from any file a review produces, merged with the reviews cwframe ships.

Files read (``--decisions FILE``), by content as much as by name:

* a review workbook (``crosswalk -f xlsx``) as filled in Excel or LibreOffice, saved as
  ``.xlsx`` or ``.ods`` (cwframe.crosswalk.workbook);
* its review sheet saved as CSV (the workbook's own columns);
* the review page's download, or decisions written by hand: CSV, YAML or JSON with
  ``source, target, decision[, relation][, note]`` (``decision``: accept, reject, or
  no counterpart with an empty target; ``relation``: the grade of an accepted pair,
  ``strong`` or ``partial``).

**Copies.** A decision on any copy of a statement (the same text at the same tier:
cwframe.crosswalk.sides.copies) is a decision on all of them.

**Shipped reviews.** ``reviews/<source>-<target>.csv`` in this package are crosswalks of the
bundled frameworks decided by reading (docs/crosswalk.md says how they were made). They are
applied by default; your own decisions override them source by source: any accepted pair or
*no counterpart* of yours replaces what the shipped review decided for that source, and a
rejection of yours removes that pair from it. A decision of yours identical to the shipped one
(a workbook written with the reviews and read back unchanged) stays cwframe's.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from cwframe.crosswalk.model import NO_COUNTERPART, Decision, Reviewer
from cwframe.errors import InputError
from cwframe.sheets import unsafe_cell

Decisions = dict[tuple[str, str], Decision]  # (source id, target id or '') -> the last word on it
FORMATS = ("a review workbook (.xlsx or .ods, from crosswalk -f xlsx), its review sheet saved as CSV, "
           "the review page's download (.csv), or CSV/YAML/JSON with source, target, decision")  # fmt: skip
_WORKBOOKS = (".xlsx", ".xlsm", ".ods", ".xls")


@dataclass
class Verdict:
    """Everything decided about one source (all its copies): accepted pairs in the reviewer's order
    (best first), rejected targets, or no counterpart."""

    accepted: list[Decision] = field(default_factory=list)
    rejected: dict[str, Decision] = field(default_factory=dict)
    none: Decision | None = None
    by: Reviewer | None = None

    @property
    def decided(self) -> bool:
        return bool(self.accepted) or self.none is not None

    def key(self) -> tuple:
        """What was decided, to tell a file read back unchanged from one that changed something."""
        return (tuple((d.target, d.relation, d.note) for d in self.accepted),
                None if self.none is None else self.none.note)  # fmt: skip


def read_decisions(path: Path) -> Decisions:
    """Decisions from any file a review produces (see the module docstring)."""
    from cwframe.corpus import decode_document, display_path, read_bytes

    shown = display_path(path)
    data = read_bytes(path)
    if (
        path.suffix.lower() in _WORKBOOKS
        or data[:4] == b"PK\x03\x04"
        or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    ):
        from cwframe.crosswalk.workbook import read_workbook

        return _keyed(read_workbook(data, shown))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{shown}: not a decisions file; cwframe reads {FORMATS}")
    text = decode_document(data, shown)
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        from cwframe.corpus import parse_data

        return _keyed(_from_entries(parse_data(text, path), shown))
    header, rows = _csv(text, shown)
    if "source id" in header and "decision" in header:  # the review sheet saved as CSV
        from cwframe.crosswalk.workbook import from_review_rows

        return _keyed(from_review_rows(header, rows, shown))
    if "source" in header and "decision" in header:
        return _keyed(_from_entries([dict(zip(header, r, strict=False)) for r in rows], shown, first=2))
    raise InputError(
        f"{shown}: not a decisions file (no 'source' and 'decision' columns); cwframe reads {FORMATS}"
    )


def _csv(text: str, shown: str) -> tuple[list[str], list[list[str]]]:
    """Header (trimmed, lower case) and rows of a CSV as a spreadsheet saves it: comma, semicolon
    (LibreOffice and Excel in many locales) or tab separated."""
    lines = text.splitlines()
    first = lines[0] if lines else ""
    delimiter = max((",", ";", "\t"), key=first.count)
    try:  # every CSV cwframe writes guards a formula-like cell with an apostrophe: read it off
        table = [[unsafe_cell(cell) for cell in row] for row in csv.reader(lines, delimiter=delimiter)]
    except csv.Error as exc:  # a field over csv's 131,072-character limit, a stray NUL …
        raise InputError(f"{shown}: not a decisions CSV ({exc})") from None
    if not table:
        return [], []
    return [h.strip().casefold() for h in table[0]], table[1:]


def _from_entries(entries: object, shown: str, *, first: int = 1) -> list[Decision]:
    """Decisions from a list of mappings (CSV rows, YAML or JSON entries), each located in errors."""
    from pydantic import ValidationError

    if entries is None:
        return []
    if not isinstance(entries, list):
        raise InputError(f"{shown}: expected a list of decisions (source, target, decision: accept|reject|"
                         "no counterpart)")  # fmt: skip
    out = []
    for n, entry in enumerate(entries, start=first):
        where = f"{shown}: line {n}" if first > 1 else f"{shown}: entry {n}"
        if not isinstance(entry, dict):
            raise InputError(
                f"{where}: not a mapping (need source, target, decision: accept|reject|no counterpart)"
            )
        values = {str(k).strip().casefold(): v for k, v in entry.items() if k is not None}
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()
                  if k in ("source", "target", "decision", "relation", "note") and v not in (None, "")}  # fmt: skip
        if not any(values.values()):
            continue  # an empty row
        if isinstance(values.get("decision"), str):
            values["decision"] = values["decision"].casefold()
        try:
            out.append(Decision.model_validate(values))
        except ValidationError as exc:
            error = exc.errors()[0]
            field_name = ".".join(str(x) for x in error["loc"])
            raise InputError(f"{where}: {field_name}: {error['msg']} (need source, target, decision: "
                             "accept|reject|no counterpart; relation: strong|partial)") from None  # fmt: skip
    return out


def _keyed(decisions: Iterable[Decision]) -> Decisions:
    return {(d.source, d.target): d for d in decisions}


def bundled(source: str, target: str) -> Decisions:
    """The reviews cwframe ships for SOURCE's framework onto TARGET's (empty when there are none)."""
    name = f"{source.split('/')[0]}-{target.split('/')[0]}.csv"
    path = resources.files("cwframe.crosswalk") / "reviews" / name
    if not path.is_file():
        return {}
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    return _keyed(d.model_copy(update={"by": "cwframe"}) for d in _from_entries(rows, name, first=2))


def verdicts(shipped: Decisions, yours: Decisions, canonical: dict[str, str]) -> dict[str, Verdict]:
    """Per source (its first copy's id), what was decided: yours over the shipped reviews (see the
    module docstring). Decisions on sources ``canonical`` does not know are left out (stale)."""
    theirs, mine = _by_source(shipped, canonical, "cwframe"), _by_source(yours, canonical, "you")
    out = dict(theirs)
    for source, v in mine.items():
        base = theirs.get(source)
        if v.decided:
            if base is not None and base.key() == v.key():
                v.by = "cwframe"
            out[source] = v
        elif base is None:
            out[source] = v
        else:  # rejections only: they take pairs out of the shipped review
            kept = [d for d in base.accepted if d.target not in v.rejected]
            out[source] = Verdict(kept, {**base.rejected, **v.rejected}, base.none,
                                  base.by if kept or base.none else None)  # fmt: skip
    return out


def _by_source(decisions: Decisions, canonical: dict[str, str], by: Reviewer) -> dict[str, Verdict]:
    out: dict[str, Verdict] = {}
    for (sid, tid), d in decisions.items():
        source = canonical.get(sid)
        if source is None:
            continue
        v = out.setdefault(source, Verdict(by=by))
        if d.decision == "accept" and tid and all(a.target != tid for a in v.accepted):
            v.accepted.append(d)
        elif d.decision == "reject" and tid:
            v.rejected[tid] = d
        elif d.decision == NO_COUNTERPART:
            v.none = d
    for v in out.values():
        if v.accepted and v.none is not None:  # both said of one source: the accepted pairs stand
            v.none = None
        v.accepted = [d for d in v.accepted if d.target not in v.rejected]
    return out
