"""``cwframe search``, ``cwframe similar`` and ``cwframe define``: ranked look-ups over the index.

Results are plain dataclasses, not pydantic models: this path must start fast
(see docs/decisions.md), and it never loads the corpus into models.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cwframe.errors import InputError
from cwframe.search import engine
from cwframe.search.index import Progress, Source, ensure

FILTERS = ("framework", "unit", "kind", "level", "category", "heading", "section")
# What a damaged index file raises on opening or on a query that reaches the damage:
# SQLite's error, tantivy's ValueError (a FilterError, also a ValueError, is caught first).
DAMAGED = (sqlite3.DatabaseError, ValueError)


def open_index(
    corpus: Path | None, *, rebuild: bool = False, progress: Progress | None = None, options: str = ""
) -> engine.Index:
    """An up-to-date index for a corpus (the bundled one when None), building it if needed;
    ``options``: how to read it when it is a spreadsheet or CASE package (ReadOptions as JSON).

    When the cache directory cannot be used (read-only, full, not a directory), the index
    is built in a temporary directory instead and ``index.note`` says so.
    """
    source = Source.of(_corpus_path(corpus), options)
    try:
        try:
            index = engine.Index(ensure(source, progress=progress, rebuild=rebuild))
        except DAMAGED:  # a file of the index is unreadable: built again
            index = engine.Index(ensure(source, progress=progress, rebuild=True))
    except OSError as exc:
        import atexit
        import shutil
        import tempfile

        from cwframe.search.index import cache_dir

        temporary = Path(tempfile.mkdtemp(prefix="cwframe-index-"))
        atexit.register(shutil.rmtree, temporary, ignore_errors=True)
        index = engine.Index(ensure(source, progress=progress, rebuild=True, directory=temporary))
        reason = getattr(exc, "strerror", None) or str(exc)
        index.note = (f"warning: cannot use the index cache {cache_dir()} ({reason}); searched with a temporary "
                      "index (set CWFRAME_CACHE_DIR to a writable directory to keep it)")  # fmt: skip
    return index


def query_index(
    corpus: Path | None,
    query,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,  # noqa: ANN001, ANN201
    options: str = "",
):
    """``query(index)`` on an up-to-date index; a damaged index file is rebuilt and the query run again.

    (A damaged file may still pass the freshness check, which reads one row: the damage
    shows only when a query reaches it.) A filter value no statement has is an InputError.
    """
    index = open_index(corpus, rebuild=rebuild, progress=progress, options=options)
    try:
        try:
            return index, query(index)
        except engine.FilterError:
            raise
        except DAMAGED:
            index.close()
            index = open_index(corpus, rebuild=True, progress=progress, options=options)
            return index, query(index)
    except engine.FilterError as error:
        raise InputError(str(error)) from None


def _corpus_path(corpus: Path | None) -> Path:
    if corpus is None:
        from cwframe.locations import bundled_corpus_path

        corpus = bundled_corpus_path()
        if not corpus.is_file():
            raise InputError("the bundled corpus is missing; run 'cwframe build' in the source tree")
    elif not corpus.exists():
        raise InputError(f"{corpus}: no such file or directory")
    return corpus


def clean_filters(filters: dict[str, str | None]) -> dict[str, str]:
    """Drop unset filters; accept 'sdf/4/5'-style levels as the id form '4-5'."""
    out = {k: v.strip() for k, v in filters.items() if v is not None and v.strip()}
    if "level" in out:
        out["level"] = out["level"].replace("/", "-").removeprefix("level ").strip()
    unknown = set(out) - set(FILTERS)
    if unknown:
        raise InputError(f"unknown filter {sorted(unknown)[0]!r}; use one of: {', '.join(FILTERS)}")
    return out


def search(index: engine.Index, query: str, *, limit: int = 20, filters: dict[str, str] | None = None,
           collapse: bool = True, also_in: int | None = None, semantic: bool = False) -> engine.SearchResult:  # fmt: skip
    """Ranked statements, capabilities, skills and glossary entries for a query.

    Args:
        index: from :func:`open_index`.
        query: words, "quoted phrases" and prefix* terms; misspellings are corrected.
        limit: how many hits at most.
        filters: column -> value, see FILTERS.
        collapse: show statements repeated word for word once, with ``also_in``.
        also_in: list at most this many other places per collapsed hit (``also_in_count``
            still counts them all); None lists every one.
        semantic: let meaning bring statements in (search/vectors.py) and re-rank the best hits
            by it (search/rerank.py); needs the semantic extra.
    """
    if not query.strip():
        raise InputError("empty query; give some words, e.g. cwframe search attachment")
    if limit < 1:
        raise InputError("--limit must be at least 1")
    from cwframe.search import ranking

    if not semantic:
        return ranking.search(
            index, query, limit=limit, filters=filters or {}, collapse=collapse, also_in=also_in
        )
    from cwframe.meaning import load
    from cwframe.search.rerank import POOL, rerank
    from cwframe.search.vectors import Meaning, parts

    on = parts()
    embedder = load("--semantic")  # before searching: a missing extra is said at once
    meaning = Meaning(index, embedder, index.allowed_docs(filters or {}), on)
    found = ranking.search(index, query, limit=max(limit, POOL), filters=filters or {}, collapse=collapse,
                           also_in=also_in, meaning=meaning)  # fmt: skip
    found.semantic = sorted(meaning.on)  # the parts used
    if "rerank" not in on:
        return dataclasses.replace(found, hits=found.hits[:limit])
    return rerank(found, embedder, limit)  # the best POOL, by words and meaning, re-ranked by meaning


def similar(index: engine.Index, item_id: str, *, limit: int = 10, filters: dict[str, str] | None = None,
            also_in: int | None = None) -> engine.SearchResult:  # fmt: skip
    """Statements most like a given one ('more like this'), across all frameworks;
    ``also_in`` as for :func:`search`."""
    doc, member = _find(index, item_id)
    text = index.doc_texts([doc])[doc]
    terms = _characteristic_terms(index, text)
    if not terms:
        return engine.SearchResult(f"like {member}", [], {}, [])
    from cwframe.search.ranking import ranking_score

    like = index.excluding(engine.any_of([index.term_query(t) for t in terms]), {doc})  # not the same text
    ranked = [(d, ranking_score(s)) for d, s in index.rank(like, limit, index.allowed_docs(filters or {}))]
    found = engine.hits(
        index, ranked, {s for t in terms for s in t.stems}, filters or {}, True, limit, also_in
    )
    return engine.SearchResult(f"like {member}", found, {}, [])


def _find(index: engine.Index, item_id: str) -> tuple[int, str]:
    wanted = item_id.strip().strip("/")
    row = index.db.execute("SELECT doc, sid FROM members WHERE sid = ?", (wanted,)).fetchone()
    if row is None:  # ids are matched case-insensitively too, by a scan, only when the exact one is missing
        row = index.db.execute(
            "SELECT doc, sid FROM members WHERE sid = ? COLLATE NOCASE", (wanted,)
        ).fetchone()
    if row:
        return row[0], row[1]
    from rapidfuzz import fuzz, process

    # Only on a miss: the closest ids of the same framework (a bounded read on a large corpus).
    framework = wanted.split("/", 1)[0]
    known = [
        r[0]
        for r in index.db.execute(
            "SELECT sid FROM members WHERE sid LIKE ? ESCAPE '\\' LIMIT 200000",
            (engine.like_literal(framework) + "/%",),
        )
    ]
    close = process.extract(wanted, known, scorer=fuzz.ratio, limit=3, score_cutoff=60)
    hint = f"; did you mean {', '.join(repr(c[0]) for c in close)}?" if close else ""
    raise InputError(f"no statement has the id '{item_id}'{hint}")


def _characteristic_terms(index: engine.Index, text: str, most: int = 12) -> list[engine.Term]:
    """The statement's own words that say most about it: highest tf·idf, stop words aside."""
    import math

    from cwframe.search.analyse import words

    counts: dict[str, float] = {}
    for w in words(text):
        if w in engine.STOP_WORDS:
            continue
        s = index.stem_of(w)
        if s:
            counts[s] = counts.get(s, 0) + 1
    scored = []
    for s, tf in counts.items():
        df = index.doc_freq(s)
        if df:
            scored.append((tf * math.log(1 + index.docs / df), s))
    scored.sort(reverse=True)
    return [engine.Term(s, (s,)) for _, s in scored[:most]]


@dataclass
class Definition:
    """A glossary entry matching a term."""

    id: str
    framework: str
    term: str
    definition: str
    score: float
    source: dict[str, object]
    also_in: list[str]


def define(index: engine.Index, term: str, *, limit: int = 10) -> list[Definition]:
    """Definitions of a term from every framework that defines it (fuzzy on the term)."""
    if not term.strip():
        raise InputError("empty term; e.g. cwframe define 'key people'")
    from rapidfuzz import fuzz, process

    from cwframe.search.analyse import fold

    rows = index.db.execute(
        "SELECT m.doc, m.sid, m.framework, m.name, d.text, m.file, m.line FROM members m JOIN docs d ON d.id = m.doc "
        "WHERE m.kind = 'glossary' AND m.name IS NOT NULL ORDER BY m.seq"
    ).fetchall()
    names = {i: fold(r[3]) for i, r in enumerate(rows)}
    matches = process.extract(fold(term), names, scorer=fuzz.WRatio, score_cutoff=80, limit=None)
    by_doc: dict[int, Definition] = {}
    for _, score, i in sorted(matches, key=lambda m: (-m[1], m[2])):
        doc, sid, framework, name, text, file, line = rows[i]
        if doc in by_doc:  # the same definition in several units: one entry, also_in the others
            by_doc[doc].also_in.append(sid)
            continue
        by_doc[doc] = Definition(
            sid, framework, name, text, round(score / 100, 3), {"file": file, "line": line}, []
        )
    return list(by_doc.values())[:limit]
