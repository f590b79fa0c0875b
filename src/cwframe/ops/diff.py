"""``cwframe diff``: what changed between two versions of a standard, matched by content.

Statements are paired by what they say, never by their number, so inserting P12
shows one addition and a run of renumberings, not "P12-P49 changed":

1. identical text (after folding typography: curly quotes, dashes, spaces) pairs
   first, in document order — one dictionary pass, linear;
2. what is left pairs by similarity: each new statement is compared only with the
   unpaired old statements that share one of its rarer words (an inverted index),
   scored with rapidfuzz, and pairs are taken best first. This costs about n
   dictionary look-ups plus at most 30 comparisons per edited statement, however
   much of the document was rewritten.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from cwframe.models import Framework
from cwframe.statements import iter_glossary, iter_placed
from cwframe.text import fold, word_diff

ChangeKind = Literal["added", "removed", "modified", "renumbered", "moved", "typography"]
MATCH_THRESHOLD = 60  # rapidfuzz ratio (0-100) for "the same statement, reworded"
MAX_CANDIDATES = 30
_WORD = re.compile(r"[a-z0-9]+")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Change(_Frozen):
    """One statement-level change; ids and texts of each side, None where a side is absent."""

    kind: ChangeKind
    old_id: str | None = None
    new_id: str | None = None
    old_text: str | None = None
    new_text: str | None = None
    old_section: str | None = None
    new_section: str | None = None
    similarity: float | None = None
    diff: str | None = None
    also: list[str] = []  # other kinds that also apply (a modified statement may be renumbered too)


class EntryChange(_Frozen):
    """A change to a section, glossary entry, value or metadata field."""

    what: Literal["section", "glossary", "value", "metadata"]
    kind: Literal["added", "removed", "modified", "renamed"]
    key: str
    old: str | None = None
    new: str | None = None


class DiffResult(_Frozen):
    """Everything a diff found, summary first."""

    old: str
    new: str
    summary: dict[str, int]
    changes: list[Change]
    entries: list[EntryChange]
    lineage: dict[str, str | None]

    @property
    def has_content_changes(self) -> bool:
        """Anything beyond typography."""
        return any(c.kind != "typography" for c in self.changes) or bool(self.entries)


class _Item(BaseModel):
    id: str
    local: str  # the id without the unit/framework prefix: 'P14', 'B.4.3', 'skill/listens-…'
    text: str
    key: str  # folded text
    section: str | None
    position: int


def _items(frameworks: Iterable[Framework]) -> list[_Item]:
    out = []
    for fw in frameworks:
        for s, place in iter_placed(fw):
            section = place.get("section") or place.get("heading")
            local = s.number or s.id.split("/", 2)[-1]
            out.append(_Item(id=s.id, local=local, text=s.text, key=" ".join(fold(s.text).split()),
                             section=section, position=len(out)))  # fmt: skip
    return out


def _pair_exact(old: list[_Item], new: list[_Item]) -> list[tuple[_Item, _Item]]:
    waiting: dict[str, list[_Item]] = defaultdict(list)
    for item in old:
        waiting[item.key].append(item)
    for queue in waiting.values():
        queue.reverse()  # pop() from the end: earliest first
    pairs = []
    for item in new:
        queue = waiting.get(item.key)
        if queue:
            pairs.append((queue.pop(), item))
    return pairs


def _pair_similar(old: list[_Item], new: list[_Item]) -> list[tuple[_Item, _Item, float]]:
    if not old or not new:
        return []
    from rapidfuzz import fuzz

    df: dict[str, int] = defaultdict(int)
    index: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(old):
        for w in set(_WORD.findall(item.key)):
            df[w] += 1
            index[w].append(i)
    scored: list[tuple[float, int, int]] = []
    for j, item in enumerate(new):
        words = sorted(set(_WORD.findall(item.key)), key=lambda w: df.get(w, 0))
        votes: dict[int, int] = defaultdict(int)
        for w in words[:8]:  # the rarest words say which old statements it could be
            for i in index.get(w, ()):
                votes[i] += 1
        for i in sorted(votes, key=lambda i: -votes[i])[:MAX_CANDIDATES]:
            score = fuzz.ratio(old[i].key, item.key)
            if score >= MATCH_THRESHOLD:
                scored.append((score, i, j))
    pairs, used_old, used_new = [], set(), set()
    for score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((old[i], new[j], round(score / 100, 3)))
    return pairs


def diff(old: list[Framework], new: list[Framework], *, old_label: str, new_label: str,
         typography: bool = False) -> DiffResult:  # fmt: skip
    """Compare two versions (or two different units) statement by statement, then sections,
    glossary entries, values and metadata."""
    old_items, new_items = _items(old), _items(new)
    exact = _pair_exact(old_items, new_items)
    paired_old = {o.position for o, _ in exact}
    paired_new = {n.position for _, n in exact}
    rest_old = [o for o in old_items if o.position not in paired_old]
    rest_new = [n for n in new_items if n.position not in paired_new]
    similar = _pair_similar(rest_old, rest_new)
    paired_old |= {o.position for o, _, _ in similar}
    paired_new |= {n.position for _, n, _ in similar}
    changes: list[Change] = []
    lineage: dict[str, str | None] = {}
    for o, n in exact:
        lineage[o.id] = n.id
        kinds = []
        if o.local != n.local:
            kinds.append("renumbered")
        if (o.section or "") != (n.section or ""):
            kinds.append("moved")
        if o.text != n.text and typography:
            kinds.append("typography")
        if kinds:
            changes.append(_change(kinds[0], o, n, also=kinds[1:]))
    for o, n, score in similar:
        lineage[o.id] = n.id
        also = [
            k
            for k, cond in (
                ("renumbered", o.local != n.local),
                ("moved", (o.section or "") != (n.section or "")),
            )
            if cond
        ]
        changes.append(_change("modified", o, n, similarity=score, diff=word_diff(o.text, n.text), also=also))
    for o in old_items:
        if o.position not in paired_old:
            lineage[o.id] = None
            changes.append(_change("removed", o, None))
    for n in new_items:
        if n.position not in paired_new:
            changes.append(_change("added", None, n))
    order = {"removed": 0, "added": 1, "modified": 2, "moved": 3, "renumbered": 4, "typography": 5}
    # Document order: positions looked up in two maps built once (not per change: that was quadratic).
    new_at = {i.id: i.position for i in new_items}
    old_at = {i.id: i.position for i in old_items}
    changes.sort(
        key=lambda c: (order[c.kind], new_at[c.new_id] if c.new_id else old_at.get(c.old_id or "", 0))
    )
    entries = _sections(old_items, new_items, exact, similar) + _entries(old, new)
    summary = {kind: sum(c.kind == kind for c in changes) for kind in order}
    summary["unchanged"] = len(exact) - sum(c.kind in ("renumbered", "moved", "typography") for c in changes)
    summary["entries"] = len(entries)
    return DiffResult(
        old=old_label, new=new_label, summary=summary, changes=changes, entries=entries, lineage=lineage
    )


def _change(kind: str, o: _Item | None, n: _Item | None, **extra: object) -> Change:
    return Change(
        kind=kind,  # type: ignore[arg-type]
        old_id=o.id if o else None, new_id=n.id if n else None,
        old_text=o.text if o else None, new_text=n.text if n else None,
        old_section=o.section if o else None, new_section=n.section if n else None, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def _sections(old_items, new_items, exact, similar) -> list[EntryChange]:
    old_titles = list(dict.fromkeys(i.section for i in old_items if i.section))
    new_titles = list(dict.fromkeys(i.section for i in new_items if i.section))
    gone = [t for t in old_titles if t not in new_titles]
    came = [t for t in new_titles if t not in old_titles]
    moves: dict[tuple[str, str], int] = defaultdict(int)
    for o, n, *_ in [*exact, *similar]:
        if o.section in gone and n.section in came:
            moves[(o.section, n.section)] += 1
    out: list[EntryChange] = []
    renamed_old, renamed_new = set(), set()
    for (before, after), count in sorted(moves.items(), key=lambda kv: -kv[1]):
        size = sum(1 for i in old_items if i.section == before)
        if before not in renamed_old and after not in renamed_new and count * 2 > size:
            out.append(EntryChange(what="section", kind="renamed", key=before, old=before, new=after))
            renamed_old.add(before)
            renamed_new.add(after)
    out += [EntryChange(what="section", kind="removed", key=t, old=t) for t in gone if t not in renamed_old]
    out += [EntryChange(what="section", kind="added", key=t, new=t) for t in came if t not in renamed_new]
    return out


def _keyed(frameworks: list[Framework], *, by_unit: bool) -> dict[str, dict[str, str]]:
    """Glossary terms, values and metadata by key; keys name the unit only when a side has
    several (comparing two different units, the same term is the same entry)."""
    glossary: dict[str, str] = {}
    values: dict[str, str] = {}
    metadata: dict[str, str] = {}
    for fw in frameworks:
        for key in ("version", "date", "publisher"):
            if getattr(fw, key):
                metadata[f"{fw.id.value}.{key}"] = str(getattr(fw, key))
        for _gid, unit, entry in iter_glossary(fw):
            term = entry.term or entry.definition[:40]
            glossary.setdefault(f"{unit + ': ' if unit and by_unit else ''}{term}", entry.definition)
        for unit in fw.units:
            prefix = f"{unit.slug}." if by_unit else ""
            for field, value in unit.metadata.items():
                metadata[f"{prefix}{field}"] = value
            if unit.values:
                for item in unit.values.items:
                    values[f"{prefix}{item}"] = item
    return {"glossary": glossary, "value": values, "metadata": metadata}


def _entries(old: list[Framework], new: list[Framework]) -> list[EntryChange]:
    by_unit = max(sum(len(fw.units) for fw in old), sum(len(fw.units) for fw in new)) > 1
    before, after = _keyed(old, by_unit=by_unit), _keyed(new, by_unit=by_unit)
    out: list[EntryChange] = []
    for what in ("glossary", "value", "metadata"):
        a, b = before[what], after[what]
        # Keys compare folded: a curly apostrophe in a term is typography, not a new term.
        fa = {" ".join(fold(k).split()): k for k in a}
        fb = {" ".join(fold(k).split()): k for k in b}
        for key in fa.keys() - fb.keys():
            out.append(EntryChange(what=what, kind="removed", key=fa[key], old=a[fa[key]]))  # type: ignore[arg-type]
        for key in fb.keys() - fa.keys():
            out.append(EntryChange(what=what, kind="added", key=fb[key], new=b[fb[key]]))  # type: ignore[arg-type]
        for key in fa.keys() & fb.keys():
            before_text, after_text = a[fa[key]], b[fb[key]]
            if " ".join(fold(before_text).split()) != " ".join(fold(after_text).split()):
                out.append(
                    EntryChange(what=what, kind="modified", key=fb[key], old=before_text, new=after_text)
                )  # type: ignore[arg-type]
    return sorted(out, key=lambda e: (e.what, e.kind, e.key))


def load_side(spec: str, *, corpus_path=None) -> tuple[str, list[Framework]]:  # noqa: ANN001
    """One side of a diff: a raw file, a normalised file, a corpus directory, or an id in the corpus."""
    from pathlib import Path

    from cwframe.corpus import display_path, load_corpus, parse_file
    from cwframe.errors import InputError

    path = Path(spec)
    if path.exists():
        if path.is_file() and path.suffix.lower() not in (".json", ".yaml", ".yml"):
            return display_path(path), [parse_file(path)]
        return display_path(path), list(load_corpus(path).frameworks)
    if "/" in spec or spec in ("nos", "pcf", "sdf"):
        from cwframe.export.select import select

        try:
            chosen = select(load_corpus(corpus_path), [spec])
        except InputError:
            raise InputError(
                f"'{spec}' is neither a file nor a part of the corpus (nos/key-people, pcf/B, sdf/7 …)"
            ) from None
        return spec, list(chosen.frameworks)
    raise InputError(f"{spec}: no such file or directory")


def load_revision(rev: str, path_text: str) -> tuple[str, list[Framework], str, list[Framework]]:
    """A file as committed at a git revision, and as it is now."""
    import subprocess
    from pathlib import Path

    from cwframe import parsers
    from cwframe.corpus import display_path, parse_file
    from cwframe.errors import InputError

    path = Path(path_text)
    if not path.is_file():
        raise InputError(f"{path_text}: no such file")
    try:
        shown = subprocess.run(
            ["git", "show", f"{rev}:./{path.name}"], cwd=path.resolve().parent, capture_output=True, check=False,
        )  # fmt: skip
    except FileNotFoundError:
        raise InputError("git is not installed; --rev needs git") from None
    if shown.returncode != 0:
        message = shown.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["git show failed"]
        raise InputError(f"cannot read {path_text} at {rev}: {message[0]}")
    text = shown.stdout.decode("utf-8-sig", "replace")
    new = parse_file(path)
    family = new.id.value if parsers.detect(text) is None else parsers.detect(text)
    unit = new.units[0].slug if new.units else None
    old = parsers.get(family).parse(text, path=f"{display_path(path)}@{rev}", unit=unit)
    return f"{display_path(path)}@{rev}", [old], display_path(path), [new]
