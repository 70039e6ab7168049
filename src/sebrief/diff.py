"""Follow-up stage: what changed between two versions of a dataset.

``diff_datasets(old, new)`` compares two loaded datasets and returns a frozen ``DatasetDiff``:
one ``Change`` per changed field, added or removed item, and the change in the key figures
(total per kind of row, rows in procedure). It computes and decides; ``DatasetDiff.text_lines``
and ``DatasetDiff.to_json_dict`` only write what it found, so the PDF and the workbook can add a
"changes since the previous version" section from the same object.

Items are matched by id (rows, sub-actions, passages...). A row that goes from in procedure to
awarded is one ``awarded`` change carrying its amount, beneficiary and period. A verbatim form of
a value (``amount_text``, ``period_text``, ``description_source``, ``vat_text``) is reported only
when the value itself did not change, so a new amount is one change, not two.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from sebrief.export.tabular import amount_text, json_value
from sebrief.model import Dataset, Period, RowKind, RowStatus, SubAction, TableRow, VatBasis

Value = str | int | Decimal | dt.date | BaseModel | tuple[Any, ...] | None
M = TypeVar("M", bound=BaseModel)


class Section(StrEnum):
    """Where in the dataset a change is."""

    DATASET = "dataset"
    METADATA = "metadata"
    ROW = "row"
    ACTION = "action"
    SUB_ACTION = "sub_action"
    PILLAR = "pillar"
    PASSAGE = "passage"
    INITIATIVE = "initiative"
    QUESTION = "question"
    CURATION_NOTE = "curation_note"
    SOURCE = "source"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    AWARDED = "awarded"  # a row that was in procedure and is now awarded


@dataclass(frozen=True)
class Award:
    """What an awarded change brings: the award as the new version gives it."""

    amount: Decimal
    beneficiary: str
    beneficiary_count: int | None
    period: Period
    vat_basis: VatBasis


@dataclass(frozen=True)
class Change:
    """One change: an item added or removed (``old``/``new`` hold it), a field changed, an award."""

    section: Section
    subject: str  # the item's id ("R08", "A3.2", "P-WEBSITE"); "" for the dataset's metadata
    kind: ChangeKind
    field: str = ""  # the changed field, dotted for nested ones ("asker.last_name"); "" otherwise
    old: Value | Award = None
    new: Value | Award = None

    @property
    def text(self) -> str:
        """The change as one line of English, amounts with two decimals."""
        return format_change(self)


@dataclass(frozen=True)
class KeyFigures:
    """The figures a reader compares first. Totals are per kind: the kinds are never added up."""

    rows_per_kind: tuple[tuple[RowKind, int], ...]
    total_per_kind: tuple[tuple[RowKind, Decimal], ...]
    rows_in_procedure: int

    def rows(self, kind: RowKind) -> int:
        return dict(self.rows_per_kind)[kind]

    def total(self, kind: RowKind) -> Decimal:
        return dict(self.total_per_kind)[kind]


@dataclass(frozen=True)
class FigureChange:
    """One key figure in the old and the new version."""

    name: str  # "total.public_contract", "rows.subsidy_call", "rows_in_procedure"
    label: str
    old: Decimal | int
    new: Decimal | int

    @property
    def delta(self) -> Decimal | int:
        return self.new - self.old

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class DatasetDiff:
    old_id: str
    new_id: str
    changes: tuple[Change, ...]
    old_figures: KeyFigures
    new_figures: KeyFigures

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    def figure_changes(self) -> tuple[FigureChange, ...]:
        """Every key figure, old and new (``changed`` tells which moved)."""
        return figure_changes(self.old_figures, self.new_figures)

    def text_lines(self) -> list[str]:
        """The diff as readable lines: a heading, one line per change, the key figures that moved."""
        if not self.changes:
            return [f"{self.old_id} -> {self.new_id}: no differences"]
        count = len(self.changes)
        lines = [f"{self.old_id} -> {self.new_id}: {count} change{'s' if count != 1 else ''}"]
        lines += [change.text for change in self.changes]
        moved = [figure for figure in self.figure_changes() if figure.changed]
        if moved:
            lines.append("key figures:")
            lines += [f"  {format_figure(figure)}" for figure in moved]
        return lines

    def to_json_dict(self) -> dict[str, Any]:
        """The diff as JSON data for tools: amounts as two-decimal strings, dates ISO 8601."""
        return {
            "old_id": self.old_id,
            "new_id": self.new_id,
            "has_changes": self.has_changes,
            "changes": [
                {
                    "section": change.section.value,
                    "subject": change.subject,
                    "kind": change.kind.value,
                    "field": change.field,
                    "old": json_value(change.old),
                    "new": json_value(change.new),
                    "text": change.text,
                }
                for change in self.changes
            ],
            "key_figures": [
                {
                    "name": figure.name,
                    "label": figure.label,
                    "old": json_value(figure.old),
                    "new": json_value(figure.new),
                    "delta": json_value(figure.delta),
                    "changed": figure.changed,
                }
                for figure in self.figure_changes()
            ],
        }


# --- comparing ------------------------------------------------------------------------------

# A verbatim form of a value, reported only when the value itself did not change.
VERBATIM_FORMS = {
    "description_source": "description",
    "period_text": "period",
    "amount_text": "amount",
    "vat_text": "vat_basis",
}
# Fields an awarded change carries, so they are not listed again as changed fields.
AWARD_FIELDS = ("status", "amount", "beneficiary", "beneficiary_count", "period", "vat_basis")
# Parts of dataset.yaml compared item by item; any other field is compared as a whole.
COMPARED_APART = frozenset(
    {
        "metadata",
        "convenant_actions",
        "answer",
        "curation_notes",
        "pillars",
        "passages",
        "initiatives",
        "introduction",
        "parts",
    }
)


def diff_datasets(old: Dataset, new: Dataset) -> DatasetDiff:
    """Every difference between ``old`` and ``new``, in the order of the sections above."""
    main, answer, question = (
        (old.main, new.main),
        (old.main.answer, new.main.answer),
        (old.main.question, new.main.question),
    )
    changes = [
        *_fields(Section.DATASET, "", *main, _other_fields(new.main, COMPARED_APART)),
        *_fields(Section.METADATA, "", old.metadata, new.metadata),
        *_rows(old.rows, new.rows),
        *_actions(old, new),
        *_items(Section.PILLAR, old.main.answer.pillars, new.main.answer.pillars, lambda p: str(p.number)),
        *_items(Section.PASSAGE, old.main.answer.passages, new.main.answer.passages, lambda p: p.id),
        *_items(Section.INITIATIVE, old.main.answer.initiatives, new.main.answer.initiatives, lambda i: i.id),
        *_fields(Section.DATASET, "", *answer, _other_fields(new.main.answer, COMPARED_APART), "answer."),
        *_items(Section.QUESTION, _question_items(old), _question_items(new), lambda q: q.id),
        *_fields(Section.DATASET, "", *question, _other_fields(new.main.question, COMPARED_APART), "question."),
        *_curation_notes(old, new),
        *_source(old, new),
    ]
    return DatasetDiff(old.id, new.id, tuple(changes), key_figures(old), key_figures(new))


def _other_fields(model: BaseModel, apart: frozenset[str]) -> list[str]:
    return [name for name in type(model).model_fields if name not in apart]


def _fields(
    section: Section, subject: str, old: BaseModel, new: BaseModel, names: Sequence[str] | None = None, prefix: str = ""
) -> Iterator[Change]:
    """The fields of two versions of one item that differ; nested objects field by field."""
    for name in names if names is not None else type(new).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if isinstance(before, BaseModel) and isinstance(after, BaseModel) and not isinstance(after, Period):
            yield from _fields(section, subject, before, after, None, f"{prefix}{name}.")
        else:
            yield Change(section, subject, ChangeKind.CHANGED, f"{prefix}{name}", before, after)


def _items(
    section: Section,
    old: Sequence[M],
    new: Sequence[M],
    key: Callable[[M], str],
    skip: tuple[str, ...] = (),
) -> Iterator[Change]:
    """Items matched by ``key``: changed and added ones in the new order, then removed ones."""
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    for identifier, item in after.items():
        if identifier not in before:
            yield Change(section, identifier, ChangeKind.ADDED, new=item)
        else:
            names = [name for name in type(item).model_fields if name not in skip]
            yield from _fields(section, identifier, before[identifier], item, names)
    for identifier, item in before.items():
        if identifier not in after:
            yield Change(section, identifier, ChangeKind.REMOVED, old=item)


def _rows(old: Sequence[TableRow], new: Sequence[TableRow]) -> Iterator[Change]:
    """Rows matched by id: changed and added ones in the new order, then removed ones."""
    before = {row.id: row for row in old}
    after = {row.id for row in new}
    for row in new:
        if row.id in before:
            yield from _row_changes(before[row.id], row)
        else:
            yield Change(Section.ROW, row.id, ChangeKind.ADDED, new=row)
    for row in old:
        if row.id not in after:
            yield Change(Section.ROW, row.id, ChangeKind.REMOVED, old=row)


def _row_changes(old: TableRow, new: TableRow) -> Iterator[Change]:
    carried: set[str] = set()
    if old.status is RowStatus.IN_PROCEDURE and new.is_awarded:
        assert new.amount is not None and new.beneficiary is not None and new.period is not None
        award = Award(new.amount, new.beneficiary, new.beneficiary_count, new.period, new.vat_basis)
        yield Change(Section.ROW, new.id, ChangeKind.AWARDED, new=award)
        carried = set(AWARD_FIELDS)
    changes = list(_fields(Section.ROW, new.id, old, new))
    changed = {change.field for change in changes} | carried
    for change in changes:
        if change.field not in carried and VERBATIM_FORMS.get(change.field) not in changed:
            yield change


def _actions(old: Dataset, new: Dataset) -> Iterator[Change]:
    old_actions, new_actions = old.main.convenant_actions, new.main.convenant_actions
    yield from _items(Section.ACTION, old_actions, new_actions, lambda action: action.id, skip=("sub_actions",))
    old_subs = [sub for action in old_actions for sub in action.sub_actions]
    new_subs = [sub for action in new_actions for sub in action.sub_actions]
    yield from _items(Section.SUB_ACTION, old_subs, new_subs, lambda sub: sub.id)


class _QuestionItem(BaseModel):
    """An introduction passage, part or sub-part of the question, matched by its id."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str


def _question_items(dataset: Dataset) -> list[_QuestionItem]:
    question = dataset.main.question
    items = [_QuestionItem(id=intro.id, text=intro.text) for intro in question.introduction]
    for part in question.parts:
        items.append(_QuestionItem(id=part.id, text=part.text))
        items += [_QuestionItem(id=sub.id, text=sub.text) for sub in part.subparts]
    return items


def _curation_notes(old: Dataset, new: Dataset) -> Iterator[Change]:
    before, after = old.main.curation_notes, new.main.curation_notes
    for index, note in enumerate(after, start=1):
        if note not in before:
            yield Change(Section.CURATION_NOTE, str(index), ChangeKind.ADDED, new=note)
    for index, note in enumerate(before, start=1):
        if note not in after:
            yield Change(Section.CURATION_NOTE, str(index), ChangeKind.REMOVED, old=note)


def _source(old: Dataset, new: Dataset) -> Iterator[Change]:
    if old.source_text != new.source_text:
        digests = [hashlib.sha256(d.source_text.encode("utf-8")).hexdigest() for d in (old, new)]
        yield Change(Section.SOURCE, new.metadata.source.file, ChangeKind.CHANGED, "sha256", *digests)


# --- key figures ----------------------------------------------------------------------------


def key_figures(dataset: Dataset) -> KeyFigures:
    """Rows and total amount per kind of row, and the number of rows still in procedure."""
    kinds = tuple(RowKind)
    return KeyFigures(
        rows_per_kind=tuple((kind, sum(1 for row in dataset.rows if row.kind is kind)) for kind in kinds),
        total_per_kind=tuple(
            (kind, sum((row.amount or Decimal(0) for row in dataset.rows if row.kind is kind), Decimal(0)))
            for kind in kinds
        ),
        rows_in_procedure=sum(1 for row in dataset.rows if row.status is RowStatus.IN_PROCEDURE),
    )


def figure_changes(old: KeyFigures, new: KeyFigures) -> tuple[FigureChange, ...]:
    """The key figures side by side: rows and total per kind, then rows in procedure."""
    figures: list[FigureChange] = []
    for kind in RowKind:
        plural = _KIND_PLURAL[kind]
        figures.append(FigureChange(f"rows.{kind.value}", plural, old.rows(kind), new.rows(kind)))
        figures.append(FigureChange(f"total.{kind.value}", f"total of {plural}", old.total(kind), new.total(kind)))
    figures.append(FigureChange("rows_in_procedure", "rows in procedure", old.rows_in_procedure, new.rows_in_procedure))
    return tuple(figures)


_KIND_PLURAL = {RowKind.SUBSIDY_CALL: "subsidy calls", RowKind.PUBLIC_CONTRACT: "public contracts"}


# --- writing --------------------------------------------------------------------------------

_SECTION_LABEL = {
    Section.DATASET: "dataset",
    Section.METADATA: "metadata",
    Section.ROW: "row",
    Section.ACTION: "action",
    Section.SUB_ACTION: "sub-action",
    Section.PILLAR: "pillar",
    Section.PASSAGE: "passage",
    Section.INITIATIVE: "initiative",
    Section.QUESTION: "question",
    Section.CURATION_NOTE: "curation note",
    Section.SOURCE: "source text",
}


def format_change(change: Change) -> str:
    """One line of English for ``change``."""
    where = " ".join(part for part in (_SECTION_LABEL[change.section], change.subject) if part)
    if change.kind is ChangeKind.AWARDED:
        assert isinstance(change.new, Award)
        return f"{where} awarded (was in procedure): {_award_text(change.new)}"
    if change.kind is ChangeKind.ADDED:
        return f"{where} added: {_item_text(change.new)}"
    if change.kind is ChangeKind.REMOVED:
        return f"{where} removed: {_item_text(change.old)}"
    return f"{where} {change.field}: {format_value(change.old)} -> {format_value(change.new)}"


def format_figure(figure: FigureChange) -> str:
    delta = figure.delta
    sign = "+" if delta > 0 else ""
    return f"{figure.label}: {format_value(figure.old)} -> {format_value(figure.new)} ({sign}{format_value(delta)})"


def format_value(value: object) -> str:
    """A value as the text output writes it: amounts with two decimals, dates ISO, texts quoted."""
    if value is None:
        return "(empty)"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return amount_text(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return f"{value.start.isoformat()} to {value.end.isoformat()} ({value.precision.value})"
    if isinstance(value, tuple):
        return ", ".join(format_value(item).strip('"') for item in value) if value else "(none)"
    if isinstance(value, BaseModel):
        return json.dumps(json_value(value), ensure_ascii=False)
    return str(value)


def _award_text(award: Award) -> str:
    vat = {VatBasis.EXCL_VAT: " excl. VAT", VatBasis.INCL_VAT: " incl. VAT"}.get(award.vat_basis, "")
    return f"{amount_text(award.amount)} EUR{vat} to {format_value(award.beneficiary)}, {format_value(award.period)}"


def _item_text(item: object) -> str:
    if isinstance(item, TableRow):
        state = (
            f"{amount_text(item.amount)} EUR, {format_value(item.beneficiary)}, {format_value(item.period)}"
            if item.amount is not None and item.period is not None
            else "in procedure"
        )
        return f"{item.kind.value} {format_value(item.description)}, {state}"
    if isinstance(item, SubAction):
        return f"modes {format_value(item.modes)}, basis {format_value(item.basis)}"
    if isinstance(item, BaseModel):
        fields = type(item).model_fields
        for name in ("text", "summary"):
            if name in fields:
                return format_value(getattr(item, name))
    return format_value(item)
