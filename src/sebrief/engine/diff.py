"""Follow-up stage: what changed between two versions of a dataset (format version 2).

``diff_datasets(old, new)`` compares two loaded datasets and returns a frozen ``DatasetDiff``:
one ``Change`` per changed field, added or removed item, and the key figures of both versions.
It computes and decides, in no language: ``sebrief.engine.changes`` words the changes in the
brief's language (for the brief, the workbook and ``sebrief diff``) and writes them as JSON.

What is compared, item by item and matched by id:

- the dataset's own fields (id, language) and its metadata, field by field (``asker.last_name``);
- the question: its introduction, its parts and subparts (text, ``answered_by``, the part a
  subpart belongs to);
- the kinds of row and the groupings with their values, as the dataset defines them;
- the answer's passages;
- the answer blocks: added, removed, or changed (title, evidence, how they answer each part,
  notes, a table's file, columns and groupings) and their contents: a classification's
  categories, headings and items (categories, basis, evidence, rows, note), the figures of a
  figures block (value, unit, VAT basis, period...) and the points of a text block;
- the rows of every table, by id across tables (so a row moved to another table is one change
  of ``table``): kind, description, period, status, beneficiary, amount, VAT basis, procedure,
  each grouping and its basis, place in the source, note;
- the curation notes (by their text) and the source text (by its SHA-256).

A row that goes from in procedure to awarded is one ``awarded`` change carrying its amount, VAT
basis, beneficiary and period. The verbatim form of a value (``amount_text``, ``period_text``,
``description_source``, ``vat_text``; a figure's ``text`` and ``period_text``) is reported only
when the value itself did not change, so a new amount is one change, not two.

The key figures (``sebrief.engine.key_figures``) are per kind of row and per VAT basis, as the
answer states them: the rows of each kind, the total of each kind on each VAT basis (amounts on
different bases are never added up, nor converted here), and the rows in procedure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel

from sebrief.dataset.model import (
    ClassificationBlock,
    Dataset,
    FiguresBlock,
    Localized,
    Period,
    Row,
    RowStatus,
    TableBlock,
    TextBlock,
    VatBasis,
)
from sebrief.engine.key_figures import KeyFigure, key_figures

Block = TableBlock | ClassificationBlock | FiguresBlock | TextBlock
T = TypeVar("T")


class Section(StrEnum):
    """Where in the dataset a change is."""

    DATASET = "dataset"
    METADATA = "metadata"
    INTRODUCTION = "introduction"  # a passage of the question's introduction
    QUESTION = "question"  # a part or subpart of the question
    KIND = "kind"  # a kind of row
    GROUPING = "grouping"
    GROUPING_VALUE = "grouping_value"
    PASSAGE = "passage"
    BLOCK = "block"
    CATEGORY = "category"  # of a classification block
    ITEM_GROUP = "item_group"  # a heading of a classification block
    ITEM = "item"  # of a classification block
    FIGURE = "figure"  # of a figures block
    TEXT_POINT = "text_point"  # of a text block, by its passage
    ROW = "row"
    CURATION_NOTE = "curation_note"
    SOURCE = "source"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    AWARDED = "awarded"  # a row that was in procedure and is now awarded


@dataclass(frozen=True)
class RowAward:
    """What an awarded change brings: the award as the new version gives it."""

    amount: Decimal
    vat_basis: VatBasis
    beneficiary: str
    beneficiary_count: int | None
    period: Period | None


@dataclass(frozen=True)
class Change:
    """One change: an item added or removed (``old``/``new`` hold it), a field changed, an award.

    ``within`` names what the subject belongs to: the block of a category, heading, item, figure
    or text point, the grouping of a grouping value; empty otherwise.
    """

    section: Section
    subject: str  # the item's id ("R08", "A3.1", "2a"); "" for the dataset and its metadata
    kind: ChangeKind
    field: str = ""  # the changed field, dotted for nested ones ("asker.last_name", "groupings.theme")
    old: Any = None
    new: Any = None
    within: str = ""


@dataclass(frozen=True)
class DatasetDiff:
    old: Dataset = field(repr=False)
    new: Dataset = field(repr=False)
    changes: tuple[Change, ...]
    figures: tuple[KeyFigure, ...]

    @property
    def old_id(self) -> str:
        return self.old.id

    @property
    def new_id(self) -> str:
        return self.new.id

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    def figure(self, name: str) -> KeyFigure:
        return next(figure for figure in self.figures if figure.name == name)


# --- comparing ------------------------------------------------------------------------------

# A verbatim form of a value, reported only when the value itself did not change.
ROW_VERBATIM = {
    "description_source": "description",
    "period_text": "period",
    "amount_text": "amount",
    "vat_text": "vat_basis",
}
FIGURE_VERBATIM = {"text": "value", "period_text": "period"}
# Fields an awarded change carries, so they are not listed again as changed fields.
AWARD_FIELDS = ("status", "amount", "beneficiary", "beneficiary_count", "period", "vat_basis")
ROW_FIELDS = (
    "table", "kind", "description", "description_source", "period", "period_text", "status", "beneficiary",
    "beneficiary_count", "amount", "amount_text", "vat_basis", "vat_text", "procedure", "groupings",
    "grouping_basis", "source_ref", "note",
)  # fmt: skip
BLOCK_FIELDS: dict[str, tuple[str, ...]] = {
    "table": ("title", "file", "evidence", "binds", "answers", "groupings", "note", "period", "period_text"),
    "classification": ("title", "intro", "evidence", "answers"),
    "figures": ("title", "evidence", "answers", "note"),
    "text": ("title", "evidence", "answers", "note"),
}
COMMON_BLOCK_FIELDS = ("title", "evidence", "answers")


def diff_datasets(old: Dataset, new: Dataset) -> DatasetDiff:
    """Every difference between ``old`` and ``new``, in the order of the module's list."""
    a, b = old.main, new.main
    changes = [
        *_fields(Section.DATASET, "", a, b, ("id", "language")),
        *_metadata(a.metadata, b.metadata),
        *_matched(
            Section.INTRODUCTION,
            a.question.introduction,
            b.question.introduction,
            lambda intro: intro.id,
            lambda x, y: _fields(Section.INTRODUCTION, x.id, x, y, ("text",)),
        ),
        *_matched(
            Section.QUESTION,
            _parts(old),
            _parts(new),
            lambda part: part.id,
            lambda x, y: _fields(Section.QUESTION, x.id, x, y, ("text", "answered_by", "part")),
        ),
        *_matched(
            Section.KIND,
            a.kinds,
            b.kinds,
            lambda kind: kind.id,
            lambda x, y: _fields(Section.KIND, x.id, x, y, ("label", "plural", "procurement")),
        ),
        *_groupings(old, new),
        *_matched(
            Section.PASSAGE,
            a.answer.passages,
            b.answer.passages,
            lambda passage: passage.id,
            lambda x, y: _fields(Section.PASSAGE, x.id, x, y, ("part", "text")),
        ),
        *_matched(Section.BLOCK, a.answer.blocks, b.answer.blocks, lambda block: block.id, _block_changes),
        *_matched(Section.ROW, old.rows, new.rows, lambda row: row.id, _row_changes),
        *_curation_notes(a.curation_notes, b.curation_notes),
        *_source(old, new),
    ]
    return DatasetDiff(old, new, tuple(changes), key_figures(old, new))


def _fields(
    section: Section, subject: str, old: object, new: object, names: Iterable[str], within: str = ""
) -> Iterator[Change]:
    """The named fields of two versions of one item that differ; mappings key by key."""
    for name in names:
        before, after = getattr(old, name, None), getattr(new, name, None)
        if before == after:
            continue
        if isinstance(before, Mapping) and isinstance(after, Mapping):
            for key in _keys(before, after):
                if before.get(key) != after.get(key):
                    yield Change(
                        section, subject, ChangeKind.CHANGED, f"{name}.{key}", before.get(key), after.get(key), within
                    )
        else:
            yield Change(section, subject, ChangeKind.CHANGED, name, before, after, within)


def _keys(*mappings: Mapping[str, Any]) -> list[str]:
    """The keys of the mappings, in the order they first appear (the new version first)."""
    return list(dict.fromkeys(key for mapping in reversed(mappings) for key in mapping))


def _matched(
    section: Section,
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str],
    compare: Callable[[T, T], Iterable[Change]],
    within: str = "",
) -> Iterator[Change]:
    """Items matched by ``key``: changed and added ones in the new order, then removed ones."""
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    for identifier, item in after.items():
        if identifier in before:
            yield from compare(before[identifier], item)
        else:
            yield Change(section, identifier, ChangeKind.ADDED, new=item, within=within)
    for identifier, item in before.items():
        if identifier not in after:
            yield Change(section, identifier, ChangeKind.REMOVED, old=item, within=within)


def _without_verbatim(changes: Iterable[Change], verbatim: Mapping[str, str], carried: set[str]) -> Iterator[Change]:
    """Drop the changes an award carries, and verbatim forms of values that changed themselves."""
    changes = list(changes)
    changed = {change.field for change in changes} | carried
    for change in changes:
        if change.field not in carried and verbatim.get(change.field) not in changed:
            yield change


def _metadata(old: BaseModel, new: BaseModel, prefix: str = "") -> Iterator[Change]:
    """Metadata field by field; the member, the minister and the source one level down."""
    for name in type(new).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        nested = isinstance(before, BaseModel) and isinstance(after, BaseModel)
        if nested and not isinstance(after, Localized | Period):
            yield from _metadata(before, after, f"{prefix}{name}.")
        else:
            yield Change(Section.METADATA, "", ChangeKind.CHANGED, f"{prefix}{name}", before, after)


@dataclass(frozen=True)
class QuestionPart:
    """A part or subpart of the question, matched by its id (``part``: the part a subpart is in)."""

    id: str
    text: str
    answered_by: tuple[str, ...]
    part: str | None


def _parts(dataset: Dataset) -> list[QuestionPart]:
    out = []
    for part in dataset.main.question.parts:
        out.append(QuestionPart(part.id, part.text, part.answered_by, None))
        out += [QuestionPart(sub.id, sub.text, sub.answered_by, part.id) for sub in part.subparts]
    return out


def _groupings(old: Dataset, new: Dataset) -> Iterator[Change]:
    def compare(x: Any, y: Any) -> Iterator[Change]:
        yield from _fields(Section.GROUPING, x.id, x, y, ("label", "multiple"))
        yield from _matched(
            Section.GROUPING_VALUE,
            x.values,
            y.values,
            lambda value: value.id,
            lambda v, w: _fields(Section.GROUPING_VALUE, v.id, v, w, ("label", "text"), y.id),
            y.id,
        )

    yield from _matched(Section.GROUPING, old.main.groupings, new.main.groupings, lambda g: g.id, compare)


def _answers(block: Block) -> dict[str, Any]:
    return {answer.part: answer for answer in block.answers}


class _BlockFields:
    """A block's fields with ``answers`` keyed by part, so coverage changes part by part."""

    def __init__(self, block: Block):
        self._block = block
        self.answers = _answers(block)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._block, name, None)


def _block_changes(old: Block, new: Block) -> Iterator[Change]:
    if old.kind != new.kind:
        yield Change(Section.BLOCK, new.id, ChangeKind.CHANGED, "kind", old.kind, new.kind)
        yield from _fields(Section.BLOCK, new.id, _BlockFields(old), _BlockFields(new), COMMON_BLOCK_FIELDS)
        return
    yield from _fields(Section.BLOCK, new.id, _BlockFields(old), _BlockFields(new), BLOCK_FIELDS[new.kind])
    if isinstance(old, ClassificationBlock) and isinstance(new, ClassificationBlock):
        yield from _matched(
            Section.CATEGORY,
            old.categories,
            new.categories,
            lambda c: c.id,
            lambda x, y: _fields(
                Section.CATEGORY,
                x.id,
                x,
                y,
                ("label", "answers", "not_addressed", "description", "follow_up"),
                new.id,
            ),
            new.id,
        )
        yield from _matched(
            Section.ITEM_GROUP,
            old.groups,
            new.groups,
            lambda g: g.id,
            lambda x, y: _fields(Section.ITEM_GROUP, x.id, x, y, ("number", "text", "groupings"), new.id),
            new.id,
        )
        yield from _matched(
            Section.ITEM,
            old.items,
            new.items,
            lambda i: i.id,
            lambda x, y: _fields(
                Section.ITEM, x.id, x, y, ("group", "text", "categories", "basis", "evidence", "rows", "note"), new.id
            ),
            new.id,
        )
    elif isinstance(old, FiguresBlock) and isinstance(new, FiguresBlock):
        names = ("label", "value", "text", "unit", "unit_label", "vat_basis", "period", "period_text", "dimensions")
        yield from _matched(
            Section.FIGURE,
            old.figures,
            new.figures,
            lambda f: f.id,
            lambda x, y: _without_verbatim(_fields(Section.FIGURE, x.id, x, y, names, new.id), FIGURE_VERBATIM, set()),
            new.id,
        )
    elif isinstance(old, TextBlock) and isinstance(new, TextBlock):
        yield from _matched(
            Section.TEXT_POINT,
            old.points,
            new.points,
            lambda p: p.passage,
            lambda x, y: _fields(Section.TEXT_POINT, x.passage, x, y, ("summary", "groupings"), new.id),
            new.id,
        )


def _row_changes(old: Row, new: Row) -> Iterator[Change]:
    carried: set[str] = set()
    if old.status is RowStatus.IN_PROCEDURE and new.is_awarded:
        assert new.amount is not None and new.beneficiary is not None  # an awarded row has both
        award = RowAward(new.amount, new.vat_basis, new.beneficiary, new.beneficiary_count, new.period)
        yield Change(Section.ROW, new.id, ChangeKind.AWARDED, new=award)
        carried = set(AWARD_FIELDS)
    yield from _without_verbatim(_fields(Section.ROW, new.id, old, new, ROW_FIELDS), ROW_VERBATIM, carried)


def _curation_notes(old: Sequence[Localized], new: Sequence[Localized]) -> Iterator[Change]:
    for index, note in enumerate(new, start=1):
        if note not in old:
            yield Change(Section.CURATION_NOTE, str(index), ChangeKind.ADDED, new=note)
    for index, note in enumerate(old, start=1):
        if note not in new:
            yield Change(Section.CURATION_NOTE, str(index), ChangeKind.REMOVED, old=note)


def source_text_sha256(dataset: Dataset) -> str:
    """The SHA-256 (hex) of the source text as the quotes are checked against it: the file decoded as
    UTF-8 (a byte-order mark dropped), without the white space at its start and end (as loading
    leaves it), encoded as UTF-8. ``sebrief diff`` compares it, and the JSON export names the text by it.

    The text is encoded a piece at a time: not a second copy of a long source at once (18 MB).
    """
    text, digest = dataset.source_text, hashlib.sha256()
    for start in range(0, len(text), _SHA_PIECE):
        digest.update(text[start : start + _SHA_PIECE].encode("utf-8"))
    return digest.hexdigest()


_SHA_PIECE = 1 << 20


def _source(old: Dataset, new: Dataset) -> Iterator[Change]:
    if old.source_text != new.source_text:
        yield Change(
            Section.SOURCE,
            new.metadata.source.file,
            ChangeKind.CHANGED,
            "sha256",
            source_text_sha256(old),
            source_text_sha256(new),
        )
