"""Parser registry: one module per document family.

Each module of the three bundled families exposes ``FAMILY``, ``detect(text) -> bool`` and
``parse(text, *, path, unit=None) -> Framework``. The two families for frameworks of your own
read other shapes: ``table`` (a spreadsheet's sheets: ``parse(sheets, *, path, options,
findings)``) and ``case`` (a CASE package's JSON text: ``parse(text, *, path, options,
findings)``). Modules are imported on first use so that commands that only read the normalised
corpus never pay for them.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType

from cwframe.errors import InputError

FAMILIES = ("nos", "pcf", "sdf", "table", "case")
# The families whose parse() reads text (a table's reads a spreadsheet's sheets).
TEXT_FAMILIES = ("nos", "pcf", "sdf", "case")
# Files read as spreadsheets (the table family), by their suffix.
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")
# Detection order of the text families: the PCF and SDF name themselves; NOS is the generic fallback.
_DETECTION_ORDER = ("pcf", "sdf", "nos")


def get(family: str) -> ModuleType:
    """The parser module for a family id; raises InputError for an unknown one."""
    if family not in FAMILIES:
        raise InputError(f"unknown framework family '{family}'; choose one of: {', '.join(FAMILIES)}")
    return importlib.import_module(f"cwframe.parsers.{family}")


def detect(text: str) -> str | None:
    """The family a document belongs to, from its text alone, or None."""
    for family in _DETECTION_ORDER:
        if get(family).detect(text):
            return family
    return None


# What a standard that cannot be parsed still shows: a NOS part heading on a line of its own,
# or the name of the PCF or the SDF. A text with none of these is not a standard at all.
_STANDARD_SIGNS = re.compile(
    r"^\s*(?:performance criteria|knowledge and understanding)\s*:?\s*$"
    r"|professional capabilities framework|skills development framework",
    re.IGNORECASE | re.MULTILINE,
)


def looks_like_standard(text: str) -> bool:
    """True when a text whose family cannot be detected still reads as a (broken) standard,
    so validate reports it rather than skipping it as some other file."""
    return _STANDARD_SIGNS.search(text) is not None
