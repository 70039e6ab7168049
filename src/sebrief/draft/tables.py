"""Tables of an answer, read from the text: one row per table line, cells verbatim, values parsed.

Two shapes of text are read:

- **delimited**: one line per row, cells separated by ' | ' (what ``sebrief.draft.extract`` writes
  for a table it found in a PDF, ruled or not); a page break (form feed) inside the table is kept.
- **stream**: the plain text layer of a PDF, where each row's cells follow one another (a cell on
  several lines, blank lines between cells, short cells of one row sometimes on one line). The
  columns come from the header line ('Omschrijving Looptijd Begunstigde(n) Totaal toegekend
  bedrag'); a row ends where its amount (or '/') ends, the VAT words that follow it included. Rows
  labelled with their kind ('Subsidieoproep:', 'Overheidsopdracht:') start at their label. Cells
  are told apart by their form (a period, an amount) and, between two cells of free text, by a
  blank line. Read this way are tables whose last column is the amount.

A row that a page break splits is joined: its fragments are kept (``description_fragments``,
``period_fragments``) and the row is flagged ``split_by_page_break``. In the stream shape the split
shows as text standing before the next row's label, or as a period whose end still lacks its year;
in the delimited shape as a row after the page break with no kind label and either no description
or neither beneficiary nor amount.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from sebrief.draft.lines import Joined, Line, join, join_lines
from sebrief.draft.structure import Column, ColumnRole, Gap, RowStatus, Table, TableRow, VatBasis
from sebrief.draft.values import (
    AMOUNT_PATTERN,
    NONE_TEXTS,
    PERIOD_PATTERN,
    STATUS_RE,
    VAT_PATTERN,
    VAT_RE,
    beneficiary_count,
    find_vat,
    normalise_space,
    parse_amount,
    parse_period,
)

DELIMITER = " | "
DELIMITER_RE = re.compile(r"\s+\|\s+")

_ROLE_WORDS = {
    ColumnRole.DESCRIPTION: "omschrijving beschrijving titel onderwerp opdracht opdrachten project projecten studie "
    "studies naam voorwerp thema initiatief activiteit",
    ColumnRole.PERIOD: "looptijd periode duur termijn datum data jaar uitvoeringstermijn timing startdatum einddatum",
    ColumnRole.BENEFICIARY: "begunstigde begunstigden opdrachtnemer opdrachtnemers uitvoerder leverancier contractant "
    "studiebureau studiebureaus partner ontvanger ontvangers dienstverlener bureau",
    ColumnRole.AMOUNT: "bedrag bedragen totaal kostprijs kost kosten budget prijs subsidiebedrag waarde raming",
    ColumnRole.PROCEDURE: "procedure plaatsingsprocedure gunningsprocedure gunningswijze aanbestedingsprocedure",
}
ROLE_OF_WORD = {word: role for role, words in _ROLE_WORDS.items() for word in words.split()}
_ROLE_PRIORITY = (
    ColumnRole.PROCEDURE,
    ColumnRole.BENEFICIARY,
    ColumnRole.AMOUNT,
    ColumnRole.PERIOD,
    ColumnRole.DESCRIPTION,
)
# A row's kind stands as a label before its description ('Overheidsopdracht: Studie naar ...'); the
# label is one word that ends like the name of a kind of award.
KIND_WORD_ENDINGS = ("oproep", "opdracht", "contract", "overeenkomst", "subsidie", "subsidies", "toelage")
KIND_LABEL_RE = re.compile(r"^\s*(?P<word>[^\W\d_][\w-]*)\s*:(?=\s|$)")
PART_MARKER_RE = re.compile(r"^\s*\d{1,2}[.)](?:\s|$)")
MAX_ROW_LINES = 40


def word_role(word: str) -> ColumnRole | None:
    return ROLE_OF_WORD.get(re.sub(r"\W", "", word.lower().replace("(n)", "n")))


def cell_role(text: str) -> ColumnRole:
    roles = {word_role(word) for word in text.split()}
    return next((role for role in _ROLE_PRIORITY if role in roles), ColumnRole.OTHER)


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


def looks_like_header(text: str) -> bool:
    """A stream table's header line: mostly column names of at least two roles, not a sentence."""
    words = text.split()
    if not 2 <= len(words) <= 10 or text.rstrip().endswith((".", ":", ";", "?")) or re.search(r"\d", text):
        return False
    roles = [word_role(word) for word in words]
    known = [role for role in roles if role is not None]
    return len(set(known)) >= 2 and len(known) * 2 >= len(words)


def is_delimited(text: str) -> bool:
    return len(DELIMITER_RE.findall(f" {text.strip()} ")) >= 1 and text.count("|") >= 1


def stream_columns(header: str) -> tuple[Column, ...]:
    """Columns of a stream header: a word of a new role starts a column, other words join the last."""
    columns: list[tuple[ColumnRole, list[str]]] = []
    for word in header.split():
        role = word_role(word)
        if role is not None and (not columns or columns[-1][0] is not role):
            columns.append((role, [word]))
        elif columns:
            columns[-1][1].append(word)
        else:
            columns.append((ColumnRole.OTHER, [word]))
    return tuple(Column(role, " ".join(words)) for role, words in columns)


@dataclass
class _RawRow:
    cells: list[list[Joined]]  # per column, its fragments
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


def _column(columns: Sequence[Column], role: ColumnRole) -> int | None:
    return next((i for i, column in enumerate(columns) if column.role is role), None)


def _finish(raw: _RawRow, columns: Sequence[Column], index: int, gaps: list[Gap]) -> TableRow:
    where = f"table row {index}, line {raw.first_line}"
    description_at = _column(columns, ColumnRole.DESCRIPTION)
    if description_at is None:
        description_at = 0
    fragments = [fragment.text for fragment in raw.cells[description_at] if fragment.text]
    kind = kind_text = None
    if fragments:
        labelled = kind_label(fragments[0])
        if labelled:
            kind, kind_text, rest = labelled
            fragments = [rest, *fragments[1:]] if rest else fragments[1:]
    description = " ".join(fragments)
    if not description:
        gaps.append(Gap("row description", where, "the row has no description; copy it from the source"))

    period_at = _column(columns, ColumnRole.PERIOD)
    period_fragments: tuple[str, ...] = ()
    period = None
    if period_at is not None:
        period_fragments = tuple(fragment.text for fragment in raw.cells[period_at] if fragment.text)
        period_text = " ".join(period_fragments)
        period = parse_period(period_text)
        if period is None and period_text.strip().lower() not in NONE_TEXTS:
            gaps.append(Gap("row period", where, f"cannot read a period in {period_text!r}; fill in start and end"))

    beneficiary = status_text = None
    beneficiary_at = _column(columns, ColumnRole.BENEFICIARY)
    if beneficiary_at is not None:
        text = raw.text(beneficiary_at)
        if STATUS_RE.match(text):
            status_text = text
        elif text.strip() not in NONE_TEXTS:
            beneficiary = text

    amount_text = vat_text = None
    amount = None
    vat_basis = VatBasis.NOT_STATED
    amount_at = _column(columns, ColumnRole.AMOUNT)
    if amount_at is not None:
        text = raw.text(amount_at)
        vat_basis, vat_text = find_vat(text)
        amount_text = normalise_space(VAT_RE.sub(" ", text)) if vat_text else text
        if STATUS_RE.match(amount_text):
            status_text = status_text or amount_text
        elif amount_text not in NONE_TEXTS:
            amount = parse_amount(amount_text)
            if amount is None:
                gaps.append(Gap("row amount", where, f"cannot read an amount in {amount_text!r}; fill it in"))
        if vat_text is None and amount is not None:  # the header's words, for the amounts it heads
            vat_basis, vat_text = find_vat(columns[amount_at].header)
    in_procedure = status_text is not None or (amount is None and (amount_text or "") in NONE_TEXTS)
    procedure_at = _column(columns, ColumnRole.PROCEDURE)
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
        amount_text=amount_text or None,
        amount=amount,
        vat_text=vat_text,
        vat_basis=vat_basis,
        status=RowStatus.IN_PROCEDURE if in_procedure else RowStatus.AWARDED,
        status_text=status_text,
        procedure=raw.text(procedure_at) or None if procedure_at is not None else None,
        split_by_page_break=raw.split,
        first_line=raw.first_line,
        last_line=raw.last_line,
        other_cells=others,
    )


def _table(part: str | None, columns: Sequence[Column], raws: Sequence[_RawRow], first: int, last: int,
           gaps: list[Gap]) -> Table:  # fmt: skip
    rows = tuple(_finish(raw, columns, i, gaps) for i, raw in enumerate(raws, start=1))
    return Table(part, tuple(columns), _recurring_labels(rows), first, last)


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


# --- delimited tables ------------------------------------------------------------------------------


def _cells(line: Line) -> list[str]:
    return [cell.strip() for cell in line.text.split("|")]


def parse_delimited(lines: Sequence[Line], start: int, part: str | None = None) -> TableResult:
    """The table whose header is ``lines[start]``, in the delimited shape."""
    gaps: list[Gap] = []
    header = _cells(lines[start])
    columns = [Column(cell_role(cell), cell) for cell in header]
    amount_at = _column(columns, ColumnRole.AMOUNT)
    beneficiary_at = _column(columns, ColumnRole.BENEFICIARY)
    description_at = _column(columns, ColumnRole.DESCRIPTION) or 0
    raws: list[_RawRow] = []
    index = start + 1
    end = start + 1
    page_break = False
    while index < len(lines):
        line = lines[index]
        if line.page_break:
            page_break = True
        if line.blank:
            index += 1
            continue
        if not is_delimited(line.text):
            break
        cells = _cells(line)
        cells += [""] * (len(columns) - len(cells))
        if [normalise_space(c) for c in cells[: len(header)]] == [normalise_space(c) for c in header]:
            index += 1
            end = index
            continue  # the header repeated on a new page
        joined = [join([(line.number, cell)]) for cell in cells[: len(columns)]]
        empty = {i for i, cell in enumerate(cells) if not cell.strip()}
        # after a page break, a row with no description, or with neither beneficiary nor amount, and
        # no kind label, is the rest of the row above
        continues = (
            page_break
            and raws
            and kind_label(cells[description_at]) is None
            and (
                description_at in empty
                or ((amount_at is None or amount_at in empty) and (beneficiary_at is None or beneficiary_at in empty))
            )
        )
        if continues:
            previous = raws[-1]
            for i, cell in enumerate(joined):
                if cell.text:
                    previous.cells[i].append(cell)
            previous.split = True
            previous.last_line = line.number
        else:
            raws.append(_RawRow([[cell] if cell.text else [] for cell in joined], line.number, line.number))
        page_break = False
        index += 1
        end = index
    if not raws:
        gaps.append(Gap("table rows", f"line {lines[start].number}", "the table has a header but no rows"))
    last = lines[end - 1].number
    return TableResult(_table(part, columns, raws, lines[start].number, last, gaps), end, gaps)


# --- stream tables ---------------------------------------------------------------------------------


# Where a period cell may start, in order of preference: after a blank line (a cell of several
# lines), at a line start, after a space (short cells of one row that the text layer put on one line).
_PERIOD_SEPARATORS = (r"[ \t]*\n[ \t]*\n\s*", r"[ \t]*\n\s*", r"\s+")


def _grammars(columns: Sequence[Column]) -> tuple[re.Pattern[str], ...]:
    """Regular expressions for one row of a stream table, a named group per column (c0, c1...).

    Free text (description, beneficiary...) never ends in a dash, so that a period broken after
    its dash ('Januari 2018 -' / 'februari 2018') stays whole; the first column is greedy, so that
    of two periods that could start the period cell the later one is taken (a description may
    hold a date). Two free-text cells in a row are told apart by the blank line between them.
    """
    grammars = []
    for period_separator in _PERIOD_SEPARATORS:
        pattern = [r"\A\s*"]
        previous_free = False
        for i, column in enumerate(columns):
            if column.role is ColumnRole.PERIOD:
                group, free, separator = rf"(?P<c{i}>{PERIOD_PATTERN}|/)", False, period_separator
            elif column.role is ColumnRole.AMOUNT:
                group, free, separator = rf"(?P<c{i}>(?:{AMOUNT_PATTERN}|/)(?:\s*(?:{VAT_PATTERN}))?)", False, r"\s+"
            elif i == 0:
                group, free, separator = rf"(?P<c{i}>\S(?:.*[^\s–—-])?)", True, ""
            else:
                group, free = rf"(?P<c{i}>\S(?:.*?[^\s–—-])?)", True
                separator = r"[ \t]*\n[ \t]*\n\s*" if previous_free else r"\s+"
            if i == 0:
                pattern.append(group)
            elif column.role is ColumnRole.BENEFICIARY:
                pattern.append(rf"(?:{separator}{group})?")
            else:
                pattern.append(separator + group)
            previous_free = free
        pattern.append(r"\s*\Z")
        grammars.append(re.compile("".join(pattern), re.IGNORECASE | re.DOTALL))
    return tuple(grammars)


def _span(lines: Sequence[Line], offsets: Sequence[int], start: int, end: int) -> Joined:
    """The characters start:end of the lines joined by '\\n' (offsets: where each line starts)."""
    pieces = []
    for line, offset in zip(lines, offsets, strict=True):
        lo, hi = max(start, offset), min(end, offset + len(line.text))
        if lo < hi:
            pieces.append((line.number, line.text[lo - offset : hi - offset]))
    return join(pieces)


def _match_row(grammars: Sequence[re.Pattern[str]], chunk: Sequence[Line], columns: Sequence[Column]) -> _RawRow | None:
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
    return _RawRow(cells, numbered[0], numbered[-1])


def _period_incomplete(raw: _RawRow, period_at: int | None) -> bool:
    if period_at is None or not raw.cells[period_at]:
        return False
    text = raw.text(period_at)
    return text.strip() not in NONE_TEXTS and parse_period(text) is None


def _continue_row(raw: _RawRow, continuation: Sequence[Line], columns: Sequence[Column]) -> bool:
    """Append the fragments a page break left after a row; False when they do not fit it."""
    period_at = _column(columns, ColumnRole.PERIOD)
    description_at = _column(columns, ColumnRole.DESCRIPTION) or 0
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


def _stops(line: Line) -> bool:
    text = line.stripped
    return bool(PART_MARKER_RE.match(text)) or looks_like_header(text) or is_delimited(text)


def parse_stream(lines: Sequence[Line], start: int, part: str | None = None) -> TableResult:
    """The table whose header starts at ``lines[start]``, in the stream shape."""
    gaps: list[Gap] = []
    header_lines = [lines[start]]
    index = start + 1
    while index < len(lines):
        text = lines[index].stripped
        if text and not (re.match(r"^[a-zà-ÿ(]", text) and len(text.split()) <= 4 and not re.search(r"\d", text)):
            break
        if text:
            header_lines.append(lines[index])
        index += 1
    columns = stream_columns(join_lines(header_lines).text)
    grammars = _grammars(columns)
    period_at = _column(columns, ColumnRole.PERIOD)
    raws: list[_RawRow] = []
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
            # text before the next label: the rest of the previous row, after a page break
            stop = index
            while stop < len(lines) and kind_label(lines[stop].stripped) is None and not _stops(lines[stop]):
                stop += 1
            continuation = [line for line in lines[index:stop] if not line.blank]
            before_label = stop < len(lines) and kind_label(lines[stop].stripped) is not None
            fits = before_label or _period_incomplete(raws[-1], period_at)
            if fits and _continue_row(raws[-1], continuation, columns):
                index = end = stop
                continue
            break
        incomplete = not labelled and raws and _period_incomplete(raws[-1], period_at)
        if incomplete and _continue_row(raws[-1], [lines[index]], columns):
            index += 1
            end = index
            continue
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
        if raw is None:
            if labelled:
                gaps.append(Gap("table row", f"line {lines[index].number}",
                                "a labelled row whose cells could not be told apart; copy them by hand"))  # fmt: skip
            break
        index = stop
        amount_at = _column(columns, ColumnRole.AMOUNT)
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
        raws.append(raw)
        end = index
    if not raws:
        gaps.append(Gap("table rows", f"line {lines[start].number}", "a table header with no row that could be read; "
                        "copy its rows by hand (a table block and its CSV file)"))  # fmt: skip
    last = max([raws[-1].last_line] if raws else [header_lines[-1].number])
    return TableResult(_table(part, columns, raws, lines[start].number, last, gaps), end, gaps)


def table_at(lines: Sequence[Line], index: int, part: str | None = None) -> TableResult | None:
    """The table that starts at ``lines[index]``, if one does."""
    text = lines[index].stripped
    if is_delimited(text) and len(set(cell_role(c) for c in _cells(lines[index])) - {ColumnRole.OTHER}) >= 2:
        return parse_delimited(lines, index, part)
    if looks_like_header(text):
        return parse_stream(lines, index, part)
    return None
