"""The index freshness check: what the command line prefetches, and that it is never wrong."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cwframe.search import freshness, ranking


@pytest.fixture
def corpus_dir(repo, tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(repo / "data/raw/nos", raw)
    return raw


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--corpus", "{dir}", "search", "x"], {}, "{dir}"),
        (["--corpus={dir}", "similar", "nos/x/P1"], {}, "{dir}"),
        (["--debug", "--corpus", "{dir}", "define", "x"], {}, "{dir}"),
        (["search", "x"], {"CWFRAME_CORPUS": "{dir}"}, "{dir}"),
        (["--corpus", "{dir}", "validate", "x"], {}, None),  # does not open the index
        (["search", "x"], {}, None),  # the bundled corpus is one file: nothing to prefetch
        (["--corpus", "{dir}/key-people.txt", "search", "x"], {}, None),
        (["--corpus", "{dir}/missing", "search", "x"], {}, None),
        (["--corpus"], {}, None),
        ([], {}, None),
    ],
)
def test_corpus_of_reads_the_root_options(corpus_dir, argv, env, expected) -> None:
    fill = lambda s: s.replace("{dir}", str(corpus_dir))  # noqa: E731
    found = freshness.corpus_of([fill(a) for a in argv], {k: fill(v) for k, v in env.items()})
    assert found == (fill(expected) if expected else None)


def test_corpus_files_lists_every_file_but_hidden_ones(corpus_dir) -> None:
    """A manifest may name a document by any name ('notes.md'): every file counts, hidden ones not."""
    (corpus_dir / "manifest.yaml").write_text("documents: []\n", encoding="utf-8")
    (corpus_dir / "notes.md").write_text("not a document\n", encoding="utf-8")
    (corpus_dir / ".editor-backup.txt").write_text("x\n", encoding="utf-8")
    (corpus_dir / ".git").mkdir()
    (corpus_dir / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "more.txt").write_text("P1 x\n", encoding="utf-8")
    (corpus_dir / "gone.txt").symlink_to(corpus_dir / "nowhere.txt")
    lines = freshness.corpus_files(str(corpus_dir), "raw")
    names = [Path(line.split("\0")[0]).relative_to(corpus_dir).as_posix() for line in lines]
    assert names == [
        "cyp-development.txt",
        "gone.txt",
        "key-people.txt",
        "manifest.yaml",
        "notes.md",
        "sub/more.txt",
        "transitions.txt",
    ]
    size, mtime = lines[2].split("\0")[1:]
    stat = (corpus_dir / "key-people.txt").stat()
    assert (int(size), int(mtime)) == (stat.st_size, stat.st_mtime_ns)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the prefetch needs fork")
def test_the_forked_digest_equals_the_one_computed_in_process(corpus_dir) -> None:
    path = os.path.realpath(corpus_dir)
    freshness.start(["--corpus", str(corpus_dir), "search", "x"], {})
    assert path in freshness._pending
    prefetched = freshness.files_digest(path, "raw")
    assert path not in freshness._pending  # collected once, the child reaped
    assert prefetched == freshness.files_digest(path, "raw")  # computed in-process this time


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the prefetch needs fork")
def test_a_prefetch_for_another_kind_is_not_used(corpus_dir) -> None:
    path = os.path.realpath(corpus_dir)
    freshness.start(["--corpus", str(corpus_dir), "search", "x"], {})
    # asked about the directory as something else: the child's raw digest must not be reused
    assert freshness.files_digest(path, "document") != freshness.files_digest(path, "raw")
    assert path not in freshness._pending


def test_the_console_script_sees_a_file_edited_in_place(corpus_dir, tmp_path) -> None:
    """Through the real entry point (fork and all): an edit that keeps the file's size and
    directory is still noticed, and the next search answers from the rebuilt index."""
    env = {**os.environ, "CWFRAME_CACHE_DIR": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "cwframe", "--corpus", str(corpus_dir), "search", "-f", "json"]

    def ids(query: str) -> list[str]:
        done = subprocess.run([*argv, query], capture_output=True, text=True, env=env, check=False)
        hits = [hit["id"] for hit in json.loads(done.stdout)["hits"]]
        assert done.returncode == (0 if hits else 1), done.stderr  # 1: no results, as grep
        return hits

    assert ids("zebrafish") == []
    unit = corpus_dir / "key-people.txt"
    before = unit.read_bytes()
    edited = before.replace(b"P5 ", b"P5 zebrafish ", 1)[: len(before)]  # same size
    assert len(edited) == len(before) and edited != before
    stat = unit.stat()
    with open(unit, "r+b") as f:  # in place: the directory does not change
        f.write(edited)
    os.utime(unit, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert ids("zebrafish") == ["nos/key-people/P5"]


def test_a_failed_fork_falls_back_to_computing_in_process(corpus_dir, monkeypatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork, raising=False)
    freshness.start(["--corpus", str(corpus_dir), "search", "x"], {})
    path = os.path.realpath(corpus_dir)
    assert path not in freshness._pending
    assert len(freshness.files_digest(path, "raw")) == 64


def test_a_file_edited_during_a_build_makes_the_index_stale(corpus_dir, tmp_path, monkeypatch) -> None:
    """The fingerprint is taken before the build reads the files: an edit made while it
    runs is not mistaken for indexed, and the next search rebuilds."""
    from cwframe.search import engine, index

    monkeypatch.setenv("CWFRAME_CACHE_DIR", str(tmp_path / "cache"))
    unit = corpus_dir / "key-people.txt"
    reading = index.iter_records

    def edit_while_reading(*args, **kwargs):
        yield from reading(*args, **kwargs)
        text = unit.read_text(encoding="utf-8")
        p28 = next(line for line in text.splitlines(keepends=True) if line.startswith("P28 "))
        unit.write_text(text.replace(p28, p28 + "P29 promote zebrafish welfare\n"), encoding="utf-8")
        stat = unit.stat()
        os.utime(unit, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    monkeypatch.setattr(index, "iter_records", edit_while_reading)
    source = index.Source.of(corpus_dir)
    index.ensure(source)  # built from the files as they were
    monkeypatch.setattr(index, "iter_records", reading)
    found = ranking.search(engine.Index(index.ensure(source)), "zebrafish", limit=5)
    assert [h.id for h in found.hits] == ["nos/key-people/P29"]


@pytest.mark.parametrize(
    ("manifest", "hidden"),
    [
        ("documents:\n  - file: .hidden/kp.std\n", True),
        ("documents:\n  - file: a/.b\n", True),
        ('- {file: ".k"}\n', True),
        ("- file: ..k\n", True),
        ('- file: "\\x2ek"\n', True),  # a YAML escape could spell a '.'
        ("documents:\n  - file: ./kp.txt\n", False),
        ("- file: ../x\n", False),
        ("# e.g. kp.txt, or nos/kp.txt\n- file: kp.txt\n", False),
    ],
)
def test_a_manifest_that_may_name_a_hidden_file(tmp_path: Path, manifest: str, hidden: bool) -> None:
    (tmp_path / "manifest.yaml").write_text(manifest, encoding="utf-8")
    assert freshness._names_hidden(str(tmp_path / "manifest.yaml")) is hidden
