"""``cwframe crosswalk``: map one framework (or part) onto another, explain every match, show a
group matrix, coverage, gaps and level alignment, with the reviews cwframe ships and yours applied.

The domain lives in cwframe.crosswalk (scoring, structure, decisions, the records, the summary);
this module puts a run together: the two sides, the thesaurus, the decisions, the scorer.
"""

from __future__ import annotations

from pathlib import Path

from cwframe.crosswalk import decisions as decided
from cwframe.crosswalk.align import DEFAULT_MIN_SCORE, Source, records, relation
from cwframe.crosswalk.decisions import Decisions, read_decisions
from cwframe.crosswalk.engine import METHODS, Scorer
from cwframe.crosswalk.learn import Learner
from cwframe.crosswalk.model import (
    NO_COUNTERPART,
    Alignment,
    Coverage,
    Crosswalk,
    Decision,
    Evidence,
    GroupCoverage,
    Match,
    Record,
    Relation,
)  # fmt: skip
from cwframe.crosswalk.sides import copies, rows, source_doc, target_docs, thesaurus_for
from cwframe.crosswalk.summary import MATRIX_BANDS, alignment, coverage, group_coverage, group_labels, matrix
from cwframe.errors import InputError
from cwframe.models import Corpus

__all__ = [
    "DEFAULT_MIN_SCORE", "MATRIX_BANDS", "NO_COUNTERPART", "Alignment", "Coverage", "Crosswalk", "Decision",
    "Decisions", "Evidence", "GroupCoverage", "Match", "Record", "Relation", "crosswalk", "read_decisions",
    "relation",
]  # fmt: skip


def crosswalk(corpus: Corpus, source: str, target: str, *, top: int = 3, min_score: float = DEFAULT_MIN_SCORE,
              method: str = "tfidf", kind: str | None = None, level: str | None = None,
              target_kind: str | None = None, target_level: str | None = None,
              decisions: Decisions | None = None, reviews: bool = True, learn: bool = True,
              thesaurus_file: Path | None = None, source_ids: set[str] | None = None,
              learn_from: Decisions | None = None) -> Crosswalk:  # fmt: skip
    """Map SOURCE statements onto TARGET statements.

    Args:
        corpus: the corpus both sides come from.
        source: a framework or part (``nos``, ``pcf/G``, ``sdf/7``).
        target: the framework or part to map onto.
        top: matches per source.
        min_score: suggestions below this score are not shown (reviewed pairs always are).
        method: ``tfidf``, ``semantic`` (the semantic extra) or ``plain``.
        kind: only source statements of this kind; ``level``: at this SDF level.
        target_kind: only targets of this kind; ``target_level``: at this SDF level.
        decisions: your decisions (read_decisions), over the shipped reviews.
        reviews: apply the reviews cwframe ships for this pair of frameworks.
        learn: let every decision (shipped and yours) re-rank the suggestions of the sources nobody
            decided (cwframe.crosswalk.learn).
        thesaurus_file: your own concepts and tiers, added to the bundled thesaurus.
        source_ids: report only these sources (any copy's id); the idf still counts every source,
            so their matches are those of the whole crosswalk (what --gold measures).
        learn_from: decisions to learn from without applying them (measuring how learning does
            on sources as if nobody had decided them; each learns from the others only).
    """
    if method not in METHODS:
        raise InputError(f"unknown method '{method}'; choose one of: {', '.join(METHODS)}")
    if top < 1:
        raise InputError("--top must be at least 1")
    spec = METHODS[method]
    thesaurus = thesaurus_for(corpus, thesaurus_file)
    source_rows = rows(corpus, source, kind, level)
    target_rows = rows(corpus, target, target_kind, target_level, option="--target-")
    canonical = copies(corpus, source_rows[0].framework.value, thesaurus)
    every = [source_doc(r, thesaurus, spec) for r in source_rows]
    targets = target_docs(corpus, target_rows, thesaurus, spec)
    scorer = Scorer.over(every, targets, spec)
    # One source per text and tier: the first copy in the selection, with the others it stands for.
    firsts: dict[str, int] = {}
    others: dict[str, list[str]] = {}
    for i, r in enumerate(source_rows):
        key = canonical[r.id]
        if key in firsts:
            others[key].append(r.id)
        else:
            firsts[key], others[key] = i, []
    wanted = {canonical.get(s, s) for s in source_ids} if source_ids is not None else None
    chosen = [(key, i) for key, i in firsts.items() if wanted is None or key in wanted]
    same: dict[str, set[str]] = {}
    for sid, key in canonical.items():
        same.setdefault(key, {key}).add(sid)
    sources = [Source(every[i], tuple(others[key]), frozenset(same[key])) for key, i in chosen]
    if spec.semantic:
        _embed(scorer, [source_rows[i] for _, i in chosen], target_rows)
    shipped = decided.bundled(source, target) if reviews else {}
    # Verdicts are keyed by the first copy of the whole framework; a record is keyed by its own id.
    every_verdict = decided.verdicts(shipped, decisions or {}, canonical)
    verdicts = {every[i].id: every_verdict[key] for key, i in chosen if key in every_verdict}
    learner = None
    if learn:
        taught = decided.verdicts(learn_from, {}, canonical) if learn_from is not None else every_verdict
        framework_rows = rows(corpus, source_rows[0].framework.value)
        learner = Learner.over([source_doc(r, thesaurus, spec) for r in framework_rows if canonical[r.id] == r.id],
                               taught)  # fmt: skip
    result = records(sources, targets, scorer, verdicts, top=top, min_score=min_score, learner=learner)
    labels = group_labels([source_rows[i] for _, i in chosen])
    matrix_rows, matrix_columns, cells = matrix(result, labels, targets)
    return Crosswalk(
        source=source, target=target, method=method, min_score=min_score, reviews=reviews, records=result,
        matrix_rows=matrix_rows, matrix_columns=matrix_columns, matrix=cells,
        coverage=coverage(result, targets), alignment=alignment(result, [source_rows[i] for _, i in chosen]),
        stale_decisions=_stale(decisions or {}, corpus, source, target),
        groups=group_coverage(result, labels, targets),
    )  # fmt: skip


def _embed(scorer: Scorer, source_rows: list, target_rows: list) -> None:  # noqa: ANN001
    from cwframe.crosswalk.semantic import load

    embed = load()
    shown = [(f"{r.name}. " if r.name else "") + r.text for r in (*source_rows, *target_rows)]
    vectors = embed(shown)
    scorer.embeddings = (
        {r.id: v for r, v in zip(source_rows, vectors, strict=False)},
        vectors[len(source_rows) :],
    )


def _stale(decisions: Decisions, corpus: Corpus, source: str, target: str) -> list[str]:
    """Decisions whose source or target is no longer a statement of SOURCE's or TARGET's framework:
    kept in the file, matching nothing, and said (a renumbered unit would otherwise lose its review
    silently)."""
    if not decisions:
        return []
    from cwframe.statements import iter_statements

    source_fw, target_fw = source.split("/")[0], target.split("/")[0]
    sources = {r.id for r in iter_statements(corpus, source_fw)}
    targets = {r.id for r in iter_statements(corpus, target_fw)}
    out = []
    for (sid, tid), d in sorted(decisions.items()):
        if not sid.startswith(source_fw + "/") or (tid and not tid.startswith(target_fw + "/")):
            continue  # a decision for another crosswalk kept in the same file
        missing = [x for x, known in ((sid, sources), (tid, targets)) if x and x not in known]
        if missing:
            out.append(f"{d.decision} {sid} → {tid or '(none)'}: no statement {' or '.join(missing)} in "
                       f"{source_fw} → {target_fw}; the decision matches nothing")  # fmt: skip
    return out
