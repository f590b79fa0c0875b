"""The case family: a framework of your own as a 1EdTech CASE 1.1 package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cwframe
from cwframe.errors import ParseError

DOC = "d0000000-0000-0000-0000-000000000000"


def _item(n: int, text: str, **more: object) -> dict:
    return {"identifier": f"1000000{n}-0000-0000-0000-000000000000", "fullStatement": text,
            "uri": f"urn:x:{n}", "lastChangeDateTime": "2020-01-01T00:00:00+00:00", **more}  # fmt: skip


def _link(identifier: str, title: str = "") -> dict:
    return {"identifier": identifier, "uri": f"urn:x:{identifier}", "title": title}


def _child(n: int, parent: str, sequence: int | None = None) -> dict:
    a = {"identifier": f"a{n}", "associationType": "isChildOf", "uri": f"urn:a:{n}",
         "originNodeURI": _link(f"1000000{n}-0000-0000-0000-000000000000"), "destinationNodeURI": _link(parent),
         "lastChangeDateTime": "2020-01-01T00:00:00+00:00"}  # fmt: skip
    if sequence is not None:
        a["sequenceNumber"] = sequence
    return a


def _package(tmp_path: Path, items: list[dict], associations: list[dict], name: str = "ours.json") -> Path:
    path = tmp_path / name
    package = {"CFDocument": {"identifier": DOC, "title": "Our framework", "creator": "Us", "uri": "urn:doc",
                              "lastChangeDateTime": "2021-03-04T10:00:00", "version": "2"},
               "CFItems": items, "CFAssociations": associations}  # fmt: skip
    path.write_text(json.dumps(package, indent=1), encoding="utf-8")
    return path


def _read(path: Path) -> tuple[cwframe.Framework, list]:
    findings: list = []
    return cwframe.parse_file(path, findings=findings), findings


def test_items_become_statements_in_their_hierarchy_and_order(tmp_path: Path) -> None:
    area = "10000001-0000-0000-0000-000000000000"
    path = _package(tmp_path, [
        _item(2, "Listens to children", humanCodingScheme="C.2", CFItemType="Competency", educationLevel=["4", "5"]),
        _item(1, "Communication", humanCodingScheme="C", CFItemType="Domain", abbreviatedStatement="Comms"),
        _item(3, "Explains decisions", humanCodingScheme="C.1", CFItemType="Competencies", educationalLevel="3"),
    ], [_child(1, DOC, 1), _child(2, area, 2), _child(3, area, 1)])  # fmt: skip
    fw, findings = _read(path)
    assert (fw.id, fw.title, fw.publisher, fw.version, fw.date) == (
        "ours",
        "Our framework",
        "Us",
        "2",
        "2021-03-04",
    )
    rows = [(r.id, r.kind.value, r.text, r.name, r.level, r.section) for r in cwframe.iter_statements(
        cwframe.Corpus(frameworks=[fw]))]  # fmt: skip
    assert rows == [
        ("ours/C", "domain", "Communication", "Comms", None, None),
        ("ours/C.1", "competency", "Explains decisions", None, "3", "Comms"),
        ("ours/C.2", "competency", "Listens to children", None, "4-5", "Comms"),
    ]
    assert [i.parent for i in fw.items] == [None, "ours/C", "ours/C"]
    assert fw.items[2].identifier == "10000002-0000-0000-0000-000000000000"
    assert fw.tiers == {"3": "3", "4-5": "4-5"}
    assert findings == []
    # Each statement points at its item in the file.
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all(item.identifier in lines[item.source.line - 1] for item in fw.items)


def test_other_associations_are_kept_on_their_origin(tmp_path: Path) -> None:
    one, two = "10000001-0000-0000-0000-000000000000", "10000002-0000-0000-0000-000000000000"
    related = {"identifier": "r1", "associationType": "isRelatedTo", "uri": "urn:r", "lastChangeDateTime": "x",
               "originNodeURI": _link(one), "destinationNodeURI": _link(two, "B")}  # fmt: skip
    outside = {**related, "identifier": "r2", "associationType": "exactMatchOf",
               "destinationNodeURI": _link("elsewhere", "Theirs")}  # fmt: skip
    fw, _ = _read(_package(tmp_path, [_item(1, "A", humanCodingScheme="A"), _item(2, "B", humanCodingScheme="B")],
                           [related, outside]))  # fmt: skip
    assert [(a.type, a.target, a.title) for a in fw.items[0].associations] == [
        ("isRelatedTo", "ours/B", "B"),
        ("exactMatchOf", "elsewhere", "Theirs"),
    ]


def test_what_cannot_be_read_is_reported_and_left_out(tmp_path: Path) -> None:
    fw, findings = _read(_package(tmp_path, [
        _item(1, "A", humanCodingScheme="A"), _item(2, "  "), _item(1, "A again"),
        _item(3, "C", humanCodingScheme="A"),
    ], [_child(9, DOC)]))  # fmt: skip
    assert [i.id for i in fw.items] == ["ours/A", "ours/A~2"]
    assert [(f[0], f[3]) for f in findings] == [
        ("CA01", "item 10000002-0000-0000-0000-000000000000 has no fullStatement: it is left out"),
        ("CA01", "item identifier 10000001-0000-0000-0000-000000000000 is used twice: the second item is left out"),
        ("CA01", "association a9 starts at 10000009-0000-0000-0000-000000000000, which is no item of this "
         "package: it is left out"),
        ("IT01", "A is the id of the item at line 12 too; ids must be unique (this one is read as ours/A~2)"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"CFDocument": {"title": "x"}, "CFItems": [',
            r"ours.json:1:44: CA01 not valid JSON \(Expecting value\)",
        ),
        ('{"CFDocument": 3}', r"ours.json:1:1: CA01 not a CASE package: no CFDocument at the top level"),
    ],
)
def test_a_file_that_is_no_package_is_one_located_error(
    tmp_path: Path, monkeypatch, text: str, message: str
) -> None:
    (tmp_path / "ours.json").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParseError, match=f"^{message}"):
        cwframe.load_corpus("ours.json")


_KEYS = ["CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFPackage", "identifier", "fullStatement",
         "humanCodingScheme", "educationLevel", "CFItemType", "associationType", "originNodeURI",
         "destinationNodeURI", "sequenceNumber", "extensions", "cwframeFramework", "cwframeId", "title", "uri"]  # fmt: skip
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from(["isChildOf", "x", "", "i1", "i2", "nos"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(_KEYS), children, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_JSON)
def test_any_json_reads_or_is_one_clear_error(data: object) -> None:
    from cwframe.errors import InputError
    from cwframe.parsers import case

    try:
        fw = case.parse(json.dumps(data), path="fuzz.json", findings=[])
    except (ParseError, InputError):
        return
    assert len({i.id for i in fw.items}) == len(fw.items)


_IDS = st.sampled_from(["i1", "i2", "i3", DOC, "elsewhere"])
_PACKAGES = st.fixed_dictionaries({
    "CFDocument": st.fixed_dictionaries({"identifier": st.just(DOC), "title": st.text(max_size=5)}),
    "CFItems": st.lists(st.fixed_dictionaries(
        {"identifier": _IDS, "fullStatement": st.sampled_from(["Listens", "Plans", " ", ""])},
        optional={"humanCodingScheme": st.sampled_from(["A", "A", "B", " ", "A B"]),
                  "educationLevel": st.one_of(st.lists(st.sampled_from(["3", "4", "KG"]), max_size=2), st.text(max_size=3)),
                  "CFItemType": st.sampled_from(["Skill", "", "Grade Level"]), "abbreviatedStatement": st.text(max_size=4)},
    ), max_size=6),
    "CFAssociations": st.lists(st.fixed_dictionaries(
        {"associationType": st.sampled_from(["isChildOf", "isChildOf", "precedes", "ext:x"]),
         "originNodeURI": st.fixed_dictionaries({"identifier": _IDS}),
         "destinationNodeURI": st.fixed_dictionaries({"identifier": _IDS})},
        optional={"sequenceNumber": st.one_of(st.integers(-2, 3), st.text(max_size=2))},
    ), max_size=8),
})  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(package=_PACKAGES)
def test_any_package_shape_reads_to_unique_ids_and_an_acyclic_tree(package: dict) -> None:
    from cwframe.parsers import case

    fw = case.parse(json.dumps(package), path="fuzz.json", findings=[])
    ids = [i.id for i in fw.items]
    assert len(set(ids)) == len(ids)
    parent = {i.id: i.parent for i in fw.items}
    for start in ids:  # following parents always ends at a top-level item
        seen, node = set(), start
        while node is not None:
            assert node not in seen and node in parent
            seen.add(node)
            node = parent[node]
