"""cwframe: the UK children's and young people's workforce frameworks as data.

The library never prints or exits: it returns models or raises ``CwframeError``.

>>> import cwframe
>>> corpus = cwframe.load_corpus()
>>> next(cwframe.iter_statements(corpus)).id
'nos/cyp-development/P1'
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: `cwframe search` forks its freshness check
# before anything else loads, and typing costs ~8 ms (type checkers know this idiom).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cwframe.corpus import load_corpus, load_normalised, load_raw, parse_file
    from cwframe.errors import CorpusError, CwframeError, InputError, ParseError, SourceError
    from cwframe.models import (
        Category,
        Cell,
        Corpus,
        Framework,
        FrameworkId,
        GlossaryEntry,
        Group,
        Item,
        Level,
        ReadOptions,
        Section,
        Statement,
        StatementKind,
        StatementRow,
        Unit,
    )
    from cwframe.statements import iter_statements

# Public names are imported on first use (PEP 562), so that `cwframe search` never
# pays for pydantic and the corpus models when it does not need them.
_LAZY = {
    **dict.fromkeys(("load_corpus", "load_normalised", "load_raw", "parse_file"), "cwframe.corpus"),
    **dict.fromkeys(
        ("CorpusError", "CwframeError", "InputError", "ParseError", "SourceError"), "cwframe.errors"
    ),
    **dict.fromkeys(
        (
            "Category",
            "Cell",
            "Corpus",
            "Framework",
            "FrameworkId",
            "GlossaryEntry",
            "Group",
            "Item",
            "Level",
            "ReadOptions",
            "Section",
            "Statement",
            "StatementKind",
            "StatementRow",
            "Unit",
        ),
        "cwframe.models",
    ),  # fmt: skip
    "iter_statements": "cwframe.statements",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cwframe' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


# The one place the version is written; hatch reads it from here (pyproject.toml).
# Static rather than importlib.metadata, which costs ~30 ms at every start-up.
__version__ = "0.1.0"

__all__ = [
    "Category",
    "Cell",
    "Corpus",
    "CorpusError",
    "CwframeError",
    "Framework",
    "FrameworkId",
    "GlossaryEntry",
    "Group",
    "InputError",
    "Item",
    "Level",
    "ParseError",
    "ReadOptions",
    "Section",
    "SourceError",
    "Statement",
    "StatementKind",
    "StatementRow",
    "Unit",
    "__version__",
    "iter_statements",
    "load_corpus",
    "load_normalised",
    "load_raw",
    "parse_file",
]
