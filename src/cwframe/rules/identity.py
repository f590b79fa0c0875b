"""ID01: two documents of one corpus give the same NOS unit or framework id.

The loaders refuse such a corpus (CO08, cwframe.corpus.merge); validate reports every repeat,
at the later document, naming the first."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cwframe.models import Problem
from cwframe.rules.base import problem


def check(identities: Iterable[tuple[str, str, int]]) -> Iterator[Problem]:
    """Repeats among (id, file, line) triples, in the order the loader reads the documents."""
    first: dict[str, tuple[str, int]] = {}
    for identifier, file, line in identities:
        if identifier not in first:
            first[identifier] = (file, line)
            continue
        what = (
            f"the NOS unit '{identifier}'"
            if identifier.startswith("nos/")
            else f"the framework '{identifier}'"
        )
        where = "'unit:'" if identifier.startswith("nos/") else "'framework:' id"
        seen_file, seen_line = first[identifier]
        yield problem("ID01", file, line, f"{what} is also given by {seen_file}:{seen_line}; ids must be unique "
                      f"in a corpus (every other command refuses it): give one another {where} in the manifest",
                      statement=identifier)  # fmt: skip
