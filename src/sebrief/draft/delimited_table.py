"""A table in the delimited shape: one line per row, cells separated by ' | ' (what
``sebrief.draft.extract`` writes for a table it found in a PDF, ruled or not).

A page break (form feed) inside the table is kept: after it, a row with no kind label and either no
description or neither beneficiary nor amount is the rest of the row above, which is then flagged
``split_by_page_break``. The header repeated on a new page is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from sebrief.draft.lines import Joined, Line, join
from sebrief.draft.structure import Column, ColumnRole, Gap, at_line
from sebrief.draft.table_columns import cell_role, column_at, delimited_cells, is_delimited
from sebrief.draft.table_rows import RawRow, TableResult, build_table, kind_label
from sebrief.draft.values import normalise_space
from sebrief.errors import Message


def parse_delimited(lines: Sequence[Line], start: int, part: str | None = None) -> TableResult:
    """The table whose header is ``lines[start]``, in the delimited shape."""
    gaps: list[Gap] = []
    header = delimited_cells(lines[start])
    columns = [Column(cell_role(cell), cell) for cell in header]
    raws: list[RawRow] = []
    index = end = start + 1
    page_break = False
    while index < len(lines):
        line = lines[index]
        page_break = page_break or line.page_break
        if line.blank:
            index += 1
            continue
        if not is_delimited(line.text):
            break
        cells = delimited_cells(line)
        cells += [""] * (len(columns) - len(cells))
        index = end = index + 1
        if [normalise_space(c) for c in cells[: len(header)]] == [normalise_space(c) for c in header]:
            continue  # the header repeated on a new page
        joined = [join([(line.number, cell)]) for cell in cells[: len(columns)]]
        if page_break and raws and _continues(cells, columns):
            _append_to(raws[-1], joined, line.number)
        else:
            raws.append(RawRow([[cell] if cell.text else [] for cell in joined], line.number, line.number))
        page_break = False
    if not raws:
        gaps.append(Gap(Message("table rows"), at_line(lines[start].number),
                        Message("the table has a header but no rows")))  # fmt: skip
    last = lines[end - 1].number
    return TableResult(build_table(part, columns, raws, lines[start].number, last, gaps), end, gaps)


def _continues(cells: Sequence[str], columns: Sequence[Column]) -> bool:
    """After a page break: a row with no description, or with neither beneficiary nor amount, and
    no kind label, is the rest of the row above."""
    amount_at = column_at(columns, ColumnRole.AMOUNT)
    beneficiary_at = column_at(columns, ColumnRole.BENEFICIARY)
    description_at = column_at(columns, ColumnRole.DESCRIPTION) or 0
    empty = {i for i, cell in enumerate(cells) if not cell.strip()}
    no_value = (amount_at is None or amount_at in empty) and (beneficiary_at is None or beneficiary_at in empty)
    return kind_label(cells[description_at]) is None and (description_at in empty or no_value)


def _append_to(previous: RawRow, joined: Sequence[Joined], line_number: int) -> None:
    for i, cell in enumerate(joined):
        if cell.text:
            previous.cells[i].append(cell)
    previous.split = True
    previous.last_line = line_number
