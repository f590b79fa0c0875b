"""DR01: drift from a suite's shared wording.

NOS suites share a block of knowledge statements word for word (K1–K97 in the
bundled units). When most units agree on a numbered statement and one unit's copy
is close to it but not the same, that copy was probably edited by accident.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator

from rapidfuzz import fuzz

from cwframe.models import Framework, Problem, Statement
from cwframe.rules.base import problem
from cwframe.text import fold

CLOSE_ENOUGH = 70  # below this the statements are different ones, not edited copies


def word_diff(old: str, new: str) -> str:
    """'[-removed-] {+added+}' marks between two texts, word by word."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
        else:
            if i2 > i1:
                out.append("[-" + " ".join(a[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def check(frameworks: list[Framework]) -> Iterator[Problem]:
    """Copies of a shared numbered statement that differ from the wording the others share."""
    by_number: dict[str, list[Statement]] = {}
    for fw in frameworks:
        for unit in fw.units:
            for section in unit.sections:
                for s in section.statements:
                    if s.number and s.number.startswith("K"):
                        by_number.setdefault(s.number, []).append(s)
    for number, copies in by_number.items():
        if len(copies) < 3:
            continue
        wording = Counter(fold(s.text) for s in copies)
        shared, agreeing = wording.most_common(1)[0]
        if agreeing < 2 or agreeing == len(copies):
            continue
        reference = next(s for s in copies if fold(s.text) == shared)
        for s in copies:
            if fold(s.text) != shared and fuzz.ratio(fold(s.text), shared) >= CLOSE_ENOUGH:
                yield problem(
                    "DR01", s.source.file, s.source.line,
                    f"{number} differs from the wording {agreeing} other units share ({reference.id}): "
                    f"{word_diff(reference.text, s.text)}", statement=s.id,
                )  # fmt: skip
