"""The diff scenario catalogue: edits an editor makes to a real unit, each with the exact
change list a reviewer must see (statements, then every other part of the document)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cwframe import parsers
from cwframe.ops.diff import diff
from cwframe.render.diff import markdown, percent

RAW = Path(__file__).resolve().parents[2] / "data/raw/nos/key-people.txt"
ORIGINAL = RAW.read_text(encoding="utf-8")
P7 = "P7 ensure that individuals are supported to make their views and preferences known about the involvement of key people in their lives\n"
P8 = "P8 ensure that you and others engage with key people to support them to understand the views and preferences of individuals about their involvement in their lives\n"
K85_LONG = "K85 how to motivate others and sustain their engagement through periods of organisational change"
SECTION_2 = (
    "Lead and manage a service provision that supports effective working relationships with key people"
)


def parse(text: str):
    return [parsers.get("nos").parse(text, path="key-people.txt", unit="key-people")]


def line(prefix: str, text: str = ORIGINAL) -> str:
    return next(ln for ln in text.splitlines(keepends=True) if ln.startswith(prefix))


def renumber(text: str, letter: str, start: int, shift: int) -> str:
    def bump(m: re.Match) -> str:
        n = int(m[2])
        return f"{m[1]}{n + shift if n >= start else n} "

    return re.sub(rf"^({letter})(\d+) ", bump, text, flags=re.MULTILINE)


def nth(text: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = text.index(needle, at + 1)
    return at


def _second_key_people_definition(text: str) -> str:
    at = nth(text, "Key people are those who are important", 2)
    return text[:at] + text[at:].replace(
        "Key people may include family", "Key people may include family, neighbours", 1
    )


def _first_key_people_definition(text: str) -> str:
    return text.replace("Key people may include family", "Key people may include family, neighbours", 1)


def _move_rights_after_your_practice(text: str) -> str:
    rights = text[text.index(" Rights\n") : text.index("Your practice\n")]
    moved = text.replace(rights, "")
    return moved.replace(
        "Personalisation and resources\n",
        "Rights\n" + rights.split("\n", 1)[1] + "Personalisation and resources\n",
        1,
    )


def _section_3_to_front(text: str) -> str:
    s3 = text[text.index("Support workers to manage situations") : text.index(" Knowledge and understanding")]
    first = "Lead and manage the implementation of systems"
    return text.replace(s3, "").replace(first, s3 + first, 1)


def _split_p7(text: str) -> str:
    halves = ("P7 ensure that individuals are supported to make their views and preferences known\n"
              "P8 ensure that the involvement of key people in the lives of individuals reflects those views\n")  # fmt: skip
    return renumber(text, "P", 8, 1).replace(P7, halves)


def _merge_p7_p8(text: str) -> str:
    merged = ("P7 ensure that individuals are supported to make their views and preferences known about the "
              "involvement of key people in their lives and that you and others engage with key people to support "
              "them to understand those views\n")  # fmt: skip
    return renumber(text.replace(P7 + P8, merged), "P", 9, -1)


def _renumbered(first: int, last: int, shift: int) -> list[tuple]:
    return [("renumbered", f"P{n}", f"P{n + shift}", ()) for n in range(first, last + 1)]


# name: (old text (None: the original), edit, statement changes, other changes)
SCENARIOS: dict[str, tuple[str | None, Callable[[str], str], list[tuple], list[tuple]]] = {
    "overview edited": (
        None,
        lambda t: t.replace(
            "involvement of key people in the service provision and the achiev",
            "involvement of key people and carers in the service provision and the achiev",
            1,
        ),
        [],
        [("overview", "modified", "overview")],
    ),  # fmt: skip
    "second definition of a repeated term": (
        None,
        _second_key_people_definition,
        [],
        [("glossary", "modified", "Key people (knowledge scope)")],
    ),
    "first definition of a repeated term": (
        None,
        _first_key_people_definition,
        [],
        [("glossary", "modified", "Key people (performance scope)")],
    ),
    "term-less glossary paragraph edited": (
        None,
        lambda t: t.replace(
            "must be applied in the context of this standard.",
            "must be applied in the context of this standard and its scope.",
        ),
        [],
        [("glossary", "modified", "note (knowledge scope)")],
    ),  # fmt: skip
    "glossary term renamed": (
        None,
        lambda t: t.replace("Employment practices should include", "Employment procedures should include"),
        [],
        [("glossary", "renamed", "Employment procedures (knowledge scope)")],
    ),  # fmt: skip
    "value edited": (
        None,
        lambda t: t.replace(
            "To be treated in a dignified way", "To be treated in a dignified and respectful way"
        ),
        [],
        [("value", "modified", "value")],
    ),  # fmt: skip
    "value added": (
        None,
        lambda t: t.replace("To have privacy\n", "To have privacy\nTo be heard\n"),
        [],
        [("value", "added", "value")],
    ),  # fmt: skip
    "knowledge section moved after another": (
        None,
        _move_rights_after_your_practice,
        [],
        [("section", "reordered", "Rights")],
    ),
    "performance section 3 moved to the front": (
        None,
        _section_3_to_front,
        [],
        [
            (
                "section",
                "reordered",
                "Support workers to manage situations where there are "
                "ethical dilemmas or conflicts related to working with key people",
            )
        ],
    ),  # fmt: skip
    "criteria reordered without renumbering": (
        None,
        lambda t: t.replace(line("P4 ") + line("P5 "), line("P5 ") + line("P4 ")),
        [("reordered", "P5", "P5", ())],
        [],
    ),  # fmt: skip
    "criteria reordered and renumbered": (
        None,
        lambda t: t.replace(
            line("P4 ") + line("P5 "), line("P5 ").replace("P5", "P4", 1) + line("P4 ").replace("P4", "P5", 1)
        ),
        [("reordered", "P5", "P4", ("renumbered",)), ("renumbered", "P4", "P5", ())],
        [],
    ),  # fmt: skip
    "clause added to a short criterion": (
        None,
        lambda t: t.replace("K85 how to motivate others", K85_LONG),
        [("modified", "K85", "K85", ())],
        [],
    ),
    "clause cut from a criterion": (
        ORIGINAL.replace("K85 how to motivate others", K85_LONG),
        lambda t: t.replace(K85_LONG, "K85 how to motivate others"),
        [("modified", "K85", "K85", ())],
        [],
    ),  # fmt: skip
    "heading renamed": (
        None,
        lambda t: t.replace(SECTION_2, "Lead and manage effective working relationships with key people"),
        [],
        [("section", "renamed", SECTION_2)],
    ),  # fmt: skip
    "heading renamed and a criterion under it reworded": (
        None,
        lambda t: t.replace(
            SECTION_2, "Lead and manage effective working relationships with key people"
        ).replace(
            "P15 monitor relationships between key people and workers",
            "P15 monitor and review relationships between key people and workers",
        ),
        [("modified", "P15", "P15", ())],
        [("section", "renamed", SECTION_2)],
    ),  # fmt: skip
    "criterion split in two": (None, _split_p7, [("split", "P7", "P7", ())] + _renumbered(8, 28, 1), []),
    "two criteria merged": (None, _merge_p7_p8, [("merged", "P7", "P7", ())] + _renumbered(9, 28, -1), []),
    "punctuation only": (
        None,
        lambda t: t.replace("K85 how to motivate others", "K85 how to motivate others."),
        [("modified", "K85", "K85", ())],
        [],
    ),  # fmt: skip
    "case only": (
        None,
        lambda t: t.replace("K85 how to motivate others", "K85 How to Motivate others"),
        [],
        [],
    ),
    "reworded": (
        None,
        lambda t: t.replace(
            "P5 ensure that you and others seek solutions", "P5 ensure that you and others find solutions"
        ),
        [("modified", "P5", "P5", ())],
        [],
    ),  # fmt: skip
    "moved to another section": (
        None,
        lambda t: t.replace(SECTION_2 + "\n", "").replace(line("P11 "), SECTION_2 + "\n" + line("P11 ")),
        [("moved", "P11", "P11", ())],
        [],
    ),  # fmt: skip
}


def report(old: str, new: str) -> tuple[list[tuple], list[tuple]]:
    result = diff(parse(old), parse(new), old_label="old", new_label="new")
    changes = [(c.kind, c.old_id and c.old_id.rsplit("/", 1)[-1], c.new_id and c.new_id.rsplit("/", 1)[-1], tuple(c.also))
               for c in result.changes]  # fmt: skip
    return changes, [(e.what, e.kind, e.key) for e in result.entries]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario(name: str) -> None:
    old, edit, expected_changes, expected_entries = SCENARIOS[name]
    old = old or ORIGINAL
    new = edit(old)
    assert new != old, "the edit did not apply"
    changes, entries = report(old, new)
    assert (changes, entries) == (expected_changes, expected_entries)
    result = diff(parse(old), parse(new), old_label="old", new_label="new")
    # Everything but typography counts for --exit-code.
    assert result.has_content_changes is bool(expected_changes or expected_entries)


def test_split_names_both_halves_and_its_lineage() -> None:
    result = diff(parse(ORIGINAL), parse(_split_p7(ORIGINAL)), old_label="o", new_label="n")
    split = result.changes[0]
    assert split.new_ids == ["nos/key-people/P7", "nos/key-people/P8"]
    assert split.new_text.startswith(
        "ensure that individuals are supported to make their views and preferences known ensure"
    )
    assert result.lineage["nos/key-people/P7"] == "nos/key-people/P7"
    merged = diff(parse(ORIGINAL), parse(_merge_p7_p8(ORIGINAL)), old_label="o", new_label="n")
    assert merged.changes[0].old_ids == ["nos/key-people/P7", "nos/key-people/P8"]
    assert merged.lineage["nos/key-people/P7"] == merged.lineage["nos/key-people/P8"] == "nos/key-people/P7"


def test_reordered_says_where_it_was_and_is() -> None:
    new = ORIGINAL.replace(line("P4 ") + line("P5 "), line("P5 ") + line("P4 "))
    c = diff(parse(ORIGINAL), parse(new), old_label="o", new_label="n").changes[0]
    assert (c.old_after, c.new_after) == ("nos/key-people/P4", "nos/key-people/P3")


def test_a_new_criterion_beside_a_trimmed_one_is_not_a_split() -> None:
    trimmed = "P7 ensure that individuals are supported to make their views and preferences known\n"
    new = renumber(ORIGINAL, "P", 8, 1).replace(
        P7, trimmed + "P8 promote peer mentoring between key people and workers\n"
    )
    changes, _ = report(ORIGINAL, new)
    assert changes[:2] == [("added", None, "P8", ()), ("modified", "P7", "P7", ())]


def test_title_code_and_metadata_table_are_compared() -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures/nos/directory-format.txt"
    text = fixture.read_text(encoding="utf-8")
    edited = (text.replace("Promote the safeguarding of individuals", "Promote the safety of individuals", 1)
              .replace("SCDHSC0035", "SCDHSC0036", 1).replace("Version Number\t3", "Version Number\t4"))  # fmt: skip
    result = diff(parse(text), parse(edited), old_label="o", new_label="n")
    assert [(e.what, e.kind, e.key, e.old, e.new) for e in result.entries] == [
        (
            "metadata",
            "modified",
            "title",
            "Promote the safeguarding of individuals",
            "Promote the safety of individuals",
        ),
        ("metadata", "modified", "code", "SCDHSC0035", "SCDHSC0036"),
        ("metadata", "modified", "Version Number", "3", "4"),
    ]
    assert result.has_content_changes


def test_punctuation_is_never_shown_as_100_percent_similar() -> None:
    result = diff(parse(ORIGINAL), parse(ORIGINAL.replace("K85 how to motivate others", "K85 how to motivate others.")),
                  old_label="o", new_label="n")  # fmt: skip
    assert result.changes[0].similarity > 0.95
    assert percent(0.999) == "99% similar" and percent(0.5) == "50% similar"


def test_markdown_carries_what_the_text_report_shows() -> None:
    new = _section_3_to_front(_split_p7(ORIGINAL.replace(SECTION_2, "Working relationships with key people")))
    new = new.replace("To be treated in a dignified way", "To be treated in a dignified and respectful way")
    new = new.replace(
        "are supported by others to engage", "are supported by others to take part"
    )  # P9, now P10
    new = _second_key_people_definition(new).replace("\u2019", "'")
    new = new.replace(
        line("K85 ", new), line("K85 ", new).replace("others", "others and sustain their engagement")
    )
    result = diff(parse(ORIGINAL), parse(new), old_label="o", new_label="n", typography=True)
    page = markdown(result)
    assert (
        "<b>Split (1)</b>" in page and "**nos/key-people/P7 → nos/key-people/P7 + nos/key-people/P8**" in page
    )
    assert "also renumbered" in page  # the 'also' kinds
    assert "<sub>section: Lead and manage the implementation" in page  # section names
    assert (
        "renamed: Lead and manage a service provision" in page
        and "→ Working relationships with key people" in page
    )
    assert (
        "To be treated in a dignified <ins>and respectful</ins> way" in page
    )  # value changes with their text
    assert "<b>Glossary (1)</b>" in page and "neighbours" in page
    assert "<b>Typography only" in page and "<del>individuals’</del> <ins>individuals'</ins>" in page
    assert "reordered: Support workers to manage situations" in page and "was after" in page


def test_markdown_fits_a_github_comment() -> None:
    rewritten = re.sub(r"^(K\d+) (.*)$", lambda m: f"{m[1]} {m[2][::-1]}", ORIGINAL, flags=re.MULTILINE)
    big = "\n".join([ORIGINAL] + [ORIGINAL.replace("key people", f"key people {n}") for n in range(3)])
    result = diff(parse(big), parse(rewritten * 4), old_label="o", new_label="n")
    page = markdown(result)
    assert len(page) <= 60_000
    assert "run `cwframe diff --details` to see them all" in page
    small = diff(parse(ORIGINAL), parse(_split_p7(ORIGINAL)), old_label="o", new_label="n")
    assert "more: run" not in markdown(small)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_same_output_under_any_hash_seed(fmt: str) -> None:
    """Two different units tie on a pair (P36 with P20 at 0.605): the answer must not depend on hashing."""
    outputs = set()
    for seed in ("0", "1", "2", "3", "123"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-m", "cwframe", "diff", "nos/cyp-development", "nos/key-people",
                              "--details", "-f", fmt], capture_output=True, env=env, check=True)  # fmt: skip
        outputs.add(run.stdout)
    assert len(outputs) == 1
    if fmt == "json":
        assert json.loads(outputs.pop())["summary"]["unchanged"] == 97


def test_github_renders_the_pr_comment_with_links_and_changes_intact() -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    new = ORIGINAL.replace(
        "K85 how to motivate others", "K85 how to motivate others (see https://example.org/a_b_c)"
    )
    # GitHub renders raw HTML, then keeps only the tags its sanitiser allows.
    page = cmarkgfm.github_flavored_markdown_to_html(
        markdown(diff(parse(ORIGINAL), parse(new), old_label="o", new_label="n")),
        options=cmarkgfm.Options.CMARK_OPT_UNSAFE,
    )
    assert set(re.findall(r"</?([a-z0-9]+)", page)) <= GITHUB_ALLOWED_TAGS
    assert '<ins>(see <a href="https://example.org/a_b_c">https://example.org/a_b_c</a>)</ins>' in page
    assert "%5C" not in page and "<details><summary><b>Modified (1)</b></summary>" in page


GITHUB_ALLOWED_TAGS = {"h3", "p", "code", "details", "summary", "b", "ul", "li", "strong", "br", "sub", "ins", "del", "a",
                       "em"}  # fmt: skip
