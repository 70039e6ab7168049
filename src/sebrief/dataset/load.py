"""Load a version 2 dataset: dataset.yaml, the CSV file of each table block, and the source text.

Every problem is collected with its file and location (YAML line, or CSV line and column) and
raised together as one ``DatasetError``; nothing is half-loaded. A version 1 dataset is never
read as version 2: it is refused with the command that converts it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sebrief.dataset import reading as common
from sebrief.dataset.fields import share_fields_set, shorten
from sebrief.dataset.locations import Locations
from sebrief.dataset.model import SCHEMA_VERSION, Dataset, DatasetFile, Row, TableBlock
from sebrief.dataset.validate import check_dataset
from sebrief.errors import DatasetError, Problem

MAIN_FILE = common.MAIN_FILE
BLOCK_KINDS = ("table", "classification", "figures", "text")
REQUIRED_COLUMNS = ("id", "kind", "description", "status", "vat_basis", "source_ref")
OPTIONAL_COLUMNS = (
    "description_source", "period_start", "period_end", "period_precision", "period_text", "beneficiary",
    "beneficiary_count", "amount", "amount_text", "vat_text", "procedure", "note_nl", "note_en",
)  # fmt: skip
PERIOD_COLUMNS = {"start": "period_start", "end": "period_end", "precision": "period_precision"}
MAX_LISTED = 10
# A table of 135,000 lines (a legislature's consultancy spending) takes about 40 MB as CSV and its
# source text about 20 MB: the limits leave room for that and refuse what no answer holds.
MAX_TABLE_BYTES = 256 * 1024 * 1024
MAX_SOURCE_BYTES = 256 * 1024 * 1024
MAX_ROWS = 1_000_000

YamlPath = tuple[str | int, ...]


def load_dataset(path: Path) -> Dataset:
    """Read and validate the version 2 dataset at ``path`` (a folder or its dataset.yaml)."""
    folder = common.resolve_folder(path)
    problems: list[Problem] = []
    locations = Locations()
    main, tables = _load_main(folder, problems, locations)
    rows: list[Row] = []
    source_text = None
    if main is None:
        # dataset.yaml has problems: the tables it does describe well are still read, so that the
        # problems of their CSV files are listed too.
        for table in tables:
            _load_rows(folder, table, problems, locations)
    else:
        defined = {grouping.id for grouping in main.groupings}
        for b, block in enumerate(main.answer.blocks):
            for g, grouping_id in enumerate(block.groupings if isinstance(block, TableBlock) else ()):
                if grouping_id not in defined:
                    problems.append(
                        Problem(
                            MAIN_FILE,
                            locations.yaml("answer", "blocks", b, "groupings", g),
                            f"table {block.id}: grouping {grouping_id} is not defined in groupings; use one of "
                            f"{', '.join(sorted(defined)) or '(none defined)'} or define it",
                        )
                    )
        read: set[str] = set()
        for table in main.tables():
            if table.file not in read:  # a second table naming the same file is reported by check_dataset
                read.add(table.file)
                rows.extend(_load_rows(folder, table, problems, locations))
        source_text = common._read_text(
            folder / main.metadata.source.file,
            problems,
            f"{MAIN_FILE} names it in metadata.source.file; add the source text or correct the name",
            MAX_SOURCE_BYTES,
        )
    if problems or main is None or source_text is None:
        raise DatasetError(problems)
    dataset = Dataset(main=main, rows=tuple(rows), source_text=source_text)
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
        got = "empty" if data is None else f"a {common._kind_of(data)}"
        problems.append(
            Problem(
                MAIN_FILE,
                "line 1",
                f"the file is {got}, but it must be a mapping of fields (key: value), starting with "
                f"schema_version: {SCHEMA_VERSION}",
            )
        )
        return None, []
    version = data.get("schema_version")
    if version == 1:
        problems.append(
            Problem(
                MAIN_FILE,
                f"line {lines.get(('schema_version',), 1)}",
                f"this dataset is in format version 1, which sebrief no longer reads; convert it with "
                f"`sebrief migrate {folder}` (it rewrites dataset.yaml and rows.csv in version {SCHEMA_VERSION})",
            )
        )
        return None, []
    try:
        return DatasetFile.model_validate(data), []
    except ValidationError as error:
        for detail in common._relevant(error):
            loc = _without_tags(common._error_loc(detail))
            field = common._dotted(loc[:-1] if detail["type"] == "invalid_key" else loc)
            problems.append(Problem(MAIN_FILE, f"line {common._line_of(loc, lines)}", _describe(detail, field, loc)))
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


_BLOCK_KINDS_TEXT = ", ".join(f"'{kind}'" for kind in BLOCK_KINDS[:-1]) + f" or '{BLOCK_KINDS[-1]}'"


def _describe(detail: Any, field: str, loc: YamlPath) -> str:
    """The message for one error in dataset.yaml: the common ones, and those of answer blocks."""
    kind = detail["type"]
    if kind == "union_tag_invalid":
        tag = common._show((detail.get("ctx") or {}).get("tag"))
        return f"{field}.kind: {tag} is not a kind of answer block; use {_BLOCK_KINDS_TEXT}"
    if kind == "union_tag_not_found":
        return f"{field}.kind: required field is missing; add it: {_BLOCK_KINDS_TEXT}"
    if kind == "string_pattern_mismatch" and loc[:2] == ("answer", "blocks") and loc[-1] == "file":
        got = common._show(detail.get("input"))
        return f"{field}: {got} is not allowed here; name a .csv file in the dataset folder, e.g. rows.csv"
    return common._describe(detail, field)


def _without_tags(loc: YamlPath) -> YamlPath:
    """A block's error path without the union tag pydantic inserts (answer.blocks.2.table.file)."""
    out: list[str | int] = []
    for index, part in enumerate(loc):
        if part in BLOCK_KINDS and index >= 2 and loc[index - 2] == "blocks":
            continue
        out.append(part)
    return tuple(out)


# --- the tables' CSV files -----------------------------------------------------------------


def _load_rows(folder: Path, table: TableBlock, problems: list[Problem], locations: Locations) -> list[Row]:
    text = common._read_text(
        folder / table.file,
        problems,
        f"table {table.id} in {MAIN_FILE} names it in `file`; add the table's CSV file or correct the name",
        MAX_TABLE_BYTES,
    )
    if text is None:
        return []
    before = len(problems)
    rows: list[Row] = []
    read = 0
    # One record at a time: a table of 100,000 rows is never held twice (as records and as rows).
    for line, record in _records(text, table, problems):
        read += 1
        row = _row_from_record(line, record, table, problems)
        if row is not None:
            rows.append(share_fields_set(row))
            locations.row_files.setdefault(row.id, table.file)
            locations.row_lines.setdefault(row.id, []).append(line)
            locations.row_places.setdefault(row.id, []).append((table.file, line))
    if not read and len(problems) == before:
        problems.append(Problem(table.file, "line 2", "no rows; add one row per line of the answer's table"))
    return rows if len(problems) == before else []


def columns_of(table: TableBlock) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The required and the optional columns of a table's CSV file."""
    groupings = tuple(column for g in table.groupings for column in (g, f"{g}_basis"))
    return REQUIRED_COLUMNS, OPTIONAL_COLUMNS + groupings


def _listed(names: list[str]) -> str:
    shown = ", ".join(shorten(name, 40) for name in names[:MAX_LISTED])
    return shown + (f" … and {len(names) - MAX_LISTED:,} more" if len(names) > MAX_LISTED else "")


def _records(text: str, table: TableBlock, problems: list[Problem]) -> Iterator[tuple[int, dict[str, str]]]:
    file = table.file
    required, optional = columns_of(table)
    known = set(required) | set(optional)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous = 0
    try:
        header = next(reader, None)
        if header is None:
            problems.append(Problem(file, "line 1", f"empty file; the first line is the header: {','.join(required)}"))
            return
        names = [name.strip() for name in header]
        counts = Counter(names)
        repeated = sorted(name for name, count in counts.items() if count > 1)
        missing = [name for name in required if name not in counts]
        unknown = [name for name in names if name not in known]
        if missing or unknown or repeated:
            detail = "; ".join(
                part
                for part in (
                    f"missing column(s) {_listed(missing)}" if missing else "",
                    f"unknown column(s) {_listed(unknown)}" if unknown else "",
                    f"repeated column(s) {_listed(repeated)}" if repeated else "",
                )
                if part
            )
            grouping_hint = (
                f" (a grouping's column is named after it and must be listed in the table's groupings in {MAIN_FILE})"
                if unknown
                else ""
            )
            problems.append(
                Problem(
                    file,
                    "line 1",
                    f"header: {detail}; the columns are {','.join(required)}, optionally "
                    f"{','.join(optional)}{grouping_hint}",
                )
            )
            return
        previous = reader.line_num
        for count, values in enumerate(reader, start=1):
            line = previous + 1
            previous = reader.line_num
            if count > MAX_ROWS:
                problems.append(Problem(file, f"line {line}", f"more than {MAX_ROWS:,} rows; split the table"))
                return
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(names):
                problems.append(
                    Problem(
                        file,
                        f"line {line}",
                        f"{len(values)} fields where the header has {len(names)}; "
                        "check for a missing or extra comma (quote fields that contain commas)",
                    )
                )
                continue
            yield line, dict(zip(names, values, strict=True))
    except csv.Error as error:
        problems.append(
            Problem(
                file,
                f"line {previous + 1}",
                f"not valid CSV ({error}); a field that holds a comma, a quote or a line break is written "
                'in double quotes, with a quote inside it doubled ("")',
            )
        )


_COLUMN_GROUPS = (
    (tuple(PERIOD_COLUMNS.values()), "period", "leave all three empty when the answer gives no period"),
    (("note_nl", "note_en"), "note", "a note is written in both languages or not at all"),
)


def _row_from_record(line: int, record: dict[str, str], table: TableBlock, problems: list[Problem]) -> Row | None:
    file = table.file
    values: dict[str, Any] = {name: (value.strip() or None) for name, value in record.items()}
    for column in (*OPTIONAL_COLUMNS, *REQUIRED_COLUMNS):
        values.setdefault(column, None)
    skip: set[str] = set()
    for columns, key, hint in _COLUMN_GROUPS:
        filled = [column for column in columns if values[column] is not None]
        if filled and len(filled) < len(columns):
            for column in columns:
                if column not in filled:
                    problems.append(
                        Problem(
                            file,
                            f"line {line}, column {column}",
                            f"empty while {' and '.join(filled)} {'is' if len(filled) == 1 else 'are'} filled; "
                            f"fill in {', '.join(columns)}, or none of them ({hint})",
                        )
                    )
            skip.add(key)
    period_values = [values.pop(column) for column in PERIOD_COLUMNS.values()]
    values["period"] = (
        dict(zip(PERIOD_COLUMNS, period_values, strict=True)) if any(period_values) and "period" not in skip else None
    )
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
        for detail in common._relevant(error):
            loc = common._error_loc(detail)
            fields = (detail.get("ctx") or {}).get("fields") or loc[:1]
            if fields and set(fields) <= skip:
                continue
            column = _column_of(loc)
            where = f"line {line}, column {column}" if column else f"line {line}"
            problems.append(Problem(file, where, common._describe(detail, "", column)))
        return None
    return None if skip else row


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
