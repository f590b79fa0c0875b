from __future__ import annotations

import shutil
from pathlib import Path

import cwframe
from cwframe.models import Corpus, StatementKind


def _unit(corpus: Corpus, slug: str):
    nos = corpus.frameworks[0]
    return next(u for u in nos.units if u.slug == slug)


def _numbers(unit, part: StatementKind) -> list[str]:
    return [s.number for sec in unit.sections if sec.part is part for s in sec.statements]


def _sections(unit, part: StatementKind) -> list[str | None]:
    return [sec.title for sec in unit.sections if sec.part is part]


def test_cyp_development_counts_and_sections(raw_corpus: Corpus) -> None:
    unit = _unit(raw_corpus, "cyp-development")
    assert _numbers(unit, StatementKind.performance) == [f"P{i}" for i in range(1, 50)]
    assert _numbers(unit, StatementKind.knowledge) == [f"K{i}" for i in range(1, 112)]
    assert len(_sections(unit, StatementKind.performance)) == 3
    assert _sections(unit, StatementKind.knowledge) == [
        "Rights", "Your practice", "Personalisation and resources",
        "Continuing professional development", "Communication", "Health and Safety",
        "Safe-guarding", "Multi-disciplinary working", "Handling information",
        "Leading and managing practice", "Risk management", "Managing people",
        "Specific to this NOS",
    ]  # fmt: skip


def test_key_people_has_no_performance_marker_but_keeps_its_first_heading(raw_corpus: Corpus) -> None:
    unit = _unit(raw_corpus, "key-people")
    assert _numbers(unit, StatementKind.performance) == [f"P{i}" for i in range(1, 29)]
    assert _numbers(unit, StatementKind.knowledge) == [f"K{i}" for i in range(1, 108)]
    assert _sections(unit, StatementKind.performance)[0] == (
        "Lead and manage the implementation of systems, procedures and practice to involve "
        "key people in the service provision"
    )
    assert unit.overview is not None and unit.overview.startswith("This standard identifies")
    assert "Lead and manage the implementation" not in unit.overview


def test_transitions_has_no_overview(raw_corpus: Corpus) -> None:
    unit = _unit(raw_corpus, "transitions")
    assert unit.overview is None
    assert _numbers(unit, StatementKind.performance) == [f"P{i}" for i in range(1, 31)]
    assert _numbers(unit, StatementKind.knowledge) == [f"K{i}" for i in range(1, 104)]


def test_shared_knowledge_k1_to_k97_is_word_for_word_the_same(raw_corpus: Corpus) -> None:
    texts = {}
    for slug in ("cyp-development", "key-people", "transitions"):
        unit = _unit(raw_corpus, slug)
        texts[slug] = [
            s.text for sec in unit.sections for s in sec.statements if s.kind is StatementKind.knowledge
        ]
    shared = [t[:97] for t in texts.values()]
    assert shared[0] == shared[1] == shared[2]
    assert texts["cyp-development"][97] != texts["key-people"][97]


def test_text_is_kept_as_printed(statements) -> None:
    # Curly apostrophe kept; the double space inside the criterion collapsed.
    assert statements["nos/cyp-development/P3"].text == (
        "lead practice that meets children and young people’s needs for continuity, "
        "and the development of positive, secure and healthy attachments and relationships"
    )


def test_glossary_terms_and_notes(raw_corpus: Corpus) -> None:
    unit = _unit(raw_corpus, "cyp-development")
    perf = [g for g in unit.glossary if g.scope == "performance"]
    assert perf[0].term is None  # 'The details in this field are explanatory ...' is a note
    assert [g.term for g in perf[1:5]] == [
        "Active participation",
        "child’s background",
        "Child centred practice",
        "Critically analyse",
    ]
    notes = [g.definition for g in unit.glossary if g.term is None and g.scope == "knowledge"]
    assert notes[-1].startswith("Depending on how it is used")


def test_values_intro_and_items(raw_corpus: Corpus) -> None:
    values = _unit(raw_corpus, "cyp-development").values
    assert values is not None
    assert values.intro.endswith("These include the rights:")
    assert values.items[0] == "To be treated as an individual"
    assert len(values.items) == 9


def test_stray_file_is_detected_as_nos(tmp_path: Path, repo: Path) -> None:
    stray = tmp_path / "some unit.txt"
    shutil.copy(repo / "data/raw/nos/key-people.txt", stray)
    framework = cwframe.parse_file(stray)
    assert framework.id.value == "nos"
    assert framework.units[0].slug == "some-unit"
    assert len(_numbers(framework.units[0], StatementKind.knowledge)) == 107


def test_directory_format_with_bom_and_crlf(repo: Path) -> None:
    unit = cwframe.parse_file(repo / "tests/fixtures/nos/directory-format.txt").units[0]
    assert (unit.code, unit.title) == ("SCDHSC0035", "Promote the safeguarding of individuals")
    assert unit.overview == (
        "This standard identifies the requirements when you promote the safeguarding of individuals."
    )
    assert unit.metadata["Date Approved"] == "August 2019"
    assert len(unit.metadata) == 11
    assert list(unit.extra_sections) == ["Behaviours", "Skills", "Links to other NOS", "External links"]
    p1 = unit.sections[0].statements[0]
    assert p1.text.endswith("what safeguarding means to them in their everyday lives")
    assert (p1.source.line, p1.source.end_line) == (8, 9)


def test_crlf_and_bom_parse_the_same_as_lf(tmp_path: Path, repo: Path) -> None:
    original = (repo / "data/raw/nos/transitions.txt").read_bytes()
    variant = tmp_path / "transitions.txt"
    variant.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    plain = tmp_path / "plain" / "transitions.txt"
    plain.parent.mkdir()
    plain.write_bytes(original)
    a = cwframe.parse_file(variant, "nos").units[0]
    b = cwframe.parse_file(plain, "nos").units[0]

    def shape(unit):
        return [(sec.title, [(s.id, s.text, s.source.line) for s in sec.statements]) for sec in unit.sections]

    assert shape(a) == shape(b)
    assert len(shape(a)) == 16


def test_no_headings_and_wrapped_criterion(repo: Path) -> None:
    unit = cwframe.parse_file(repo / "tests/fixtures/nos/no-headings.txt").units[0]
    assert [sec.title for sec in unit.sections] == [None, None]
    assert unit.sections[0].statements[1].text == (
        "explain the purpose of the visit, in words the individual understands and "
        "in a way that respects their wishes"
    )


def test_repeated_number_still_gets_a_unique_id(tmp_path: Path) -> None:
    doc = tmp_path / "dup.txt"
    doc.write_text("P1 one\nP1 again\nK1 know\n", encoding="utf-8")
    ids = [s.id for s in cwframe.parse_file(doc).units[0].sections[0].statements]
    assert ids == ["nos/dup/P1", "nos/dup/P1~2"]
