"""The query side: parse a query, find its terms, rank top-k without scoring every match.

Postings are impact-ordered (see index.py), so the engine reads lists from the
head in rounds of growing depth and stops as soon as no unread entry could
enter the top k: the "no random access" threshold algorithm (Fagin et al.). Each
matched query term adds a constant ``ALL_TERMS_BONUS`` on top of its BM25
impact, so documents that match more of the query's terms always rank first
while the sum stays monotone, which is what the threshold test needs.
"""

from __future__ import annotations

import array
import heapq
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cwframe.search.analyse import fold, word_spans, words
from cwframe.search.index import MEMBER_COLUMNS, SCALE

ALL_TERMS_BONUS = 1_000_000  # in stored impact units (× SCALE); larger than any BM25 sum
FIRST_DEPTH = 64
MAX_DEPTH = 1 << 20  # per list; beyond this the answer is the best found so far
PREFIX_EXPANSIONS = 30
FAMILY_WEIGHT = 0.6  # a related word form counts for less than the word itself
# Endings that make another word of the same family once the stemmer has split them.
DERIVATIONAL_ENDINGS = frozenset(
    "cy cies te tes ted ting tion tions ce ces t ts sm st sts ism ist ists ise ised ising ize ized izing "
    "ity ities al ally ic ics".split()
)
# At most this many postings are read for one query (pure Python reads ~1 µs each).
# Beyond it the answer is the best found so far, marked exact=False; benchmarks/
# bench_search.py measures how often that happens and how far it is from exhaustive.
POSTINGS_BUDGET = 60_000
_QUERY = re.compile(r'"([^"]*)"|(\S+)')
# Outside a phrase these carry no meaning of their own; requiring them would push
# "health and safety" statements without an "and" down the list.
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the their them these they "
    "this to was were which who will with within".split()
)


@dataclass(frozen=True)
class Term:
    """One query term: the stems that satisfy it (several for a prefix or a word family).

    ``weights`` (same length as stems, default all 1) discount looser alternatives.
    """

    text: str
    stems: tuple[str, ...]
    corrected_to: str | None = None
    weights: tuple[float, ...] = ()

    def weight(self, i: int) -> float:
        return self.weights[i] if self.weights else 1.0


@dataclass
class Query:
    """A parsed query: terms that must match, phrases to verify, words not found."""

    terms: list[Term] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)  # stems in order
    unknown: list[str] = field(default_factory=list)
    stop_words_only: bool = False  # nothing but stop words, unquoted: nothing to rank on


@dataclass
class Hit:
    """One ranked result; ``also_in`` lists other statements with the same text."""

    id: str
    framework: str
    kind: str
    name: str | None
    text: str
    score: float
    unit: str | None
    category: str | None
    heading: str | None
    level: str | None
    section: str | None
    topic: str | None
    source: dict[str, object]
    also_in: list[str]
    also_in_count: int  # len(also_in) unless the caller capped the list
    highlights: list[tuple[int, int]]


@dataclass
class SearchResult:
    """What a search returns."""

    query: str
    hits: list[Hit]
    corrections: dict[str, str]
    unknown: list[str]
    exact: bool
    stop_words_only: bool = False


class Index:
    """A read-only connection to one corpus index."""

    note: str | None = None  # a warning for the user (a temporary index was used)

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        self.docs = int(meta["docs"])
        self._term_rows: dict[str, tuple[int, int] | None] = {}

    # -- vocabulary -------------------------------------------------------
    def stem_of(self, word: str) -> str | None:
        row = self.db.execute("SELECT stem FROM words WHERE word = ?", (word,)).fetchone()
        return row[0] if row else None

    def term_row(self, stem: str) -> tuple[int, int] | None:
        """(rowid, df) of a stem's postings, or None."""
        if stem not in self._term_rows:
            row = self.db.execute("SELECT id, df FROM terms WHERE term = ?", (stem,)).fetchone()
            self._term_rows[stem] = (row[0], row[1]) if row else None
        return self._term_rows[stem]

    def resolve(self, word: str) -> Term | None:
        """A query word as index terms: exact word, its stem, or the nearest known word."""
        known = self.stem_of(word)
        if known:
            family = self._family(word, known)
            return Term(word, (known, *family), weights=(1.0, *[FAMILY_WEIGHT] * len(family)))
        from cwframe.search.analyse import stem  # the stemmer is only needed for unseen words

        if self.term_row(stem(word)):
            return Term(word, (stem(word),))
        return self._correct(word)

    def _family(self, word: str, known: str) -> tuple[str, ...]:
        """Stems of words sharing most of this word's letters, which the stemmer splits
        ('advocacy' -> advocaci, 'advocate' -> advoc): at least 5 letters and 3/4 of the word."""
        if len(word) < 7:
            return ()
        prefix = word[: max(5, -(-3 * len(word) // 4))]
        rows = self.db.execute(
            "SELECT word, stem FROM words WHERE word >= ? AND word < ? AND stem != ? ORDER BY freq DESC LIMIT 50",
            (prefix, prefix + "\uffff", known),
        )
        family: list[str] = []
        for other, other_stem in rows:
            shared = len(os.path.commonprefix([word, other]))
            if (
                shared >= 0.75 * max(len(word), len(other))
                and word[shared:] in DERIVATIONAL_ENDINGS
                and other[shared:] in DERIVATIONAL_ENDINGS
                and other_stem not in family
            ):
                family.append(other_stem)  # 'advocacy'~'advocate'; never 'families'~'familiar'
        return tuple(family[:8])

    def _correct(self, word: str) -> Term | None:
        """The most frequent known word within 1 (short words) or 2 edits, transpositions counting one."""
        if len(word) < 4:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        limit = 1 if len(word) <= 5 else 2
        rows = self.db.execute(
            "SELECT word, stem, freq FROM words WHERE len BETWEEN ? AND ?",
            (len(word) - limit, len(word) + limit),
        ).fetchall()
        candidates = {r[0]: (r[1], r[2]) for r in rows}
        matches = process.extract(word, list(candidates), scorer=OSA.distance, score_cutoff=limit, limit=20)
        if not matches:
            return None
        best = min(matches, key=lambda m: (m[1], -candidates[m[0]][1], m[0]))
        return Term(word, (candidates[best[0]][0],), corrected_to=best[0])

    def expand_prefix(self, prefix: str) -> Term | None:
        rows = self.db.execute(
            "SELECT stem, SUM(freq) AS f FROM words WHERE word >= ? AND word < ? GROUP BY stem ORDER BY f DESC LIMIT ?",
            (prefix, prefix + "\uffff", PREFIX_EXPANSIONS),
        ).fetchall()
        return Term(prefix + "*", tuple(r[0] for r in rows)) if rows else None

    # -- postings ---------------------------------------------------------
    def read_range(self, stem: str, start: int, stop: int) -> tuple[list[int], list[int], bool]:
        """(doc, impact) pairs ``start``..``stop`` of a stem's postings, and whether that is the end."""
        row = self.term_row(stem)
        if row is None:
            return [], [], True
        rowid, df = row
        stop = min(stop, df)
        if start >= stop:
            return [], [], True
        with self.db.blobopen("terms", "postings", rowid, readonly=True) as blob:
            blob.seek(start * 8)
            pairs = array.array("I", blob.read((stop - start) * 8))
        return pairs[0::2].tolist(), pairs[1::2].tolist(), stop >= df

    # -- documents --------------------------------------------------------
    def doc_texts(self, docs: list[int]) -> dict[int, str]:
        return dict(self.select_in("SELECT id, text FROM docs WHERE id IN ({marks})", docs))

    def select_in(self, sql: str, values: list) -> Iterator[tuple]:
        """The rows of ``sql`` for every value, its ``{marks}`` filled in batches below
        SQLite's limit on parameters (32,766 in most builds, 999 in old ones): a rare
        phrase can have tens of thousands of candidates to check."""
        step = self.db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        for start in range(0, len(values), step):
            batch = values[start : start + step]
            yield from self.db.execute(sql.format(marks=",".join("?" * len(batch))), batch)

    def members(self, doc: int, filters: dict[str, str] | None = None, n: int | None = None
                ) -> list[dict[str, object]]:  # fmt: skip
        """A doc's members that match ``filters``, in corpus order, the first ``n`` when given.

        Read one doc at a time, only as many as will be shown: a statement repeated in
        8,000 units has 8,000 members scattered over the file, and reading them all cost
        a fresh process 50-300 ms for a page of hits that names four of them.
        """
        where, values = _where(filters or {})
        cols = ", ".join(MEMBER_COLUMNS)
        rows = self.db.execute(
            f"SELECT {cols} FROM members WHERE doc = ? {'AND ' + where if where else ''} ORDER BY rowid LIMIT ?",
            (doc, *values, -1 if n is None else n),
        )
        return [dict(zip(MEMBER_COLUMNS, row, strict=True)) for row in rows]

    def member_count(self, doc: int) -> int:
        return self.db.execute("SELECT members FROM docs WHERE id = ?", (doc,)).fetchone()[0]

    def allowed_docs(self, filters: dict[str, str]) -> set[int] | None:
        """Docs with at least one member matching every filter, or None when there is no filter.

        A filter value that no statement has (``--kind skills``) is a FilterError naming the
        values there are, not an empty answer that looks like "nothing found".
        """
        if not filters:
            return None
        where, values = _where(filters)
        allowed = {r[0] for r in self.db.execute(f"SELECT DISTINCT doc FROM members WHERE {where}", values)}
        if not allowed:
            for column, value in filters.items():
                known = self.values(column)
                if column in SUBSTRING_FILTERS:
                    if not any(value.casefold() in k.casefold() for k in known):
                        raise FilterError(column, value, [], substring=True)
                elif value.casefold() not in {k.casefold() for k in known}:
                    raise FilterError(column, value, known)
        return allowed

    def values(self, column: str) -> list[str]:
        """The distinct values of a member column (a full scan: asked only when a filter finds nothing)."""
        rows = self.db.execute(f"SELECT DISTINCT {column} FROM members WHERE {column} IS NOT NULL")
        return sorted(r[0] for r in rows)


class FilterError(ValueError):
    """A filter value no statement has; ``allowed`` lists the ones there are."""

    def __init__(self, column: str, value: str, allowed: list[str], *, substring: bool = False) -> None:
        self.column, self.value, self.allowed = column, value, allowed
        if substring:
            message = f"--{column} '{value}': no {column} contains these words"
        else:
            shown = ", ".join(allowed[:40]) + (f" … ({len(allowed)} in all)" if len(allowed) > 40 else "")
            message = f"--{column} '{value}' matches nothing; the {column} values here are: {shown}"
        super().__init__(message)


# Exact (case-insensitive) for codes; a substring for the long names of headings and sections.
SUBSTRING_FILTERS = frozenset({"heading", "section"})


def _where(filters: dict[str, str]) -> tuple[str, list[str]]:
    clauses, values = [], []
    for column, value in filters.items():
        if column in SUBSTRING_FILTERS:
            clauses.append(f"{column} LIKE ?")
            values.append(f"%{value}%")
        else:
            clauses.append(f"{column} = ? COLLATE NOCASE")
            values.append(value)
    return " AND ".join(clauses), values


def parse(index: Index, text: str) -> Query:
    """Split a query into words, "quoted phrases" and prefix* terms, and resolve each."""
    query = Query()
    for phrase, token in _QUERY.findall(text):
        if phrase:
            phrase_terms = [index.resolve(w) for w in words(phrase)]
            if any(t is None for t in phrase_terms):
                query.unknown.extend(w for w, t in zip(words(phrase), phrase_terms, strict=True) if t is None)
                continue
            found = [t for t in phrase_terms if t is not None]
            # Every word is checked in order later; only the meaningful ones rank.
            query.terms.extend(t for t, w in zip(found, words(phrase), strict=True) if w not in STOP_WORDS)
            query.phrases.append([t.stems[0] for t in found])
            continue
        is_prefix = token.endswith("*")
        for w in words(token):
            if w in STOP_WORDS and not is_prefix:
                continue
            term = index.expand_prefix(w) if is_prefix else index.resolve(w)
            if term is None:
                query.unknown.append(w)
            else:
                query.terms.append(term)
    if not query.terms and query.phrases:  # a quoted phrase of stop words ("in the"): find the phrase
        query.terms = [t for t in (index.resolve(w) for w in words(text)) if t is not None]
    elif not query.terms and not query.unknown:
        query.stop_words_only = True  # 'the and': every statement has them; ranking them means nothing
    # The same stem twice adds nothing to the ranking.
    seen: set[tuple[str, ...]] = set()
    query.terms = [t for t in query.terms if not (t.stems in seen or seen.add(t.stems))]
    return query


def top_docs(
    index: Index,
    terms: list[Term],
    k: int,
    allowed: set[int] | None,
    *,
    bonus: int = ALL_TERMS_BONUS,
    exclude: frozenset[int] = frozenset(),
    budget: int | None = POSTINGS_BUDGET,
    accept: Callable[[list[int]], set[int]] | None = None,
) -> tuple[list[tuple[int, int]], bool]:
    """The k best (doc, score) pairs and whether the answer is provably exact.

    Reads every term's postings from the head in rounds of growing depth, keeping a
    running lower bound per document, and stops when neither an unseen document nor
    a seen one's missing terms could lift anything into the top k. A term with
    several stems (prefix, word family) scores a doc by its best stem.

    ``accept`` (a phrase check) is asked about candidates as they reach the top,
    best first; a doc it rejects is dropped for good, so a rare phrase of common
    words deepens the same scan instead of restarting it with a larger k.
    """
    if not terms or k <= 0:
        return [], True
    streams = [(t, stem, term.weight(i)) for t, term in enumerate(terms) for i, stem in enumerate(term.stems)]
    position = [0] * len(streams)
    exhausted = [False] * len(streams)
    cut = [0] * len(streams)
    best: dict[int, list[int]] = {}  # doc -> best impact per term (-1: not seen)
    lower: dict[int, int] = {}
    skip = set(exclude)  # and every doc ``accept`` rejected
    accepted: set[int] = set()
    n_terms = len(terms)
    depth = max(FIRST_DEPTH, k * 2)
    while True:
        for si, (t, stem, weight) in enumerate(streams):
            if exhausted[si]:
                continue
            docs, impacts, done = index.read_range(stem, position[si], depth)
            position[si] = depth
            exhausted[si] = done
            if weight != 1.0:
                impacts = [int(x * weight) for x in impacts]
            cut[si] = 0 if done else (impacts[-1] if impacts else 0)
            for doc, impact in zip(docs, impacts, strict=True):
                if doc in skip or (allowed is not None and doc not in allowed):
                    continue
                slot = best.get(doc)
                if slot is None:
                    slot = best[doc] = [-1] * n_terms
                old = slot[t]
                if impact > old:
                    slot[t] = impact
                    lower[doc] = lower.get(doc, 0) + impact - (old if old >= 0 else -bonus)
        if accept is None:
            top = heapq.nlargest(k, lower.items(), key=_rank)
        else:
            top = _top_accepted(best, lower, k, accept, accepted, skip)
        if all(exhausted):
            return top, True
        term_cut = [0] * n_terms
        for si, (t, _, _) in enumerate(streams):
            if not exhausted[si]:
                term_cut[t] = max(term_cut[t], cut[si] + bonus)
        unseen = sum(term_cut)
        kth = top[-1][1] if len(top) == k else -1
        if kth >= unseen and _nothing_else_can_reach(best, lower, top, term_cut, kth):
            return top, True
        next_depth = depth * 4
        planned = sum(min(next_depth, index.term_row(stem)[1]) for (_, stem, _), done in
                      zip(streams, exhausted, strict=True) if not done)  # fmt: skip
        if depth >= MAX_DEPTH or (budget is not None and planned > budget):
            return top, False
        depth = next_depth


def _rank(kv: tuple[int, int]) -> tuple[int, int]:
    return kv[1], -kv[0]  # higher score first, then the lower doc id


def _top_accepted(
    best, lower, k: int, accept, accepted: set[int], rejected: set[int]
) -> list[tuple[int, int]]:
    """The k best docs by lower bound that ``accept`` passes; rejected ones leave
    ``best`` and ``lower`` for good. Candidates are checked best first, in batches
    that grow fourfold while too few pass."""
    want = k * 2
    while True:
        head = heapq.nlargest(want, lower.items(), key=_rank)
        unknown = [doc for doc, _ in head if doc not in accepted]
        if unknown:
            passed = accept(unknown)
            accepted.update(passed)
            for doc in unknown:
                if doc not in passed:
                    rejected.add(doc)
                    del best[doc], lower[doc]
        top = [kv for kv in head if kv[0] in accepted][:k]
        if len(top) == k or len(head) < want:
            return top
        want *= 4


def _nothing_else_can_reach(best, lower, top, term_cut: list[int], kth: int) -> bool:
    """True when no seen doc outside the top k could exceed the k-th score with its missing terms."""
    in_top = {d for d, _ in top}
    reach = sum(term_cut)
    for doc, score in lower.items():
        if score + reach <= kth or doc in in_top:
            continue  # cannot catch up even with every missing term
        missing = sum(c for c, v in zip(term_cut, best[doc], strict=True) if v < 0)
        if score + missing > kth:
            return False
    return True


PROXIMITY_BONUS = 2 * SCALE  # per pair of query terms that stand side by side in the text


def _by_proximity(index: Index, ranked: list[tuple[int, int]], terms: list[Term]) -> list[tuple[int, int]]:
    """Re-rank the candidate pool: query words next to each other (either order) say more
    than the same words far apart ('risk assessment', 'assessing risk')."""
    from cwframe.search.analyse import stem

    texts = index.doc_texts([d for d, _ in ranked])
    term_of = {s: i for i, t in enumerate(terms) for s in t.stems}
    rescored = []
    for doc, score in ranked:
        # Stop words between two query words do not separate them ('health and safety').
        marks = [term_of.get(stem(w)) for w in words(texts[doc]) if w not in STOP_WORDS]
        pairs = {
            frozenset((a, b))
            for a, b in zip(marks, marks[1:], strict=False)
            if a is not None and b is not None and a != b
        }
        rescored.append((doc, score + PROXIMITY_BONUS * len(pairs)))
    return sorted(rescored, key=lambda kv: (-kv[1], kv[0]))


def _phrase_pattern(index: Index, phrase: list[str]) -> re.Pattern[str]:
    """The phrase as a regular expression over folded text: its words in order, each in
    any form the corpus has (all the words sharing its stem), separated by non-word
    characters. Matching ``fold(text)`` with it is the same test as comparing the
    text's stems in order, without tokenising and stemming every candidate."""
    forms: dict[str, list[str]] = {s: [] for s in phrase}
    for stem_, word in index.select_in("SELECT stem, word FROM words WHERE stem IN ({marks})", list(forms)):
        forms[stem_].append(word)
    parts = ["(?:" + "|".join(re.escape(w) for w in sorted(forms[s], key=len, reverse=True)) + ")" if forms[s]
             else "(?!)" for s in phrase]  # fmt: skip
    return re.compile("(?<![a-z0-9])" + "[^a-z0-9]+".join(parts) + "(?![a-z0-9])")


def search(index: Index, text: str, *, limit: int = 20, filters: dict[str, str] | None = None,
           collapse: bool = True, also_in: int | None = None) -> SearchResult:  # fmt: skip
    """Ranked statements for a query; ``also_in`` caps the other places listed per hit."""
    query = parse(index, text)
    allowed = index.allowed_docs(filters or {})
    corrections = {t.text: t.corrected_to for t in query.terms if t.corrected_to}
    if not query.terms:
        return SearchResult(text, [], corrections, query.unknown, True, query.stop_words_only)
    patterns = [_phrase_pattern(index, p) for p in query.phrases]

    def has_phrases(docs: list[int]) -> set[int]:
        texts = index.doc_texts(docs)
        return {d for d in docs if all(p.search(fold(texts[d])) for p in patterns)}

    # Proximity re-ranks a pool of candidates; phrase matches all have their words together.
    pool = max(limit * 3, 30) if len(query.terms) > 1 and not patterns else limit
    ranked, exact = top_docs(index, query.terms, pool, allowed, accept=has_phrases if patterns else None)
    if len(query.terms) > 1:
        ranked = _by_proximity(index, ranked, query.terms)
    stems = {s for t in query.terms for s in t.stems}
    found = hits(index, ranked, stems, filters or {}, collapse, limit, also_in)
    return SearchResult(text, found, corrections, query.unknown, exact)


def ranking_score(stored: int) -> float:
    """The score a hit shows: its ranking, as one number that falls with rank.

    Hits that match more query words rank first, then by BM25 (plus proximity): the
    whole part counts the words matched, the fraction grows with the BM25 score s as
    s / (s + 10). Showing BM25 alone made a hit with fewer words matched but a higher
    BM25 look better than the hits above it.
    """
    matched, within = divmod(stored, ALL_TERMS_BONUS)
    strength = within / SCALE
    return round(matched + strength / (strength + 10), 4)


def hits(index: Index, ranked: list[tuple[int, int]], stems: set[str], filters: dict[str, str],
         collapse: bool, limit: int, also_in: int | None = None) -> list[Hit]:  # fmt: skip
    """The first ``limit`` hits of a ranking; ``also_in`` caps the other places listed per
    collapsed hit (None: all of them; ``also_in_count`` always gives the total)."""
    if collapse:
        ranked = ranked[:limit]  # one hit per doc
    texts = index.doc_texts([d for d, _ in ranked])
    highlight_words = _highlight_words(index, texts.values(), stems)
    found: list[Hit] = []
    for doc, score in ranked:
        text = texts[doc]
        marks = [(a, b) for a, b, w in word_spans(text) if w in highlight_words]
        score = ranking_score(score)
        if collapse:
            cap = None if also_in is None else also_in + 1  # the primary may be among them
            first = index.members(doc, n=cap)
            primary = index.members(doc, filters, 1)[0] if filters else first[0]
            others = [str(m["sid"]) for m in first if m["sid"] != primary["sid"]][:also_in]
            count = len(first) if cap is None or len(first) < cap else index.member_count(doc)
            found.append(_hit(primary, text, score, others, count - 1, marks))
        else:
            for member in index.members(doc, filters, limit - len(found)):
                found.append(_hit(member, text, score, [], 0, marks))
        if len(found) >= limit:
            break
    return found


def _highlight_words(index: Index, texts, stems: set[str]) -> set[str]:
    vocabulary = list({w for t in texts for w in words(t)})
    rows = index.select_in("SELECT word, stem FROM words WHERE word IN ({marks})", vocabulary)
    return {w for w, s in rows if s in stems}


def _hit(member: dict[str, object], text: str, score: float, also_in: list[str], also_in_count: int, marks
         ) -> Hit:  # fmt: skip
    return Hit(
        id=str(member["sid"]), framework=str(member["framework"]), kind=str(member["kind"]),
        name=member["name"], text=text, score=round(score, 3),  # type: ignore[arg-type]
        unit=member["unit"], category=member["category"], heading=member["heading"],  # type: ignore[arg-type]
        level=member["level"], section=member["section"], topic=member["topic"],  # type: ignore[arg-type]
        source={"file": member["file"], "line": member["line"]}, also_in=also_in, also_in_count=also_in_count, highlights=marks,
    )  # fmt: skip
