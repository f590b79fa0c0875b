"""All file I/O: raw documents and their manifest, the normalised corpus, the bundle.

Parsers map ``str -> model``; reading bytes, guessing encodings, finding files and
writing atomically all happen here.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from cwframe import parsers
from cwframe.errors import CorpusError, InputError, ParseError
from cwframe.locations import CORPUS_FILE, MANIFEST, STATEMENTS_FILE, bundled_corpus_path, corpus_kind  # noqa: F401
from cwframe.models import Corpus, Framework, FrameworkId, SourceDocument

_FRAMEWORK_ORDER = {fid: i for i, fid in enumerate(FrameworkId)}


def display_path(path: Path) -> str:
    """A path as messages and sources show it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path) -> str:
    """Read a document as text: UTF-8 (with or without BOM), or UTF-16 with a BOM.

    Anything else is refused with the line of the first bad byte and a hint, never
    silently mis-decoded.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{display_path(path)}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{display_path(path)}: is a directory, expected a file") from None
    except OSError as exc:
        raise InputError(f"{display_path(path)}: cannot read ({exc.strerror})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise ParseError(
            "binary file (NUL bytes), not a text document; convert it to UTF-8 text first",
            code="PA01", path=display_path(path), line=data[:8192].count(b"\n", 0, data.index(b"\x00")) + 1,
        )  # fmt: skip
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        guess = "Windows-1252 (Word's default)" if _looks_cp1252(data) else "not UTF-8"
        raise ParseError(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8; the file looks like {guess}: "
            "re-save it as UTF-8 (e.g. iconv -f cp1252 -t utf-8)",
            code="PA02", path=display_path(path), line=line,
        ) from None  # fmt: skip


def _looks_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def parse_file(path: str | Path, family: str | None = None, *, unit: str | None = None) -> Framework:
    """Parse one raw document; the family is detected from the text when not given."""
    path = Path(path)
    text = read_text(path)
    shown = display_path(path)
    if family is None:
        family = parsers.detect(text)
        if family is None:
            raise ParseError(
                "cannot tell which framework this is (no NOS criteria, PCF rows or SDF tables); "
                "name it in a manifest.yaml or pass family=",
                code="PA03", path=shown,
            )  # fmt: skip
    return parsers.get(family).parse(text, path=shown, unit=unit)


class _Manifest(BaseModel):
    """manifest.yaml: one SourceDocument per raw file (paths relative to the manifest)."""

    model_config = ConfigDict(extra="forbid")
    documents: list[SourceDocument]


def _yaml_error(exc: Exception, shown: str) -> CorpusError:
    mark = getattr(exc, "problem_mark", None)
    return CorpusError(
        f"not valid YAML ({getattr(exc, 'problem', exc)}); fix the syntax",
        code="CO01", path=shown, line=mark.line + 1 if mark else 1, column=mark.column + 1 if mark else 1,
    )  # fmt: skip


def read_manifest(directory: Path) -> list[tuple[SourceDocument, tuple[int, int]]]:
    """Manifest entries with the (line, column) each starts at, for located errors."""
    import yaml  # only manifests and YAML corpora need it; keeps start-up fast

    path = directory / MANIFEST
    shown = display_path(path)
    loader = getattr(
        yaml, "CSafeLoader", yaml.SafeLoader
    )  # the C loader: 20,000 entries in well under a second
    try:
        text = read_text(path)
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, shown) from None
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
    directory: str | Path, *, missing: list[tuple[SourceDocument, int, int]] | None = None
) -> list[tuple[Path, SourceDocument | None]]:
    """The documents of a raw directory: manifest entries first, then unlisted .txt files.

    A manifest entry whose file is missing raises a located CorpusError, or, when a
    ``missing`` list is given (validate), is appended to it as (entry, line, column).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{display_path(directory)}: not a directory")
    documents: list[tuple[Path, SourceDocument | None]] = []
    listed: set[Path] = set()
    manifest_path = directory / MANIFEST
    if manifest_path.exists():
        for entry, (line, column) in read_manifest(directory):
            path = directory / entry.file
            if not path.is_file():
                if missing is not None:
                    missing.append((entry, line, column))
                    continue
                raise CorpusError(
                    f"manifest names '{entry.file}', which does not exist; fix the path or remove the entry",
                    code="CO03", path=display_path(manifest_path), line=line, column=column,
                )  # fmt: skip
            listed.add(path.resolve())
            documents.append((path, entry))
    for path in sorted(directory.rglob("*.txt")):
        if path.resolve() not in listed:
            documents.append((path, None))
    if not documents and missing is None:
        raise InputError(f"{display_path(directory)}: no .txt documents and no {MANIFEST}")
    return documents


def parse_document(path: Path, entry: SourceDocument | None) -> Framework:
    """Parse one raw document as its manifest entry (if any) says."""
    if entry is None:
        return parse_file(path)
    return _apply_manifest(parse_file(path, entry.family.value, unit=entry.unit), entry, path)


def load_raw(directory: str | Path) -> Corpus:
    """Parse a raw directory: files named in its manifest, then any others detected."""
    return merge(parse_document(path, entry) for path, entry in raw_documents(directory))


def _apply_manifest(framework: Framework, entry: SourceDocument, path: Path) -> Framework:
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


def merge(frameworks: Iterable[Framework]) -> Corpus:
    """Combine per-file frameworks into one per family (NOS units side by side)."""
    merged: dict[FrameworkId, Framework] = {}
    for fw in frameworks:
        if fw.id not in merged:
            merged[fw.id] = fw
            continue
        base = merged[fw.id]
        slugs = {u.slug for u in base.units}
        clash = next((u for u in fw.units if u.slug in slugs), None)
        if clash:
            raise InputError(
                f"two documents give the NOS unit slug '{clash.slug}' "
                f"({base.units[0].source.file} and {clash.source.file}); give one a different 'unit:' in the manifest"
            )
        merged[fw.id] = base.model_copy(
            update={
                "documents": [*base.documents, *fw.documents],
                "units": [*base.units, *fw.units],
                "dropped": [*base.dropped, *fw.dropped],
            }
        )
    ordered = sorted(merged.values(), key=lambda f: _FRAMEWORK_ORDER[f.id])
    return Corpus(frameworks=ordered)


def load_normalised(path: str | Path) -> Corpus:
    """Load a normalised (or exported) corpus from JSON or YAML."""
    import yaml

    path = Path(path)
    shown = display_path(path)
    text = read_text(path)
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            return Corpus.model_validate(yaml.safe_load(text))
        return Corpus.model_validate_json(text)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, shown) from None
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


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load a corpus: the bundled one, a raw directory, a normalised file or one document."""
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
    return load_raw(target) if kind == "raw" else merge([parse_file(target)])


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write text (as UTF-8) or bytes so that a crash never leaves a half-written file where a good one was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file ordinary permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def dump_corpus(corpus: Corpus) -> str:
    """The corpus as deterministic JSON (field order from the models, UTF-8, newline at end)."""
    return json.dumps(corpus.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
