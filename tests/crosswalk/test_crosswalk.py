from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from rich.console import Console

import cwframe
from cwframe.cli.app import app
from cwframe.crosswalk.gold import read_gold, score
from cwframe.errors import InputError
from cwframe.ops.crosswalk import crosswalk, read_decisions
from cwframe.render import crosswalk as render

GOLD = Path(__file__).with_name("gold.yaml")


def machine(*args, **options):
    """The machine's suggestions alone: every source undecided (the shipped reviews not applied)."""
    return crosswalk(*args, reviews=False, **options)


@pytest.fixture(scope="module")
def corpus():
    return cwframe.load_corpus()


@pytest.fixture(scope="module")
def gold():
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def test_gold_set_size(gold) -> None:
    positives = sum(1 for d in gold.values() for v in d.values() if v)
    assert positives >= 60 and set(gold) == {"nos->sdf", "pcf->sdf", "nos->pcf"}


# Measured (tfidf, min_score 0, every source's idf): NOS->SDF P@1 0.60 MRR 0.73; PCF->SDF 0.45 / 0.58;
# NOS->PCF 0.60 / 0.63 (before row families and level sets: 0.64 / 0.69, 0.40 / 0.52, 0.47 / 0.49; before
# function words were dropped, PCF->SDF 0.55 / 0.66: two near ties, 0.386 against 0.383, went the other way,
# while the designers' independent judgements gained, docs/crosswalk.md).
FLOORS = {"nos->sdf": (0.55, 0.65), "pcf->sdf": (0.40, 0.55), "nos->pcf": (0.45, 0.55)}


@pytest.mark.parametrize("direction", sorted(FLOORS))
def test_quality_against_the_gold_set(corpus, direction: str) -> None:
    source, target = direction.split("->")
    judged = read_gold(GOLD, source, target)
    ids = {j.source for j in judged}
    scores = {m: score(machine(corpus, source, target, min_score=0.0, method=m, source_ids=ids).records, judged)
              for m in ("tfidf", "plain")}  # fmt: skip
    p1_floor, mrr_floor = FLOORS[direction]
    assert scores["tfidf"].precision_at_1 >= p1_floor, scores
    assert scores["tfidf"].mrr >= mrr_floor, scores
    assert scores["tfidf"].mrr > scores["plain"].mrr, scores


def test_scoring_some_sources_gives_them_the_matches_of_the_whole_crosswalk(corpus) -> None:
    """source_ids (what --gold scores) picks records, not the corpus: the idf still counts
    every source, so a judged statement's matches are those a user's crosswalk shows
    (scoring a subset alone once reported PCF->SDF P@1 0.23 where users got 0.15)."""
    whole = {r.id: r for r in machine(corpus, "pcf", "sdf").records}
    some = {"pcf/B.1.16", "pcf/C.3.1", "pcf/C.9.1", "pcf/F.4.2", "pcf/G.8.11", "pcf/I.4.2"}
    picked = machine(corpus, "pcf", "sdf", source_ids=some).records
    # pcf/F.4.2 prints pcf/E.4.3's text at the same tier (categories E and F are both level 6): one source.
    assert {r.id for r in picked} == some - {"pcf/F.4.2"} | {"pcf/E.4.3"}
    assert "pcf/F.4.2" in next(r for r in picked if r.id == "pcf/E.4.3").copies
    assert all(r == whole[r.id] for r in picked)


def test_no_match_rather_than_a_lure(corpus) -> None:
    # The SDF says nothing about assistive technology: what is shown is labelled weak, and a
    # higher floor shows nothing.
    shown = machine(corpus, "nos/cyp-development", "sdf", source_ids={"nos/cyp-development/K36"})
    assert all(m.relation == "weak" for m in shown.records[0].matches)
    result = machine(
        corpus, "nos/cyp-development", "sdf", min_score=0.2, source_ids={"nos/cyp-development/K36"}
    )
    assert result.records[0].matches == []
    assert "nos/cyp-development/K36" in result.coverage.unmatched_sources


def test_evidence_explains_the_match(corpus) -> None:
    record = machine(corpus, "nos", "sdf", source_ids={"nos/cyp-development/K62"}).records[0]
    best = record.matches[0]
    assert "multi-agency working" in best.evidence.concepts
    assert best.level == "7" and best.evidence.level_aligned is True
    assert best.relation in ("strong match", "related")


def test_long_rows_report_the_matching_sentence(corpus) -> None:
    record = machine(
        corpus, "nos", "sdf", min_score=0.0, top=10, source_ids={"nos/cyp-development/K1"}
    ).records[0]
    row = next(m for m in record.matches if m.id == "sdf/7/knowledge/child-and-young-person-development")
    assert (
        row.evidence.sentence
        == "Understands the importance of recognising equality and diversity in developing positive outcomes."
    )


def test_level_follows_the_source_tier(corpus) -> None:
    rows = {r.id: r for r in cwframe.iter_statements(corpus)}
    starter = next(
        i
        for i, r in rows.items()
        if r.text.startswith("Knows about laws and national guidance relating to protecting")
    )
    leader = "nos/cyp-development/K55"
    a = machine(corpus, "pcf", "sdf", min_score=0.0, source_ids={starter}).records[0].matches[0]
    b = machine(corpus, "nos", "sdf", min_score=0.0, source_ids={leader}).records[0].matches[0]
    assert a.level == "3" and b.level in ("7", "8")
    assert a.group == b.group == "Safeguarding and promoting the welfare of the child or young person"


def test_decisions_accept_reject_and_flag_new(corpus, tmp_path: Path) -> None:
    """A decided source shows what was decided, nothing else; a source with only rejections shows
    the suggestions less those; the machine's labels in an older file read as grades."""
    ids = {"nos/cyp-development/K62", "nos/cyp-development/K55"}
    first = {r.id: r.matches for r in crosswalk(corpus, "nos", "sdf", source_ids=ids, reviews=False).records}
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "source,target,decision,relation,note\n"
        f"nos/cyp-development/K62,{first['nos/cyp-development/K62'][0].id},reject,,not about purpose\n"
        "nos/cyp-development/K62,sdf/yps/1.3,accept,strong match,agreed in review\n"
        f"nos/transitions/K55,{first['nos/cyp-development/K55'][0].id},reject,,too general\n",
        encoding="utf-8",
    )
    result = crosswalk(
        corpus, "nos", "sdf", source_ids=ids, decisions=read_decisions(decisions), reviews=False
    )
    k55, k62 = result.records
    assert [(m.id, m.reviewed, m.grade, m.reviewed_by, m.note) for m in k62.matches] == [
        ("sdf/yps/1.3", True, "strong", "you", "agreed in review")
    ]
    assert k62.reviewed_by == "you" and k62.decided
    # K55 is printed by every unit: a rejection made on the transitions copy holds for the record.
    assert k55.id == "nos/cyp-development/K55" and "nos/transitions/K55" in k55.copies
    assert [m.id for m in k55.matches][:2] == [m.id for m in first["nos/cyp-development/K55"][1:3]]
    assert first["nos/cyp-development/K55"][0].id not in [m.id for m in k55.matches]
    assert not k55.decided and all(not m.reviewed for m in k55.matches)
    as_yaml = tmp_path / "decisions.yaml"
    as_yaml.write_text(
        yaml.safe_dump([{"source": "a", "target": "b", "decision": "accept"}]), encoding="utf-8"
    )
    assert list(read_decisions(as_yaml)) == [("a", "b")]
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target,decision\na,b,maybe\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"bad.csv: line 2: decision: Input should be 'accept', 'reject' or "
    ):
        read_decisions(bad)


def test_a_reviewers_own_pick_shows_its_real_score_and_no_counterpart_says_so(corpus, tmp_path: Path) -> None:
    """A target accepted from outside the ranked candidates is scored as it stands (not 0.00), and
    a source marked 'no counterpart' says so in every output, instead of 'no match'."""
    source = "nos/cyp-development/K62"
    ranked = (
        crosswalk(corpus, "nos", "sdf", top=20, min_score=0, source_ids={source}, reviews=False)
        .records[0]
        .matches
    )
    own_pick = "sdf/6/skill/selects-handles-and-shares-information-confidently"
    assert own_pick not in [m.id for m in ranked]
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "source,target,decision,relation,note\n"
        f"{source},{own_pick},accept,partial,chosen by hand\n"
        "nos/cyp-development/K63,,no counterpart,,nothing at SDF\n",
        encoding="utf-8",
    )
    result = machine(corpus, "nos", "sdf", decisions=read_decisions(decisions),
                       source_ids={source, "nos/cyp-development/K63"})  # fmt: skip
    mine, none_there = result.records
    pick = mine.matches[0]
    assert (pick.id, pick.reviewed, pick.grade, pick.note) == (own_pick, True, "partial", "chosen by hand")
    assert 0 < pick.score < ranked[-1].score and (pick.evidence.terms or pick.evidence.concepts)
    assert any(rule.startswith("kinds differ") for rule in pick.evidence.rules)
    assert none_there.no_counterpart and none_there.matches == []
    out = io.StringIO()
    render.text(result, Console(file=out, width=200, color_system=None, highlight=False))
    shown = out.getvalue()
    assert "    no counterpart (reviewed: your review): nothing at SDF\n" in shown
    # A reviewed pair reads as the reviewer graded it, the reason on its own line, the machine's view after.
    assert (f"    reviewed partial  {own_pick}  (your review)\n" in shown and "        why: chosen by hand\n" in shown
            and f"        machine: {pick.score:.2f} weak; concepts: multi-agency working; " in shown)  # fmt: skip
    rows = render.rows(result)
    row = next(r for r in rows if r["source_id"] == "nos/cyp-development/K63")
    assert (row["relation"], row["label"], row["reviewed"], row["note"]) == (
        "no counterpart", "no counterpart", True, "nothing at SDF")  # fmt: skip
    row = next(r for r in rows if r["source_id"] == source)
    assert (row["label"], row["grade"], row["reviewed_by"], row["relation"], row["note"]) == (
        "reviewed partial", "partial", "you", "weak", "chosen by hand")  # fmt: skip


def test_matrix_coverage_alignment_are_consistent(corpus) -> None:
    result = machine(corpus, "pcf", "sdf")
    assert len(result.matrix) == len(result.matrix_rows) and all(
        len(r) == len(result.matrix_columns) for r in result.matrix
    )
    c = result.coverage
    # 877 statements, 697 sources: a text printed twice within one tier (a full stop apart) is reviewed once.
    assert (
        c.sources == 697 == len(result.records) and c.sources_matched + len(c.unmatched_sources) == c.sources
    )
    assert sum(1 + len(r.copies) for r in result.records) == 877
    assert c.targets_reached + len(c.unreached_targets) == c.targets == 292
    best = {a.source: a.best_level for a in result.alignment}
    assert best["pcf/A"] == "3" and best["pcf/H"] == "8"


def test_user_thesaurus_adds_concepts(corpus, tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "concepts:\n  complaints handling: [complaints, concerns and complaints, signposts]\n",
        encoding="utf-8",
    )
    record = machine(corpus, "nos", "sdf", min_score=0.0, top=5, thesaurus_file=extra,
                       source_ids={"nos/cyp-development/K27"}).records[0]  # fmt: skip
    assert any("complaints handling" in m.evidence.concepts for m in record.matches)
    plain = machine(
        corpus, "nos", "sdf", min_score=0.0, top=5, source_ids={"nos/cyp-development/K27"}
    ).records[0]
    assert not any("complaints handling" in m.evidence.concepts for m in plain.matches)


def test_formats(corpus) -> None:
    result = machine(corpus, "nos/key-people", "sdf", top=2)
    payload = result.model_dump(mode="json")
    assert set(payload["records"][0]) == {
        "id",
        "framework",
        "text",
        "group",
        "copies",
        "matches",
        "no_counterpart",
        "reviewed_by",
        "note",
    }
    match = next(r for r in payload["records"] if r["matches"])["matches"][0]
    assert set(match) >= {"id", "framework", "text", "score", "relation", "evidence"}
    rows = render.rows(result)
    parsed = list(csv.DictReader(io.StringIO(_csv(rows))))
    assert {r["source_id"] for r in parsed} == {r.id for r in result.records}
    assert render.markdown(result).startswith("### Crosswalk nos/key-people → sdf")
    from openpyxl import load_workbook

    from cwframe.crosswalk.workbook import write_workbook

    book = load_workbook(io.BytesIO(write_workbook(result)))
    assert book.sheetnames == ["review", "kept decisions", "matrix", "gaps in target", "gaps in source"]
    assert write_workbook(result) == write_workbook(result)  # deterministic bytes


def _csv(rows) -> str:
    from cwframe.render.data import write_csv

    buffer = io.StringIO()
    write_csv(rows, buffer)
    return buffer.getvalue()


def test_html_is_self_contained_and_escaped(corpus) -> None:
    nos = corpus.frameworks[0]
    unit = next(u for u in nos.units if u.slug == "key-people")
    section = unit.sections[0]
    hostile = section.statements[0].model_copy(
        update={"text": "<script>alert('x')</script> involve key people"}
    )
    section = section.model_copy(update={"statements": [hostile, *section.statements[1:]]})
    unit = unit.model_copy(update={"sections": [section, *unit.sections[1:]]})
    poisoned = corpus.model_copy(
        update={"frameworks": [nos.model_copy(update={"units": [unit]}), *corpus.frameworks[1:]]}
    )
    page = render.review_page(machine(poisoned, "nos/key-people", "sdf", min_score=0.0, top=3))
    # The page's own two scripts (its data and its code); the statement only as escaped JSON.
    assert page.count("<script") == 2 and "alert('x')</script>" not in page
    assert "\\u003cscript\\u003ealert('x')\\u003c/script\\u003e involve key people" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page and " src=" not in page


def test_cli(runner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["crosswalk", "nos", "sdf", "--gold", str(GOLD)])
    assert result.exit_code == 0 and result.stdout.startswith(
        "nos → sdf (tfidf): 29 judged (25 with a counterpart, 4 without): P@1 "
    )
    designer = tmp_path / "designer.json"  # the designers' format, read as it is
    designer.write_text(json.dumps({"nos->sdf": {
        "nos/key-people/K53": {"accept": [{"id": "sdf/7/knowledge/supporting-transitions", "grade": "partial"}],
                               "note": "a copy's id: scored on the record that stands for all three"},
        "nos/cyp-development/K36": {"accept": [], "note": "no counterpart: assistive technology"}}}),
        encoding="utf-8")  # fmt: skip
    judged = runner.invoke(app, ["crosswalk", "nos", "sdf", "--gold", str(designer), "-f", "json"])
    report = json.loads(judged.stdout)
    assert judged.exit_code == 0 and (report["sources"], report["positives"], report["negatives"]) == (
        2,
        1,
        1,
    )
    out = tmp_path / "map.html"
    assert runner.invoke(app, ["crosswalk", "pcf/G", "sdf", "-f", "html", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    payload = json.loads(
        runner.invoke(app, ["crosswalk", "nos/key-people", "pcf", "-f", "json", "--top", "1"]).stdout
    )
    assert payload["source"] == "nos/key-people" and len(payload["records"]) == 135
    bad = runner.invoke(app, ["crosswalk", "nos/nope", "sdf"])
    assert bad.exit_code == 2 and "'nos/nope' is not a framework or part" in bad.stderr
    assert runner.invoke(app, ["crosswalk", "nos", "sdf", "-f", "xlsx"]).exit_code == 2


def test_streamed_crosswalk_of_a_raw_corpus(runner, repo, tmp_path: Path, monkeypatch) -> None:
    """--source-corpus streams a corpus through its search index: one JSON line per distinct text."""
    monkeypatch.setenv("CWFRAME_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "map.jsonl"
    result = runner.invoke(app, ["crosswalk", "nos", "sdf", "--source-corpus", str(repo / "data/raw/nos"), "-f", "json",
                                 "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    shared = next(r for r in lines if r["text"] == "legal and statutory requirements for health and safety")
    assert shared["statements"] == 3 and sorted(shared["ids"]) == [
        f"nos/{u}/K53" for u in ("cyp-development", "key-people", "transitions")
    ]
    assert (
        sum(r["statements"] for r in lines) == 428 + 104 - 104
    )  # statements only; glossary entries are not mapped
    assert "428 statements" in result.stderr
    k62 = next(
        r for r in lines if r["text"] == "the purpose of working with other professionals and agencies"
    )
    in_memory = machine(cwframe.load_corpus(), "nos", "sdf", source_ids={"nos/cyp-development/K62"}).records[
        0
    ]
    assert [m["id"] for m in k62["matches"]][:1] == [in_memory.matches[0].id]
    assert (
        runner.invoke(app, ["crosswalk", "nos", "sdf", "--source-corpus", str(tmp_path / "nope")]).exit_code
        == 2
    )


def test_streamed_lines_are_records_as_json(repo, tmp_path: Path, monkeypatch) -> None:
    """Workers send each record as its JSON line; the line parses back into the same record."""
    from cwframe.ops.crosswalk_stream import StreamRecord, crosswalk_stream

    monkeypatch.setenv("CWFRAME_CACHE_DIR", str(tmp_path))
    lines = list(crosswalk_stream(repo / "data" / "raw" / "nos", cwframe.load_corpus(), "sdf", workers=1))
    assert (
        sum(line.statements for line in lines) == 428 and len(lines) < 428
    )  # K53 is said by all three units
    for line in lines[:50]:
        record = line.record()
        assert isinstance(record, StreamRecord) and record.model_dump_json() == line.json
        assert line.statements == record.statements
        assert line.target_ids == tuple(m.id for m in record.matches)


def test_an_interrupted_streamed_crosswalk_leaves_the_last_output_whole(runner, repo, tmp_path: Path,
                                                                        monkeypatch) -> None:  # fmt: skip
    from cwframe.errors import InputError
    from cwframe.ops import crosswalk_stream as stream

    def failing(*args, **kwargs):
        yield stream.StreamLine('{"text": "one"}', 1, ())
        raise InputError("the index went away")

    monkeypatch.setattr(stream, "crosswalk_stream", failing)
    out = tmp_path / "map.jsonl"
    out.write_text("the last complete run\n", encoding="utf-8")
    result = runner.invoke(app, ["crosswalk", "nos", "sdf", "--source-corpus", str(repo / "data" / "raw"),
                                 "-f", "json", "-o", str(out)])  # fmt: skip
    assert result.exit_code == 2 and "the index went away" in result.stderr
    assert out.read_text(encoding="utf-8") == "the last complete run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.jsonl"]


def test_cli_default_floor_is_the_librarys() -> None:
    import inspect

    from cwframe.cli.commands.crosswalk import crosswalk_command
    from cwframe.ops.crosswalk import DEFAULT_MIN_SCORE

    assert inspect.signature(crosswalk_command).parameters["min_score"].default == DEFAULT_MIN_SCORE


def test_designer_gold_format_is_read() -> None:
    from cwframe.crosswalk.gold import half, parse_gold

    data = {"nos->sdf": {"nos/a/K1": {"accept": [{"id": "sdf/7/x", "grade": "strong"}], "note": "n"},
                         "nos/a/K2": {"accept": [], "note": "no counterpart: …"}}}  # fmt: skip
    judged = parse_gold(data, "nos", "sdf")
    assert [(j.source, j.accepted, j.negative) for j in judged] == [
        ("nos/a/K1", {"sdf/7/x": "strong"}, False),
        ("nos/a/K2", {}, True),
    ]
    assert {half(f"nos/a/K{n}") for n in range(20)} == {"A", "B"}
    with pytest.raises(InputError, match="expected"):
        parse_gold({"nos/a/K1": 5}, "nos", "sdf")


def test_markdown_summary_fits_a_pr_comment_and_details_has_everything(corpus) -> None:
    result = machine(corpus, "pcf", "sdf")
    summary = render.markdown(result)
    assert len(summary) < 65_536 and "#### Target groups least reached" in summary
    assert "- **Sources with a counterpart:** " in summary and "--details" in summary
    full = render.markdown(result, details=True)
    assert len(full) > 65_536 and all(f"| {r.id} |".replace("-", "\\-") in full or f"| {r.id} |" in full
                                      for r in result.records if r.matches)  # fmt: skip
    cmarkgfm = pytest.importorskip("cmarkgfm")
    page = cmarkgfm.github_flavored_markdown_to_html(summary)
    assert page.count("<table>") >= 2 and "<h3>Crosswalk pcf → sdf</h3>" in page


def test_the_matrix_is_shares_by_qualified_group_and_fits_80_columns(corpus) -> None:
    result = machine(corpus, "nos", "sdf")
    # Sections every unit prints alike are one group; a title with different sources in each unit
    # is named with its unit. 24 distinct groups, no name twice.
    assert "Rights" in result.matrix_rows and "key-people · Rights" not in result.matrix_rows
    assert (
        "key-people · Specific to this NOS" in result.matrix_rows
        and "Specific to this NOS" not in result.matrix_rows
    )
    assert len(result.matrix_rows) == len(set(result.matrix_rows)) == 24
    assert all(0 <= v <= 1 for row in result.matrix for v in row)
    for row, values in zip(result.matrix_rows, result.matrix, strict=True):
        records = [r for r in result.records if r.group and row.endswith(r.group)]
        assert sum(values) <= 1.0001 or not records  # each statement's best match lands in one group
    lines = render.matrix_lines(result, 80)
    heat_map = lines[: lines.index("Source groups:")]  # the keys below list full group names
    assert heat_map and all(len(line) <= 80 for line in heat_map)
    # Names cut to fit would read alike ('Lead and manage service provisio…' three times): lettered, and
    # every row of the map reads differently.
    rows = [line[:34] for line in heat_map[6:] if line.strip()]
    assert len(rows) == 24 and len(set(rows)) == 24 and rows[0].startswith(" A Lead and manage")
    assert lines[lines.index("Source groups:") + 1] == "   A " + result.matrix_rows[0]
    assert lines[2].strip() == render.legend() and "█ 75% or more" in lines[2]
    page = render.review_page(result)
    assert "position:sticky" in page and "<ol class='key'>" in page and "75% or more" in page


def test_semantic_method_finds_meaning_without_shared_words(corpus, monkeypatch) -> None:
    """The blend, with a stand-in embedder (the real model needs the semantic extra): a target that
    shares no word with the source but means the same comes first."""
    from cwframe.crosswalk import semantic

    source_id = "nos/key-people/K85"  # "how to motivate others"
    rows = {r.id: r for r in cwframe.iter_statements(corpus)}
    wanted = "sdf/8/skill/leads-strategy-development"

    def fake_embed(texts):
        return [
            [1.0, 0.0] if rows[source_id].text in t or rows[wanted].text in t else [0.0, 1.0] for t in texts
        ]

    monkeypatch.setattr(semantic, "load", lambda: fake_embed)
    plain = machine(corpus, "nos/key-people", "sdf/8", top=3, min_score=0.0, source_ids={source_id})
    assert wanted not in [m.id for m in plain.records[0].matches]
    blended = machine(corpus, "nos/key-people", "sdf/8", top=3, min_score=0.0, method="semantic",
                        source_ids={source_id})  # fmt: skip
    assert blended.records[0].matches[0].id == wanted


def test_semantic_method_says_what_to_install(corpus, monkeypatch) -> None:
    import sys

    from cwframe import meaning

    monkeypatch.setitem(sys.modules, "tokenizers", None)
    monkeypatch.setattr(meaning, "_LOADED", {})
    with pytest.raises(
        InputError, match=r"--method semantic needs the semantic extra: pip install 'cwframe\[semantic\]'"
    ):
        machine(corpus, "nos/key-people", "sdf", method="semantic")


def test_semantic_method_brings_in_a_target_sharing_no_word(corpus) -> None:
    """The shipped static embeddings (no torch): 'domestic abuse' finds the SDF's safeguarding
    knowledge, which says none of its words and which TF-IDF does not list in its first ten."""
    source, wanted = (
        "pcf/A.3.5",
        "sdf/3/knowledge/safeguarding-and-promoting-the-welfare-of-the-child-or-young-person",
    )
    lexical = machine(corpus, "pcf", "sdf", top=10, min_score=0.0, source_ids={source})
    assert wanted not in [m.id for m in lexical.records[0].matches]
    meant = machine(corpus, "pcf", "sdf", top=3, min_score=0.0, method="semantic", source_ids={source})
    first = meant.records[0].matches[0]
    assert first.id == wanted and first.evidence.terms == []
