"""How hits are ordered: the ranking layer over the engine (testable on its own).

1. **More of the query's words in the text first, rarer words counting for more.**
   Each word weighs its rarity (idf, scaled so that the query's words average 1; a
   real word no statement says is the rarest), and a doc whose text says words of
   more weight ranks above one that says less, whatever their BM25. The engine is
   asked level by level: every word (a conjunction, cheap in tantivy), then the ways
   of leaving words out, heaviest first, each level excluding the docs found above
   it, until enough are found. A long query whose levels would take too many
   conjunctions finishes with one disjunction, its words weighed per doc. A word said
   only in another form sharing its stem ('adopt' for 'adoption') counts for
   ``FORM_WEIGHT`` of it.
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
5. **By meaning** (``--semantic``, search/vectors.py): each query word's nearest words in
   the corpus (up to ``SIMILAR_K``, cosine at least ``SIMILAR_MIN`` and close to the
   nearest's; not another form of the word, not a word most statements say) count as its
   related phrases, like the thesaurus's ('drinking': alcohol), and the statements nearest
   the whole query (up to ``MEANING_K``, cosine at least ``MEANING_MIN``) come after every
   statement found by its words: a statement saying none of the words can be found.

A doc's score is ``LEVEL`` per tenth of the weight of the words its text says plus
the rest; :func:`ranking_score` turns that into the number users see.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Protocol

from cwframe.search.analyse import stem, words
from cwframe.search.engine import (
    FORM_WEIGHT,
    STOP_WORDS,
    Index,
    SearchResult,
    Term,
    all_of,
    any_of,
    hits,
    parse,
)

LEVEL = 1000.0  # per tenth of the weight of the query words a doc's text says; above any BM25 sum
PROXIMITY_BONUS = 2.0  # per pair of query words that stand side by side in the text
CONTEXT_BONUS = 0.5  # per query word in the heading, section or topic around the text
CONTEXT_WEIGHT = 0.3  # BM25 of words only in the context, relative to the text
MAX_CONJUNCTIONS = 16  # in all; a longer query's remaining levels are one disjunction
RELATED_WEIGHT = 0.5  # a thesaurus phrase related to the query's words, relative to the words
LONG_QUERY = 4  # words (stop words aside) from which a query is read as a sentence
COMMON_SHARE = 0.15  # of all docs: a word more of them say than this is common in a long query
MEANING_K = 10  # statements brought in by meaning, at most
MEANING_MIN = 0.5  # the least cosine with the query of a statement brought in by meaning
SIMILAR_K = 3  # a query word's nearest words in the corpus taken as its related phrases, at most
SIMILAR_MIN = 0.65  # the least cosine of such a word with the query word
SIMILAR_WINDOW = 0.1  # and at most this much below the nearest word's (taken or not)


class Meaning(Protocol):
    """Search by meaning (search/vectors.py)."""

    def statements(
        self, text: str, k: int, excluded: set[int], minimum: float
    ) -> list[tuple[int, float]]: ...

    def words(self, word: str, k: int, minimum: float) -> list[tuple[str, float]]: ...


def rank(index: Index, terms: list[Term], k: int, allowed: set[int] | None = None, required: list = (),
         related: list[tuple[frozenset[int], Term]] = (), standing: list[tuple[int, Term]] = ()
         ) -> list[tuple[int, float]]:  # fmt: skip
    """The k best (doc, score) for the terms, best first; ``required`` queries (phrases)
    are matched by every doc, ``allowed`` (a filter's docs) restricts them. A ``related``
    term (covering some of the terms) ranks the docs that say it in place of the words
    it covers, with every other word, just below those that say every word; in a
    sentence, one covering a single word counts as that word at every level. A term
    without stems (a real word no statement says) matches nothing but weighs in, unless
    ``standing`` gives a term to stand in for it (its words by meaning), at RELATED_WEIGHT."""
    sentence = len(terms) >= LONG_QUERY
    common = _common_words(index, terms)
    if common:  # they add their BM25 to any doc the other words find, and never count as matched
        position = {i: j for j, i in enumerate(i for i, t in enumerate(terms) if t not in common)}
        related = [(frozenset(position[i] for i in covered if i in position), t) for covered, t in related]
        standing = [(position[i], t) for i, t in standing if i in position]
        terms = [t for t in terms if t not in common]
    ranking = _Levels(index, k, allowed, list(required), [index.term_query(t) for t in common])
    said = [index.term_query(t) if t.stems else None for t in terms]
    weight = weights(index, terms)
    everything = _units(sum(weight))
    words_typed = len(terms)
    # A word's stand-in counts as a word of its own, for RELATED_WEIGHT of the word it stands for.
    for i, term in standing:
        terms = [*terms, term]
        said.append(index.term_query(term))
        weight.append(weight[i] * RELATED_WEIGHT)
    n = len(terms)
    if sentence:
        # A sentence is about its topic: a word's related phrase ("participation" for
        # "involving") stands in for the word at every level, not only just below the top.
        for covered, term in related:
            if len(covered) == 1:
                (i,) = covered
                said[i] = (
                    index.term_query(term) if said[i] is None else any_of([said[i], index.term_query(term)])
                )
        related = [(covered, term) for covered, term in related if len(covered) != 1]
    # Just below every word: a related phrase in place of the words it covers (half the lightest word short).
    related_units = max(1, everything - max(1, _units(min(weight, default=1.0) / 2)))

    def take_related() -> None:
        """Docs saying a related phrase and every word it does not stand for, ranked just
        below the docs saying every word."""
        for covered, term in related:
            others = [said[i] for i in range(words_typed) if i not in covered]
            if any(q is None for q in others):
                continue  # a word it does not stand for is said nowhere
            ranking.take(
                all_of([index.term_query(term), *others]), lambda _doc, bm25: related_units * LEVEL + bm25
            )

    subsets = sorted((s for m in range(n, 0, -1) for s in combinations(range(n), m)
                      if all(said[i] is not None for i in s)),
                     key=lambda s: (-sum(weight[i] for i in s), s))  # fmt: skip
    asked = 0
    related_taken = n == 1
    i = 0
    while i < len(subsets):
        units = _units(sum(weight[j] for j in subsets[i]))
        same = [s for s in subsets[i:] if _units(sum(weight[j] for j in s)) == units]
        i += len(same)
        if not related_taken and units < everything:
            related_taken = True
            take_related()
        if ranking.full():
            return ranking.found
        if asked and asked + len(same) > MAX_CONJUNCTIONS:
            ranking.by_words_matched(any_of([q for q in said if q is not None]), terms, weight)
            break
        asked += len(same)
        level = any_of([all_of([said[j] for j in subset]) for subset in same])
        ranking.take(level, lambda _doc, bm25, units=units: units * LEVEL + bm25)
    if not related_taken:
        take_related()
    if n == 1:  # a one-word query: after every statement saying the word
        take_related()
    if not ranking.full() and any(t.stems for t in terms):  # the words only in the heading, section or topic
        context = any_of([index.term_query(t, "context") for t in terms if t.stems])
        ranking.take(context, lambda _doc, bm25: CONTEXT_WEIGHT * bm25)
    return ranking.found


def weights(index: Index, terms: list[Term]) -> list[float]:
    """Each term's weight: its rarity (idf over the docs' texts), scaled so that the terms
    average 1. A word no statement says is rarer than any the corpus has."""
    from cwframe.search.index import EXPANDED

    idf = []
    for term in terms:
        df = sum(index.doc_freq(s) + index.doc_freq(EXPANDED + s) for s in term.stems[:PREFIX_DF_STEMS])
        idf.append(math.log(1 + index.docs / (1 + min(df, index.docs))))
    mean = sum(idf) / len(idf) if idf else 1.0
    return [x / mean for x in idf] if mean else [1.0] * len(idf)


PREFIX_DF_STEMS = 8  # a prefix's rarity is read from its first (most frequent) words


def _units(weight: float) -> int:
    """A weight in tenths: levels of equal weight are asked together."""
    return round(weight * 10)


def _common_words(index: Index, terms: list[Term]) -> list[Term]:
    """In a long query (a question, a sentence), the words most statements say ('children',
    'young', 'people'): counting them would rank any statement about children above one
    about the query's point. None when every word is common, or the query is short."""
    if len(terms) < LONG_QUERY:
        return []
    common = [
        t
        for t in terms
        if t.stems and not t.phrases and index.doc_freq(t.stems[0]) > COMMON_SHARE * index.docs
    ]
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

    def by_words_matched(self, query, terms: list[Term], weight: list[float]) -> None:  # noqa: ANN001
        """The rest of a long query: a pool by BM25 over any of its words, ordered by the
        weight of those each text says (asked of the index, word by word), then BM25."""
        want = self.k - len(self.found)
        pool = self._new(query, want * 4)
        docs = [d for d, _ in pool]
        matched = dict.fromkeys(docs, 0.0)
        for term, w in zip(terms, weight, strict=True):
            for doc in self.index.matching(term, docs) if docs and term.stems else ():
                matched[doc] += w
        scored = [(doc, _units(matched[doc]) * LEVEL + bm25) for doc, bm25 in pool]
        for doc, score in sorted(scored, key=lambda ds: (-ds[1], ds[0]))[:want]:
            self.found.append((doc, score))
            self.seen.add(doc)


@dataclass
class Evidence:
    """What a doc's text says of the query: the terms it says (as typed, or only in
    another form) and the level its words make."""

    matched: list[int]  # term positions
    forms: dict[int, str]  # term position -> the other form said instead


def evidence(index: Index, docs: list[int], terms: list[Term]) -> dict[int, Evidence]:
    """For each doc, the query terms its text says (asked of the index, so acronyms and
    their expansions count) and, for a term with other forms in the corpus, whether it
    says only another form ('adopt' for 'adoption': the word its text has)."""
    out = {d: Evidence([], {}) for d in docs}
    if not docs:
        return out
    checked = [i for i, t in enumerate(terms) if t.exact]
    vocabulary = _doc_words(index, docs) if checked else {}
    for i, term in enumerate(terms):
        if not term.stems:
            continue
        for doc in sorted(index.matching(term, docs)):
            out[doc].matched.append(i)
            if term.exact and not term.exact & vocabulary[doc].keys():
                forms = [w for w, s in vocabulary[doc].items() if s in term.stems]
                if forms:
                    out[doc].forms[i] = forms[0]
    for e in out.values():
        e.matched.sort()
    return out


def _doc_words(index: Index, docs: list[int]) -> dict[int, dict[str, str]]:
    """doc -> {folded word of its text or name: stem}, in text order."""
    texts = index.doc_texts(docs)
    names = dict(
        index.select_in("SELECT doc, name FROM entries WHERE doc IN ({marks}) AND name IS NOT NULL", docs)
    )
    said = {d: words(f"{texts[d]} {names.get(d) or ''}") for d in docs}
    vocabulary = list({w for ws in said.values() for w in ws})
    stem_of = dict(index.select_in("SELECT word, stem FROM words WHERE word IN ({marks})", vocabulary))
    return {d: {w: stem_of.get(w, "") for w in ws} for d, ws in said.items()}


def reorder(index: Index, ranked: list[tuple[int, float]], terms: list[Term], weight: list[float] | None = None,
            found: dict[int, Evidence] | None = None) -> list[tuple[int, float]]:  # fmt: skip
    """Break ties within the pool: query words side by side in the text (either order)
    say more than the same words far apart ('risk assessment', 'assessing risk'), and
    query words in the heading, section or topic say a little. A doc ranked by its
    words that says one only in another form (``found``) drops by what that form lacks."""
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
        e = (found or {}).get(doc)
        if e and e.forms and weight and int(score // LEVEL) == _units(sum(weight[i] for i in e.matched)):
            score -= LEVEL * _units(sum(weight[i] for i in e.forms) * (1 - FORM_WEIGHT))
        rescored.append((doc, score + PROXIMITY_BONUS * len(pairs) + CONTEXT_BONUS * len(around)))
    return sorted(rescored, key=lambda kv: (-kv[1], kv[0]))


def related_terms(index: Index, terms: list[Term], sequence: list[str] | None = None
                  ) -> list[tuple[frozenset[int], Term]]:  # fmt: skip
    """For each thesaurus key the query says (its content words, in order, side by side):
    the query terms it covers and a term satisfied by any phrase related to it (``related``
    in the thesaurus: synonyms, narrower and broader terms), at RELATED_WEIGHT.
    ``sequence`` (the query's content words as stems, a word no statement says too; one
    per term) is what keys are matched against; by default the terms' own stems."""
    said = sequence if sequence is not None else [t.stems[0] if t.stems else "" for t in terms]
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


def similar_terms(index: Index, terms: list[Term], meaning: Meaning) -> list[tuple[frozenset[int], Term]]:
    """For each query word, its nearest words in the corpus by meaning, as related phrases
    (at RELATED_WEIGHT, like the thesaurus's): within SIMILAR_WINDOW of the nearest; not another
    form of the word (its stems: 'fosters' is not near 'fostering' by meaning but by spelling, and
    says something else), not a word more than COMMON_SHARE of the statements say; none for a
    prefix or a common query word."""
    if not SIMILAR_K:
        return []
    out = []
    for i, term in enumerate(terms):
        word = _typed(term)
        if term.phrases or word.endswith("*") or not word.isalpha():
            continue
        if term.stems and index.doc_freq(term.stems[0]) > COMMON_SHARE * index.docs:
            continue
        own = {*term.stems, stem(word)}
        phrases = []
        near = meaning.words(word, SIMILAR_K + 4, SIMILAR_MIN)
        for other, cosine in near:
            if cosine < near[0][1] - SIMILAR_WINDOW:  # far below the nearest ('kids': children, not parents)
                break
            other_stem = index.stem_of(other)
            if not other_stem or other_stem in own or index.doc_freq(other_stem) > COMMON_SHARE * index.docs:
                continue
            own.add(other_stem)
            phrases.append(((other_stem,), RELATED_WEIGHT, other))
            if len(phrases) == SIMILAR_K:
                break
        if phrases:
            out.append((frozenset({i}), Term(word, tuple(p[0][0] for p in phrases), phrases=tuple(phrases))))
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
           collapse: bool = True, also_in: int | None = None, meaning: Meaning | None = None) -> SearchResult:  # fmt: skip
    """Ranked statements for a query; ``also_in`` caps the other places listed per hit;
    ``meaning`` (search by meaning) brings in words and statements near the query's meaning."""
    query = parse(index, text)
    allowed = index.allowed_docs(filters or {})
    corrections = {t.text: t.corrected_to for t in query.terms if t.corrected_to}
    absent = query.absent
    terms = query.terms
    related = (
        [] if query.phrases else related_terms(index, terms, query.sequence)
    )  # a quoted query means its words
    if '"' in text or query.stop_words_only:
        meaning = None  # a quoted phrase means its words; stop words mean nothing
    similar: dict[str, str] = {}  # a word near a query word's meaning -> that query word
    standing: list[tuple[int, Term]] = []
    if meaning is not None:
        near = similar_terms(index, terms, meaning)
        # A word no statement says is replaced by its words by meaning at every level; another
        # word's come just below the statements saying every word, as related phrases do.
        standing = [(min(covered), t) for covered, t in near if not terms[min(covered)].said
                    or not terms[min(covered)].stems]  # fmt: skip
        related = related + [(covered, t) for covered, t in near if (min(covered), t) not in standing]
        thesaurus = {label for _, t in related for _, _, label in t.phrases}  # says it first
        similar = {label: _typed(terms[min(covered)]) for covered, t in near for _, _, label in t.phrases
                   if label not in thesaurus}  # fmt: skip
    if not any(t.stems for t in terms) and not related and meaning is None:
        return SearchResult(text, [], corrections, query.unknown, query.stop_words_only, absent=absent,
                            words=[_typed(t) for t in terms])  # fmt: skip
    phrases = [index.phrase_query(p) for p in query.phrases]
    # Ties are broken in a pool of candidates a few times larger than the page (larger when
    # a word has other forms: those saying it as typed must be among them).
    pool = max(limit * 3, 30) * (3 if any(t.exact for t in terms) else 1)
    searchable = any(t.stems for t in terms) or related or standing
    ranked = rank(index, terms, pool, allowed, phrases, related, standing) if searchable else []
    common = _common_words(index, terms)
    ranking_terms = [t for t in terms if t not in common]
    weight = weights(index, ranking_terms)
    if any(t.exact for t in ranking_terms):  # a word with other forms: who says it as typed decides
        forms = evidence(index, [d for d, _ in ranked], ranking_terms)
        ranked = reorder(index, ranked, ranking_terms, weight, forms)
    else:
        ranked = reorder(index, ranked, ranking_terms)
    by_meaning: dict[int, float] = {}
    if meaning is not None and MEANING_K:
        # The last level, below every statement found by its words (or its heading): a static
        # vector says less than a word does (at the related phrases' level they cost the own
        # meaning queries 0.39 -> 0.35 nDCG@10, docs/meaning.md). The score shown is under 0.1.
        by_meaning = dict(meaning.statements(as_meant(text, corrections), MEANING_K, {d for d, _ in ranked},
                                             MEANING_MIN))  # fmt: skip
        ranked = ranked + [(d, 10 * c / (1 - c) if c < 1 else 1e6) for d, c in by_meaning.items()]
    stems = {s for t in terms for s in t.stems} | {s for _, t in [*related, *standing] for s in t.stems}
    shown = [(doc, ranking_score(score)) for doc, score in ranked]
    out = hits(index, shown, stems, filters or {}, collapse, limit, also_in)
    doc_of = dict(index.select_in("SELECT sid, doc FROM entries WHERE sid IN ({marks})", [h.id for h in out]))
    found = evidence(index, sorted({doc_of[h.id] for h in out}), terms)
    for hit in out:
        e = found[doc_of[hit.id]]
        hit.matched = [_typed(terms[i]) for i in e.matched]
        hit.forms = {_typed(terms[i]): form for i, form in e.forms.items()}
        if related or standing:
            said = _related_found(hit.text, [t for _, t in related] + [t for _, t in standing])
            hit.related = [label for label in said if label not in similar]
            hit.similar = {label: similar[label] for label in said if label in similar}
        if doc_of[hit.id] in by_meaning:
            hit.meaning = round(by_meaning[doc_of[hit.id]], 3)
    # A doc saying every word as typed ranks first: the first hit tells whether one does.
    every = {i for i, t in enumerate(terms) if t not in common}
    top = found[doc_of[out[0].id]] if out else None
    partial = len(terms) > 1 and not (top and every <= set(top.matched) - set(top.forms))
    return SearchResult(text, out, corrections, query.unknown, sentence=len(terms) >= LONG_QUERY, absent=absent,
                        partial=partial, words=[_typed(t) for t in terms])  # fmt: skip


def as_meant(text: str, corrections: dict[str, str]) -> str:
    """The query as searched: each corrected word replaced by its correction."""
    import re

    for typed, meant in corrections.items():
        text = re.sub(rf"(?i)\b{re.escape(typed)}\b", meant, text)
    return text


def _typed(term: Term) -> str:
    """A term as the user meant it: the word typed, or its correction."""
    return term.corrected_to or term.text


def ranking_score(score: float) -> float:
    """The score a hit shows: its ranking, as one number that falls with rank.

    The part in tenths is the weight of the query words the text says (words weigh
    their rarity and average 1, so a statement saying every word of a three-word query
    scores about 3), the hundredths grow with the rest r (BM25 and the tie-breaks) as
    r / (r + 10) / 10. Showing BM25 alone made a hit with fewer words matched but a
    higher BM25 look better than the hits above it.
    """
    units, strength = divmod(score, LEVEL)
    return round(units / 10 + 0.0999 * strength / (strength + 10), 4)
