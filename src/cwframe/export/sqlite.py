"""A SQLite database for sqlite3, sqlite-utils and Datasette: foreign keys (shown with their titles),
full-text indexes with word forms, kept in sync by triggers, and table descriptions in the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cwframe import outline
from cwframe.models import Corpus
from cwframe.statements import iter_glossary, iter_placed

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE frameworks (
  -- The frameworks: National Occupational Standards (nos), the Professional Capabilities Framework (pcf),
  -- the Skills Development Framework (sdf), and any read from a spreadsheet or a CASE package.
  id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT, version TEXT, date TEXT);
CREATE TABLE parts (
  -- What a framework is divided into: NOS units, PCF categories (A-I), SDF levels, the Youth Professional Standards;
  -- the top-level parts of a framework of your own.
  id TEXT PRIMARY KEY, framework TEXT NOT NULL REFERENCES frameworks(id), kind TEXT NOT NULL,
  title TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE sections (
  -- The headings statements sit under: NOS sections, PCF capability headings, SDF groups.
  id INTEGER PRIMARY KEY, part TEXT NOT NULL REFERENCES parts(id), title TEXT,
  position INTEGER NOT NULL);
CREATE TABLE statements (
  -- Every addressable statement (a NOS criterion, a PCF capability, an SDF skill or knowledge row), with its
  -- cwframe id (cwframe show ID), kind, text and the line of the source document it came from.
  id TEXT PRIMARY KEY, framework TEXT NOT NULL REFERENCES frameworks(id),
  part TEXT REFERENCES parts(id), section INTEGER REFERENCES sections(id), kind TEXT NOT NULL, number TEXT,
  name TEXT, topic TEXT, text TEXT NOT NULL, file TEXT, line INTEGER, position INTEGER NOT NULL);
CREATE TABLE glossary (
  -- Defined terms: the NOS scope/range paragraphs and the SDF glossary.
  id TEXT PRIMARY KEY, framework TEXT NOT NULL REFERENCES frameworks(id),
  part TEXT REFERENCES parts(id), term TEXT, definition TEXT NOT NULL, scope TEXT, file TEXT, line INTEGER);
CREATE INDEX statements_framework ON statements (framework);
CREATE INDEX statements_kind ON statements (kind);
CREATE INDEX statements_part ON statements (part);
"""

# Full-text indexes as Datasette and sqlite-utils recognise them (content="…" in double
# quotes), with Porter stemming so 'attachment' finds 'attachments' as the CLI does, and
# triggers that keep them in step when rows are edited (sqlite-utils' enable_fts layout).
FTS = {"statements": ("name", "text"), "glossary": ("term", "definition")}


def _fts_schema(table: str, columns: tuple[str, ...]) -> str:
    cols = ", ".join(columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    return f"""
CREATE VIRTUAL TABLE [{table}_fts] USING FTS5 ({cols}, content="{table}", tokenize="porter unicode61 remove_diacritics 2");
CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN
  INSERT INTO [{table}_fts] (rowid, {cols}) VALUES (new.rowid, {new});
END;
CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN
  INSERT INTO [{table}_fts] ([{table}_fts], rowid, {cols}) VALUES ('delete', old.rowid, {old});
END;
CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN
  INSERT INTO [{table}_fts] ([{table}_fts], rowid, {cols}) VALUES ('delete', old.rowid, {old});
  INSERT INTO [{table}_fts] (rowid, {cols}) VALUES (new.rowid, {new});
END;
"""


def write(corpus: Corpus, path: Path) -> None:
    """Write the database to ``path`` (a new file; the caller renames it into place)."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA + "".join(_fts_schema(table, columns) for table, columns in FTS.items()))
    for fw in corpus.frameworks:
        db.execute(
            "INSERT INTO frameworks VALUES (?, ?, ?, ?, ?)",
            (fw.id.value, fw.title, fw.publisher, fw.version, fw.date),
        )
        parts = [(f"nos/{u.slug}", "unit", u.title or u.slug) for u in fw.units]
        parts += [(f"pcf/{c.letter}", "category", c.name) for c in fw.categories]
        parts += [(f"sdf/{lv.slug}", "level", lv.name) for lv in fw.levels]
        parts += [("sdf/yps", "standards", "Youth Professional Standards")] if fw.standards else []
        parts += [("sdf/specialism", "specialisms", "Specialisms")] if fw.specialisms else []
        tops = outline.parts(fw, top_only=True)  # a framework of your own: its top-level parts
        parts += [(p.id, "part", p.title) for p in tops]
        part_of = {i.id: p.id for p in reversed(tops) for i in p.items}
        if fw.items and not all(i.id in part_of for i in fw.items):
            parts.append((fw.id.value, "framework", fw.title))  # the statements in no part
        db.executemany("INSERT INTO parts VALUES (?, ?, ?, ?, ?)",
                       [(pid, fw.id.value, kind, title, i) for i, (pid, kind, title) in enumerate(parts, 1)])  # fmt: skip
        section_ids: dict[tuple[str, str | None], int] = {}
        for position, (s, place) in enumerate(iter_placed(fw), start=1):
            part = part_of.get(s.id, fw.id.value) if fw.items else _part_of(s.id, place)
            title = place.get("section") or place.get("heading")
            key = (part, title)
            if key not in section_ids:
                cursor = db.execute("INSERT INTO sections (part, title, position) VALUES (?, ?, ?)",
                                    (part, title, len(section_ids) + 1))  # fmt: skip
                section_ids[key] = int(cursor.lastrowid or 0)
            db.execute(
                "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (s.id, fw.id.value, part, section_ids[key], s.kind.value, s.number, s.name, s.topic, s.text,
                 s.source.file, s.source.line, position),
            )  # fmt: skip
        for gid, unit, entry in iter_glossary(fw):
            db.execute("INSERT INTO glossary VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (gid, fw.id.value, f"nos/{unit}" if unit else None, entry.term, entry.definition, entry.scope,
                        entry.source.file, entry.source.line))  # fmt: skip
    db.commit()
    # No VACUUM: it may renumber the rowids that the full-text indexes point at.
    db.close()


def _part_of(sid: str, place: dict) -> str:
    if place.get("unit"):
        return f"nos/{place['unit']}"
    if place.get("category"):
        return f"pcf/{place['category']}"
    if place.get("level"):
        return f"sdf/{place['level']}"
    return "sdf/yps" if sid.startswith("sdf/yps/") else "sdf/specialism"
