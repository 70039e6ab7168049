"""A table in the text ``pdftotext -layout`` writes: its columns side by side, padded with spaces::

    Omschrijving                Procedure             Opdrachtnemer     Bedrag
                                                                        (incl. btw)

    Campagne 'Samen sterk       Openbare procedure    Reclamebureau     1,2 miljoen
    in de buurt'                                      Lichtpunt         euro

The header's words, two spaces or more apart, give the columns' left edges; a word belongs to the
column whose edge stands at or before it (a few characters of slack: the text is not always
aligned). A blank line ends a row. A line of running text (no gap of two spaces, as wide as the
table) or a numbered part ends the table; a group with no amount after a page break is the rest
of the row above.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sebrief.draft.lines import Joined, Line, join
from sebrief.draft.structure import Column, ColumnRole, Gap
from sebrief.draft.table_columns import cell_role, column_at, looks_like_header, word_role
from sebrief.draft.table_rows import RawRow, TableResult, build_table
from sebrief.draft.values import normalise_space

PART_MARKER_RE = re.compile(r"^\s*\d{1,2}[.)](?:\s|$)")
_GAP_RE = re.compile(r"\S(\s{2,})\S")
SLACK = 4


def _cells_of_header(text: str) -> list[tuple[int, str]]:
    """The header's column names and where each starts: a gap of two spaces, or a word of another
    role ('Opdrachtnemer Bedrag'), starts a column."""
    cells: list[tuple[int, list[str]]] = []
    role = None
    previous_end = -2
    for word in re.finditer(r"\S+", text):
        word_role_ = word_role(word.group())
        new_role = word_role_ is not None and word_role_ is not role
        if not cells or word.start() - previous_end >= 2 or new_role:
            cells.append((word.start(), [word.group()]))
            role = word_role_
        else:
            cells[-1][1].append(word.group())
        previous_end = word.end()
    return [(start, " ".join(words)) for start, words in cells]


def is_layout_header(text: str) -> bool:
    """A header line whose column names stand two spaces or more apart."""
    cells = _cells_of_header(text)
    return len(cells) >= 2 and bool(_GAP_RE.search(text.strip())) and looks_like_header(normalise_space(text))


def _column_of(starts: Sequence[int], position: int) -> int:
    return max((i for i, start in enumerate(starts) if position >= start - SLACK), default=0)


def _split(line: Line, starts: Sequence[int]) -> list[list[tuple[int, str]]]:
    """A line's words by column: a run of words one space apart starts in the column of its first
    word and moves on only at a word that starts in a later column (a dash stays with its run)."""
    cells: list[list[tuple[int, str]]] = [[] for _ in starts]
    column = 0
    previous_end = -2
    for word in re.finditer(r"\S+", line.text):
        own = _column_of(starts, word.start())
        if word.start() - previous_end >= 2:
            column = max(own, column) if previous_end >= 0 else own
        elif own > column and re.search(r"\w", word.group()):
            column = own
        cells[column].append((line.number, word.group()))
        previous_end = word.end()
    return cells


def parse_layout(lines: Sequence[Line], start: int, part: str | None = None) -> TableResult:
    """The table whose header is ``lines[start]``, columns side by side."""
    gaps: list[Gap] = []
    header = _cells_of_header(lines[start].text)
    starts = [offset for offset, _ in header]
    names: list[list[str]] = [[text] for _, text in header]
    index = start + 1
    while index < len(lines) and not lines[index].blank and not re.search(r"\d", lines[index].text):
        for i, cell in enumerate(_split(lines[index], starts)):
            names[i] += [text for _, text in cell]
        index += 1
    columns = [Column(cell_role(" ".join(words)), " ".join(words)) for words in names]
    first_header = normalise_space(lines[start].text)
    width = starts[-1]
    amount_at = column_at(columns, ColumnRole.AMOUNT)
    raws: list[RawRow] = []
    end = index
    page_break = False
    while index < len(lines):
        while index < len(lines) and lines[index].blank:
            page_break = page_break or lines[index].page_break
            index += 1
        if index < len(lines) and normalise_space(lines[index].text) == first_header:
            page_break = True  # the header repeated after a page break, and the lines that go on it
            index += 1
            while index < len(lines) and not lines[index].blank and not re.search(r"\d", lines[index].text):
                index += 1
            continue
        group = []
        while index < len(lines) and not lines[index].blank and not _ends(lines[index], width):
            if group and normalise_space(lines[index].text) == first_header:
                break
            group.append(lines[index])
            index += 1
        if not group:
            break
        page_break = page_break or group[0].page_break
        pieces: list[list[tuple[int, str]]] = [[] for _ in starts]
        for line in group:
            for i, cell in enumerate(_split(line, starts)):
                pieces[i] += cell
        cells: list[list[Joined]] = [[join(cell)] if cell else [] for cell in pieces]
        if page_break and raws and amount_at is not None and not cells[amount_at]:
            for i, cell in enumerate(cells):
                raws[-1].cells[i] += cell
            raws[-1].split = True
            raws[-1].last_line = group[-1].number
        else:
            raws.append(RawRow(cells, group[0].number, group[-1].number))
        page_break = False
        end = index
    if not raws:
        gaps.append(Gap("table rows", f"line {lines[start].number}", "a table header with no row that could be read; "
                        "copy its rows by hand (a table block and its CSV file)"))  # fmt: skip
    return TableResult(build_table(part, columns, raws, lines[start].number, lines[end - 1].number, gaps), end, gaps)


def _ends(line: Line, width: int) -> bool:
    """A numbered part, or running text: a line as wide as the table without a gap of two spaces."""
    text = line.text.rstrip()
    return bool(PART_MARKER_RE.match(text)) or (not _GAP_RE.search(text.strip()) and len(text) > width)
