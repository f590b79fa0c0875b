from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import cwframe
from cwframe.corpus import CORPUS_FILE, STATEMENTS_FILE, bundled_corpus_path, load_corpus
from cwframe.errors import CorpusError, InputError, ParseError
from cwframe.ops.build import SCHEMA_FILE, render_outputs
from golden_cases import RAW


def test_normalised_corpus_is_up_to_date(repo: Path, raw_corpus) -> None:
    """Like a lock file: data/normalised must be what `cwframe build` gives (run `make normalise`)."""
    outputs = render_outputs(raw_corpus)
    assert (repo / "data/normalised" / CORPUS_FILE).read_text(encoding="utf-8") == outputs[CORPUS_FILE]
    assert (repo / "data/normalised" / STATEMENTS_FILE).read_text(encoding="utf-8") == outputs[
        STATEMENTS_FILE
    ]
    assert (repo / "docs" / SCHEMA_FILE).read_text(encoding="utf-8") == outputs[SCHEMA_FILE]


def test_build_is_byte_identical_on_every_run(raw_corpus) -> None:
    assert render_outputs(raw_corpus) == render_outputs(cwframe.load_raw(RAW))


def test_bundled_corpus_loads_without_setup(raw_corpus, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # any directory
    assert bundled_corpus_path().is_file()
    assert load_corpus() == raw_corpus


def test_raw_files_are_the_seeds_byte_for_byte(repo: Path) -> None:
    seeds = repo.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    import yaml

    manifest = yaml.safe_load((RAW / "manifest.yaml").read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        assert (RAW / doc["file"]).read_bytes() == (seeds / doc["original_name"]).read_bytes()


def test_ids_are_unique(raw_corpus) -> None:
    ids = [row.id for row in cwframe.iter_statements(raw_corpus)]
    assert len(ids) == len(set(ids)) == 1597


def test_manifest_metadata_is_applied(raw_corpus) -> None:
    nos, pcf, sdf = raw_corpus.frameworks
    assert (
        nos.units[1].title
        == "Lead and manage practice that supports the involvement of key people in the service provision"
    )
    assert nos.units[0].code is None  # not printed in the text: left empty, not guessed
    assert pcf.publisher == "North East Lincolnshire Council"
    assert sdf.date == "2010"
    assert [d.original_name for d in nos.documents] == [
        "000_2b55a88ce44b4685.txt", "001_3e3269bf1bada6b5.txt", "002_9a517d8f238a5da3.txt",
    ]  # fmt: skip


def _copy_raw(tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def test_manifest_entry_for_missing_file_names_the_manifest_line(tmp_path: Path, monkeypatch) -> None:
    raw = _copy_raw(tmp_path)
    (raw / "nos" / "key-people.txt").unlink()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusError) as info:
        cwframe.load_raw(raw)
    assert str(info.value) == (
        "raw/manifest.yaml:14:5: CO03 manifest names 'nos/key-people.txt', which does not exist; "
        "fix the path or remove the entry"
    )


def test_manifest_with_unknown_family_is_located(tmp_path: Path, monkeypatch) -> None:
    raw = _copy_raw(tmp_path)
    manifest = raw / "manifest.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("family: pcf", "family: pfc"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusError) as info:
        cwframe.load_raw(raw)
    assert str(info.value) == (
        "raw/manifest.yaml:27:13: CO02 manifest field 'documents.3.family': Input should be 'nos', 'pcf', 'sdf', "
        "'table' or 'case'"
    )


def test_broken_manifest_yaml_is_located(tmp_path: Path, monkeypatch) -> None:
    raw = _copy_raw(tmp_path)
    (raw / "manifest.yaml").write_text("documents:\n  - file: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusError) as info:
        cwframe.load_raw(raw)
    assert str(info.value).startswith("raw/manifest.yaml:3:1: CO01 not valid YAML")


def test_file_not_in_manifest_is_detected(tmp_path: Path) -> None:
    raw = _copy_raw(tmp_path)
    shutil.copy(raw / "nos" / "transitions.txt", raw / "nos" / "extra-unit.txt")
    corpus = cwframe.load_raw(raw)
    assert [u.slug for u in corpus.frameworks[0].units] == [
        "cyp-development",
        "key-people",
        "transitions",
        "extra-unit",
    ]


def test_directory_without_manifest_is_detected(tmp_path: Path) -> None:
    raw = _copy_raw(tmp_path)
    (raw / "manifest.yaml").unlink()
    corpus = cwframe.load_raw(raw)
    assert [f.id.value for f in corpus.frameworks] == ["nos", "pcf", "sdf"]
    assert sum(1 for _ in cwframe.iter_statements(corpus)) == 1597


def test_windows_1252_is_refused_with_line_and_hint(tmp_path: Path, monkeypatch) -> None:
    doc = tmp_path / "unit.txt"
    doc.write_bytes("P1 first\nP2 the child\u2019s needs\n".encode("cp1252"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParseError) as info:
        cwframe.parse_file(doc)
    assert str(info.value) == (
        "unit.txt:2:13: PA02 byte 0x92 is not valid UTF-8; the file looks like Windows-1252 (Word's default): "
        "re-save it as UTF-8 (e.g. iconv -f cp1252 -t utf-8)"
    )


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    doc = tmp_path / "unit.txt"
    doc.write_bytes("P1 first criterion\nK1 first knowledge\n".encode("utf-16"))
    unit = cwframe.parse_file(doc).units[0]
    assert [s.text for sec in unit.sections for s in sec.statements] == ["first criterion", "first knowledge"]


def test_binary_file_is_refused(tmp_path: Path, monkeypatch) -> None:
    doc = tmp_path / "image.txt"
    doc.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(
        ParseError,
        match=r"^image.txt:3:1: PA01 binary file \(NUL bytes\), not a text document; convert it to UTF-8 text first$",
    ):
        cwframe.parse_file(doc)


def test_empty_file_cannot_be_detected(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParseError, match=r"^empty.txt:1:1: PA03 cannot tell which framework"):
        cwframe.parse_file(tmp_path / "empty.txt")


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        load_corpus(tmp_path / "nope")


def test_corrupt_normalised_corpus_is_located(tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "corpus.json"
    bad.write_text('{"frameworks": [{"id": "Not An Id", "title": "t"}]}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusError, match=r"^corpus.json:1:1: CO04 not a cwframe corpus: frameworks.0.id"):
        load_corpus(bad)


def test_yaml_corpus_round_trips(tmp_path: Path, raw_corpus) -> None:
    import yaml

    path = tmp_path / "corpus.yaml"
    path.write_text(yaml.safe_dump(raw_corpus.model_dump(mode="json"), allow_unicode=True), encoding="utf-8")
    assert load_corpus(path) == raw_corpus


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    from cwframe.corpus import write_atomic

    target = tmp_path / "out" / "file.json"
    with pytest.raises(InputError, match="the directory .*out does not exist; create it first"):
        write_atomic(target, "one\n")  # a mistyped -o directory is never created silently
    write_atomic(target, "one\n", parents=True)
    write_atomic(target, "two\n")
    assert target.read_text(encoding="utf-8") == "two\n"
    assert os.listdir(target.parent) == ["file.json"]
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_a_streamed_output_replaces_the_file_only_when_complete(tmp_path: Path) -> None:
    """open_atomic: an interrupted stream (Ctrl-C, an error) leaves the old file whole and no temporary."""
    from cwframe.corpus import open_atomic

    target = tmp_path / "map.jsonl"
    target.write_text("the last complete run\n", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(KeyboardInterrupt):
        with open_atomic(target) as handle:
            handle.write("half of a new run\n")
            raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "the last complete run\n"
    assert os.listdir(tmp_path) == ["map.jsonl"]
    with open_atomic(target) as handle:
        handle.write("line 1\n")
        handle.write("line 2\n")
    assert target.read_text(encoding="utf-8") == "line 1\nline 2\n"
    assert os.listdir(tmp_path) == ["map.jsonl"] and target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(InputError, match="is a directory"):
        with open_atomic(tmp_path) as handle:
            handle.write("never")
    with open_atomic(Path(os.devnull)) as handle:  # a device is written through, not replaced
        handle.write("discarded")
