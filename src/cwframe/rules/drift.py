"""DR01: drift from a suite's shared wording.

NOS suites share a block of knowledge statements word for word (K1–K97 in the
bundled units). When most units agree on a numbered statement and one unit's copy
is close to it but not the same, that copy was probably edited by accident.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz

from cwframe.models import Framework, Problem
from cwframe.rules.base import problem
from cwframe.text import fold, word_diff

CLOSE_ENOUGH = 70  # below this the statements are different ones, not edited copies


# A numbered knowledge statement as drift needs it: (number, text, id, file, line).
Copy = tuple[str, str, str, str, int]


def copies_of(framework: Framework) -> list[Copy]:
    """The K-numbered statements of a document, in a form cheap to keep for a whole directory."""
    return [
        (s.number, s.text, s.id, s.source.file, s.source.line)
        for unit in framework.units
        for section in unit.sections
        for s in section.statements
        if s.number and s.number.startswith("K")
    ]


def check_copies(copies: Iterable[Copy]) -> Iterator[Problem]:
    """Copies of a shared numbered statement that differ from the wording the others share,
    over copies gathered from any number of documents (:func:`copies_of`)."""
    by_number: dict[str, list[Copy]] = {}
    for copy in copies:
        by_number.setdefault(copy[0], []).append(copy)
    for number, group in by_number.items():
        if len(group) < 3:
            continue
        folded = [fold(c[1]) for c in group]
        wording = Counter(folded)
        shared, agreeing = wording.most_common(1)[0]
        if agreeing < 2 or agreeing == len(group):
            continue
        reference = group[folded.index(shared)]
        for c, f in zip(group, folded, strict=True):
            if f != shared and fuzz.ratio(f, shared) >= CLOSE_ENOUGH:
                yield problem(
                    "DR01", c[3], c[4],
                    f"{number} differs from the wording {agreeing} other units share ({reference[2]}): "
                    f"{word_diff(reference[1], c[1])}", statement=c[2],
                )  # fmt: skip
