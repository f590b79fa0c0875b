"""A crosswalk at a glance: the group matrix, coverage both ways, per-group coverage, level alignment.

Counted over **records** (one per source text and tier: copies are one source), so a criterion
every NOS unit prints is counted once. A source group is named by its title; where one title
holds sources of several parts (every NOS unit has a 'Specific to this NOS' section), each is
qualified with its part ('key-people · Specific to this NOS'). Sections whose statements are
all copies of another unit's are that unit's sources, so they do not repeat.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from cwframe.crosswalk.engine import Doc
from cwframe.crosswalk.model import Alignment, Coverage, GroupCoverage, Match, Record
from cwframe.crosswalk.structure import LEVEL_ORDER
from cwframe.statements import StatementRow

# A matrix cell's share, in bands the reports shade alike (legend in every format).
MATRIX_BANDS = (0.0, 0.25, 0.5, 0.75)


def part(row: StatementRow) -> str:
    """The part a statement belongs to ('key-people', 'category C', 'level 7')."""
    return row.unit or (f"category {row.category}" if row.category else None) or (
        f"level {row.level}" if row.level else row.framework.value)  # fmt: skip


def group_labels(rows: list[StatementRow]) -> dict[str, str]:
    """Statement id -> its group's label, qualified by part only where one title spans several parts."""
    parts: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        parts[row.section or row.heading or "(none)"].add(part(row))
    out = {}
    for row in rows:
        title = row.section or row.heading or "(none)"
        out[row.id] = f"{part(row)} · {title}" if len(parts[title]) > 1 else title
    return out


def counterpart(m: Match) -> bool:
    """A match that counts for coverage: strong or related, or accepted by a reviewer (weak ones are
    suggestions to check, not counterparts)."""
    return m.reviewed or m.relation in ("strong match", "related")


def matrix(records: list[Record], labels: dict[str, str], targets: list[Doc]) -> tuple[list[str], list[str], list[list[float]]]:  # fmt: skip
    """Rows: source groups; columns: target groups; a cell: the share of the row's sources whose best
    counterpart lands in the column's group."""
    rows = list(dict.fromkeys(labels[r.id] for r in records))
    cols = list(dict.fromkeys(d.group or "(none)" for d in targets))
    sizes = Counter(labels[r.id] for r in records)
    landed: Counter[tuple[str, str]] = Counter()
    for r in records:
        best = next((m for m in r.matches if counterpart(m)), None)
        if best is not None:
            landed[(labels[r.id], best.group or "(none)")] += 1
    return rows, cols, [[round(landed[(a, b)] / max(sizes[a], 1), 3) for b in cols] for a in rows]


def coverage(records: list[Record], targets: list[Doc]) -> Coverage:
    reached = {m.id for r in records for m in r.matches if counterpart(m)}
    matched = {r.id for r in records if any(counterpart(m) for m in r.matches)}
    return Coverage(
        sources_matched=len(matched), sources=len(records),
        targets_reached=sum(1 for t in targets if t.id in reached), targets=len(targets),
        unmatched_sources=[r.id for r in records if r.id not in matched],
        unreached_targets=[t.id for t in targets if t.id not in reached],
    )  # fmt: skip


def group_coverage(records: list[Record], labels: dict[str, str], targets: list[Doc]) -> list[GroupCoverage]:
    """Per group, both sides: sources with a counterpart, targets reached."""
    out = []
    for group, members in _grouped((labels[r.id], r) for r in records):
        covered = sum(1 for r in members if any(counterpart(m) for m in r.matches))
        out.append(GroupCoverage(side="source", group=group, covered=covered, total=len(members)))
    reached = {m.id for r in records for m in r.matches if counterpart(m)}
    for group, members in _grouped(
        ((f"level {t.level} · " if t.level else "") + (t.group or "(none)"), t) for t in targets
    ):
        out.append(GroupCoverage(side="target", group=group, covered=sum(1 for t in members if t.id in reached),
                                 total=len(members)))  # fmt: skip
    return out


def _grouped(pairs) -> list[tuple[str, list]]:  # noqa: ANN001
    groups: dict[str, list] = {}
    for key, item in pairs:
        groups.setdefault(key, []).append(item)
    return list(groups.items())


def alignment(records: list[Record], source_rows: list[StatementRow]) -> list[Alignment]:
    """Which target level each source part's best matches fall on."""
    part_of = {r.id: (f"{r.framework.value}/{r.category}" if r.category else f"{r.framework.value}/{r.unit}"
                      if r.unit else r.framework.value) for r in source_rows}  # fmt: skip
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        if r.matches and r.matches[0].level:
            counts[part_of[r.id]][r.matches[0].level] += 1
    out = []
    for name in dict.fromkeys(part_of[r.id] for r in records):
        c = counts.get(name, Counter())
        ordered = {lv: c[lv] for lv in LEVEL_ORDER if c[lv]}
        if ordered:
            out.append(Alignment(source=name, best_level=max(ordered, key=ordered.get), counts=ordered))  # type: ignore[arg-type]
    return out
