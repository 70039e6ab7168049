"""A table in the stream shape: the plain text layer of a PDF, where each row's cells follow one
another (a cell on several lines, blank lines between cells, short cells of one row sometimes on
one line).

The columns come from the header line ('Omschrijving Looptijd Begunstigde(n) Totaal toegekend
bedrag'); a row ends where its amount (or '/') ends, the VAT words that follow it included. Rows
labelled with their kind ('Subsidieoproep:', 'Overheidsopdracht:') start at their label. Cells are
told apart by their form (a period, an amount) and, between two cells of free text, by a blank
line. Read this way are tables whose last column is the amount.

A row that a page break splits shows as text standing before the next row's label, or as a period
whose end still lacks its year: its fragments are joined to the row and it is flagged
``split_by_page_break``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sebrief.draft.lines import Joined, Line, join, join_lines
from sebrief.draft.row_status import NO_COST_PATTERN
from sebrief.draft.structure import Column, ColumnRole, Gap, at_line
from sebrief.draft.table_columns import column_at, is_delimited, looks_like_header, stream_columns
from sebrief.draft.table_rows import RawRow, TableResult, build_table, kind_label
from sebrief.draft.values import AMOUNT_PATTERN, NONE_TEXTS, PERIOD_PATTERN, VAT_PATTERN, VAT_RE, parse_period
from sebrief.errors import Message

PART_MARKER_RE = re.compile(r"^\s*\d{1,2}[.)](?:\s|$)")
MAX_ROW_LINES = 40
# Where a period cell may start, in order of preference: after a blank line (a cell of several
# lines), at a line start, after a space (short cells of one row that the text layer put on one line).
_PERIOD_SEPARATORS = (r"[ \t]*\n[ \t]*\n\s*", r"[ \t]*\n\s*", r"\s+")
_BLANK_LINE = r"[ \t]*\n[ \t]*\n\s*"


def parse_stream(lines: Sequence[Line], start: int, part: str | None = None) -> TableResult:
    """The table whose header starts at ``lines[start]``, in the stream shape."""
    gaps: list[Gap] = []
    header_lines, index = _header_lines(lines, start)
    columns = stream_columns(join_lines(header_lines).text)
    grammars = _grammars(columns)
    period_at = column_at(columns, ColumnRole.PERIOD)
    raws: list[RawRow] = []
    end = index
    labelled: bool | None = None
    while index < len(lines):
        while index < len(lines) and lines[index].blank:
            index += 1
        if index >= len(lines) or _stops(lines[index]):
            break
        if labelled is None:
            labelled = kind_label(lines[index].stripped) is not None
        if labelled and raws and kind_label(lines[index].stripped) is None:
            stop = _rest_of_row(raws[-1], lines, index, columns)
            if stop is None:
                break
            index = end = stop
            continue
        incomplete = not labelled and raws and _period_incomplete(raws[-1], period_at)
        if incomplete and _continue_row(raws[-1], [lines[index]], columns):
            index = end = index + 1
            continue
        raw, stop = _read_row(grammars, lines, index, columns, labelled)
        if raw is None:
            if labelled:
                gaps.append(Gap(Message("table row"), at_line(lines[index].number),
                                Message("a labelled row whose cells could not be told apart; copy them by "
                                        "hand")))  # fmt: skip
            break
        index = end = _take_vat_lines(raw, lines, stop, columns)
        raws.append(raw)
    if not raws:
        gaps.append(Gap(Message("table rows"), at_line(lines[start].number),
                        Message("a table header with no row that could be read; copy its rows by hand (a table "
                                "block and its CSV file)")))  # fmt: skip
    last = max([raws[-1].last_line] if raws else [header_lines[-1].number])
    return TableResult(build_table(part, columns, raws, lines[start].number, last, gaps), end, gaps)


def _header_lines(lines: Sequence[Line], start: int) -> tuple[list[Line], int]:
    """The header's lines (short lower-case lines without digits go on it) and the index past them."""
    header_lines = [lines[start]]
    index = start + 1
    while index < len(lines):
        text = lines[index].stripped
        if text and not (re.match(r"^[a-zà-ÿ(]", text) and len(text.split()) <= 4 and not re.search(r"\d", text)):
            break
        if text:
            header_lines.append(lines[index])
        index += 1
    return header_lines, index


def _stops(line: Line) -> bool:
    text = line.stripped
    return bool(PART_MARKER_RE.match(text)) or looks_like_header(text) or is_delimited(text)


# --- one row -------------------------------------------------------------------------------------


def _grammars(columns: Sequence[Column]) -> tuple[re.Pattern[str], ...]:
    """Regular expressions for one row of a stream table, a named group per column (c0, c1...).

    Free text (description, beneficiary...) never ends in a dash, so that a period broken after
    its dash ('Januari 2018 -' / 'februari 2018') stays whole; the first column is greedy, so that
    of two periods that could start the period cell the later one is taken (a description may
    hold a date). Two free-text cells in a row are told apart by the blank line between them.
    """
    return tuple(_grammar(columns, period_separator) for period_separator in _PERIOD_SEPARATORS)


def _grammar(columns: Sequence[Column], period_separator: str) -> re.Pattern[str]:
    pattern = [r"\A\s*"]
    previous_free = False
    for i, column in enumerate(columns):
        group, free, separator = _cell_pattern(i, column.role, period_separator, previous_free)
        if i == 0:
            pattern.append(group)
        elif column.role is ColumnRole.BENEFICIARY:
            pattern.append(rf"(?:{separator}{group})?")
        else:
            pattern.append(separator + group)
        previous_free = free
    pattern.append(r"\s*\Z")
    return re.compile("".join(pattern), re.IGNORECASE | re.DOTALL)


def _cell_pattern(i: int, role: ColumnRole, period_separator: str, previous_free: bool) -> tuple[str, bool, str]:
    """The group of column ``i``, whether it is free text, and the separator before it."""
    if role is ColumnRole.PERIOD:
        return rf"(?P<c{i}>{PERIOD_PATTERN}|/)", False, period_separator
    if role is ColumnRole.AMOUNT:
        return rf"(?P<c{i}>(?:{AMOUNT_PATTERN}|/|{NO_COST_PATTERN})(?:\s*(?:{VAT_PATTERN}))?)", False, r"\s+"
    if i == 0:
        return rf"(?P<c{i}>\S(?:.*[^\s–—-])?)", True, ""
    return rf"(?P<c{i}>\S(?:.*?[^\s–—-])?)", True, _BLANK_LINE if previous_free else r"\s+"


def _read_row(
    grammars: Sequence[re.Pattern[str]], lines: Sequence[Line], index: int, columns: Sequence[Column], labelled: bool
) -> tuple[RawRow | None, int]:
    """The row that starts at ``lines[index]``: the fewest lines that match a grammar, and the index past them."""
    raw = None
    stop = index
    while stop < len(lines) and stop - index < MAX_ROW_LINES:
        if stop > index and (_stops(lines[stop]) or (labelled and kind_label(lines[stop].stripped))):
            break
        stop += 1
        if not lines[stop - 1].blank:
            raw = _match_row(grammars, lines[index:stop], columns)
            if raw is not None:
                break
    return raw, stop


def _take_vat_lines(raw: RawRow, lines: Sequence[Line], index: int, columns: Sequence[Column]) -> int:
    """VAT words on a line of their own after the amount ('(excl. btw)') go with the amount; the index past them."""
    amount_at = column_at(columns, ColumnRole.AMOUNT)
    while index < len(lines) and amount_at is not None:
        following = index
        while following < len(lines) and lines[following].blank and following - index < 2:
            following += 1
        if following < len(lines) and VAT_RE.fullmatch(lines[following].stripped):
            raw.cells[amount_at].append(join_lines([lines[following]]))
            raw.last_line = lines[following].number
            index = following + 1
        else:
            break
    return index


def _span(lines: Sequence[Line], offsets: Sequence[int], start: int, end: int) -> Joined:
    """The characters start:end of the lines joined by '\\n' (offsets: where each line starts)."""
    pieces = []
    for line, offset in zip(lines, offsets, strict=True):
        lo, hi = max(start, offset), min(end, offset + len(line.text))
        if lo < hi:
            pieces.append((line.number, line.text[lo - offset : hi - offset]))
    return join(pieces)


def _match_row(grammars: Sequence[re.Pattern[str]], chunk: Sequence[Line], columns: Sequence[Column]) -> RawRow | None:
    text = "\n".join(line.text for line in chunk)
    match = next((m for grammar in grammars if (m := grammar.match(text))), None)
    if not match:
        return None
    offsets = []
    position = 0
    for line in chunk:
        offsets.append(position)
        position += len(line.text) + 1
    cells: list[list[Joined]] = []
    for i in range(len(columns)):
        if match.group(f"c{i}") is None:
            cells.append([])
            continue
        cell = _span(chunk, offsets, match.start(f"c{i}"), match.end(f"c{i}"))
        cells.append([cell] if cell.text else [])
    numbered = [line.number for line in chunk if not line.blank]
    return RawRow(cells, numbered[0], numbered[-1])


# --- a row split by a page break -----------------------------------------------------------------


def _period_incomplete(raw: RawRow, period_at: int | None) -> bool:
    if period_at is None or not raw.cells[period_at]:
        return False
    text = raw.text(period_at)
    return text.strip() not in NONE_TEXTS and parse_period(text) is None


def _continue_row(raw: RawRow, continuation: Sequence[Line], columns: Sequence[Column]) -> bool:
    """Append the fragments a page break left after a row; False when they do not fit it."""
    period_at = column_at(columns, ColumnRole.PERIOD)
    description_at = column_at(columns, ColumnRole.DESCRIPTION) or 0
    joined = join_lines(continuation)
    if not joined.text:
        return False
    if _period_incomplete(raw, period_at):
        assert period_at is not None
        words = [m.span() for m in re.finditer(r"\S+", joined.text)]
        for k in range(len(words) - 1, -1, -1):
            suffix = joined.slice(words[k][0], len(joined.text))
            if parse_period(f"{raw.text(period_at)} {suffix.text}") is not None:
                prefix = joined.slice(0, words[k][0])
                if prefix.text:
                    raw.cells[description_at].append(prefix)
                raw.cells[period_at].append(suffix)
                break
        else:
            return False
    else:
        raw.cells[description_at].append(joined)
    raw.split = True
    raw.last_line = joined.last_line
    return True


def _rest_of_row(raw: RawRow, lines: Sequence[Line], index: int, columns: Sequence[Column]) -> int | None:
    """Text before the next label is the rest of the previous row, after a page break: joined to
    ``raw``, the index past it; None when it does not fit the row."""
    period_at = column_at(columns, ColumnRole.PERIOD)
    stop = index
    while stop < len(lines) and kind_label(lines[stop].stripped) is None and not _stops(lines[stop]):
        stop += 1
    continuation = [line for line in lines[index:stop] if not line.blank]
    before_label = stop < len(lines) and kind_label(lines[stop].stripped) is not None
    fits = before_label or _period_incomplete(raw, period_at)
    return stop if fits and _continue_row(raw, continuation, columns) else None
