"""One small input per rule that triggers exactly that rule at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cwframe.ops.validate import validate

CLEAN_NOS = """Performance criteria
You must be able to:
Support people well
P1 greet people
P2 explain things clearly
Knowledge and understanding
You need to know and understand:
Rights
K1 the rights of individuals
K2 how to complain
"""


def found(tmp_path: Path, files: dict[str, bytes | str], *targets: str) -> list[tuple[str, int, str]]:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):  # ("symlink", target): a link, which may dangle
            path.symlink_to(content[1])
            continue
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    report = validate([tmp_path / t for t in (targets or files)])
    return [(Path(p.path).name, p.line, p.code) for p in report.problems]


def test_a_clean_unit_has_no_findings(tmp_path: Path) -> None:
    assert found(tmp_path, {"u.txt": CLEAN_NOS}) == []


CASES = {
    "EN01": ({"u.txt": CLEAN_NOS.replace("P2 explain things clearly", "P2 explain the child\u2019s needs").encode("cp1252")},
             [("u.txt", 5, "EN01")]),
    "EN02": ({"u.txt": b"\xef\xbb\xbf" + CLEAN_NOS.encode()}, [("u.txt", 1, "EN02")]),
    "EN03": ({"u.txt": CLEAN_NOS.replace("\n", "\r\n", 3)}, [("u.txt", 4, "EN03")]),
    "EN04": ({"u.txt": CLEAN_NOS.replace("K2 how", "K2 \x00\x00how")}, [("u.txt", 10, "EN04")]),
    "PA03": ({"u.txt": "Performance criteria\nYou must be able to:\nSupport people well\n"}, [("u.txt", 1, "PA03")]),
    "CO01": ({"corpus.json": '{"frameworks": [{"id": "xyz"}]}'}, [("corpus.json", 1, "CO01")]),
    "NU01": ({"u.txt": CLEAN_NOS.replace("P2 explain", "P1 explain")}, [("u.txt", 5, "NU01")]),
    "NU02": ({"u.txt": CLEAN_NOS.replace("K2 how", "K3 how")}, [("u.txt", 10, "NU02")]),
    "NU04": ({"u.txt": CLEAN_NOS.replace("P2 explain", "P1A explain")}, [("u.txt", 5, "NU04")]),
    "NU03": ({"u.txt": CLEAN_NOS.replace("P1 greet people\nP2 explain things clearly", "P2 explain things clearly\nP1 greet people")},
             [("u.txt", 5, "NU03")]),
    "ST06": ({"u.txt": CLEAN_NOS.replace("P2 explain things clearly", 'P2 =HYPERLINK("http://x.example","y")')},
             [("u.txt", 5, "ST06")]),
    "ST08": ({"u.txt": CLEAN_NOS.replace("P2 explain", "P2 \x07explain")}, [("u.txt", 5, "ST08")]),
    "ST09": ({"u.txt": CLEAN_NOS.replace("P2 explain", "P2 \u202eexplain")}, [("u.txt", 5, "ST09")]),
    "ID01": ({"raw/manifest.yaml": "documents:\n  - file: u.txt\n    family: nos\n    unit: u\n  - file: v.txt\n"
                                   "    family: nos\n    unit: u\n", "raw/u.txt": CLEAN_NOS, "raw/v.txt": CLEAN_NOS},
             [("v.txt", 1, "ID01")]),
    "ID02": ({"ours.csv": "Ref,Statement\nA1,Works well\n\u04102,Plans\n"}, [("ours.csv", 3, "ID02")]),
    "ST01": ({"u.txt": CLEAN_NOS.replace("P2 explain things clearly", "P2 .")}, [("u.txt", 5, "ST01")]),
    "ST02": ({"u.txt": CLEAN_NOS.split("Knowledge and understanding")[0]}, [("u.txt", 1, "ST02")]),
    "ST03": ({"u.txt": CLEAN_NOS.replace("Rights\n", "")}, [("u.txt", 8, "ST03")]),
    "ST07": ({"u.txt": CLEAN_NOS.replace("Knowledge and understanding\n", "")}, [("u.txt", 7, "ST07")]),
    "ST04": ({"u.txt": CLEAN_NOS.replace("K2 how to complain", "K2 the rights of individuals")}, [("u.txt", 10, "ST04")]),
    "ST05": ({"u.txt": CLEAN_NOS + "Additional Information\nKey people are family\nKey people are friends\n"},
             [("u.txt", 13, "ST05")]),
    "DB01": ({"u.txt": CLEAN_NOS.replace("explain things", "explain <b>things</b>")}, [("u.txt", 5, "DB01")]),
    "DB02": ({"u.txt": "[bookmark: StartOverview]This standard is about greeting.\n" + CLEAN_NOS}, [("u.txt", 1, "DB02")]),
    "DB03": ({"u.txt": CLEAN_NOS.replace("P2 explain", "P2 • explain")}, [("u.txt", 5, "DB03")]),
    "DB04": ({"u.txt": CLEAN_NOS.replace("K2 how to complain", "K2 how to complain PROTECT")}, [("u.txt", 10, "DB04")]),
    "DB05": ({"p.txt": "Children's Workforce: Professional Capabilities Framework\nPart 3\nA. Starting work\nAbout it.\n"
              "Capability headings\tKnowledge, skills and behaviours\n<p>A.1. Relationships</p>\t<ul> • Does a thing\n"
              "---\t---\n"}, [("p.txt", 7, "DB05")]),
    "OC01": ({"u.txt": CLEAN_NOS.replace("P2 explain things clearly", "P2 zeppelin kumquat xylophone")},
             [("u.txt", 5, "OC01")]),
    "SP01": ({"u.txt": CLEAN_NOS.replace("P2 explain things clearly", "P2 explain things clearly to peopel")},
             [("u.txt", 5, "SP01")]),
    # 'measureable' as the bundled unit of that name publishes it
    "SP02": ({"cyp-development.txt": CLEAN_NOS.replace("P2 explain things clearly", "P2 set measureable targets")},
             [("cyp-development.txt", 5, "SP02")]),
    "DR01": ({"a.txt": CLEAN_NOS, "b.txt": CLEAN_NOS,
              "c.txt": CLEAN_NOS.replace("K1 the rights of individuals", "K1 the right of individuals")},
             [("c.txt", 9, "DR01")]),
    "MF01": ({"raw/manifest.yaml": "documents:\n  - file: u.txt\n    family: nos\n  - file: gone.txt\n    family: nos\n",
              "raw/u.txt": CLEAN_NOS}, [("manifest.yaml", 4, "MF01")]),
    "MF03": ({"raw/manifest.yaml": "documents:\n  - file: u.txt\n    family: nos\n  - file: ../secret.txt\n    family: nos\n",
              "raw/u.txt": CLEAN_NOS, "secret.txt": CLEAN_NOS}, [("manifest.yaml", 4, "MF03")]),
    # One 1 MiB document named 66 times: the 65th entry (line 130) takes the repetitions past 64 MiB.
    "MF04": ({"raw/manifest.yaml": "documents:\n" + "  - file: u.txt\n    family: nos\n" * 66,
              "raw/u.txt": CLEAN_NOS + "\n" * 1024**2}, [("manifest.yaml", 130, "MF04"), ("manifest.yaml", 132, "MF04")]),
    "FI01": ({"raw/manifest.yaml": "documents:\n  - file: u.txt\n    family: nos\n", "raw/u.txt": CLEAN_NOS,
              "raw/gone.txt": ("symlink", "nowhere.txt")}, [("gone.txt", 1, "FI01")]),
    "MF02": ({"raw/manifest.yaml": "documents:\n  - file: u.txt\n    family: nos\n", "raw/u.txt": CLEAN_NOS,
              "raw/extra.txt": CLEAN_NOS}, [("extra.txt", 1, "MF02")]),
    "TB01": ({"ours.csv": "Ref,Wording\nA1,Works well\n"}, [("ours.csv", 1, "TB01")]),
    "TB02": ({"ours.csv": "Ref,Statement\nA1,Works well\n,\nA2,Plans\n"}, [("ours.csv", 3, "TB02")]),
    "TB03": ({"ours.csv": "Ref,Statement\nA1,Works well\nA2,\n"}, [("ours.csv", 3, "TB03")]),
    "TB04": ({"ours.csv": "Ref,Statement\nA1,Works well\n+A2,Plans\n"}, [("ours.csv", 3, "TB04")]),
    "TB05": ({"ours.xlsx": b"PK\x03\x04 damaged"}, [("ours.xlsx", 1, "TB05")]),
    "IT01": ({"ours.csv": "Ref,Statement\nA1,Works well\nA1,Plans\n"}, [("ours.csv", 3, "IT01")]),
    "IT02": ({"ours.csv": "Ref,Statement,Parent\nA1,Works well,\nA2,Plans,A9\n"}, [("ours.csv", 3, "IT02")]),
    "CA01": ({"ours.json": '{"CFDocument": {"title": "x"},\n "CFItems": [{"identifier": "i1"}]}'},
             [("ours.json", 2, "CA01")]),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_exactly_where_it_should(tmp_path: Path, code: str) -> None:
    files, expected = CASES[code]
    targets = ("raw",) if any(n.startswith("raw/") for n in files) else ()
    got = found(tmp_path, files, *targets)
    if code in ("MF02", "MF03", "MF04"):  # a second copy of the unit is validated too: only MF findings here
        got = [g for g in got if g[2].startswith("MF")]
    assert got == expected


def test_a_lone_cr_among_lf_is_mixed_and_cr_only_is_not(tmp_path: Path) -> None:
    assert found(tmp_path, {"u.txt": CLEAN_NOS.replace("\n", "\r", 5)}) == [("u.txt", 6, "EN03")]
    assert found(tmp_path, {"v.txt": CLEAN_NOS.replace("\n", "\r")}) == []


def test_every_rule_in_the_catalogue_has_a_case() -> None:
    from cwframe.rules import RULES

    assert set(RULES) == set(CASES)


def test_drift_message_shows_the_word_diff(tmp_path: Path) -> None:
    files = {
        "a.txt": CLEAN_NOS,
        "b.txt": CLEAN_NOS,
        "c.txt": CLEAN_NOS.replace("the rights of", "the right of"),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    problem = validate([tmp_path]).problems[0]
    assert problem.message == (
        "K1 differs from the wording 2 other units share (nos/a/K1): the [-rights-] {+right+} of individuals"
    )


def test_a_nul_byte_anywhere_is_binary(tmp_path: Path) -> None:
    late = CLEAN_NOS + "x" * 20_000 + "\n" + "K3 a\x00b\n"
    assert found(tmp_path, {"u.txt": late}) == [("u.txt", 12, "EN04")]


def test_lines_that_look_like_criteria_are_criteria(tmp_path: Path) -> None:
    """'P11A …' and HTML-wrapped 'P12a …' were read as headings, moving the rest under them."""
    wrapped = CLEAN_NOS.replace(
        "P2 explain things clearly",
        '<p class="MsoNormal"><span>P1a review things</span></p>\nP2 explain things clearly',
    )
    assert found(tmp_path, {"u.txt": wrapped}) == [("u.txt", 5, "DB01"), ("u.txt", 5, "NU04")]
    from cwframe.corpus import parse_file

    unit = parse_file(tmp_path / "u.txt").units[0]
    assert [(s.title, [st.number for st in s.statements]) for s in unit.sections][0] == (
        "Support people well",
        ["P1", "P1a", "P2"],
    )


def test_drift_from_the_published_wording_when_validated_alone(tmp_path: Path) -> None:
    """A unit validated alone (as a pre-commit hook passes it) is compared with the wording the
    bundled units publish; copies that outnumber the published ones are left to agree among
    themselves."""
    unit = CLEAN_NOS.replace(
        "K2 how to complain", "K2 how to complain\nK27 how to address concerns and complains"
    )
    assert [f for f in found(tmp_path, {"u.txt": unit}) if f[2] == "DR01"] == [("u.txt", 11, "DR01")]
    variants = ("and complains", "and grumbles", "or complaints")
    files = {f"{n}.txt": unit.replace("and complains", v) for n, v in zip("abc", variants, strict=True)}
    assert [f for f in found(tmp_path / "three", files) if f[2] == "DR01"] == []
