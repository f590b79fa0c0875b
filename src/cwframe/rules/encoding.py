"""EN01-EN04: the bytes of a file — encoding, byte order mark, line endings, binary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cwframe.corpus import line_of, newlines
from cwframe.models import Problem
from cwframe.rules.base import problem


def probable_encoding(data: bytes) -> str:
    """A person-readable guess at what a non-UTF-8 file is."""
    sample = data[:4096]
    if sample[1::2].count(0) > len(sample) // 4:
        return "UTF-16 (little-endian) without a byte order mark"
    if sample[0::2].count(0) > len(sample) // 4:
        return "UTF-16 (big-endian) without a byte order mark"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "an 8-bit encoding such as Latin-1"
    return "Windows-1252 (Word's default)"


def check(path: str, data: bytes) -> tuple[list[Problem], str | None]:
    """Findings about a file's bytes, and its text when it can be read (else None)."""
    found: list[Problem] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        found.append(problem("EN01", path, 1, "the file is UTF-16 (it has a UTF-16 byte order mark), not UTF-8; "
                             "re-save it as UTF-8"))  # fmt: skip
        text = data.decode("utf-16", errors="replace")
        found += _line_endings(path, text.encode("utf-8"))
        return found, newlines(text)
    where = data.find(b"\x00")  # anywhere in the file, not only its first pages
    if where >= 0:
        guess = probable_encoding(data)
        if guess.startswith("UTF-16"):
            found.append(
                problem("EN01", path, 1, f"not UTF-8: the file looks like {guess}; re-save it as UTF-8")
            )
        else:
            found.append(problem("EN04", path, line_of(data, where)[0],
                                 "binary file (NUL bytes), not text; convert the document to UTF-8 text"))  # fmt: skip
        return found, None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_of(data, exc.start)
        found.append(problem(
            "EN01", path, line,
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8; the file looks like {probable_encoding(data)}: "
            "re-save it as UTF-8 (e.g. iconv -f cp1252 -t utf-8)", column=column,
        ))  # fmt: skip
        return found, None
    if text.startswith("\ufeff"):
        found.append(
            problem("EN02", path, 1, "the file starts with a UTF-8 byte order mark; save it without one")
        )
    found += _line_endings(path, data)
    return found, newlines(text)


def _line_endings(path: str, data: bytes) -> Iterator[Problem]:
    crlf = data.count(b"\r\n")
    kinds = {"CRLF": crlf, "LF": data.count(b"\n") - crlf, "CR": data.count(b"\r") - crlf}
    if sum(1 for n in kinds.values() if n) < 2:  # one kind (CR-only files included): accepted
        return
    first = next(m.group() for m in re.finditer(rb"\r\n|\r|\n", data))
    other = next(m for m in re.finditer(rb"\r\n|\r|\n", data) if m.group() != first)
    counts = ", ".join(f"{n} {kind}" for kind, n in kinds.items() if n)
    yield problem(
        "EN03", path, line_of(data, other.start())[0], f"mixed line endings: {counts}; use one kind"
    )
