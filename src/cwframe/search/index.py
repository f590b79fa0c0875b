"""Building and locating the on-disk search index.

One SQLite file per corpus, in the user's cache directory (never in the repo),
keyed by the corpus path and checked against a fingerprint of its files' sizes
and modification times: reused while the corpus is unchanged, rebuilt when it
changes. Written to a temporary file and renamed, so a crash never leaves a
half-built index.

Layout:

* ``docs``: one row per distinct statement text (verbatim repeats collapse here);
* ``members``: every statement and glossary entry, pointing at its doc;
* ``terms``: per stem, its document frequency and its postings as packed
  ``uint32`` pairs (doc, impact × 1000) sorted by impact, so that top-k reads only
  the head of a list (impact = the term's BM25 contribution to that doc);
* ``words``: every folded word with its stem and frequency, for look-ups,
  prefix expansion and typo correction without a stemmer at query time.
"""

from __future__ import annotations

import array
import hashlib
import math
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cwframe.parsers._glossary import GLOSSARY_SECTIONS  # only re: the search path stays light
from cwframe.search import freshness
from cwframe.search.analyse import fold, stem, stems, words

FORMAT = "cwframe-index-3"
K1, B = 1.2, 0.75
SCALE = 1000  # impacts stored as integers: impact × SCALE
# Field weights (BM25F-style, folded into term frequency): a skill name or glossary
# term counts double; the section heading, capability heading and topic around a
# statement count a little, because they say what it is about.
NAME_WEIGHT, CONTEXT_WEIGHT = 2.0, 0.5

Progress = Callable[[int, int], None]
# (sid, framework, kind, name, text, unit, category, heading, level, section, topic, file, line)
Record = tuple[str, str, str, str | None, str, str | None, str | None, str | None, str | None,
               str | None, str | None, str, int]  # fmt: skip
# The members table holds these (a doc's text is stored once, in docs).
MEMBER_COLUMNS = ("sid", "framework", "kind", "name", "unit", "category", "heading", "level",
                  "section", "topic", "file", "line")  # fmt: skip


THESAURUS = Path(__file__).resolve().parents[1] / "data" / "thesaurus.yaml"


def read_thesaurus(path: Path) -> dict:
    """A thesaurus file (ours or a user's) checked for shape: ``acronyms`` (term: expansion),
    ``concepts`` (name: [phrases]) and ``tiers`` (part: level); a mistake is one CorpusError."""
    from cwframe.errors import CorpusError

    if path == THESAURUS:
        data, shown = _bundled_thesaurus(), str(path)
    else:  # a user's file: through every input limit (this import costs the search path nothing otherwise)
        from cwframe.corpus import display_path, read_data

        data, shown = read_data(path), display_path(path)
    data = data or {}

    def wrong(what: str) -> CorpusError:
        return CorpusError(f"{what}; see docs/thesaurus.md for the format", code="CO07", path=shown)

    if not isinstance(data, dict):
        raise wrong("expected a mapping with acronyms, concepts and tiers")
    unknown = set(data) - {"acronyms", "concepts", "tiers"}
    if unknown:
        raise wrong(f"unknown key '{sorted(map(str, unknown))[0]}' (use acronyms, concepts, tiers)")
    for key in ("acronyms", "tiers"):
        table = data.get(key) or {}
        if not isinstance(table, dict) or not all(isinstance(v, str | int | float) for v in table.values()):
            raise wrong(f"'{key}' must map each term to one text")
    concepts = data.get("concepts") or {}
    if not isinstance(concepts, dict) or not all(
        isinstance(v, list) and all(isinstance(p, str) for p in v) for v in concepts.values()
    ):
        raise wrong("'concepts' must map each concept name to a list of phrases")
    return data


def _bundled_thesaurus() -> dict:
    import yaml

    return yaml.load(
        THESAURUS.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )


def load_acronyms(path: Path = THESAURUS) -> dict[str, list[str]]:
    """acronym (folded) -> the folded words it stands for, from the thesaurus."""
    data = read_thesaurus(path)
    return {fold(str(k)): words(str(v)) for k, v in (data.get("acronyms") or {}).items()}


def cache_dir() -> Path:
    """Where indexes live: $CWFRAME_CACHE_DIR, else $XDG_CACHE_HOME/cwframe, else ~/.cache/cwframe."""
    if os.environ.get("CWFRAME_CACHE_DIR"):
        return Path(os.environ["CWFRAME_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cwframe"


@dataclass(frozen=True)
class Source:
    """A corpus to index: a normalised file, a raw directory or one document."""

    path: Path
    kind: str  # "normalised" | "raw" | "document"

    @classmethod
    def of(cls, path: Path) -> Source:
        """Classify a --corpus path the way load_corpus does."""
        from cwframe.locations import corpus_kind

        kind, target = corpus_kind(path.resolve())
        return cls(target, kind)

    def fingerprint(self) -> str:
        """A hash of every file's path, size and modification time, the thesaurus and the index format."""
        digest = hashlib.sha256(FORMAT.encode())
        digest.update(THESAURUS.read_bytes())
        digest.update(freshness.files_digest(str(self.path), self.kind).encode())
        return digest.hexdigest()

    def index_path(self, directory: Path | None = None) -> Path:
        """The index file for this corpus, in the cache (or another directory)."""
        key = hashlib.sha256(str(self.path).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        return (directory or cache_dir()) / f"index-{key}.sqlite"


def _records_of(framework) -> list[Record]:  # a cwframe.models.Framework
    """The flat view as plain tuples: the same walk as cwframe.statements.iter_framework,
    without building a pydantic row per statement (2 million of those cost seconds)."""
    from cwframe.statements import iter_glossary, iter_placed

    fw = framework.id.value
    out: list[Record] = [
        (s.id, fw, s.kind.value, s.name, s.text, p.get("unit"), p.get("category"), p.get("heading"),
         p.get("level"), p.get("section"), s.topic, s.source.file, s.source.line)
        for s, p in iter_placed(framework)
    ]  # fmt: skip
    for gid, unit, entry in iter_glossary(framework):
        section = GLOSSARY_SECTIONS.get(entry.scope or "", "Glossary")
        out.append((gid, fw, "glossary", entry.term, entry.definition, unit, None, None, None,
                    section, None, entry.source.file, entry.source.line))  # fmt: skip
    return out


# A record with its analysis: (record, dedup key, weighted tf, length). tf is None for a
# text this analyser has met before: most statements repeat verbatim across units, and
# the index keeps the terms of a text's first occurrence only.
Analysed = tuple[Record, str, dict[str, float] | None, float]


def _analyse(records: list[Record], analyser: _Analyser) -> tuple[list[Analysed], Counter[str]]:
    """Fold, split and stem each record: the costly part, done where the records are made.

    Returns the analysed records and the word counts they added. Safe with worker
    processes because results come back in job order and each worker takes its jobs
    in increasing order, so the first occurrence of a text anywhere carries its terms.
    """
    analyser.word_counts = Counter()
    out: list[Analysed] = []
    seen = analyser.seen_texts
    for record in records:
        key = " ".join(fold(record[4]).split())
        if key in seen:
            out.append((record, key, None, 0.0))
            continue
        seen.add(key)
        tf, length = analyser.terms(record)
        out.append((record, key, tf, length))
    return out, analyser.word_counts


_WORKER: list[_Analyser] = []


def _fresh_analyser() -> None:
    """Start a build (or a worker) with empty caches: 'seen' texts must not leak across builds."""
    _WORKER[:] = [_Analyser(Acronyms(load_acronyms()))]


def _parse_raw_document(job: tuple[str, dict | None]) -> tuple[list[Analysed], Counter[str]]:
    """Worker: parse and analyse one raw document; plain tuples are cheap to send between processes."""
    from cwframe.corpus import parse_document
    from cwframe.models import SourceDocument

    path, entry = job
    document = SourceDocument.model_validate(entry) if entry else None
    return _analyse(_records_of(parse_document(Path(path), document)), _WORKER[0])


def iter_records(
    source: Source, progress: Progress | None = None, workers: int | None = None
) -> Iterator[tuple[list[Analysed], Counter[str]]]:
    """Analysed records of the corpus with their word counts, one batch per document, in corpus order."""
    if source.kind in ("normalised", "document"):
        from cwframe.corpus import load_normalised, parse_file

        analyser = _Analyser(Acronyms(load_acronyms()))
        if source.kind == "normalised":
            frameworks = load_normalised(source.path).frameworks
        else:
            frameworks = [parse_file(source.path)]
        for i, fw in enumerate(frameworks, start=1):
            yield _analyse(_records_of(fw), analyser)
            if progress:
                progress(i, len(frameworks))
        return
    from cwframe.corpus import raw_documents

    jobs = [(str(p), e.model_dump(mode="json") if e else None) for p, e in raw_documents(source.path)]
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(jobs) < 8:
        _fresh_analyser()
        batches: Iterable[tuple[list[Analysed], Counter[str]]] = map(_parse_raw_document, jobs)
        yield from _counted(batches, len(jobs), progress)
        return
    import multiprocessing

    # fork is much cheaper than spawn and safe here: the parent holds no threads or locks yet.
    method = "fork" if sys.platform.startswith("linux") else None
    with multiprocessing.get_context(method).Pool(workers, initializer=_fresh_analyser) as pool:
        yield from _counted(pool.imap(_parse_raw_document, jobs, chunksize=16), len(jobs), progress)


def _counted(
    batches: Iterable[tuple[list[Analysed], Counter[str]]], total: int, progress: Progress | None
) -> Iterator[tuple[list[Analysed], Counter[str]]]:
    for i, batch in enumerate(batches, start=1):
        yield batch
        if progress and (i % 64 == 0 or i == total):
            progress(i, total)


_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs(id INTEGER PRIMARY KEY, text TEXT, length REAL, members INTEGER);
CREATE TABLE members(doc INTEGER, sid TEXT, framework TEXT, kind TEXT, name TEXT, unit TEXT,
  category TEXT, heading TEXT, level TEXT, section TEXT, topic TEXT, file TEXT, line INTEGER);
CREATE TABLE terms(id INTEGER PRIMARY KEY, term TEXT UNIQUE, df INTEGER, postings BLOB);
CREATE TABLE words(word TEXT PRIMARY KEY, stem TEXT, freq INTEGER, len INTEGER) WITHOUT ROWID;
"""
_INSERT_MEMBER = f"INSERT INTO members VALUES ({','.join('?' * 13)})"
_INDEXES = """
CREATE INDEX members_doc ON members(doc);
CREATE INDEX members_sid ON members(sid);
CREATE INDEX words_len ON words(len);
CREATE INDEX words_stem ON words(stem);
"""


def build(
    source: Source,
    target: Path,
    fingerprint: str,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> None:
    """Build the index for ``source`` into ``target`` (atomically), recording ``fingerprint``:
    the corpus's, taken before any file was read, so that a file changed during the
    build makes the index stale rather than passing for current."""
    import tempfile  # only when building: the query path does without its ~2 ms

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write(source, tmp, fingerprint, progress, workers)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write(source: Source, path: Path, fingerprint: str, progress: Progress | None, workers: int | None
           ) -> None:  # fmt: skip
    db = sqlite3.connect(path)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
        "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;" + _SCHEMA
    )
    doc_of_text: dict[str, int] = {}
    doc_terms: list[dict[str, float]] = []  # per doc: stem -> weighted tf (freed as postings are built)
    lengths: array.array[float] = array.array("d")
    member_counts: array.array[int] = array.array("I")
    word_freq: Counter[str] = Counter()
    doc_texts: list[str] = []
    members: list[tuple] = []
    for batch, batch_words in iter_records(source, progress, workers):
        word_freq.update(batch_words)
        for record, key, tf, length in batch:
            doc = doc_of_text.get(key)
            if doc is None:
                assert tf is not None, "the first occurrence of a text carries its terms"
                doc = len(doc_terms)
                doc_of_text[key] = doc
                doc_terms.append(tf)
                lengths.append(length)
                member_counts.append(0)
                doc_texts.append(record[4])
            member_counts[doc] += 1
            members.append((doc, *record[:4], *record[5:]))
        if len(members) > 50_000:
            db.executemany(_INSERT_MEMBER, members)
            members.clear()
    db.executemany(_INSERT_MEMBER, members)
    db.executemany(
        "INSERT INTO docs VALUES (?, ?, ?, ?)",
        ((d, t, lengths[d], member_counts[d]) for d, t in enumerate(doc_texts)),
    )
    del doc_of_text, doc_texts
    _write_postings(db, doc_terms, lengths)
    db.executemany(
        "INSERT INTO words VALUES (?, ?, ?, ?)", ((w, stem(w), f, len(w)) for w, f in word_freq.items())
    )
    avgdl = sum(lengths) / max(len(lengths), 1)
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("format", FORMAT), ("fingerprint", fingerprint), ("source", str(source.path)),
         ("docs", str(len(lengths))), ("avgdl", repr(avgdl))],
    )  # fmt: skip
    db.executescript(_INDEXES)
    db.commit()
    db.close()


class Acronyms:
    """Index an acronym as the words it stands for, and those words (in order) as the acronym."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.expansions = {a: [stem(w) for w in ws] for a, ws in table.items()}
        self.acronym_words = frozenset(self.expansions)
        self.by_first: dict[str, list[tuple[list[str], str]]] = {}
        for acronym, expansion in self.expansions.items():
            self.by_first.setdefault(expansion[0], []).append((expansion, stem(acronym)))
        self.first_stems = frozenset(self.by_first)

    def extra(self, folded_words: list[str], word_stems: list[str]) -> list[str]:
        """Stems to add to a text's terms (not counted as words of the text)."""
        added: list[str] = []
        if not self.acronym_words.isdisjoint(folded_words):
            for w in folded_words:
                added.extend(self.expansions.get(w, ()))
        if not self.first_stems.isdisjoint(word_stems):
            for i, s in enumerate(word_stems):
                for expansion, acronym in self.by_first.get(s, ()):
                    if word_stems[i : i + len(expansion)] == expansion:
                        added.append(acronym)
        return added


class _Analyser:
    """Weighted term frequencies of records (BM25F-style), caching the repeated context fields."""

    def __init__(self, acronyms: Acronyms) -> None:
        self.acronyms = acronyms
        self.contexts: dict[tuple, tuple[Counter[str], int]] = {}
        self.word_counts: Counter[str] = Counter()
        self.seen_texts: set[str] = set()

    def _field(self, text: str) -> tuple[Counter[str], int]:
        folded = words(text)
        self.word_counts.update(folded)
        field_stems = stems(folded)
        counts = Counter(field_stems)
        counts.update(self.acronyms.extra(folded, field_stems))
        return counts, len(folded)

    def terms(self, record: Record) -> tuple[dict[str, float], float]:
        tf: dict[str, float] = dict(self._field(record[4])[0])
        length = sum(tf.values())
        if record[3]:
            counts, n = self._field(record[3])
            for s, c in counts.items():
                tf[s] = tf.get(s, 0.0) + NAME_WEIGHT * c
            length += NAME_WEIGHT * n
        key = (record[7], record[9], record[10])
        if any(key):
            cached = self.contexts.get(key)
            if cached is None:
                cached = self.contexts[key] = self._field(" ".join(x for x in key if x))
            counts, n = cached
            for s, c in counts.items():
                tf[s] = tf.get(s, 0.0) + CONTEXT_WEIGHT * c
            length += CONTEXT_WEIGHT * n
        return tf, length


def _write_postings(db: sqlite3.Connection, doc_terms: list[dict[str, float]], lengths) -> None:
    n = len(doc_terms)
    avgdl = sum(lengths) / max(n, 1)
    postings: dict[str, tuple[array.array[int], array.array[float]]] = {}
    for doc, tf in enumerate(doc_terms):
        norm = K1 * (1 - B + B * lengths[doc] / avgdl)
        for term, f in tf.items():
            pair = postings.get(term)
            if pair is None:
                pair = postings[term] = (array.array("I"), array.array("f"))
            pair[0].append(doc)
            pair[1].append(f * (K1 + 1) / (f + norm))
        doc_terms[doc] = {}  # free as we go
    rows = []
    for term_id, (term, (docs, parts)) in enumerate(sorted(postings.items())):
        df = len(docs)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        order = sorted(range(df), key=parts.__getitem__, reverse=True)
        packed = array.array("I")
        for i in order:
            packed.append(docs[i])
            packed.append(max(1, round(idf * parts[i] * SCALE)))
        rows.append((term_id, term, df, packed.tobytes()))
        if len(rows) >= 20_000:
            db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)", rows)
            rows.clear()
    db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)", rows)


def ensure(source: Source, *, progress: Progress | None = None, rebuild: bool = False,
           directory: Path | None = None) -> Path:  # fmt: skip
    """The path of an up-to-date index for ``source`` (in ``directory``, default the cache),
    building it if needed."""
    path = source.index_path(directory)
    fingerprint = source.fingerprint()  # once, and before a build reads anything
    if not rebuild and path.is_file():
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row and row[0] == fingerprint:
                return path
        except sqlite3.DatabaseError:
            pass  # a damaged index is rebuilt
    build(source, path, fingerprint, progress=progress)
    return path
