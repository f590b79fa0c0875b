"""Building and locating the on-disk search index.

One directory per corpus and corpus state, in the user's cache directory (never in
the repo): ``index-<corpus key>-<fingerprint>``, the fingerprint covering every
file's size and modification time, the thesaurus and the index format. A directory
of that name exists only once complete (built under a temporary name, then renamed),
so "is the index current?" is one ``stat`` and a crash never leaves a half-built one.

Inside:

* ``postings/``: a tantivy index (Rust, embedded; issue #14 measured it against our
  own SQLite engine: 2-4 times faster to build, a fifth of the memory, p95 latency
  a hundred times lower on phrases). One tantivy document per distinct statement
  text, carrying our own analysis — folded words, Snowball stems, acronym
  expansions — as whitespace-separated terms, so that the query side and the
  index agree on every word form without tantivy's own English analyser:
  ``text`` (the statement, its name — a skill name or glossary term — and the
  acronyms and expansions they contain, marked ``~``; with positions for phrases), ``context``
  (heading, section and topic around it) and ``doc`` (our doc number, a fast
  field). Ranking asks one field at a time: mixing fields in one query cost 5-10
  times as much on a common word;
* ``meta.sqlite``: ``docs`` (each distinct text once, with how many statements have
  it), ``entries`` (every statement and glossary entry: its doc, id, name, line and
  place) and ``places`` (framework, kind, unit, category, heading, level, section,
  topic and file, shared by the statements around them), joined as the view
  ``members``, ``words`` (every folded word with its stem and
  frequency, for look-ups, prefix expansion and typo correction without a stemmer
  at query time), ``lexicon`` (the English words of a spell-checker's list, the
  thesaurus's words and the corpus's: a word in it that no statement says is a real
  word, never corrected into another) and ``meta``. An entry's ``family`` names the
  row it is a copy of: the SDF prints one row at levels 3 to 8 (search shows one hit).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cwframe.parsers._glossary import GLOSSARY_SECTIONS  # only re: the search path stays light
from cwframe.search import freshness
from cwframe.search.analyse import WORD, fold, stem, stems, words

FORMAT = "cwframe-index-14"
# The fields of a tantivy document (see the module docstring).
FIELDS = ("text", "context")
# Between the parts of the text field (the statement, its name, the acronym terms): no
# query term is ever this, so no phrase matches across two parts.
PART_BREAK = "|"
# Marks a term the index added (an acronym's expansion, or the acronym of words spelt
# out): a query term matches it too, for a little less (ranking.py); a phrase never does.
EXPANDED = "~"

Progress = Callable[[int, int], None]
# (sid, framework, kind, name, text, unit, category, heading, level, section, topic, file, line, family)
Record = tuple[str, str, str, str | None, str, str | None, str | None, str | None, str | None,
               str | None, str | None, str, int, str | None]  # fmt: skip
_INSERT_ENTRY = "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)"
# The members view gives these (a doc's text is stored once, in docs).
MEMBER_COLUMNS = ("sid", "framework", "kind", "name", "unit", "category", "heading", "level",
                  "section", "topic", "file", "line", "family")  # fmt: skip


THESAURUS = Path(__file__).resolve().parents[1] / "data" / "thesaurus.yaml"


def read_thesaurus(path: Path) -> dict:
    """A thesaurus file (ours or a user's) checked for shape: ``acronyms`` (term: expansion),
    ``related`` (phrase: [related phrases], for search), ``concepts`` (name: [phrases], for
    the crosswalk) and ``tiers`` (part: level); a mistake is one CorpusError."""
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
        raise wrong("expected a mapping with acronyms, related, concepts and tiers")
    unknown = set(data) - {"acronyms", "related", "concepts", "tiers"}
    if unknown:
        raise wrong(f"unknown key '{sorted(map(str, unknown))[0]}' (use acronyms, related, concepts, tiers)")
    for key in ("acronyms", "tiers"):
        table = data.get(key) or {}
        if not isinstance(table, dict) or not all(isinstance(v, str | int | float) for v in table.values()):
            raise wrong(f"'{key}' must map each term to one text")
    for key in ("concepts", "related"):
        groups = data.get(key) or {}
        if not isinstance(groups, dict) or not all(
            isinstance(v, list) and all(isinstance(p, str) for p in v) for v in groups.values()
        ):
            raise wrong(f"'{key}' must map each name or phrase to a list of phrases")
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


def related_rows(path: Path = THESAURUS) -> list[tuple[str, str, str]]:
    """(key, phrase, label) for search's related phrases: the key's content words as stems
    (what a query must contain, in order), the related phrase's stems (a phrase query)
    and the phrase as written (what a hit says matched)."""
    from cwframe.search.engine import STOP_WORDS

    def as_key(text: str) -> str:
        return " ".join(stem(w) for w in words(text) if w not in STOP_WORDS)

    pairs = [(str(key), str(phrase)) for key, phrases in (read_thesaurus(path).get("related") or {}).items()
             for phrase in phrases]  # fmt: skip
    # Relatedness goes both ways: a query saying a related phrase ("child protection") also
    # finds the statements that say its key ("safeguarding"), after those saying its words.
    rows: dict[tuple[str, str], str] = {}
    for key, phrase in pairs + [(phrase, key) for key, phrase in pairs]:
        if as_key(key) and as_key(phrase):
            rows.setdefault((as_key(key), " ".join(stem(w) for w in words(phrase))), phrase)
    return [(key, phrase, label) for (key, phrase), label in rows.items()]


def english_words(path: Path = THESAURUS) -> Iterator[tuple[str, int]]:
    """(word, 1 for a one-word key of related phrases) for the words search takes for English without a
    statement saying them: the thesaurus's words (the field's terms: 'sexting',
    'radicalisation') and the project's English lexicon (cwframe.lexicon: SCOWL's British word
    list, 130,033 words). Read when an index is built, never when searching."""
    from cwframe.lexicon import english_words as lexicon

    data = read_thesaurus(path)
    said: set[str] = set()
    field: set[str] = set()  # the one-word keys of related phrases: 'fostering', 'safeguarding'
    for section in ("acronyms", "related", "concepts"):
        for key, value in (data.get(section) or {}).items():
            for text in [str(key), *(value if isinstance(value, list) else [str(value)])]:
                said.update(words(text))
            if section == "related" and len(words(str(key))) == 1:
                field.update(words(str(key)))
    yield from ((w, int(w in field)) for w in sorted(said))
    yield from ((w, 0) for w in sorted(lexicon()) if w not in said)


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
    options: str = ""  # how to read a spreadsheet or CASE package (ReadOptions as JSON), when given

    @classmethod
    def of(cls, path: Path, options: str = "") -> Source:
        """Classify a --corpus path the way load_corpus does."""
        from cwframe.locations import corpus_kind
        from cwframe.writes import remember_input, remember_input_tree

        kind, target = corpus_kind(path.resolve())
        # Its files are read here or by the index's workers: none may be an output of this run.
        remember_input_tree(target) if kind == "raw" else remember_input(target)
        return cls(target, kind, options if kind == "document" else "")

    def fingerprint(self) -> str:
        """A hash of every file's path, size and modification time, the thesaurus, the index format
        and the reading options."""
        digest = hashlib.sha256(FORMAT.encode())
        digest.update(THESAURUS.read_bytes())
        digest.update(freshness.files_digest(str(self.path), self.kind).encode())
        digest.update(self.options.encode())
        return digest.hexdigest()

    def key(self) -> str:
        """This corpus's part of its index directories' names."""
        return hashlib.sha256(str(self.path).encode("utf-8", "surrogateescape")).hexdigest()[:16]

    def index_path(self, fingerprint: str, directory: Path | None = None) -> Path:
        """The index directory for this corpus in this state, in the cache (or another directory)."""
        return (directory or cache_dir()) / f"index-{self.key()}-{fingerprint[:24]}"


def _records_of(framework) -> list[Record]:  # a cwframe.models.Framework
    """The flat view as plain tuples: the same walk as cwframe.statements.iter_framework,
    without building a pydantic row per statement (2 million of those cost seconds)."""
    from cwframe.statements import iter_glossary, iter_placed

    fw = framework.id.value
    families = _row_families(framework)
    out: list[Record] = [
        (s.id, fw, s.kind.value, s.name, s.text, p.get("unit"), p.get("category"), p.get("heading"),
         p.get("level"), p.get("section"), s.topic, s.source.file, s.source.line, families.get(s.id))
        for s, p in iter_placed(framework)
    ]  # fmt: skip
    for gid, unit, entry in iter_glossary(framework):
        section = GLOSSARY_SECTIONS.get(entry.scope or "", "Glossary")
        out.append((gid, fw, "glossary", entry.term, entry.definition, unit, None, None, None,
                    section, None, entry.source.file, entry.source.line, None))  # fmt: skip
    return out


def _row_families(framework) -> dict[str, str]:  # a cwframe.models.Framework
    """SDF row id -> the family key of the rows that are one row printed at several levels
    (the crosswalk's definition: the same slug at each level, and the Common Core rows
    renamed between levels); other frameworks' statements have none."""
    if not framework.levels:  # only a framework printed level by level (the SDF) has such rows
        return {}
    from cwframe.crosswalk.structure import families

    return {sid: family for sid, family in families(framework).items() if family != sid}


# A record with its analysis: (record, dedup key, fields). The key is a digest of the
# folded text; fields is None for a text this analyser has met before (most repeats
# are verbatim, across the units of a suite): the index keeps a text's first occurrence.
Analysed = tuple[Record, bytes, tuple[str, str] | None]


def text_key(folded: str) -> bytes:
    """What makes two statement texts the same doc: their folded words, as a 16-byte digest
    (a dict of 1.6 million texts as digests is a fifth of one keyed by the texts)."""
    return hashlib.blake2b(" ".join(folded.split()).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _analyse(records: list[Record], analyser: _Analyser) -> list[Analysed]:
    """Fold, split and stem each record: the costly part, done where the records are made.

    Safe with worker processes because results come back in job order and each worker
    takes its jobs in increasing order, so the first occurrence of a text anywhere
    carries its terms.
    """
    out: list[Analysed] = []
    seen = analyser.seen_texts
    if len(seen) > SEEN_TEXTS_KEPT:
        seen.clear()
    analyser.contexts.clear()  # headings and sections repeat within a document, not across
    for record in records:
        folded = fold(record[4])
        key = text_key(folded)
        if key in seen:
            out.append((record, key, None))
            continue
        seen.add(key)
        out.append((record, key, analyser.fields(record, folded)))
    return out


_WORKER: list[_Analyser] = []


def _fresh_analyser(counts_dir: str | None = None) -> None:
    """Start a build (or a worker) with empty caches: 'seen' texts must not leak across builds.

    A worker sends its word counts once, as it exits, to a file in ``counts_dir``
    (sending them with every document cost the parent a tenth of the build).
    """
    _WORKER[:] = [_Analyser(Acronyms(load_acronyms()))]
    if counts_dir:
        from multiprocessing.util import Finalize

        Finalize(None, _dump_counts, args=(counts_dir,), exitpriority=10)


def _dump_counts(counts_dir: str) -> None:
    import pickle

    with open(os.path.join(counts_dir, f"words-{os.getpid()}.pickle"), "wb") as handle:
        pickle.dump(_WORKER[0].word_counts, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _parse_raw_document(job: tuple[str, dict | None]) -> list[Analysed]:
    """Worker: parse and analyse one raw document; plain tuples are cheap to send between processes."""
    from cwframe.corpus import parse_document
    from cwframe.models import SourceDocument

    path, entry = job
    document = SourceDocument.model_validate(entry) if entry else None
    return _analyse(_records_of(parse_document(Path(path), document)), _WORKER[0])


def iter_records(
    source: Source, word_counts: Counter[str], progress: Progress | None = None, workers: int | None = None
) -> Iterator[list[Analysed]]:
    """Analysed records of the corpus, one batch per document, in corpus order; once they
    are all read, ``word_counts`` holds the count of every word of their distinct texts."""
    if source.kind in ("normalised", "document"):
        from cwframe.corpus import load_normalised, parse_file

        analyser = _Analyser(Acronyms(load_acronyms()))
        if source.kind == "normalised":
            frameworks = load_normalised(source.path).frameworks
        else:
            from cwframe.models import ReadOptions

            options = ReadOptions.model_validate_json(source.options) if source.options else None
            frameworks = [parse_file(source.path, options=options)]
        for i, fw in enumerate(frameworks, start=1):
            yield _analyse(_records_of(fw), analyser)
            if progress:
                progress(i, len(frameworks))
        word_counts.update(analyser.word_counts)
        return
    import pickle
    import tempfile

    from cwframe.corpus import raw_documents
    from cwframe.workers import in_order

    jobs = [(str(p), e.model_dump(mode="json") if e else None) for p, e in raw_documents(source.path)]
    with tempfile.TemporaryDirectory(prefix="cwframe-words-") as counts_dir:
        batches = in_order(_parse_raw_document, jobs, workers=workers, minimum=8, chunksize=16,
                           initializer=_fresh_analyser, initargs=(counts_dir,))  # fmt: skip
        yield from _counted(batches, len(jobs), progress)
        names = os.listdir(counts_dir)
        if not names:  # analysed here, not in workers
            word_counts.update(_WORKER[0].word_counts)
        for name in names:
            with open(os.path.join(counts_dir, name), "rb") as handle:
                word_counts.update(pickle.load(handle))


def _counted(
    batches: Iterable[list[Analysed]], total: int, progress: Progress | None
) -> Iterator[list[Analysed]]:
    for i, batch in enumerate(batches, start=1):
        yield batch
        if progress and (i % 64 == 0 or i == total):
            progress(i, total)


_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs(id INTEGER PRIMARY KEY, text TEXT, members INTEGER);
CREATE TABLE places(id INTEGER PRIMARY KEY, framework TEXT, kind TEXT, unit TEXT, category TEXT, heading TEXT,
  level TEXT, section TEXT, topic TEXT, file TEXT);
CREATE TABLE entries(doc INTEGER, sid TEXT, place INTEGER, name TEXT, line INTEGER, family TEXT);
CREATE VIEW members AS SELECT e.rowid AS seq, e.doc, e.sid, p.framework, p.kind, e.name, p.unit, p.category,
  p.heading, p.level, p.section, p.topic, p.file, e.line, e.family FROM entries e JOIN places p ON p.id = e.place;
CREATE TABLE words(word TEXT PRIMARY KEY, stem TEXT, freq INTEGER, len INTEGER) WITHOUT ROWID;
CREATE TABLE related(key TEXT, phrase TEXT, label TEXT);
CREATE TABLE lexicon(word TEXT PRIMARY KEY, field INTEGER) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX entries_doc ON entries(doc);
CREATE INDEX entries_sid ON entries(sid);
CREATE INDEX entries_place ON entries(place);
CREATE INDEX words_len ON words(len);
CREATE INDEX words_stem ON words(stem);
"""
# tantivy's indexing memory: it flushes a segment each time this fills. 128 MB keeps the
# whole build of a 20,000-unit corpus under 1 GB with two parse workers.
WRITER_HEAP = 128_000_000
# A worker remembers this many texts it has analysed (to skip their repeats, which come
# within a suite); past it, it forgets them all and starts again. Forgetting only costs
# analysing a repeat twice: the parent keeps the first.
SEEN_TEXTS_KEPT = 200_000


def tantivy_schema():  # noqa: ANN201
    """The tantivy schema of ``postings/``: our terms, whitespace-separated (see the module docstring)."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("doc", indexed=True, fast=True)
    builder.add_text_field("text", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("context", tokenizer_name="whitespace", index_option="freq")
    return builder.build()


def build(
    source: Source,
    target: Path,
    fingerprint: str,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> None:
    """Build the index for ``source`` into the directory ``target`` (atomically), recording
    ``fingerprint``: the corpus's, taken before any file was read, so that a file changed
    during the build makes the index stale rather than passing for current."""
    import shutil

    from cwframe.writes import MARKER, temporary_directory

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_directory(target.parent, "index-")
    try:
        _write(source, tmp, fingerprint, progress, workers)
        if target.exists():  # a rebuild of a damaged index: move it aside first
            aside = temporary_directory(target.parent, "index-", ".old")
            os.replace(target, aside / "index")
            shutil.rmtree(aside, ignore_errors=True)
        (tmp / MARKER).unlink()  # an index, no longer a temporary
        try:
            os.rename(tmp, target)
        except OSError:
            if not target.is_dir():
                raise
            shutil.rmtree(tmp, ignore_errors=True)  # another process built the same index first
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _remove_superseded(source, target)


def _remove_superseded(source: Source, current: Path) -> None:
    """Indexes of this corpus in earlier states, old-format index files and stale temporaries."""
    import shutil

    from cwframe.writes import remove_stale_directories

    for old in current.parent.glob(f"index-{source.key()}*"):
        if old != current:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    remove_stale_directories(current.parent, "index-")  # only what cwframe made, a day old


def _write(source: Source, path: Path, fingerprint: str, progress: Progress | None, workers: int | None
           ) -> None:  # fmt: skip
    import tantivy

    db = sqlite3.connect(path / "meta.sqlite")
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
        "PRAGMA cache_size=-32768;" + _SCHEMA
    )
    (path / "postings").mkdir()
    writer = tantivy.Index(tantivy_schema(), path=str(path / "postings")).writer(
        heap_size=WRITER_HEAP, num_threads=1
    )
    doc_of_text: dict[bytes, int] = {}
    # A statement's place (framework, kind, unit, category, heading, level, section, topic,
    # file) is shared by the statements around it: stored once, the table is half the size.
    place_of: dict[tuple, int] = {}
    repeats: Counter[int] = Counter()  # doc -> members beyond the first (most docs have one)
    word_freq: Counter[str] = Counter()
    docs: list[tuple[int, str]] = []
    members: list[tuple] = []
    for batch in iter_records(source, word_freq, progress, workers):
        for record, key, fields in batch:
            doc = doc_of_text.get(key)
            if doc is None:
                assert fields is not None, "the first occurrence of a text carries its terms"
                doc = doc_of_text[key] = len(doc_of_text)
                writer.add_document(tantivy.Document(doc=[doc], text=[fields[0]], context=[fields[1]]))
                docs.append((doc, record[4]))
            else:
                repeats[doc] += 1
            place_key = (record[1], record[2], *record[5:12])
            place = place_of.get(place_key)
            if place is None:
                place = place_of[place_key] = len(place_of)
                db.execute("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (place, *place_key))
            members.append((doc, record[0], place, record[3], record[12], record[13]))
        if len(members) > 50_000:
            db.executemany(_INSERT_ENTRY, members)
            db.executemany("INSERT INTO docs VALUES (?, ?, 1)", docs)
            members.clear()
            docs.clear()
    db.executemany(_INSERT_ENTRY, members)
    db.executemany("INSERT INTO docs VALUES (?, ?, 1)", docs)
    db.executemany("UPDATE docs SET members = ? WHERE id = ?", ((1 + n, d) for d, n in repeats.items()))
    total = len(doc_of_text)
    del doc_of_text, place_of, repeats, members, docs
    writer.commit()
    writer.wait_merging_threads()
    db.executemany(
        "INSERT INTO words VALUES (?, ?, ?, ?)", ((w, stem(w), f, len(w)) for w, f in word_freq.items())
    )
    db.executemany("INSERT INTO related VALUES (?, ?, ?)", related_rows())
    db.executemany("INSERT OR IGNORE INTO lexicon VALUES (?, ?)", english_words())
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("format", FORMAT),
            ("fingerprint", fingerprint),
            ("source", str(source.path)),
            ("docs", str(total)),
        ],
    )
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


# A hyphenated word, whose halves are indexed as two words: it is also indexed joined (EXPANDED).
_COMPOUND = re.compile(r"\b([a-z]+)-([a-z]+)\b")


class _Analyser:
    """The terms of a record's fields, caching the context fields that repeat across a unit."""

    def __init__(self, acronyms: Acronyms) -> None:
        self.acronyms = acronyms
        self.contexts: dict[tuple, str] = {}
        # Words of the texts this analyser analysed: a text repeated in the jobs of two workers
        # counts twice, so frequencies (which only order typo corrections and prefix
        # expansions) can differ slightly with the number of cores; the docs never do.
        self.word_counts: Counter[str] = Counter()
        self.seen_texts: set[bytes] = set()

    def _field(self, text: str, folded_text: str | None = None) -> tuple[str, list[str]]:
        """(the stems joined by spaces, the acronym terms it adds); ``folded_text`` if known."""
        folded_text = fold(text) if folded_text is None else folded_text
        folded = WORD.findall(folded_text)
        self.word_counts.update(folded)
        field_stems = stems(folded)
        extra = self.acronyms.extra(folded, field_stems)
        if "-" in folded_text:  # 'Safe-guarding' is also 'safeguarding'; 'well-being', 'wellbeing'
            extra.extend(stem(first + second) for first, second in _COMPOUND.findall(folded_text))
        return " ".join(field_stems), extra

    def fields(self, record: Record, folded_text: str) -> tuple[str, str]:
        """The (text, context) terms of a record (see the module docstring): the statement's
        words, then its name's, then the acronyms and expansions they contain, marked
        EXPANDED (so a quoted phrase matches only the words written)."""
        text, extra = self._field(record[4], folded_text)
        parts = [text]
        if record[3]:
            name, name_extra = self._field(record[3])
            parts.append(name)
            extra = extra + name_extra
        if extra:
            parts.append(" ".join(EXPANDED + x for x in extra))
        context = ""
        key = (record[7], record[9], record[10])
        if any(key):
            context = self.contexts.get(key)  # type: ignore[assignment]
            if context is None:
                words_, context_extra = self._field(" ".join(x for x in key if x))
                context = self.contexts[key] = " ".join([words_, *(EXPANDED + x for x in context_extra)])
        return f" {PART_BREAK} ".join(parts), context


def ensure(source: Source, *, progress: Progress | None = None, rebuild: bool = False,
           directory: Path | None = None) -> Path:  # fmt: skip
    """The directory of an up-to-date index for ``source`` (in ``directory``, default the
    cache), building it if needed."""
    fingerprint = source.fingerprint()  # once, and before a build reads anything
    path = source.index_path(fingerprint, directory)
    if rebuild or not path.is_dir():
        build(source, path, fingerprint, progress=progress)
    return path
