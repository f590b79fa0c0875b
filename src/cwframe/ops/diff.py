"""``cwframe diff``: what changed between two versions of a standard, matched by content.

Statements are paired by what they say, never by their number, so inserting P12
shows one addition and a run of renumberings, not "P12-P49 changed":

1. identical text (after folding typography: curly quotes, dashes, spaces) pairs
   first, in document order — one dictionary pass, linear;
2. what is left pairs by similarity: each new statement is compared only with the
   unpaired old statements that share one of its rarer words (an inverted index),
   scored with a similarity that knows a clause added or cut, and pairs are taken
   best first. This costs about n dictionary look-ups plus at most 30 comparisons
   per edited statement, however much of the document was rewritten;
3. a statement that became two adjacent ones is a ``split`` (two that became one,
   ``merged``); one whose place among its section's statements changed is
   ``reordered``; a heading renamed is one section change, not a move per statement.

Every other part of the document (overview, glossary paragraphs, values, metadata,
section order) is compared too (:mod:`cwframe.diff.parts`). Ties are broken by
position, so the report is byte-identical under any hash seed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from cwframe.diff import pairing
from cwframe.diff.parts import WHAT_ORDER, Paragraph, paragraphs
from cwframe.models import Framework, Item, Unit
from cwframe.statements import iter_placed
from cwframe.text import fold, word_diff

ChangeKind = Literal[
    "added",
    "removed",
    "modified",
    "split",
    "merged",
    "moved",
    "reordered",
    "renumbered",
    "markup",
    "typography",
]
# Report order; also the order in which one change's several kinds are named (the first
# is its kind, the others its ``also``).
KINDS: tuple[str, ...] = ChangeKind.__args__  # type: ignore[attr-defined]
EntryWhat = Literal["section", "metadata", "overview", "glossary", "value", "text"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Change(_Frozen):
    """One statement-level change; ids and texts of each side, None where a side is absent.

    A ``split`` names its new statements in ``new_ids`` (``new_text`` joins them); a
    ``merged`` its old ones in ``old_ids``. A ``reordered`` statement names the
    statement it followed (``old_after``) and now follows (``new_after``).
    """

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
    old_ids: list[str] = []
    new_ids: list[str] = []
    old_after: str | None = None
    new_after: str | None = None


class EntryChange(_Frozen):
    """A change to a section, the overview, a glossary paragraph, a value or metadata.

    ``key`` names the part (the new side's name; ``old_key`` when it was renamed);
    ``old``/``new`` are its texts, ``diff`` their word diff. A reordered section's
    ``old``/``new`` say which section it followed.
    """

    what: EntryWhat
    kind: Literal["added", "removed", "modified", "renamed", "reordered"]
    key: str
    old: str | None = None
    new: str | None = None
    old_key: str | None = None
    diff: str | None = None


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


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    local: str  # the id without the unit/framework prefix: 'P14', 'B.4.3', 'skill/listens-…'
    text: str
    folded: str
    section: str | None
    run: int  # which run of consecutive statements under one heading (a section instance)
    position: int
    markup: str | None = None  # the line as printed, when it carries markup (HTML tags, bookmarks)

    @property
    def printed(self) -> str:
        return self.markup if self.markup is not None else self.text


def _items(frameworks: Iterable[Framework]) -> list[_Item]:
    out: list[_Item] = []
    run, previous = -1, object()
    for fw in frameworks:
        for s, place in iter_placed(fw):
            section = place.get("section") or place.get("heading")
            if isinstance(s, Item) and s.level:  # a framework of your own: a new level is a move
                section = f"{section} · {s.level}" if section else s.level
            where = (place.get("unit"), place.get("category"), place.get("level"), section)
            if where != previous:
                run, previous = run + 1, where
            local = s.number or s.id.split("/", 2)[-1]
            out.append(_Item(s.id, local, s.text, " ".join(fold(s.text).split()), section, run, len(out),
                             s.markup))  # fmt: skip
    return out


@dataclass
class _Pairs:
    """Which old statement became which new one(s)."""

    exact: list[tuple[_Item, _Item]]
    similar: list[tuple[_Item, _Item, float]]
    splits: list[tuple[_Item, _Item, _Item, float]]  # old, first new, second new
    merges: list[tuple[_Item, _Item, _Item, float]]  # new, first old, second old
    removed: list[_Item]
    added: list[_Item]


def _pair(old_items: list[_Item], new_items: list[_Item]) -> _Pairs:
    exact = [(old_items[i], new_items[j]) for i, j in pairing.pair_exact(old_items, new_items)]
    done_old = {o.position for o, _ in exact}
    done_new = {n.position for _, n in exact}
    rest_old = [o for o in old_items if o.position not in done_old]
    rest_new = [n for n in new_items if n.position not in done_new]
    similar = pairing.pair_similar(rest_old, rest_new)
    sim_old = {i: j for i, j, _ in similar}
    splits = pairing.find_splits(
        rest_old, rest_new, sim_old, set(range(len(rest_new))) - set(sim_old.values())
    )
    split_old = {i for i, *_ in splits}
    split_new = {j for _, a, b, _ in splits for j in (a, b)}
    similar = [(i, j, s) for i, j, s in similar if i not in split_old and j not in split_new]
    sim_new = {j: i for i, j, _ in similar}
    merges = pairing.find_splits(
        rest_new, rest_old, sim_new, set(range(len(rest_old))) - set(sim_new.values()) - split_old
    )
    merge_new = {j for j, *_ in merges}
    merge_old = {i for _, a, b, _ in merges for i in (a, b)}
    similar = [(i, j, s) for i, j, s in similar if i not in merge_old and j not in merge_new]
    used_old = split_old | merge_old | {i for i, _, _ in similar}
    used_new = split_new | merge_new | {j for _, j, _ in similar}
    return _Pairs(
        exact=exact,
        similar=[(rest_old[i], rest_new[j], s) for i, j, s in similar],
        splits=[(rest_old[i], rest_new[a], rest_new[b], s) for i, a, b, s in splits],
        merges=[(rest_new[j], rest_old[a], rest_old[b], s) for j, a, b, s in merges],
        removed=[o for i, o in enumerate(rest_old) if i not in used_old],
        added=[n for j, n in enumerate(rest_new) if j not in used_new],
    )


def _renamed_sections(old_items: list[_Item], new_items: list[_Item], pairs: _Pairs) -> dict[str, str]:
    """Old heading -> new heading, where most of a vanished heading's statements now sit
    under one heading that is new."""
    old_titles = list(dict.fromkeys(i.section for i in old_items if i.section))
    new_titles = list(dict.fromkeys(i.section for i in new_items if i.section))
    gone = set(old_titles) - set(new_titles)
    came = set(new_titles) - set(old_titles)
    moves: Counter[tuple[str, str]] = Counter()
    for o, n, *_ in [*pairs.exact, *pairs.similar]:
        if o.section in gone and n.section in came:
            moves[(o.section, n.section)] += 1
    sizes = Counter(i.section for i in old_items)
    renamed: dict[str, str] = {}
    rank = {t: k for k, t in enumerate(old_titles)}
    for (before, after), count in sorted(moves.items(), key=lambda kv: (-kv[1], rank[kv[0][0]], kv[0][1])):
        if before not in renamed and after not in renamed.values() and count * 2 > sizes[before]:
            renamed[before] = after
    return renamed


def _reordered(pairs: list[tuple[_Item, _Item]], renamed: dict[str, str]) -> set[int]:
    """New positions of statements that changed place among their own section's statements
    (a statement moved to another section is ``moved``, a whole section moved is a section change)."""
    by_run: dict[int, list[tuple[_Item, _Item]]] = defaultdict(list)
    for o, n in pairs:
        if renamed.get(o.section or "", o.section) == n.section:
            by_run[n.run].append((o, n))
    out: set[int] = set()
    for run in sorted(by_run):
        members = sorted(by_run[run], key=lambda p: p[1].position)
        out |= {members[k][1].position for k in pairing.out_of_order([o.position for o, _ in members])}
    return out


def diff(old: list[Framework], new: list[Framework], *, old_label: str, new_label: str,
         typography: bool = False) -> DiffResult:  # fmt: skip
    """Compare two versions (or two different units) statement by statement, then every
    other part: sections and their order, overview, glossary, values and metadata."""
    old_items, new_items = _items(old), _items(new)
    pairs = _pair(old_items, new_items)
    renamed = _renamed_sections(old_items, new_items, pairs)
    one_to_one = [*pairs.exact, *((o, n) for o, n, _ in pairs.similar)]
    reordered = _reordered(one_to_one, renamed)
    before = {i.position: i for i in old_items}
    after = {i.position: i for i in new_items}

    def kinds_of(o: _Item, n: _Item, first: list[str]) -> list[str]:
        kinds = list(first)
        if (o.section or "") != (n.section or "") and renamed.get(o.section or "") != n.section:
            kinds.append("moved")
        if n.position in reordered:
            kinds.append("reordered")
        if o.local != n.local:
            kinds.append("renumbered")
        if fold(o.printed) != fold(n.printed) and (o.markup or n.markup):
            kinds.append("markup")  # the same words, markup added or taken out: a reviewer must see it
        return kinds

    changes: list[Change] = []
    lineage: dict[str, str | None] = {}
    for o, n in pairs.exact:
        lineage[o.id] = n.id
        kinds = kinds_of(o, n, [])
        if typography and o.text != n.text:
            kinds.append("typography")
        if kinds:
            extra: dict[str, object] = {}
            if "reordered" in kinds:
                extra = _neighbours(o, n, before, after)
            if "markup" in kinds:  # the texts as printed, tags and all, and their word diff
                extra.update(old_text=o.printed, new_text=n.printed, diff=word_diff(o.printed, n.printed))
            changes.append(_change(kinds[0], o, n, also=kinds[1:], **extra))
    for o, n, score in pairs.similar:
        lineage[o.id] = n.id
        kinds = kinds_of(o, n, ["modified"])
        extra = _neighbours(o, n, before, after) if "reordered" in kinds else {}
        changes.append(_change("modified", o, n, similarity=score, diff=word_diff(o.text, n.text),
                               also=kinds[1:], **extra))  # fmt: skip
    for o, first, second, score in pairs.splits:
        lineage[o.id] = first.id
        joined = f"{first.text} {second.text}"
        changes.append(_change("split", o, first, new_text=joined, new_ids=[first.id, second.id],
                               similarity=score, diff=word_diff(o.text, joined)))  # fmt: skip
    for n, first, second, score in pairs.merges:
        lineage[first.id] = lineage[second.id] = n.id
        joined = f"{first.text} {second.text}"
        changes.append(_change("merged", first, n, old_text=joined, old_ids=[first.id, second.id],
                               similarity=score, diff=word_diff(joined, n.text)))  # fmt: skip
    for o in pairs.removed:
        lineage[o.id] = None
        changes.append(_change("removed", o, None))
    for n in pairs.added:
        changes.append(_change("added", None, n))
    new_at = {i.id: i.position for i in new_items}
    old_at = {i.id: i.position for i in old_items}
    # Kind, then document order (new side where there is one), then the old side: a total order.
    changes.sort(
        key=lambda c: (KINDS.index(c.kind), new_at.get(c.new_id or "", -1), old_at.get(c.old_id or "", -1))
    )
    lineage = {i.id: lineage.get(i.id) for i in old_items}
    entries = (_section_changes(old_items, new_items, one_to_one, renamed) + _part_heading_changes(old, new)
               + _part_changes(old, new))  # fmt: skip
    summary = {kind: sum(c.kind == kind for c in changes) for kind in KINDS}
    summary["unchanged"] = len(pairs.exact) - sum(
        c.kind in ("renumbered", "moved", "reordered", "markup", "typography") for c in changes
    )
    summary["entries"] = len(entries)
    return DiffResult(
        old=old_label, new=new_label, summary=summary, changes=changes, entries=entries, lineage=lineage
    )


def _neighbours(
    o: _Item, n: _Item, before: dict[int, _Item], after: dict[int, _Item]
) -> dict[str, str | None]:
    prev_old, prev_new = before.get(o.position - 1), after.get(n.position - 1)
    return {"old_after": prev_old.id if prev_old else None, "new_after": prev_new.id if prev_new else None}


def _change(kind: str, o: _Item | None, n: _Item | None, **extra: object) -> Change:
    fields: dict[str, object] = {
        "kind": kind,
        "old_id": o.id if o else None, "new_id": n.id if n else None,
        "old_text": o.text if o else None, "new_text": n.text if n else None,
        "old_section": o.section if o else None, "new_section": n.section if n else None,
    }  # fmt: skip
    return Change(**{**fields, **extra})  # type: ignore[arg-type]


def _section_changes(old_items: list[_Item], new_items: list[_Item], pairs: list[tuple[_Item, _Item]],
                     renamed: dict[str, str]) -> list[EntryChange]:  # fmt: skip
    """Sections added, removed, renamed, and moved among the others."""
    old_titles = list(dict.fromkeys(i.section for i in old_items if i.section))
    new_titles = list(dict.fromkeys(i.section for i in new_items if i.section))
    out = [
        EntryChange(what="section", kind="renamed", key=b, old=b, new=a, old_key=b)
        for b, a in renamed.items()
    ]
    out += [EntryChange(what="section", kind="removed", key=t, old=t)
            for t in old_titles if t not in new_titles and t not in renamed]  # fmt: skip
    out += [EntryChange(what="section", kind="added", key=t, new=t)
            for t in new_titles if t not in old_titles and t not in renamed.values()]  # fmt: skip
    # Section order: each run of statements under a heading is a section instance; an
    # instance pairs with the old run most of its statements came from.
    votes: Counter[tuple[int, int]] = Counter((o.run, n.run) for o, n in pairs
                                              if renamed.get(o.section or "", o.section) == n.section)  # fmt: skip
    run_pairs: dict[int, int] = {}
    taken: set[int] = set()
    for (old_run, new_run), _count in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if new_run not in run_pairs and old_run not in taken:
            run_pairs[new_run] = old_run
            taken.add(old_run)
    titles_old = {i.run: i.section or "(untitled)" for i in old_items}
    titles_new = {i.run: i.section or "(untitled)" for i in new_items}
    ordered = sorted(run_pairs)
    size = Counter(i.run for i in new_items)
    for k in sorted(pairing.out_of_order([run_pairs[r] for r in ordered], [size[r] for r in ordered])):
        new_run, old_run = ordered[k], run_pairs[ordered[k]]
        was = titles_old.get(old_run - 1)
        now = titles_new.get(new_run - 1)
        out.append(EntryChange(what="section", kind="reordered", key=titles_new[new_run],
                               old=f"after '{was}'" if was else "first", new=f"after '{now}'" if now else "first"))  # fmt: skip
    return out


def _part_heading_changes(old: list[Framework], new: list[Framework]) -> list[EntryChange]:
    """NOS part headings ('Knowledge and understanding' …) removed or added: a heading deleted
    changes no statement, and is named for what it is rather than as the section under it."""
    by_unit = max(sum(len(fw.units) for fw in old), sum(len(fw.units) for fw in new)) > 1

    def headings(side: list[Framework]) -> list[tuple[str, str]]:
        return [(f"{u.slug}: {h}" if by_unit else h, " ".join(fold(h).split()))
                for fw in side for u in fw.units for h in u.part_headings]  # fmt: skip

    before, after = headings(old), headings(new)

    def unmatched(side: list[tuple[str, str]], other: list[tuple[str, str]]) -> list[str]:
        """Each occurrence pairs with one on the other side; the rest, in document order."""
        left = Counter(key for _, key in other)
        out = []
        for shown, key in side:
            if left[key] > 0:
                left[key] -= 1
            else:
                out.append(shown)
        return out

    return [EntryChange(what="section", kind="removed", key=h, old=h) for h in unmatched(before, after)] + [
        EntryChange(what="section", kind="added", key=h, new=h) for h in unmatched(after, before)
    ]


def _part_changes(old: list[Framework], new: list[Framework]) -> list[EntryChange]:
    by_unit = max(sum(len(fw.units) for fw in old), sum(len(fw.units) for fw in new)) > 1
    before, after = paragraphs(old, by_unit=by_unit), paragraphs(new, by_unit=by_unit)
    out: list[tuple[tuple[int, int], EntryChange]] = []
    for rank, what in enumerate(WHAT_ORDER):
        a = [p for p in before if p.what == what]
        b = [p for p in after if p.what == what]
        for o, n in _pair_paragraphs(a, b):
            where = (rank, n.position if n else o.position)  # type: ignore[union-attr]
            change = _paragraph_change(what, o, n)
            if change:
                out.append((where, change))
    return [change for _, change in sorted(out, key=lambda t: t[0])]


def _pair_paragraphs(
    a: list[Paragraph], b: list[Paragraph]
) -> list[tuple[Paragraph | None, Paragraph | None]]:
    """Same key first; then the rest by identical text, then by similarity."""
    keyed_b = {p.key: p for p in b if p.key is not None}
    pairs: list[tuple[Paragraph | None, Paragraph | None]] = []
    done_a: set[int] = set()
    done_b: set[int] = set()
    for p in a:
        if p.key is not None and p.key in keyed_b:
            pairs.append((p, keyed_b[p.key]))
            done_a.add(p.position)
            done_b.add(keyed_b[p.key].position)
    rest_a = [p for p in a if p.position not in done_a]
    rest_b = [p for p in b if p.position not in done_b]
    exact = pairing.pair_exact(rest_a, rest_b)
    paired_a, paired_b = {i for i, _ in exact}, {j for _, j in exact}
    left_a = [p for k, p in enumerate(rest_a) if k not in paired_a]
    left_b = [p for k, p in enumerate(rest_b) if k not in paired_b]
    similar = pairing.pair_similar(left_a, left_b)
    pairs += [(rest_a[i], rest_b[j]) for i, j in exact] + [(left_a[i], left_b[j]) for i, j, _ in similar]
    paired_a = {id(o) for o, _ in pairs}
    paired_b = {id(n) for _, n in pairs}
    pairs += [(p, None) for p in a if id(p) not in paired_a] + [(None, p) for p in b if id(p) not in paired_b]
    return pairs


def _paragraph_change(what: str, o: Paragraph | None, n: Paragraph | None) -> EntryChange | None:
    if o is None and n is not None:
        return EntryChange(what=what, kind="added", key=n.label, new=n.text)  # type: ignore[arg-type]
    if n is None and o is not None:
        return EntryChange(what=what, kind="removed", key=o.label, old=o.text)  # type: ignore[arg-type]
    assert o is not None and n is not None
    changed = o.folded != n.folded
    if o.key != n.key or (o.key is None and fold(o.label) != fold(n.label)):
        return EntryChange(what=what, kind="renamed", key=n.label, old_key=o.label, old=o.text, new=n.text,  # type: ignore[arg-type]
                           diff=word_diff(o.text, n.text) if changed else None)  # fmt: skip
    if changed:
        return EntryChange(what=what, kind="modified", key=n.label, old=o.text, new=n.text,  # type: ignore[arg-type]
                           diff=word_diff(o.text, n.text))  # fmt: skip
    return None


def load_sides(
    old: str, new: str, *, corpus_path=None, options=None
) -> tuple[str, list[Framework], str, list[Framework]]:  # noqa: ANN001
    """Both sides of ``cwframe diff OLD NEW``. Two single NOS units read from files are two
    versions of one unit unless their own codes say otherwise: a side whose id came from its
    file name (no code or title in its text, as the bundled units) takes the other side's, so
    ``diff old.txt standards/unit.txt`` shows ``nos/unit/P2``, not ``nos/old/P2 → nos/unit/P2``."""
    from cwframe.corpus import parse_file

    old_label, old_side = load_side(old, corpus_path=corpus_path, options=options)
    new_label, new_side = load_side(new, corpus_path=corpus_path, options=options)
    a, b = _lone_unit(old, old_side), _lone_unit(new, new_side)
    if a is not None and b is not None and a.slug != b.slug:
        if a.code is None and a.title is None:
            old_side = [parse_file(old, "nos", unit=b.slug)]
        elif b.code is None and b.title is None:
            new_side = [parse_file(new, "nos", unit=a.slug)]
    return old_label, old_side, new_label, new_side


def _lone_unit(spec: str, side: list[Framework]) -> Unit | None:
    """The unit, when a side is one NOS unit parsed from a raw document."""
    if Path(spec).suffix.lower() in (".json", ".yaml", ".yml") or not Path(spec).is_file():
        return None
    units = [u for fw in side for u in fw.units]
    return units[0] if len(units) == 1 and len(side) == 1 else None


def load_side(spec: str, *, corpus_path=None, options=None) -> tuple[str, list[Framework]]:  # noqa: ANN001
    """One side of a diff: a raw file (a spreadsheet or CASE package too, read with ``options``), a
    normalised file, a corpus directory, or an id in the corpus."""
    from cwframe.corpus import display_path, load_corpus, parse_file
    from cwframe.errors import InputError

    path = Path(spec)
    if path.exists():
        if path.is_file() and path.suffix.lower() not in (".json", ".yaml", ".yml"):
            return display_path(path), [parse_file(path, options=options)]
        return display_path(path), list(load_corpus(path, options=options).frameworks)
    corpus = load_corpus(corpus_path, options=options)
    if "/" in spec or any(fw.id.value == spec for fw in corpus.frameworks):
        from cwframe.export.select import select

        try:
            chosen = select(corpus, [spec])
        except InputError:
            raise InputError(
                f"'{spec}' is neither a file nor a part of the corpus (nos/key-people, pcf/B, sdf/7 …)"
            ) from None
        return spec, list(chosen.frameworks)
    raise InputError(f"{spec}: no such file or directory")


def load_revision(
    rev: str, path_text: str, *, options=None
) -> tuple[str, list[Framework], str, list[Framework]]:  # noqa: ANN001
    """A file as committed at a git revision, and as it is now (a spreadsheet's or CASE package's
    framework keeps the id it has now, so that its ids pair)."""
    from cwframe import parsers
    from cwframe.corpus import (
        MAX_DOCUMENT_BYTES,
        decode_document,
        display_path,
        parse_file,
        table_from_bytes,
        too_large,
    )
    from cwframe.errors import InputError
    from cwframe.models import ReadOptions

    path = Path(path_text)
    if not path.is_file():
        raise InputError(f"{path_text}: no such file")
    if not _REVISION.match(rev):  # before anything runs git
        raise InputError(f"'{rev}' is not a git revision (a branch, tag, commit or HEAD~1)")
    top, inside = _in_repository(path)
    commit = _resolve_revision(rev, path, top)
    kind = _git(["ls-tree", "-z", commit, "--", inside], top).stdout.split(b" ", 1)[0]
    if kind == b"120000":  # the blob of a link is its target's name, not a document
        raise InputError(f"cannot read {path_text} at {rev}: it was a symbolic link there; give the file it "
                         "points to")  # fmt: skip
    label = f"{display_path(path)}@{rev}"
    size = _git(["cat-file", "-s", f"{commit}:{inside}"], top)  # the size first: never read it whole
    if size.returncode == 0 and int(size.stdout.strip() or 0) > MAX_DOCUMENT_BYTES:
        raise too_large(label, int(size.stdout.strip()))
    shown = _git(["show", f"{commit}:{inside}"], top)
    if shown.returncode != 0:
        message = shown.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["git show failed"]
        raise InputError(f"cannot read {path_text} at {rev}: {message[0]}")
    new = parse_file(path, options=options)
    if new.items:  # a framework of your own
        same = (options or ReadOptions()).model_copy(update={"framework": new.id})
        if path.suffix.lower() in parsers.TABLE_SUFFIXES:
            old = parsers.get("table").parse(table_from_bytes(shown.stdout, label, path.suffix), path=label,
                                             options=same)  # fmt: skip
        else:
            old = parsers.get("case").parse(decode_document(shown.stdout, label), path=label, options=same)
        return label, [old], display_path(path), [new]
    text = decode_document(shown.stdout, label)
    family = new.id.value if parsers.detect(text) is None else parsers.detect(text)
    unit = new.units[0].slug if new.units else None
    old = parsers.get(family).parse(text, path=label, unit=unit)
    return label, [old], display_path(path), [new]


_REVISION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/@{}^~+-]{0,254}$")


def _git(args: list[str], directory: Path):  # noqa: ANN202 - a CompletedProcess
    import subprocess

    from cwframe.errors import InputError

    try:
        return subprocess.run(["git", *args], cwd=directory, capture_output=True, check=False,
                              stdin=subprocess.DEVNULL, timeout=60)  # fmt: skip
    except FileNotFoundError:
        raise InputError("git is not installed; --rev needs git") from None
    except subprocess.TimeoutExpired:
        raise InputError("git took more than a minute; is the repository on a slow disk?") from None


def _in_repository(path: Path) -> tuple[Path, str]:
    """The repository a file is in, and the path git knows the file by there. A symbolic link
    (the file's or a folder's) is followed to the file it points to, which must be in the same
    repository: git is asked for that file, never for another of the link's name."""
    import os

    from cwframe.corpus import display_path
    from cwframe.errors import InputError

    found = _git(["rev-parse", "--show-toplevel"], Path(os.path.abspath(path)).parent)
    if found.returncode != 0:
        raise InputError(
            f"{display_path(path)}: not in a git repository; --rev reads a file's history from git"
        )
    top = Path(os.path.realpath(os.fsdecode(found.stdout.rstrip(b"\n"))))
    target = Path(os.path.realpath(path))
    try:
        inside = target.relative_to(top).as_posix()
    except ValueError:
        raise InputError(f"{display_path(path)}: is a symbolic link to a file outside the git repository; "
                         "--rev reads files of the repository") from None  # fmt: skip
    return top, inside


def _resolve_revision(rev: str, path: Path, top: Path) -> str:
    """The commit a revision names, as 40 hex digits: only that reaches ``git show``.

    A revision comes from a command line a pull request may have written: one that looks
    like an option ('--output=/tmp/x') is refused outright, and the rest is resolved with
    ``--end-of-options`` so git never reads it as anything but a revision.
    """
    from cwframe.corpus import display_path
    from cwframe.errors import InputError

    if not _REVISION.match(rev):  # checked again here: the one door to git for a revision
        raise InputError(f"'{rev}' is not a git revision (a branch, tag, commit or HEAD~1)")
    resolved = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    commit = resolved.stdout.decode("ascii", "replace").strip()
    if resolved.returncode != 0 or not re.fullmatch(r"[0-9a-f]{40,64}", commit):
        shallow = _git(["rev-parse", "--is-shallow-repository"], top).stdout.strip() == b"true"
        if shallow:  # GitHub Actions' checkout fetches one commit unless told otherwise
            raise InputError(
                f"cannot read {display_path(path)} at {rev}: this clone is shallow and {rev} is not in it; "
                "fetch the history first ('fetch-depth: 0' on actions/checkout, or 'git fetch --unshallow')"
            )
        raise InputError(f"cannot read {display_path(path)} at {rev}: no such revision in this repository")
    return commit
