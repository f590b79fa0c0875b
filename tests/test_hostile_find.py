"""The hostile-input catalogue, issue #27's `find` class: findings and wrong answers. Every refusal
of the loaders is a validate finding first; line endings, encodings and freshness are right for
every file. Cases run through the real entry point by tests/hostile.py."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from hostile import KEY_PEOPLE, ROOT, Case, _fifo, _link, both, check_case, run, write

_TWO_UNITS = "documents:\n  - file: a.txt\n    family: nos\n    unit: kp\n  - file: b.txt\n    family: nos\n    unit: kp\n"
_LOOKALIKE = "documents:\n  - file: kp.txt\n    family: nos\n    unit: k\u0435y-people\n"  # Cyrillic е
_DUPLICATE_P11 = KEY_PEOPLE.replace("P12 ", "P11 ", 1)  # line 18 repeats line 14's number


def _units(**files: str) -> object:
    def lay_out(tmp: Path) -> None:
        for name, text in files.items():
            write(f"units/{name.replace('__', '/')}", text)(tmp)

    return lay_out


def _cr_only(text: str) -> bytes:
    return text.replace("\n", "\r").encode("utf-8")


# --- freshness: a manifest-named file in a hidden folder ------------------------------------
def _hidden(name: str):
    def lay_out(tmp: Path) -> None:
        write(f"units/{name}", KEY_PEOPLE)(tmp)
        write("units/manifest.yaml", f"documents:\n  - file: {name}\n    family: nos\n    unit: kp\n")(tmp)

    def check(tmp: Path, first: subprocess.CompletedProcess) -> None:
        assert "nos/kp/P15" not in first.stdout
        (tmp / "units" / name).write_text(
            KEY_PEOPLE.replace("P15 monitor relationships", "P15 monitor escalation"), encoding="utf-8"
        )
        again = run(tmp, ["--corpus", "units", "search", "escalation"], {})
        assert again.returncode == 0 and "nos/kp/P15" in again.stdout, again.stdout + again.stderr

    return lay_out, check


# --- diff --rev on a symbolic link -----------------------------------------------------------
def _git(tmp: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp)}  # fmt: skip
    subprocess.run(["git", *args], cwd=tmp, env=env, check=True, capture_output=True)


def _linked_repository(target: str):
    """units/kp.txt is a link to `target`; other/kp.txt is another unit of the same name, which
    a lookup of the link's own name beside its target finds instead."""

    def lay_out(tmp: Path) -> None:
        write("other/real.txt", KEY_PEOPLE)(tmp)
        write("other/kp.txt", KEY_PEOPLE.replace("P1 implement", "P1 design"))(tmp)
        (tmp / "units").mkdir()
        (tmp / "units/kp.txt").symlink_to(target)
        _git(tmp, "init", "-q")
        _git(tmp, "add", ".")
        _git(tmp, "commit", "-q", "-m", "one")
        (tmp / "other/real.txt").write_text(
            KEY_PEOPLE.replace("P15 monitor relationships", "P15 monitor escalation"), encoding="utf-8"
        )

    return lay_out


def _was_a_link(tmp: Path) -> None:
    _linked_repository("../other/real.txt")(tmp)
    (tmp / "units/kp.txt").unlink()
    write("units/kp.txt", KEY_PEOPLE)(tmp)


def _outside_repository(tmp: Path) -> None:
    write("outside/kp.txt", KEY_PEOPLE)(tmp)
    (tmp / "repo/units").mkdir(parents=True)
    (tmp / "repo/units/kp.txt").symlink_to("../../outside/kp.txt")
    write("repo/README", "x")(tmp)
    _git(tmp / "repo", "init", "-q")
    _git(tmp / "repo", "add", ".")
    _git(tmp / "repo", "commit", "-q", "-m", "one")


# --- SARIF: a file name that is not UTF-8 ------------------------------------------------------
def _named(raw: bytes):
    def lay_out(tmp: Path) -> None:
        (tmp / "nu").mkdir()
        Path(os.fsdecode(os.fsencode(tmp / "nu") + b"/" + raw)).write_text(_DUPLICATE_P11, encoding="utf-8")

    return lay_out


def _sarif_names(raw: bytes):
    def check(tmp: Path, result: subprocess.CompletedProcess) -> None:
        import jsonschema

        log = json.loads(result.stdout)
        schema = json.loads((Path("/work/shared/standards/sarif-2.1.0.json")).read_text(encoding="utf-8"))
        jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
        run_ = log["runs"][0]
        base = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
        assert len(uris) == 1
        from urllib.parse import unquote_to_bytes, urlsplit

        named = unquote_to_bytes(urlsplit(base).path) + unquote_to_bytes(uris.pop())
        assert named == os.fsencode(tmp) + b"/nu/" + raw and os.path.isfile(named), named

    return check


def _stale_in_hidden(name: str, link: tuple[str, str] | None = None) -> Case:
    lay_out, check = _hidden(name)
    if link is not None:  # the manifest names the file through a link to its hidden folder
        lay_out = both(lay_out, _link(f"units/{link[0]}", link[1]),
                       write("units/manifest.yaml", f"documents:\n  - file: {link[0]}/kp.std\n    family: nos\n    unit: kp\n"))  # fmt: skip
    return Case(["--corpus", "units", "search", "escalation"], lay_out, exit=1, check=check)


CASES: dict[str, Case] = {
    # --- every loader refusal is a validate finding first ------------------------------------
    "two documents give one unit (validate)": Case(
        ["validate", "units"], both(_units(**{"a.txt": KEY_PEOPLE, "b.txt": KEY_PEOPLE, "manifest.yaml": _TWO_UNITS})),
        exit=1, stdout="units/b.txt:1:1: ID01 the NOS unit 'nos/kp' is also given by units/a.txt:1"),
    "two documents give one unit (list refuses)": Case(
        ["--corpus", "units", "list"], both(_units(**{"a.txt": KEY_PEOPLE, "b.txt": KEY_PEOPLE, "manifest.yaml": _TWO_UNITS})),
        stderr="two documents give the NOS unit slug 'kp' (units/a.txt and units/b.txt)"),
    "a manifest names one file twice (validate)": Case(
        ["validate", "units"], _units(**{"kp.txt": KEY_PEOPLE, "manifest.yaml": _TWO_UNITS.replace("a.txt", "kp.txt").replace("b.txt", "kp.txt")}),
        exit=1, stdout="units/kp.txt:1:1: ID01 the NOS unit 'nos/kp' is also given by units/kp.txt:1"),
    "two folders hold kp.txt (validate)": Case(
        ["validate", "units"], _units(**{"x__kp.txt": KEY_PEOPLE, "y__kp.txt": KEY_PEOPLE}),
        exit=1, stdout="units/y/kp.txt:1:1: ID01 the NOS unit 'nos/kp' is also given by units/x/kp.txt:1"),
    "two spreadsheets give one framework id (validate)": Case(
        ["validate", "units"], _units(**{"x__t.csv": "code,statement\nA1,do the thing\n", "y__t.csv": "code,statement\nB1,do it\n",
                                     "manifest.yaml": "documents:\n  - file: x/t.csv\n    family: table\n  - file: y/t.csv\n    family: table\n"}),
        exit=1, stdout="units/y/t.csv:1:1: ID01 the framework 't' is also given by units/x/t.csv:1"),
    "a look-alike unit id (Cyrillic е)": Case(
        ["validate", "units"], _units(**{"kp.txt": KEY_PEOPLE, "manifest.yaml": _LOOKALIKE}),
        exit=1, stdout="ID02 the id 'nos/k\\u0435y-people' mixes scripts"),
    "a look-alike criterion code (Cyrillic А)": Case(
        ["validate", "t.csv"], write("t.csv", "code,statement\nA1,do the thing well\n\u04102,do another thing\n"),
        exit=1, stdout="t.csv:3:1: ID02 the id 't/\\u04102' mixes scripts"),
    "a right-to-left override in a criterion": Case(
        ["validate", "kp.txt"], write("kp.txt", KEY_PEOPLE.replace("P12 implement", "P12 imple\u202ement", 1)),
        exit=1, stdout="kp.txt:18:1: ST09 P12 holds a bidirectional control character (U+202E"),
    "a right-to-left override in a spreadsheet cell": Case(
        ["validate", "t.csv"], write("t.csv", "code,statement\nA1,do the \u202ething well\n"),
        exit=1, stdout="t.csv:2:1: ST09 A1 holds a bidirectional control character (U+202E"),
    "a control character in a criterion": Case(
        ["validate", "kp.txt"], write("kp.txt", KEY_PEOPLE.replace("P12 implement", "P12 imple\x08ment", 1)),
        exit=1, stdout="kp.txt:18:1: ST08 P12 holds a control character (U+0008"),
    "an escape sequence in a unit's title (manifest)": Case(
        ["validate", "units"], _units(**{"kp.txt": KEY_PEOPLE, "manifest.yaml": 'documents:\n  - file: kp.txt\n    family: nos\n    unit: kp\n    title: "Key \\e]0;owned\\a people"\n'}),
        exit=1, stdout="ST08 the title of nos/kp holds a control character (U+001B"),
    "an escape sequence in a criterion": Case(
        ["validate", "kp.txt", "-f", "json"], write("kp.txt", KEY_PEOPLE.replace("P12 implement", "P12 \x1b[2Jimplement", 1)),
        exit=1, stdout='"code": "ST08"'),
    # --- freshness: every file the manifest can name -------------------------------------------
    "a manifest-named file in a hidden folder (search)": _stale_in_hidden(".hidden/kp.std"),
    "a manifest-named hidden file (search)": _stale_in_hidden(".kp.std"),
    "a manifest-named file behind a link to a hidden folder (search)": _stale_in_hidden(".store/kp.std", ("docs", ".store")),
    "a FIFO named manifest.yaml (search)": Case(["--corpus", "units", "search", "x"],
                                                both(_units(**{"kp.txt": KEY_PEOPLE}), _fifo("units/manifest.yaml")),
                                                stderr="manifest.yaml: is a FIFO", seconds=30),
    # --- diff --rev on a symbolic link --------------------------------------------------------------
    "diff --rev on a symbolic link": Case(["diff", "--rev", "HEAD", "units/kp.txt"], _linked_repository("../other/real.txt"),
                                          exit=0, stdout="1 modified, 134 unchanged"),
    "diff --rev on a file that was a link at the revision": Case(
        ["diff", "--rev", "HEAD", "units/kp.txt"], _was_a_link,
        stderr="cannot read units/kp.txt at HEAD: it was a symbolic link there"),
    "diff --rev on a link leading out of the repository": Case(
        ["diff", "--rev", "HEAD", "repo/units/kp.txt"], _outside_repository,
        stderr="repo/units/kp.txt: is a symbolic link to a file outside the git repository"),
    # --- CR-only line endings ------------------------------------------------------------------------
    "CR-only line endings (validate)": Case(["validate", "cr.txt"], write("cr.txt", _cr_only(_DUPLICATE_P11)), exit=1,
                                            stdout="cr.txt:18:1: NU01 P11 is numbered again (first at line 14)"),
    "CR-only line endings (statements)": Case(["--corpus", "cr.txt", "statements", "-f", "csv"], write("cr.txt", _cr_only(KEY_PEOPLE)),
                                              exit=0, stdout="nos/cr/P12,"),
    "CR-only line endings (diff)": Case(["diff", "lf.txt", "cr.txt"],
                                        both(write("lf.txt", KEY_PEOPLE),
                                             write("cr.txt", _cr_only(KEY_PEOPLE.replace("P15 monitor relationships", "P15 monitor escalation")))),
                                        exit=0, stdout="1 modified, 134 unchanged"),
    "CR-only line endings: a NUL's line": Case(["--corpus", "nul.txt", "list"],
                                               write("nul.txt", _cr_only(KEY_PEOPLE.replace("K107 theory", "K107 the\x00ory"))),
                                               stderr="nul.txt:183:1: PA01 binary file"),
    "CR-only line endings: a byte that is not UTF-8 (validate)": Case(
        ["validate", "cp.txt"], write("cp.txt", _cr_only(KEY_PEOPLE).replace(b"P12 implement", b"P12 impl\xe9ment")),
        exit=1, stdout="cp.txt:18:9: EN01 byte 0xe9"),
    "CR-only line endings: a manifest error's line": Case(
        ["--corpus", "units", "list"],
        _units(**{"kp.txt": KEY_PEOPLE, "manifest.yaml": "documents:\r  - file: kp.txt\r    family: nos\r    bogus: 1\r"}),
        stderr="units/manifest.yaml:4:12: CO02"),
    # --- SARIF: the URI names the real file -----------------------------------------------------------
    "SARIF: a file name that is not UTF-8": Case(["validate", "nu", "-f", "sarif"], _named(b"caf\xe9.txt"), exit=1,
                                                 check=_sarif_names(b"caf\xe9.txt")),
    "SARIF: a file name with a backslash and x": Case(["validate", "nu", "-f", "sarif"], _named(b"caf\\xe9.txt"), exit=1,
                                                      check=_sarif_names(b"caf\\xe9.txt")),
    # --- search filters are words, not patterns ----------------------------------------------------------
    "search --section %": Case(["search", "attachment", "--section", "%"], stderr="--section '%': no section contains"),
    "search --section with _": Case(["search", "attachment", "--section", "un_ers"],
                                    stderr="--section 'un_ers': no section contains"),
    "search --heading %": Case(["search", "attachment", "--heading", "%"], stderr="--heading '%': no heading contains"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_find(name: str, tmp_path: Path) -> None:
    check_case(CASES[name], tmp_path)


def test_every_loader_refusal_has_a_validate_rule() -> None:
    """Each code a loader raises (corpus, parsers, paths, YAML, sheets) names the validate rule
    that reports the same thing first."""
    import ast

    from cwframe.rules import RULES
    from cwframe.rules.refusals import REFUSALS

    raised: set[str] = set()
    sources = [ROOT / "src/cwframe/corpus.py", ROOT / "src/cwframe/yamlio.py", ROOT / "src/cwframe/paths.py",
               ROOT / "src/cwframe/sheets.py", *sorted((ROOT / "src/cwframe/parsers").glob("*.py"))]  # fmt: skip
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "code" and isinstance(node.value, ast.Constant):
                raised.add(node.value.value)
            called = getattr(node.func, "id", "") if isinstance(node, ast.Call) else ""
            if called == "refuse":  # raw_documents: refuse(rule, path, line, column, message, loader code)
                rule, code = node.args[0].value, node.args[-1].value
                assert REFUSALS[code] == rule, (code, rule)
                raised.add(code)
            elif called == "parse_error":  # parse_error(message, path, code="TB01")
                raised.add(node.args[2].value if len(node.args) > 2 else "TB01")
    assert {"PA01", "CO05", "CO08", "CA01"} <= raised, "the scan is broken"
    assert raised <= set(REFUSALS), sorted(raised - set(REFUSALS))
    assert all(rule in RULES for rule in REFUSALS.values())
