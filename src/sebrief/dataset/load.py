"""Load a version 2 dataset: dataset.yaml, the file of each table block (CSV or .xlsx, read by
``sebrief.dataset.tablefile``), and the source text.

Every problem is collected with its file and location (YAML line, CSV line or Excel row, column) and
raised together as one ``DatasetError``; nothing is half-loaded. A version 1 dataset is never
read as version 2: it is refused with the command that converts it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sebrief.collector import cycle_collection_paused
from sebrief.dataset import field_errors, tablefile, workbook
from sebrief.dataset import reading as common
from sebrief.dataset.direct_rows import DirectRows
from sebrief.dataset.fields import share_fields_set
from sebrief.dataset.locations import Locations
from sebrief.dataset.model import KEPT_ROWS, SCHEMA_VERSION, Dataset, DatasetFile, Period, Row, TableBlock
from sebrief.dataset.reading import MAIN_FILE
from sebrief.dataset.table_rows import TableRows, rows_from_columns
from sebrief.dataset.tablefile import Batch, TableFormat
from sebrief.dataset.validate import check_dataset
from sebrief.errors import DatasetError, Message, Problem, and_list, line_at, or_list

BLOCK_KINDS = ("table", "classification", "figures", "text")
REQUIRED_COLUMNS = ("id", "kind", "description", "status", "vat_basis", "source_ref")
OPTIONAL_COLUMNS = (
    "description_source", "period_start", "period_end", "period_precision", "period_text", "beneficiary",
    "beneficiary_count", "amount", "amount_text", "vat_text", "procedure", "note_nl", "note_en",
)  # fmt: skip
_ALL_COLUMNS = (*OPTIONAL_COLUMNS, *REQUIRED_COLUMNS)
PERIOD_COLUMNS = {"start": "period_start", "end": "period_end", "precision": "period_precision"}
# A table of 135,000 lines (a legislature's consultancy spending) takes about 40 MB as CSV and its
# source text about 20 MB: the limits leave room for that and refuse what no answer holds.
MAX_TABLE_BYTES = 256 * 1024 * 1024
MAX_SOURCE_BYTES = 256 * 1024 * 1024
MAX_ROWS = tablefile.MAX_ROWS
_ASCII_SPACE = " \t\n\r\x0b\x0c"

YamlPath = tuple[str | int, ...]


def load_dataset(path: Path, formats: list[TableFormat] | None = None, *, rows_on_demand: bool = False) -> Dataset:
    """Read and validate the version 2 dataset at ``path`` (a folder or its dataset.yaml).

    ``formats``, if given, receives how each table's file was read (separator and encoding of a
    CSV file, sheet of a workbook), for the commands that say so. ``rows_on_demand``: the rows are
    kept in columns, each built when asked for (``Dataset.table_rows``), for a command that only
    checks the dataset; the dataset's ``rows`` builds them all.
    """
    with cycle_collection_paused():
        return _load_dataset(path, formats, TableRows() if rows_on_demand else None)


def _load_dataset(path: Path, formats: list[TableFormat] | None, kept: TableRows | None) -> Dataset:
    folder = common.resolve_folder(path)
    problems: list[Problem] = []
    locations = Locations()
    main, tables = _load_main(folder, problems, locations)
    rows: list[Row] | TableRows = [] if kept is None else kept
    source_text = None
    if main is None:
        # dataset.yaml has problems: the tables it does describe well are still read, so that the
        # problems of their CSV files are listed too.
        for table in tables:
            _load_rows(folder, table, problems, locations, rows=rows)
    else:
        defined = {grouping.id for grouping in main.groupings}
        for b, block in enumerate(main.answer.blocks):
            for g, grouping_id in enumerate(block.groupings if isinstance(block, TableBlock) else ()):
                if grouping_id not in defined:
                    problems.append(
                        Problem(
                            MAIN_FILE,
                            locations.yaml("answer", "blocks", b, "groupings", g),
                            Message(
                                "table {table}: grouping {grouping} is not defined in groupings; use one of {ids} or "
                                "define it",
                                table=block.id,
                                grouping=grouping_id,
                                ids=", ".join(sorted(defined)) or Message("(none defined)"),
                            ),
                        )
                    )
        read: set[str] = set()
        for b, block in enumerate(main.answer.blocks):
            if isinstance(block, TableBlock) and block.sheet is not None and not block.file.endswith(".xlsx"):
                problems.append(
                    Problem(
                        MAIN_FILE,
                        locations.yaml("answer", "blocks", b, "sheet"),
                        Message(
                            "table {table}: `sheet` names a sheet of an Excel workbook, but {file} is a CSV file; "
                            "remove `sheet`, or name the .xlsx file in `file`",
                            table=block.id,
                            file=block.file,
                        ),
                    )
                )
        for table in main.tables():
            if table.file not in read:  # a second table naming the same file is reported by check_dataset
                read.add(table.file)
                _load_rows(folder, table, problems, locations, formats, rows)
        source_text = common._read_text(
            folder / main.metadata.source.file,
            problems,
            Message("{file} names it in metadata.source.file; add the source text or correct the name", file=MAIN_FILE),
            MAX_SOURCE_BYTES,
        )
    if problems or main is None or source_text is None:
        raise DatasetError(problems)
    text = source_text.strip(_ASCII_SPACE)
    if text == text.strip():
        # Its parts are validated and its text stripped as validation strips it (of white space any
        # definition has): validating them again as a whole would only run each row's rules once more,
        # a second for a table of 100,000 rows.
        if isinstance(rows, TableRows):
            dataset = Dataset.model_construct({"main", "rows", "source_text"}, main=main, source_text=text)  # type: ignore[call-arg]
            dataset.__dict__[KEPT_ROWS] = rows
        else:
            dataset = Dataset.model_construct(main=main, rows=tuple(rows), source_text=text)
    else:
        built = rows.rows() if isinstance(rows, TableRows) else tuple(rows)
        dataset = Dataset(main=main, rows=built, source_text=source_text)
    problems = check_dataset(dataset, locations)
    if problems:
        raise DatasetError(problems)
    return dataset


def _load_main(
    folder: Path, problems: list[Problem], locations: Locations
) -> tuple[DatasetFile | None, list[TableBlock]]:
    """The main file, or None and the table blocks it describes well enough to read their files."""
    text = common._read_text(folder / MAIN_FILE, problems)
    if text is None:
        return None, []
    parsed = common._parse_yaml(text, problems)
    if parsed is None:
        return None, []
    data, lines = parsed
    locations.yaml_lines.update(lines)
    if not isinstance(data, dict):
        got = Message("empty") if data is None else field_errors.kind_of(data)
        problems.append(
            Problem(
                MAIN_FILE,
                line_at(1),
                Message(
                    "the file is {got}, but it must be a mapping of fields (key: value), starting with "
                    "schema_version: {version}",
                    got=got,
                    version=SCHEMA_VERSION,
                ),
            )
        )
        return None, []
    version = data.get("schema_version")
    if version == 1:
        problems.append(
            Problem(
                MAIN_FILE,
                line_at(lines.get(("schema_version",), 1)),
                Message(
                    "this dataset is in format version 1, which sebrief no longer reads; convert it with "
                    "`sebrief migrate {folder}` (it rewrites dataset.yaml and rows.csv in version {version})",
                    folder=str(folder),
                    version=SCHEMA_VERSION,
                ),
            )
        )
        return None, []
    try:
        return DatasetFile.model_validate(data), []
    except ValidationError as error:
        for detail in field_errors.relevant(error):
            loc = _without_tags(field_errors.error_loc(detail))
            field = field_errors.dotted(loc[:-1] if detail["type"] == "invalid_key" else loc)
            problems.append(
                Problem(MAIN_FILE, line_at(field_errors.line_of(loc, lines)), _describe(detail, field, loc))
            )
        return None, _valid_tables(data)


def _valid_tables(data: dict[Any, Any]) -> list[TableBlock]:
    """The table blocks of a dataset.yaml that did not validate as a whole, as far as they are valid."""
    answer = data.get("answer")
    blocks = answer.get("blocks") if isinstance(answer, dict) else None
    tables = []
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict) and block.get("kind") == "table":
            try:
                tables.append(TableBlock.model_validate(block))
            except ValidationError:
                continue  # its problems are reported with those of dataset.yaml
    files = Counter(table.file for table in tables)
    return [table for table in tables if files[table.file] == 1]


_BLOCK_KINDS_TEXT = or_list([f"'{kind}'" for kind in BLOCK_KINDS])


def _describe(detail: Any, field: str, loc: YamlPath) -> Message:
    """The message for one error in dataset.yaml: the common ones, and those of answer blocks."""
    kind = detail["type"]
    if kind == "union_tag_invalid":
        tag = field_errors.show((detail.get("ctx") or {}).get("tag"))
        return Message(
            "{field}.kind: {tag} is not a kind of answer block; use {kinds}",
            field=field,
            tag=tag,
            kinds=_BLOCK_KINDS_TEXT,
        )
    if kind == "union_tag_not_found":
        return Message("{field}.kind: required field is missing; add it: {kinds}", field=field, kinds=_BLOCK_KINDS_TEXT)
    if kind == "string_pattern_mismatch" and loc[:2] == ("answer", "blocks") and loc[-1] == "file":
        got = field_errors.show(detail.get("input"))
        return Message(
            "{field}: {got} is not allowed here; name a .csv or .xlsx file in the dataset folder, e.g. rows.csv",
            field=field,
            got=got,
        )
    return field_errors.describe(detail, field)


def _without_tags(loc: YamlPath) -> YamlPath:
    """A block's error path without the union tag pydantic inserts (answer.blocks.2.table.file)."""
    out: list[str | int] = []
    for index, part in enumerate(loc):
        if part in BLOCK_KINDS and index >= 2 and loc[index - 2] == "blocks":
            continue
        out.append(part)
    return tuple(out)


# --- the tables' files ---------------------------------------------------------------------


def _load_rows(
    folder: Path,
    table: TableBlock,
    problems: list[Problem],
    locations: Locations,
    formats: list[TableFormat] | None = None,
    rows: list[Row] | TableRows | None = None,
) -> None:
    """The rows of a table's file, added to ``rows`` (a table with problems adds none)."""
    data = common._read_bytes(
        folder / table.file,
        problems,
        Message(
            "table {table} in {file} names it in `file`; add the table's {kind} file or correct the name",
            table=table.id,
            file=MAIN_FILE,
            kind="Excel" if table.file.endswith(".xlsx") else "CSV",
        ),
        MAX_TABLE_BYTES,
    )
    if data is None:
        return
    before = len(problems)
    fmt = TableFormat(table.file)
    required, optional = columns_of(table)
    batches: Iterable[Batch]
    if table.file.endswith(".xlsx"):
        opened = workbook.open_sheet(data, fmt, table.sheet)
        if isinstance(opened, Problem):
            problems.append(opened)
            return
        sheet, fmt = opened
        batches = workbook.batched(workbook.xlsx_records(data, sheet, fmt, required, optional, problems))
    else:
        decoded = tablefile.decode_csv(data, table.file)
        if isinstance(decoded, Problem):
            problems.append(decoded)
            return
        text, encoding = decoded
        del data
        separator = tablefile.detect_separator(text, required, set(required) | set(optional))
        fmt = TableFormat(table.file, separator, encoding)
        batches = tablefile.csv_batches(text, fmt, required, optional, problems)
    if formats is not None:
        formats.append(fmt)
    # Rows kept in columns go straight there (a table with problems fails the whole load); rows built
    # are the table's until it is read without problems.
    kept = rows if isinstance(rows, TableRows) else None
    own: list[Row] = []
    read = 0
    direct = DirectRows(table, _valid_period).columns_batch
    add, add_place, file = own.append if kept is None else kept.append, locations.add_row, table.file
    # A batch at a time: a table of 100,000 rows is never held twice (as records and as rows).
    for batch in batches:
        names, troubles, lines = batch.names, batch.troubles, batch.lines
        read += len(batch.records)
        made = direct(names, batch.records)
        if made is not None and not troubles and 1 not in made[1]:  # every record made (a long table's batches)
            if kept is None:
                own.extend(rows_from_columns(made[0]))  # type: ignore[arg-type]
            else:
                kept.extend(made[0])
            locations.add_rows(file, made[0]["id"], lines)
            continue
        # Plainly well-formed records are made directly; any other is validated, which says what is wrong.
        built = [None] * len(lines) if made is None else rows_from_columns(*made)
        for index, (line, values, row) in enumerate(zip(lines, batch.records, built, strict=True)):
            if row is None or index in troubles:
                row = _row_from_record(
                    line, dict(zip(names, values, strict=True)), troubles.get(index, {}), table, fmt, problems
                )
                if row is None:
                    continue
                share_fields_set(row)
            add(row)
            add_place(row.id, file, line)
    if not read and len(problems) == before:
        problems.append(
            Problem(table.file, fmt.where(2), Message("no rows; add one row per line of the answer's table"))
        )
    if isinstance(rows, list) and len(problems) == before:
        rows.extend(own)


def columns_of(table: TableBlock) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The required and the optional columns of a table's file."""
    groupings = tuple(column for g in table.groupings for column in (g, f"{g}_basis"))
    return REQUIRED_COLUMNS, OPTIONAL_COLUMNS + groupings


_COLUMN_GROUPS = (
    (tuple(PERIOD_COLUMNS.values()), "period", Message("leave all three empty when the answer gives no period")),
    (("note_nl", "note_en"), "note", Message("a note is written in both languages or not at all")),
)


def _row_from_record(
    line: int,
    record: dict[str, str],
    cell_problems: dict[str, Message],
    table: TableBlock,
    fmt: TableFormat,
    problems: list[Problem],
) -> Row | None:
    file = table.file
    values: dict[str, Any] = {name: (value.strip() or None) for name, value in record.items()}
    for column in _ALL_COLUMNS:
        values.setdefault(column, None)
    # A cell that could not be read is reported as such, and the checks that need it are not.
    skip: set[str] = set(cell_problems)
    for column, trouble in cell_problems.items():
        problems.append(Problem(file, fmt.where(line, column), trouble))
    for columns, key, hint in _COLUMN_GROUPS:
        if cell_problems and any(column in cell_problems for column in columns):
            skip.add(key)
            continue
        filled = [column for column in columns if values[column] is not None]
        if filled and len(filled) < len(columns):
            for column in columns:
                if column not in filled:
                    problems.append(
                        Problem(
                            file,
                            fmt.where(line, column),
                            Message.plural(
                                "empty while {filled} is filled; fill in {columns}, or none of them ({hint})",
                                "empty while {filled} are filled; fill in {columns}, or none of them ({hint})",
                                len(filled),
                                filled=and_list(filled),
                                columns=", ".join(columns),
                                hint=hint,
                            ),
                        )
                    )
            skip.add(key)
    period_values = [values.pop(column) for column in PERIOD_COLUMNS.values()]
    values["period"] = (
        (_valid_period(*period_values) or dict(zip(PERIOD_COLUMNS, period_values, strict=True)))
        if any(period_values) and "period" not in skip
        else None
    )
    values["period_from_table"] = False
    if table.period is not None and values["period"] is None and values["period_text"] is None and "period" not in skip:
        # A period given once for the table: the row has it, marked as the table's.
        values.update(period=table.period, period_text=table.period_text, period_from_table=True)
    notes = {"nl": values.pop("note_nl"), "en": values.pop("note_en")}
    values["note"] = notes if any(notes.values()) and "note" not in skip else None
    groupings: dict[str, tuple[str, ...]] = {}
    basis: dict[str, str] = {}
    for grouping in table.groupings:
        raw = values.pop(grouping, None)
        if raw:
            groupings[grouping] = tuple(part.strip() for part in raw.split(";") if part.strip())
        raw_basis = values.pop(f"{grouping}_basis", None)
        if raw_basis:
            basis[grouping] = raw_basis
    values["groupings"] = groupings
    values["grouping_basis"] = basis
    values["table"] = table.id
    if values.get("vat_basis") is None:
        values.pop("vat_basis")
    try:
        row = Row.model_validate(values)
    except ValidationError as error:
        for detail in field_errors.relevant(error):
            loc = field_errors.error_loc(detail)
            fields = (detail.get("ctx") or {}).get("fields") or loc[:1]
            if fields and set(fields) <= skip:
                continue
            column = _column_of(loc)
            amount_hint = tablefile.amount_hint(detail.get("input"), fmt) if column == "amount" else None
            message = field_errors.describe(detail, "", column, amount_hint)
            problems.append(Problem(file, fmt.where(line, column), message))
        return None
    return None if skip else row


@lru_cache(maxsize=4096)
def _valid_period(start: str | None, end: str | None, precision: str | None) -> Period | None:
    """The period of these three cells, validated once and shared by the rows that repeat it (a long
    table has a few dozen); None when it is not valid, and the row's validation reports why."""
    try:
        return share_fields_set(Period.model_validate({"start": start, "end": end, "precision": precision}))
    except ValidationError:
        return None


def _column_of(loc: YamlPath) -> str:
    if not loc:
        return ""
    if loc[0] == "note":
        return f"note_{loc[1]}" if len(loc) > 1 else "note_nl/note_en"
    if loc[0] == "period":
        if len(loc) > 1 and str(loc[1]) in PERIOD_COLUMNS:
            return PERIOD_COLUMNS[str(loc[1])]
        return "period_start/period_end/period_precision"
    if loc[0] == "groupings" and len(loc) > 1:
        return str(loc[1])
    if loc[0] == "grouping_basis" and len(loc) > 1:
        return f"{loc[1]}_basis"
    return str(loc[0])
