"""All file I/O: raw documents and their manifest, the normalised corpus, the bundle.

Parsers map ``str -> model``; reading bytes, guessing encodings, finding files and
writing atomically all happen here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from cwframe import parsers
from cwframe.errors import CorpusError, InputError, ParseError
from cwframe.locations import CORPUS_FILE, MANIFEST, STATEMENTS_FILE, bundled_corpus_path, corpus_kind  # noqa: F401
from cwframe.models import BUNDLED_FRAMEWORKS, Corpus, Framework, FrameworkId, ReadOptions, SourceDocument
from cwframe.paths import display_path, path_bytes  # noqa: F401 - re-exported
from cwframe.writes import open_atomic, remember_input, write_atomic, write_together  # noqa: F401

_FRAMEWORK_ORDER = {fid: i for i, fid in enumerate(BUNDLED_FRAMEWORKS)}


# Larger than any standard ever published (the whole NOS directory is 265 MB in 20,000
# files; its largest unit well under 1 MB): a bigger file is a mistake or an attack.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path, *, limit: int = MAX_DOCUMENT_BYTES, remember: bool = True) -> bytes:
    """A file's bytes, after checking that it is a regular file of at most ``limit`` bytes.

    Every read of a document, manifest, configuration or workbook goes through here: the size
    is checked on the open file before anything is read, and the read stops one byte past the
    limit, so a file that grows (or lies about its size) while it is read costs no more.
    What the bytes expand to is checked where they expand (see check_normalised,
    sheets.check_archive, yamlio.load_yaml, raw_documents). The file is remembered as an input,
    which no write of this process may replace (``remember=False`` for an output read to
    compare, as ``build`` does; see cwframe.writes)."""
    from cwframe.paths import regular_file

    shown = display_path(path)
    refused = regular_file(path)
    if refused is not None:
        if refused.reason == "does not exist":
            raise InputError(f"{shown}: no such file")
        raise InputError(f"{shown}: {refused.reason}")
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size <= limit:
                data = handle.read(limit + 1)
                size = max(size, len(data))
    except FileNotFoundError:  # removed since it was checked
        raise InputError(f"{shown}: no such file (it was removed while cwframe ran)") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror})") from None
    if size > limit:
        raise too_large(shown, size, limit)
    if remember:
        remember_input(path)  # never written over by this run (see cwframe.writes)
    return data


def too_large(shown: str, size: int, limit: int = MAX_DOCUMENT_BYTES) -> InputError:
    """The one message for an input over its size limit, naming it."""
    return InputError(f"{shown}: {size:,} bytes, more than the {limit:,} a document may have; split it")


# NFKC/NFKD grow one character into at most 18 (U+FDFA); searching and matching normalise every
# text, so what a document normalises to is limited like its bytes are.
MAX_NORMALISED_CHARS = MAX_DOCUMENT_BYTES
_GROWTH = 18
_CHUNK = 1 << 20


def check_normalised(text: str, shown: str) -> None:
    """Raise a located ParseError (PA04) when ``text`` would normalise (NFKD, which NFKC never
    exceeds) to more than MAX_NORMALISED_CHARS characters. Measured a chunk at a time, so the
    check costs no more memory than one chunk's expansion; free for ASCII and short texts."""
    import unicodedata

    if len(text) * _GROWTH <= MAX_NORMALISED_CHARS or text.isascii():
        return
    if unicodedata.is_normalized("NFKD", text) and len(text) <= MAX_NORMALISED_CHARS:
        return
    grown = 0
    for start in range(0, len(text), _CHUNK):
        grown += len(unicodedata.normalize("NFKD", text[start : start + _CHUNK]))
        if grown > MAX_NORMALISED_CHARS:
            line = text.count("\n", 0, start) + 1
            raise ParseError(
                f"normalised, the text would grow to more than {MAX_NORMALISED_CHARS:,} characters (from "
                f"{len(text):,}): it holds characters that each stand for many; replace them with plain text",
                code="PA04", path=shown, line=line, column=start - (text.rfind("\n", 0, start) + 1) + 1,
            )  # fmt: skip


def line_of(data: bytes, offset: int) -> tuple[int, int]:
    """The line and column (1-based) of a byte offset, a line ending at CRLF, LF or a lone CR
    (old Mac files), as editors count them: the one rule for placing an error in a file's bytes."""
    head = data[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return line, offset - max(head.rfind(b"\n"), head.rfind(b"\r"))


def newlines(text: str) -> str:
    """A text with every line ending (CRLF, lone CR) made LF: what every parser, rule and diff
    reads, so that a CR-only file is detected and its lines numbered as an editor shows them."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_text(path: Path, *, remember: bool = True) -> str:
    """Read a document as text: UTF-8 (with or without BOM), or UTF-16 with a BOM; line
    endings made LF (:func:`newlines`).

    Anything else is refused with the line of the first bad byte and a hint, never
    silently mis-decoded.
    """
    return decode_document(read_bytes(path, remember=remember), display_path(path))


def decode_document(data: bytes, shown: str) -> str:
    """A document's bytes as text (see read_text); ``shown`` names it in errors. Also used for
    a file's bytes from git (diff --rev), so history gets the same checks as the working tree."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise too_large(shown, len(data))
    text = _decode(data, shown)
    check_normalised(text, shown)
    return text


def _decode(data: bytes, shown: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return newlines(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise ParseError("not valid UTF-16 despite its byte order mark; re-save it as UTF-8",
                             code="PA02", path=shown) from None  # fmt: skip
    nul = data.find(b"\x00")  # anywhere: a NUL after the first pages is still binary
    if nul >= 0:
        raise ParseError(
            "binary file (NUL bytes), not a text document; convert it to UTF-8 text first",
            code="PA01", path=shown, line=line_of(data, nul)[0],
        )  # fmt: skip
    try:
        return newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line, column = line_of(data, exc.start)  # as validate's EN01 counts it
        guess = "Windows-1252 (Word's default)" if _looks_cp1252(data) else "not UTF-8"
        raise ParseError(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8; the file looks like {guess}: "
            "re-save it as UTF-8 (e.g. iconv -f cp1252 -t utf-8)",
            code="PA02", path=shown, line=line, column=column,
        ) from None  # fmt: skip


def read_data(path: Path) -> Any:
    """A JSON (by suffix) or YAML data file as Python data, read through the same limits as a
    document (regular file, size, encoding) and the YAML reader's (aliases, nesting).
    Errors are located CorpusErrors (CO01)."""
    return parse_data(read_text(path), path)


def parse_data(text: str, path: Path) -> Any:
    """A data file's text as Python data: JSON by suffix, else YAML (see read_data)."""
    from cwframe.yamlio import load_yaml

    shown = display_path(path)
    if path.suffix.lower() != ".json":
        return load_yaml(text, path=shown)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"not valid JSON ({exc.msg}); fix the syntax", code="CO01", path=shown,
                          line=exc.lineno, column=exc.colno) from None  # fmt: skip
    except RecursionError:
        raise CorpusError("JSON nested too deeply to read", code="CO01", path=shown) from None


def _looks_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def parse_file(path: str | Path, family: str | None = None, *, unit: str | None = None,
               options: ReadOptions | None = None, findings: list | None = None) -> Framework:  # fmt: skip
    """Parse one document; the family is detected when not given: a spreadsheet (.csv, .xlsx,
    .ods) is a ``table``, a CASE package a ``case``, a text one of the bundled families.

    ``options`` say how to read a spreadsheet or a CASE package (its id, sheet, columns, tiers);
    ``findings``, when given, collects what such a file should fix (validate reports them).
    """
    path = Path(path)
    shown = display_path(path)
    if family is None and path.suffix.lower() in parsers.TABLE_SUFFIXES:
        family = "table"
    if family == "table":
        return parsers.get("table").parse(read_table(path), path=shown, options=options, findings=findings)
    text = read_text(path)
    if family is None and parsers.get("case").detect(text):
        family = "case"
    if family == "case":
        return parsers.get("case").parse(text, path=shown, options=options, findings=findings)
    if family is None:
        family = parsers.detect(text)
        if family is None:
            raise ParseError(
                "cannot tell which framework this is (no NOS criteria, PCF rows or SDF tables); "
                "name it in a manifest.yaml beside it, with its family (nos, pcf or sdf); a framework "
                "of your own reads from a spreadsheet (.csv, .xlsx, .ods) or a CASE package (.json)",
                code="PA03", path=shown,
            )  # fmt: skip
    return parsers.get(family).parse(text, path=shown, unit=unit)


def read_table(path: Path) -> dict[str, list[list[object]]]:
    """A spreadsheet's sheets as rows of cell values: a CSV (read as a document: UTF-8 or UTF-16)
    is one sheet; a workbook is read by cwframe.sheets (with its zip-bomb guard)."""
    return table_from_bytes(read_bytes(path), display_path(path), path.suffix)


def table_from_bytes(data: bytes, shown: str, suffix: str) -> dict[str, list[list[object]]]:
    """A spreadsheet's sheets from its bytes (also a file's bytes from git: diff --rev)."""
    from cwframe import sheets

    if suffix.lower() in (".csv", ".tsv"):
        rows: list[list[object]] = list(sheets.read_csv(decode_document(data, shown), shown))
        return {"": rows}
    return sheets.read_sheets(data, shown)


class _Manifest(BaseModel):
    """manifest.yaml: one SourceDocument per raw file (paths relative to the manifest)."""

    model_config = ConfigDict(extra="forbid")
    documents: list[SourceDocument]


def read_manifest(directory: Path) -> list[tuple[SourceDocument, tuple[int, int]]]:
    """Manifest entries with the (line, column) each starts at, for located errors."""
    import yaml  # only manifests and YAML corpora need it; keeps start-up fast

    from cwframe.yamlio import load_yaml

    path = directory / MANIFEST
    shown = display_path(path)
    text = read_text(path)
    data = load_yaml(text, path=shown)  # the C loader: 20,000 entries in well under a second
    try:
        manifest = _Manifest.model_validate(data)
    except ValidationError as exc:
        node = yaml.compose(text)  # only now: node positions say where the error is
        error = exc.errors()[0]
        loc = error["loc"]
        line, column = _entry_position(node, loc)
        where = ".".join(str(p) for p in loc)
        raise CorpusError(
            f"manifest field '{where}': {error['msg']}", code="CO02", path=shown, line=line, column=column
        ) from None
    positions = _entry_positions(text, len(manifest.documents))
    return list(zip(manifest.documents, positions, strict=True))


def _entry_positions(text: str, count: int) -> list[tuple[int, int]]:
    """Line and column of each '- ' entry under documents:, found without composing YAML nodes."""
    positions = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith("- ") and not line.startswith("#"):
            positions.append((number, len(line) - len(stripped) + 3))  # the entry starts after "- "
    if len(positions) != count:  # an unusual layout (flow style): fall back to exact node positions
        import yaml

        node = yaml.compose(text)
        return [_entry_position(node, ("documents", i)) for i in range(count)]
    return positions


def _documents_nodes(node: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "documents" and isinstance(value, yaml.SequenceNode):
                return list(value.value)
    return []


def _entry_position(node: Any, loc: tuple) -> tuple[int, int]:
    """Where the failing field (or failing entry) starts in the manifest, 1-based."""
    import yaml

    docs = _documents_nodes(node)
    if len(loc) >= 2 and loc[0] == "documents" and isinstance(loc[1], int) and loc[1] < len(docs):
        entry = docs[loc[1]]
        if len(loc) >= 3 and isinstance(entry, yaml.MappingNode):
            for key, value in entry.value:
                if key.value == loc[2]:
                    return value.start_mark.line + 1, value.start_mark.column + 1
        return entry.start_mark.line + 1, entry.start_mark.column + 1
    return 1, 1


def raw_documents(
    directory: str | Path, *, findings: list[tuple[str, str, int, int, str]] | None = None
) -> list[tuple[Path, SourceDocument | None]]:
    """The documents of a raw directory: manifest entries first, then unlisted .txt files.

    Paths stay inside the directory (:mod:`cwframe.paths`). A manifest entry whose file is
    missing or outside, or a .txt that is no regular file, raises a (located) error; or,
    when a ``findings`` list is given (validate), is appended to it as (rule code, path,
    line, column, message) and left out.
    """
    from cwframe.paths import inside, regular_file, walk

    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{display_path(directory)}: not a directory")
    documents: list[tuple[Path, SourceDocument | None]] = []
    listed: set[Path] = set()
    manifest_path = directory / MANIFEST
    shown_manifest = display_path(manifest_path)

    def refuse(code: str, path: str, line: int, column: int, message: str, error_code: str) -> None:
        if findings is None:
            raise CorpusError(message, code=error_code, path=path, line=line, column=column)
        findings.append((code, path, line, column, message))

    manifest_inside = inside(directory, MANIFEST)
    if not isinstance(manifest_inside, Path):  # the manifest itself is a link leading out: not read
        refuse("MF03", shown_manifest, 1, 1, f"{MANIFEST} {manifest_inside.reason}; replace the link with the "
               "file itself", "CO05")  # fmt: skip
    elif manifest_path.exists():
        counted: dict[Path, int] = {}  # what each named document costs, to count repeated entries
        repeated = 0
        for entry, (line, column) in read_manifest(directory):
            named = _visible(entry.file)
            path = inside(directory, entry.file)
            if not isinstance(path, Path):
                refuse("MF03", shown_manifest, line, column, f"manifest names '{named}', which {path.reason}",
                       "CO05")  # fmt: skip
                continue
            problem = regular_file(path)
            if problem is not None:
                if problem.reason == "does not exist":
                    refuse("MF01", shown_manifest, line, column, f"manifest names '{named}', which does not "
                           "exist; fix the path or remove the entry", "CO03")  # fmt: skip
                else:
                    refuse("MF03", shown_manifest, line, column, f"manifest names '{named}', which "
                           f"{problem.reason}", "CO05")  # fmt: skip
                continue
            real = path.resolve()
            if real in counted:  # read and parsed once per entry: the repetitions are counted
                repeated += counted[real]
                if repeated > MAX_DOCUMENT_BYTES:
                    refuse("MF04", shown_manifest, line, column, f"manifest names '{named}' again; its repeated "
                           f"entries would read {repeated:,} bytes, more than the {MAX_DOCUMENT_BYTES:,} a document "
                           "may have; name each document once", "CO09")  # fmt: skip
                    continue
            else:
                counted[real] = path.stat().st_size
            listed.add(real)
            documents.append((path, entry))
    found, refused = walk(directory, ".txt")
    for item in refused:
        message = (
            f"{item.reason}; it is left out"
            if findings is not None
            else f"{item.reason}; remove or replace it"
        )
        refuse("FI01", display_path(item.path), 1, 1, message, "CO06")
    for path in found:
        if path.resolve() not in listed:
            documents.append((path, None))
    if not documents and findings is None:
        raise InputError(f"{display_path(directory)}: no .txt documents and no {MANIFEST}")
    return documents


def _visible(name: str) -> str:
    """A name from a manifest as a message shows it: control characters as escapes, never raw."""
    return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in name)  # fmt: skip


def parse_document(path: Path, entry: SourceDocument | None, *, findings: list | None = None) -> Framework:
    """Parse one raw document as its manifest entry (if any) says."""
    if entry is None:
        return parse_file(path, findings=findings)
    framework = parse_file(
        path, entry.family.value, unit=entry.unit, options=entry.options(), findings=findings
    )
    return apply_manifest(framework, entry, path)


def load_raw(directory: str | Path) -> Corpus:
    """Parse a raw directory: files named in its manifest, then any others detected."""
    return merge(parse_document(path, entry) for path, entry in raw_documents(directory))


def apply_manifest(framework: Framework, entry: SourceDocument, path: Path) -> Framework:
    """A parsed document with what its manifest entry says (titles, publisher, version, date)."""
    update: dict[str, object] = {"documents": [entry.model_copy(update={"file": display_path(path)})]}
    if framework.id is FrameworkId.nos:
        units = [u.model_copy(update={"title": entry.title or u.title}) for u in framework.units]
        update["units"] = units
    else:
        update.update(
            title=entry.title or framework.title,
            publisher=entry.publisher or framework.publisher,
            version=entry.version or framework.version,
            date=entry.date or framework.date,
        )
    return framework.model_copy(update=update)


def identities(framework: Framework, file: str = "") -> list[tuple[str, str, int]]:
    """What must be unique across the documents of a corpus, as (id, file, line): each NOS
    unit (``nos/<slug>``), and every other framework (its id: a second PCF's categories would
    otherwise be dropped without a word). validate reports a repeat as ID01; the loaders refuse
    it (CO08)."""
    if framework.id is FrameworkId.nos:
        return [(f"nos/{u.slug}", u.source.file, u.source.line) for u in framework.units]
    if framework.documents:
        file = framework.documents[0].file
    elif framework.items:
        file = framework.items[0].source.file
    return [(framework.id.value, file, 1)]


def clash_message(identifier: str, first: tuple[str, int], other: tuple[str, int]) -> str:
    """The loaders' refusal of a repeated unit or framework id (CO08), naming both places."""
    if identifier.startswith("nos/"):
        return (f"two documents give the NOS unit slug '{identifier[4:]}' ({first[0]} and {other[0]}); "
                "give one a different 'unit:' in the manifest")  # fmt: skip
    return (f"two documents give the framework id '{identifier}' ({first[0]} and {other[0]}); give one "
            "another id ('framework:' in the manifest, or --framework-id)")  # fmt: skip


def merge(frameworks: Iterable[Framework]) -> Corpus:
    """Combine per-file frameworks into one per family (NOS units side by side); frameworks of your
    own (spreadsheets, CASE packages) follow the bundled ones, in the order given. Two documents
    giving one unit or framework id are refused (CO08; validate's ID01)."""
    merged: dict[FrameworkId, Framework] = {}
    seen: dict[str, tuple[str, int]] = {}
    for fw in frameworks:
        for identifier, file, line in identities(fw):
            if identifier in seen:
                raise CorpusError(clash_message(identifier, seen[identifier], (file, line)), code="CO08",
                                  path=file, line=line)  # fmt: skip
            seen[identifier] = (file, line)
        if fw.id not in merged:
            merged[fw.id] = fw
            continue
        base = merged[fw.id]
        merged[fw.id] = base.model_copy(
            update={
                "documents": [*base.documents, *fw.documents],
                "units": [*base.units, *fw.units],
                "dropped": [*base.dropped, *fw.dropped],
            }
        )
    order = {fid: i for i, fid in enumerate(merged)}
    ordered = sorted(
        merged.values(), key=lambda f: (_FRAMEWORK_ORDER.get(f.id, len(_FRAMEWORK_ORDER)), order[f.id])
    )
    return Corpus(frameworks=ordered)


def with_framework(corpus: Corpus, spec: str, *, options: ReadOptions | None = None) -> tuple[Corpus, str]:
    """A crosswalk side: ``spec`` unchanged when it is a framework or part of the corpus; else, when it
    names a spreadsheet or CASE package, the corpus with that file's framework added beside the others
    and the framework's id as the spec (``crosswalk nos our-framework.xlsx``)."""
    head = spec.strip().strip("/").split("/")[0].casefold()
    if any(fw.id.value == head for fw in corpus.frameworks) or not Path(spec).is_file():
        return corpus, spec
    path = Path(spec)
    framework = _with_document(parse_file(path, options=options), path, options)
    shown = display_path(path)
    for fw in corpus.frameworks:
        if fw.id == framework.id:
            if [d.file for d in fw.documents] == [shown]:
                return corpus, fw.id.value  # the same file, given as --corpus too
            raise InputError(
                f"{shown}: the corpus already has a framework '{fw.id}'; give this one another id with --framework-id"
            )
    return corpus.model_copy(update={"frameworks": [*corpus.frameworks, framework]}), framework.id.value


def _family_of(framework: Framework) -> str:
    """The family a framework read from a file of your own came from (by its source file's name)."""
    file = framework.items[0].source.file if framework.items else ""
    return "table" if Path(file).suffix.lower() in parsers.TABLE_SUFFIXES else "case"


def load_normalised(path: str | Path) -> Corpus:
    """Load a normalised (or exported) corpus from JSON or YAML."""
    from cwframe.yamlio import load_yaml

    path = Path(path)
    shown = display_path(path)
    text = read_text(path)
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            return Corpus.model_validate(load_yaml(text, path=shown))
        return Corpus.model_validate_json(text)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        line = _json_error_line(text, error)
        raise CorpusError(
            f"not a cwframe corpus: {where}: {error['msg']}; regenerate it with 'cwframe build'",
            code="CO04", path=shown, line=line,
        ) from None  # fmt: skip


def _json_error_line(text: str, error: dict) -> int:
    if error["type"] == "json_invalid":
        ctx = error.get("ctx", {})
        # pydantic reports 'at line L column C' inside the message of json_invalid errors.
        msg = str(ctx.get("error", ""))
        marker = "line "
        if marker in msg:
            try:
                return int(msg.split(marker, 1)[1].split()[0])
            except ValueError:
                return 1
    return 1


def load_corpus(path: str | Path | None = None, *, options: ReadOptions | None = None) -> Corpus:
    """Load a corpus: the bundled one, a raw directory, a normalised file or one document (a
    spreadsheet or CASE package read with ``options``, when given)."""
    if path is None:
        bundled = bundled_corpus_path()
        if not bundled.is_file():
            raise InputError(
                "the bundled corpus is missing; run 'cwframe build' (or 'make normalise') in the source tree"
            )
        return load_normalised(bundled)
    path = Path(path)
    if not path.exists():
        raise InputError(f"{display_path(path)}: no such file or directory")
    kind, target = corpus_kind(path)
    if kind == "normalised":
        return load_normalised(target)
    if kind == "raw":
        return load_raw(target)
    return merge([_with_document(parse_file(target, options=options), target, options)])


def _with_document(framework: Framework, path: Path, options: ReadOptions | None) -> Framework:
    """A framework read from a file of your own records the file and how it was read (a text
    document's family says that by itself)."""
    if not framework.items or framework.documents:
        return framework
    o = options or ReadOptions()
    entry = SourceDocument(file=display_path(path), family=_family_of(framework), framework=framework.id,
                           sheet=o.sheet, columns=o.columns, tiers=o.tiers)  # fmt: skip
    return framework.model_copy(update={"documents": [entry]})


def dump_corpus(corpus: Corpus) -> str:
    """The corpus as deterministic JSON (field order from the models, UTF-8, newline at end)."""
    return json.dumps(corpus.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
