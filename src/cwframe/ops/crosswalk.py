"""``cwframe crosswalk``: map one framework (or part) onto another, explain every match,
show a group matrix, coverage, gaps and level alignment; read reviewers' decisions back."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from cwframe.crosswalk.engine import METHODS, Doc, Scorer, Thesaurus, make_doc
from cwframe.crosswalk.structure import LEVEL_ORDER, sdf_families, tier_levels
from cwframe.errors import InputError
from cwframe.export.select import select
from cwframe.models import Corpus
from cwframe.statements import iter_statements

Relation = Literal["strong match", "related", "weak"]
# How often each label is an accepted pair is measured in docs/crosswalk.md ("Labels").
STRONG, RELATED = 0.40, 0.30
DEFAULT_MIN_SCORE = 0.10  # below: "no match"; the labels say how far to trust what is shown


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Evidence(_Frozen):
    """Why two statements match: shared words, shared concepts, the sentence that matched, level."""

    terms: list[str]
    concepts: list[str]
    sentence: str | None = None
    level_aligned: bool | None = None
    rules: list[str] = []  # the structural rules that moved this match (level, kind)


class Match(_Frozen):
    """One target proposed for a source statement."""

    id: str
    framework: str
    text: str
    name: str | None = None
    group: str | None = None
    level: str | None = None
    score: float
    relation: Relation
    evidence: Evidence
    reviewed: bool = False
    note: str | None = None


class Record(_Frozen):
    """A source statement and its matches (empty: no counterpart above the threshold)."""

    id: str
    framework: str
    text: str
    group: str | None = None
    matches: list[Match]
    no_counterpart: bool = False  # a reviewer decided the target has no counterpart
    note: str | None = None


class Coverage(_Frozen):
    """How much of each side the other reaches."""

    sources_matched: int
    sources: int
    targets_reached: int
    targets: int
    unmatched_sources: list[str]
    unreached_targets: list[str]

    @property
    def source_percent(self) -> float:
        return 100 * self.sources_matched / max(self.sources, 1)

    @property
    def target_percent(self) -> float:
        return 100 * self.targets_reached / max(self.targets, 1)


class GroupCoverage(_Frozen):
    """How many statements of one group (on either side) have a strong or related counterpart."""

    side: Literal["source", "target"]
    group: str
    covered: int
    total: int


class Alignment(_Frozen):
    """Which target level a source part's best matches fall on."""

    source: str
    best_level: str | None
    counts: dict[str, int]


class Crosswalk(_Frozen):
    """The whole result."""

    source: str
    target: str
    method: str
    min_score: float
    records: list[Record]
    matrix_rows: list[str]
    matrix_columns: list[str]
    matrix: list[list[float]]
    coverage: Coverage
    alignment: list[Alignment]
    stale_decisions: list[str] = []  # decisions naming a statement that no longer exists, said in words
    groups: list[GroupCoverage] = []


NO_COUNTERPART = "no counterpart"


class Decision(_Frozen):
    """A reviewer's decision on one pair, or (``no counterpart``, empty target) on a source."""

    source: str
    target: str = ""
    decision: Literal["accept", "reject", "no counterpart"]
    relation: Relation | None = None
    note: str | None = None


def read_decisions(path: Path) -> dict[tuple[str, str], Decision]:
    """Decisions from CSV (source,target,decision[,relation][,note]), YAML/JSON (a list of the same)
    or a filled review workbook (``crosswalk -f xlsx``)."""
    from pydantic import ValidationError

    from cwframe.corpus import read_data, read_text

    if path.suffix.lower() == ".xlsx":
        from cwframe.crosswalk.review import read_workbook

        return {(d.source, d.target): d for d in read_workbook(path)}
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        rows = read_data(path)
    else:
        try:
            rows = list(csv.DictReader(read_text(path).splitlines()))
        except csv.Error as exc:  # a field over csv's 131,072-character limit, a stray NUL …
            raise InputError(f"{path}: not a decisions CSV ({exc})") from None
    if rows is not None and not isinstance(rows, list):
        raise InputError(
            f"{path}: expected a list of decisions (source, target, decision: accept|reject|no counterpart)"
        )
    out = {}
    for n, row in enumerate(rows or [], start=2):
        try:
            decision = Decision.model_validate({k: v for k, v in row.items() if v not in (None, "")})
        except (ValidationError, AttributeError) as exc:
            raise InputError(f"{path}: entry {n - 1}: {exc.errors()[0]['msg'] if isinstance(exc, ValidationError) else 'not a mapping'}"
                             " (need source, target, decision: accept|reject|no counterpart)") from None  # fmt: skip
        out[(decision.source, decision.target)] = decision
    return out


def _tier(
    thesaurus: Thesaurus, *, framework: str, unit: str | None, category: str | None, level: str | None
) -> str | None:
    """Where a source statement sits on the SDF's levels (the thesaurus's tiers; an SDF level is its own)."""
    if category:
        return thesaurus.tiers.get(f"pcf/{category}")
    if unit:
        return thesaurus.tiers.get(f"nos/{unit}") or thesaurus.tiers.get("nos")
    if level:
        return level
    return thesaurus.tiers.get(framework)


def _doc(
    row, thesaurus: Thesaurus, method, *, target: bool = False, families: dict[str, str] | None = None
) -> Doc:  # noqa: ANN001
    """A scoring doc from a flat statement row (``families``: family keys the id cannot tell)."""
    framework = row.framework.value
    tier = (
        None
        if target
        else _tier(thesaurus, framework=framework, unit=row.unit, category=row.category, level=row.level)
    )
    return make_doc(id=row.id, framework=framework, text=row.text, name=row.name, heading=row.heading,
                    section=row.section, topic=row.topic, level=row.level, tier=tier, thesaurus=thesaurus,
                    method=method, target=target, kind=row.kind.value,
                    family=(families or {}).get(row.id))  # fmt: skip


def _rows(corpus: Corpus, spec: str, kind: str | None, level: str | None, *, option: str = "--"):  # noqa: ANN202
    try:
        part = select(corpus, [spec])
    except InputError:
        raise InputError(
            f"'{spec}' is not a framework or part: use nos, pcf, sdf, nos/key-people, pcf/G, sdf/7 …"
        ) from None
    every = list(iter_statements(part))
    rows = [r for r in every if (kind is None or r.kind.value == kind)]
    if kind is not None and not rows:
        kinds = sorted({r.kind.value for r in every})
        raise InputError(
            f"{option}kind '{kind}' matches nothing in '{spec}'; its kinds are: {', '.join(kinds)}"
        )
    if level:
        rows = [r for r in rows if r.level == level.replace("/", "-")]
        if not rows:
            levels = sorted({r.level for r in every if r.level})
            raise InputError(f"{option}level '{level}' matches nothing in '{spec}'; "
                             + (f"its levels are: {', '.join(levels)}" if levels else "it has no SDF levels"))  # fmt: skip
    return rows


def relation(score: float) -> Relation:
    return "strong match" if score >= STRONG else "related" if score >= RELATED else "weak"


def crosswalk(corpus: Corpus, source: str, target: str, *, top: int = 3, min_score: float = DEFAULT_MIN_SCORE,
              method: str = "tfidf", kind: str | None = None, level: str | None = None,
              target_kind: str | None = None, target_level: str | None = None,
              decisions: dict[tuple[str, str], Decision] | None = None, thesaurus_file: Path | None = None,
              source_ids: set[str] | None = None) -> Crosswalk:  # fmt: skip
    """Map SOURCE statements onto TARGET statements (see module docstring)."""
    if method not in METHODS:
        raise InputError(f"unknown method '{method}'; choose one of: {', '.join(METHODS)}")
    if top < 1:
        raise InputError("--top must be at least 1")
    spec = METHODS[method]
    thesaurus = Thesaurus.load(thesaurus_file)
    every_source = _rows(corpus, source, kind, level)
    target_rows = _rows(corpus, target, target_kind, target_level, option="--target-")
    families = {k: v for fw in corpus.frameworks if fw.id.value == "sdf" for k, v in sdf_families(fw).items()}
    every_doc = [_doc(r, thesaurus, spec) for r in every_source]
    # source_ids picks the records to score and report; the idf still counts every source,
    # so their matches are the ones the whole crosswalk gives (what --gold must measure).
    chosen = [i for i, r in enumerate(every_source) if source_ids is None or r.id in source_ids]
    source_rows = [every_source[i] for i in chosen]
    sources = [every_doc[i] for i in chosen]
    targets = [_doc(r, thesaurus, spec, target=True, families=families) for r in target_rows]
    for doc, row in zip(targets, target_rows, strict=True):
        if doc.level is None and row.category:  # PCF categories sit on the same scale as SDF levels
            doc.level = thesaurus.tiers.get(f"pcf/{row.category}")
        elif doc.level is None and row.id.startswith("sdf/yps/"):
            doc.level = thesaurus.tiers.get("sdf/yps")
    scorer = Scorer.over(every_doc, targets, spec)
    if spec.semantic:
        from cwframe.crosswalk.semantic import load

        embed = load()
        shown = [(f"{r.name}. " if r.name else "") + r.text for r in (*source_rows, *target_rows)]
        vectors = embed(shown)
        scorer.embeddings = (
            {r.id: v for r, v in zip(source_rows, vectors, strict=False)},
            vectors[len(source_rows) :],
        )
    by_id = {t.id: i for i, t in enumerate(targets)}
    decisions = decisions or {}
    accepted: dict[str, list[str]] = defaultdict(list)  # source -> targets a reviewer accepted
    for (sid, tid), decision in decisions.items():
        if decision.decision == "accept" and tid in by_id:
            accepted[sid].append(tid)
    records = []
    for doc in sources:
        found = scorer.score(doc, max(top * 4, 20))
        matches = []
        for score, i, sentence, terms, rules in found:
            t = targets[i]
            decision = decisions.get((doc.id, t.id))
            if decision and decision.decision == "reject":
                continue
            if score < min_score and not decision:
                continue
            matches.append(_match(doc, t, score, sentence, terms, decision, rules))
        # Accepted pairs the scorer did not rank still show, with the score the pair has on its own.
        for tid in accepted.get(doc.id, ()):
            if all(m.id != tid for m in matches):
                score, i, sentence, terms, rules = scorer.pair(doc, by_id[tid])
                decision = decisions[(doc.id, tid)]
                matches.append(_match(doc, targets[i], score, sentence, terms, decision, rules))
        matches.sort(key=lambda m: (not m.reviewed, -m.score, m.id))
        verdict = decisions.get((doc.id, ""))
        none_there = verdict is not None and verdict.decision == NO_COUNTERPART
        records.append(Record(id=doc.id, framework=doc.framework, text=doc.text, group=doc.group,
                              matches=[] if none_there else matches[:top], no_counterpart=none_there,
                              note=verdict.note if verdict else None))  # fmt: skip
    rows, cols, matrix = _matrix(records, source_rows, targets)
    return Crosswalk(
        source=source, target=target, method=method, min_score=min_score, records=records,
        matrix_rows=rows, matrix_columns=cols, matrix=matrix,
        coverage=_coverage(records, targets), alignment=_alignment(records, source_rows),
        stale_decisions=_stale(decisions, corpus, source, target), groups=_group_coverage(records, source_rows, targets),
    )  # fmt: skip


def _group_coverage(records: list[Record], source_rows: list, targets: list[Doc]) -> list[GroupCoverage]:  # noqa: ANN001
    """Per group, both sides: statements with a strong or related counterpart (reviewed pairs count)."""
    label = {r.id: (f"{_place(r)} · " if r.unit or r.category else "") + (r.section or r.heading or "(none)")
             for r in source_rows}  # fmt: skip
    out = []
    for group, members in _grouped((label[r.id], r) for r in records):
        covered = sum(1 for r in members if any(_counterpart(m) for m in r.matches))
        out.append(GroupCoverage(side="source", group=group, covered=covered, total=len(members)))
    reached = {m.id for r in records for m in r.matches if _counterpart(m)}
    for group, members in _grouped(
        ((f"level {t.level} · " if t.level else "") + (t.group or "(none)"), t) for t in targets
    ):
        out.append(GroupCoverage(side="target", group=group, covered=sum(1 for t in members if t.id in reached),
                                 total=len(members)))  # fmt: skip
    return out


def _grouped(pairs) -> list[tuple[str, list]]:  # noqa: ANN001
    groups: dict[str, list] = {}
    for key, item in pairs:
        groups.setdefault(key, []).append(item)
    return list(groups.items())


def _stale(decisions: dict[tuple[str, str], Decision], corpus: Corpus, source: str, target: str) -> list[str]:
    """Decisions whose source or target is no longer a statement of SOURCE or TARGET: kept in the
    file, matching nothing, and said (a renumbered unit would otherwise lose its review silently)."""
    if not decisions:
        return []
    sources = {r.id for r in iter_statements(select(corpus, [source]))}
    targets = {r.id for r in iter_statements(select(corpus, [target]))}
    out = []
    source_fw, target_fw = source.split("/")[0] + "/", target.split("/")[0] + "/"
    for (sid, tid), d in sorted(decisions.items()):
        if not sid.startswith(source_fw) or (tid and not tid.startswith(target_fw)):
            continue  # a decision for another crosswalk kept in the same file
        missing = [x for x, known in ((sid, sources), (tid, targets)) if x and x not in known]
        if missing:
            out.append(f"{d.decision} {sid} → {tid or '(none)'}: no statement {' or '.join(missing)} in "
                       f"{source} → {target}; the decision matches nothing")  # fmt: skip
    return out


def _match(
    doc: Doc,
    t: Doc,
    score: float,
    sentence: str | None,
    terms: list[str],
    decision: Decision | None,
    rules: tuple[str, ...] = (),
) -> Match:
    words = [doc.surface.get(x, x) for x in terms if not x.startswith("§")][:6]
    concepts = [x[1:] for x in terms if x.startswith("§")][:4]
    aligned = None if not (doc.tier and t.level in LEVEL_ORDER) else t.level in tier_levels(doc.tier)
    rel = decision.relation if decision and decision.relation else relation(score)
    return Match(
        id=t.id, framework=t.framework, text=t.text, name=t.name, group=t.group, level=t.level, score=round(score, 3),
        relation=rel, evidence=Evidence(terms=words, concepts=concepts, sentence=sentence, level_aligned=aligned,
                                        rules=list(rules)),
        reviewed=decision is not None and decision.decision == "accept", note=decision.note if decision else None,
    )  # fmt: skip


# A matrix cell's share, in bands the reports shade alike (legend in every format).
MATRIX_BANDS = (0.0, 0.25, 0.5, 0.75)


def _place(row) -> str:  # noqa: ANN001 - a StatementRow
    """The part a statement belongs to, to tell apart groups of the same name ('Rights' in every unit)."""
    return row.unit or (f"category {row.category}" if row.category else None) or (
        f"level {row.level}" if row.level else row.framework.value)  # fmt: skip


def _matrix(
    records: list[Record], source_rows: list, targets: list[Doc]
) -> tuple[list[str], list[str], list[list[float]]]:  # noqa: ANN001
    """Rows: source groups (named with their unit or category where a name repeats); columns: target
    groups; a cell: the share of the row's statements whose best strong or related match lands in the
    column's group."""
    titles: dict[str, set[str]] = defaultdict(set)
    for row in source_rows:
        titles[row.section or row.heading or "(none)"].add(_place(row))
    label = {}
    for row in source_rows:
        title = row.section or row.heading or "(none)"
        label[row.id] = f"{_place(row)} · {title}" if len(titles[title]) > 1 else title
    rows = list(dict.fromkeys(label[r.id] for r in source_rows))
    cols = list(dict.fromkeys(d.group or "(none)" for d in targets))
    sizes = Counter(label[r.id] for r in records)
    landed: Counter[tuple[str, str]] = Counter()
    for r in records:
        best = next((m for m in r.matches if m.relation in ("strong match", "related")), None)
        if best is not None:
            landed[(label[r.id], best.group or "(none)")] += 1
    return rows, cols, [[round(landed[(a, b)] / max(sizes[a], 1), 3) for b in cols] for a in rows]


def _counterpart(m: Match) -> bool:
    """A match that counts for coverage: strong or related, or accepted by a reviewer (weak ones are
    suggestions to check, not counterparts)."""
    return m.reviewed or m.relation in ("strong match", "related")


def _coverage(records: list[Record], targets: list[Doc]) -> Coverage:
    reached = {m.id for r in records for m in r.matches if _counterpart(m)}
    matched = [r for r in records if any(_counterpart(m) for m in r.matches)]
    ids = {r.id for r in matched}
    return Coverage(
        sources_matched=len(matched), sources=len(records),
        targets_reached=sum(1 for t in targets if t.id in reached), targets=len(targets),
        unmatched_sources=[r.id for r in records if r.id not in ids],
        unreached_targets=[t.id for t in targets if t.id not in reached],
    )  # fmt: skip


def _alignment(records: list[Record], source_rows) -> list[Alignment]:  # noqa: ANN001
    part_of = {r.id: (f"pcf/{r.category}" if r.category else f"nos/{r.unit}" if r.unit else r.framework.value)
               for r in source_rows}  # fmt: skip
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        if r.matches and r.matches[0].level:
            counts[part_of[r.id]][r.matches[0].level] += 1
    out = []
    for part in dict.fromkeys(part_of.values()):
        c = counts.get(part, Counter())
        ordered = {lv: c[lv] for lv in LEVEL_ORDER if c[lv]}
        out.append(
            Alignment(
                source=part, best_level=max(ordered, key=ordered.get) if ordered else None, counts=ordered
            )
        )
    return [a for a in out if a.counts]
