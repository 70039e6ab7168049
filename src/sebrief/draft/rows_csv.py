"""The CSV file of a drafted table: one line per row, its values and its verbatim texts.

The columns are the dataset format's (``ROW_COLUMNS``); an amount is written only when it is
exact to the cent, a period of years as a period of month precision. What is left to fill in is
added to the plan's gaps.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from sebrief.draft.dataset_plan import DatasetPlan, TablePlan, part_label
from sebrief.draft.structure import ColumnRole, DraftedPrecision, Gap, TableRow
from sebrief.errors import Message

ROW_COLUMNS = (
    "id",
    "kind",
    "description",
    "description_source",
    "period_start",
    "period_end",
    "period_precision",
    "period_text",
    "status",
    "beneficiary",
    "beneficiary_count",
    "amount",
    "amount_text",
    "vat_basis",
    "vat_text",
    "procedure",
    "source_ref",
    "note_nl",
    "note_en",
)
_SPLIT_NOTE_NL = "Door een paginaovergang gesplitst in de bron; de delen zijn samengevoegd."
_SPLIT_NOTE_EN = "Split by a page break in the source; the fragments are joined."


def table_csv(plan: DatasetPlan, table: TablePlan) -> str:
    """The text of the CSV file of ``table``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROW_COLUMNS)
    for column in table.table.columns:
        if column.role is ColumnRole.OTHER:
            plan.gaps.append(
                Gap(
                    Message("column '{column}'", column=column.header),
                    Message("table {table}", table=table.block_id),
                    Message(
                        "a column of no known role: its cells are not drafted; add them as a grouping or "
                        "in the rows' notes if they matter"
                    ),
                )
            )
    for row_id, row in zip(table.row_ids, table.table.rows, strict=True):
        writer.writerow(_row(plan, table, row_id, row))
    return buffer.getvalue()


def _amount_text(amount: Decimal | None) -> str:
    if amount is None or amount != amount.quantize(Decimal("0.01")):
        return ""
    return f"{amount:.2f}"


def _source_ref(plan: DatasetPlan, table: TablePlan, row: TableRow) -> str:
    """Where the row stands, in Dutch: 'Antwoord 2, tabel 1, rij 3 (regels 40-44)'."""
    where = part_label(table.owner.ids) if table.owner else ""
    name = "tabel" if len(plan.tables) == 1 else f"tabel {table.block_id.removeprefix('T-')}"
    answer = f"Antwoord {where}" if where and where != "0" else "Antwoord"
    lines = f"regel {row.first_line}" if row.first_line == row.last_line else f"regels {row.first_line}-{row.last_line}"
    return f"{answer}, {name}, rij {row.index} ({lines})"


def _row(plan: DatasetPlan, table: TablePlan, row_id: str, row: TableRow) -> list[str]:
    period = row.period
    precision = "" if period is None else ("day" if period.precision is DraftedPrecision.DAY else "month")
    amount = _amount_text(row.amount)
    if row.amount is not None and not amount:
        hint = Message("'{text}' is not exact to the cent: fill in the amount", text=row.amount_text)
        plan.gaps.append(Gap(Message("row {row} amount", row=row_id), table.file, hint))
    split = row.split_by_page_break
    values = {
        "id": row_id,
        "kind": row.kind or "",
        "description": row.description,
        "description_source": row.description_source or "",
        "period_start": period.start.isoformat() if period else "",
        "period_end": period.end.isoformat() if period else "",
        "period_precision": precision,
        "period_text": row.period_text or "",
        "status": row.status.value if row.status else "",
        "beneficiary": row.beneficiary or "",
        "beneficiary_count": str(row.beneficiary_count) if row.beneficiary and row.beneficiary_count else "",
        "amount": amount,
        "amount_text": row.amount_text or "",
        "vat_basis": row.vat_basis.value,
        "vat_text": row.vat_text or "",
        "procedure": row.procedure or "",
        "source_ref": _source_ref(plan, table, row),
        "note_nl": _SPLIT_NOTE_NL if split else "",
        "note_en": _SPLIT_NOTE_EN if split else "",
    }
    return [values[column] for column in ROW_COLUMNS]
