"""Scoring statement pairs: TF-IDF over word stems and thesaurus concepts, explained.

Plain word overlap fails on this material: 'young people', 'integrated working'
and 'practice' are everywhere, while one idea is worded differently across
frameworks. So each statement becomes a sparse vector of

* word stems (stop words dropped), weighted (1 + ln tf) × idf, idf computed over
  both sides together so that ubiquitous words count for little;
* thesaurus concepts (data/thesaurus.yaml: 'multi-disciplinary' and
  'inter-professional' both give the concept 'multi-agency working'), which count
  as one shared term each and are shown as evidence;
* the heading, section and topic around the statement at a small weight (they
  inform the score, they never filter).

A pair scores the cosine of the two vectors, or — for long, multi-topic target
rows — 0.9 × the cosine with the row's best sentence, whichever is higher (the
matched sentence is reported). Where the source has a tier and the target a level,
each step of level difference costs 12 % of the score (an unlevelled target,
such as a sector specialism, two steps), a single shared term 30 %,, and a match at the aligned
level says so.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import compress
from pathlib import Path

from cwframe.crosswalk.structure import Placed, arrange, family_members, statement_kind
from cwframe.search.analyse import stem, words

# English function words: the Snowball project's English stop list, with the modal and linking
# words it leaves out ("can", "may", "through" it has; "also", "within", "via" it has not).
FUNCTION_WORDS = frozenset(
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself "
    "it its itself they them their theirs themselves what which who whom this that these those am is are was were be "
    "been being have has had having do does did doing would should could ought a an the and but if or because as "
    "until while of at by for with about against between into through during before after above below to from up "
    "down in out on off over under again further then once here there when where why how all any both each few more "
    "most other some such no nor not only own same so than too very can will just may must might shall also within "
    "upon via across whether without towards toward among amongst etc including".split()
)
STOP = FUNCTION_WORDS | frozenset(
    "ensure work working support young people person individuals children child families family use used using able "
    "demonstrates demonstrate understands understand understanding knows know knowledge aware awareness uses role make "
    "ability skill skills effective effectively appropriate appropriately relevant ensures others ways way setting".split()
)  # and the frameworks' own boilerplate: every statement 'demonstrates' or 'understands' something
CONTEXT_WEIGHT = 0.3
SENTENCE_FACTOR = 0.9
SINGLE_TERM_FACTOR = 0.7  # one shared word is weak evidence, however rare the word
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Thesaurus:
    """Concept phrases (as stem sequences) and source tiers, from data/thesaurus.yaml and a user file."""

    concepts: dict[str, list[tuple[str, ...]]]
    tiers: dict[str, str]
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # A context's terms, by its text: the statements of a section share one (bounded: cleared when full).
    contexts: dict[str, tuple[Counter[str], dict[str, str]]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # Phrases indexed by their first stem: one pass over a text finds them all.
        for name, phrases in self.concepts.items():
            for phrase in phrases:
                if phrase:
                    self.by_first.setdefault(phrase[0], []).append((phrase, name))

    @classmethod
    def load(cls, extra: Path | None = None) -> Thesaurus:
        from cwframe.search.index import THESAURUS, read_thesaurus

        concepts: dict[str, list[tuple[str, ...]]] = {}
        tiers: dict[str, str] = {}
        for path in [THESAURUS, *([extra] if extra else [])]:
            data = read_thesaurus(path)
            for name, phrases in (data.get("concepts") or {}).items():
                concepts.setdefault(name, []).extend(
                    tuple(stem(w) for w in compound_words(p)) for p in phrases
                )
            tiers.update({str(k): str(v) for k, v in (data.get("tiers") or {}).items()})
        return cls(concepts, tiers)

    def concept_hits(self, stems: list[str]) -> set[str]:
        """The concepts a text names (its words still count on their own too: measured better)."""
        found: set[str] = set()
        for i, first in enumerate(stems):
            for phrase, name in self.by_first.get(first, ()):
                if name not in found and tuple(stems[i : i + len(phrase)]) == phrase:
                    found.add(name)
        return found


@dataclass
class Doc:
    """A statement ready to score: its vector(s) and what to show as evidence."""

    id: str
    framework: str
    text: str
    name: str | None
    group: str | None
    level: str | None
    tier: str | None
    terms: Counter[str]
    surface: dict[str, str]  # stem -> a word as printed, for evidence
    sentences: list[tuple[str, Counter[str]]] = field(default_factory=list)
    kind: str | None = None  # 'knowledge' or 'skill' (cwframe.crosswalk.structure)
    family: str = ""  # one row printed at several levels or in several categories
    body: frozenset[str] = frozenset()  # the terms of its own words (not of its heading): evidence


@dataclass(frozen=True)
class Method:
    """Which parts of the scoring are on (compared on the gold set)."""

    name: str = "tfidf"
    concepts: bool = True
    sentences: bool = True
    levels: bool = True
    context: bool = True
    kinds: bool = True
    semantic: bool = False  # blend in embedding similarity (cwframe.crosswalk.semantic, an extra)


METHODS = {
    "tfidf": Method(),
    "plain": Method("plain", concepts=False, sentences=False, levels=False, context=False, kinds=False),
    "semantic": Method("semantic", semantic=True),
}


# Prefixes that change or merely spell a word make one word with it: 'anti-discriminatory' is not
# 'discriminatory', 'non-judgemental' not 'judgemental', 'co-ordinate' is 'coordinate', 'well-being'
# 'wellbeing'; and a 'multi-disciplinary' team is not HR's 'disciplinary'. Other prefixes keep their
# head word ('multi-agency' still says 'agency').
_COMPOUND = re.compile(r"\b(anti|non|co|re|well|pre|post|sub|semi|extra|intra|(?:multi|inter|cross)(?=[-\u2010\u2011]discipl))"
                       r"[-\u2010\u2011](?=[a-z])", re.IGNORECASE)  # fmt: skip


def compound_words(text: str) -> list[str]:
    """The words of a text, prefixed compounds joined (see _COMPOUND)."""
    return words(_COMPOUND.sub(r"\1", text))


def _terms(
    text: str, thesaurus: Thesaurus | None, weight: float = 1.0
) -> tuple[Counter[str], dict[str, str]]:
    ws = compound_words(text)
    stems = [stem(w) for w in ws]
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for w, s in zip(ws, stems, strict=True):
        if w in STOP or len(w) < 3 or w.isdigit():
            continue
        counts[s] += weight
        surface.setdefault(s, w)
    if thesaurus is not None:
        for concept in thesaurus.concept_hits(stems):
            counts[f"§{concept}"] += weight
            surface[f"§{concept}"] = concept
    return counts, surface


CONTEXTS_KEPT = 1_000  # ~2 KB each; a directory is read unit by unit, so its sections come in runs


def _context_terms(context: str, thesaurus: Thesaurus, concepts: bool) -> tuple[Counter[str], dict[str, str]]:
    """The terms of a statement's heading, section and topic, at CONTEXT_WEIGHT; read-only (shared).
    Cached on the thesaurus: a directory's statements are a few thousand contexts, read twice."""
    key = f"{concepts:d}{context}"
    found = thesaurus.contexts.get(key)
    if found is None:
        if len(thesaurus.contexts) >= CONTEXTS_KEPT:
            thesaurus.contexts.clear()
        found = thesaurus.contexts[key] = _terms(context, thesaurus if concepts else None, CONTEXT_WEIGHT)
    return found


def make_doc(*, id: str, framework: str, text: str, name: str | None = None, heading: str | None = None,
             section: str | None = None, topic: str | None = None, level: str | None = None, tier: str | None = None,
             thesaurus: Thesaurus, method: Method, target: bool = False, kind: str = "",
             family: str | None = None) -> Doc:  # fmt: skip
    """A statement ready to score. Only targets are split into sentences (sources never are); a
    target's ``family`` comes from its framework's structure (cwframe.crosswalk.structure.families)."""
    concepts = thesaurus if method.concepts else None
    body = f"{name}. {text}" if name else text
    terms, surface = _terms(body, concepts)
    own = frozenset(terms)
    if method.context:
        context = " ".join(x for x in (heading, section, topic) if x)
        extra, more = _context_terms(context, thesaurus, concepts is not None)
        terms.update(extra)
        for k, v in more.items():
            surface.setdefault(k, v)
    doc = Doc(id, framework, text, name, section or heading, level, tier, terms, surface,
              kind=statement_kind(kind, text), family=family or id, body=own)  # fmt: skip
    if target and method.sentences:
        parts = [p for p in _SENTENCE.split(text) if len(p.split()) >= 4]
        if len(parts) > 1:
            doc.sentences = [(p, _terms(p, concepts)[0]) for p in parts]
    return doc


class Scorer:
    """TF-IDF cosine between source and target docs, with an inverted index over targets."""

    def __init__(self, targets: list[Doc], method: Method, df: Counter[str], documents: int) -> None:
        """``df`` and ``documents``: document frequencies over both sides (so idf discounts what is everywhere)."""
        self.method = method
        self.idf = {t: math.log(1 + documents / c) for t, c in df.items()}
        self.targets = targets
        self.vectors = [self._vector(t.terms) for t in targets]
        self.sentence_vectors = [[(s, self._vector(c)) for s, c in t.sentences] for t in targets]
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(targets):
            for term in t.terms:
                self.index[term].append(i)
            for _, counts in t.sentences:
                for term in counts:
                    if i not in self.index[term][-1:]:
                        self.index[term].append(i)

    embeddings: tuple[dict[str, list[float]], list[list[float]]] | None = None  # (by source id, per target)

    def _blend(
        self, source: Doc, scored: list[tuple[float, int, int | None]]
    ) -> list[tuple[float, int, int | None]]:
        """Every target, scored ALPHA × TF-IDF + (1 − ALPHA) × embedding cosine (meaning without shared words)."""
        from cwframe.crosswalk.semantic import ALPHA, cosines

        by_source, by_target = self.embeddings
        lexical = {i: (value, sentence) for value, i, sentence in scored}
        similar = cosines(by_source[source.id], by_target)
        return [(ALPHA * lexical.get(i, (0.0, None))[0] + (1 - ALPHA) * max(similar[i], 0.0), i,
                 lexical.get(i, (0.0, None))[1]) for i in range(len(self.targets))]  # fmt: skip

    @classmethod
    def over(cls, sources: list[Doc], targets: list[Doc], method: Method) -> Scorer:
        """A scorer whose idf counts both sides."""
        df: Counter[str] = Counter()
        for d in (*sources, *targets):
            df.update(set(d.terms))
        return cls(targets, method, df, len(sources) + len(targets))

    def _vector(self, counts: Counter[str]) -> tuple[dict[str, float], float]:
        weights = {t: (1 + math.log(c)) * self.idf.get(t, 1.0) if c >= 1 else c * self.idf.get(t, 1.0)
                   for t, c in counts.items()}  # fmt: skip
        return weights, math.sqrt(sum(w * w for w in weights.values())) or 1.0

    def _postings(self) -> None:
        """term -> [(target, weight)] and term -> [(sentence number, weight)], built once. Sentences
        are numbered densely across targets, so a source's dot products accumulate in plain lists
        (measured: 1.3x faster scoring than dicts keyed by target, on a directory-sized corpus)."""
        self.full_postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.sentence_postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.inverse_norms = [1.0 / norm for _, norm in self.vectors]
        self.members_of = family_members(self.targets)
        # Sentence number -> (target, which of its sentences, 1 / the sentence's norm).
        self.sentences_at: list[tuple[int, int, float]] = []
        for i, (weights, _) in enumerate(self.vectors):
            for term, w in weights.items():
                self.full_postings[term].append((i, w))
        for i, sentences in enumerate(self.sentence_vectors):
            for j, (_, (weights, norm)) in enumerate(sentences):
                for term, w in weights.items():
                    self.sentence_postings[term].append((len(self.sentences_at), w))
                self.sentences_at.append((i, j, 1.0 / norm))

    def score(self, source: Doc, top: int, learner=None, copies: frozenset[str] = frozenset()):  # noqa: ANN001, ANN201
        """The best targets: (score, target index, matched sentence or None, shared terms by weight,
        the structural rules that moved it). Evidence is worked out for the top targets only.
        ``learner`` (cwframe.crosswalk.learn.Learner): decisions that re-weigh and bring in targets."""
        weights, scored = self._raw(source)
        learnt: dict[str, tuple[str, ...]] = {}
        if learner is not None:
            if not hasattr(self, "by_id"):
                self.by_id = {t.id: i for i, t in enumerate(self.targets)}
            scored, learnt = learner.adjust(source, scored, self.targets, self.members_of, self.by_id, copies)
        # The frameworks' structure picks among the candidates: row families, levels, kinds.
        placed = arrange(source, scored, self.targets, levels=self.method.levels, kinds=self.method.kinds, top=top,
                         members_of=self.members_of, learnt=learnt)  # fmt: skip
        return self._explain(source, weights, placed[:top])

    def pair(self, source: Doc, index: int) -> tuple[float, int, str | None, list[str], tuple[str, ...]]:
        """One given target scored as if it were the only candidate: a reviewer's own pick, which
        the ranking may not list (its family's other member was chosen, or it ranks lower)."""
        weights, scored = self._raw(source)
        mine = [c for c in scored if c[1] == index] or [(0.0, index, None)]
        placed = arrange(source, mine, self.targets, levels=self.method.levels, kinds=self.method.kinds,
                         members_of=self.members_of)  # fmt: skip
        return self._explain(source, weights, placed)[0]

    def _raw(self, source: Doc) -> tuple[dict[str, float], list[tuple[float, int, int | None]]]:
        """The source's term weights, and (score, target index, sentence) for every target sharing a term.

        Dot products accumulate through postings (cost: the postings of the source's terms).
        """
        if not hasattr(self, "full_postings"):
            self._postings()
        weights, norm = self._vector(source.terms)
        dot, shared = [0.0] * len(self.targets), [0] * len(self.targets)
        sentence_dot, sentence_shared = [0.0] * len(self.sentences_at), [0] * len(self.sentences_at)
        full_postings, sentence_postings = self.full_postings, self.sentence_postings
        for term, w in weights.items():
            for i, tw in full_postings.get(term, ()):
                dot[i] += w * tw
                shared[i] += 1
            for k, sw in sentence_postings.get(term, ()):
                sentence_dot[k] += w * sw
                sentence_shared[k] += 1
        inverse = 1.0 / norm
        best_sentence: dict[int, tuple[float, int, int]] = {}  # target -> (score, its sentence, words shared)
        sentences_at, factor = self.sentences_at, SENTENCE_FACTOR * inverse
        for k in compress(range(len(sentence_shared)), sentence_shared):  # the sentences sharing a word
            count = sentence_shared[k]
            if count >= 2:  # one shared word is not a matching sentence
                i, j, inverse_norm = sentences_at[k]
                scaled = factor * sentence_dot[k] * inverse_norm
                if scaled > best_sentence.get(i, (-1.0, 0, 0))[0]:
                    best_sentence[i] = (scaled, j, count)
        scored = []
        inverse_norms = self.inverse_norms
        # A target whose sentence shares words shares them as a whole too (its text holds the sentence).
        for i in compress(range(len(shared)), shared):  # the targets sharing a word
            count, sentence = shared[i], None
            best = dot[i] * inverse * inverse_norms[i]
            if i in best_sentence and best_sentence[i][0] > best:
                best, sentence, count = best_sentence[i]
            if count < 2:
                best *= SINGLE_TERM_FACTOR
            scored.append((best if best < 1.0 else 1.0, i, sentence))
        if self.method.semantic and self.embeddings is not None:
            scored = self._blend(source, scored)
        return weights, scored

    def _explain(
        self, source: Doc, weights: dict[str, float], placed: list[Placed]
    ) -> list[tuple[float, int, str | None, list[str], tuple[str, ...]]]:
        """(score, index, matched sentence, shared terms by weight, rules) for placed candidates. The
        shared terms are those both texts say (a word only a heading says informs the score at
        CONTEXT_WEIGHT, but is not evidence a reader can check in the two statements)."""
        out = []
        for p in placed:
            if p.sentence is None:
                theirs, text = self.vectors[p.index][0], None
                said = self.targets[p.index].body
            else:
                text, (theirs, _) = self.sentence_vectors[p.index][p.sentence]
                said = theirs.keys()
            shared = {t: weights[t] * theirs[t] for t in weights.keys() & theirs.keys() & source.body & said}
            out.append((p.score, p.index, text, [t for t, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))],
                        p.rules))  # fmt: skip
        return out
