"""Pydantic models for the corpus tree and the flat statement view.

The tree (Corpus > Framework > Unit / Category / Level > Section / Cell / Group >
Statement) is what ``cwframe build`` writes to ``data/normalised/corpus.json`` and
what ``export`` will write. The flat view (:class:`StatementRow`) is what search,
diff, crosswalk and validate work on, so each of them is written once.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import core_schema

_TRUSTED_DEFAULTS: dict[type, dict[str, object]] = {}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def trusted(cls, **values: object) -> Self:
        """A model from values our own parser has just made and checked, without validation:
        half the cost of ``model_construct`` (which itself skips validation but walks every
        field's default), seconds over a NOS directory's two million criteria. Every field
        without a default must be given; the model is frozen, so nothing changes it later."""
        defaults = _TRUSTED_DEFAULTS.get(cls)
        if defaults is None:
            if any(f.default_factory for f in cls.model_fields.values()):
                raise TypeError(f"{cls.__name__} has a default factory; use model_construct")
            defaults = {name: None if f.is_required() else f.default for name, f in cls.model_fields.items()}
            _TRUSTED_DEFAULTS[cls] = defaults
        model = cls.__new__(cls)
        # In field order, as validation makes it: dumps and JSON keep their key order.
        object.__setattr__(model, "__dict__", {name: values.get(name, d) for name, d in defaults.items()})
        object.__setattr__(model, "__pydantic_fields_set__", set(values))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model


KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class _Name(str):
    """A kebab-case name that is open (any valid name) yet has named constants and an Enum's
    ``.value``, so code written for the closed enums it replaced keeps working. Instances are
    interned: the constants compare with ``is``, as enum members did."""

    __slots__ = ()
    _interned: ClassVar[dict[str, Any]]
    _what: ClassVar[str] = "name"

    def __new__(cls, value: str) -> Self:
        found = cls._interned.get(value)
        if found is not None:
            return found
        if not isinstance(value, str) or not KEBAB.fullmatch(value):
            raise ValueError(f"'{value}' is not a valid {cls._what}: use lower-case words joined by '-' "
                             "(e.g. our-framework)")  # fmt: skip
        made = super().__new__(cls, value)
        if len(cls._interned) < 10_000:  # a few framework ids and kinds; bounded whatever an input holds
            cls._interned[value] = made
        return made

    @property
    def value(self) -> str:
        """The name as a plain string (as an Enum member's ``.value``)."""
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str.__str__(self)!r})"

    def __reduce__(self) -> tuple:
        return (type(self), (str.__str__(self),))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(pattern=f"^{KEBAB.pattern}$"),
            serialization=core_schema.plain_serializer_function_ser_schema(str.__str__, when_used="json"),
        )  # fmt: skip


class FrameworkId(_Name):
    """A framework's id: one of the three bundled families (``nos``, ``pcf``, ``sdf``) or a framework
    read from a spreadsheet or a CASE package (kebab-case, e.g. ``our-framework``)."""

    _interned: ClassVar[dict[str, Any]] = {}
    _what = "framework id"
    nos: ClassVar[FrameworkId]
    pcf: ClassVar[FrameworkId]
    sdf: ClassVar[FrameworkId]


FrameworkId.nos, FrameworkId.pcf, FrameworkId.sdf = FrameworkId("nos"), FrameworkId("pcf"), FrameworkId("sdf")
BUNDLED_FRAMEWORKS: tuple[FrameworkId, ...] = (FrameworkId.nos, FrameworkId.pcf, FrameworkId.sdf)


class StatementKind(_Name):
    """What an addressable statement is; one word per concept, used by --kind filters. The bundled
    families' kinds are the constants; a framework of your own has the kinds its file names
    (a spreadsheet's type column, a CASE item's CFItemType), as kebab-case."""

    _interned: ClassVar[dict[str, Any]] = {}
    _what = "statement kind"
    performance: ClassVar[StatementKind]  # NOS P criteria
    knowledge: ClassVar[StatementKind]  # NOS K criteria, SDF knowledge-and-understanding rows
    capability: ClassVar[StatementKind]  # PCF statements
    skill: ClassVar[StatementKind]  # SDF skills
    standard: ClassVar[StatementKind]  # SDF Youth Professional Standards items
    specialism: ClassVar[StatementKind]  # SDF Appendix 1 cells
    glossary: ClassVar[
        StatementKind
    ]  # a defined term (NOS scope/range, SDF glossary): the flat view with --glossary
    statement: ClassVar[StatementKind]  # a statement of your own framework whose file gives no kind


for _kind in (
    "performance",
    "knowledge",
    "capability",
    "skill",
    "standard",
    "specialism",
    "glossary",
    "statement",
):
    setattr(StatementKind, _kind, StatementKind(_kind))


class Family(StrEnum):
    """How a document is read: the three bundled families' texts, a spreadsheet, a CASE package."""

    nos = "nos"
    pcf = "pcf"
    sdf = "sdf"
    table = "table"  # a spreadsheet (.csv, .xlsx, .ods): one row per statement
    case = "case"  # a 1EdTech CASE 1.1 package (CFPackage JSON)


class Source(_Model):
    """Where an element came from: file (as given to the parser) and 1-based lines."""

    file: str
    line: int
    end_line: int


class Statement(_Model):
    """One addressable line of a framework.

    ``markup``: a NOS criterion as printed, when its line carries markup that cleaning
    removed from ``text`` (HTML tags, bookmark remnants); diff reports markup added or removed.
    """

    id: str
    kind: StatementKind
    number: str | None = None
    name: str | None = None
    topic: str | None = None
    text: str
    markup: str | None = None
    source: Source


class GlossaryEntry(_Model):
    """A defined term; ``term`` is None when a paragraph defines nothing (kept as a note)."""

    term: str | None
    definition: str
    scope: str | None = None
    source: Source


class Values(_Model):
    """A NOS unit's Values section: the introduction and its list."""

    intro: str
    items: list[str]
    source: Source


class Section(_Model):
    """A NOS section: the heading printed above a run of criteria."""

    title: str | None
    part: StatementKind
    source: Source
    statements: list[Statement]


class Unit(_Model):
    """A National Occupational Standard unit.

    ``part_headings`` are the headings that open its parts, as printed and in order
    ('Performance criteria', 'Knowledge and understanding', 'Values' …): what validate
    checks against the template and diff compares.
    """

    slug: str
    title: str | None = None
    code: str | None = None
    overview: str | None = None
    part_headings: list[str] = []
    sections: list[Section]
    glossary: list[GlossaryEntry] = []
    values: Values | None = None
    extra_sections: dict[str, str] = {}
    metadata: dict[str, str] = {}
    source: Source


class Heading(_Model):
    """A PCF capability heading (1-9)."""

    number: int
    title: str


class Cell(_Model):
    """A PCF cell: one category under one capability heading."""

    id: str
    heading: int
    heading_title: str
    source: Source
    statements: list[Statement]


class Category(_Model):
    """A PCF category (A-I) along the continuum of need."""

    letter: str
    name: str
    aliases: list[str] = []
    subtitle: str | None = None
    description: str | None = None
    source: Source
    cells: list[Cell]


class GroupKind(StrEnum):
    """The kinds of group the SDF sorts its rows into."""

    common_core = "common-core"
    process = "process-related"
    transferable = "transferable"
    management = "management"
    leadership = "leadership"


class Group(_Model):
    """An SDF group: the rows of one table under one heading."""

    kind: GroupKind
    table: StatementKind
    title: str
    source: Source
    statements: list[Statement]


class Level(_Model):
    """An SDF level (3, 4/5, 6, 7, 8)."""

    slug: str
    name: str
    title: str
    source: Source
    groups: list[Group]


class StandardArea(_Model):
    """One of the five Youth Professional Standards areas."""

    number: int
    title: str
    source: Source
    statements: list[Statement]


class DroppedLine(_Model):
    """A line the parser removed as noise, kept so that validate can report it."""

    file: str
    line: int
    text: str
    reason: str


class ReadOptions(_Model):
    """How to read a spreadsheet or a CASE package whose layout cwframe cannot tell by itself: from a
    manifest entry, or from the command line (``--framework-id``, ``--sheet``, ``--column``, ``--tier``)."""

    framework: FrameworkId | None = None  # the framework's id; default: a slug of the file name
    sheet: str | None = None  # the sheet holding the statements; default: the first with a statement column
    columns: dict[
        str, str
    ] = {}  # field (code, text, name, level, group, kind, parent) -> the column's header
    tiers: dict[str, str] = {}  # a level as printed -> where it sits on the SDF's levels (3, 4-5, 6, 7, 8)


class SourceDocument(_Model):
    """What the manifest says about one raw file."""

    file: str
    family: Family
    unit: str | None = None
    title: str | None = None
    publisher: str | None = None
    version: str | None = None
    date: str | None = None
    received: str | None = None  # when the text was received (YYYY-MM-DD): a date where the source has none
    original_name: str | None = None
    # Spreadsheets and CASE packages only (see ReadOptions):
    framework: FrameworkId | None = None
    sheet: str | None = None
    columns: dict[str, str] = {}
    tiers: dict[str, str] = {}

    def options(self) -> ReadOptions:
        """The reading options this entry gives."""
        return ReadOptions(framework=self.framework, sheet=self.sheet, columns=self.columns, tiers=self.tiers)


class Association(_Model):
    """A relation a source file states between one of its statements and something else, kept as
    given (CASE associations other than the hierarchy: isRelatedTo, exactMatchOf, precedes …)."""

    type: str  # the CASE associationType, or a spreadsheet's column name
    target: str  # the cwframe id of an item of the same framework, else the destination as given
    title: str | None = None
    identifier: str | None = None  # the destination's identifier (CASE) when it names one


class Item(Statement):
    """A statement of a framework read from a spreadsheet or a CASE package. ``number`` is its
    printed code (humanCodingScheme), ``name`` its short name (abbreviatedStatement)."""

    level: str | None = None  # as printed ("4/5", "Practitioner"; a CASE educationLevel list joined by ', ')
    group: str | None = None  # category / area / group / domain; in a CASE package, the parent's title
    parent: str | None = None  # the id of the item it belongs to (CASE isChildOf, a parent column)
    container: bool = False  # a heading that groups items, not a statement (a cwframe export's unit or level)
    identifier: str | None = None  # the file's own identifier (a CASE UUID, an identifier column)
    associations: list[Association] = []
    fields: dict[str, str] = {}  # the other columns (CASE properties) of its row, kept as given


class Framework(_Model):
    """One framework; which lists are filled depends on the family (``items`` for a spreadsheet or
    a CASE package)."""

    id: FrameworkId
    title: str
    publisher: str | None = None
    version: str | None = None
    date: str | None = None
    documents: list[SourceDocument] = []
    units: list[Unit] = []
    headings: list[Heading] = []
    categories: list[Category] = []
    levels: list[Level] = []
    standards: list[StandardArea] = []
    specialisms: list[Statement] = []
    glossary: list[GlossaryEntry] = []
    dropped: list[DroppedLine] = []
    items: list[Item] = []  # a framework read from a spreadsheet or a CASE package
    tiers: dict[str, str] = {}  # its levels (as slugs) -> where each sits on the SDF's levels


class Corpus(_Model):
    """Everything cwframe knows: the frameworks, in a fixed order."""

    schema_version: int = 1
    frameworks: list[Framework]


class Location(_Model):
    """Where a flat statement points in its source."""

    file: str
    line: int


class StatementRow(_Model):
    """The flat statement view: the interface that scripts and every command read."""

    id: str
    framework: FrameworkId
    kind: StatementKind
    text: str
    name: str | None
    unit: str | None
    category: str | None
    heading: str | None
    level: str | None
    section: str | None
    topic: str | None
    source: Location


class Severity(StrEnum):
    """How bad a finding is: errors fail a run, warnings fail it only with --strict, notes never
    (conversion remnants the parser drops: worth knowing, not an editor's mistake)."""

    error = "error"
    warning = "warning"
    note = "note"


class Problem(_Model):
    """One validation finding, located; sorts by file, line, column, code."""

    path: str
    line: int
    column: int = 1
    code: str
    rule: str
    severity: Severity
    message: str
    statement: str | None = None  # the statement, glossary entry or part the finding is about
    accepted: bool = False  # the project's configuration accepts this finding ...
    reason: str | None = None  # ... for this reason

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Position order (yamllint's LintProblem order)."""
        return (self.path, self.line, self.column, self.code, self.message)


class Skipped(_Model):
    """A file given to validate that is not a standard (a workflow, package.json, a README)."""

    path: str
    reason: str


class Report(_Model):
    """The outcome of validating some paths."""

    paths: list[str]
    files: int
    problems: list[Problem]
    skipped: list[Skipped] = []

    def counts(self) -> dict[str, int]:
        """Findings by severity, not counting accepted ones; and how many were accepted."""
        live = [p for p in self.problems if not p.accepted]
        return {
            "error": sum(p.severity is Severity.error for p in live),
            "warning": sum(p.severity is Severity.warning for p in live),
            "note": sum(p.severity is Severity.note for p in live),
            "accepted": len(self.problems) - len(live),
        }

    def failed(self, *, strict: bool = False) -> bool:
        """True when the run should fail: errors, or with strict any warning (never notes)."""
        counts = self.counts()
        return counts["error"] > 0 or (strict and counts["warning"] > 0)
