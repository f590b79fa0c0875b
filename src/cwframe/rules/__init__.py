"""The rule catalogue: every check `cwframe validate` makes, with a stable code.

Codes are two letters and two digits plus a dotted slug; a retired code is never
reused. docs/rules.md is generated from this table (`make docs`).
"""

from __future__ import annotations

from dataclasses import dataclass

from cwframe.models import Severity


@dataclass(frozen=True)
class Rule:
    """One check: its code, slug, default severity, what it means and what to do."""

    code: str
    name: str
    severity: Severity
    summary: str
    fix: str


_E, _W, _N = Severity.error, Severity.warning, Severity.note
RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        Rule("EN01", "encoding.not-utf8", _E, "The file is not valid UTF-8.",
             "Re-save it as UTF-8; the message names the encoding it probably is."),
        Rule("EN02", "encoding.bom", _W, "The file starts with a UTF-8 byte order mark.",
             "Save without a BOM (most editors: 'UTF-8' rather than 'UTF-8 with BOM')."),
        Rule("EN03", "encoding.mixed-line-endings", _W, "The file mixes line endings (CRLF, LF, a lone CR); one kind, CR-only included, is accepted.",
             "Normalise the line endings (e.g. dos2unix), or set .gitattributes."),
        Rule("EN04", "encoding.binary", _E, "The file is binary (NUL bytes), not text.",
             "Convert the document to UTF-8 text before committing it."),
        Rule("PA03", "parse.unknown-family", _E, "The file's framework family cannot be detected.",
             "Name the file in manifest.yaml with its family."),
        Rule("CO01", "corpus.invalid", _E, "A manifest or normalised corpus cannot be read.",
             "Fix the file at the position given, or regenerate it with 'cwframe build'."),
        Rule("NU01", "numbering.duplicate", _E, "Two criteria have the same number.",
             "Renumber one of them."),
        Rule("NU02", "numbering.gap", _E, "A criterion number is missing (P3 is followed by P5).",
             "Renumber, or restore the missing criterion."),
        Rule("NU03", "numbering.out-of-order", _E, "A criterion number is lower than the one before it.",
             "Put the criteria in order, or renumber."),
        Rule("NU04", "numbering.lettered", _E, "A criterion number carries a letter ('P11A'), as an "
             "insertion often does.", "Renumber the criteria P1, P2 … without letters."),
        Rule("ST01", "statement.empty", _E, "A criterion is empty or only punctuation.",
             "Write the criterion or delete its number."),
        Rule("ST02", "section.missing", _E, "A part the family requires is missing (a NOS unit with no "
             "performance or no knowledge criteria).", "Add the missing part, or check its heading."),
        Rule("ST03", "section.no-heading", _W, "Criteria come before any section heading.",
             "Add the heading the criteria belong under."),
        Rule("ST07", "section.missing-heading", _E, "A NOS unit has knowledge criteria after its performance "
             "criteria but no 'Knowledge and understanding' heading, which the template prints between them.",
             "Restore the heading where the message says (above the knowledge criteria's first heading)."),
        Rule("ST04", "statement.duplicate", _W, "The same statement appears twice in one unit or cell.",
             "Delete one copy, or reword one if both are meant."),
        Rule("ST05", "glossary.conflict", _W, "A glossary term is defined twice, differently, in one unit or "
             "framework.", "Keep one definition, or make them agree."),
        Rule("ST06", "statement.formula-like", _E, "A statement starts with '=', '+', '-' or '@': a "
             "spreadsheet opening an export runs it as a formula.", "Reword the start, or remove the "
             "character (cwframe's own CSV/XLSX exports neutralise it; other tools may not)."),
        Rule("ST08", "statement.control-character", _E, "A statement, heading or glossary entry holds a control "
             "character (an escape, a backspace): a terminal acts on it, a spreadsheet refuses it.",
             "Delete the character (the message names it)."),
        Rule("ST09", "statement.bidi-control", _E, "A statement, heading or glossary entry holds a bidirectional "
             "control character (U+202E RIGHT-TO-LEFT OVERRIDE and its kin): the text shows in another order "
             "than it is read.", "Delete the character (the message names it)."),
        Rule("ID01", "id.duplicate", _E, "Two documents give the same NOS unit or framework id, which every "
             "other command refuses to load together (the message names both places).",
             "Give one of them another 'unit:' (or 'framework:') in the manifest."),
        Rule("ID02", "id.mixed-scripts", _E, "An id holds a letter of another script that reads as a Latin one "
             "(a Cyrillic 'е' in 'key-people'), or an invisible character: people type ids, and the look-alike "
             "is another id.", "Use ASCII letters and digits in ids (the message names the character)."),
        Rule("DB01", "debris.html", _E, "HTML tags left in a criterion, or wrapped around its line.", "Remove the tags; keep the words."),
        Rule("DB02", "debris.bookmark", _N, "A '[bookmark: …]' remnant of a Word conversion; the parser "
             "drops it, so it never fails a run.", "Nothing needed; delete it if you like."),
        Rule("DB03", "debris.bullet", _W, "A bullet mark inside a criterion.", "Delete the bullet mark."),
        Rule("DB04", "debris.page-mark", _W, "A page mark such as 'PROTECT' inside a statement.",
             "Delete the page mark."),
        Rule("DB05", "debris.dropped-line", _N, "A line the parser dropped as conversion noise (page marks, "
             "footnotes, table rules, OCR garbage, sample tables); never fails a run.", "Nothing needed; fix "
             "the line if it is meant to be content."),
        Rule("OC01", "ocr.garbled", _W, "A statement made largely of words that occur nowhere else in the "
             "corpus: probably OCR garbage.", "Check the statement against the printed source."),
        Rule("SP01", "spelling.unknown-word", _E, "A word that is not English (SCOWL's British English list), not "
             "used in two statements of the frameworks validated together or published, and not in the "
             "project's word list: a typo, with suggestions.", "Correct it; if it is right, add it to "
             "cwframe-words.txt beside the configuration."),
        Rule("SP02", "spelling.as-published", _N, "A word that would be SP01, but the published text of the "
             "bundled corpus prints it: the publisher's spelling, not an editor's mistake.",
             "Nothing needed; correct it if you are editing the text anyway."),
        Rule("DR01", "drift.shared-wording", _W, "A statement of a suite's shared block differs from the "
             "wording the other units share.", "Make it match the shared wording, or move it out of the "
             "shared block."),
        Rule("MF01", "manifest.missing-file", _E, "manifest.yaml names a file that does not exist.",
             "Fix the path or remove the entry."),
        Rule("MF03", "manifest.outside", _E, "manifest.yaml names a path outside the corpus directory (absolute, "
             "'..', or a symbolic link leading out), or something that is not a regular file.",
             "Name files inside the directory, relative to the manifest; such a file is never read."),
        Rule("MF04", "manifest.repeated", _E, "manifest.yaml names one document so many times that reading "
             "it once for each entry would cost more than a document may (64 MiB).",
             "Name each document once; the entries past the limit are never read."),
        Rule("FI01", "file.refused", _E, "A .txt file that cannot be read safely: a dangling or looping "
             "symbolic link, a link leading out of the directory, a FIFO or a device.",
             "Replace it with a regular file, or remove it; it is never opened."),
        Rule("MF02", "manifest.unlisted-file", _W, "A raw .txt file is not named in manifest.yaml.",
             "Add an entry for it (family, unit, title), or remove the file."),
        Rule("TB01", "table.no-statement-column", _E, "A spreadsheet has no column cwframe reads as the "
             "statements (or a column given by --column / 'columns:' is not there).",
             "Name the column: 'columns: {text: HEADER}' in the manifest, or --column text=HEADER."),
        Rule("TB02", "table.empty-row", _W, "An empty row between a spreadsheet's statements.",
             "Delete the row (it is skipped)."),
        Rule("TB03", "table.no-statement", _E, "A spreadsheet row has cells but no statement; it is left out.",
             "Write the statement, or delete the row."),
        Rule("TB04", "table.formula-cell", _E, "A cell other than the statement starts with '=', '+', '-' or "
             "'@': a spreadsheet opening the file runs it as a formula.", "Reword the start of the cell."),
        Rule("TB05", "table.unreadable", _E, "A spreadsheet cannot be read: damaged, password-protected, "
             "or it would unpack to more than cwframe reads.", "Save it again as .xlsx, .ods or CSV (UTF-8)."),
        Rule("IT01", "item.duplicate-id", _E, "Two statements of a spreadsheet or CASE package have the same "
             "code (humanCodingScheme): ids must be unique.", "Give one of them another code."),
        Rule("IT02", "item.unknown-parent", _E, "A statement's parent (a parent column, isChildOf) is no "
             "statement of the file, or it is its own ancestor.", "Fix the parent's id or code."),
        Rule("CA01", "case.invalid", _E, "A CASE package is not valid JSON, has no CFDocument, or an item or "
             "association that cannot be read (no fullStatement, an identifier used twice, an unknown origin).",
             "Fix the package at the position given (or export it again from its CASE tool)."),
    ]
}  # fmt: skip


def get(code: str) -> Rule:
    """The rule with this code; KeyError for an unknown one."""
    return RULES[code]
