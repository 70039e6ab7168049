"""Tables of an answer, read from the text: one row per table line, cells verbatim, values parsed.

Three shapes of text are read (columns side by side, as ``pdftotext -layout`` writes them, are
first rewritten delimited by ``sebrief.draft.layout_table``): **delimited** (one line per row,
cells separated by ' | ', as
``sebrief.draft.extract`` writes a table it found in a PDF; ``sebrief.draft.delimited_table``) and
**stream** (the plain text layer of a PDF, each row's cells one after another;
``sebrief.draft.stream_table``) and **one cell a line** (text copied from a viewer, ``pdftotext``
without ``-layout``; ``sebrief.draft.cell_table``). The columns' roles come from the header's words
(``sebrief.draft.table_columns``), the rows' values from their cells (``sebrief.draft.table_rows``).

A row that a page break splits is joined: its fragments are kept (``description_fragments``,
``period_fragments``) and the row is flagged ``split_by_page_break``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sebrief.draft.cell_table import is_cell_table, parse_cells
from sebrief.draft.delimited_table import parse_delimited
from sebrief.draft.lines import Line
from sebrief.draft.stream_table import parse_stream
from sebrief.draft.structure import ColumnRole
from sebrief.draft.table_columns import cell_role, delimited_cells, is_delimited, looks_like_header
from sebrief.draft.table_rows import TableResult


def table_at(lines: Sequence[Line], index: int, part: str | None = None) -> TableResult | None:
    """The table that starts at ``lines[index]``, if one does."""
    text = lines[index].stripped
    if is_delimited(text) and len(_known_roles(lines[index])) >= 2:
        return parse_delimited(lines, index, part)
    if looks_like_header(text):
        stream = parse_stream(lines, index, part)
        if stream.table is not None and stream.table.rows:
            return stream
        cells = parse_cells(lines, index, part, one_line=True)  # a header on one line, the cells one a line
        return cells if cells.table is not None and cells.table.rows else stream
    if is_cell_table(lines, index):
        return parse_cells(lines, index, part)
    return None


def _known_roles(line: Line) -> set[ColumnRole]:
    return {cell_role(cell) for cell in delimited_cells(line)} - {ColumnRole.OTHER}
