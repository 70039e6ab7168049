"""The answer in the dataset format: its verbatim passages and the blocks that answer the question.

Each part of the question is answered through **answer blocks**:

- ``table``: rows in a CSV file, whose columns are bound to the subparts they answer (a question
  asked column by column: description, period, beneficiary, amount...); coverage is computed from
  the rows;
- ``classification``: items (tasks, measures, actions) sorted into categories the dataset
  defines, each category bound to the subpart it answers; coverage is computed from the items'
  basis;
- ``figures``: numeric facts the answer gives (a total per year, a count, FTE), each verbatim with
  its exact value, unit and period;
- ``text``: passages that answer a part in words (or refuse to).

``sebrief.dataset.model`` puts them together with the question and the rows; field-level rules live
here, rules that span fields or files in ``sebrief.dataset.validate``.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from sebrief.dataset.fields import (
    Basis,
    Frozen,
    Identifier,
    Localized,
    Period,
    Quote,
    Text,
    VatBasis,
    rule_error,
)
from sebrief.errors import Message

CsvFile = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.(csv|xlsx)$")]


class Coverage(StrEnum):
    """How far the answer answers a part."""

    ANSWERED = "answered"
    PARTLY = "partly"
    NOT_ANSWERED = "not_answered"


class Unit(StrEnum):
    EUR = "eur"
    COUNT = "count"
    FTE = "fte"
    PERCENT = "percent"
    OTHER = "other"


class Column(StrEnum):
    """The columns of a table that a subpart of the question can ask for."""

    DESCRIPTION = "description"
    PERIOD = "period"
    BENEFICIARY = "beneficiary"
    AMOUNT = "amount"
    PROCEDURE = "procedure"
    KIND = "kind"
    STATUS = "status"


class Passage(Frozen):
    """A verbatim passage of the answer, cited as evidence by blocks and items."""

    id: Identifier
    part: Identifier  # the part of the answer it stands in, as the answer numbers it
    text: Quote


class PartAnswer(Frozen):
    """How a block answers a part or subpart, where this is a judgement rather than a count."""

    part: Identifier
    status: Coverage
    basis: Basis
    reason: Localized | None = None

    @model_validator(mode="after")
    def _check(self) -> PartAnswer:
        if self.status is Coverage.ANSWERED and self.basis is Basis.NOT_ADDRESSED:
            raise rule_error(
                "basis", Message("a part the answer does not address cannot be answered; change one"), "status"
            )
        return self


class Binding(Frozen):
    """A subpart answered by one column of a table, e.g. 2d -> amount."""

    part: Identifier
    column: Column
    # Which rows must have the column filled for the subpart to be answered: every row, or only
    # the rows already awarded (e.g. "the beneficiary, if already awarded").
    rows: Literal["all", "awarded"] = "all"


class TableBlock(Frozen):
    kind: Literal["table"]
    id: Identifier
    title: Localized
    file: CsvFile
    # The sheet of an .xlsx file that holds the rows (Excel's limit: 31 characters); the first if None.
    sheet: Annotated[str, StringConstraints(min_length=1, max_length=31)] | None = None
    evidence: tuple[Identifier, ...] = ()  # passages that introduce or comment the table
    binds: tuple[Binding, ...] = ()
    answers: tuple[PartAnswer, ...] = ()  # parts it answers as a whole (judged, not counted)
    groupings: tuple[Identifier, ...] = ()  # the groupings (dataset.groupings) its rows carry
    note: Localized | None = None
    # A period the answer gives once for the whole table ("In 2017 ..."): every row without a
    # period of its own has it (the loader sets it, with ``Row.period_from_table``).
    period: Period | None = None
    period_text: Quote | None = None

    @model_validator(mode="after")
    def _check_period(self) -> TableBlock:
        if self.period is not None and self.period_text is None:
            raise rule_error(
                "period_text", Message("a table's period comes with the source's words for it in period_text")
            )
        if self.period is None and self.period_text is not None:
            raise rule_error(
                "period", Message("a table's period_text needs its period (start, end, precision); add it")
            )
        return self


class Category(Frozen):
    id: Identifier
    label: Localized
    answers: Identifier | None = None  # the subpart this category answers; None for one the answer adds
    # The category of the items the answer does not address: its items have basis not_addressed.
    not_addressed: bool = False
    description: Localized | None = None
    # A follow-up question to ask of each item in this category, with {item} for the item's text
    # (e.g. for planned items: "When will '{item}' start, and how will it be funded?").
    follow_up: Localized | None = None

    @model_validator(mode="after")
    def _check_follow_up(self) -> Category:
        if self.follow_up is not None and not all("{item}" in text for text in (self.follow_up.nl, self.follow_up.en)):
            raise rule_error(
                "follow_up", Message("a follow-up question names its item with {{item}} in both languages")
            )
        return self


class ItemGroup(Frozen):
    """A heading items belong to (an action with its sub-actions, a department with its tasks)."""

    id: Identifier
    number: Annotated[int, Field(ge=1)] | None = None
    text: Quote
    groupings: dict[Identifier, tuple[Identifier, ...]] = Field(default_factory=dict)


class Item(Frozen):
    id: Identifier
    group: Identifier | None = None
    text: Quote
    categories: Annotated[tuple[Identifier, ...], Field(min_length=1)]
    basis: Basis
    evidence: tuple[Identifier, ...] = ()
    rows: tuple[Identifier, ...] = ()
    note: Localized

    @model_validator(mode="after")
    def _check_basis(self) -> Item:
        silent = self.basis is Basis.NOT_ADDRESSED
        if silent and (self.evidence or self.rows):
            raise rule_error(
                "evidence" if self.evidence else "rows",
                Message("an item the answer does not address has no evidence and no rows; empty them"),
            )
        if not silent and not self.evidence:
            raise rule_error(
                "evidence",
                Message(
                    "basis {basis} needs at least one evidence passage id (from answer.passages); add one",
                    basis=self.basis.value,
                ),
            )
        return self


class ClassificationBlock(Frozen):
    kind: Literal["classification"]
    id: Identifier
    title: Localized
    intro: Localized | None = None  # our words: how the answer is read into the categories
    evidence: tuple[Identifier, ...] = ()
    answers: tuple[PartAnswer, ...] = ()
    categories: Annotated[tuple[Category, ...], Field(min_length=1)]
    groups: tuple[ItemGroup, ...] = ()
    items: Annotated[tuple[Item, ...], Field(min_length=1)]


class Figure(Frozen):
    """A numeric fact the answer gives: verbatim, with its exact value, unit and period."""

    id: Identifier
    label: Localized  # what it counts, in our words
    text: Quote  # the answer's words for the value, e.g. "1,2 miljoen euro"
    value: Annotated[Decimal, Field(max_digits=20, decimal_places=4)]
    unit: Unit
    unit_label: Localized | None = None  # for unit other
    vat_basis: VatBasis | None = None  # for amounts in euro
    period: Period | None = None
    period_text: Quote | None = None
    dimensions: dict[Identifier, Text] = Field(default_factory=dict)  # e.g. {province: Antwerpen}

    @model_validator(mode="after")
    def _check_unit(self) -> Figure:
        if self.unit is Unit.EUR and self.vat_basis is None:
            raise rule_error(
                "vat_basis", Message("an amount in euro says its VAT basis: excl_vat, incl_vat or not_stated")
            )
        if self.unit is not Unit.EUR and self.vat_basis is not None:
            raise rule_error(
                "vat_basis", Message("a figure in unit {unit} has no VAT basis; remove it", unit=self.unit.value)
            )
        if self.unit is Unit.OTHER and self.unit_label is None:
            raise rule_error("unit_label", Message("unit other needs a unit_label in nl and en"))
        return self


class FiguresBlock(Frozen):
    kind: Literal["figures"]
    id: Identifier
    title: Localized
    evidence: tuple[Identifier, ...] = ()
    answers: tuple[PartAnswer, ...] = ()
    figures: Annotated[tuple[Figure, ...], Field(min_length=1)]
    note: Localized | None = None


class TextPoint(Frozen):
    """A passage of the answer with, optionally, our summary of it and the groupings it names."""

    passage: Identifier
    summary: Localized | None = None
    groupings: dict[Identifier, tuple[Identifier, ...]] = Field(default_factory=dict)


class TextBlock(Frozen):
    kind: Literal["text"]
    id: Identifier
    title: Localized
    evidence: tuple[Identifier, ...] = ()
    answers: tuple[PartAnswer, ...] = ()
    points: tuple[TextPoint, ...] = ()
    note: Localized | None = None

    @model_validator(mode="after")
    def _check(self) -> TextBlock:
        if not self.evidence and not self.points:
            raise rule_error("evidence", Message("a text block quotes the answer: give evidence passage ids or points"))
        return self


AnswerBlock = Annotated[TableBlock | ClassificationBlock | FiguresBlock | TextBlock, Field(discriminator="kind")]


class Answer(Frozen):
    passages: tuple[Passage, ...] = ()
    blocks: tuple[AnswerBlock, ...] = ()
