"""NU01-NU04: NOS criteria numbering — duplicates, gaps, order, lettered numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cwframe.models import Framework, Problem, Statement
from cwframe.rules.base import problem

_NUMBER = re.compile(r"^([PK])(\d+)$")
_LETTERED = re.compile(r"^[PK]\d+[A-Za-z]$")


def _numbered(statements: list[Statement], letter: str) -> list[tuple[int, Statement]]:
    out = []
    for s in statements:
        match = _NUMBER.match(s.number or "")
        if match and match[1] == letter:
            out.append((int(match[2]), s))
    return out


def check(framework: Framework) -> Iterator[Problem]:
    """Each NOS unit's P and K numbers must run 1, 2, 3 … once each, in order.

    A gap is a number missing from the whole sequence (reported where the next
    present number stands); a number lower than one before it is out of order.
    """
    for unit in framework.units:
        statements = [s for section in unit.sections for s in section.statements]
        for s in statements:
            if _LETTERED.match(s.number or ""):
                yield problem("NU04", s.source.file, s.source.line,
                              f"{s.number} is numbered with a letter; number the criteria "
                              f"{s.number[0]}1, {s.number[0]}2 … and renumber the rest", statement=s.id)  # fmt: skip
        for letter in "PK":
            numbered = _numbered(statements, letter)
            if not numbered:
                continue
            present = {n for n, _ in numbered}
            first_at: dict[int, Statement] = {}
            highest = 0
            for n, s in numbered:
                if n in first_at:
                    yield problem("NU01", s.source.file, s.source.line,
                                  f"{letter}{n} is numbered again (first at line {first_at[n].source.line})",
                                  statement=s.id)  # fmt: skip
                    continue
                first_at[n] = s
                if n < highest:
                    yield problem("NU03", s.source.file, s.source.line, f"{letter}{n} comes after {letter}{highest}",
                                  statement=s.id)  # fmt: skip
                highest = max(highest, n)
            n = 1
            while n <= highest:
                if n in present:
                    n += 1
                    continue
                end = n
                while end + 1 not in present:
                    end += 1
                after = first_at[end + 1]
                missing = f"{letter}{n}" + (f"–{letter}{end}" if end > n else "")
                yield problem("NU02", after.source.file, after.source.line,
                              f"{missing} missing before {letter}{end + 1}", statement=after.id)  # fmt: skip
                n = end + 1
