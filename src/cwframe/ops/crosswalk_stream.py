"""``cwframe crosswalk --source-corpus DIR``: a directory-sized source, streamed, on every core.

The source's search index (built if needed) holds each distinct text once with the
place of its first statement; the texts are read in ranges of doc numbers by worker
processes, twice: once for document frequencies (summed here), once to score each
text against the targets, keeping its top matches. Results come back in doc order,
so the output is the same whatever the number of workers; memory is bounded by the
targets plus the ranges in flight.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cwframe.crosswalk.align import DEFAULT_MIN_SCORE, match
from cwframe.crosswalk.engine import METHODS, Scorer, make_doc
from cwframe.crosswalk.model import Frozen, Match
from cwframe.crosswalk.sides import rows, target_docs, thesaurus_for, tier_of
from cwframe.models import Corpus
from cwframe.workers import in_order

RANGE = 2_000  # distinct texts per job: large enough to amortise sending, small enough to stream
_SOURCE = ("SELECT d.id, d.text, d.members, m.heading, m.section, m.topic, m.unit, m.framework, m.category, m.level "
           "FROM docs d JOIN members m ON m.doc = d.id "
           "WHERE d.id >= ? AND d.id < ? AND m.kind != 'glossary' GROUP BY d.id ORDER BY d.id")  # fmt: skip


class StreamRecord(Frozen):
    """One distinct source text of a large corpus: how many statements say it, a few of their ids, its matches."""

    text: str
    statements: int
    ids: list[str]
    matches: list[Match]


@dataclass(frozen=True, slots=True)
class StreamLine:
    """A StreamRecord as its workers wrote it: its JSON line, and what the totals need.

    Workers send JSON, not models: a pydantic record costs ~150 µs to pickle and unpickle
    between processes, and a directory has 1.6 million of them (measured; a JSON string
    costs 2 µs). ``record()`` parses it into a StreamRecord for code that wants one."""

    json: str
    statements: int
    target_ids: tuple[str, ...]

    def record(self) -> StreamRecord:
        return StreamRecord.model_validate_json(self.json)


class StreamSummary(Frozen):
    """Totals of a streamed crosswalk."""

    distinct_texts: int
    statements: int
    statements_matched: int
    targets_reached: int
    targets: int


# What every worker needs, set before the workers fork (so it is shared, not sent).
_JOB: dict = {}


def _source_docs(start: int, stop: int) -> Iterator[tuple[int, int, object]]:
    """(doc number, statements, scoring doc) of the distinct texts in [start, stop)."""
    if "db" not in _JOB:  # one connection per process: a connection must not cross a fork
        _JOB["db"] = sqlite3.connect(f"file:{_JOB['index'] / 'meta.sqlite'}?mode=ro", uri=True)
    thesaurus, spec = _JOB["thesaurus"], _JOB["spec"]
    for doc_id, text, members, heading, section, topic, unit, framework, category, level in _JOB[
        "db"
    ].execute(_SOURCE, (start, stop)):
        tier = tier_of(thesaurus, framework=framework, unit=unit, category=category, level=level)
        doc = make_doc(id=str(doc_id), framework=framework, text=text, heading=heading, section=section,
                       topic=topic, level=level, tier=tier, thesaurus=thesaurus, method=spec)  # fmt: skip
        yield doc_id, members, doc


def _frequencies(span: tuple[int, int]) -> Counter[str]:
    """Worker, pass 1: in how many of these texts each term appears."""
    df: Counter[str] = Counter()
    for _, _, doc in _source_docs(*span):
        df.update(set(doc.terms))
    return df


def _scored(span: tuple[int, int]) -> list[StreamLine]:
    """Worker, pass 2: each text's top matches."""
    scorer, targets, top, min_score = _JOB["scorer"], _JOB["targets"], _JOB["top"], _JOB["min_score"]
    out = []
    for doc_id, members, doc in _source_docs(*span):
        found = [m for m in scorer.score(doc, top) if m[0] >= min_score]
        matches = [
            match(doc, targets[i], score, sentence, terms, rules)
            for score, i, sentence, terms, rules in found
        ]
        ids = [
            r[0]
            for r in _JOB["db"].execute(
                "SELECT sid FROM members WHERE doc = ? ORDER BY seq LIMIT 5", (doc_id,)
            )
        ]
        record = StreamRecord(text=doc.text, statements=members, ids=ids, matches=matches)
        out.append(StreamLine(record.model_dump_json(), members, tuple(m.id for m in matches)))
    return out


def crosswalk_stream(source_path: Path, corpus: Corpus, target: str, *, top: int = 3, min_score: float = DEFAULT_MIN_SCORE,
                     target_kind: str | None = None, target_level: str | None = None, thesaurus_file: Path | None = None,
                     progress=None, summary: list[StreamSummary] | None = None,
                     workers: int | None = None) -> Iterator[StreamLine]:  # noqa: ANN001  # fmt: skip
    """Crosswalk a corpus too large for models (e.g. the whole NOS directory) onto TARGET, streaming.

    Yields a StreamLine (a StreamRecord as JSON) per distinct text, in the index's order; appends the totals to
    ``summary``; calls ``progress(done, total)`` over both passes (texts read twice).
    """
    from cwframe.search.index import Source, ensure

    _JOB.clear()
    _JOB.update(
        spec=METHODS["tfidf"], thesaurus=thesaurus_for(corpus, thesaurus_file), top=top, min_score=min_score
    )
    _JOB["index"] = ensure(Source.of(source_path), progress=progress)
    db = sqlite3.connect(f"file:{_JOB['index'] / 'meta.sqlite'}?mode=ro", uri=True)
    total = db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
    db.close()
    spans = [(start, min(start + RANGE, total)) for start in range(0, total, RANGE)]
    target_rows = rows(corpus, target, target_kind, target_level, option="--target-")
    targets = target_docs(corpus, target_rows, _JOB["thesaurus"], _JOB["spec"])
    df: Counter[str] = Counter()
    for done, part in enumerate(in_order(_frequencies, spans, workers=workers), start=1):  # pass 1
        df.update(part)
        if progress:
            progress(spans[done - 1][1], 2 * total)
    for t in targets:
        df.update(set(t.terms))
    _JOB.update(scorer=Scorer(targets, _JOB["spec"], df, total + len(targets)), targets=targets)
    reached: set[str] = set()
    statements = matched = 0
    for done, records in enumerate(in_order(_scored, spans, workers=workers), start=1):  # pass 2
        for line in records:
            reached.update(line.target_ids)
            statements += line.statements
            matched += line.statements if line.target_ids else 0
            yield line
        if progress:
            progress(total + spans[done - 1][1], 2 * total)
    if "db" in _JOB:
        _JOB.pop("db").close()
    if summary is not None:
        summary.append(StreamSummary(distinct_texts=total, statements=statements, statements_matched=matched,
                                     targets_reached=len(reached), targets=len(targets)))  # fmt: skip
