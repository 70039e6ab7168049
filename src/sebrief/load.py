"""Load stage: read a dataset folder (dataset.yaml, rows.csv, the source text) into frozen objects.

Every problem is collected with its file and location (YAML line, or CSV line and column) and
raised together as one ``DatasetError``; nothing is half-loaded.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
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
MAX_DEPTH = 50
MAX_LISTED = 10  # names listed in one message; the rest are counted
ROW_COLUMNS = (
    "id", "kind", "description", "description_source", "theme", "period_start", "period_end",
    "period_precision", "period_text", "status", "beneficiary", "beneficiary_count", "amount",
    "amount_text", "vat_basis", "vat_text", "pillars", "pillar_basis", "source_ref", "note_nl", "note_en",
)  # fmt: skip
PERIOD_COLUMNS = {"start": "period_start", "end": "period_end", "precision": "period_precision"}

YamlPath = tuple[str | int, ...]


def resolve_folder(path: Path) -> Path:
    """The dataset folder for ``path``: the folder itself, or the folder of its main file."""
    try:
        if path.is_dir():
            return path
        if path.is_file() and path.name == MAIN_FILE:
            return path.parent
        exists = path.exists()
    except OSError as error:
        raise DatasetError(
            [Problem(str(path), "", f"cannot be read ({error.strerror or error}); check the path and its permissions")]
        ) from error
    if exists:
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
        source_text = _read_text(
            folder / main.metadata.source.file,
            problems,
            f"{MAIN_FILE} names it in metadata.source.file; add the source text or correct the name",
        )
    if problems or main is None or rows is None or source_text is None:
        raise DatasetError(problems)
    dataset = Dataset(main=main, rows=tuple(rows), source_text=source_text)
    problems = check_dataset(dataset, locations)
    if problems:
        raise DatasetError(problems)
    return dataset


def _inside_folder(path: Path, problems: list[Problem]) -> Path | None:
    """The file ``path`` names, after symbolic links, if it lies inside the dataset folder.

    The dataset folder is the folder the user named (itself possibly a link); a file in it that
    resolves outside it (a link to another folder, or to a file such as /etc/passwd) is refused
    before anything of it is read, so that no message ever shows a line of a file that is not
    the dataset's.
    """
    folder = Path(os.path.realpath(path.parent))
    real = Path(os.path.realpath(path))
    if real.is_relative_to(folder):
        return real
    elsewhere = f", or name the folder {real.parent} instead" if path.name == MAIN_FILE else ""
    problems.append(
        Problem(
            path.name,
            "",
            f"a symbolic link to {real}, outside the dataset folder {path.parent}; sebrief reads only the files "
            f"inside the dataset folder: copy the file into the folder instead of linking to it{elsewhere}",
        )
    )
    return None


def _read_text(path: Path, problems: list[Problem], missing_hint: str = "", limit: int = MAX_FILE_BYTES) -> str | None:
    name = path.name
    try:
        real = _inside_folder(path, problems)
        if real is None:
            return None
        if not real.exists():
            hint = missing_hint or f"a dataset folder needs {name}"
            problems.append(Problem(name, "", f"missing file; {hint}"))
            return None
        if not real.is_file():
            problems.append(Problem(name, "", f"not a file; {name} must be a text file in the dataset folder"))
            return None
        size = real.stat().st_size
        if size > limit:
            problems.append(
                Problem(
                    name,
                    "",
                    f"the file is {size} bytes, more than the limit of {limit} bytes ({limit // 1024 // 1024} MiB); "
                    "check that this is the right file",
                )
            )
            return None
        data = real.read_bytes()
    except OSError as error:
        problems.append(Problem(name, "", f"cannot be read ({error.strerror or error}); check its permissions"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data[: error.start].count(b"\n") + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        problems.append(
            Problem(
                name,
                f"line {line}, column {column}",
                f"not valid UTF-8 text (byte 0x{data[error.start]:02x}); save the file with UTF-8 encoding",
            )
        )
        return None
    if "\x00" in text:
        index = text.index("\x00")
        line = text[:index].count("\n") + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        problems.append(
            Problem(
                name,
                f"line {line}, column {column}",
                "contains a NUL character, so this is not a text file; remove it or save the file as UTF-8 text",
            )
        )
        return None
    return text


# --- dataset.yaml -------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases (they can expand a small file enormously).

    Timestamps stay strings, so that pydantic parses dates and reports a bad one by its field.
    Nesting is limited (``MAX_DEPTH``), and a value that cannot be constructed (``!!int abc``)
    is reported at its line like any other YAML error.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 - the class attribute PyYAML reads
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(
                None,
                None,
                "anchors and aliases (&name, *name) are not supported; write the value out",
                event.start_mark,
            )
        if self._depth >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                None,
                None,
                f"nested more than {MAX_DEPTH} levels deep, which no dataset needs; check the brackets and indentation",
                event.start_mark,
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
            tag = str(node.tag).rsplit(":", 1)[-1]
            shown = _shorten(repr(node.value)) if isinstance(node, yaml.ScalarNode) else "this value"
            detail = " (it has too many digits)" if "digits" in str(error) else ""
            raise yaml.MarkedYAMLError(
                None, None, f"cannot read {shown} as {tag}{detail}; correct the value or its tag", node.start_mark
            ) from error


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
        got = "empty" if data is None else f"a {_kind_of(data)}"
        problems.append(
            Problem(
                MAIN_FILE,
                "line 1",
                f"the file is {got}, but it must be a mapping of fields (key: value), starting with schema_version: 1",
            )
        )
        return None
    try:
        return DatasetFile.model_validate(data)
    except ValidationError as error:
        for detail in _relevant(error):
            loc = _error_loc(detail)
            field = _dotted(loc[:-1] if detail["type"] == "invalid_key" else loc)
            problems.append(Problem(MAIN_FILE, f"line {_line_of(loc, lines)}", _describe(detail, field)))
        return None


def _parse_yaml(text: str, problems: list[Problem]) -> tuple[Any, dict[YamlPath, int]] | None:
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the reader checks for forbidden characters here
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        problems.append(_yaml_problem(error))
        return None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        char = error.character if isinstance(error.character, str) else chr(error.character)
        problems.append(
            Problem(
                MAIN_FILE,
                f"line {line}, column {column}",
                f"contains the control character U+{ord(char):04X}, which YAML does not allow; remove it",
            )
        )
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(MAIN_FILE, "", f"not valid YAML: {error}"))
        return None
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
        problems.append(Problem(MAIN_FILE, "", f"not valid YAML: {error}; check the values and their tags (!!)"))
        return None
    except RecursionError:
        problems.append(
            Problem(MAIN_FILE, "", f"nested too deeply (more than {MAX_DEPTH} levels); check brackets and indentation")
        )
        return None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[YamlPath, int] = {}
    duplicates: list[Problem] = []
    if node is not None:
        _index_lines(node, (), lines, duplicates)
    if duplicates:
        problems.extend(duplicates)
        return None
    return data, lines


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = str(error.problem or error.context or "syntax error")
    if "'\\t'" in problem:
        return Problem(MAIN_FILE, where, "not valid YAML: a tab character; indent with spaces, not tabs")
    if "could not determine a constructor" in problem:
        found = re.search(r"for the tag '(.*)'", problem)
        tag = (found.group(1) if found else "").replace("tag:yaml.org,2002:", "!!")
        return Problem(MAIN_FILE, where, f"the tag {_shorten(tag)} is not supported; remove it and write a plain value")
    if "found another document" in problem:
        return Problem(
            MAIN_FILE, where, "a second YAML document (---) starts here; a dataset.yaml holds one document: remove it"
        )
    if error.problem and error.context and error.context_mark and error.context_mark is not mark:
        problem += f" ({error.context} at line {error.context_mark.line + 1})"
    if problem.startswith(("anchors", "nested", "cannot read")):
        return Problem(MAIN_FILE, where, problem)
    return Problem(MAIN_FILE, where, f"not valid YAML: {problem}; check the quotes, brackets and indentation there")


def _index_lines(node: yaml.Node, path: YamlPath, lines: dict[YamlPath, int], problems: list[Problem]) -> None:
    """The line of every YAML path: the line of its key in a mapping, or where an item starts."""
    stack: list[tuple[yaml.Node, YamlPath, int]] = [(node, path, node.start_mark.line + 1)]
    while stack:
        current, where, line = stack.pop()
        lines[where] = line
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                key = str(key_node.value)
                key_line = key_node.start_mark.line + 1
                if key in seen:
                    problems.append(
                        Problem(
                            MAIN_FILE,
                            f"line {key_line}",
                            f"duplicate key '{_shorten(key)}' (first on line {seen[key]}); keep only one",
                        )
                    )
                seen.setdefault(key, key_line)
                stack.append((value_node, (*where, key), key_line))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*where, index), item.start_mark.line + 1) for index, item in enumerate(current.value))


def _line_of(loc: YamlPath, lines: dict[YamlPath, int]) -> int:
    for end in range(len(loc), -1, -1):
        for path in (loc[:end], (*loc[: end - 1], str(loc[end - 1])) if end else ()):
            if path in lines:
                return lines[path]
    return 1


def _dotted(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _relevant(error: ValidationError) -> list[Any]:
    """The errors to report: pydantic adds "too short" to a list whose items failed, drop that."""
    return [
        detail
        for detail in error.errors()
        if not (
            detail["type"] == "too_short"
            and isinstance(detail.get("input"), (list, tuple))
            and len(detail["input"]) >= (detail.get("ctx") or {}).get("min_length", 0)
        )
    ]


def _error_loc(detail: Any) -> YamlPath:
    """Where a validation error is: its loc, or for a rule on a whole object, the field it names."""
    loc = tuple(detail["loc"])
    field = (detail.get("ctx") or {}).get("field")
    return (*loc, field) if isinstance(field, str) else loc


# What each constrained kind of string looks like, by field name, for pattern mismatches.
_PATTERN_HINTS = {
    "id": "an id starts with a letter or digit and holds only letters, digits, '.', '_' and '-', e.g. R01 or A1.2",
    "file": "name a .txt file in the dataset folder, e.g. source.txt",
    "session_year": "write two consecutive years, like 2017-2018",
    "url": "write a full https:// address",
}
_DATASET_ID_HINT = "a dataset id holds lowercase letters, digits and '-', e.g. sv-221-2017-2018"
_ENUM_RE = re.compile(r"<\w+\.\w+: ('[^']*')>")


def _describe(detail: Any, field: str, name: str = "") -> str:
    """A message for one pydantic error: what is wrong, and how to fix it.

    ``field`` is the dotted path shown before the message (empty for a CSV cell); ``name`` is the
    field or column name, for hints (by default the last part of ``field``).
    """
    kind = str(detail["type"])
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    got = _show(value)
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        text = "required field is missing; add it"
    elif kind == "extra_forbidden":
        text = "unknown field; remove it or correct its name (`sebrief schema` lists the fields)"
    elif kind == "invalid_key":
        text = f"the key {got} is not a field name; field names are text (`sebrief schema` lists them)"
    elif value is None and kind not in ("value_error", "assertion_error", "rule"):
        text = "is empty; fill it in"
    elif kind in ("enum", "literal_error"):
        expected = _ENUM_RE.sub(r"\1", str(ctx.get("expected", "")))
        text = f"{got} is not allowed; use {expected}"
    elif kind.startswith("date"):
        text = f"{got} is not a date; write it as YYYY-MM-DD (for example 2018-01-19)"
    elif kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        text = f"{got} is not a whole number; write digits only (for example 14)"
    elif kind in ("decimal_parsing", "decimal_type", "finite_number"):
        text = f"{got} is not an amount; {AMOUNT_HINT}"
    elif kind == "decimal_max_places":
        places = ctx.get("decimal_places", 2)
        text = f"{got} has more than {places} decimals; amounts are exact to the cent ({AMOUNT_HINT})"
    elif kind in ("decimal_max_digits", "decimal_whole_digits"):
        text = f"{got} has more than {ctx.get('max_digits', 15)} digits; check the amount"
    elif kind == "greater_than_equal":
        minimum = ctx.get("ge")
        text = (
            f"{got} is negative; it must be 0 or more"
            if minimum == 0
            else f"{got} is less than {minimum}; use {minimum} or more"
        )
    elif kind == "less_than_equal":
        text = f"{got} is more than {ctx.get('le')}; use at most {ctx.get('le')}"
    elif kind == "string_too_short":
        text = "is empty; fill it in"
    elif kind == "string_too_long":
        text = f"is longer than {ctx.get('max_length')} characters; shorten it"
    elif kind == "too_short":
        text = f"needs at least {ctx.get('min_length')} item(s); add them"
    elif kind == "string_pattern_mismatch":
        name = name or field.rsplit(".", 1)[-1]
        hint = _DATASET_ID_HINT if field == "id" else _PATTERN_HINTS.get(name, f"it must match {ctx.get('pattern')}")
        text = f"{got} is not allowed here; {hint}"
    elif kind == "string_type":
        text = f"should be text, not {got}; put it in quotes"
    elif kind in ("tuple_type", "list_type"):
        text = f"should be a list, like [a, b], not {got}"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        text = f"should be a mapping of fields (key: value), not {got}"
    elif kind in ("value_error", "assertion_error", "rule"):
        text = message
    else:
        text = f"{message} (got {got})"
    return f"{field}: {text}" if field else text


AMOUNT_HINT = "write an exact amount in euro with a dot and at most two decimals, for example 9835.60"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return _shorten(repr(value))


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "single text"
    return type(value).__name__


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- rows.csv -----------------------------------------------------------------------------


def _load_rows(path: Path, problems: list[Problem], locations: Locations) -> list[TableRow] | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    before = len(problems)
    rows: list[TableRow] = []
    records = list(_records(text, problems))
    for line, record in records:
        row = _row_from_record(line, record, problems)
        if row is not None:
            rows.append(row)
            locations.row_lines.setdefault(row.id, line)
            locations.row_line_lists.setdefault(row.id, []).append(line)
    if not records and len(problems) == before:
        problems.append(Problem(ROWS_FILE, "line 2", "no table rows; add one row per line of the answer's table"))
    return rows if len(problems) == before else None


def _records(text: str, problems: list[Problem]) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous = 0
    try:
        header = next(reader, None)
        if header is None:
            problems.append(
                Problem(ROWS_FILE, "line 1", f"empty file; the first line is the header: {','.join(ROW_COLUMNS)}")
            )
            return
        names = [name.strip() for name in header]
        # One pass over the header (it may have any number of columns): sets, not list look-ups.
        known = set(ROW_COLUMNS)
        present = set(names)
        missing = [name for name in ROW_COLUMNS if name not in present]
        unknown = [name for name in names if name not in known]
        counts = Counter(names)
        repeated = sorted(name for name, count in counts.items() if count > 1)
        if missing or unknown or repeated:
            detail = "; ".join(
                part
                for part in (
                    f"missing column(s) {', '.join(missing)}" if missing else "",
                    f"unknown column(s) {_listing(unknown)}" if unknown else "",
                    f"repeated column(s) {_listing(repeated)}" if repeated else "",
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
    except csv.Error as error:
        problems.append(
            Problem(
                ROWS_FILE,
                f"line {previous + 1}",
                f"not valid CSV ({error}); a field that holds a comma, a quote or a line break is written "
                'in double quotes, with a quote inside it doubled ("")',
            )
        )


def _listing(names: list[str]) -> str:
    """The first few names, shortened, and how many more there are: 'a, b, c and 99,987 more'."""
    shown = ", ".join(_shorten(name, 40) for name in names[:MAX_LISTED])
    rest = len(names) - MAX_LISTED
    return f"{shown} and {rest:,} more" if rest > 0 else shown


# Columns that are filled in together or not at all, with what the group is called in messages.
_COLUMN_GROUPS = (
    (tuple(PERIOD_COLUMNS.values()), "period", "leave all three empty for a row still in procedure"),
    (("note_nl", "note_en"), "note", "a note is written in both languages or not at all"),
)


def _row_from_record(line: int, record: dict[str, str], problems: list[Problem]) -> TableRow | None:
    values: dict[str, Any] = {name: (value.strip() or None) for name, value in record.items()}
    skip: set[str] = set()
    for columns, key, hint in _COLUMN_GROUPS:
        filled = [column for column in columns if values[column] is not None]
        if filled and len(filled) < len(columns):
            for column in columns:
                if column not in filled:
                    problems.append(
                        Problem(
                            ROWS_FILE,
                            f"line {line}, column {column}",
                            f"empty while {' and '.join(filled)} {'is' if len(filled) == 1 else 'are'} filled; "
                            f"fill in {', '.join(columns)}, or none of them ({hint})",
                        )
                    )
            skip.add(key)
    period_values = [values.pop(column) for column in PERIOD_COLUMNS.values()]
    if any(period_values) and "period" not in skip:
        values["period"] = dict(zip(PERIOD_COLUMNS, period_values, strict=True))
    else:
        values["period"] = None
    notes = {"nl": values.pop("note_nl"), "en": values.pop("note_en")}
    values["note"] = notes if any(notes.values()) and "note" not in skip else None
    pillars = values.pop("pillars")
    values["pillars"] = tuple(part.strip() for part in pillars.split(";")) if pillars else ()
    try:
        row = TableRow.model_validate(values)
    except ValidationError as error:
        for detail in _relevant(error):
            loc = _error_loc(detail)
            fields = (detail.get("ctx") or {}).get("fields") or loc[:1]
            if fields and set(fields) <= skip:
                continue  # already reported: a group of columns only partly filled
            column = _column_of(loc)
            where = f"line {line}, column {column}" if column else f"line {line}"
            problems.append(Problem(ROWS_FILE, where, _describe(detail, "", column)))
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
    return str(loc[0])
