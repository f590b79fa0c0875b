"""How hits are ordered: the ranking layer over the engine (testable on its own).

1. **More of the query's words in the text first.** A doc whose text says more of
   the words ranks above one that says fewer, whatever their BM25. The engine is
   asked level by level: every word (a conjunction, cheap in tantivy), then each way
   of leaving one word out, and so on, each level excluding the docs found above it,
   until enough are found. A long query whose levels would take too many
   conjunctions finishes with one disjunction, its words counted per doc.
2. **Then the words' strength (BM25)** in the text: the statement, its name and the
   acronyms in either (index.py). A word matched through an acronym's expansion, or
   an acronym through its words spelt out, counts for ``EXPANSION_WEIGHT`` of a word
   written.
3. **Ties broken by where the words stand**: in a pool of candidates, query words
   side by side in the text (either order, stop words between them ignored) add
   ``PROXIMITY_BONUS`` a pair, and query words in the heading, section or topic
   around the statement ``CONTEXT_BONUS`` each: never enough to pass a doc whose
   text says more of the words.
4. **Statements only under a heading that has the words come last**: the text says
   what a statement is about, the heading only where it sits.

A doc's score is ``MATCHED`` per word its text says plus the rest;
:func:`ranking_score` turns that into the number users see.
"""

from __future__ import annotations

import math
from itertools import combinations

from cwframe.search.analyse import stem, words
from cwframe.search.engine import STOP_WORDS, Index, SearchResult, Term, all_of, any_of, hits, parse

MATCHED = 1000.0  # per query word in a doc's text; larger than any BM25 sum
PROXIMITY_BONUS = 2.0  # per pair of query words that stand side by side in the text
CONTEXT_BONUS = 0.5  # per query word in the heading, section or topic around the text
CONTEXT_WEIGHT = 0.3  # BM25 of words only in the context, relative to the text
MAX_CONJUNCTIONS = 16  # per level; a longer query's remaining levels are one disjunction
RELATED_WEIGHT = 0.5  # a thesaurus phrase related to the query's words, relative to the words
LONG_QUERY = 4  # words (stop words aside) from which a query is read as a sentence
COMMON_SHARE = 0.15  # of all docs: a word more of them say than this is common in a long query


def rank(index: Index, terms: list[Term], k: int, allowed: set[int] | None = None, required: list = (),
         related: list[tuple[frozenset[int], Term]] = ()) -> list[tuple[int, float]]:  # fmt: skip
    """The k best (doc, score) for the terms, best first; ``required`` queries (phrases)
    are matched by every doc, ``allowed`` (a filter's docs) restricts them. A ``related``
    term (covering some of the terms) ranks the docs that say it in place of the words
    it covers, with every other word, just below those that say every word; in a
    sentence, one covering a single word counts as that word at every level."""
    sentence = len(terms) >= LONG_QUERY
    common = _common_words(index, terms)
    if common:  # they add their BM25 to any doc the other words find, and never count as matched
        position = {i: j for j, i in enumerate(i for i, t in enumerate(terms) if t not in common)}
        related = [(frozenset(position[i] for i in covered if i in position), t) for covered, t in related]
        terms = [t for t in terms if t not in common]
    ranking = _Levels(index, k, allowed, list(required), [index.term_query(t) for t in common])
    said = [index.term_query(t) for t in terms]
    n = len(terms)
    if sentence:
        # A sentence is about its topic: a word's related phrase ("participation" for
        # "involving") stands in for the word at every level, not only just below the top.
        for covered, term in related:
            if len(covered) == 1:
                (i,) = covered
                said[i] = any_of([said[i], index.term_query(term)])
        related = [(covered, term) for covered, term in related if len(covered) != 1]

    def take_related() -> None:
        """Docs saying a related phrase and every word it does not stand for, ranked just
        below the docs saying every word."""
        for covered, term in related:
            instead = all_of([index.term_query(term), *(said[i] for i in range(n) if i not in covered)])
            ranking.take(instead, lambda _doc, bm25: (n - 0.5) * MATCHED + bm25)

    for m in range(n, 0, -1):
        if m == n - 1:
            take_related()
        if ranking.full():
            return ranking.found
        if math.comb(n, m) > MAX_CONJUNCTIONS:
            ranking.by_words_matched(any_of(said), terms)
            break
        level = any_of([all_of([said[i] for i in subset]) for subset in combinations(range(n), m)])
        ranking.take(level, lambda _doc, bm25, m=m: m * MATCHED + bm25)
    if n == 1:  # a one-word query: after every statement saying the word
        take_related()
    if not ranking.full():  # the words only in the heading, section or topic
        context = any_of([index.term_query(t, "context") for t in terms])
        ranking.take(context, lambda _doc, bm25: CONTEXT_WEIGHT * bm25)
    return ranking.found


def _common_words(index: Index, terms: list[Term]) -> list[Term]:
    """In a long query (a question, a sentence), the words most statements say ('children',
    'young', 'people'): counting them would rank any statement about children above one
    about the query's point. None when every word is common, or the query is short."""
    if len(terms) < LONG_QUERY:
        return []
    common = [t for t in terms if not t.phrases and index.doc_freq(t.stems[0]) > COMMON_SHARE * index.docs]
    return common if len(common) < len(terms) else []


class _Levels:
    """The ranking so far: each query adds the docs not found before it, after them."""

    def __init__(self, index: Index, k: int, allowed: set[int] | None, required: list, optional: list = ()
                 ) -> None:  # fmt: skip
        self.index, self.k, self.allowed, self.required = index, k, allowed, required
        self.optional = list(optional)
        self.found: list[tuple[int, float]] = []
        self.seen: set[int] = set()

    def full(self) -> bool:
        return len(self.found) >= self.k

    def _new(self, query, k: int) -> list[tuple[int, float]]:  # noqa: ANN001
        query = all_of([query, *self.required])
        if self.optional:
            from tantivy import Occur, Query

            query = Query.boolean_query([(Occur.Must, query), *((Occur.Should, q) for q in self.optional)])
        query = self.index.excluding(query, self.seen)
        return self.index.rank(query, k, self.allowed)

    def take(self, query, score) -> None:  # noqa: ANN001
        """Add the query's best new docs, scored ``score(doc, bm25)``."""
        for doc, bm25 in self._new(query, self.k - len(self.found)):
            self.found.append((doc, score(doc, bm25)))
            self.seen.add(doc)

    def by_words_matched(self, query, terms: list[Term]) -> None:  # noqa: ANN001
        """The rest of a long query: a pool by BM25 over any of its words, ordered by how
        many of them each text says (asked of the index, word by word), then BM25."""
        want = self.k - len(self.found)
        pool = self._new(query, want * 4)
        docs = [d for d, _ in pool]
        matched = dict.fromkeys(docs, 0)
        for term in terms:
            for doc in self.index.matching(term, docs) if docs else ():
                matched[doc] += 1
        scored = [(doc, matched[doc] * MATCHED + bm25) for doc, bm25 in pool]
        for doc, score in sorted(scored, key=lambda ds: (-ds[1], ds[0]))[:want]:
            self.found.append((doc, score))
            self.seen.add(doc)


def reorder(index: Index, ranked: list[tuple[int, float]], terms: list[Term]) -> list[tuple[int, float]]:
    """Break ties within the pool: query words side by side in the text (either order)
    say more than the same words far apart ('risk assessment', 'assessing risk'), and
    query words in the heading, section or topic say a little."""
    texts = index.doc_texts([d for d, _ in ranked])
    contexts = index.contexts([d for d, _ in ranked])
    term_of = {s: i for i, t in enumerate(terms) for s in t.stems}
    rescored = []
    for doc, score in ranked:
        # Stop words between two query words do not separate them ('health and safety').
        marks = [term_of.get(stem(w)) for w in words(texts[doc]) if w not in STOP_WORDS]
        pairs = {frozenset((a, b)) for a, b in zip(marks, marks[1:], strict=False)
                 if a is not None and b is not None and a != b}  # fmt: skip
        around = {term_of.get(stem(w)) for w in words(contexts.get(doc, ""))} - {None}
        rescored.append((doc, score + PROXIMITY_BONUS * len(pairs) + CONTEXT_BONUS * len(around)))
    return sorted(rescored, key=lambda kv: (-kv[1], kv[0]))


def related_terms(index: Index, terms: list[Term]) -> list[tuple[frozenset[int], Term]]:
    """For each thesaurus key the query says (its content words, in order, side by side):
    the query terms it covers and a term satisfied by any phrase related to it (``related``
    in the thesaurus: synonyms, narrower and broader terms), at RELATED_WEIGHT."""
    said = [t.stems[0] for t in terms]
    typed = {s for t in terms for s in t.stems}
    out = []
    for key, phrases in index.related().items():
        wanted = key.split()
        for i in range(len(said) - len(wanted) + 1):
            if said[i : i + len(wanted)] == wanted:
                # A phrase of words typed ("involvement" in a query that says "involving": one
                # stem) adds nothing, and would be named as what matched.
                phrases = [(p, label) for p, label in phrases if not set(p) - STOP_WORDS <= typed]
                if not phrases:
                    break
                content = dict.fromkeys(s for p, _ in phrases for s in p if s not in STOP_WORDS)
                alternatives = tuple((p, RELATED_WEIGHT, label) for p, label in phrases)
                out.append(
                    (frozenset(range(i, i + len(wanted))), Term(key, tuple(content), phrases=alternatives))
                )
                break
    return out


def _related_found(hit_text: str, terms: list[Term]) -> list[str]:
    """Which related phrases a text says."""
    from cwframe.search.analyse import terms as stems_of

    have = stems_of(hit_text)
    found = []
    for term in terms:
        for phrase, _, label in term.phrases:
            n = len(phrase)
            if label not in found and any(tuple(have[i : i + n]) == phrase for i in range(len(have) - n + 1)):
                found.append(label)
    return found


def search(index: Index, text: str, *, limit: int = 20, filters: dict[str, str] | None = None,
           collapse: bool = True, also_in: int | None = None) -> SearchResult:  # fmt: skip
    """Ranked statements for a query; ``also_in`` caps the other places listed per hit."""
    query = parse(index, text)
    allowed = index.allowed_docs(filters or {})
    corrections = {t.text: t.corrected_to for t in query.terms if t.corrected_to}
    if not query.terms:
        return SearchResult(text, [], corrections, query.unknown, query.stop_words_only)
    phrases = [index.phrase_query(p) for p in query.phrases]
    related = [] if query.phrases else related_terms(index, query.terms)  # a quoted query means its words
    # Ties are broken in a pool of candidates a few times larger than the page.
    pool = max(limit * 3, 30)
    ranked = reorder(index, rank(index, query.terms, pool, allowed, phrases, related), query.terms)
    stems = {s for t in query.terms for s in t.stems} | {s for _, t in related for s in t.stems}
    shown = [(doc, ranking_score(score)) for doc, score in ranked]
    found = hits(index, shown, stems, filters or {}, collapse, limit, also_in)
    for hit in found if related else ():
        hit.related = _related_found(hit.text, [t for _, t in related])
    return SearchResult(text, found, corrections, query.unknown, sentence=len(query.terms) >= LONG_QUERY)


def ranking_score(score: float) -> float:
    """The score a hit shows: its ranking, as one number that falls with rank.

    The whole part counts the words matched in the text, the fraction grows with the
    rest r (BM25 and the tie-breaks) as r / (r + 10). Showing BM25 alone made a hit
    with fewer words matched but a higher BM25 look better than the hits above it.
    """
    matched, strength = divmod(score, MATCHED)
    return round(matched + strength / (strength + 10), 4)
