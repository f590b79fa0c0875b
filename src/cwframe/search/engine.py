"""The query side's parts: parse a query into terms, reach the index, shape hits.

Words are resolved against the index's vocabulary (``words``) into our stems: the
word itself, its family ('advocacy' and 'advocate'), a prefix's words, or the
nearest known word for a typo — only when the word is not English (``lexicon``): a
real word no statement says is never replaced by another; the query goes on without
it (its other forms, related phrases and the rest of its words). :class:`Index` turns terms and phrases into tantivy
queries over the ``text`` field and runs them; how the results are ordered is
ranking.py's business, and :func:`hits` turns ranked docs into what users see.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cwframe.search.analyse import word_spans, words
from cwframe.search.index import MEMBER_COLUMNS

PREFIX_EXPANSIONS = 30
FAMILY_WEIGHT = 0.6  # a related word form counts for less than the word itself
# Another form of a word sharing its stem ('adopt' for 'adoption', 'Fosters' for 'fostering'):
# it may mean something else, so it counts for this much of the word as typed (ranking.py).
FORM_WEIGHT = 0.8
# Endings that, taken off a real word the corpus lacks and a word it has, leave one root:
# 'autism' and 'autistic' (aut-). Only for words no statement says.
ROOT_ENDINGS = tuple(sorted(
    "ism isms ist ists istic istics ic ics ical ically ion ions ation ations ive ives ment ments ance ence "
    "ity ities ness al ally".split(), key=len, reverse=True))  # fmt: skip
EXPANSION_WEIGHT = 0.8  # an acronym's expansion (or the acronym of words spelt out) counts for less
# Endings that make another word of the same family once the stemmer has split them.
DERIVATIONAL_ENDINGS = frozenset(
    "cy cies te tes ted ting tion tions ce ces t ts sm st sts ism ist ists ise ised ising ize ized izing "
    "ity ities al ally ic ics".split()
)
# A filter that allows at most this many docs goes to tantivy as a set of doc numbers;
# a broader one (--framework nos on the whole directory) checks the ranked docs instead.
TERM_SET_LIMIT = 50_000
_QUERY = re.compile(r'"([^"]*)"|(\S+)')
# Outside a phrase these carry no meaning of their own; requiring them would push
# "health and safety" statements without an "and" down the list.
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the their them these they "
    "this to was were which who will with within".split()
) | frozenset(  # a question's own words: "what should I know about supervision?" is about supervision
    "how what why when where whom whose do does did can could would should might must i me my we us our "
    "you your about if there".split()
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
    # A related-phrase term (ranking.py): phrases (stems) any of which satisfies it, each
    # with its weight and as written; ``stems`` then lists their words, for highlighting.
    phrases: tuple[tuple[tuple[str, ...], float, str], ...] = ()
    # When the corpus has other words with these stems: the folded words that say the word
    # as typed (itself, its plural, its other spelling); a text with none of them says
    # the word only in another form (FORM_WEIGHT, and the hit names the form).
    exact: frozenset[str] = frozenset()
    said: bool = True  # False: no statement says the word as typed (only other forms of it)

    def weight(self, i: int) -> float:
        return self.weights[i] if self.weights else 1.0


@dataclass
class Query:
    """A parsed query: terms that must match, phrases to verify, words not found."""

    terms: list[Term] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)  # stems in order
    unknown: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # real words no statement says
    stop_words_only: bool = False  # nothing but stop words, unquoted: nothing to rank on
    # Every content word in order, said or not, as a stem: what the thesaurus's keys are
    # matched against ('care leavers' when no statement says 'leavers').
    sequence: list[str] = field(default_factory=list)


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
    related: list[str] = field(default_factory=list)  # the thesaurus phrases it was found through
    matched: list[str] = field(default_factory=list)  # the query's words its text says, as typed
    # query word -> the other form of it the text says instead ('adoption' -> 'adopt')
    forms: dict[str, str] = field(default_factory=dict)
    levels: list[str] = field(default_factory=list)  # an SDF row printed at several levels: each
    # Brought in by meaning (search --semantic), not by the query's words: its cosine with the query.
    meaning: float | None = None
    # Words it says that are near a query word's meaning (search --semantic): word -> query word.
    similar: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchResult:
    """What a search returns."""

    query: str
    hits: list[Hit]
    corrections: dict[str, str]
    unknown: list[str]
    stop_words_only: bool = False
    sentence: bool = False  # read as a sentence (ranking.LONG_QUERY words or more)
    absent: list[str] = field(default_factory=list)  # real words no statement says
    # The query's words no statement says together: every hit says only some of them.
    partial: bool = False
    words: list[str] = field(default_factory=list)  # the query's words that rank, as typed
    semantic: list[str] = field(default_factory=list)  # the parts of search by meaning used (--semantic)


class Index:
    """A read-only view of one corpus index: its SQLite tables and its tantivy searcher."""

    note: str | None = None  # a warning for the user (a temporary index was used)

    def __init__(self, path: Path) -> None:
        import tantivy  # 3 ms warm, 25 ms from a cold disk; a command that never searches does without it

        self.path = path
        self.db = sqlite3.connect(f"file:{path / 'meta.sqlite'}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        self.docs = int(meta["docs"])
        self.tantivy = tantivy.Index.open(str(path / "postings"))
        self.searcher = self.tantivy.searcher()
        self.schema = self.tantivy.schema

    def close(self) -> None:
        self.db.close()

    # -- vocabulary -------------------------------------------------------
    def stem_of(self, word: str) -> str | None:
        row = self.db.execute("SELECT stem FROM words WHERE word = ?", (word,)).fetchone()
        return row[0] if row else None

    def resolve(self, word: str) -> Term | None:
        """A query word as index terms: the word and its forms, or the nearest known word
        when it is not English. A real word no statement says gives a term without stems
        (or one for its forms the corpus has: 'autistic' for 'autism'), never a correction."""
        known = self.stem_of(word)
        if known:
            family = self._family(word, known)
            exact = self._exact(word, known)
            return Term(word, (known, *family), weights=(1.0, *[FAMILY_WEIGHT] * len(family)), exact=exact)
        from cwframe.search.analyse import stem  # the stemmer is only needed for unseen words
        from cwframe.search.index import EXPANDED

        if self.doc_freq(EXPANDED + stem(word)) and not self.doc_freq(stem(word)):
            # A word the corpus only has through an acronym ('exploitation', from CSE) is a
            # word of the corpus, not a typo: term_query finds it in the expansions.
            return Term(word, (stem(word),))
        if self.doc_freq(stem(word)):  # its plural, or other forms of it ('Fosters' for 'fostering')
            exact = self._exact(word, stem(word))
            return Term(word, (stem(word),), exact=exact, said=not exact or any(map(self.stem_of, exact)))
        if not self.is_english(word):
            return self._correct(word)
        roots = self._same_root(word)
        return Term(word, roots, exact=_spellings(word), said=False)

    def is_english(self, word: str) -> bool:
        """Whether a word is in the lexicon (British spellings; an American one through its British form)."""
        forms = sorted(_american(word))
        found = self.db.execute(f"SELECT 1 FROM lexicon WHERE word IN ({','.join('?' * len(forms))})", forms)
        return found.fetchone() is not None

    def _exact(self, word: str, known: str) -> frozenset[str]:
        """The words that say ``word`` as typed, when the corpus has other words of its stem:
        its inflections ('keep', 'keeping'), or for a term of the field (a word of the
        thesaurus, which means its own thing: 'fostering' is not 'Fosters') its spellings."""
        forms = [r[0] for r in self.db.execute("SELECT word FROM words WHERE stem = ? LIMIT 200", (known,))]
        field_term = self.db.execute("SELECT field FROM lexicon WHERE word = ?", (word,)).fetchone()
        typed = _spellings(word) if field_term and field_term[0] else _spellings(word) | _inflections(word)
        return frozenset() if set(forms) <= typed else frozenset(typed)

    def _same_root(self, word: str) -> tuple[str, ...]:
        """Stems of the corpus's words that share a root with a real word it lacks, once a
        derivational ending is taken off both ('autism', 'autistic': aut-)."""
        roots = _roots(word)
        if not roots:
            return ()
        shortest = min(roots, key=len)
        rows = self.db.execute(
            "SELECT word, stem FROM words WHERE word >= ? AND word < ? ORDER BY freq DESC LIMIT 5000",
            (shortest, shortest + "\uffff"),
        )
        found: list[str] = []
        for other, other_stem in rows:
            if roots & _roots(other) and other_stem not in found:
                found.append(other_stem)
        return tuple(found[:8])

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

    def doc_freq(self, stem: str, field: str = "text") -> int:
        """In how many docs a stem appears (in their text, or another field)."""
        return self.searcher.doc_freq(field, stem)

    # -- ranking ------------------------------------------------------------
    def rank(self, query, k: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:  # noqa: ANN001
        """The k best (doc, score) pairs for a tantivy query, best first, ties by doc number;
        ``allowed`` (a filter's docs) restricts them."""
        from tantivy import Occur, Query

        if k <= 0:
            return []
        if allowed is not None and len(allowed) <= TERM_SET_LIMIT:
            only = Query.const_score_query(Query.term_set_query(self.schema, "doc", sorted(allowed)), 0.0)
            return self._top(Query.boolean_query([(Occur.Must, query), (Occur.Must, only)]), k)
        n = k
        while True:  # a broad filter: rank, keep the allowed, look deeper while too few are
            ranked = self._top(query, n)
            kept = ranked if allowed is None else [(d, s) for d, s in ranked if d in allowed]
            if len(kept) >= k or len(ranked) < n:
                return kept[:k]
            n *= 8

    def _top(self, query, k: int) -> list[tuple[int, float]]:  # noqa: ANN001
        found = self.searcher.search(query, k, count=False).hits
        docs = self.searcher.fast_field_values("doc", [address for _, address in found])
        return sorted(zip(docs, (score for score, _ in found), strict=True), key=lambda ds: (-ds[1], ds[0]))

    def term_query(self, term: Term, field: str = "text"):  # noqa: ANN201
        """Docs with any of the term's stems in ``field``, written or added by the index
        (an acronym's expansion), scored by BM25 with looser forms weighed down."""
        from tantivy import Query

        from cwframe.search.index import EXPANDED

        if term.phrases:
            return any_of([Query.boost_query(self.phrase_query(list(p)), w) for p, w, _ in term.phrases])
        queries = []
        for i, s in enumerate(term.stems):
            for form, weight in ((s, term.weight(i)), (EXPANDED + s, term.weight(i) * EXPANSION_WEIGHT)):
                q = Query.term_query(self.schema, field, form)
                queries.append(q if weight == 1.0 else Query.boost_query(q, weight))
        return any_of(queries)

    def matching(self, term: Term, docs: list[int]) -> set[int]:
        """Which of these docs have the term in their text."""
        from tantivy import Query

        only = Query.term_set_query(self.schema, "doc", sorted(docs))
        return {d for d, _ in self.rank(all_of([self.term_query(term), only]), len(docs))}

    def excluding(self, query, docs: set[int]):  # noqa: ANN001, ANN201
        """The query without these docs."""
        if not docs:
            return query
        from tantivy import Query

        return all_of([query], [Query.term_set_query(self.schema, "doc", sorted(docs))])

    def phrase_query(self, phrase: list[str]):  # noqa: ANN201
        """Docs whose text has these stems in this order, side by side."""
        from tantivy import Query

        if len(phrase) == 1:
            return Query.term_query(self.schema, "text", phrase[0])
        return Query.phrase_query(self.schema, "text", phrase)

    # -- documents --------------------------------------------------------
    def doc_texts(self, docs: list[int]) -> dict[int, str]:
        return dict(self.select_in("SELECT id, text FROM docs WHERE id IN ({marks})", docs))

    def related(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """The thesaurus's related phrases: key (content stems) -> [(phrase stems, as written)]."""
        out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, phrase, label in self.db.execute("SELECT key, phrase, label FROM related ORDER BY rowid"):
            out.setdefault(key, []).append((tuple(phrase.split()), label))
        return out

    def contexts(self, docs: list[int]) -> dict[int, str]:
        """doc -> the heading, section and topic around its first statement."""
        out: dict[int, str] = {}
        sql = "SELECT doc, heading, section, topic FROM members WHERE doc IN ({marks}) ORDER BY seq"
        for doc, *parts in self.select_in(sql, docs):
            out.setdefault(doc, " ".join(p for p in parts if p))
        return out

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
            f"SELECT {cols} FROM members WHERE doc = ? {'AND ' + where if where else ''} ORDER BY seq LIMIT ?",
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
        """The distinct values of a member column (asked only when a filter finds nothing)."""
        rows = self.db.execute(f"SELECT DISTINCT {column} FROM places WHERE {column} IS NOT NULL")
        return sorted(r[0] for r in rows)


def _spellings(word: str) -> frozenset[str]:
    """The folded words that are ``word`` as typed: itself, its plural or possessive
    (apostrophes are folded away) and its other spelling ('practise', 'practice')."""
    from cwframe.search.analyse import _VARIANTS

    out = {word, word + "s", word + "es"}
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    elif word.endswith("y"):
        out.add(word[:-1] + "ies")
    if word.endswith("es"):
        out.add(word[:-2])
    if word.endswith("s"):
        out.add(word[:-1])
    out |= {v for k, v in _VARIANTS.items() if k in out} | {k for k, v in _VARIANTS.items() if v in out}
    return frozenset(out)


def _inflections(word: str) -> set[str]:
    """The inflected forms of the word's base ('keep', 'keeps', 'kept' aside, 'keeping', 'keeped'):
    a superset (it may list non-words), compared with the corpus's words."""
    bases = {word}
    for ending, back in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ies", "y"),
                         ("ied", "y"), ("d", "")):  # fmt: skip
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)] + back
            bases.add(base)
            if ending in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]:
                bases.add(base[:-1])  # 'stopping' -> stop
    out = set()
    for base in bases:
        stem_ = base[:-1] if base.endswith("e") else base
        out |= {base, base + "s", base + "es", base + "ed", base + "d", stem_ + "ing", base + "ing",
                base + base[-1] + "ing", base + base[-1] + "ed"}  # fmt: skip
        if base.endswith("y"):
            out |= {base[:-1] + "ies", base[:-1] + "ied"}
    return out


# The lexicon is British; an American spelling is looked up through its British forms too.
_BRITISH = (("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"), ("iser", "izer"),
            ("isers", "izers"), ("ises", "izes"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
            ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"), ("ourable", "orable"),
            ("tre", "ter"), ("tres", "ters"), ("ence", "ense"), ("ogue", "og"), ("ogues", "ogs"),
            ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llor", "lor"), ("llors", "lors"))  # fmt: skip


def _american(word: str) -> set[str]:
    """The word and the British spellings it may have ('behavior', 'behaviour'; 'organization',
    'organisation'), for a lexicon of British spellings."""
    out = {word}
    for british, american in _BRITISH:
        if word.endswith(american):
            out.add(word[: -len(american)] + british)
    return out


def _roots(word: str) -> set[str]:
    """A word's roots once a derivational ending is taken off (at least 3 letters left)."""
    return {word[: -len(e)] for e in ROOT_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3}


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


def like_literal(value: str) -> str:
    """A text for SQL LIKE ... ESCAPE '\\' that matches only itself: '%' and '_' are the user's
    characters, not wildcards (the one place every LIKE of a typed value goes through)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(filters: dict[str, str]) -> tuple[str, list[str]]:
    clauses, values = [], []
    for column, value in filters.items():
        if column in SUBSTRING_FILTERS:
            clauses.append(f"{column} LIKE ? ESCAPE '\\'")
            values.append(f"%{like_literal(value)}%")
        else:
            clauses.append(f"{column} = ? COLLATE NOCASE")
            values.append(value)
    return " AND ".join(clauses), values


def parse(index: Index, text: str) -> Query:
    """Split a query into words, "quoted phrases" and prefix* terms, and resolve each."""
    query = Query()
    for phrase, token in _QUERY.findall(text):
        if phrase:
            if not words(phrase):  # '":"': quotes around no word at all
                continue
            phrase_terms = [index.resolve(w) for w in words(phrase)]
            if any(t is None or not t.said for t in phrase_terms):  # a phrase means the words as typed
                for w, t in zip(words(phrase), phrase_terms, strict=True):
                    if t is None:
                        query.unknown.append(w)
                    elif not t.said:
                        query.absent.append(w)
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
                continue
            if not term.said:
                query.absent.append(w)
            query.terms.append(term)  # a word no statement says too: it weighs in (ranking.py)
            query.sequence.append(term.stems[0] if term.said and term.stems else _stem(w))
    if not any(t.stems for t in query.terms) and query.phrases:  # a quoted phrase of stop words ("in the")
        query.terms = [t for t in (index.resolve(w) for w in words(text)) if t is not None]
    elif not query.terms and not query.unknown and not query.absent:
        query.stop_words_only = True  # 'the and': every statement has them; ranking them means nothing
    # The same stem twice adds nothing to the ranking.
    seen: set[tuple[str, ...]] = set()
    kept = [not ((t.stems or (t.text,)) in seen or seen.add(t.stems or (t.text,))) for t in query.terms]
    query.terms = [t for t, keep in zip(query.terms, kept, strict=True) if keep]
    if len(query.sequence) == len(kept):  # one per term when nothing was quoted
        query.sequence = [s for s, keep in zip(query.sequence, kept, strict=True) if keep]
    return query


def _stem(word: str) -> str:
    from cwframe.search.analyse import stem

    return stem(word)


def any_of(queries: list):  # noqa: ANN201
    """Docs matching at least one of the queries, scored by their sum."""
    from tantivy import Occur, Query

    return Query.boolean_query([(Occur.Should, q) for q in queries])


def all_of(required: list, excluded: list = ()):  # noqa: ANN201, B006
    """Docs matching every required query and none of the excluded, scored by the required's sum."""
    from tantivy import Occur, Query

    return Query.boolean_query([(Occur.Must, q) for q in required] + [(Occur.MustNot, q) for q in excluded])


def hits(index: Index, ranked: list[tuple[int, float]], stems: set[str], filters: dict[str, str],
         collapse: bool, limit: int, also_in: int | None = None) -> list[Hit]:  # fmt: skip
    """The first ``limit`` hits of a ranking, (doc, score shown) best first; ``also_in`` caps
    the other places listed per collapsed hit (None: all of them; ``also_in_count`` always
    gives the total). Collapsed, the copies of one SDF row at several levels are one hit
    too (its best-ranked copy, the others in ``also_in``, every level in ``levels``)."""
    texts = index.doc_texts([d for d, _ in ranked[:limit]])  # more only when copies fold away
    highlight_words = _highlight_words(index, texts.values(), stems)
    found: list[Hit] = []
    of_family: dict[str, Hit] = {}
    for doc, score in ranked:
        if doc not in texts:
            texts[doc] = index.doc_texts([doc])[doc]
            highlight_words |= _highlight_words(index, [texts[doc]], stems)
        text = texts[doc]
        marks = [(a, b) for a, b, w in word_spans(text) if w in highlight_words]
        if collapse:
            cap = None if also_in is None else also_in + 1  # the primary may be among them
            first = index.members(doc, n=cap)
            primary = index.members(doc, filters, 1)[0] if filters else first[0]
            family = primary.get("family")
            if family and family in of_family:
                _fold(of_family[family], primary, index.members(doc, filters))
                continue
            others = [str(m["sid"]) for m in first if m["sid"] != primary["sid"]][:also_in]
            count = len(first) if cap is None or len(first) < cap else index.member_count(doc)
            found.append(_hit(primary, text, score, others, count - 1, marks))
            if family:
                of_family[family] = found[-1]
                found[-1].levels = [str(primary["level"])]
        else:
            for member in index.members(doc, filters, limit - len(found)):
                found.append(_hit(member, text, score, [], 0, marks))
        if len(found) >= limit:
            break
    return found


def _fold(hit: Hit, primary: dict[str, object], members: list[dict[str, object]]) -> None:
    """Another level's copy of the SDF row a hit shows: its level and id join the hit's."""
    from cwframe.crosswalk.structure import LEVEL_ORDER

    for member in members:
        if member.get("family") != primary.get("family") or str(member["sid"]) in (hit.id, *hit.also_in):
            continue
        hit.also_in.append(str(member["sid"]))
        hit.also_in_count += 1
        if member["level"] and str(member["level"]) not in hit.levels:
            hit.levels.append(str(member["level"]))
    hit.levels.sort(key=lambda lv: LEVEL_ORDER.index(lv) if lv in LEVEL_ORDER else len(LEVEL_ORDER))


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
