"""Coverage of every part and subpart of a question, from the blocks that answer it.

A table answers a bound subpart as far as its rows fill the bound column; a classification
answers a category's subpart as far as its items rest on the answer's words; figures and text
blocks say how they answer (a judgement the curator made, with its basis). A part with subparts
and no judgement of its own is answered as far as its subparts are; a part no block answers is
not addressed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import and_, attrgetter, is_, itemgetter
from typing import Any

from sebrief.dataset.model import (
    Basis,
    Binding,
    Category,
    ClassificationBlock,
    Column,
    Coverage,
    Dataset,
    Part,
    Row,
    RowStatus,
    SubPart,
    TableBlock,
)
from sebrief.dataset.table_rows import TableRows
from sebrief.engine.listing import listed_rows
from sebrief.i18n import Translator, _

AWARDED, IN_HOUSE = RowStatus.AWARDED, RowStatus.IN_HOUSE


@dataclass(frozen=True)
class Judgement:
    """How one block answers one part."""

    block_id: str
    status: Coverage
    basis: Basis
    reason: str
    have: int | None = None  # rows or items that answer, of ``total``
    total: int | None = None


@dataclass(frozen=True)
class PartStatus:
    part_id: str
    parent_id: str | None
    question: str
    status: Coverage
    basis: Basis
    reason: str
    judgements: tuple[Judgement, ...]


def column_filled(row: Row, column: Column) -> bool:
    """Whether the row answers ``column``. A row done in house answers the amount and the beneficiary
    by being done in house: there is no contract value and no one it was awarded to."""
    if row.is_in_house and column in (Column.AMOUNT, Column.BENEFICIARY):
        return True
    return getattr(row, _COLUMN_FIELDS[column]) is not None


# The row's field for each column (a table of 135,000 rows asks about a million times).
_COLUMN_FIELDS = {
    Column.DESCRIPTION: "description",
    Column.PERIOD: "period",
    Column.BENEFICIARY: "beneficiary",
    Column.AMOUNT: "amount",
    Column.PROCEDURE: "procedure",
    Column.KIND: "kind",
    Column.STATUS: "status",
}


def _missing(rows: Sequence[Row], column: Column) -> list[str]:
    """The ids of the rows that do not answer ``column`` (see ``column_filled``), in one pass."""
    # The rows whose field is None, picked without a Python step per row (a table answers most columns).
    empty = compress(rows, map(is_, map(attrgetter(_COLUMN_FIELDS[column]), rows), repeat(None)))
    if column in (Column.AMOUNT, Column.BENEFICIARY):
        return [row.id for row in empty if row.status is not IN_HOUSE]
    return [row.id for row in empty]


def _with_status(rows: Sequence[Row], status: RowStatus) -> list[Row]:
    """The rows of ``status``, in order (``[row for row in rows if row.status is status]``)."""
    return list(compress(rows, map(is_, map(_STATUS, rows), repeat(status))))


_STATUS = attrgetter("status")
_FIELDS_OF = attrgetter("__dict__")


def bound_fields(tables: Iterable[TableBlock]) -> tuple[str, ...]:
    """The fields of the rows the bindings of ``tables`` ask about, each once."""
    return tuple(dict.fromkeys(_COLUMN_FIELDS[bind.column] for table in tables for bind in table.binds))


class TableColumns:
    """A table's rows read column-wise, each field once for all the table's bindings (a long table
    is gone through without a Python step per row). ``columns``: fields already read, by name."""

    def __init__(self, rows: Sequence[Row], columns: dict[str, Sequence[Any]] | None = None) -> None:
        self.rows = rows
        self._columns: dict[str, Sequence[Any]] = dict(columns or {})

    def read(self, *fields: str) -> None:
        """Reads the fields not read yet, in one pass over the rows."""
        wanted = [field for field in dict.fromkeys(fields) if field not in self._columns]
        if not wanted:
            return
        if not self.rows:
            self._columns.update(dict.fromkeys(wanted, ()))
            return
        if isinstance(self.rows, TableRows):  # kept in columns already
            self._columns.update((field, self.rows.column(field)) for field in wanted)
            return
        try:  # (a row's fields are its __dict__'s)
            records = list(map(itemgetter(*wanted), map(_FIELDS_OF, self.rows)))
        except (AttributeError, KeyError):
            records = list(map(attrgetter(*wanted), self.rows))
        if len(wanted) == 1:
            self._columns[wanted[0]] = records
        else:
            self._columns.update(zip(wanted, zip(*records, strict=True), strict=True))

    def column(self, field: str) -> Sequence[Any]:
        self.read(field)
        return self._columns[field]

    def missing(self, column: Column, awarded_only: bool) -> tuple[int, list[str]]:
        """How many rows are in scope (all, or the awarded ones), and the ids of those that do not
        answer ``column`` (``_missing`` of the scope, as ``column_filled`` judges)."""
        self.read("status", _COLUMN_FIELDS[column])
        statuses, values = self.column("status"), self.column(_COLUMN_FIELDS[column])
        empty: Iterable[bool] = map(is_, values, repeat(None))
        if awarded_only:
            awarded = list(map(is_, statuses, repeat(AWARDED)))
            total = awarded.count(True)
            empty = map(and_, empty, awarded)
        else:
            total = len(self.rows)
        picked: Iterable[int] = compress(range(len(self.rows)), empty)
        if column in (Column.AMOUNT, Column.BENEFICIARY):
            picked = [index for index in picked if statuses[index] is not IN_HOUSE]
        ids = self.column("id")
        return total, [ids[index] for index in picked]


def _count_status(have: int, total: int) -> Coverage:
    if total and have == total:
        return Coverage.ANSWERED
    return Coverage.PARTLY if have else Coverage.NOT_ANSWERED


def judge_binding(
    table: TableBlock,
    binding: Binding,
    rows: Sequence[Row],
    t: Translator,
    *,
    named: bool = False,
    columns: TableColumns | None = None,
) -> Judgement:
    """How far ``table``'s rows fill the bound column; ``named``: the reason names the table (when
    several tables answer one part, each says which it is). ``columns``: the rows read column-wise,
    when the caller has them."""
    columns = columns if columns is not None and columns.rows is rows else TableColumns(rows)
    total, missing = columns.missing(binding.column, awarded_only=binding.rows != "all")
    have = total - len(missing)
    status = _count_status(have, total)
    column = t(COLUMN_NOUNS[binding.column])
    if binding.rows == "awarded":
        reason = t.plural(
            "{have} of {count} awarded row gives {column}.",
            "{have} of {count} awarded rows give {column}.",
            total,
            have=have,
            column=column,
        )
    else:
        reason = t.plural(
            "{have} of {count} row gives {column}.", "{have} of {count} rows give {column}.", total,
            have=have, column=column,
        )  # fmt: skip
    if missing:
        reason += " " + t("Missing in: {rows}.", rows=listed_rows(missing, t))
    if named:
        reason = f"{table.title.get(t.lang)}: {reason}"
    return Judgement(table.id, status, Basis.STATED, reason, have, total)


def judge_category(block: ClassificationBlock, category: Category, t: Translator) -> Judgement:
    members = [item for item in block.items if category.id in item.categories]
    if category.not_addressed:
        count = len(members)
        reason = (
            t.plural(
                "The answer does not address {count} item: {items}.",
                "The answer does not address {count} items: {items}.",
                count,
                items=_listed(members),
            )
            if count
            else t("The answer addresses every item.")
        )
        return Judgement(block.id, Coverage.NOT_ANSWERED, Basis.NOT_ADDRESSED, reason, 0, count)
    stated = sum(1 for item in members if item.basis is Basis.STATED)
    if not members:
        reason = t("No item is placed in this category.")
        return Judgement(block.id, Coverage.NOT_ANSWERED, Basis.NOT_ADDRESSED, reason, 0, 0)
    if stated == len(members):
        reason = t("Every item placed here rests on the answer's own words.")
        return Judgement(block.id, Coverage.ANSWERED, Basis.STATED, reason, stated, len(members))
    if stated:
        reason = t.plural(
            "{stated} of {count} item rests on the answer's words; the others are our reading of the answer.",
            "{stated} of {count} items rest on the answer's words; the others are our reading of the answer.",
            len(members),
            stated=stated,
        )
        return Judgement(block.id, Coverage.PARTLY, Basis.INFERRED, reason, stated, len(members))
    reason = t.plural(
        "The answer does not say this; {count} item is placed here by inference.",
        "The answer does not say this; {count} items are placed here by inference.",
        len(members),
    )
    return Judgement(block.id, Coverage.NOT_ANSWERED, Basis.INFERRED, reason, 0, len(members))


def _listed(items: Iterable[object], limit: int = 5) -> str:
    ids = [str(getattr(item, "id", item)) for item in items]
    return ", ".join(ids[:limit]) + (f" (+{len(ids) - limit})" if len(ids) > limit else "")


def and_listed(names: list[str], t: Translator) -> str:
    """'1a', '1a and 1b', '1a, 1b and 1c'."""
    if len(names) < 2:
        return "".join(names)
    return t("{first} and {last}", first=", ".join(names[:-1]), last=names[-1])


def judgements_for(
    dataset: Dataset,
    part_id: str,
    t: Translator,
    tables: Mapping[str, Sequence[Row]] | None = None,
    columns: dict[str, TableColumns] | None = None,
) -> list[Judgement]:
    """How each block answers ``part_id``; ``tables``: the rows of each table, when the caller has
    them (``tally.rows_by_table``); ``columns``: each table's rows read column-wise, kept there for
    the next part's judgements."""
    columns = {} if columns is None else columns
    found: list[Judgement] = []
    answering = [
        b for b in dataset.main.answer.blocks if isinstance(b, TableBlock) and any(x.part == part_id for x in b.binds)
    ]
    for block in dataset.main.answer.blocks:
        for answer in block.answers:
            if answer.part == part_id:
                reason = answer.reason.get(t.lang) if answer.reason else ""
                found.append(Judgement(block.id, answer.status, answer.basis, reason))
        if isinstance(block, TableBlock):
            if not any(b.part == part_id for b in block.binds):
                continue
            rows = dataset.rows_of(block.id) if tables is None else tables.get(block.id, ())
            named = len(answering) > 1
            table_columns = columns.get(block.id)
            if table_columns is None or table_columns.rows is not rows:
                table_columns = columns[block.id] = TableColumns(rows)
            table_columns.read("status", *(_COLUMN_FIELDS[b.column] for b in block.binds))  # in one pass
            found.extend(
                judge_binding(block, b, rows, t, named=named, columns=table_columns)
                for b in block.binds
                if b.part == part_id
            )
        elif isinstance(block, ClassificationBlock):
            found.extend(judge_category(block, c, t) for c in block.categories if c.answers == part_id)
    return found


def combine(statuses: Iterable[Coverage]) -> Coverage:
    values = set(statuses)
    if values == {Coverage.ANSWERED}:
        return Coverage.ANSWERED
    if values <= {Coverage.NOT_ANSWERED}:
        return Coverage.NOT_ANSWERED
    return Coverage.PARTLY


def _combined_basis(bases: Iterable[Basis]) -> Basis:
    values = set(bases)
    for basis in (Basis.STATED, Basis.INFERRED):
        if basis in values:
            return basis
    return Basis.NOT_ADDRESSED


def part_statuses(
    dataset: Dataset,
    t: Translator,
    tables: Mapping[str, Sequence[Row]] | None = None,
    columns: dict[str, TableColumns] | None = None,
) -> tuple[PartStatus, ...]:
    """The status of every part and subpart, in the question's order (each part before its subparts).
    ``tables``: the rows of each table, when the caller has them (``tally.rows_by_table``);
    ``columns``: some tables' rows read column-wise (``TableColumns``), when the caller has them."""
    columns = {} if columns is None else columns
    if tables is None:
        from sebrief.engine.tally import rows_by_table  # (the tally and the brief it comes with, when needed)

        tables = rows_by_table(dataset.rows)
    out: list[PartStatus] = []
    for part in dataset.main.question.parts:
        subs = [_status(dataset, sub, part.id, t, tables, columns) for sub in part.subparts]
        own = judgements_for(dataset, part.id, t, tables, columns)
        if own or not subs:
            out.append(_from_judgements(part, None, own, t))
        else:
            status = combine(s.status for s in subs)
            open_parts = [s.part_id for s in subs if s.status is not Coverage.ANSWERED]
            listed = and_listed(open_parts, t)
            reason = (
                t("Every subpart is answered.")
                if not open_parts
                else t.plural(
                    "Subpart {parts} is not fully answered.",
                    "Subparts {parts} are not fully answered.",
                    len(open_parts),
                    parts=listed,
                )
            )
            basis = _combined_basis(s.basis for s in subs)
            out.append(PartStatus(part.id, None, part.text, status, basis, reason, ()))
        out.extend(subs)
    return tuple(out)


def _status(
    dataset: Dataset,
    sub: SubPart,
    parent: str,
    t: Translator,
    tables: Mapping[str, Sequence[Row]],
    columns: dict[str, TableColumns],
) -> PartStatus:
    return _from_judgements(sub, parent, judgements_for(dataset, sub.id, t, tables, columns), t)


def _from_judgements(asked: Part | SubPart, parent: str | None, found: list[Judgement], t: Translator) -> PartStatus:
    if not found:
        reason = t("No part of the answer addresses it.")
        return PartStatus(asked.id, parent, asked.text, Coverage.NOT_ANSWERED, Basis.NOT_ADDRESSED, reason, ())
    status = combine(j.status for j in found)
    basis = _combined_basis(j.basis for j in found)
    reason = " ".join(j.reason for j in found if j.reason)
    return PartStatus(asked.id, parent, asked.text, status, basis, reason, tuple(found))


# Each column's noun with its article, for a sentence ("3 of 4 rows give the amount"): the
# article goes with the noun in the catalogs, as languages give nouns different articles.
COLUMN_NOUNS = {
    Column.DESCRIPTION: _("the description"),
    Column.PERIOD: _("the period"),
    Column.BENEFICIARY: _("the beneficiary"),
    Column.AMOUNT: _("the amount"),
    Column.PROCEDURE: _("the procedure"),
    Column.KIND: _("the kind"),
    Column.STATUS: _("the status"),
}

COLUMN_NAMES = {
    Column.DESCRIPTION: _("description"),
    Column.PERIOD: _("period"),
    Column.BENEFICIARY: _("beneficiary"),
    Column.AMOUNT: _("amount"),
    Column.PROCEDURE: _("procedure"),
    Column.KIND: _("kind"),
    Column.STATUS: _("status"),
}
