"""The small helper every rule module uses to report a finding."""

from __future__ import annotations

from cwframe.models import Problem
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
