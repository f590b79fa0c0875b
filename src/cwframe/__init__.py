"""cwframe: the UK children's and young people's workforce frameworks as data.

The library never prints or exits: it returns models or raises ``CwframeError``.

>>> import cwframe
>>> corpus = cwframe.load_corpus()
>>> next(cwframe.iter_statements(corpus)).id
'nos/cyp-development/P1'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from cwframe.corpus import load_corpus, load_normalised, load_raw, parse_file
from cwframe.errors import CorpusError, CwframeError, InputError, ParseError, SourceError
from cwframe.models import (
    Category,
    Cell,
    Corpus,
    Framework,
    GlossaryEntry,
    Group,
    Level,
    Section,
    Statement,
    StatementKind,
    StatementRow,
    Unit,
)
from cwframe.statements import iter_statements

try:
    __version__ = version("cwframe")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "Category",
    "Cell",
    "Corpus",
    "CorpusError",
    "CwframeError",
    "Framework",
    "GlossaryEntry",
    "Group",
    "InputError",
    "Level",
    "ParseError",
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
