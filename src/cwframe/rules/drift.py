"""DR01: drift from a suite's shared wording.

NOS suites share a block of knowledge statements word for word (K1–K97 in the
bundled units). When most units agree on a numbered statement and one unit's copy
is close to it but not the same, that copy was probably edited by accident.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from rapidfuzz import fuzz

from cwframe.models import Framework, Problem, Statement
from cwframe.rules.base import problem
from cwframe.text import fold, word_diff

CLOSE_ENOUGH = 70  # below this the statements are different ones, not edited copies


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
