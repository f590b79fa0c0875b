"""Scenario diffs on a real unit: each edit gives exactly the expected change list."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cwframe
from cwframe import parsers
from cwframe.cli.app import app
from cwframe.export.select import select
from cwframe.ops.diff import diff

RAW = Path(__file__).resolve().parents[2] / "data/raw/nos/key-people.txt"
ORIGINAL = RAW.read_text(encoding="utf-8")


def parse(text: str):
    return [parsers.get("nos").parse(text, path="key-people.txt", unit="key-people")]


def changes(old: str, new: str, **options) -> list[tuple]:
    result = diff(parse(old), parse(new), old_label="old", new_label="new", **options)
    return [(c.kind, c.old_id and c.old_id.rsplit("/", 1)[-1], c.new_id and c.new_id.rsplit("/", 1)[-1], tuple(c.also))
            for c in result.changes]  # fmt: skip


def renumber(text: str, letter: str, start: int, shift: int) -> str:
    """Shift every criterion number >= start by shift (what an editor does after an insertion)."""

    def bump(match: re.Match) -> str:
        n = int(match[2])
        return f"{match[1]}{n + shift if n >= start else n} "

    return re.sub(rf"^({letter})(\d+) ", bump, text, flags=re.MULTILINE)


def test_diff_of_a_unit_with_itself_is_empty() -> None:
    assert changes(ORIGINAL, ORIGINAL) == []


def test_reworded_criterion() -> None:
    new = ORIGINAL.replace(
        "P5 ensure that you and others seek solutions", "P5 ensure that you and others find solutions"
    )
    assert "P5 ensure that you and others find" in new
    result = diff(parse(ORIGINAL), parse(new), old_label="o", new_label="n")
    assert [(c.kind, c.old_id, c.new_id) for c in result.changes] == [
        ("modified", "nos/key-people/P5", "nos/key-people/P5")
    ]
    assert result.changes[0].diff.startswith("ensure that you and others [-seek-] {+find+} solutions")
    assert result.lineage["nos/key-people/P5"] == "nos/key-people/P5"


def test_insertion_in_the_middle_renumbers_the_rest() -> None:
    inserted = "P15 promote the use of peer mentoring between key people and workers\n"
    new = renumber(ORIGINAL, "P", 15, 1).replace("P16 ", inserted + "P16 ", 1)
    expected = [("added", None, "P15", ())] + [
        ("renumbered", f"P{n}", f"P{n + 1}", ()) for n in range(15, 29)
    ]
    assert changes(ORIGINAL, new) == expected


def test_deletion_renumbers_the_rest() -> None:
    p12 = next(line for line in ORIGINAL.splitlines(keepends=True) if line.startswith("P12 "))
    new = renumber(ORIGINAL.replace(p12, ""), "P", 13, -1)
    expected = [("removed", "P12", None, ())] + [
        ("renumbered", f"P{n}", f"P{n - 1}", ()) for n in range(13, 29)
    ]
    assert changes(ORIGINAL, new) == expected


def test_new_knowledge_section() -> None:
    anchor = "K107 "
    line = next(ln for ln in ORIGINAL.splitlines(keepends=True) if ln.startswith(anchor))
    section = "Digital practice\n\nK108 how to keep information about key people safe online\nK109 the use of video calls with families\n"
    new = ORIGINAL.replace(line, line + "\n" + section)
    result = diff(parse(ORIGINAL), parse(new), old_label="o", new_label="n")
    assert [(c.kind, c.new_id) for c in result.changes] == [
        ("added", "nos/key-people/K108"),
        ("added", "nos/key-people/K109"),
    ]
    assert [(e.what, e.kind, e.key) for e in result.entries] == [("section", "added", "Digital practice")]


def test_typography_only_is_not_a_content_change() -> None:
    new = ORIGINAL.replace("\u2019", "'").replace("P3 ", "P3  ").replace("key people", "key  people")
    assert new != ORIGINAL
    result = diff(parse(ORIGINAL), parse(new), old_label="o", new_label="n")
    assert result.changes == [] and not result.has_content_changes
    shown = diff(parse(ORIGINAL), parse(new), old_label="o", new_label="n", typography=True)
    assert {c.kind for c in shown.changes} == {"typography"} and len(shown.changes) == sum(
        1
        for s in cwframe.iter_statements(cwframe.load_corpus())
        if s.unit == "key-people" and "\u2019" in s.text
    )


def test_all_at_once() -> None:
    inserted = "P15 promote the use of peer mentoring between key people and workers\n"
    new = ORIGINAL.replace(
        "P5 ensure that you and others seek solutions", "P5 ensure that you and others find solutions"
    )
    new = renumber(new, "P", 15, 1).replace("P16 ", inserted + "P16 ", 1)
    new = new.replace("\u2019", "'")
    k107 = next(ln for ln in new.splitlines(keepends=True) if ln.startswith("K107 "))
    new = new.replace(
        k107, k107 + "\nDigital practice\n\nK108 how to keep information about key people safe online\n"
    )
    got = changes(ORIGINAL, new)
    assert got == (
        [("added", None, "P15", ()), ("added", None, "K108", ()), ("modified", "P5", "P5", ())]
        + [("renumbered", f"P{n}", f"P{n + 1}", ()) for n in range(15, 29)]
    )


def test_moved_between_sections() -> None:
    # P11 closes the first section; moving the second section's heading above it moves P11.
    heading = (
        "Lead and manage a service provision that supports effective working relationships with key people\n"
    )
    p11 = next(ln for ln in ORIGINAL.splitlines(keepends=True) if ln.startswith("P11 "))
    new = ORIGINAL.replace(heading, "").replace(p11, heading + p11)
    result = diff(parse(ORIGINAL), parse(new), old_label="o", new_label="n")
    assert [(c.kind, c.old_id, c.new_section == heading.strip()) for c in result.changes] == [
        ("moved", "nos/key-people/P11", True)
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(
        st.sampled_from(["nos", "pcf", "sdf", "nos/key-people", "pcf/C", "sdf/7"]),
        min_size=1,
        max_size=3,
        unique=True,
    )
)
def test_diff_of_anything_with_itself_is_empty(parts: list[str]) -> None:
    side = list(select(cwframe.load_corpus(), parts).frameworks)
    result = diff(side, side, old_label="a", new_label="a")
    assert result.changes == [] and result.entries == [] and not result.has_content_changes


def test_two_units_share_k1_to_k97() -> None:
    corpus = cwframe.load_corpus()
    a = list(select(corpus, ["nos/cyp-development"]).frameworks)
    b = list(select(corpus, ["nos/key-people"]).frameworks)
    result = diff(a, b, old_label="a", new_label="b")
    assert result.summary["unchanged"] == 97
    assert result.lineage["nos/cyp-development/K1"] == "nos/key-people/K1"


def test_five_megabyte_files_diff_in_seconds(tmp_path: Path) -> None:
    words = ["support", "review", "plan", "record", "assess", "lead", "evaluate", "share", "agree", "monitor"]
    lines = [f"K{n} {words[n % 10]} item {n} of practice area {n // 10} with reference code {n * 7919 % 100003}"
             for n in range(1, 70_000)]  # fmt: skip
    old_text = "Knowledge and understanding\nArea\n" + "\n".join(lines) + "\n"
    assert len(old_text) > 5_000_000
    edited = lines[:]
    edited[100] = edited[100].replace("item", "element")
    del edited[5000]
    new_text = "Knowledge and understanding\nArea\n" + "\n".join(edited) + "\n"
    start = time.perf_counter()
    result = diff(parse(old_text), parse(new_text), old_label="o", new_label="n")
    assert time.perf_counter() - start < 30
    assert (result.summary["modified"], result.summary["removed"], result.summary["unchanged"]) == (
        1,
        1,
        69_997,
    )


def test_cli_formats_and_exit_codes(runner, tmp_path: Path, monkeypatch) -> None:
    import json

    edited = tmp_path / "key-people.txt"
    edited.write_text(
        ORIGINAL.replace(
            "P5 ensure that you and others seek solutions", "P5 ensure that you and others find solutions"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["diff", str(RAW), str(edited), "--exit-code"])
    assert result.exit_code == 1
    assert "1 modified, 134 unchanged" in result.stdout
    payload = json.loads(runner.invoke(app, ["diff", str(RAW), str(edited), "-f", "json"]).stdout)
    assert set(payload) == {"old", "new", "summary", "changes", "entries", "lineage"}
    change = payload["changes"][0]
    assert (change["kind"], change["old_id"], change["new_id"], change["similarity"]) == (
        "modified", "nos/key-people/P5", "nos/key-people/P5", change["similarity"],
    )  # fmt: skip
    assert 0.9 < change["similarity"] < 1
    md = runner.invoke(app, ["diff", str(RAW), str(edited), "-f", "markdown"]).stdout
    assert md.startswith("### cwframe diff:") and "<details><summary><b>Modified (1)</b></summary>" in md
    assert f"→ `{edited}`" in md  # a path in a code span is shown as it is, never escaped
    assert runner.invoke(app, ["diff", str(RAW), str(RAW), "--exit-code"]).exit_code == 0
    missing = runner.invoke(app, ["diff", "nope.txt", str(RAW)])
    assert missing.exit_code == 2 and "nope.txt" in missing.stderr


def test_rev_compares_with_the_committed_version(runner, tmp_path: Path) -> None:
    if subprocess.run(["git", "--version"], capture_output=True, check=False).returncode != 0:
        pytest.skip("git is not installed")
    repo = tmp_path / "standards"
    repo.mkdir()
    unit = repo / "key-people.txt"
    unit.write_text(ORIGINAL, encoding="utf-8")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    for cmd in (["init", "-q"], ["add", "."], [*env, "commit", "-qm", "v1"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True)
    unit.write_text(
        ORIGINAL.replace(
            "P5 ensure that you and others seek solutions", "P5 ensure that you and others find solutions"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["diff", "--rev", "HEAD", str(unit), "--exit-code"])
    assert result.exit_code == 1 and "1 modified" in result.stdout
    bad = runner.invoke(app, ["diff", "--rev", "nosuchrev", str(unit)])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: cannot read")
    # History gets the checks the working tree gets: a Windows-1252 version is a located error,
    # not text with replacement characters.
    unit.write_bytes(ORIGINAL.replace("\u2019", "'").encode("utf-8").replace(b"P5 ensure", b"P5 \x92ensure"))
    for cmd in (["add", "."], [*env, "commit", "-qm", "v2"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True)
    unit.write_text(ORIGINAL, encoding="utf-8")
    old_1252 = runner.invoke(app, ["diff", "--rev", "HEAD", str(unit)])
    assert old_1252.exit_code == 2 and ":8:4: PA02 byte 0x92 is not valid UTF-8" in old_1252.stderr
    assert "key-people.txt@HEAD" in old_1252.stderr


def test_a_complete_rewrite_stays_fast() -> None:
    """Every statement changed: sorting the change list once used a per-change scan (quadratic)."""
    n = 20_000
    old = "Knowledge and understanding\nArea\n" + "\n".join(
        f"K{i} alpha item {i} code {i * 7919 % 100003}" for i in range(1, n)
    )
    new = "Knowledge and understanding\nArea\n" + "\n".join(
        f"K{i} beta thing {i * 31} ref {i * 104729 % 99991}" for i in range(1, n)
    )
    start = time.perf_counter()
    result = diff(parse(old + "\n"), parse(new + "\n"), old_label="o", new_label="n")
    assert time.perf_counter() - start < 20  # measured ~1.5 s; the quadratic sort took minutes
    s = result.summary
    # A few rewritten lines share numbers with an old one by chance and pair as 'modified'.
    assert s["added"] == s["removed"] and s["added"] + s["modified"] == n - 1 and s["modified"] < 20
