"""Inputs an attacker builds to make cwframe slow or greedy, grown by a factor: shared by the hostile
catalogue (tests/test_hostile.py, at the size the issue measured) and benchmarks/bench_hostile.py
(at 1x, 10x and 100x of a base size, to show the time growing with the input, not its square).

Each builder returns the files to lay out, as {relative path: bytes}.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEY_PEOPLE = (ROOT / "data/raw/nos/key-people.txt").read_text(encoding="utf-8")
PCF = (ROOT / "data/raw/pcf/nel-professional-capabilities-framework.txt").read_text(encoding="utf-8")

Files = dict[str, bytes]


def with_k1(text: str) -> str:
    """The key-people unit with K1 saying ``text``."""
    return re.sub(r"^K1 .*$", lambda _: "K1 " + text, KEY_PEOPLE, count=1, flags=re.MULTILINE)


def drift_units(words: int) -> Files:
    """Three units sharing K1, a text of ``words`` words of two letters taking turns (the worst case of a
    word diff: every word matches half the others); the third unit's copy has one word more, so that
    validate's drift rule (DR01) compares and word-diffs them. The issue's case: 70,000 words (140 KB)."""
    shared = " ".join("ab"[i % 2] for i in range(words))
    edited = shared[: len(shared) // 2] + " c " + shared[len(shared) // 2 :]
    return {f"u{n}.txt": with_k1(t).encode() for n, t in enumerate((shared, shared, edited), start=1)}


def diff_units(criteria: int) -> Files:
    """Two versions of a unit of ``criteria`` performance criteria that all say nearly the same words,
    each reworded: every criterion is a candidate for every other. The issue's case: 3,400 (140 KB)."""

    def unit(last: str) -> str:
        rows = "".join(f"P{i} do a thing well and report it {last}\n" for i in range(1, criteria + 1))
        return f"Do things\n{rows}Knowledge and understanding\nRights\nK1 know a thing\n"

    return {"old.txt": unit("today").encode(), "new.txt": unit("now").encode()}


def bracket_line(count: int) -> Files:
    """A criterion followed by ``count`` opening brackets (the markdown-link and bookmark patterns'
    worst case). The issue's case: 300,000."""
    return {"kp.txt": KEY_PEOPLE.replace("P12 implement", "P12 implement " + "[" * count, 1).encode()}


def pcf_unclosed(count: int) -> Files:
    """The PCF with cell B.4 holding ``count`` paragraphs opened and never closed. The issue's case:
    50,000 (200 KB)."""
    lines = PCF.split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("<p>B.4."))
    lines[at] = lines[at].split("\t")[0] + "\t" + "<p>x" * count
    return {"pcf.txt": "\n".join(lines).encode()}


def many_criteria(count: int) -> Files:
    """One unit of ``count`` distinct performance criteria (``export -f xlsx`` of 20,000 statements)."""
    rows = "".join(f"P{i} keep record {i} of the work done with key people\n" for i in range(1, count + 1))
    return {"many.txt": f"Do things\n{rows}Knowledge and understanding\nRights\nK1 know a thing\n".encode()}


# Each grows to 18 characters when normalised (NFKC): ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM.
GROWS_18_FOLD = "\ufdfa"


def expanding(chars: int) -> Files:
    """A unit whose P12 holds ``chars`` characters that NFKC normalisation grows 18-fold (3 bytes
    each in UTF-8). The issue's case: 10 million (a 30 MB document, 12.6 GB searched)."""
    return {
        "kp.txt": KEY_PEOPLE.replace("P12 implement", "P12 implement " + GROWS_18_FOLD * chars, 1).encode()
    }


def repeated_manifest(times: int, criteria: int = 14_000) -> Files:
    """A manifest naming one document ``times`` times. The issue's case: one 1 MB document, 300 times."""
    entries = "".join(f"  - file: big.txt\n    family: nos\n    unit: u{n}\n" for n in range(times))
    return {"units/big.txt": many_criteria(criteria)["many.txt"],
            "units/manifest.yaml": f"documents:\n{entries}".encode()}  # fmt: skip


def _xlsx(sheet_xml: str, shared: list[str] | None = None) -> bytes:
    """A minimal workbook: one sheet, and its shared strings (if any)."""
    types = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sharedStrings+xml"/>' if shared is not None else "")  # fmt: skip
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{types}</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="items" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/>' if shared is not None else "")
        + "</Relationships>",
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_xml}</sheetData></worksheet>',
    }  # fmt: skip
    if shared is not None:
        items = "".join(f"<si><t>{s}</t></si>" for s in shared)
        files["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main" count="{len(shared)}" uniqueCount="{len(shared)}">{items}</sst>'
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def shared_strings_bomb(cells: int, megabytes: int) -> Files:
    """A workbook whose one shared string of ``megabytes`` MB is referenced by ``cells`` cells: small
    packed, and small unpacked, but ``cells`` x ``megabytes`` MB once read. The issue's case: 150 x 10 MB."""
    row = "".join(f'<c r="{_column(k)}2" t="s"><v>1</v></c>' for k in range(cells))
    sheet = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + f'<row r="2">{row}</row>'
    return {"bomb.xlsx": _xlsx(sheet, ["text", "x" * (megabytes * 1024 * 1024)])}


def far_cell() -> Files:
    """A workbook with a header in A1 and one cell at the last row and column Excel has: a reader that
    makes the sheet one dense grid makes 17 billion cells of a few hundred bytes."""
    sheet = ('<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row>'
             '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')  # fmt: skip
    return {"far.xlsx": _xlsx(sheet)}


def _column(k: int) -> str:
    name = ""
    k += 1
    while k:
        k, rest = divmod(k - 1, 26)
        name = chr(65 + rest) + name
    return name


def drift_spread(words: int) -> Files:
    """As :func:`drift_units`, but the third copy is edited at both ends, so that no common start or end
    leaves the word diff a short middle to align: the whole text is the part to align."""
    shared = " ".join("ab"[i % 2] for i in range(words))
    return {
        f"u{n}.txt": with_k1(t).encode() for n, t in enumerate((shared, shared, f"c {shared} c"), start=1)
    }


def pcf_spaced_label(count: int) -> Files:
    """The PCF with a table row before B.4 whose label is ``count`` spaces and a word (a row pattern
    that shares out the spaces between two of its parts takes their square to give up)."""
    lines = PCF.split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("<p>B.4."))
    lines.insert(at, " " * count + "Z\tz")
    return {"pcf.txt": "\n".join(lines).encode()}


def link_line(count: int) -> Files:
    """A criterion followed by ``count`` link openings whose target is never closed (``[x](y``)."""
    return {"kp.txt": KEY_PEOPLE.replace("P12 implement", "P12 implement " + "[x](y " * count, 1).encode()}


def pcf_unclosed_list(count: int) -> Files:
    """The PCF with cell B.4 holding ``count`` list openings never closed (``<ul``)."""
    lines = PCF.split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("<p>B.4."))
    lines[at] = lines[at].split("\t")[0] + "\t" + "<ul x " * count
    return {"pcf.txt": "\n".join(lines).encode()}


def long_word(letters: int) -> Files:
    """A unit whose K1 holds one unknown word of ``letters`` letters (spelling's suggestions were
    its length squared)."""
    return {"kp.txt": with_k1("know " + "q" * letters).encode()}


def unknown_words(count: int) -> Files:
    """A unit whose K1 holds ``count`` distinct unknown words of eight letters (each one looked up,
    and located from the start of its line)."""
    import random

    draw = random.Random(5)
    words = " ".join("".join(draw.choice("bcdfghjklmnpqrstvwxz") for _ in range(8)) for _ in range(count))
    return {"kp.txt": with_k1("know " + words).encode()}
