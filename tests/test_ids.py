"""Ids are part of the interface: unrelated edits must not change them."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cwframe import parsers
from cwframe.errors import ParseError
from golden_cases import RAW


def _ids(family: str, text: str, unit: str | None = None) -> list[str]:
    from cwframe.statements import iter_framework

    return [row.id for row in iter_framework(parsers.get(family).parse(text, path="x.txt", unit=unit))]


def _insert_after(text: str, anchor: str, new: str) -> str:
    assert anchor in text
    return text.replace(anchor, anchor + new, 1)


def test_nos_ids_survive_unrelated_edits() -> None:
    text = (RAW / "nos/key-people.txt").read_text(encoding="utf-8")
    before = _ids("nos", text, "key-people")
    edited = _insert_after(text, "Values\n", "An extra note about values\n")
    edited = _insert_after(
        edited,
        "The individual is the person you support or care for in your work\n",
        "Service provision is what the organisation offers\n",
    )
    assert _ids("nos", edited, "key-people") == before


def test_pcf_ids_survive_an_added_statement_elsewhere() -> None:
    text = (RAW / "pcf/nel-professional-capabilities-framework.txt").read_text(encoding="utf-8")
    before = _ids("pcf", text)
    anchor = "Shows ability to actively consult and include young people to be involved in making their own decisions"
    edited = _insert_after(text, anchor, " • A brand new capability added by an editor")
    after = _ids("pcf", edited)
    changed = [i for i in before if not i.startswith("pcf/E.1.")]
    assert [i for i in after if not i.startswith("pcf/E.1.")] == changed
    assert len(after) == len(before) + 1


def test_sdf_ids_are_name_based_so_an_inserted_row_moves_nothing() -> None:
    text = (RAW / "sdf/cwdc-skills-development-framework.txt").read_text(encoding="utf-8")
    before = _ids("sdf", text)
    anchor = "Communicates actions\tDemonstrates clear communication skills, influencing others as appropriate within the context of integrated working.\t\n"
    edited = _insert_after(
        text, anchor, "Builds rapport quickly\tDemonstrates rapport with young people.\t\n"
    )
    after = _ids("sdf", edited)
    assert [i for i in after if i != "sdf/4-5/skill/builds-rapport-quickly"] == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    family=st.sampled_from(parsers.TEXT_FAMILIES),
)
def test_any_text_parses_or_raises_parse_error(text: str, family: str) -> None:
    try:
        parsers.get(family).parse(text, path="fuzz.txt")
    except ParseError:
        pass


_SHAPES = st.lists(
    st.sampled_from(
        [
            "P1 do a thing",
            "K1 know a thing",
            "P1",
            "K",
            "\t<p>x</p> • y",
            "A.1. Head\t• s",
            "<p>1.1. H</p>\t",
            "Skills at level 3:\tExplanation",
            "Knowledge and understanding at level 3:\t",
            "Supporting transitions\t\t",
            "\tcontinued text",
            "PROTECT",
            "Standard Shared values",
            "- 2.1 item",
            "Appendix 2 Glossary",
            "CAF The Common Assessment Framework",
            "Part 3",
            "I. Strategic Leaders: x",
            "Capability headings\tK",
            "Skills, knowledge and understanding at level 6",
            "Values",
            "Overview",
            "",
            "---\t---",
            "•\t",
        ]
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(lines=_SHAPES, family=st.sampled_from(parsers.TEXT_FAMILIES))
def test_document_shaped_noise_never_crashes(lines: list[str], family: str) -> None:
    try:
        parsers.get(family).parse("\n".join(lines), path="fuzz.txt")
    except ParseError:
        pass


def test_five_megabytes_of_repeated_criteria_parse(tmp_path: Path) -> None:
    line = "K1 how to critically evaluate leadership and management methods, principles and approaches\n"
    text = line * (5_000_000 // len(line))
    framework = parsers.get("nos").parse(text, path="big.txt", unit="big")
    assert sum(len(s.statements) for s in framework.units[0].sections) == text.count("\n")
