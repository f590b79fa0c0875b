"""The small helper every rule module uses to report a finding."""

from __future__ import annotations

from cwframe.models import Framework, Problem
from cwframe.rules import RULES


def problem(
    code: str, path: str, line: int, message: str, *, column: int = 1, statement: str | None = None
) -> Problem:
    """A finding with the rule's default severity (configuration may change it later)."""
    rule = RULES[code]
    return Problem(
        path=path, line=max(line, 1), column=max(column, 1), code=code, rule=rule.name,
        severity=rule.severity, message=message, statement=statement,
    )  # fmt: skip


class Owners:
    """Which statement, glossary entry or part of a document a line belongs to, so that every
    finding located in a document names what it is about (``cwframe show`` opens each id)."""

    def __init__(self, framework: Framework) -> None:
        self._framework = framework
        self._lines: dict[int, str] | None = None  # built on the first question: most documents ask none
        self._parts: list[tuple[int, int, str]] = []

    def _build(self) -> dict[int, str]:
        from cwframe.statements import iter_glossary, iter_placed

        framework = self._framework
        lines: dict[int, str] = {}
        for s, _place in iter_placed(framework):
            for line in range(s.source.line, s.source.end_line + 1):
                lines.setdefault(line, s.id)
        for gid, _unit, entry in iter_glossary(framework):
            lines.setdefault(entry.source.line, gid)
        # Parts: a line outside every statement names the part it sits in.
        self._parts = [(u.source.line, u.source.end_line, f"nos/{u.slug}") for u in framework.units]
        self._parts += [(c.source.line, c.source.end_line, f"pcf/{c.letter}") for c in framework.categories]
        self._parts += [(lv.source.line, lv.source.end_line, f"sdf/{lv.slug}") for lv in framework.levels]
        self._parts += [
            (a.source.line, a.source.end_line, f"sdf/yps/{a.number}") for a in framework.standards
        ]
        return lines

    def at(self, line: int) -> str:
        """The statement or glossary entry on this line, else the innermost part around it,
        else the framework."""
        if self._lines is None:
            self._lines = self._build()
        owner = self._lines.get(line)
        if owner is not None:
            return owner
        inside = [(end - start, pid) for start, end, pid in self._parts if start <= line <= end]
        return min(inside)[1] if inside else self._framework.id.value
