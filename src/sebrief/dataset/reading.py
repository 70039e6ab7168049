"""Reading a dataset's files safely: inside its folder, within size limits, as UTF-8 text, YAML
without anchors or deep nesting, with the line of every YAML path; and pydantic's errors turned
into located messages that say how to fix them. ``sebrief.dataset.load`` builds on these.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sebrief.dataset.fields import shorten
from sebrief.errors import DatasetError, Problem

MAIN_FILE = "dataset.yaml"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50

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


def _read_bytes(
    path: Path, problems: list[Problem], missing_hint: str = "", limit: int = MAX_FILE_BYTES
) -> bytes | None:
    """The bytes of the file ``path`` inside the dataset folder, within ``limit``; None (and a problem) if not."""
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
        return real.read_bytes()
    except OSError as error:
        problems.append(Problem(name, "", f"cannot be read ({error.strerror or error}); check its permissions"))
        return None


def _read_text(path: Path, problems: list[Problem], missing_hint: str = "", limit: int = MAX_FILE_BYTES) -> str | None:
    name = path.name
    data = _read_bytes(path, problems, missing_hint, limit)
    if data is None:
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
            shown = shorten(repr(node.value)) if isinstance(node, yaml.ScalarNode) else "this value"
            detail = " (it has too many digits)" if "digits" in str(error) else ""
            raise yaml.MarkedYAMLError(
                None, None, f"cannot read {shown} as {tag}{detail}; correct the value or its tag", node.start_mark
            ) from error


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
        return Problem(MAIN_FILE, where, f"the tag {shorten(tag)} is not supported; remove it and write a plain value")
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
                            f"duplicate key '{shorten(key)}' (first on line {seen[key]}); keep only one",
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
    return shorten(repr(value))


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "single text"
    return type(value).__name__
