"""The frameworks' structure in a crosswalk: row families, levels and kinds.

Word similarity picks *what* a statement is about; the frameworks' structure says
*which* of the candidate rows a designer would choose:

* **Row families.** The SDF prints most skill and knowledge rows at several levels
  (``sdf/6/knowledge/information-sharing``, ``sdf/7/knowledge/…``), and the PCF prints
  some statements word for word in several categories. A family is chosen by its best
  member's score (small wording differences between levels must not decide), and
  then the member whose level is nearest the source's tier; one member per family is
  listed, so the three suggestions are three different rows.
* **Levels.** A member at the source's tier keeps its score; each level step away
  costs ``LEVEL_STEP`` (a family missing at that tier is still found, lower).
* **Kinds.** Knowledge ("Knows", "Understands", "Is aware of", NOS K criteria, SDF
  knowledge rows) prefers knowledge; doing ("Shares", "Works", "Demonstrates", NOS P
  criteria, SDF skills) prefers skills. A preference, not a filter: a strong match of
  the other kind still wins over a weak one of the same kind.

Every rule that changed a match is named in its evidence.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

LEVEL_ORDER = ["3", "4-5", "6", "7", "8"]
LEVEL_STEP = 0.25
UNLEVELLED_STEPS = 2  # an unlevelled target (a sector specialism) sits two steps from any tier
KIND_FACTOR = 0.05  # ± for a kind that agrees / disagrees

# The verbs that say a statement is about knowing rather than doing (checked at its start).
_KNOWING = re.compile(
    r"^(?:knows?|understands?|is aware|are aware|aware of|has (?:an? )?(?:good |sound |detailed |clear |basic |"
    r"thorough |in-depth )?(?:understanding|knowledge|awareness|appreciation)|(?:shows|demonstrates) (?:an? )?"
    r"(?:good |sound |detailed |clear )?(?:understanding|knowledge|awareness)|recognises|appreciates|"
    r"is familiar|is knowledgeable)\b",
    re.IGNORECASE,
)


def statement_kind(kind: str, text: str) -> str | None:
    """'knowledge' or 'skill' for a statement; None when it cannot be told."""
    if kind == "knowledge":
        return "knowledge"
    if kind in ("performance", "skill"):
        return "skill"
    if kind in ("specialism", "glossary"):
        return None
    # A PCF capability, a Youth Professional Standard, a statement of your own framework: its verb says.
    return "knowledge" if _KNOWING.match(text.strip()) else "skill"


def families(framework) -> dict[str, str]:  # noqa: ANN001 - a cwframe.models.Framework
    """Family keys of a framework's statements, from its structure (not its name): statements that
    are one row printed several times share a key; a statement missing here is its own family.

    * Levels printing rows (the SDF): a row is ``<framework>/<level>/<rest>``, one family over the
      levels; the Common Core groups print the same rows in the same order at every level,
      renaming some ('Shares and handles appropriate information' at 4/5 is 'Selects, handles and
      shares information confidently' at 6), so there a row is its group and position.
    * Categories (the PCF) print some statements word for word in several categories.
    * A framework of your own (items): one name of one kind at several levels (each once) is one
      row; otherwise the same words are."""
    from cwframe.text import fold

    fid = framework.id.value
    out: dict[str, str] = {}
    for level in framework.levels:
        prefix = f"{fid}/{level.slug}/"
        for group in level.groups:
            for position, s in enumerate(group.statements, start=1):
                if group.kind.value == "common-core":
                    out[s.id] = f"{fid}/*/{group.table.value}/{group.title.casefold()}/{position}"
                elif s.id.startswith(prefix):
                    out[s.id] = f"{fid}/*/{s.id[len(prefix) :]}"
    for category in framework.categories:
        for cell in category.cells:
            for s in cell.statements:
                out[s.id] = f"{fid}:{_words(s.text)}"
    named: dict[tuple[str, str], list] = {}
    for item in framework.items:
        if not item.container and item.name and item.level:
            named.setdefault((item.kind.value, fold(item.name)), []).append(item)
    for item in framework.items:
        if item.container:
            continue
        rows = named.get((item.kind.value, fold(item.name or "")), [])
        levels = [r.level for r in rows]
        if len(rows) > 1 and len(set(levels)) == len(levels):
            out[item.id] = f"{fid}:{item.kind.value}:{fold(item.name or '')}"
        else:
            out[item.id] = f"{fid}:{_words(item.text)}"
    return out


def _words(text: str) -> str:
    """A statement's words as a family compares them: a copy that lost its full stop is still a copy."""
    from cwframe.text import fold

    return fold(text).rstrip(" .;:,")


@dataclass(frozen=True)
class Placed:
    """A candidate after the structural rules: its final score and what moved it."""

    score: float
    index: int
    sentence: int | None
    rules: tuple[str, ...]


@lru_cache(maxsize=256)
def tier_levels(tier: str | None) -> tuple[str, ...]:
    """A tier is one level ('6') or several ('7,8': a leadership suite sits at both).
    Cached: a tier is asked of every candidate of every statement, and there are few."""
    return tuple(t.strip() for t in (tier or "").split(",") if t.strip() in LEVEL_ORDER)


@lru_cache(maxsize=1024)
def _steps(tier: str | None, level: str | None) -> int:
    levels = tier_levels(tier)
    if not levels:
        return 0
    if level not in LEVEL_ORDER:
        return UNLEVELLED_STEPS
    return min(abs(LEVEL_ORDER.index(level) - LEVEL_ORDER.index(t)) for t in levels)


def family_members(targets: list) -> dict[str, list[int]]:  # noqa: ANN001
    """Family key -> the indexes of its members, in target order."""
    members: dict[str, list[int]] = {}
    for i, t in enumerate(targets):
        members.setdefault(t.family, []).append(i)
    return members


def arrange(source, candidates: list[tuple[float, int, int | None]], targets: list, *,  # noqa: ANN001
            levels: bool = True, kinds: bool = True, top: int | None = None,
            members_of: dict[str, list[int]] | None = None,
            learnt: dict[str, tuple[str, ...]] | None = None) -> list[Placed]:  # fmt: skip
    """Candidates (raw score, target index, sentence) grouped by family, placed at the source's
    level, weighed by kind; best first, one per family (the first ``top`` only, when given).
    ``members_of``: family_members(targets), computed once by a caller that arranges often.
    ``learnt``: rules, by family, of decisions that moved its score (cwframe.crosswalk.learn).

    A family's final score is at most its best raw score × (1 + KIND_FACTOR): candidates are
    walked best raw first, a family placed at its first (best) member, and once that bound
    falls below the ``top``-th score placed, none left can enter. So only the few families
    that can reach the top are gathered (a statement has a hundred candidates, three are shown)."""
    if members_of is None:
        members_of = family_members(targets)
    by_index = {c[1]: c for c in candidates}
    placed = []
    kept: list[float] = []  # the best ``top`` scores placed so far (a min-heap)
    seen: set[str] = set()
    for best_raw, first, _ in sorted(
        candidates, key=itemgetter(0), reverse=True
    ):  # stable: ties in target order
        family = targets[first].family
        if family in seen:
            continue
        seen.add(family)
        if top and len(kept) >= top and min(best_raw * (1 + KIND_FACTOR), 1.0) < kept[0]:
            break
        members = [by_index[m] for m in members_of[family] if m in by_index]
        if levels and tier_levels(source.tier) and len(members) > 1:
            # The member nearest the tier; among equally near, the higher score, then the higher level.
            # Then the lower target index: the choice must not depend on the candidates' order.
            raw, index, sentence = min(members, key=lambda m: (_steps(source.tier, targets[m[1]].level), -m[0],
                                                               -LEVEL_ORDER.index(targets[m[1]].level)
                                                               if targets[m[1]].level in LEVEL_ORDER else 0, m[1]))  # fmt: skip
            rules = []
            if raw < best_raw:  # the tier chose a member the words alone would not have
                rules.append(f"level {targets[index].level} chosen for the source's tier ({source.tier}); "
                             f"the row also stands at {', '.join(sorted(_levels(members, targets) - {targets[index].level}))}")  # fmt: skip
        else:
            raw, index, sentence = max(members, key=lambda m: (m[0], -m[1]))
            rules = []
        # The family's best wording counts, but not alone: a row printed at five levels would
        # otherwise get five chances at a lucky score against a row printed once.
        value = (best_raw + raw) / 2
        if levels:
            steps = _steps(source.tier, targets[index].level)
            if steps:
                value *= 1 - LEVEL_STEP * steps
                rules.append(
                    f"{steps} level step{'s' if steps > 1 else ''} from the source's tier ({source.tier})"
                )
        if kinds and source.kind and targets[index].kind:
            if source.kind == targets[index].kind:
                value *= 1 + KIND_FACTOR
                rules.append(f"kinds agree ({source.kind})")
            else:
                value *= 1 - KIND_FACTOR
                rules.append(f"kinds differ ({source.kind} → {targets[index].kind})")
        if learnt and family in learnt:
            rules.extend(learnt[family])
        placed.append(Placed(min(value, 1.0), index, sentence, tuple(rules)))
        if top:
            (heapq.heappush if len(kept) < top else heapq.heappushpop)(kept, min(value, 1.0))
    placed.sort(key=lambda p: (-p.score, targets[p.index].id))
    return placed[:top] if top else placed


def _levels(members: list[tuple[float, int, int | None]], targets: list) -> set[str]:  # noqa: ANN001
    return {targets[m[1]].level for m in members if targets[m[1]].level}
