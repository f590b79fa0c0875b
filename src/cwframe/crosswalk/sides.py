"""The two sides of a crosswalk: which statements, where they sit, which are copies of each other.

* **Selection**: a framework or part (``nos``, ``pcf/G``, ``sdf/7``), filtered by kind and level.
* **Tier**: where a source sits on the SDF's levels (the thesaurus's ``tiers``: a PCF category,
  the NOS suite; an SDF statement's own level; a level of your own framework, by the tiers its
  file or manifest gives, which thesaurus_for adds). Targets get a level the same way, so a PCF
  category is a level too.
* **Copies**: statements that print the same text at the same tier (the 97 knowledge criteria
  every NOS unit prints word for word; a PCF statement repeated within one tier) are one source:
  reviewed once, the decision applying to every copy. Copies are found over the whole source
  framework, so a decision made on ``nos/cyp-development/K53`` holds for ``nos/key-people/K53``
  when only that unit is crosswalked. The same text at another tier (a PCF statement printed in
  categories B and E, which sit at SDF levels 3 and 6) is another source: its counterparts are
  the same rows at another level.
"""

from __future__ import annotations

from pathlib import Path

from cwframe.crosswalk.engine import Doc, Method, Thesaurus, make_doc
from cwframe.crosswalk.structure import families
from cwframe.errors import InputError
from cwframe.export.select import select
from cwframe.models import Corpus
from cwframe.statements import StatementRow, iter_statements
from cwframe.text import fold, slugify


def thesaurus_for(corpus: Corpus, extra: Path | None = None) -> Thesaurus:
    """The thesaurus (bundled, and ``extra``) with the tiers of every level the corpus's frameworks
    map onto the SDF's levels (``<framework>/<level>``); a tier the thesaurus gives wins."""
    thesaurus = Thesaurus.load(extra)
    for fw in corpus.frameworks:
        for level, tier_ in fw.tiers.items():
            thesaurus.tiers.setdefault(f"{fw.id.value}/{level}", tier_)
    return thesaurus


def tier(thesaurus: Thesaurus, row: StatementRow) -> str | None:
    """Where a statement sits on the SDF's levels (None: nowhere known)."""
    return tier_of(thesaurus, framework=row.framework.value, unit=row.unit, category=row.category,
                   level=row.level)  # fmt: skip


def tier_of(
    thesaurus: Thesaurus, *, framework: str, unit: str | None, category: str | None, level: str | None
) -> str | None:
    """``tier`` from a statement's place, for callers that have no StatementRow (the streamed crosswalk)."""
    if category:
        return thesaurus.tiers.get(f"{framework}/{category}")
    if unit:
        return thesaurus.tiers.get(f"{framework}/{unit}") or thesaurus.tiers.get(framework)
    if level:
        return thesaurus.tiers.get(f"{framework}/{level}", level)
    return thesaurus.tiers.get(framework)


def rows(corpus: Corpus, spec: str, kind: str | None = None, level: str | None = None, *,
         option: str = "--") -> list[StatementRow]:  # fmt: skip
    """The statements of a framework or part, filtered; a filter nothing passes is an error naming
    the values there are."""
    try:
        part = select(corpus, [spec])
    except InputError:
        names = ", ".join(fw.id.value for fw in corpus.frameworks)
        raise InputError(
            f"'{spec}' is not a framework or part: use {names}, a part such as nos/key-people, pcf/G, sdf/7 "
            "('cwframe list' shows them), or a spreadsheet or CASE package of your own"
        ) from None
    every = list(iter_statements(part))
    out = [r for r in every if (kind is None or r.kind.value == kind)]
    if kind is not None and not out:
        kinds = sorted({r.kind.value for r in every})
        raise InputError(
            f"{option}kind '{kind}' matches nothing in '{spec}'; its kinds are: {', '.join(kinds)}"
        )
    if level:
        out = [r for r in out if r.level == (slugify(level) or level)]
        if not out:
            levels = sorted({r.level for r in every if r.level})
            raise InputError(f"{option}level '{level}' matches nothing in '{spec}'; "
                             + (f"its levels are: {', '.join(levels)}" if levels else "it has no levels"))  # fmt: skip
    return out


def copies(corpus: Corpus, framework: str, thesaurus: Thesaurus) -> dict[str, str]:
    """Statement id -> the id of the first statement printing the same text at the same tier
    (itself when it is the first), over the whole framework; a trailing full stop does not count."""
    first: dict[tuple[str, str | None], str] = {}
    out = {}
    for row in iter_statements(corpus, framework):
        key = (fold(row.text).rstrip(" .;:,"), tier(thesaurus, row))  # a copy that lost its full stop too
        out[row.id] = first.setdefault(key, row.id)
    return out


def source_doc(row: StatementRow, thesaurus: Thesaurus, method: Method) -> Doc:
    """A source statement ready to score."""
    return make_doc(id=row.id, framework=row.framework.value, text=row.text, name=row.name, heading=row.heading,
                    section=row.section, topic=row.topic, level=row.level, tier=tier(thesaurus, row),
                    thesaurus=thesaurus, method=method, kind=row.kind.value)  # fmt: skip


def target_docs(
    corpus: Corpus, target_rows: list[StatementRow], thesaurus: Thesaurus, method: Method
) -> list[Doc]:
    """Target statements ready to score: in row families (cwframe.crosswalk.structure), each with a
    level (an SDF level, the tier of its own level, or the tier of its PCF category or of the
    Youth Professional Standards)."""
    wanted = {r.framework for r in target_rows}
    family = {k: v for fw in corpus.frameworks if fw.id in wanted for k, v in families(fw).items()}
    out = []
    for r in target_rows:
        level = thesaurus.tiers.get(f"{r.framework.value}/{r.level}", r.level) if r.level else None
        doc = make_doc(id=r.id, framework=r.framework.value, text=r.text, name=r.name, heading=r.heading,
                       section=r.section, topic=r.topic, level=level, thesaurus=thesaurus, method=method,
                       target=True, kind=r.kind.value, family=family.get(r.id))  # fmt: skip
        if doc.level is None:
            doc.level = tier(thesaurus, r) if r.category else thesaurus.tiers.get(r.id.rsplit("/", 1)[0])
        out.append(doc)
    return out
