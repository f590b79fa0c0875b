from __future__ import annotations

from cwframe.models import Corpus, GroupKind, StatementKind


def _sdf(corpus: Corpus):
    return next(f for f in corpus.frameworks if f.id.value == "sdf")


def _level(corpus: Corpus, slug: str):
    return next(lv for lv in _sdf(corpus).levels if lv.slug == slug)


def test_levels_and_group_kinds(raw_corpus: Corpus) -> None:
    levels = _sdf(raw_corpus).levels
    assert [lv.slug for lv in levels] == ["3", "4-5", "6", "7", "8"]
    kinds = {lv.slug: {(g.table.value, g.kind.value) for g in lv.groups} for lv in levels}
    assert ("skill", "management") in kinds["7"] and ("knowledge", "management") in kinds["7"]
    assert ("skill", "leadership") in kinds["8"] and ("knowledge", "leadership") in kinds["8"]
    assert all(("skill", "common-core") in k and ("knowledge", "transferable") in k for k in kinds.values())


def test_six_common_core_areas_in_every_skills_table(raw_corpus: Corpus) -> None:
    for level in _sdf(raw_corpus).levels:
        areas = [
            g.title
            for g in level.groups
            if g.kind is GroupKind.common_core and g.table is StatementKind.skill
        ]
        assert areas == [
            "Effective communication and engagement with children, young people and families",
            "Child and young person development",
            "Safeguarding and promoting the welfare of the child or young person",
            "Supporting transitions",
            "Multi-agency and integrated working",
            "Information sharing",
        ], level.slug


def test_lost_skill_names_stay_empty(raw_corpus: Corpus) -> None:
    level6 = _level(raw_corpus, "6")
    nameless = {
        g.title: [s.name for s in g.statements] for g in level6.groups if g.table is StatementKind.skill
    }
    assert nameless["Supporting transitions"] == [None, None]
    assert nameless["Multi-agency and integrated working"] == [None] * 7


def test_row_split_over_two_lines_is_rejoined(statements) -> None:
    row = statements["sdf/7/skill/manages-a-significant-budget-on-behalf-of-the-organisation-service"]
    assert row.name == "Manages a significant budget on behalf of the organisation/service"
    assert row.text == (
        "Manages the financial budget to ensure the effective implementation of integrated working "
        "and to improve outcomes for young people."
    )


def test_footnote_marker_removed_from_skill_name(statements) -> None:
    assert (
        statements["sdf/3/skill/works-with-episode-co-ordinators"].name
        == "Works with 'episode co-ordinators'"
    )


def test_level_4_5_ocr_knowledge_rebuilt(statements) -> None:
    safeguarding = statements[
        "sdf/4-5/knowledge/safeguarding-and-promoting-the-welfare-of-the-child-or-young-person"
    ]
    assert safeguarding.text == (
        "Understands law and policy areas relevant to role in respect of safeguarding and how it is applied "
        "in the service/organisation. Knows what is meant by safeguarding and the different ways young people "
        "may be harmed. Understands own role in safeguarding and when and how information can be shared and "
        "with whom."
    )
    transitions = statements["sdf/4-5/knowledge/supporting-transitions"]
    assert transitions.text.startswith(
        "Knows what constitutes an effective transition and how those most at risk of exclusion or "
        "underachievement can be supported. Knows how to intervene"
    )
    assert statements["sdf/4-5/knowledge/information-sharing"].text == (
        "Know the purpose of providing information and what constitutes appropriate information. "
        "Methods of information sharing and how to evaluate information."
    )


def test_noise_is_dropped_and_recorded_with_line_numbers(raw_corpus: Corpus) -> None:
    dropped = {(d.line, d.reason) for d in _sdf(raw_corpus).dropped}
    assert (392, "row label is not a Common Core area (OCR garbage)") in dropped
    assert (404, "OCR garbage") in dropped
    assert (411, "OCR garbage") in dropped
    assert {(357, "page mark"), (413, "page mark"), (444, "page mark")} <= dropped
    assert (293, "footnote") in dropped
    assert (406, "conversion debris") in dropped
    sample = sorted(line for line, reason in dropped if reason == "illustrative sample table")
    assert sample[0] == 236 and sample[-1] == 250


def test_noise_never_becomes_data(statements) -> None:
    sdf = [r for r in statements.values() if r.framework.value == "sdf"]
    for row in sdf:
        assert "PROTECT" not in row.text and "\t" not in row.text
        assert not any(ch in row.text for ch in "¹²³⁴⁵⁶⁷⁸⁹⁰•")
        assert "Tourig" not in row.text and "originity" not in row.text and "ngnt" not in row.text


def test_youth_professional_standards_numbers_restored(raw_corpus: Corpus) -> None:
    areas = _sdf(raw_corpus).standards
    assert [a.title for a in areas] == [
        "Applying specialisms in an integrated workforce", "Shared values",
        "Knowledge and understanding for reflective practice", "Working with young people",
        "Planning, managing and evaluating",
    ]  # fmt: skip
    assert [len(a.statements) for a in areas] == [5, 3, 5, 5, 3]
    first = areas[0].statements
    assert first[0].number == "1.1" and first[0].text.startswith("Have in depth knowledge")
    assert first[1].number == "1.2" and first[1].text.startswith("Apply detailed knowledge")


def test_specialisms_with_label_below_its_first_line(statements) -> None:
    housing = statements["sdf/specialism/housing/skills"]
    assert housing.text == (
        "Creates opportunities for young people to develop independent living skills "
        "Mentors young people as appropriate"
    )
    assert len([r for r in statements.values() if r.kind is StatementKind.specialism]) == 23


def test_glossary_terms(raw_corpus: Corpus) -> None:
    glossary = _sdf(raw_corpus).glossary
    assert [g.term for g in glossary] == [
        "CAF",
        "Common Core",
        "Communities of practice",
        "CPD",
        "DfE",
        "Episode Co-ordinator",
        "IYSS",
        "Lead Professional",
        "NOS",
        "Process skills",
        "SDF",
        "Social pedagogy model",
        "TAYP",
    ]
    episode = glossary[5]
    assert episode.definition.endswith("for the duration of the episode (i.e. period of delivery)")
