from __future__ import annotations

from cwframe.models import Corpus


def _pcf(corpus: Corpus):
    return next(f for f in corpus.frameworks if f.id.value == "pcf")


def test_title_version_date_and_headings(raw_corpus: Corpus) -> None:
    pcf = _pcf(raw_corpus)
    assert (pcf.version, pcf.date) == ("2.0.0", "2016-05-09")
    assert [h.title for h in pcf.headings] == [
        "Relationships and effective direct work", "Child development",
        "Adult mental ill-health, substance abuse, domestic violence, physical ill-health and disability",
        "Abuse and neglect of children", "Child and family assessment",
        "Analysis, decision-making, planning and review", "The law and the family justice system",
        "The role of supervision", "Organisational context",
    ]  # fmt: skip


def test_nine_categories_with_names_subtitles_and_aliases(raw_corpus: Corpus) -> None:
    cats = _pcf(raw_corpus).categories
    assert [c.letter for c in cats] == list("ABCDEFGHI")
    assert [c.name for c in cats] == [
        "Starting work with children, young people and families", "Universal", "Universal Plus",
        "Vulnerable", "Complex", "Acute/Specialist", "Team Leaders", "Service Managers", "Strategic Leaders",
    ]  # fmt: skip
    assert {c.letter: c.aliases for c in cats if c.aliases} == {"F": ["Severe"], "H": ["Senior Managers"]}
    assert cats[0].subtitle is None
    assert cats[1].subtitle == "Promoting wellbeing, prevention and early identification of need"
    assert cats[0].description.startswith("To offer new starters a good grounding")


def test_81_cells_and_877_statements(raw_corpus: Corpus) -> None:
    cats = _pcf(raw_corpus).categories
    cells = [cell for c in cats for cell in c.cells]
    assert len(cells) == 81
    assert [cell.heading for cell in cells] == list(range(1, 10)) * 9
    assert sum(len(cell.statements) for cell in cells) == 877


def test_category_i_labels_restored_from_1_dot_n(statements) -> None:
    assert statements["pcf/I.1.1"].category == "I"
    assert statements["pcf/I.9.1"].heading == "Organisational context"


def test_page_break_continuations_are_rejoined(statements) -> None:
    assert statements["pcf/A.6.2"].text == (
        "Helps children and young people and their families to make their own decisions."
    )
    assert (
        statements["pcf/E.1.28"].text
        == "Possesses the ability to engage reluctant and resistant Service Users"
    )
    assert statements["pcf/E.3.4"].text == (
        "Recognises signs of mental ill health e.g. self-harm, eating disorder, anxiety, depression etc "
        "and can respond to these with the support of CAMHS and adult mental health services"
    )
    # A continuation after a markdown table rule (line 501) still finishes C.1's last statement.
    last_c1 = [r for r in statements.values() if r.id.startswith("pcf/C.1.")][-1]
    assert (
        last_c1.text == "Supports and challenges decisions made by children, young people and their families"
    )


def test_a_continuation_is_not_a_topic_but_a_real_topic_is(statements) -> None:
    topics = {r.topic for r in statements.values() if r.framework.value == "pcf"}
    assert "own decisions." not in topics and "Users" not in topics and "Disorder" not in topics
    b1 = [r for r in statements.values() if r.id.startswith("pcf/B.1.")]
    assert b1[0].topic == "Professionalism"
    # 'Information sharing' opens a continuation row in C.7 and is a topic there.
    c7 = [r for r in statements.values() if r.id.startswith("pcf/C.7.")]
    assert [r.topic for r in c7].count("Information sharing") >= 1


def test_duplicate_statement_in_source_is_kept(statements) -> None:
    c4 = [r.text for r in statements.values() if r.id.startswith("pcf/C.4.")]
    assert c4.count("Understands why neglect is harmful to children") == 2


def test_parts_1_and_2_and_html_never_become_statements(statements) -> None:
    pcf = [r.text for r in statements.values() if r.framework.value == "pcf"]
    assert not any("<" in t or "•" in t or "\t" in t for t in pcf)
    assert not any("Commissioners of Services" in t for t in pcf)
    assert "Determined by professional role" in pcf  # F.2's only cell text has no bullet


def test_table_rules_are_recorded_as_dropped(raw_corpus: Corpus) -> None:
    dropped = _pcf(raw_corpus).dropped
    assert {d.reason for d in dropped} == {"table rule"}
    assert [d.line for d in dropped][:2] == [464, 499]
