"""1EdTech CASE 1.1 packages (CFPackage), one per framework.

Identifiers are uuid5 of a cwframe namespace and '<framework>:<id>', so a re-export
gives the same identifiers and the same bytes. lastChangeDateTime is the source
document's date when it has one (the SDF: 2010-01-01, the PCF: 2016-05-09), else
the latest date a document was received (the manifest's ``received``: the NOS texts
print no date), else the Unix epoch; never the time of export, which would make every
export differ.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from cwframe.models import Framework, Item, Statement

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/cwframe/cwframe")
_ITEM_TYPES = {
    "unit": "NOS unit", "section": "Section", "performance": "Performance criterion",
    "knowledge": "Knowledge criterion", "category": "Category", "cell": "Capability heading",
    "capability": "Capability", "level": "Level", "group": "Group", "skill": "Skill",
    "sdf-knowledge": "Knowledge and understanding", "standard": "Youth Professional Standard",
    "area": "Standard area", "specialism": "Specialism",
}  # fmt: skip
_LEVELS = {"3": ["3"], "4-5": ["4", "5"], "6": ["6"], "7": ["7"], "8": ["8"]}
_ASSOCIATION_TYPES = frozenset({"isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo",
                                "replacedBy", "exemplar", "hasSkillLevel", "isTranslationOf"})  # fmt: skip
# What CASE accepts as an identifier (a version 1-5 UUID): a package's own identifiers are kept when they are.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def identifier(framework: str, key: str) -> str:
    """The stable CASE identifier of anything in a framework."""
    return str(uuid.uuid5(NAMESPACE, f"{framework}:{key}"))


def _timestamp(date: str | None) -> str:
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return f"{date}T00:00:00+00:00"
    if date and re.fullmatch(r"\d{4}", date):
        return f"{date}-01-01T00:00:00+00:00"
    return "1970-01-01T00:00:00+00:00"


@dataclass
class _Package:
    fw: Framework
    stamp: str
    items: list[dict] = field(default_factory=list)
    associations: list[dict] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)  # key -> the identifier a CASE package gave it

    def ident(self, key: str) -> str:
        return self.known.get(key) or identifier(self.fw.id.value, key)

    def link(self, key: str, title: str) -> dict:
        ident = self.ident(key)
        return {"title": title[:200], "identifier": ident, "uri": f"urn:uuid:{ident}"}

    def item(self, key: str, kind: str, text: str, parent: tuple[str, str], position: int, *,
             code: str | None = None, label: str | None = None, levels: list[str] | None = None,
             extra: dict | None = None, type_title: str | None = None, abbreviated: str | None = None) -> None:  # fmt: skip
        ident = self.ident(key)
        type_title = type_title or _ITEM_TYPES[kind]
        self.types[kind] = type_title
        item = {
            "identifier": ident, "fullStatement": text, "CFItemType": type_title, "uri": f"urn:uuid:{ident}",
            "lastChangeDateTime": self.stamp, "language": "en", "listEnumeration": str(position),
            "CFItemTypeURI": self.link(f"type:{kind}", type_title),
        }  # fmt: skip
        if code:
            item["humanCodingScheme"] = code
        if abbreviated:
            item["abbreviatedStatement"] = abbreviated
        if label:
            item["alternativeLabel"] = label
        if levels:
            item["educationLevel"] = levels
        item["extensions"] = {"cwframeId": key, **(extra or {})}
        self.items.append(item)
        parent_key, parent_title = parent
        self.associations.append({
            "identifier": self.ident(f"isChildOf:{key}"), "associationType": "isChildOf",
            "uri": f"urn:uuid:{self.ident(f'isChildOf:{key}')}", "sequenceNumber": position,
            "originNodeURI": self.link(key, text), "destinationNodeURI": self.link(parent_key, parent_title),
            "lastChangeDateTime": self.stamp,
        })  # fmt: skip

    def statement(self, s: Statement, kind: str, parent: tuple[str, str], position: int, levels=None) -> None:
        extra = {"source": {"file": s.source.file, "line": s.source.line}}
        if s.topic:
            extra["topic"] = s.topic
        self.item(s.id, kind, s.text, parent, position, code=s.number or s.id.rsplit("/", 1)[-1],
                  label=s.name, levels=levels, extra=extra)  # fmt: skip


def crosswalk_association(fw: Framework, source_id: str, source_text: str, target_framework: str, target_id: str,
                          target_text: str, *, exact: bool, extensions: dict, notes: str | None = None,
                          grouping: dict | None = None) -> dict:  # fmt: skip
    """A cross-framework association from an item of ``fw``'s package to an item of another package;
    ``grouping`` (reviewed_grouping) marks it as one of a reviewed crosswalk's pairs."""
    kind = "exactMatchOf" if exact else "isRelatedTo"
    ident = identifier(fw.id.value, f"{kind}:{source_id}->{target_id}")
    target = identifier(target_framework, target_id)
    origin = identifier(fw.id.value, source_id)
    out = {
        "identifier": ident, "associationType": kind, "uri": f"urn:uuid:{ident}",
        "originNodeURI": {"title": source_text[:200], "identifier": origin, "uri": f"urn:uuid:{origin}"},
        "destinationNodeURI": {"title": target_text[:200], "identifier": target, "uri": f"urn:uuid:{target}",
                               "targetType": "CASE"},
        "lastChangeDateTime": last_change(fw), "extensions": extensions,
    }  # fmt: skip
    if notes:
        out["notes"] = notes
    if grouping is not None:
        out["CFAssociationGroupingURI"] = {k: grouping[k] for k in ("title", "identifier", "uri")}
    return out


def reviewed_grouping(fw: Framework, source: str, target: str) -> dict:
    """The CFAssociationGrouping of a reviewed crosswalk's pairs, SOURCE onto TARGET."""
    ident = identifier(fw.id.value, f"grouping:reviewed:{source}->{target}")
    return {"identifier": ident, "uri": f"urn:uuid:{ident}", "title": f"Reviewed crosswalk {source} → {target}",
            "description": f"Pairs of {source} and {target} a reviewer accepted (grade and reason in each "
            "association's extensions and notes), from cwframe crosswalk.", "lastChangeDateTime": last_change(fw)}  # fmt: skip


def last_change(fw: Framework) -> str:
    """The framework's date, else the latest date one of its documents was received."""
    received = sorted(d.received for d in fw.documents if d.received)
    return _timestamp(fw.date or (received[-1] if received else None))


def package(
    fw: Framework, extra_associations: list[dict] | None = None, groupings: list[dict] | None = None
) -> dict:
    """The CFPackage of one framework (plus any cross-framework associations and their groupings)."""
    p = _Package(fw, last_change(fw))
    root = ("document", fw.title)
    for i, unit in enumerate(fw.units, start=1):
        ukey = f"nos/{unit.slug}"
        p.item(ukey, "unit", unit.title or unit.slug, root, i, code=unit.code or unit.slug)
        for j, section in enumerate(unit.sections, start=1):
            skey = f"{ukey}#section-{j}"
            title = section.title or (
                "Performance criteria" if section.part.value == "performance" else "Knowledge"
            )
            p.item(skey, "section", title, (ukey, unit.title or unit.slug), j)
            for k, s in enumerate(section.statements, start=1):
                p.statement(s, s.kind.value, (skey, title), k)
    for i, cat in enumerate(fw.categories, start=1):
        ckey = f"pcf/{cat.letter}"
        title = f"{cat.letter}. {cat.name}" + (f": {cat.subtitle}" if cat.subtitle else "")
        p.item(ckey, "category", title, root, i, code=cat.letter)
        for j, cell in enumerate(cat.cells, start=1):
            p.item(cell.id, "cell", cell.heading_title, (ckey, title), j, code=cell.id.removeprefix("pcf/"))
            for k, s in enumerate(cell.statements, start=1):
                p.statement(s, "capability", (cell.id, cell.heading_title), k)
    for i, level in enumerate(fw.levels, start=1):
        lkey, levels = f"sdf/{level.slug}", _LEVELS.get(level.slug)
        p.item(lkey, "level", level.title, root, i, code=level.name, levels=levels)
        for j, group in enumerate(level.groups, start=1):
            gkey = f"{lkey}#group-{j}"
            p.item(
                gkey,
                "group",
                group.title,
                (lkey, level.title),
                j,
                levels=levels,
                extra={"groupKind": group.kind.value},
            )
            for k, s in enumerate(group.statements, start=1):
                p.statement(
                    s, "skill" if s.kind.value == "skill" else "sdf-knowledge", (gkey, group.title), k, levels
                )
    for i, area in enumerate(fw.standards, start=1):
        akey = f"sdf/yps/{area.number}"
        p.item(akey, "area", area.title, root, len(fw.levels) + i, code=str(area.number))
        for k, s in enumerate(area.statements, start=1):
            p.statement(s, "standard", (akey, area.title), k)
    for k, s in enumerate(fw.specialisms, start=1):
        p.statement(s, "specialism", root, len(fw.levels) + len(fw.standards) + k)
    _items(p, fw.items, root)
    doc_id = p.ident("document")
    document = {
        "identifier": doc_id, "uri": f"urn:uuid:{doc_id}", "creator": fw.publisher or "cwframe (parsed source)",
        "title": fw.title, "lastChangeDateTime": p.stamp, "caseVersion": "1.1", "language": "en",
        "extensions": {"cwframeFramework": fw.id.value, **({"cwframeTiers": fw.tiers} if fw.tiers else {})},
    }  # fmt: skip
    for key in ("publisher", "version"):
        if getattr(fw, key):
            document[key] = getattr(fw, key)
    item_types = [
        {"identifier": p.ident(f"type:{kind}"), "uri": f"urn:uuid:{p.ident(f'type:{kind}')}", "title": title,
         "description": f"A {title.lower()} of {fw.title}", "hierarchyCode": kind, "typeCode": kind,
         "lastChangeDateTime": p.stamp}
        for kind, title in p.types.items()
    ]  # fmt: skip
    return {
        "CFDocument": document,
        "CFItems": p.items,
        "CFAssociations": p.associations + (extra_associations or []),
        "CFDefinitions": {
            "CFItemTypes": item_types,
            **({"CFAssociationGroupings": groupings} if groupings else {}),
        },
    }


def _items(p: _Package, items: list[Item], root: tuple[str, str]) -> None:
    """A framework of your own: each item a CFItem (keeping the identifier its package gave it), its
    parent by isChildOf, its other associations as they were; its place and fields in extensions."""
    p.known.update(
        {i.id: i.identifier.lower() for i in items if i.identifier and _UUID.fullmatch(i.identifier)}
    )
    titles = {i.id: i.name or i.text for i in items}
    position: dict[str | None, int] = {}
    for item in items:
        parent = item.parent if item.parent in titles else None
        position[parent] = position.get(parent, 0) + 1
        extra: dict = {"source": {"file": item.source.file, "line": item.source.line}}
        if item.topic:
            extra["topic"] = item.topic
        if item.container:
            extra["cwframeContainer"] = True
        if item.group and item.group != (titles[parent] if parent else None):
            extra["cwframeGroup"] = item.group
        if item.fields:
            extra["cwframeFields"] = item.fields
        levels = [x.strip() for x in (item.level or "").split(",") if x.strip()]
        if levels and ", ".join(levels) != item.level:
            extra["cwframeLevel"] = item.level  # as printed ('4,5', 'Level 4/5')
        kind = item.kind.value
        p.item(item.id, kind, item.text, (parent, titles[parent]) if parent else root, position[parent],
               code=item.number, abbreviated=item.name, levels=levels or None, extra=extra,
               type_title=kind.replace("-", " ").capitalize())  # fmt: skip
        for a in item.associations:
            target = a.target if a.target in titles else None
            key = f"{a.type}:{item.id}->{a.target}"
            destination = p.link(target, titles[target]) if target else {
                "title": (a.title or a.target)[:200], "identifier": a.identifier or a.target,
                "uri": a.target if ":" in a.target else f"urn:cwframe:{a.identifier or a.target}"}  # fmt: skip
            p.associations.append({
                "identifier": p.ident(key), "associationType": _association_type(a.type),
                "uri": f"urn:uuid:{p.ident(key)}",
                "originNodeURI": p.link(item.id, item.text), "destinationNodeURI": destination,
                "lastChangeDateTime": p.stamp,
            })  # fmt: skip


def _association_type(kind: str) -> str:
    """CASE's vocabulary, or its extension form ('ext:…') for a type it does not have."""
    if kind in _ASSOCIATION_TYPES or re.fullmatch(r"ext:[a-zA-Z0-9.\-_]+", kind):
        return kind
    return "ext:" + (re.sub(r"[^a-zA-Z0-9.\-_]+", "-", kind).strip("-") or "association")
