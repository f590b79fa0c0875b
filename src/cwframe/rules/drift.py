"""DR01: drift from a suite's shared wording.

NOS suites share a block of knowledge statements word for word (K1–K97 in the
bundled units). When most units agree on a numbered statement and one unit's copy
is close to it but not the same, that copy was probably edited by accident.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from cwframe.models import Framework, Problem
from cwframe.rules.base import problem
from cwframe.text import fold, ratio, word_diff

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
    over copies gathered from any number of documents (:func:`copies_of`). The wording is
    the one most validated copies agree on; where no two agree, the published units' (copies
    with no file, :func:`published_copies`, compared with but never reported)."""
    by_number: dict[str, list[Copy]] = {}
    for copy in copies:
        by_number.setdefault(copy[0], []).append(copy)
    for number, group in by_number.items():
        local = [c for c in group if c[3]]
        folded = [fold(c[1]) for c in local]
        shared, agreeing, reference = _shared(local, folded)
        if shared is None:
            # No two validated units agree: the published units' wording, where they outnumber
            # the validated copies (a unit validated alone, two together), never over a
            # directory's thousands that agree on nothing.
            published = [c for c in group if not c[3]]
            shared, agreeing, reference = _shared(published, [fold(c[1]) for c in published])
            if agreeing <= len(local):
                shared = None
        if shared is None or reference is None:
            continue
        named = reference[2] + ("" if reference[3] else ", as published")
        for c, f in zip(local, folded, strict=True):
            if f != shared and ratio(f, shared) >= CLOSE_ENOUGH:
                yield problem(
                    "DR01", c[3], c[4],
                    f"{number} differs from the wording {agreeing} other units share ({named}): "
                    f"{word_diff(reference[1], c[1])}", statement=c[2],
                )  # fmt: skip


def _shared(copies: list[Copy], folded: list[str]) -> tuple[str | None, int, Copy | None]:
    """The wording most of these copies agree on, when at least two do: (wording, how many, the first)."""
    if len(copies) < 2:
        return None, 0, None
    shared, agreeing = Counter(folded).most_common(1)[0]
    if agreeing < 2:
        return None, 0, None
    return shared, agreeing, copies[folded.index(shared)]


def published_copies(validated: set[str]) -> list[Copy]:
    """The shared statements of the bundled units not among those validated (their file left
    empty: they are compared with, never reported), so that a unit validated alone is still
    checked against the wording its suite publishes."""
    from cwframe.rules.reference import bundled, identities

    return [
        (number, text, sid, "", line)
        for framework in bundled()
        if not set(identities(framework)) & validated
        for number, text, sid, _file, line in copies_of(framework)
    ]
