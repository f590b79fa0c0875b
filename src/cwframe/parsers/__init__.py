"""Parser registry: one module per document family.

Each module exposes ``FAMILY``, ``detect(text) -> bool`` and
``parse(text, *, path, unit=None) -> Framework``. Modules are imported on first
use so that commands that only read the normalised corpus never pay for them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from cwframe.errors import InputError

FAMILIES = ("nos", "pcf", "sdf")
# Detection order: the PCF and SDF name themselves; NOS is the generic fallback.
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
