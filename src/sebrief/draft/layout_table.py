"""Tables in the text ``pdftotext -layout`` writes, their columns side by side, rewritten one row a
line with their cells separated by ' | ' (the delimited shape), so that a cell's words, spread
over several lines among the other columns' words, become one quote of the text::

    Omschrijving                Procedure             Opdrachtnemer     Bedrag
                                                                        (incl. btw)

    Campagne 'Samen sterk       Openbare procedure    Reclamebureau     1,2 miljoen
    in de buurt'                                      Lichtpunt         euro

The header's words, two spaces or more apart, give the columns' left edges; a word belongs to the
column whose edge stands at or before it (a few characters of slack: the text is not always
aligned). A blank line ends a row. A line of running text (no gap of two spaces, as wide as the
table) or a numbered part ends the table; a group with no amount after a page break is the rest
of the row above. ``sebrief.draft.extract`` rewrites a text file so, and the draft quotes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sebrief.draft.lines import Line, join, split_lines
from sebrief.draft.structure import Column, ColumnRole
from sebrief.draft.table_columns import DELIMITER, cell_role, column_at, looks_like_header, word_role
from sebrief.draft.values import NONE_TEXTS, STATUS_RE, VAT_RE, normalise_space, parse_amount

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


def delimit_layout(text: str) -> tuple[str, int]:
    """The text with each table laid out in columns rewritten one row a line, its cells separated
    by ' | ' (the delimited shape), and how many tables were rewritten. Other lines are kept."""
    lines = split_lines(text)
    out: list[str] = []
    count = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        if not is_layout_header(line.text):
            out.append(("\f" if line.page_break and (index == 0 or lines[index - 1].blank) else "") + line.text)
            index += 1
            continue
        header, rows, index = _read_layout(lines, index)
        if out and out[-1].strip():
            out.append("")
        out += [DELIMITER.join(cells).rstrip() for cells in [header, *rows]]
        out.append("")
        count += 1
    return "\n".join(out), count


def _read_layout(lines: Sequence[Line], start: int) -> tuple[list[str], list[list[str]], int]:
    """The header's cells, the rows' cells and the index past the table whose header is ``lines[start]``."""
    header = _cells_of_header(lines[start].text)
    starts = [offset for offset, _ in header]
    names: list[list[tuple[int, str]]] = [[(lines[start].number, text)] for _, text in header]
    index = start + 1
    while index < len(lines) and not lines[index].blank and not re.search(r"\d", lines[index].text):
        for i, cell in enumerate(_split(lines[index], starts)):
            names[i] += cell
        index += 1
    columns = [join(words).text for words in names]
    first_header = normalise_space(lines[start].text)
    amount_at = column_at([Column(cell_role(name), name) for name in columns], ColumnRole.AMOUNT)
    body: list[tuple[Line, bool, bool]] = []  # the table's lines: blank line before, page break before
    blank = page_break = False
    while index < len(lines):
        line = lines[index]
        if line.blank:
            blank, page_break = True, page_break or line.page_break
            index += 1
        elif normalise_space(line.text) == first_header:
            page_break = True  # the header repeated after a page break, and the lines that go on it
            index += 1
            while index < len(lines) and not lines[index].blank and not re.search(r"\d", lines[index].text):
                index += 1
        elif _ends(line, starts):
            break
        else:
            body.append((line, blank, page_break or line.page_break))
            blank = page_break = False
            index += 1
    end = next((i + 1 for i, line in enumerate(lines) if body and line.number == body[-1][0].number), index)
    # rows end at blank lines; in a table without them, a row starts at a line with a first cell
    tight = not any(blank for _, blank, _ in body[1:])
    rows: list[list[list[tuple[int, str]]]] = []
    for line, blank, broken in body:
        cells = _split(line, starts)
        starts_row = not rows or (blank if not tight else bool(cells[0]))
        continues = broken and amount_at is not None and not cells[amount_at]  # the rest of a row, after a page break
        if starts_row and not continues:
            rows.append([[] for _ in starts])
        for i, cell in enumerate(cells):
            rows[-1][i] += cell
    if tight and amount_at is not None:
        rows = _merged(rows, amount_at)
    texts = [[join(cell).text.replace("|", "/") for cell in row] for row in rows]
    return columns, texts, end


def _merged(rows: list[list[list[tuple[int, str]]]], amount_at: int) -> list[list[list[tuple[int, str]]]]:
    """Rows whose amount cell is not an amount (empty, or the rest of the one above: 'euro') go on
    the row above: a first cell that runs over two lines starts no row."""
    merged: list[list[list[tuple[int, str]]]] = []
    for row in rows:
        text = normalise_space(VAT_RE.sub(" ", join(row[amount_at]).text))
        own = bool(text) and (
            text.lower() in NONE_TEXTS or bool(STATUS_RE.match(text)) or parse_amount(text) is not None
        )
        if merged and not own:
            for i, cell in enumerate(row):
                merged[-1][i] += cell
        else:
            merged.append(row)
    return merged


def _ends(line: Line, starts: Sequence[int]) -> bool:
    """A numbered part, or running text: a line from the left margin as wide as the table, without a
    gap of two spaces."""
    text = line.text.rstrip()
    indent = len(text) - len(text.lstrip())
    running = indent <= starts[0] + SLACK and not _GAP_RE.search(text.strip()) and len(text) > starts[-1]
    return bool(PART_MARKER_RE.match(text)) or running
