"""Every kind of bad input gives findings or one clear line — never a crash, and within seconds."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cwframe.ops.validate import validate


def codes(report) -> list[str]:
    return [p.code for p in report.problems]


def test_empty_and_binary_files_are_not_standards(tmp_path: Path) -> None:
    """Named one by one (as a pre-commit hook names them), they are skipped, never failed."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "logo.txt").write_bytes(bytes(range(256)) * 4)
    report = validate([tmp_path / "empty.txt", tmp_path / "logo.txt"])
    assert (report.files, codes(report)) == (0, [])
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [
        ("empty.txt", "not a standard (no NOS criteria, PCF rows or SDF tables)"),
        ("logo.txt", "not a standard (no NOS criteria, PCF rows or SDF tables)"),
    ]


def test_a_binary_standard_is_reported(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes(b"Performance criteria\nP1 greet\x00\x01\x02 people\n")
    assert codes(validate([tmp_path / "u.txt"])) == ["EN04"]


def test_utf16_with_and_without_bom(tmp_path: Path) -> None:
    text = "Performance criteria\nP1 greet people\nKnowledge and understanding\nRights\nK1 know rights\n"
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-16"))
    report = validate([tmp_path / "bom.txt"])
    assert codes(report)[0] == "EN01" and "UTF-16" in report.problems[0].message
    (tmp_path / "nobom.txt").write_bytes(text.encode("utf-16-le"))
    report = validate([tmp_path / "nobom.txt"])
    assert codes(report) == ["EN01"]
    assert report.problems[0].message == (
        "not UTF-8: the file looks like UTF-16 (little-endian) without a byte order mark; re-save it as UTF-8"
    )


def test_windows_1252_names_the_encoding_and_column(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes("P1 the child\u2019s needs\nK1 rights\n".encode("cp1252"))
    [problem] = validate([tmp_path / "w.txt"]).problems
    assert (problem.code, problem.line, problem.column) == ("EN01", 1, 13)
    assert "looks like Windows-1252" in problem.message


def test_html_inside_a_criterion(tmp_path: Path) -> None:
    text = "Performance criteria\nWork\nP1 <script>alert(1)</script> greet\nKnowledge and understanding\nRights\nK1 know\n"
    (tmp_path / "h.txt").write_text(text, encoding="utf-8")
    problems = [p for p in validate([tmp_path / "h.txt"]).problems if p.code == "DB01"]
    assert [(p.line, p.column, p.message) for p in problems] == [(3, 4, "HTML tag '<script>' in a criterion")]


def test_five_megabytes_of_repeated_criteria_within_seconds(tmp_path: Path) -> None:
    line = "K1 how to critically evaluate leadership and management methods, principles and approaches\n"
    data = ("Knowledge and understanding\nRights\n" + line * (5_000_000 // len(line))).encode()
    (tmp_path / "big.txt").write_bytes(data)
    start = time.perf_counter()
    report = validate([tmp_path / "big.txt"])
    assert time.perf_counter() - start < 20
    assert report.counts()["error"] > 50_000  # every repeat of K1 is a duplicate number
    assert {p.code for p in report.problems} >= {"NU01", "ST04", "ST02"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "x.txt").write_bytes(data)
    validate([tmp_path / "x.txt"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_arbitrary_text_never_raises(tmp_path: Path, text: str) -> None:
    (tmp_path / "x.txt").write_text("Performance criteria\nP1 a\n" + text, encoding="utf-8")
    validate([tmp_path / "x.txt"])


def test_the_bundled_corpus_validates_clean_with_the_projects_config(repo: Path, monkeypatch) -> None:
    from cwframe import config

    monkeypatch.chdir(repo)
    settings_ = config.load(repo / "pyproject.toml")
    report = validate([repo / "data/raw"], config=settings_)
    assert report.counts() == {"error": 0, "warning": 0, "note": 45, "accepted": 11}
    assert all(p.accepted or p.severity == "note" for p in report.problems)
    assert not validate([repo / "data/raw"], config=settings_).failed(strict=True)
