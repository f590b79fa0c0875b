"""A framework of your own as a 1EdTech CASE 1.1 package (CFPackage JSON).

Source: a CASE server's package endpoint (OpenSALT, CaSS, Standards Satchel: ``…/CFPackages/{id}``)
or a file such a tool exported; ``cwframe export --format case`` writes them too. Every CFItem is a
statement: ``fullStatement`` its text, ``humanCodingScheme`` its printed code (and its id),
``abbreviatedStatement`` (or ``alternativeLabel``) its name, ``CFItemType`` its kind,
``educationLevel`` its level. ``isChildOf`` associations give the hierarchy, ordered by
``sequenceNumber`` (then ``listEnumeration``); every other association (``isRelatedTo``,
``exactMatchOf``, ``precedes`` …) is kept on its origin item, pointing at the item it names when
that item is in the package. The CFDocument gives the title, creator or publisher, version and date.

Quirks handled:

* CASE 1.0 spellings: ``educationalLevel``, an education level given as one string, a package
  wrapped in ``{"CFPackage": …}``;
* a package cwframe exported reads back as it was written: the cwframe ids, kinds, levels and
  PCF topics in its extensions, its units, sections, categories, cells, levels, groups and
  standard areas as containers rather than statements;
* an item with no ``fullStatement`` is left out and reported; so is an association whose
  origin is no item of the package.

Sample::

    {"CFDocument": {"identifier": "…", "title": "Our framework", …},
     "CFItems": [{"identifier": "…", "fullStatement": "Listens to …", "humanCodingScheme": "C1", …}],
     "CFAssociations": [{"associationType": "isChildOf", "originNodeURI": {…}, …}]}
"""

from __future__ import annotations

import json
import re
from typing import Any

from cwframe.models import BUNDLED_FRAMEWORKS, Framework, ReadOptions
from cwframe.parsers._items import Draft, Finding, build, framework_id, parse_error

FAMILY = "case"
# What a cwframe export calls its item types (CFItemTypes' typeCode): containers, and the kinds
# whose name differs from the statement kind.
_CWFRAME_CONTAINERS = frozenset({"unit", "section", "category", "cell", "level", "group", "area"})
_CWFRAME_KINDS = {"sdf-knowledge": "knowledge"}
_IDENTIFIER = re.compile(r'"identifier"\s*:\s*"([^"\\]{1,200})"')
_KEPT = ("language", "notes", "conceptKeywords", "licenseURI", "statusStartDate", "statusEndDate",
         "listEnumeration", "lastChangeDateTime", "uri", "alternativeLabel")  # fmt: skip


def detect(text: str) -> bool:
    """A CASE package names its CFDocument near the top."""
    return bool(re.search(r'"CF(?:Document|Items|Package)"\s*:', text[:65536]))


def parse(text: str, *, path: str, options: ReadOptions | None = None,
          findings: list[Finding] | None = None) -> Framework:  # fmt: skip
    """A CFPackage's JSON text as a framework."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise parse_error(
            f"not valid JSON ({exc.msg}); fix the syntax", path, "CA01", exc.lineno, exc.colno
        ) from None
    except RecursionError:
        raise parse_error("JSON nested too deeply to read", path, "CA01") from None
    if isinstance(data, dict) and isinstance(data.get("CFPackage"), dict):
        data = data["CFPackage"]
    if not isinstance(data, dict) or not isinstance(data.get("CFDocument"), dict):
        raise parse_error("not a CASE package: no CFDocument at the top level (a CFPackage has CFDocument, "
                          "CFItems and CFAssociations)", path, "CA01")  # fmt: skip
    document: dict = data["CFDocument"]
    items = [i for i in _list(data, "CFItems") if isinstance(i, dict)]
    associations = [a for a in _list(data, "CFAssociations") if isinstance(a, dict)]
    lines = _lines(text)
    extensions = document.get("extensions") if isinstance(document.get("extensions"), dict) else {}
    ours = isinstance(extensions.get("cwframeFramework"), str)
    # A bundled framework's export: its structural items (units, levels …) are containers by their type.
    structural = ours and extensions.get("cwframeFramework") in BUNDLED_FRAMEWORKS
    types = _type_codes(data) if ours else {}
    tiers = extensions.get("cwframeTiers")
    if ours and isinstance(tiers, dict) and tiers:
        given = options or ReadOptions()
        options = given.model_copy(
            update={"tiers": {**{str(k): str(v) for k, v in tiers.items()}, **given.tiers}}
        )
    drafts: dict[str, Draft] = {}
    order: dict[str, tuple] = {}
    for position, item in enumerate(items):
        identifier = _text(item.get("identifier")) or f"item {position + 1}"
        line = lines.get(identifier, 1)
        statement = " ".join(_text(item.get("fullStatement")).split())
        if not statement:
            if findings is not None:
                findings.append(
                    ("CA01", line, 1, f"item {identifier} has no fullStatement: it is left out", None)
                )
            continue
        if identifier in drafts:
            if findings is not None:
                findings.append(("CA01", line, 1, f"item identifier {identifier} is used twice: the second item "
                                 "is left out", None))  # fmt: skip
            continue
        drafts[identifier] = _draft(item, identifier, statement, line, ours, structural, types)
        order[identifier] = (10**9, _number(item.get("listEnumeration")), position)
    document_ids = {_text(document.get("identifier")), _text(document.get("uri"))}
    for a in associations:
        origin, target = _node(a.get("originNodeURI")), _node(a.get("destinationNodeURI"))
        draft = drafts.get(origin[0]) or next(
            (drafts[i] for i in drafts if drafts[i].fields.get("uri") == origin[1]), None
        )
        if draft is None or not (target[0] or target[1]):
            if findings is not None and draft is None:
                findings.append(("CA01", lines.get(_text(a.get("identifier")), 1), 1,
                                 f"association {_text(a.get('identifier')) or '?'} starts at {origin[0] or origin[1]}, "
                                 "which is no item of this package: it is left out", None))  # fmt: skip
            continue
        kind = _text(a.get("associationType"))
        if kind == "isChildOf":
            if draft.parent is None and not draft.placed:
                draft.placed = True  # its first parent (an item may be a child twice: the first counts)
                if target[0] not in document_ids and target[1] not in document_ids:
                    draft.parent = target[0] or target[1]
                order[draft.identifier or ""] = (
                    _number(a.get("sequenceNumber")),
                    *order[draft.identifier or ""][1:],
                )
        else:
            title = (
                target[2] if target[2] not in (target[0], target[1]) else None
            )  # a title that is only the id
            draft.associations.append((kind, target[0] or target[1], title))
    ordered = _tree_order(list(drafts.values()), order)
    date = _text(document.get("lastChangeDateTime"))[:10] or None
    fid = framework_id(options, path, extensions.get("cwframeFramework"))
    title = " ".join(_text(document.get("title")).split()) or fid.value
    return build(ordered, framework=fid, title=title, path=path, options=options, findings=findings,
                 publisher=_text(document.get("publisher")) or _text(document.get("creator")) or None,
                 version=_text(document.get("version")) or None, date=date)  # fmt: skip


def _draft(item: dict, identifier: str, statement: str, line: int, ours: bool, structural: bool,
           types: dict[str, str]) -> Draft:  # fmt: skip
    levels = item.get("educationLevel", item.get("educationalLevel"))
    if isinstance(levels, list):
        level = ", ".join(_text(v) for v in levels if _text(v)) or None
    else:
        level = _text(levels) or None
    kind = _text(item.get("CFItemType")) or _node(item.get("CFItemTypeURI"))[2] or None
    extensions = item.get("extensions") if isinstance(item.get("extensions"), dict) else {}
    name = _text(item.get("abbreviatedStatement")) or None
    kept = [k for k in _KEPT if item.get(k) not in (None, "", [])]
    if name is None and _text(item.get("alternativeLabel")):
        name = _text(item.get("alternativeLabel"))
        kept.remove("alternativeLabel")
    draft = Draft(
        line=line, text=statement, code=_text(item.get("humanCodingScheme")) or None, name=name,
        kind=kind, level=level, identifier=identifier, fields={k: _field(item[k]) for k in kept},
    )  # fmt: skip
    if ours:
        code = types.get(_node(item.get("CFItemTypeURI"))[0], "")
        draft.kind = _CWFRAME_KINDS.get(code, code) or draft.kind
        draft.container = (
            code in _CWFRAME_CONTAINERS if structural else extensions.get("cwframeContainer") is True
        )
        if isinstance(extensions.get("cwframeGroup"), str):
            draft.group = extensions["cwframeGroup"]
        if isinstance(extensions.get("cwframeLevel"), str):
            draft.level = extensions["cwframeLevel"]
        if isinstance(extensions.get("cwframeFields"), dict):
            draft.fields = {str(k): str(v) for k, v in extensions["cwframeFields"].items()}
        given = extensions.get("cwframeId")
        draft.given_id = given if isinstance(given, str) and given else None
        draft.topic = extensions.get("topic") if isinstance(extensions.get("topic"), str) else None
    return draft


def _tree_order(drafts: list[Draft], order: dict[str, tuple]) -> list[Draft]:
    """Items as their hierarchy reads: each parent, then its children by sequence; items whose parent
    is not in the package (or that loop) after, in package order."""
    known = {d.identifier for d in drafts}
    children: dict[str | None, list[Draft]] = {}
    for d in drafts:
        children.setdefault(d.parent if d.parent in known else None, []).append(d)
    for group in children.values():
        group.sort(key=lambda d: order[d.identifier or ""])
    out: list[Draft] = []
    seen: set[int] = set()
    stack = list(reversed(children.get(None, [])))
    while stack:
        d = stack.pop()
        if id(d) in seen:
            continue
        seen.add(id(d))
        out.append(d)
        stack.extend(reversed(children.get(d.identifier, [])))
    out += [d for d in drafts if id(d) not in seen]
    return out


def _lines(text: str) -> dict[str, int]:
    """The line where each identifier first appears (an item's own, before any reference to it)."""
    out: dict[str, int] = {}
    line, at = 1, 0
    for match in _IDENTIFIER.finditer(text):
        if match[1] not in out:
            line += text.count("\n", at, match.start())
            at = match.start()
            out[match[1]] = line
    return out


def _type_codes(data: dict) -> dict[str, str]:
    definitions = data.get("CFDefinitions") if isinstance(data.get("CFDefinitions"), dict) else {}
    return {
        _text(t.get("identifier")): _text(t.get("typeCode") or t.get("hierarchyCode"))
        for t in _list(definitions, "CFItemTypes")
        if isinstance(t, dict)
    }


def _node(link: Any) -> tuple[str, str, str | None]:
    """(identifier, uri, title) of a LinkURI."""
    if not isinstance(link, dict):
        return "", _text(link), None
    return _text(link.get("identifier")), _text(link.get("uri")), _text(link.get("title")) or None


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def _field(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return _text(value)


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("inf")
