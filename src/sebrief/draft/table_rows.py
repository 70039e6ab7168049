"""A table's rows: the cells of each row (as the delimited or the stream reader cut them) read into
values, the kind of row from the label before its description, and the table they make.

A cell that holds no value ('/', empty, 'geen kosten') stays empty; one whose value cannot be read is
a gap, with where it stands. The row's status comes from ``sebrief.draft.row_status``: in procedure,
done in house, awarded, or left for a person (a gap says why).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sebrief.draft.lines import Joined
from sebrief.draft.row_status import no_cost, row_status
from sebrief.draft.structure import (
    Column,
    ColumnRole,
    DraftedPeriod,
    Gap,
    StatedTotal,
    Table,
    TableRow,
    VatBasis,
)
from sebrief.draft.table_columns import column_at
from sebrief.draft.values import (
    NONE_TEXTS,
    STATUS_RE,
    VAT_RE,
    beneficiary_count,
    find_vat,
    normalise_space,
    parse_amount,
    parse_period,
)
from sebrief.errors import Message

# A row's kind stands as a label before its description ('Overheidsopdracht: Studie naar ...'); the
# label is one word that ends like the name of a kind of award.
KIND_WORD_ENDINGS = ("oproep", "opdracht", "contract", "overeenkomst", "subsidie", "subsidies", "toelage")
KIND_LABEL_RE = re.compile(r"^\s*(?P<word>[^\W\d_][\w-]*)\s*:(?=\s|$)")
# A row that states the table's total: 'Totaal', 'Algemeen totaal:', 'Totaalbedrag', 'Subtotaal 2017'.
TOTAL_RE = re.compile(
    r"^\s*(?:algemeen\s+|sub)?tota(?:a|)l(?:bedrag)?(?:\s+(?:19|20)\d\d)?\s*:?(?=\s|$)", re.IGNORECASE
)


def is_kind_word(word: str) -> bool:
    """Whether a word before a colon names a kind of row ('Overheidsopdracht:', 'Projectsubsidie:')."""
    return word.lower().endswith(KIND_WORD_ENDINGS)


def kind_id(label: str) -> str:
    """The id of a kind from its label as written: 'Subsidieoproep' -> 'subsidieoproep'."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:40] or "kind"


def kind_label(text: str) -> tuple[str, str, str] | None:
    """The kind a cell's label states: its id, the label as written (without its colon), the text after it."""
    match = KIND_LABEL_RE.match(text)
    if not match or not is_kind_word(match.group("word")):
        return None
    label = match.group("word")
    return kind_id(label), label, text[match.end() :].strip()


@dataclass
class RawRow:
    """A row's cells as cut from the text: per column, its fragments (more than one after a page break)."""

    cells: list[list[Joined]]
    first_line: int
    last_line: int
    split: bool = False

    def text(self, column: int) -> str:
        return " ".join(fragment.text for fragment in self.cells[column] if fragment.text)


@dataclass
class TableResult:
    table: Table | None
    end: int  # index (in the lines given) just past the table
    gaps: list[Gap] = field(default_factory=list)


@dataclass(frozen=True)
class _AmountCell:
    text: str | None
    amount: Decimal | None
    vat_basis: VatBasis
    vat_text: str | None
    status_text: str | None  # a status where the amount would stand ('In procedure')


def build_table(part: str | None, columns: Sequence[Column], raws: Sequence[RawRow], first: int, last: int,
                gaps: list[Gap]) -> Table:  # fmt: skip
    """The table of the rows read, their values parsed; what cannot be read is added to ``gaps``.
    A row that states the total ('Totaal') is kept apart as the table's stated total, not as a row."""
    totals = [total for raw in raws if (total := _stated_total(raw, columns)) is not None]
    kept = [raw for raw in raws if _stated_total(raw, columns) is None]
    rows = tuple(table_row(raw, columns, i, gaps) for i, raw in enumerate(kept, start=1))
    return Table(part, tuple(columns), _recurring_labels(rows), first, last, tuple(totals))


def _stated_total(raw: RawRow, columns: Sequence[Column]) -> StatedTotal | None:
    """The total a row states: 'Totaal' in its first cell, its amount, the other cells empty."""
    amount_at = column_at(columns, ColumnRole.AMOUNT)
    first = raw.text(0)
    if amount_at is None or amount_at == 0 or not TOTAL_RE.fullmatch(first.strip()):
        return None
    if any(raw.text(i).strip() not in NONE_TEXTS for i in range(1, len(columns)) if i != amount_at):
        return None
    text = raw.text(amount_at)
    amount_text = normalise_space(VAT_RE.sub(" ", text))
    return StatedTotal(amount_text, parse_amount(amount_text), raw.first_line, first.strip().rstrip(":"))


def table_row(raw: RawRow, columns: Sequence[Column], index: int, gaps: list[Gap]) -> TableRow:
    """The values of one row read from its cells."""
    where = Message("table row {row}, line {line}", row=index, line=raw.first_line)
    kind, kind_text, fragments = _description(raw, columns)
    description = " ".join(fragments)
    if not description:
        gaps.append(Gap(Message("row description"), where,
                        Message("the row has no description; copy it from the source")))  # fmt: skip
    period_fragments, period = _period(raw, columns, where, gaps)
    beneficiary, status_text = _beneficiary(raw, columns)
    cell = _amount(raw, columns, where, gaps)
    status_text = status_text or cell.status_text
    procedure_at = column_at(columns, ColumnRole.PROCEDURE)
    procedure = raw.text(procedure_at) or None if procedure_at is not None else None
    amount_at = column_at(columns, ColumnRole.AMOUNT)
    drafted = row_status(status_text, cell.amount, cell.text, beneficiary, procedure, amount_at is not None)
    if drafted.doubt is not None:
        gaps.append(Gap(Message("row status"), where, drafted.doubt))
    others = tuple((column.header, raw.text(i)) for i, column in enumerate(columns) if column.role is ColumnRole.OTHER)
    return TableRow(
        index=index,
        description=description,
        description_fragments=tuple(fragments),
        kind=kind,
        kind_text=kind_text,
        period_fragments=period_fragments,
        period=period,
        beneficiary=beneficiary,
        beneficiary_count=beneficiary_count(beneficiary),
        amount_text=cell.text or None,
        amount=cell.amount,
        vat_text=cell.vat_text,
        vat_basis=cell.vat_basis,
        status=drafted.status,
        status_text=status_text,
        procedure=procedure,
        split_by_page_break=raw.split,
        first_line=raw.first_line,
        last_line=raw.last_line,
        other_cells=others,
    )


def _description(raw: RawRow, columns: Sequence[Column]) -> tuple[str | None, str | None, list[str]]:
    """The kind id and label a description starts with ('Studie: ...'), and its fragments without it."""
    description_at = column_at(columns, ColumnRole.DESCRIPTION)
    fragments = [fragment.text for fragment in raw.cells[description_at or 0] if fragment.text]
    if fragments and (labelled := kind_label(fragments[0])):
        kind, kind_text, rest = labelled
        return kind, kind_text, [rest, *fragments[1:]] if rest else fragments[1:]
    return None, None, fragments


def _period(
    raw: RawRow, columns: Sequence[Column], where: Message, gaps: list[Gap]
) -> tuple[tuple[str, ...], DraftedPeriod | None]:
    period_at = column_at(columns, ColumnRole.PERIOD)
    if period_at is None:
        return (), None
    fragments = tuple(fragment.text for fragment in raw.cells[period_at] if fragment.text)
    text = " ".join(fragments)
    period = parse_period(text)
    if period is None and text.strip().lower() not in NONE_TEXTS:
        gaps.append(Gap(Message("row period"), where,
                        Message("cannot read a period in '{text}'; fill in start and end", text=text)))  # fmt: skip
    return fragments, period


def _beneficiary(raw: RawRow, columns: Sequence[Column]) -> tuple[str | None, str | None]:
    """The beneficiary, or the status that stands in its place ('In procedure')."""
    beneficiary_at = column_at(columns, ColumnRole.BENEFICIARY)
    if beneficiary_at is None:
        return None, None
    text = raw.text(beneficiary_at)
    if STATUS_RE.match(text):
        return None, text
    return (text if text.strip() not in NONE_TEXTS else None), None


def _amount(raw: RawRow, columns: Sequence[Column], where: Message, gaps: list[Gap]) -> _AmountCell:
    """The amount, its text without the VAT words, and the VAT basis: the row's words, else the header's."""
    amount_at = column_at(columns, ColumnRole.AMOUNT)
    if amount_at is None:
        return _AmountCell(None, None, VatBasis.NOT_STATED, None, None)
    text = raw.text(amount_at)
    vat_basis, vat_text = find_vat(text)
    amount_text = normalise_space(VAT_RE.sub(" ", text)) if vat_text else text
    amount: Decimal | None = None
    status_text: str | None = None
    if STATUS_RE.match(amount_text):
        status_text = amount_text
    elif not no_cost(amount_text):
        amount = parse_amount(amount_text)
        if amount is None:
            gaps.append(Gap(Message("row amount"), where,
                            Message("cannot read an amount in '{text}'; fill it in", text=amount_text)))  # fmt: skip
    if vat_text is None and amount is not None:  # the header's words, for the amounts it heads
        vat_basis, vat_text = find_vat(columns[amount_at].header)
    return _AmountCell(amount_text, amount, vat_basis, vat_text, status_text)


def _recurring_labels(rows: tuple[TableRow, ...]) -> tuple[TableRow, ...]:
    """Rows whose descriptions all start with a one-word label ('Studie: ...') carry that label as their kind.

    Labels of the known words ('Overheidsopdracht:') are read row by row; any other word is taken
    as a label only when every row of the table (two at least) has one.
    """
    if len(rows) < 2 or any(row.kind for row in rows):
        return rows
    matches = [KIND_LABEL_RE.match(row.description) for row in rows]
    if not all(matches):
        return rows
    labelled = []
    for row, match in zip(rows, matches, strict=True):
        assert match is not None
        label = match.group("word")
        first, *others = row.description_fragments
        rest = first[match.end() :].strip()
        fragments = (rest, *others) if rest else tuple(others)
        labelled.append(
            dataclasses.replace(
                row,
                kind=kind_id(label),
                kind_text=label,
                description=" ".join(fragments),
                description_fragments=fragments,
            )
        )
    return tuple(labelled)
