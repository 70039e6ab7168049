"""A table's file as records of text: a CSV file as a person or Excel writes it (an .xlsx workbook
is read by ``sebrief.dataset.workbook``).

A CSV file's separator (',', ';' or a tab) is the one that splits its header line into the column
names; its encoding is UTF-8 (with or without the BOM of Excel's "CSV UTF-8"), or else
Windows-1252, what Belgian Excel writes as plain "CSV". In a file separated by ';' the amount
column may have a decimal comma (12500,00 or 12.500,00), and a date column the day first
(19/01/2018), as Belgian Excel writes them; in a file separated by commas a decimal comma cannot be
told from the separator and stays refused.

Every record comes out as text, whatever the file, so that the checks and their messages that
follow are the same for every kind of table file; only the place says "row N" (the Excel row) in
a workbook instead of "line N".
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sebrief.dataset.fields import AMOUNT_HINT, shorten
from sebrief.dataset.reading import MAIN_FILE, NUL_CHARACTER
from sebrief.errors import Count, Message, Problem, line_at

MAX_ROWS = 1_000_000
MAX_LISTED = 10
SEPARATORS = (",", ";", "\t")
SEPARATOR_NAMES = {",": Message("comma"), ";": Message("semicolon"), "\t": Message("tab")}
SEPARATORS_IN_FIELDS = {",": Message("commas"), ";": Message("semicolons"), "\t": Message("tabs")}
DATE_COLUMNS = ("period_start", "period_end")

# A record: its line (or Excel row), its values by column, and the problems of single cells
# found while reading them (by column), which the loader reports in place of the cell's checks.
Record = tuple[int, dict[str, str], dict[str, Message]]


@dataclass(frozen=True)
class TableFormat:
    """How a table's file was read: a CSV file's separator and encoding, or a workbook's sheet."""

    file: str
    separator: str = ","  # "" for a workbook
    encoding: str = "utf-8"  # "utf-8", "utf-8-sig" (with a BOM) or "cp1252"; "" for a workbook
    sheet: str = ""  # the sheet read, for a workbook

    @property
    def workbook(self) -> bool:
        return not self.separator

    @property
    def standard(self) -> bool:
        """Comma-separated UTF-8 without a BOM: the format sebrief writes, nothing worth saying."""
        return self.separator == "," and self.encoding == "utf-8"

    @property
    def decimal_comma(self) -> bool:
        return self.separator == ";"

    def where(self, line: int, column: str = "") -> Message:
        """A record of the file: a CSV file's line, a workbook's row; and its column if given."""
        if not self.workbook:
            return line_at(line, column)
        if column:
            return Message("row {row}, column {column}", row=line, column=column)
        return Message("row {row}", row=line)


# --- CSV -----------------------------------------------------------------------------------------

# A character written in UTF-8 (2 to 4 bytes): found in a file that is not valid UTF-8 as a whole,
# it shows a file that mixes encodings, which no single encoding reads right.
_UTF8_CHARACTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_SAVE_AS = Message('save it again from Excel as "CSV UTF-8", or from a text editor with UTF-8 encoding')


def _utf8_character(data: bytes) -> re.Match[bytes] | None:
    """The first character written in UTF-8 in ``data`` (the pattern also admits byte runs that
    are not UTF-8, such as the overlong b'\\xe0\\x80\\x80': each is decoded to be sure)."""
    for match in _UTF8_CHARACTER.finditer(data):
        try:
            match.group().decode("utf-8")
        except UnicodeDecodeError:
            continue
        return match
    return None


def _line_of(data: bytes, at: int) -> int:
    return data.count(b"\n", 0, at) + 1


def decode_csv(data: bytes, file: str) -> tuple[str, str] | Problem:
    """The text of a CSV file and its encoding, or the problem that says why it cannot be read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Problem(
            file,
            line_at(1),
            Message('saved as UTF-16 (Excel\'s "Unicode text"), which sebrief does not read; {fix}', fix=_SAVE_AS),
        )
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        bad = data[error.start]
        where = line_at(_line_of(data, error.start))
        utf8 = _utf8_character(data)
        if encoding == "utf-8-sig" or utf8 is not None:
            first = (
                Message("it starts with the mark of UTF-8 text (a BOM)")
                if utf8 is None
                else Message(
                    "line {line} holds UTF-8 text ('{text}')",
                    line=_line_of(data, utf8.start()),
                    text=utf8.group().decode("utf-8"),
                )
            )
            return Problem(
                file,
                where,
                Message(
                    "mixes encodings: {first}, but byte 0x{byte} here is not UTF-8; correct the character there and "
                    "{fix}",
                    first=first,
                    byte=format(bad, "02x"),
                    fix=_SAVE_AS,
                ),
            )
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as other:
            return Problem(
                file,
                line_at(_line_of(data, other.start)),
                Message(
                    "neither UTF-8 nor Windows-1252 text (byte 0x{byte}); {fix}",
                    byte=format(data[other.start], "02x"),
                    fix=_SAVE_AS,
                ),
            )
    if "\x00" in text:
        index = text.index("\x00")
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return Problem(file, line_at(text.count(chr(10), 0, index) + 1, column), NUL_CHARACTER)
    return text, encoding


def detect_separator(text: str, required: tuple[str, ...], known: set[str]) -> str:
    """The separator that splits the header line into the required column names (else the most
    known names; a comma if none does)."""
    end = text.find("\n")
    first = (text if end < 0 else text[:end]).rstrip("\r")  # (not split: that copies the rest of the file)
    best, best_score = ",", (False, -1)
    for separator in SEPARATORS:
        try:
            names = [name.strip() for name in next(csv.reader([first], delimiter=separator), [])]
        except csv.Error:
            continue  # a field too long or bad quoting: reading the file says where
        score = (all(name in names for name in required), sum(name in known for name in names))
        if score > best_score:
            best, best_score = separator, score
    return best


def listed(names: list[str]) -> Message | str:
    shown = ", ".join(shorten(name, 40) for name in names[:MAX_LISTED])
    if len(names) > MAX_LISTED:
        return Message("{names} … and {count} more", names=shown, count=Count(len(names) - MAX_LISTED))
    return shown


def header_problem(
    names: list[str], required: tuple[str, ...], optional: tuple[str, ...], fmt: TableFormat
) -> Problem | None:
    """What is wrong with a header (missing, unknown or repeated columns), if anything."""
    known = set(required) | set(optional)
    counts = Counter(names)
    repeated = sorted(name for name, count in counts.items() if count > 1)
    missing = [name for name in required if name not in counts]
    unknown = [name for name in names if name not in known]
    if not (missing or unknown or repeated):
        return None
    parts = [
        Message.plural("missing column {names}", "missing columns {names}", len(missing), names=listed(missing)),
        Message.plural("unknown column {names}", "unknown columns {names}", len(unknown), names=listed(unknown)),
        Message.plural("repeated column {names}", "repeated columns {names}", len(repeated), names=listed(repeated)),
    ]
    shown = [part for part, names_of in zip(parts, (missing, unknown, repeated), strict=True) if names_of]
    detail = _joined(shown)
    hint: Message | str = ""
    if unknown:
        hint = Message(
            " (a grouping's column is named after it and must be listed in the table's groupings in {file})",
            file=MAIN_FILE,
        )
    if not any(name in known for name in names):
        holds = (
            Message("; the first row of the file holds the column names")
            if fmt.workbook
            else Message("; the first line of the file holds the column names, separated by commas, semicolons or tabs")
        )
        hint = Message("{first}{second}", first=hint, second=holds)
    return Problem(
        fmt.file,
        fmt.where(1),
        Message(
            "header: {detail}; the columns are {required}, optionally {optional}{hint}",
            detail=detail,
            required=",".join(required),
            optional=",".join(optional),
            hint=hint,
        ),
    )


def _joined(parts: list[Message]) -> Message:
    """Messages one after the other, separated by semicolons."""
    joined = parts[0]
    for part in parts[1:]:
        joined = Message("{first}; {second}", first=joined, second=part)
    return joined


# An amount with a decimal comma, its thousands grouped by dots or not: 12500,00 or 12.500,00.
_COMMA_AMOUNT = re.compile(r"(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),[0-9]{1,2}")
# Thousands grouped by dots without decimals. 1.250.000 can only be that; but 12.500 is twelve
# thousand five hundred in Belgium and 12.5 with a dot as decimal point: sebrief never guesses which.
_DOTTED_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}")
_ONE_DOT_THOUSAND = re.compile(r"[0-9]{1,3}\.[0-9]{3}")


def csv_amount(value: str, fmt: TableFormat) -> tuple[str, Message | None]:
    """A CSV cell of the amount column as the loader reads amounts (a dot, no grouping), and the
    problem of the cell, if it has one."""
    text = value.strip()
    if not fmt.decimal_comma:
        return value, None
    if _COMMA_AMOUNT.fullmatch(text):
        return text.replace(".", "").replace(",", "."), None
    if _DOTTED_THOUSANDS.fullmatch(text):
        return text.replace(".", ""), None
    if _ONE_DOT_THOUSAND.fullmatch(text):
        whole = text.replace(".", "")
        return "", Message(
            "is the dot in {text} between thousands ({whole} euro) or a decimal point? In a file separated by "
            "';' write the amount with a decimal comma, for example {whole},00",
            text=repr(text),
            whole=whole,
        )
    return value, None


# A date as Excel writes it in Belgium (19/01/2018) or the Netherlands (19-1-2018): day first.
_DAY_FIRST = re.compile(r"([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4})")


def csv_date(value: str) -> str:
    """A date cell of a ';'-separated file (whose Excel writes the day first, as 19/01/2018) as
    YYYY-MM-DD; any other value as it is, for the date's own check to judge."""
    found = _DAY_FIRST.fullmatch(value.strip())
    if found is None:
        return value
    day, month, year = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return value


def amount_hint(value: object, fmt: TableFormat) -> Message:
    """How to write an amount in this table's file, after a cell that is not one."""
    if fmt.workbook:
        return Message(
            "make the cell a number with at most two decimals (no text, no € sign), "
            "or write the amount as text with a dot, for example 9835.60"
        )
    if fmt.decimal_comma:
        return Message(
            "write an exact amount in euro with a decimal comma and at most two decimals, without a € sign, "
            "for example 9835,60 or 9.835,60"
        )
    if isinstance(value, str) and _COMMA_AMOUNT.fullmatch(value.strip()):
        return Message(
            "in a file separated by commas a decimal comma cannot be told from a separator: write {plain}, "
            "or save the file from Excel as CSV separated by semicolons (;), whose amounts have a decimal comma",
            plain=value.strip().replace(".", "").replace(",", "."),
        )
    return AMOUNT_HINT


def too_many_rows() -> Message:
    return Message("more than {count} rows; split the table", count=Count(MAX_ROWS))


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, as ``io.StringIO(text, newline="")`` gives them.

    One at a time: a StringIO holds a copy of the text four bytes a character (a table of 135,000
    rows with a euro sign in it: 140 MB more at the peak of loading).
    """
    if "\r" in text:
        yield from (match.group() for match in _LINE.finditer(text))
        return
    start, find = 0, text.find
    while (end := find("\n", start)) >= 0:
        yield text[start : end + 1]
        start = end + 1
    if start < len(text):
        yield text[start:]


@dataclass
class Batch:
    """Records of a table's file read together: the column names, and for each record its line (or
    Excel row), its values in the names' order, and the problems of its cells, by its index in the
    batch (a record whose cells could all be read has none)."""

    names: tuple[str, ...]
    lines: list[int]
    records: list[list[str]]
    troubles: dict[int, dict[str, Message]]

    def __iter__(self) -> Iterator[Record]:
        """The batch's records one by one, each as the values by column."""
        names, troubles = self.names, self.troubles
        for index, (line, values) in enumerate(zip(self.lines, self.records, strict=True)):
            yield line, dict(zip(names, values, strict=True)), troubles.get(index, {})


BATCH = 4096  # records read together: enough for column-wise work to pay, little memory


def csv_records(
    text: str, fmt: TableFormat, required: tuple[str, ...], optional: tuple[str, ...], problems: list[Problem]
) -> Iterator[Record]:
    """The records of a CSV file after its header, one by one (``csv_batches``, record by record)."""
    for batch in csv_batches(text, fmt, required, optional, problems):
        yield from batch


def csv_batches(
    text: str,
    fmt: TableFormat,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    problems: list[Problem],
    size: int | None = None,
) -> Iterator[Batch]:
    """The records of a CSV file after its header, ``size`` at a time, the empty lines skipped;
    problems of the file as a whole (the header, a line with the wrong number of fields, bad
    quoting) go to ``problems``, after the records before them are handed on."""
    file = fmt.file
    reader = csv.reader(_lines(text), delimiter=fmt.separator, strict=True)
    separator, separators = SEPARATOR_NAMES[fmt.separator], SEPARATORS_IN_FIELDS[fmt.separator]
    decimal_comma = fmt.decimal_comma
    previous = 0
    batch: Batch | None = None
    try:
        header = next(reader, None)
        if header is None:
            problems.append(
                Problem(
                    file,
                    line_at(1),
                    Message("empty file; the first line is the header: {columns}", columns=",".join(required)),
                )
            )
            return
        names = tuple(name.strip() for name in header)
        problem = header_problem(list(names), required, optional, fmt)
        if problem is not None:
            problems.append(problem)
            return
        width, size = len(names), size or BATCH
        amount = names.index("amount") if decimal_comma and "amount" in names else -1
        dates = [names.index(column) for column in DATE_COLUMNS if decimal_comma and column in names]
        previous = reader.line_num
        count = 0
        batch = Batch(names, [], [], {})
        lines, records = batch.lines, batch.records
        for values in reader:
            line = previous + 1
            previous = reader.line_num
            count += 1
            if count > MAX_ROWS:
                yield batch
                problems.append(Problem(file, line_at(line), too_many_rows()))
                return
            if len(values) != width:
                if not values or not "".join(values).strip():
                    continue  # an empty line, or one of empty fields
                problems.append(
                    Problem(
                        file,
                        line_at(line),
                        Message(
                            "{count} fields where the header has {expected}; check for a missing or extra "
                            "{separator} (quote fields that contain {separators})",
                            count=len(values),
                            expected=width,
                            separator=separator,
                            separators=separators,
                        ),
                    )
                )
                continue
            if not values[0].strip() and not "".join(values).strip():
                continue
            if decimal_comma:  # (amounts and dates are read as they stand otherwise)
                cell_problems: dict[str, Message] = {}
                if amount >= 0:
                    values[amount], trouble = csv_amount(values[amount], fmt)
                    if trouble is not None:
                        cell_problems["amount"] = trouble
                for index in dates:
                    values[index] = csv_date(values[index])
                if cell_problems:
                    batch.troubles[len(records)] = cell_problems
            lines.append(line)
            records.append(values)
            if len(records) >= size:
                batch, full = Batch(names, [], [], {}), batch
                lines, records = batch.lines, batch.records
                yield full
        if records:
            yield batch
    except csv.Error as error:
        if batch is not None and batch.records:
            yield batch  # the records before the line that cannot be read
        problems.append(
            Problem(
                file,
                line_at(previous + 1),
                Message(
                    "not valid CSV ({error}); a field that holds a {separator}, a quote or a line break is written "
                    'in double quotes, with a quote inside it doubled ("")',
                    error=str(error),
                    separator=separator,
                ),
            )
        )
