from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cwframe.errors import InputError
from cwframe.ops.search import clean_filters, define, search, similar
from cwframe.search import engine, ranking
from cwframe.search.analyse import fold


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


def test_word_forms_match(index) -> None:
    base = set(ids(search(index, "attachment", limit=10)))
    assert set(ids(search(index, "attachments", limit=10))) == base
    assert set(ids(search(index, "attach", limit=10))) == base
    assert "pcf/D.2.4" in base  # 'Understands attachment and child / adolescent development'


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("attachmnet", "attachment"), ("safegaurding", "safeguarding"), ("supervison", "supervision")],
)
def test_misspellings_find_their_word(index, typed: str, meant: str) -> None:
    result = search(index, typed)
    assert result.corrections == {typed: meant}
    assert ids(result) == ids(search(index, meant))


def test_a_word_the_corpus_has_only_through_an_acronym_is_not_a_typo(index) -> None:
    """'exploitation' is written nowhere, but CSE stands for it (thesaurus): it was
    'corrected' to 'exploration', and the statements about CSE lost a word."""
    result = search(index, "child sexual exploitation", limit=2)
    assert result.corrections == {}
    assert sorted(ids(result)) == ["pcf/A.4.12", "pcf/A.4.13"]  # the statements that say "CSE"
    assert all(int(h.score) == 3 for h in result.hits)  # every word, two of them through CSE


def test_a_hyphenated_word_is_found_written_as_one(index) -> None:
    """'safe-guarding' (a NOS knowledge criterion) is found by "safeguarding", as a word of
    the text (not only through the "Safe-guarding" heading), and the phrase "safe guarding"
    still finds it as written."""
    hits = search(index, "safeguarding", filters={"framework": "nos"}, limit=3).hits
    said = [h.id for h in hits if int(h.score) == 1]  # the word is in their text
    assert sorted(said) == [
        "nos/cyp-development/K55",
        "nos/cyp-development/K60",
    ]  # K55: "... the safe-guarding"
    assert int(hits[2].score) == 0  # then a statement only under the "Safe-guarding" heading
    assert "nos/cyp-development/K55" in ids(search(index, '"safe guarding"', limit=5))


def test_phrase_matches_as_phrase(index) -> None:
    result = search(index, '"team around the young person"', limit=50)
    shown = {h.id for h in result.hits} | {i for h in result.hits for i in h.also_in}
    assert len(shown) == 11  # 10 SDF rows and the TAYP glossary entry
    assert len(result.hits) == 7  # the rows printed at several levels are one hit each
    assert all("team around the young person" in fold(h.name or "" + h.text) or "team around the young person"
               in fold(h.text) for h in result.hits)  # fmt: skip
    assert "pcf/E.5.1" not in ids(result)  # 'Team Around the Family' has the words, not the phrase


@pytest.mark.parametrize(
    "phrase", ["team around the young person", "knows how to", "health and safety", "child's", "works with"]
)
def test_a_phrase_finds_exactly_the_texts_with_its_stems_in_order(index, phrase: str) -> None:
    """tantivy's phrase query over our stem positions agrees with tokenising and stemming
    every statement (its text, or its name: a skill's or a glossary term's) in the corpus:
    nothing missed, nothing extra, and never across the two."""
    from cwframe.search.analyse import terms

    stems = terms(phrase)
    n = len(stems)

    def has(text: str | None) -> bool:
        have = terms(text or "")
        return any(have[i : i + n] == stems for i in range(len(have) - n + 1))

    names = dict(index.db.execute("SELECT doc, name FROM members WHERE name IS NOT NULL"))
    expected = {
        doc for doc, text in index.db.execute("SELECT id, text FROM docs") if has(text) or has(names.get(doc))
    }
    found = {doc for doc, _ in index.rank(index.phrase_query(stems), 10_000)}
    assert found == expected and expected


def test_all_terms_rank_first(index) -> None:
    hits = search(index, "health safety", limit=8).hits
    both = [
        all(w in fold(" ".join(x for x in (h.name, h.text) if x)) for w in ("health", "safety")) for h in hits
    ]
    assert both == [True] * 5 + [False] * 3  # every statement saying both words before any saying one
    assert [h.id for h in hits[:2]] == ["nos/cyp-development/K53", "nos/cyp-development/K54"]


def test_a_statement_that_says_the_words_outranks_one_under_a_heading_that_does(index) -> None:
    """NOS K40-K48 sit under 'Continuing professional development' but are about assessing
    and delegating; the PCF statements that say it in their text come first."""
    hits = search(index, "continuing professional development", limit=10).hits
    says = ["continuing professional development" in fold(h.text) for h in hits]
    assert says[0] and says == sorted(says, reverse=True)
    assert any(h.section and "continuing professional development" in fold(h.section) for h in
               search(index, "continuing professional development", limit=60).hits)  # fmt: skip


def test_stop_words_are_not_required(index) -> None:
    assert ids(search(index, "health and safety", limit=5)) == ids(search(index, "health safety", limit=5))


def test_acronyms_and_expansions_find_each_other(index) -> None:
    spelled = ids(search(index, "common assessment framework", limit=20))
    assert "sdf/3/skill/leads-the-caf-with-support" in spelled  # says only 'CAF'
    assert "sdf/glossary/caf" in ids(search(index, "CAF", limit=20))


def test_duplicates_collapse_with_also_in(index) -> None:
    hit = search(index, "legal and statutory requirements for health and safety", limit=1).hits[0]
    assert hit.id == "nos/cyp-development/K53"
    assert hit.also_in == ["nos/key-people/K53", "nos/transitions/K53"]
    expanded = search(
        index, "legal and statutory requirements for health and safety", limit=3, collapse=False
    )
    assert ids(expanded) == ["nos/cyp-development/K53", "nos/key-people/K53", "nos/transitions/K53"]
    assert all(h.also_in == [] for h in expanded.hits)


def test_also_in_can_be_capped_but_still_counts_every_copy(index) -> None:
    query = "legal and statutory requirements for health and safety"
    capped = search(index, query, limit=1, also_in=1).hits[0]
    assert (capped.id, capped.also_in, capped.also_in_count) == (
        "nos/cyp-development/K53",
        ["nos/key-people/K53"],
        2,
    )
    filtered = search(index, query, limit=1, also_in=1, filters={"unit": "transitions"}).hits[0]
    # the copy in the filtered unit is shown; the others are listed in corpus order
    assert (filtered.id, filtered.also_in, filtered.also_in_count) == (
        "nos/transitions/K53",
        ["nos/cyp-development/K53"],
        2,
    )


def test_filters(index) -> None:
    unit = search(index, "health safety", filters={"unit": "key-people"}).hits
    assert unit and all(h.unit == "key-people" for h in unit)
    assert unit[0].id == "nos/key-people/K53"  # the copy in the filtered unit is the one shown
    skills = search(index, "safeguarding", filters={"kind": "skill", "level": "4-5"}).hits
    assert skills and all(h.kind == "skill" and h.level == "4-5" for h in skills)
    assert search(index, "safeguarding", filters=clean_filters({"level": "4/5"})).hits
    cat = search(index, "supervision", filters={"category": "b"}).hits
    assert cat and all(h.category == "B" for h in cat)
    section = search(index, "attachment", filters={"heading": "child development"}).hits
    assert section and all(h.heading == "Child development" for h in section)


def test_highlights_mark_the_matched_words(index) -> None:
    hit = next(h for h in search(index, "attachments", limit=5).hits if h.id == "pcf/D.2.4")
    assert [hit.text[a:b] for a, b in hit.highlights] == ["attachment"]


def test_unknown_words_and_empty_query(index) -> None:
    result = search(index, "zzqqxx")
    assert result.hits == [] and result.unknown == ["zzqqxx"]
    with pytest.raises(InputError, match="empty query"):
        search(index, "   ")


def test_similar_excludes_itself(index) -> None:
    result = similar(index, "nos/cyp-development/K108", limit=5)
    assert len(result.hits) == 5 and "nos/cyp-development/K108" not in ids(result)
    with pytest.raises(InputError, match="no statement has the id 'nos/cyp-development/K999'; did you mean"):
        similar(index, "nos/cyp-development/K999")


def test_define(index) -> None:
    found = define(index, "key people")
    assert found[0].term == "Key people" and found[0].framework == "nos"
    assert define(index, "personalization")[0].term == "Personalisation"
    assert define(index, "CAF")[0].id == "sdf/glossary/caf"


@pytest.mark.parametrize("query", ["practice", "young people", "children young people families", "risk management plan",
                                   "information", "supervision reflective practice", "develop*",
                                   "children young people families carers participation decisions"])  # fmt: skip
def test_docs_saying_more_query_words_rank_first(index, query: str) -> None:
    """The ranking over the whole corpus, level by level, equals sorting every doc by words
    matched in its text (counted here, by stemming it), then score, then doc number; the
    docs whose text has none of the words (only their heading) come last."""
    from cwframe.search.index import EXPANDED, Acronyms, _Analyser, load_acronyms

    terms = engine.parse(index, query).terms
    ranked = ranking.rank(index, terms, 100_000)
    assert len(ranked) == len({d for d, _ in ranked}) > 10
    # What the index holds for each doc's text field, made by its own analysis.
    analyser = _Analyser(Acronyms(load_acronyms()))
    first = {}
    for row in index.db.execute("SELECT doc, sid, framework, kind, name, unit, category, heading, level, section, "
                                "topic, file, line FROM members ORDER BY seq"):  # fmt: skip
        first.setdefault(row[0], row[1:])
    texts = index.doc_texts(list(first))
    fields = {}
    for doc, r in first.items():
        record = (*r[:4], texts[doc], *r[4:])
        fields[doc] = set(analyser.fields(record, fold(texts[doc]))[0].split())
    common = ranking._common_words(index, terms)  # a long query's common words count for nothing
    kept = [t for t in terms if t not in common]
    wanted = [set(t.stems) | {EXPANDED + s for s in t.stems} for t in kept]
    weight = ranking.weights(index, kept)  # rarer words weigh more (idf), averaging 1

    def said(doc: int) -> int:
        return round(10 * sum(w for stems, w in zip(wanted, weight, strict=True) if stems & fields[doc]))

    counted = [said(d) for d, _ in ranked]
    shown = [int(score // ranking.LEVEL) for _, score in ranked]
    if len(wanted) <= 4:  # every level asked of the engine: exact
        assert shown == counted
        assert ranked == sorted(ranked, key=lambda ds: (-ds[1], ds[0]))
    assert counted == sorted(counted, reverse=True)


def test_a_filter_narrow_or_broad_gives_the_allowed_docs_in_rank_order(index, monkeypatch) -> None:
    """A filter's docs go to tantivy as a set, or (broad filters) the ranking is checked
    against them: the same answer either way."""
    query = engine.any_of([index.term_query(t) for t in engine.parse(index, "practice development").terms])
    allowed = index.allowed_docs({"framework": "pcf"})
    as_set = index.rank(query, 15, allowed)
    monkeypatch.setattr(engine, "TERM_SET_LIMIT", 0)
    assert index.rank(query, 15, allowed) == as_set
    everything = index.rank(query, 100_000)
    assert as_set == [ds for ds in everything if ds[0] in allowed][:15]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_search_never_raises_anything_but_input_error(index, query: str) -> None:
    try:
        search(index, query, limit=5)
    except InputError:
        pass


def test_plain_and_terminal_renderings_say_the_same(index) -> None:
    import io

    from rich.console import Console

    from cwframe.render.hits import plain, results

    result = search(index, "attachmnet", limit=5)
    piped = io.StringIO()
    plain(result, piped)
    terminal = io.StringIO()
    results(result, Console(file=terminal, width=1000, color_system=None, highlight=False))
    assert piped.getvalue() == terminal.getvalue()
    assert (
        piped.getvalue().splitlines()[0]
        == "'attachmnet' is not in the corpus; showing results for 'attachment'"
    )


def test_text_lists_four_other_places_and_counts_the_rest(index) -> None:
    import dataclasses
    import io

    from cwframe.render.hits import plain

    result = search(index, "legal and statutory requirements for health and safety", limit=1, also_in=4)
    hit = result.hits[0]
    many = dataclasses.replace(hit, also_in=[f"nos/u{i}/K53" for i in range(4)], also_in_count=10)
    out = io.StringIO()
    plain(dataclasses.replace(result, hits=[many]), out)
    assert (
        out.getvalue().splitlines()[4]
        == "    also in: nos/u0/K53, nos/u1/K53, nos/u2/K53, nos/u3/K53 and 6 more"
    )


def test_a_phrase_of_stop_words_only_is_still_searched(index) -> None:
    hits = search(index, '"in the"', limit=5).hits
    assert len(hits) == 5 and all(" in the " in f" {fold(h.text)} " for h in hits)


def test_similar_caps_the_places_listed_like_search(index) -> None:
    capped = similar(index, "nos/key-people/K52", limit=1, also_in=1).hits[0]
    full = similar(index, "nos/key-people/K52", limit=1).hits[0]
    assert (capped.id, capped.also_in, capped.also_in_count) == (
        "nos/cyp-development/K50",
        ["nos/key-people/K50"],
        2,
    )
    assert (full.also_in, full.also_in_count) == (["nos/key-people/K50", "nos/transitions/K50"], 2)


def test_long_candidate_lists_stay_under_sqlites_parameter_limit(index) -> None:
    """Some SQLite builds allow 999 parameters per statement: reading the texts and
    members of hundreds of hits must still work, with the same answer."""
    import sqlite3
    from pathlib import Path

    small = engine.Index(Path(index.db.execute("PRAGMA database_list").fetchone()[2]).parent)
    small.db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 7)
    for query in ['"young people"', "attachment", '"knows how to"']:
        expected = search(index, query, limit=40)
        got = search(small, query, limit=40)
        assert [(h.id, h.score, h.highlights) for h in got.hits] == [
            (h.id, h.score, h.highlights) for h in expected.hits
        ]
        assert got.hits


def test_related_phrases_come_after_the_words_typed_and_say_so(index) -> None:
    """The thesaurus relates "feedback" to complaints: statements saying it (and not the
    word) are found, after every statement that says the word, marked."""
    hits = search(index, "complaints", limit=60).hits
    says = ["complain" in fold(h.text) for h in hits]
    first_related = says.index(False)
    assert all(says[:first_related]) and not any(says[first_related:])
    related = [h for h in hits if "complain" not in fold(h.text)]
    assert related and all(h.related for h in related)
    assert any("feedback" in h.related for h in related)
    quoted = search(index, '"complaints"', limit=60).hits
    assert all("complain" in fold(h.text + (h.name or "")) for h in quoted)  # quoted: the word itself


def test_relatedness_goes_both_ways(tmp_path) -> None:
    """An entry relates its key to each phrase and each phrase to its key (with the key as
    written named as what matched); a relation written both ways is kept once."""
    from cwframe.search.index import related_rows

    thesaurus = tmp_path / "t.yaml"
    thesaurus.write_text(
        "related:\n  information sharing: [confidentiality, data protection]\n"
        "  data protection: [information sharing]\n",
        encoding="utf-8",
    )
    assert sorted(related_rows(thesaurus)) == [
        ("confidenti", "inform share", "information sharing"),
        ("data protect", "inform share", "information sharing"),
        ("inform share", "confidenti", "confidentiality"),
        ("inform share", "data protect", "data protection"),
    ]


def test_in_a_sentence_a_related_phrase_counts_as_the_word_it_stands_for(index) -> None:
    """In a query read as a sentence, "participation" (related to "involving") counts as that
    word at every level: the statement saying it and the other two rare words has three."""
    query = "involving children and young people in the assessment of their needs"
    top = search(index, query, limit=3).hits[0]
    assert top.id == "nos/cyp-development/P27"  # "active participation ... in assessments of ... needs"
    assert int(top.score) == 3 and top.related == ["participation"]


def test_a_thesaurus_with_a_badly_shaped_related_section_is_one_error(tmp_path) -> None:
    from cwframe.errors import CorpusError
    from cwframe.search.index import read_thesaurus

    bad = tmp_path / "t.yaml"
    bad.write_text("related:\n  early help: early intervention\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="'related' must map each name or phrase to a list of phrases"):
        read_thesaurus(bad)


def test_a_question_is_searched_by_its_content_words(index) -> None:
    """A question's own words (what, should, I, about …) are dropped like stop words outside
    quotes: the question ranks exactly as its content words do."""
    question = engine.parse(index, "What should I know about supervision of staff?")
    assert [t.text for t in question.terms] == ["know", "supervision", "staff"]
    assert ids(search(index, "What should I know about supervision of staff?")) == ids(
        search(index, "know supervision staff")
    )
    assert engine.parse(index, "how do you").stop_words_only
    assert engine.parse(index, '"how to"').phrases  # quoted, they are searched


def test_a_sentence_is_about_its_rare_words(index) -> None:
    """In a long query the words most statements say ('children', 'young', 'people') do
    not count as matched: the statements about involving them in decisions come first."""
    terms = engine.parse(index, "involving children and young people in making decisions").terms
    assert [t.text for t in ranking._common_words(index, terms)] == ["children", "young", "people"]
    top = search(index, "involving children and young people in making decisions", limit=5).hits
    assert all("decision" in fold(h.text) for h in top)
    assert ranking._common_words(index, engine.parse(index, "children young people").terms) == []  # short


def test_quotes_around_no_word_are_ignored(index) -> None:
    assert ids(search(index, '":" attachment', limit=5)) == ids(search(index, "attachment", limit=5))


def test_semantic_rerank_reorders_by_meaning_within_the_words_matched(index, monkeypatch) -> None:
    """--semantic with a stand-in embedder (the real model needs the semantic extra): among
    statements saying as many of the query's words, the one whose vector is nearest the
    query's comes first; one saying more words stays above; the typo is embedded corrected."""
    from cwframe import meaning
    from cwframe.search import rerank

    monkeypatch.setenv("CWFRAME_SEMANTIC", "rerank")
    plain = search(index, "supervison", limit=50)
    favourite = plain.hits[7]  # one word matched, like the others
    seen: list[str] = []

    def fake_embed(texts):  # noqa: ANN001, ANN202
        seen.append(texts[0])
        return [[1.0, 0.0]] + [[1.0, 0.0] if t.endswith(favourite.text) else [0.0, 1.0] for t in texts[1:]]

    monkeypatch.setattr(meaning, "load", lambda option: fake_embed)
    result = search(index, "supervison", limit=5, semantic=True)
    assert seen == ["supervision"] and result.hits[0].id == favourite.id and len(result.hits) == 5
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    both = search(index, "health safety", limit=50)  # five statements say both words
    near = [[1.0, 0.0]] + [[0.0, 1.0]] * 49 + [[1.0, 0.0]]  # meaning favours the 50th, saying one

    monkeypatch.setattr(meaning, "load", lambda option: lambda texts: near[: len(texts)])
    reranked = search(index, "health safety", limit=50, semantic=True)
    assert [h.id for h in reranked.hits[:5]] == [h.id for h in both.hits[:5]]
    # first among those saying the same words ('health' alone: rarer 'safety' weighs more)
    first = next(i for i, h in enumerate(both.hits) if h.matched == both.hits[49].matched == ["health"])
    assert reranked.hits[first].id == both.hits[49].id and first > 5
    shown = [h.score for h in reranked.hits]
    assert shown == sorted(shown, reverse=True) and int(shown[4]) == 2 and int(shown[5]) == 1
    assert rerank.corrected_query(plain) == "supervision"


def test_semantic_rerank_of_a_sentence_follows_meaning_across_words_matched(index, monkeypatch) -> None:
    """A query read as a sentence (four words or more, stop words aside): the statement
    nearest in meaning comes first even if it says fewer of the words; scores still fall."""
    from cwframe import meaning

    monkeypatch.setenv("CWFRAME_SEMANTIC", "rerank")
    query = "involving children and young people in making decisions"
    plain = search(index, query, limit=50)
    last = plain.hits[-1]
    assert int(last.score) < int(plain.hits[0].score)  # it says fewer of the words

    def fake_embed(texts):  # noqa: ANN001, ANN202
        return [[1.0, 0.0]] + [[1.0, 0.0] if t.endswith(last.text) else [0.0, 1.0] for t in texts[1:]]

    monkeypatch.setattr(meaning, "load", lambda option: fake_embed)
    result = search(index, query, limit=5, semantic=True)
    assert result.hits[0].id == last.id
    assert [h.id for h in result.hits[1:]] == [h.id for h in plain.hits[:4]]
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


def test_semantic_without_the_extra_says_how_to_install_it(runner, monkeypatch) -> None:
    import sys

    from cwframe import meaning
    from cwframe.cli.app import app

    monkeypatch.setitem(sys.modules, "tokenizers", None)  # as if the extra were not installed
    monkeypatch.setattr(meaning, "_LOADED", {})
    result = runner.invoke(app, ["search", "attachment", "--semantic"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --semantic needs the semantic extra: pip install 'cwframe[semantic]' (numpy and tokenizers)\n"
    )


def test_related_phrases_of_a_long_query_stand_for_the_right_word(index) -> None:
    """'children', 'young' and 'people' are set aside in a long query: each remaining word
    then counts when the text says it or one of its related phrases, and only then (a
    doc counting both says something for 'involving' and something for 'participation')."""
    from cwframe.search.analyse import terms as stems_of

    terms = engine.parse(index, "involving children and young people in participation").terms
    related = ranking.related_terms(index, terms)
    ways = {
        t.stems[0]: [(t.stems[0],)] + [p for covered, r in related if covered == {i} for p, _, _ in r.phrases]
        for i, t in enumerate(terms)
    }
    ranked = ranking.rank(index, terms, 200, related=related)
    kept = [t for t in terms if t not in ranking._common_words(index, terms)]
    assert [t.text for t in kept] == ["involving", "participation"]
    both = [
        d for d, score in ranked if score // ranking.LEVEL == round(10 * sum(ranking.weights(index, kept)))
    ]
    texts = index.doc_texts(both)
    assert both and len(both) < len(ranked)

    def says(have: list[str], phrase: tuple[str, ...]) -> bool:
        return any(tuple(have[i : i + len(phrase)]) == phrase for i in range(len(have)))

    for doc in both:
        have = stems_of(texts[doc])
        assert any(says(have, p) for p in ways["involv"]) and any(says(have, p) for p in ways["particip"])


# Issue #24: real words kept, word forms labelled, partial matches said, level copies folded.
ENGLISH_WORDS_THE_CORPUS_LACKS = [
    "leavers", "county", "autism", "homelessness", "trafficking", "grooming", "sexting", "vandalism",
    "extremist", "truancy", "expulsion", "gangs", "knife", "burglary", "asylum", "refugee", "divorce",
    "hunger", "loneliness", "arson", "gambling", "smoking", "tutoring", "apprenticeship", "playground",
    "homework", "curriculum", "adolescence", "sleep", "vaccination", "prison", "custody", "deafness", "dyslexia",
]  # fmt: skip


def test_a_real_word_the_corpus_lacks_is_never_replaced_by_another(index) -> None:
    """Every word here is English and said by no statement: none is 'corrected' into a word
    the corpus has ('leavers' became 'leaders', 'county' became 'court'); each is named as
    a word no statement says."""
    for word in ENGLISH_WORDS_THE_CORPUS_LACKS:
        assert index.stem_of(word) is None, word  # the list stays what it says
        result = search(index, word)
        assert result.corrections == {}, word
        assert result.absent == [word], word


def test_a_real_word_missing_is_said_and_the_rest_of_the_query_searched(index) -> None:
    result = search(index, "care leavers", limit=5)
    assert result.corrections == {} and result.absent == ["leavers"] and result.partial
    assert result.hits and all(h.matched == ["care"] or h.related for h in result.hits)
    assert search(index, "attachmnet").corrections == {"attachmnet": "attachment"}  # a typo still is one


def test_a_british_spelling_is_english_too(index) -> None:
    """The lexicon spells the American way: a British spelling no statement says is a word."""
    for word in ("foetal", "colour", "hospitalisation", "counselling", "analysed", "catalogue"):
        assert index.stem_of(word) is None and index.is_english(word), word
    assert not index.is_english("safegaurding")


def test_a_form_that_only_shares_the_stem_is_labelled_and_ranks_below_the_word(index) -> None:
    """'government' and 'governance' share Porter2's stem: the statements saying
    'government' come first, those saying only 'governance' after, naming the form."""
    hits = search(index, "government", limit=10).hits
    typed = ["government" in fold(h.text) for h in hits]
    assert typed[0] and typed == sorted(typed, reverse=True) and not all(typed)
    assert all(h.forms == {"government": "governance"} for h, t in zip(hits, typed, strict=True) if not t)
    adoption = search(index, "adoption", limit=5)
    assert adoption.absent == ["adoption"]  # no statement says it; 'adopt the values' is another word
    assert adoption.hits and all(h.forms["adoption"].startswith("adopt") for h in adoption.hits)
    assert all(int(h.score) == 0 for h in adoption.hits)  # below a statement saying a word as typed


def test_inflections_are_the_word_as_typed(index) -> None:
    """'keep' for 'keeping' is the same word: not labelled, not ranked below."""
    hits = search(index, "keeping safe", limit=5).hits
    assert any("keep " in fold(h.text) for h in hits) and all(h.forms == {} for h in hits)


def test_a_word_the_corpus_has_only_in_a_form_of_the_same_meaning_finds_it(index) -> None:
    """No statement says 'autism'; the NOS glossary speaks of 'autistic spectrum disorder'."""
    result = search(index, "autism", limit=3)
    assert result.absent == ["autism"]
    assert (
        result.hits[0].id
        == "nos/cyp-development/glossary/factors-that-may-affect-the-health-wellbeing-and-development"
    )
    assert result.hits[0].forms == {"autism": "autistic"}


def test_each_hit_says_which_words_it_matched_and_a_partial_query_is_said(index) -> None:
    result = search(index, "online safety", limit=20)
    assert result.partial and result.words == ["online", "safety"]
    assert {tuple(h.matched) for h in result.hits if not h.related} <= {("online",), ("safety",)}
    assert any("cyber-bullying" in h.related for h in result.hits)  # the thesaurus: online safety
    assert not search(index, "health safety", limit=5).partial


def test_among_partial_matches_rarer_words_count_for_more(index) -> None:
    """'keeping children safe online': no statement says all four; the statements saying
    'keeping children safe' (or 'keep … safe') rank above every one saying only 'online'."""
    hits = search(index, "keeping children safe online", limit=20).hits
    safe = [i for i, h in enumerate(hits) if {"keeping", "safe"} <= set(h.matched)]
    online = [i for i, h in enumerate(hits) if h.matched == ["online"]]
    assert safe and online and max(safe) < min(online)
    w = dict(
        zip(
            ["health", "safety"],
            ranking.weights(index, engine.parse(index, "health safety").terms),
            strict=True,
        )
    )
    assert w["safety"] > w["health"]  # 'safety' is the rarer word here


def test_the_level_copies_of_an_sdf_row_are_one_hit_listing_the_levels(index) -> None:
    hits = search(index, '"online directories"', limit=20, filters={"kind": "knowledge"}).hits
    first = hits[0]
    assert first.id == "sdf/3/knowledge/uses-online-directories"
    assert first.levels == ["3", "4-5"] and first.also_in == ["sdf/4-5/knowledge/uses-online-directories"]
    renamed = search(
        index, "confidently", limit=20, filters={"framework": "sdf"}
    ).hits  # a Common Core row renamed
    row = next(h for h in renamed if h.id == "sdf/6/skill/selects-handles-and-shares-information-confidently")
    assert row.levels[0] == "6" and len(row.levels) > 1
    ids_shown = [h.id for h in search(index, '"online directories"', limit=20, collapse=False).hits]
    assert "sdf/4-5/knowledge/uses-online-directories" in ids_shown  # --no-collapse shows every copy
