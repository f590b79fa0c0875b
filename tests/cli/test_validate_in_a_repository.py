"""Issue #26's scenarios, tried as a CI maintainer would: a NOS unit copied from data/raw/nos/
into a fresh git repository, realistic edits, cwframe run through its real entry point
(`python -m cwframe`, a process of its own, as CI runs it) in that repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = (ROOT / "data/raw/nos/cyp-development.txt").read_text(encoding="utf-8")
SHOWN = "standards/cyp-development.txt"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL
    ).stdout


def cwframe(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "cwframe", *args], cwd=repo, capture_output=True, text=True, check=False,
        stdin=subprocess.DEVNULL, env={**environment, **(env or {})}, timeout=120,
    )  # fmt: skip


@pytest.fixture
def standards(tmp_path: Path) -> Path:
    """A standards repository: the unit as published, committed, beside what any repository holds."""
    repo = tmp_path / "standards-repo"
    (repo / "standards").mkdir(parents=True)
    (repo / SHOWN).write_text(UNIT, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.org")
    git(repo, "config", "user.name", "CI")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the unit as published")
    return repo


def edit(repo: Path, old: str, new: str, *, count: int = 1) -> None:
    path = repo / SHOWN
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_unit_as_published_passes_strict_with_no_configuration(standards: Path) -> None:
    """Its three bookmark remnants are notes (the parser drops them), and so is the published
    misspelling 'measureable': the publisher's, not an editor's. Listed on request."""
    result = cwframe(standards, "validate", SHOWN, "--strict")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "0 errors, 0 warnings, 4 notes in 1 file\n",
        "",
    )
    listed = cwframe(standards, "validate", SHOWN, "--strict", "-v").stdout.splitlines()
    assert listed[:4] == [
        f"{SHOWN}:1:3: DB02 '[bookmark: …]' remnant of a Word conversion [nos/cyp-development]",
        f"{SHOWN}:44:60: SP02 'measureable' is in no dictionary, but the published text prints it; did you mean "
        "'measurable'? [nos/cyp-development/P33]",
        f"{SHOWN}:219:2: DB02 '[bookmark: …]' remnant of a Word conversion [nos/cyp-development]",
        f"{SHOWN}:220:2: DB02 '[bookmark: …]' remnant of a Word conversion [nos/cyp-development/glossary/note-1]",
    ]


def test_findings_name_their_statement_sarif_its_version_json_its_booleans(standards: Path) -> None:
    edit(standards, "P2 lead practice", "P2 lead <b>practice</b>")  # line 10
    result = cwframe(standards, "validate", SHOWN, "-f", "json")
    assert result.returncode == 1
    problem = next(p for p in json.loads(result.stdout)["problems"] if p["code"] == "DB01")
    assert problem == {
        "path": SHOWN, "line": 10, "column": 9, "code": "DB01", "rule": "debris.html", "severity": "error",
        "message": "HTML tag '<b>' in a criterion", "statement": "nos/cyp-development/P2",
        "accepted": False, "reason": None,
    }  # fmt: skip
    sarif = json.loads(cwframe(standards, "validate", SHOWN, "-f", "sarif").stdout)
    from cwframe import __version__

    driver = sarif["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == (
        "cwframe",
        __version__,
        __version__,
    )


def test_a_deleted_part_heading_is_an_error_naming_it_and_diff_names_it_too(standards: Path) -> None:
    """It was a warning (exit 0), 'K1 and 7 more come before any section heading', with 'Rights'
    right above K1; diff then said the 'Rights' section was removed."""
    edit(standards, " Knowledge and understanding\n", "")
    result = cwframe(standards, "validate", SHOWN)
    assert (result.returncode, result.stdout) == (1, (
        f"{SHOWN}:69:1: ST07 the 'Knowledge and understanding' heading is missing above 'Rights', where the "
        "template opens the knowledge criteria [nos/cyp-development]\n\n1 error, 0 warnings, 4 notes in 1 file\n"
    ))  # fmt: skip
    diff = cwframe(standards, "diff", "--rev", "HEAD", SHOWN, "--exit-code")
    assert (diff.returncode, diff.stdout) == (1, (
        f"{SHOWN}@HEAD → {SHOWN}\n160 unchanged; 1 other change (1 section)\n\n"
        "Sections (1)\n  removed: Knowledge and understanding\n"
    ))  # fmt: skip


def test_ids_come_from_the_document_not_the_file_name(standards: Path) -> None:
    """`diff old.txt standards/cyp-development.txt` showed nos/old/P2 → nos/cyp-development/P2."""
    (standards / "old.txt").write_text(UNIT, encoding="utf-8")
    edit(
        standards, "P2 lead practice that recognises the rights", "P2 lead practice that recognises the needs"
    )
    result = cwframe(standards, "diff", "old.txt", SHOWN, "-f", "json")
    changes = json.loads(result.stdout)["changes"]
    assert [(c["kind"], c["old_id"], c["new_id"]) for c in changes] == [
        ("modified", "nos/cyp-development/P2", "nos/cyp-development/P2")
    ]
    # A unit from the NOS directory carries its code (URN) and title: its ids come from the
    # code under any file name, and two names of it diff by content with no change.
    directory_unit = (ROOT / "tests/fixtures/nos/directory-format.txt").read_text(encoding="utf-8-sig")
    for name in ("a.txt", "standards/promote-safeguarding.txt"):
        (standards / name).write_text(directory_unit, encoding="utf-8")
    shown = cwframe(standards, "--corpus", "standards/promote-safeguarding.txt", "show", "nos/scdhsc0035/P1")
    assert shown.returncode == 0 and shown.stdout.startswith("nos/scdhsc0035/P1  performance\n")
    same = cwframe(standards, "diff", "a.txt", "standards/promote-safeguarding.txt", "--exit-code")
    assert (same.returncode, same.stdout.splitlines()[1]) == (0, "5 unchanged")


def test_rev_in_a_shallow_clone_says_how_to_fetch_history(standards: Path, tmp_path: Path) -> None:
    """A default GitHub Actions checkout is shallow: 'no such revision' said nothing of fetching."""
    edit(standards, "P2 lead practice", "P2 lead good practice")
    git(standards, "commit", "-q", "-am", "P2 edited")
    clone = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", "--depth", "1", standards.as_uri(), str(clone))
    result = cwframe(clone, "diff", "--rev", "HEAD~1", SHOWN)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", (
        f"error: cannot read {SHOWN} at HEAD~1: this clone is shallow and HEAD~1 is not in it; fetch the "
        "history first ('fetch-depth: 0' on actions/checkout, or 'git fetch --unshallow')\n"
    ))  # fmt: skip
    git(clone, "fetch", "-q", "--unshallow")
    after = cwframe(clone, "diff", "--rev", "HEAD~1", SHOWN, "--exit-code")
    assert after.returncode == 1 and "1 modified, 159 unchanged" in after.stdout


PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment for the session (pre-commit installs cwframe into it from this checkout)."""
    return tmp_path_factory.mktemp("pre-commit-home")


def try_hook(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The hook as another repository runs it: pre-commit's own try-repo against this checkout."""
    if not PRE_COMMIT.is_file():
        pytest.skip("pre-commit is not installed (it is in the dev dependency group)")
    result = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "cwframe-validate", "--all-files", "--color", "never"],
        cwd=repo, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL, timeout=900,
        env={**os.environ, "PRE_COMMIT_HOME": str(home)},
    )  # fmt: skip
    if "An unexpected error has occurred" in result.stdout + result.stderr:
        pytest.skip(f"pre-commit could not install the hook's environment (offline?): {result.stdout[-300:]}")
    return result


def test_the_pre_commit_hook_passes_other_files_and_blocks_a_broken_unit(
    standards: Path, pre_commit_home: Path
) -> None:
    """The hook validated every workflow file, package.json and requirements.txt and blocked the
    commit with 'CO01 … not a cwframe corpus'."""
    (standards / ".github/workflows").mkdir(parents=True)
    (standards / ".github/workflows/ci.yml").write_text(
        "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n",
        encoding="utf-8",
    )
    (standards / "package.json").write_text('{"name": "standards", "version": "1.0.0"}\n', encoding="utf-8")
    (standards / "requirements.txt").write_text("cwframe\n", encoding="utf-8")
    (standards / "notes.txt").write_text("Remember to ask the sector council about K27.\n", encoding="utf-8")
    git(standards, "add", ".")
    passed = try_hook(standards, pre_commit_home)
    assert passed.returncode == 0, passed.stdout
    assert "cwframe validate" in passed.stdout and "Passed" in passed.stdout
    edit(standards, " Knowledge and understanding\n", "")
    git(standards, "add", ".")
    blocked = try_hook(standards, pre_commit_home)
    assert blocked.returncode == 1
    assert (
        f"{SHOWN}:69:1: ST07 the 'Knowledge and understanding' heading is missing above 'Rights'"
        in blocked.stdout
    )
    assert "1 error, 0 warnings, 4 notes in 1 file; 4 skipped (not standards)" in blocked.stdout


def documented(start: str) -> str:
    """The YAML block of docs/validate.md that starts with this line."""
    import re

    text = (ROOT / "docs/validate.md").read_text(encoding="utf-8")
    return next(b for b in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if b.startswith(start))


PLACEHOLDERS = ("<cwframe's repository URL>", "<a tag or commit>")


def test_the_documented_github_actions_workflow_runs_as_written(standards: Path, tmp_path: Path) -> None:
    """Its steps run in a checkout made as its actions/checkout step says, on a pull request that
    rewords P2; the install step is checked for shape (this test's cwframe is already installed)."""
    import yaml

    workflow = yaml.safe_load(documented("# .github/workflows/standards.yml"))
    steps = workflow["jobs"]["cwframe"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    git(standards, "checkout", "-q", "-b", "reword")
    edit(standards, "P2 lead practice that recognises the rights", "P2 lead practice that upholds the rights")
    git(standards, "commit", "-q", "-am", "P2 reworded")
    checkout = tmp_path / "checkout"  # fetch-depth 0: every branch's history
    git(tmp_path, "clone", "-q", "--branch", "reword", standards.as_uri(), str(checkout))
    summary = tmp_path / "summary.md"
    env = {
        **{k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary),
    }  # fmt: skip
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == f'pip install "cwframe @ git+{PLACEHOLDERS[0]}@{PLACEHOLDERS[1]}"'
    outputs = []
    for script in runs[1:]:
        result = subprocess.run(["bash", "-e", "-c", script], cwd=checkout, env=env, capture_output=True,
                                text=True, check=False, stdin=subprocess.DEVNULL, timeout=120)  # fmt: skip
        assert (result.returncode, result.stderr) == (0, ""), script
        outputs.append(result.stdout)
    assert outputs[0] == ""  # nothing to annotate (notes are listed with --verbose)
    report = summary.read_text(encoding="utf-8")
    assert report.startswith(
        f"### cwframe diff: `{SHOWN}@origin/main` → `{SHOWN}`\n\n1 modified, 159 unchanged\n"
    )
    assert "nos/cyp-development/P2" in report


def test_the_documented_pre_commit_configuration_runs_as_written(
    standards: Path, pre_commit_home: Path
) -> None:
    if not PRE_COMMIT.is_file():
        pytest.skip("pre-commit is not installed (it is in the dev dependency group)")
    head = git(ROOT, "rev-parse", "HEAD").strip()
    config = (
        documented("# .pre-commit-config.yaml")
        .replace(PLACEHOLDERS[0], str(ROOT))
        .replace(PLACEHOLDERS[1], head)
    )
    (standards / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (standards / "package.json").write_text('{"name": "standards"}\n', encoding="utf-8")
    git(standards, "add", ".")
    result = subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color", "never"], cwd=standards, capture_output=True,
        text=True, check=False, stdin=subprocess.DEVNULL, timeout=900,
        env={**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home)},
    )  # fmt: skip
    if "An unexpected error has occurred" in result.stdout + result.stderr:
        pytest.skip(f"pre-commit could not install the hook's environment (offline?): {result.stdout[-300:]}")
    assert result.returncode == 0, result.stdout
    assert "cwframe validate" in result.stdout and "Passed" in result.stdout


def test_a_typo_fails_and_a_typo_in_shared_wording_is_found_with_the_unit_alone(standards: Path) -> None:
    """'rigths' in P2 gave '0 errors', exit 0; 'complaits' in K27, a criterion the three units
    share, was found only when all three were validated together."""
    edit(
        standards,
        "P2 lead practice that recognises the rights",
        "P2 lead practice that recognises the rigths",
    )
    edit(standards, "K27 how to address concerns and complaints", "K27 how to address concerns and complaits")
    result = cwframe(standards, "validate", SHOWN)
    assert (result.returncode, result.stdout) == (1, (
        f"{SHOWN}:10:38: SP01 unknown word 'rigths'; did you mean 'rights'? [nos/cyp-development/P2]\n"
        f"{SHOWN}:101:1: DR01 K27 differs from the wording 2 other units share (nos/key-people/K27, as "
        "published): how to address concerns and [-complaints-] {+complaits+} [nos/cyp-development/K27]\n"
        f"{SHOWN}:101:33: SP01 unknown word 'complaits'; did you mean 'complaints', 'complains'? "
        "[nos/cyp-development/K27]\n\n2 errors, 1 warning, 4 notes in 1 file\n"
    ))  # fmt: skip
    # A right word the lexicon lacks goes in the project's word list, beside the configuration.
    edit(
        standards,
        "P2 lead practice that recognises the rigths",
        "P2 lead practice that recognises the Gillick",
    )
    edit(standards, "complaits", "complaints")
    assert "unknown word 'Gillick'" in cwframe(standards, "validate", SHOWN).stdout
    (standards / "cwframe-words.txt").write_text(
        "# names and terms the dictionary lacks\ngillick\n", encoding="utf-8"
    )
    clean = cwframe(standards, "validate", SHOWN, "--strict")
    assert (clean.returncode, clean.stdout) == (0, "0 errors, 0 warnings, 4 notes in 1 file\n")


def test_markup_added_to_a_criterion_is_a_change_diff_reports(standards: Path) -> None:
    """An HTML tag added to a criterion was invisible to diff (--exit-code 0)."""
    edit(standards, "P2 lead practice", "P2 lead <b>practice</b>")
    result = cwframe(standards, "diff", "--rev", "HEAD", SHOWN, "--exit-code")
    assert (result.returncode, result.stdout.splitlines()[:5]) == (1, [
        f"{SHOWN}@HEAD → {SHOWN}", "1 markup, 159 unchanged", "", "Markup (1)", "  nos/cyp-development/P2",
    ])  # fmt: skip
    change = json.loads(cwframe(standards, "diff", "--rev", "HEAD", SHOWN, "-f", "json").stdout)["changes"][0]
    assert (change["kind"], change["old_text"], change["new_text"], change["diff"]) == (
        "markup",
        "lead practice that recognises the rights of children and young people",
        "lead <b>practice</b> that recognises the rights of children and young people",
        "lead [-practice-] {+<b>practice</b>+} that recognises the rights of children and young people",
    )
