"""The dataset format, version 2: any written question of the genre, described by its dataset.

A dataset says what the question asks (parts and subparts, numbered as the source numbers them)
and how the answer addresses each part, through **answer blocks** (``sebrief.dataset.answer``:
tables, classifications, figures and text); the rows of its tables come from CSV files.

Row kinds (subsidy call, public contract, framework call-off, grant...) and the groupings rows
are totalled by (themes, regions, pillars...) are defined in the dataset with their labels in
both languages: nothing here knows one question's words.

This module is the format's face: it puts the question, the vocabularies, the answer and the rows
together, and hands on every name of the format (``__all__``), so that the other stages import
them from here. Field-level rules live here and in ``sebrief.dataset.answer``; rules that span
fields or files live in ``sebrief.dataset.validate``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from sebrief.dataset.answer import (
    Answer,
    AnswerBlock,
    Binding,
    Category,
    ClassificationBlock,
    Column,
    Coverage,
    Figure,
    FiguresBlock,
    Item,
    ItemGroup,
    PartAnswer,
    Passage,
    TableBlock,
    TextBlock,
    TextPoint,
    Unit,
)
from sebrief.dataset.fields import (
    Amount,
    Basis,
    Frozen,
    Identifier,
    Localized,
    Metadata,
    Period,
    Precision,
    Quote,
    QuotedText,
    RowStatus,
    Text,
    VatBasis,
    rule_error,
)
from sebrief.errors import Message, and_list, or_list

SCHEMA_VERSION = 2

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "AnswerBlock",
    "Basis",
    "Binding",
    "Category",
    "ClassificationBlock",
    "Column",
    "Coverage",
    "Dataset",
    "DatasetFile",
    "Figure",
    "FiguresBlock",
    "Grouping",
    "GroupingValue",
    "Item",
    "ItemGroup",
    "Kind",
    "Localized",
    "Metadata",
    "Part",
    "PartAnswer",
    "Passage",
    "Period",
    "Precision",
    "Question",
    "Row",
    "RowStatus",
    "SubPart",
    "TableBlock",
    "TextBlock",
    "TextPoint",
    "Unit",
    "VatBasis",
]


# --- the question --------------------------------------------------------------------------


class SubPart(Frozen):
    id: Identifier
    text: Quote
    answered_by: tuple[Identifier, ...] = ()


class Part(Frozen):
    id: Identifier
    text: Quote
    answered_by: tuple[Identifier, ...] = ()
    subparts: tuple[SubPart, ...] = ()


class Question(Frozen):
    introduction: tuple[QuotedText, ...] = ()
    parts: Annotated[tuple[Part, ...], Field(min_length=1)]

    def all_parts(self) -> Iterator[Part | SubPart]:
        """Every part and subpart, in the question's order."""
        for part in self.parts:
            yield part
            yield from part.subparts


# --- vocabularies the dataset defines ------------------------------------------------------


class Kind(Frozen):
    """A kind of row: a subsidy call, a public contract, a grant, a study..."""

    id: Identifier
    label: Localized
    plural: Localized
    # Public procurement: contract values, compared with procurement thresholds (excl. VAT), and
    # the supplier signals apply. Subsidies, grants and in-house work are not procurement.
    procurement: bool = False


class GroupingValue(Frozen):
    id: Identifier
    label: Localized
    text: Quote | None = None  # the answer's own words for it, when the answer gives them


class Grouping(Frozen):
    """A dimension rows are totalled by (a theme, a region, a pillar, a year...).

    Its id is also the name of its column in the table's CSV file, and ``<id>_basis`` (optional)
    says whether the answer states the value or we infer it.
    """

    id: Identifier
    label: Localized
    multiple: bool = False  # a row may have several values ("1;4"): their totals overlap
    values: Annotated[tuple[GroupingValue, ...], Field(min_length=1)]

    def value(self, value_id: str) -> GroupingValue | None:
        return next((v for v in self.values if v.id == value_id), None)


# --- table rows ----------------------------------------------------------------------------


# A status as a constant: an enum's member read from its class costs more than the test itself, and
# the stages ask a long table's rows for theirs a million times.
_AWARDED, _IN_HOUSE = RowStatus.AWARDED, RowStatus.IN_HOUSE


class Row(Frozen):
    """One row of one of the answer's tables."""

    id: Identifier
    table: Identifier  # the table block it belongs to (set by the loader from the file)
    kind: Identifier
    description: Text
    description_source: Quote | None = None
    period: Period | None
    period_text: Quote | None = None
    status: RowStatus
    beneficiary: Quote | None
    beneficiary_count: Annotated[int, Field(ge=1)] | None = None
    amount: Amount | None
    amount_text: Quote | None = None
    vat_basis: VatBasis
    vat_text: Quote | None = None
    procedure: Quote | None = None
    groupings: dict[Identifier, tuple[Identifier, ...]] = Field(default_factory=dict)
    grouping_basis: dict[Identifier, Literal[Basis.STATED, Basis.INFERRED]] = Field(default_factory=dict)
    source_ref: Text
    note: Localized | None = None
    period_from_table: bool = False  # the period is the table's (set by the loader), not the row's own

    @model_validator(mode="after")
    def _check_status(self) -> Row:
        if self.status is RowStatus.IN_HOUSE:
            if self.amount is not None:
                raise rule_error(
                    "amount",
                    Message(
                        "a row done in house (status in_house) has no amount; leave amount empty (quote the "
                        "source's words, such as '/', in amount_text) or set status to awarded"
                    ),
                )
        elif self.status is RowStatus.AWARDED:
            missing = [name for name in ("amount", "beneficiary") if getattr(self, name) is None]
            if missing:
                raise rule_error(
                    missing[0],
                    Message.plural(
                        "an awarded row needs {columns}; fill it in or set status to in_procedure (or in_house for "
                        "work the administration does itself)",
                        "an awarded row needs {columns}; fill them in or set status to in_procedure (or in_house for "
                        "work the administration does itself)",
                        len(missing),
                        columns=and_list(missing),
                    ),
                    *missing[1:],
                )
        else:
            present = [
                name for name in ("amount", "beneficiary", "beneficiary_count") if getattr(self, name) is not None
            ]
            if present:
                raise rule_error(
                    present[0],
                    Message.plural(
                        "a row in procedure has no {columns} yet; leave it empty or set status to awarded",
                        "a row in procedure has no {columns} yet; leave them empty or set status to awarded",
                        len(present),
                        columns=or_list(present),
                    ),
                    *present[1:],
                )
        if self.amount is not None and self.amount_text is None:
            raise rule_error("amount_text", Message("an amount comes with the source's words for it in amount_text"))
        if self.period is not None and self.period_text is None:
            raise rule_error("period_text", Message("a period comes with the source's words for it in period_text"))
        return self

    @property
    def is_awarded(self) -> bool:
        return self.status is _AWARDED

    @property
    def is_in_house(self) -> bool:
        return self.status is _IN_HOUSE


# --- the dataset ---------------------------------------------------------------------------


class DatasetFile(BaseModel):
    """The main file of a dataset (``dataset.yaml``), version 2; rows come from the tables' CSV files."""

    model_config = ConfigDict(title="sebrief dataset", frozen=True, extra="forbid", str_strip_whitespace=True)

    schema_version: Literal[2]
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
    language: Literal["nl", "en"] = "nl"
    metadata: Metadata
    question: Question
    kinds: tuple[Kind, ...] = ()
    groupings: tuple[Grouping, ...] = ()
    answer: Answer
    curation_notes: tuple[Localized, ...] = ()

    def block(self, block_id: str) -> TableBlock | ClassificationBlock | FiguresBlock | TextBlock | None:
        return next((b for b in self.answer.blocks if b.id == block_id), None)

    def tables(self) -> tuple[TableBlock, ...]:
        return tuple(b for b in self.answer.blocks if isinstance(b, TableBlock))


_ROWS_BY_TABLE = "_rows_by_table"
KEPT_ROWS = "_kept_rows"  # rows kept in columns until asked for (``table_rows``); not a field


class Dataset(Frozen):
    """A loaded, validated dataset: the main file, the rows of its tables and its source text."""

    main: DatasetFile
    rows: tuple[Row, ...]
    source_text: str

    @property
    def id(self) -> str:
        return self.main.id

    @property
    def table_rows(self) -> Sequence[Row]:
        """The rows as the dataset keeps them: ``rows``, or, in a dataset loaded for checking only
        (``load_dataset(..., rows_on_demand=True)``), their columns (``table_rows.TableRows``), each
        row built when asked for. ``rows`` builds them all, when something asks for them."""
        kept = self.__dict__.get(KEPT_ROWS)
        return self.rows if kept is None else kept

    if not TYPE_CHECKING:  # (not for the type checker: it would take any name for one of the dataset's)

        def __getattr__(self, name: str) -> Any:
            kept = self.__dict__.get(KEPT_ROWS) if name == "rows" else None
            if kept is None:
                return super().__getattr__(name)
            self.__dict__["rows"] = rows = kept.rows()
            del self.__dict__[KEPT_ROWS]
            return rows

        def _with_rows(self) -> Dataset:
            """The dataset with its rows built (to be compared, copied or written)."""
            if KEPT_ROWS in self.__dict__:
                self.__getattr__("rows")
            return self

        def __eq__(self, other: object) -> bool:
            if isinstance(other, Dataset):
                other._with_rows()
            return super(Dataset, self._with_rows()).__eq__(other)

        def model_dump(self, **options: Any) -> dict[str, Any]:
            return super(Dataset, self._with_rows()).model_dump(**options)

        def model_dump_json(self, **options: Any) -> str:
            return super(Dataset, self._with_rows()).model_dump_json(**options)

        def model_copy(self, **options: Any) -> Dataset:
            return super(Dataset, self._with_rows()).model_copy(**options)

    @property
    def metadata(self) -> Metadata:
        return self.main.metadata

    def row(self, row_id: str) -> Row:
        return next(row for row in self.rows if row.id == row_id)

    def rows_of(self, table_id: str) -> tuple[Row, ...]:
        """The rows of one table, in order: the rows are sorted by table once, then looked up (the stages
        ask for a table's rows many times, and a table may have a hundred thousand)."""
        index = self.__dict__.get(_ROWS_BY_TABLE)  # not a field: not compared, dumped or shown
        if index is None or index[0] is not self.rows:  # none yet, or copied from a dataset with other rows
            tables: dict[str, list[Row]] = {}
            for row in self.rows:
                tables.setdefault(row.table, []).append(row)
            index = (self.rows, {table: tuple(rows) for table, rows in tables.items()})
            self.__dict__[_ROWS_BY_TABLE] = index
        return index[1].get(table_id, ())

    def passage(self, passage_id: str) -> Passage:
        return next(p for p in self.main.answer.passages if p.id == passage_id)

    def kind(self, kind_id: str) -> Kind:
        return next(k for k in self.main.kinds if k.id == kind_id)

    def grouping(self, grouping_id: str) -> Grouping:
        return next(g for g in self.main.groupings if g.id == grouping_id)
