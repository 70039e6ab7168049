"""A table whose cells each stand on their own line(s): text copied from a PDF viewer, or the text
``pdftotext`` writes without ``-layout``::

    Omschrijving            (the header: one column name a line, '(incl. btw)' may follow)
    Procedure
    Opdrachtnemer
    Bedrag
    Campagne 'Samen sterk   (a cell may run over several lines)
    in de buurt'
    Openbare procedure
    Reclamebureau Lichtpunt
    1,2 miljoen             (an amount may be cut too: it is read whole or not at all)
    euro (incl. btw)

Blank lines between the cells (``pdftotext``) are kept as the borders of cells. Without them, a
row's lines are cut into cells the way that fits best: a period cell must read as a period, an
amount cell as an amount in full; a line that starts in lower case, or follows a line ending in
'en', 'van', '&'..., goes on the cell above. A row that cannot be cut so ends the table. The header
repeated after a page break is skipped; a 'Totaal' line is the total the answer states.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sebrief.draft.lines import Joined, Line, join_lines
from sebrief.draft.row_status import no_cost
from sebrief.draft.structure import Column, ColumnRole, Gap, at_line, at_lines
from sebrief.draft.table_columns import cell_role, is_delimited, looks_like_header, stream_columns
from sebrief.draft.table_rows import TOTAL_RE, RawRow, TableResult, build_table
from sebrief.draft.values import (
    DATE_PATTERN,
    MONTH_NAMES,
    STATUS_RE,
    VAT_RE,
    normalise_space,
    parse_amount,
    parse_period,
)
from sebrief.errors import Message

PART_MARKER_RE = re.compile(r"^\s*\d{1,2}[.)](?:\s|$)")
_DATE_START_RE = re.compile(rf"^(?:van\s+)?{DATE_PATTERN}", re.IGNORECASE)
_MONTH_END_RE = re.compile(rf"(?:\b(?:{MONTH_NAMES})|[–—-])$", re.IGNORECASE)
MAX_CELL_LINES = 6
_INVALID = 20  # the cost of a period or amount cell that does not read as one
_JOINERS = {"en", "van", "de", "den", "der", "het", "in", "voor", "op", "bij", "rond", "met", "of", "over", "aan",
            "tot", "uit", "naar", "te", "&", "-", "–", "+", "/"}  # fmt: skip


def _header_line(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or re.search(r"\d", text) or text.rstrip().endswith((".", ":", ";", "?", ",")):
        return False
    return cell_role(text) is not ColumnRole.OTHER and not looks_like_header(text)


def _header_continuation(text: str) -> bool:
    return bool(VAT_RE.fullmatch(text)) or (
        len(text.split()) <= 4 and not re.search(r"\d", text) and (text[:1] == "(" or text[:1].islower())
    )


@dataclass
class _Header:
    columns: list[Column]
    end: int  # index past the header
    blank_separated: bool
    texts: list[str]


def _read_header(lines: Sequence[Line], start: int) -> _Header | None:
    """The header whose first cell is ``lines[start]``, each column name on a line of its own."""
    if not _header_line(lines[start].stripped):
        return None
    cells: list[list[Line]] = [[lines[start]]]
    blanks = 0
    index = start + 1
    end = index
    while index < len(lines):
        line = lines[index]
        if line.blank:
            blanks += 1
            index += 1
            if blanks > 1:
                break
            continue
        text = line.stripped
        if _header_continuation(text) and not blanks:
            cells[-1].append(line)
        elif _header_line(text):
            cells.append([line])
        else:
            break
        blanks = 0
        index = end = index + 1
    texts = [join_lines(cell).text for cell in cells]
    roles = [cell_role(text) for text in texts]
    if len(cells) < 2 or len(set(roles)) < 2 or not {ColumnRole.AMOUNT, ColumnRole.PERIOD} & set(roles):
        return None
    separated = any(lines[i].blank for i in range(start, end))
    return _Header([Column(role, text) for role, text in zip(roles, texts, strict=True)], end, separated, texts)


def is_cell_table(lines: Sequence[Line], index: int) -> bool:
    return _read_header(lines, index) is not None


def _one_line_header(lines: Sequence[Line], start: int) -> _Header:
    """A header on one line ('Omschrijving Procedure Bedrag'), with the lines that go on it
    ('(incl. btw)'), above cells that each stand on their own line(s)."""
    end = start + 1
    while end < len(lines) and not lines[end].blank and _header_continuation(lines[end].stripped):
        end += 1
    columns = list(stream_columns(join_lines(lines[start:end]).text))
    blank_after = end < len(lines) and lines[end].blank
    return _Header(columns, end, blank_after, [column.header for column in columns])


def parse_cells(lines: Sequence[Line], start: int, part: str | None = None, one_line: bool = False) -> TableResult:
    """The table whose header starts at ``lines[start]``, one cell a line; with ``one_line``, the
    header stands on one line (the cells below still one a line)."""
    header = _one_line_header(lines, start) if one_line else _read_header(lines, start)
    assert header is not None
    gaps: list[Gap] = []
    items: list[tuple[Line, bool]] = []  # the non-blank lines after the header, blank line before each
    blank = True
    index = header.end
    while index < len(lines):
        line = lines[index]
        if line.blank:
            blank = True
        else:
            again = (
                _one_line_header(lines, index) if one_line and _same(line, lines[start]) else _read_header(lines, index)
            )
            if again is not None and again.texts == header.texts:  # the header repeated after a page break
                index = again.end
                continue
            if _ends_table(lines, index) or again is not None:
                break
            items.append((line, blank))
            blank = False
        index += 1
    reader = _RowReader(header, items)
    raws = reader.rows()
    end = header.end
    if reader.used:
        last_number = items[reader.used - 1][0].number
        end = next(i for i, line in enumerate(lines) if line.number == last_number) + 1
    rest = [line for line, _ in items[reader.used :]]
    left = [line for k, line in enumerate(rest) if any(_holds_amount(join_lines(rest[k : k + n]).text) for n in (1, 2))]
    if raws and left:
        hint = Message("an amount stands below the last row that could be cut into the table's cells: rows may be "
                       "missing; copy them by hand")  # fmt: skip
        gaps.append(Gap(Message("table rows"), at_lines(left[0].number, left[-1].number), hint))
    if not raws:
        hint = Message("a table header, one column name a line, with no row that could be read; copy its rows by "
                       "hand (a table block and its CSV file)")  # fmt: skip
        gaps.append(Gap(Message("table rows"), at_line(lines[start].number), hint))
    last = lines[end - 1].number
    return TableResult(build_table(part, header.columns, raws, lines[start].number, last, gaps), end, gaps)


def _same(line: Line, other: Line) -> bool:
    return normalise_space(line.text) == normalise_space(other.text)


_AMOUNT_LIKE_RE = re.compile(r"(?i)\d[\d.,\s]*(?:miljoen\s+|miljard\s+)?(?:€|\beur)|(?:€|\beur\w*)\s*\d")


def _holds_amount(text: str) -> bool:
    """Whether a text holds something written like an amount ('12.500 euro', '€ 1000.000'), read or not."""
    return bool(_AMOUNT_LIKE_RE.search(text))


def _open(text: str) -> bool:
    """Whether a bracket or a quote opened in ``text`` is still open at its end."""
    return text.count("(") > text.count(")") or text.count("‘") > text.count("’") or text.count("“") > text.count("”")


def _joins(line: str) -> bool:
    """Whether a line ends in a word that asks for more ('en', 'van', '&', '/'); a line that is
    only '/' or '-' is a cell with no value, complete."""
    return line.split()[-1].lower() in _JOINERS and not no_cost(line)


def _ends_table(lines: Sequence[Line], index: int) -> bool:
    text = lines[index].stripped
    return bool(PART_MARKER_RE.match(text)) or is_delimited(text) or looks_like_header(text)


class _RowReader:
    def __init__(self, header: _Header, items: Sequence[tuple[Line, bool]]):
        self.header = header
        self.columns = header.columns
        self.items = items
        self.used = 0  # items read into rows
        self._costs: dict[tuple[int, int, int], int] = {}

    def rows(self) -> list[RawRow]:
        raws: list[RawRow] = []
        position = 0
        while position < len(self.items):
            total = self._total(position)
            if total is not None:
                raw, position = total
                raws.append(raw)
                self.used = position
                continue
            best = self._best_row(position)
            if best is None:
                break
            sizes, _ = best
            cells = []
            at = position
            for size in sizes:
                cells.append([join_lines([line for line, _ in self.items[at : at + size]])])
                at += size
            raws.append(RawRow(cells, self.items[position][0].number, self.items[at - 1][0].number))
            position = self.used = at
        return raws

    def _total(self, position: int) -> tuple[RawRow, int] | None:
        """A 'Totaal' line and the amount that follows it (on its line or the next ones)."""
        line = self.items[position][0]
        match = TOTAL_RE.match(line.stripped)
        if not match:
            return None
        amount_at = next((i for i, c in enumerate(self.columns) if c.role is ColumnRole.AMOUNT), len(self.columns) - 1)
        rest = line.stripped[match.end() :].strip()
        label = join_lines([line])
        cells: list[list[Joined]] = [[] for _ in self.columns]
        if rest:
            cells[0] = [label.slice(0, match.end())]
            cells[amount_at] = [label.slice(match.end(), len(label.text))]
            return RawRow(cells, line.number, line.number), position + 1
        for size in range(1, 4):
            following = [item for item, _ in self.items[position + 1 : position + 1 + size]]
            if len(following) < size:
                break
            amount = join_lines(following)
            if parse_amount(VAT_RE.sub(" ", amount.text)) is not None:
                cells[0] = [label]
                cells[amount_at] = [amount]
                return RawRow(cells, line.number, following[-1].number), position + 1 + size
        return None

    def _best_row(self, position: int) -> tuple[tuple[int, ...], int] | None:
        """The line count of each cell of the row at ``position`` that fits best, and its cost: the
        cheapest cut, the first of equal ones with the fewest lines in the first cells."""
        width = len(self.columns)

        @functools.cache
        def rest(column: int, at: int) -> tuple[int, tuple[int, ...]]:
            if column == width:
                return 0, ()
            best: tuple[int, tuple[int, ...]] = (_INVALID, ())
            for size in range(1, MAX_CELL_LINES + 1):
                if at + size + width - column - 1 > len(self.items):
                    break
                cost = self._cell_total(column, at, size)
                if cost >= best[0]:
                    continue
                after, sizes = rest(column + 1, at + size)
                if cost + after < best[0]:
                    best = (cost + after, (size, *sizes))
            return best

        cost, sizes = rest(0, position)
        return (sizes, cost) if cost < _INVALID and len(sizes) == width else None

    def _cell_total(self, column: int, at: int, size: int) -> int:
        """The cost of a cell of ``size`` lines at ``at`` in ``column``, its lines, and the border after it."""
        key = (column, at, size)
        if key not in self._costs:
            cell = self.items[at : at + size]
            cost = self._cell_cost(self.columns[column].role, [line.stripped for line, _ in cell])
            texts = [line.stripped for line, _ in cell]
            for k in range(1, size):  # lines that go on the cell above
                cost += self._continuation_cost(texts[:k], texts[k], cell[k][1])
            following = at + size
            if following < len(self.items):  # the next line starts a cell
                line, blank = self.items[following]
                cost += self._border_cost(texts, line.stripped, blank)
            self._costs[key] = cost
        return self._costs[key]

    def _border_cost(self, cell: Sequence[str], after: str, blank: bool) -> int:
        """The cost of a cell starting at ``after``: not after a line that ends in 'en', 'van', '&'
        or with a bracket or quote still open; not at a line in lower case, unless a date starts it."""
        cost = 0 if blank or not self.header.blank_separated else 3
        if _joins(cell[-1]) or _open(" ".join(cell)):
            cost += 3
        if after[:1].islower() and not _DATE_START_RE.match(after):
            cost += 2
        return cost

    def _continuation_cost(self, cell: Sequence[str], after: str, blank: bool) -> int:
        """The cost of ``after`` going on the cell above: a line in upper case or digits starts a cell,
        unless the line above asks for more (it ends in 'en', a dash, a month; a bracket is open)."""
        cost = 6 if blank and self.header.blank_separated else 0
        before = cell[-1]
        wanted = _joins(before) or _open(" ".join(cell)) or _MONTH_END_RE.search(before)
        if not after[:1].islower() and not wanted:
            cost += 1
        return cost

    @staticmethod
    def _cell_cost(role: ColumnRole, texts: Sequence[str]) -> int:
        text = normalise_space(" ".join(texts))
        bare = normalise_space(VAT_RE.sub(" ", text))
        empty = no_cost(bare) or bool(STATUS_RE.match(bare))
        if role is ColumnRole.AMOUNT:
            if empty:
                return 0
            if parse_amount(bare) is None:
                return _INVALID
            return 0 if re.search(r"(?i)€|\beur(?:o|os)?\b", bare) else 2
        if role is ColumnRole.PERIOD:
            return 0 if empty or parse_period(text) is not None else _INVALID
        if bare and parse_amount(bare) is not None and re.search(r"\d", bare):
            return 8  # an amount is not free text
        if parse_period(text) is not None:
            return 4
        if any(_DATE_START_RE.match(line) for line in texts[1:]):
            return 4  # a line of free text that starts with a date: the period cell starts there
        return 0
