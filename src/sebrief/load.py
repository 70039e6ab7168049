"""Load stage: read a dataset folder (dataset.yaml, rows.csv, the source text) into frozen objects.

Every problem is collected with its file and location (YAML line, or CSV line and column) and
raised together as one ``DatasetError``; nothing is half-loaded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sebrief.errors import DatasetError, Problem
from sebrief.model import Dataset, DatasetFile, TableRow
from sebrief.validate import Locations, check_dataset

MAIN_FILE = "dataset.yaml"
ROWS_FILE = "rows.csv"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
ROW_COLUMNS = (
    "id", "kind", "description", "description_source", "theme", "period_start", "period_end",
    "period_precision", "period_text", "status", "beneficiary", "beneficiary_count", "amount",
    "amount_text", "vat_basis", "vat_text", "pillars", "pillar_basis", "source_ref", "note_nl", "note_en",
)  # fmt: skip
PERIOD_COLUMNS = {"start": "period_start", "end": "period_end", "precision": "period_precision"}

YamlPath = tuple[str | int, ...]


def resolve_folder(path: Path) -> Path:
    """The dataset folder for ``path``: the folder itself, or the folder of its main file."""
    if path.is_dir():
        return path
    if path.is_file() and path.name == MAIN_FILE:
        return path.parent
    if path.exists():
        raise DatasetError([Problem(str(path), "", f"not a dataset: give its folder or its {MAIN_FILE}")])
    raise DatasetError([Problem(str(path), "", "no such file or folder; check the path")])


def load_dataset(path: Path) -> Dataset:
    """Read and validate the dataset at ``path`` (a folder or its dataset.yaml)."""
    folder = resolve_folder(path)
    problems: list[Problem] = []
    locations = Locations()
    main = _load_main(folder / MAIN_FILE, problems, locations)
    rows = _load_rows(folder / ROWS_FILE, problems, locations)
    source_text = None
    if main is not None:
        source_text = _read_text(folder / main.metadata.source.file, problems)
    if problems or main is None or rows is None or source_text is None:
        raise DatasetError(problems)
    dataset = Dataset(main=main, rows=tuple(rows), source_text=source_text)
    problems = check_dataset(dataset, locations)
    if problems:
        raise DatasetError(problems)
    return dataset


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    name = path.name
    if not path.is_file():
        problems.append(Problem(name, "", f"missing file; a dataset folder needs {name}"))
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(name, "", f"file is {size} bytes, more than the limit of {MAX_FILE_BYTES}"))
        return None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(name, f"line {line}", "not valid UTF-8 text; save the file with UTF-8 encoding"))
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(name, f"line {line}", "contains a NUL character; this is not a text file"))
        return None
    return text


# --- dataset.yaml -------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases (they can expand a small file enormously).

    Timestamps stay strings, so that pydantic parses dates and reports a bad one by its field.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 - the class attribute PyYAML reads
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "anchors and aliases (*name) are not supported; write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


def _load_main(path: Path, problems: list[Problem], locations: Locations) -> DatasetFile | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    parsed = _parse_yaml(text, problems)
    if parsed is None:
        return None
    data, lines = parsed
    locations.yaml_lines.update(lines)
    if not isinstance(data, dict):
        problems.append(Problem(MAIN_FILE, "line 1", "the file must be a mapping of fields (key: value)"))
        return None
    try:
        return DatasetFile.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(detail["loc"])
            problems.append(Problem(MAIN_FILE, f"line {_line_of(loc, lines)}", _describe(detail, _dotted(loc))))
        return None


def _parse_yaml(text: str, problems: list[Problem]) -> tuple[Any, dict[YamlPath, int]] | None:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}" if mark else ""
        problems.append(Problem(MAIN_FILE, where, f"not valid YAML: {error.problem or error.context}"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(MAIN_FILE, "", f"not valid YAML: {error}"))
        return None
    except (ValueError, TypeError, OverflowError) as error:
        problems.append(Problem(MAIN_FILE, "", f"not valid YAML: {error}"))
        return None
    except RecursionError:
        problems.append(Problem(MAIN_FILE, "", "nested too deeply to be a dataset; check the indentation"))
        return None
    finally:
        loader.dispose()
    lines: dict[YamlPath, int] = {}
    duplicates: list[Problem] = []
    if node is not None:
        _index_lines(node, (), lines, duplicates)
    problems.extend(duplicates)
    return (None, lines) if duplicates else (data, lines)


def _index_lines(node: yaml.Node, path: YamlPath, lines: dict[YamlPath, int], problems: list[Problem]) -> None:
    stack: list[tuple[yaml.Node, YamlPath]] = [(node, path)]
    while stack:
        current, where = stack.pop()
        lines[where] = current.start_mark.line + 1
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in current.value:
                key = str(key_node.value)
                if key in seen:
                    line = key_node.start_mark.line + 1
                    problems.append(Problem(MAIN_FILE, f"line {line}", f"duplicate key '{key}'; keep only one"))
                seen.add(key)
                stack.append((value_node, (*where, key)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*where, index)) for index, item in enumerate(current.value))


def _line_of(loc: YamlPath, lines: dict[YamlPath, int]) -> int:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _dotted(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _describe(detail: Any, field: str) -> str:
    kind = detail["type"]
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        return f"{field}: required field is missing; add it"
    if kind == "extra_forbidden":
        return f"{field}: unknown field; remove it or correct its name (`sebrief schema` lists the fields)"
    if kind.startswith("date"):
        return f"{field}: {detail['input']!r} is not a date; write it as YYYY-MM-DD (for example 2018-01-19)"
    value = detail.get("input")
    shown = "" if isinstance(value, (dict, list)) or value is None or kind == "value_error" else f" (got {value!r})"
    return f"{field}: {message}{shown}" if field else f"{message}{shown}"


# --- rows.csv -----------------------------------------------------------------------------


def _load_rows(path: Path, problems: list[Problem], locations: Locations) -> list[TableRow] | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    before = len(problems)
    rows: list[TableRow] = []
    try:
        records = list(_records(text, problems))
    except csv.Error as error:
        problems.append(Problem(ROWS_FILE, "", f"not valid CSV: {error}"))
        return None
    for line, record in records:
        row = _row_from_record(line, record, problems)
        if row is not None:
            rows.append(row)
            locations.row_lines.setdefault(row.id, line)
    if not records and len(problems) == before:
        problems.append(Problem(ROWS_FILE, "line 2", "no table rows; add one row per line of the answer's table"))
    return rows if len(problems) == before else None


def _records(text: str, problems: list[Problem]) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader, None)
    if header is None:
        problems.append(
            Problem(ROWS_FILE, "line 1", f"empty file; the first line is the header: {','.join(ROW_COLUMNS)}")
        )
        return
    names = [name.strip() for name in header]
    missing = [name for name in ROW_COLUMNS if name not in names]
    unknown = [name for name in names if name not in ROW_COLUMNS]
    if missing or unknown or len(set(names)) != len(names):
        detail = "; ".join(
            part
            for part in (
                f"missing column(s) {', '.join(missing)}" if missing else "",
                f"unknown column(s) {', '.join(unknown)}" if unknown else "",
                "a column name is repeated" if len(set(names)) != len(names) else "",
            )
            if part
        )
        problems.append(Problem(ROWS_FILE, "line 1", f"header: {detail}; the columns are {','.join(ROW_COLUMNS)}"))
        return
    previous = reader.line_num
    for count, values in enumerate(reader, start=1):
        line = previous + 1
        previous = reader.line_num
        if count > MAX_ROWS:
            problems.append(Problem(ROWS_FILE, f"line {line}", f"more than {MAX_ROWS} rows; split the dataset"))
            return
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(names):
            problems.append(
                Problem(
                    ROWS_FILE,
                    f"line {line}",
                    f"{len(values)} fields where the header has {len(names)}; "
                    "check for a missing or extra comma (quote fields that contain commas)",
                )
            )
            continue
        yield line, dict(zip(names, values, strict=True))


def _row_from_record(line: int, record: dict[str, str], problems: list[Problem]) -> TableRow | None:
    values: dict[str, Any] = {name: (value.strip() or None) for name, value in record.items()}
    period_values = [values.pop(column) for column in PERIOD_COLUMNS.values()]
    if any(period_values):
        values["period"] = dict(zip(PERIOD_COLUMNS, period_values, strict=True))
    else:
        values["period"] = None
    notes = {"nl": values.pop("note_nl"), "en": values.pop("note_en")}
    values["note"] = notes if any(notes.values()) else None
    pillars = values.pop("pillars")
    values["pillars"] = tuple(part.strip() for part in pillars.split(";")) if pillars else ()
    try:
        return TableRow.model_validate(values)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(detail["loc"])
            column = _column_of(loc)
            where = f"line {line}, column {column}" if column else f"line {line}"
            problems.append(Problem(ROWS_FILE, where, _describe(detail, "")))
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
    return str(loc[0])
