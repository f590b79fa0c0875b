"""The hostile-input catalogue, issue #27, class `read`: one rule for every read of a manifest,
config or document — resolved inside the root, measured before it is read and again after every
expansion (normalisation, decompression, repeated manifest entries), the input named."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from hostile import KEY_PEOPLE, Case, both, check_case, manifest, secret, unit
from hostile_inputs import expanding, far_cell, repeated_manifest, shared_strings_bomb


def files(built: dict[str, bytes]):  # noqa: ANN201 - a lay-out step
    def lay_out(tmp: Path) -> None:
        for name, data in built.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)

    return lay_out


def _manifest_link_out(tmp: Path) -> None:
    """units/manifest.yaml is a link to a manifest outside, naming a document inside."""
    unit(tmp, "units/key-people.txt")
    (tmp / "outside").mkdir(exist_ok=True)
    (tmp / "outside/manifest.yaml").write_text("documents:\n  - file: key-people.txt\n    family: nos\n"
                                               "    unit: stolen\n", encoding="utf-8")  # fmt: skip
    (tmp / "units/manifest.yaml").symlink_to("../outside/manifest.yaml")


def _sparse(name: str, size: int = 2 * 1024**3):  # noqa: ANN202
    def lay_out(tmp: Path) -> None:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        with open(tmp / name, "wb") as handle:
            handle.write(b"[tool.cwframe]\n")
            handle.truncate(size)

    return lay_out


def _repository_with_big_blob(tmp: Path) -> None:
    """A repository whose committed kp.txt is 200 MB (sparse on disk, packed small by git)."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(tmp)], check=True)
    with open(tmp / "kp.txt", "wb") as handle:
        handle.write(KEY_PEOPLE.encode())
        handle.truncate(200 * 1024**2)
    subprocess.run([*git, "add", "kp.txt"], cwd=tmp, check=True)
    subprocess.run([*git, "commit", "-qm", "big"], cwd=tmp, check=True)
    (tmp / "kp.txt").write_text(KEY_PEOPLE, encoding="utf-8")


CASES: dict[str, Case] = {  # fmt: skip
    # A manifest that is itself a link out of the corpus: refused like a document link leading out.
    "manifest.yaml a link leading out (list)": Case(
        ["--corpus", "units", "list"],
        both(secret, _manifest_link_out),
        stderr="units/manifest.yaml:1:1: CO05 manifest.yaml is a symbolic link to a place outside",
    ),
    "manifest.yaml a link leading out (validate)": Case(
        ["validate", "units"], both(secret, _manifest_link_out), exit=1, stdout="MF03"
    ),
    # Measured after expansion: NFKC/NFKD grows U+FDFA 18-fold (the issue: 30 MB, 12.6 GB in search).
    "a document that grows 18-fold when normalised (search)": Case(
        ["--corpus", "kp.txt", "search", "records"],
        files(expanding(10_000_000)),
        memory=1024**3,
        stderr="kp.txt:18:3143766: PA04 normalised, the text would grow to more than 67,108,864 characters",
    ),
    "a document that grows 18-fold when normalised (validate)": Case(
        ["validate", "kp.txt"], files(expanding(10_000_000)), memory=1024**3, exit=1, stdout="FI01"
    ),
    # The sum over repeated manifest entries (the issue: one 1 MB document named 300 times).
    "a manifest naming one 1 MB document 300 times": Case(
        ["--corpus", "units", "list"],
        files(repeated_manifest(300)),
        memory=1024**3,
        stderr="CO09 manifest names 'big.txt' again; its repeated entries would read",
    ),
    # Decompression: shared strings referenced many times; one cell at the sheet's far corner.
    "an xlsx whose shared strings inflate to 1.5 GB": Case(
        ["--corpus", "bomb.xlsx", "list"],
        files(shared_strings_bomb(150, 10)),
        memory=1024**3,
        stderr="bomb.xlsx: the workbook's cells would hold more than 268,435,456 characters",
    ),
    "an xlsx with one cell at the far corner": Case(
        ["--corpus", "far.xlsx", "list"],
        files(far_cell()),
        memory=1024**3,
        stderr="far.xlsx: a sheet of the workbook (xl/worksheets/sheet1.xml) spans 1,048,576 rows × 16,384 columns",
    ),
    "an xlsx whose shared strings inflate (validate)": Case(
        ["validate", "bomb.xlsx"],
        files(shared_strings_bomb(150, 10)),
        memory=1024**3,
        exit=1,
        stdout="TB05",
    ),
    # git show of a blob larger than a document may be: its size is read first.
    "diff --rev of a 200 MB blob, its size read first": Case(
        ["diff", "--rev", "HEAD", "kp.txt"],
        _repository_with_big_blob,
        memory=400 * 1024**2,
        stderr="kp.txt@HEAD: 209,715,200 bytes, more than the 67,108,864",
    ),
    # A 2 GB pyproject.toml (sparse) found while looking for the configuration.
    "a 2 GB pyproject.toml": Case(
        ["validate", "units"],
        both(lambda t: unit(t), _sparse("pyproject.toml")),
        memory=1024**3,
        stderr="pyproject.toml: 2,147,483,648 bytes, more than the 67,108,864",
    ),
    "a 2 GB .cwframe.toml": Case(
        ["validate", "units"],
        both(lambda t: unit(t), _sparse(".cwframe.toml")),
        memory=1024**3,
        stderr=".cwframe.toml: 2,147,483,648 bytes, more than the 67,108,864",
    ),
    # A NUL in a manifest's file name.
    "a NUL in a manifest file name (list)": Case(
        ["--corpus", "units", "list"],
        lambda t: manifest(t, '  - file: "a\\0b.txt"\n    family: nos\n    unit: c\n'),
        stderr="units/manifest.yaml:4:5: CO05 manifest names 'a\\x00b.txt', which holds a NUL character (no file name can)",
    ),
    "a NUL in a manifest file name (search)": Case(
        ["--corpus", "units", "search", "records"],
        lambda t: manifest(t, '  - file: "a\\0b.txt"\n    family: nos\n    unit: c\n'),
        stderr="units/manifest.yaml:4:5: CO05 manifest names 'a\\x00b.txt', which holds a NUL character (no file name can)",
    ),
    "a NUL in a manifest file name (validate)": Case(
        ["validate", "units"],
        lambda t: manifest(t, '  - file: "a\\0b.txt"\n    family: nos\n    unit: c\n'),
        exit=1,
        stdout="MF03",
    ),
    # Another expansion: a decisions/thesaurus-style data file is read through the same reader.
    "a 2 GB manifest.yaml": Case(
        ["--corpus", "units", "list"],
        both(lambda t: unit(t), _sparse("units/manifest.yaml")),
        stderr="units/manifest.yaml: 2,147,483,648 bytes, more than the 67,108,864",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_read(name: str, tmp_path: Path) -> None:
    check_case(CASES[name], tmp_path)
