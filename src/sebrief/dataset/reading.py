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

from sebrief.dataset.fields import AMOUNT_HINT, NotAnAmount, not_an_amount, shorten
from sebrief.errors import DatasetError, Message, Problem, line_at
from sebrief.i18n import _

MAIN_FILE = "dataset.yaml"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50

YamlPath = tuple[str | int, ...]

NUL_CHARACTER = Message(
    "contains a NUL character, so this is not a text file; remove it or save the file as UTF-8 text"
)


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
            [
                Problem(
                    str(path),
                    None,
                    Message(
                        "cannot be read ({error}); check the path and its permissions",
                        error=error.strerror or str(error),
                    ),
                )
            ]
        ) from error
    if exists:
        raise DatasetError(
            [Problem(str(path), None, Message("not a dataset: give its folder or its {file}", file=MAIN_FILE))]
        )
    raise DatasetError([Problem(str(path), None, Message("no such file or folder; check the path"))])


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
    elsewhere = (
        Message(", or name the folder {folder} instead", folder=str(real.parent)) if path.name == MAIN_FILE else ""
    )
    problems.append(
        Problem(
            path.name,
            None,
            Message(
                "a symbolic link to {target}, outside the dataset folder {folder}; sebrief reads only the files "
                "inside the dataset folder: copy the file into the folder instead of linking to it{elsewhere}",
                target=str(real),
                folder=str(path.parent),
                elsewhere=elsewhere,
            ),
        )
    )
    return None


def _read_bytes(
    path: Path, problems: list[Problem], missing_hint: Message | None = None, limit: int = MAX_FILE_BYTES
) -> bytes | None:
    """The bytes of the file ``path`` inside the dataset folder, within ``limit``; None (and a problem) if not."""
    name = path.name
    try:
        real = _inside_folder(path, problems)
        if real is None:
            return None
        if not real.exists():
            hint = missing_hint or Message("a dataset folder needs {file}", file=name)
            problems.append(Problem(name, None, Message("missing file; {hint}", hint=hint)))
            return None
        if not real.is_file():
            problems.append(
                Problem(name, None, Message("not a file; {file} must be a text file in the dataset folder", file=name))
            )
            return None
        size = real.stat().st_size
        if size > limit:
            problems.append(
                Problem(
                    name,
                    None,
                    Message(
                        "the file is {size} bytes, more than the limit of {limit} bytes ({mib} MiB); "
                        "check that this is the right file",
                        size=size,
                        limit=limit,
                        mib=limit // 1024 // 1024,
                    ),
                )
            )
            return None
        return real.read_bytes()
    except OSError as error:
        problems.append(
            Problem(
                name,
                None,
                Message("cannot be read ({error}); check its permissions", error=error.strerror or str(error)),
            )
        )
        return None


def _read_text(
    path: Path, problems: list[Problem], missing_hint: Message | None = None, limit: int = MAX_FILE_BYTES
) -> str | None:
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
                line_at(line, column),
                Message(
                    "not valid UTF-8 text (byte 0x{byte}); save the file with UTF-8 encoding",
                    byte=format(data[error.start], "02x"),
                ),
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
                line_at(line, column),
                NUL_CHARACTER,
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
            raise _LoaderError(
                Message("anchors and aliases (&name, *name) are not supported; write the value out"), event.start_mark
            )
        if self._depth >= MAX_DEPTH:
            raise _LoaderError(
                Message(
                    "nested more than {depth} levels deep, which no dataset needs; check the brackets and indentation",
                    depth=MAX_DEPTH,
                ),
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
            shown = shorten(repr(node.value)) if isinstance(node, yaml.ScalarNode) else Message("this value")
            detail = Message(" (it has too many digits)") if "digits" in str(error) else ""
            raise _LoaderError(
                Message(
                    "cannot read {value} as {tag}{detail}; correct the value or its tag",
                    value=shown,
                    tag=tag,
                    detail=detail,
                ),
                node.start_mark,
            ) from error


class _LoaderError(yaml.MarkedYAMLError):
    """A value or a construct the loader refuses, with the message that says so."""

    def __init__(self, message: Message, mark: Any) -> None:
        super().__init__(None, None, str(message), mark)
        self.message = message


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
                line_at(line, column),
                Message(
                    "contains the control character U+{code}, which YAML does not allow; remove it",
                    code=format(ord(char), "04X"),
                ),
            )
        )
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(MAIN_FILE, None, Message("not valid YAML: {error}", error=str(error))))
        return None
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
        problems.append(
            Problem(
                MAIN_FILE,
                None,
                Message("not valid YAML: {error}; check the values and their tags (!!)", error=str(error)),
            )
        )
        return None
    except RecursionError:
        problems.append(
            Problem(
                MAIN_FILE,
                None,
                Message(
                    "nested too deeply (more than {depth} levels); check brackets and indentation", depth=MAX_DEPTH
                ),
            )
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
    where = line_at(mark.line + 1, mark.column + 1) if mark else None
    if isinstance(error, _LoaderError):
        return Problem(MAIN_FILE, where, error.message)
    problem = str(error.problem or error.context or "syntax error")
    if "'\\t'" in problem:
        return Problem(MAIN_FILE, where, Message("not valid YAML: a tab character; indent with spaces, not tabs"))
    if "could not determine a constructor" in problem:
        found = re.search(r"for the tag '(.*)'", problem)
        tag = (found.group(1) if found else "").replace("tag:yaml.org,2002:", "!!")
        return Problem(
            MAIN_FILE,
            where,
            Message("the tag {tag} is not supported; remove it and write a plain value", tag=shorten(tag)),
        )
    if "found another document" in problem:
        return Problem(
            MAIN_FILE,
            where,
            Message("a second YAML document (---) starts here; a dataset.yaml holds one document: remove it"),
        )
    said: Message | str = _yaml_words(problem)
    if error.problem and error.context and error.context_mark and error.context_mark is not mark:
        said = Message(
            "{problem} ({context} at line {line})",
            problem=said,
            context=_yaml_words(str(error.context)),
            line=error.context_mark.line + 1,
        )
    return Problem(
        MAIN_FILE,
        where,
        Message("not valid YAML: {problem}; check the quotes, brackets and indentation there", problem=said),
    )


# PyYAML's words for the syntax errors met most, in the user's language; others stay in English.
_YAML_WORDS = {
    text: Message(text)
    for text in (
        _("mapping values are not allowed here"),
        _("found unexpected end of stream"),
        _("could not find expected ':'"),
        _("did not find expected key"),
        _("did not find expected '-' indicator"),
        _("found unexpected ':'"),
        _("syntax error"),
        _("while scanning a quoted scalar"),
        _("while scanning a simple key"),
        _("while scanning a plain scalar"),
        _("while scanning for the next token"),
        _("while parsing a block mapping"),
        _("while parsing a block collection"),
        _("while parsing a flow sequence"),
        _("while parsing a flow mapping"),
        _("while parsing a flow node"),
        _("while parsing a block node"),
    )
}


_YAML_TOKENS = {
    "'<stream end>'": Message("the end of the file"),
    "'<block end>'": Message("the end of a block"),
    "'<block mapping start>'": Message("the start of fields (key: value)"),
    "'<block sequence start>'": Message("the start of a list"),
    "'<scalar>'": Message("a value"),
}
_YAML_EXPECTED = re.compile(r"expected (.+?), but (?:found|got) (.+)")


def _yaml_words(text: str) -> Message | str:
    """PyYAML's words for a syntax error, in the user's language where they are known."""
    expected = _YAML_EXPECTED.fullmatch(text)
    if expected is None:
        return _YAML_WORDS.get(text, text)
    wanted: Message | str = _YAML_TOKENS.get(expected.group(1), expected.group(1))
    alternatives = re.fullmatch(r"('[^']*') or ('[^']*')", expected.group(1))
    if alternatives:
        wanted = Message("{first} or {last}", first=alternatives.group(1), last=alternatives.group(2))
    found = _YAML_TOKENS.get(expected.group(2), expected.group(2))
    return Message("expected {expected}, but found {found}", expected=wanted, found=found)


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
                            line_at(key_line),
                            Message(
                                "duplicate key '{key}' (first on line {first}); keep only one",
                                key=shorten(key),
                                first=seen[key],
                            ),
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
    "id": Message(
        "an id starts with a letter or digit and holds only letters, digits, '.', '_' and '-', e.g. R01 or A1.2"
    ),
    "file": Message("name a .txt file in the dataset folder, e.g. source.txt"),
    "session_year": Message("write two consecutive years, like 2017-2018"),
    "url": Message("write a full https:// address"),
}
_DATASET_ID_HINT = Message("a dataset id holds lowercase letters, digits and '-', e.g. sv-221-2017-2018")
_ENUM_RE = re.compile(r"<\w+\.\w+: ('[^']*')>")
_OR_RE = re.compile(r"^(.*) or ('[^']*')$")


def _describe(detail: Any, field: str, name: str = "", amount_hint: Message | None = None) -> Message:
    """A message for one pydantic error: what is wrong, and how to fix it.

    ``field`` is the dotted path shown before the message (empty for a CSV cell); ``name`` is the
    field or column name, for hints (by default the last part of ``field``); ``amount_hint`` says
    how to write an amount where it is written otherwise than in dataset.yaml.
    """
    text = _error_text(detail, field, name, amount_hint or AMOUNT_HINT)
    return Message("{field}: {text}", field=field, text=text) if field else text


def _error_text(detail: Any, field: str, name: str, amount_hint: Message) -> Message:
    kind = str(detail["type"])
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    got = _show(value)
    if kind in ("value_error", "assertion_error", "rule"):
        error = ctx.get("error")
        if isinstance(error, NotAnAmount):
            return not_an_amount(error.got, amount_hint)
        said = ctx.get("said") if kind == "rule" else getattr(error, "said", None)
        if isinstance(said, Message):
            return said
        return Message("{message}", message=str(detail["msg"]).removeprefix("Value error, "))
    if kind == "missing":
        return Message("required field is missing; add it")
    if kind == "extra_forbidden":
        return Message("unknown field; remove it or correct its name (`sebrief schema` lists the fields)")
    if kind == "invalid_key":
        return Message("the key {got} is not a field name; field names are text (`sebrief schema` lists them)", got=got)
    if value is None or kind == "string_too_short":
        return Message("is empty; fill it in")
    if kind in ("enum", "literal_error"):
        listed = _ENUM_RE.sub(r"\1", str(ctx.get("expected", "")))
        alternatives = _OR_RE.fullmatch(listed)
        expected: Message | str = listed
        if alternatives:
            expected = Message("{first} or {last}", first=alternatives.group(1), last=alternatives.group(2))
        return Message("{got} is not allowed; use {expected}", got=got, expected=expected)
    if kind.startswith("date"):
        return Message("{got} is not a date; write it as YYYY-MM-DD (for example 2018-01-19)", got=got)
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return Message("{got} is not a whole number; write digits only (for example 14)", got=got)
    if kind in ("decimal_parsing", "decimal_type", "finite_number"):
        return not_an_amount(got, amount_hint)
    if kind == "decimal_max_places":
        return Message(
            "{got} has more than {places} decimals; amounts are exact to the cent ({hint})",
            got=got,
            places=ctx.get("decimal_places", 2),
            hint=amount_hint,
        )
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return Message(
            "{got} has more than {digits} digits; check the amount", got=got, digits=ctx.get("max_digits", 15)
        )
    if kind == "greater_than_equal":
        minimum = ctx.get("ge")
        if minimum == 0:
            return Message("{got} is negative; it must be 0 or more", got=got)
        return Message("{got} is less than {minimum}; use {minimum} or more", got=got, minimum=str(minimum))
    if kind == "less_than_equal":
        return Message("{got} is more than {maximum}; use at most {maximum}", got=got, maximum=str(ctx.get("le")))
    if kind == "string_too_long":
        return Message("is longer than {limit} characters; shorten it", limit=ctx.get("max_length"))
    if kind == "too_short":
        return Message.plural(
            "needs at least {count} item; add it", "needs at least {count} items; add them", ctx.get("min_length", 1)
        )
    if kind == "string_pattern_mismatch":
        name = name or field.rsplit(".", 1)[-1]
        hint: Message = (
            _DATASET_ID_HINT
            if field == "id"
            else _PATTERN_HINTS.get(name, Message("it must match {pattern}", pattern=str(ctx.get("pattern"))))
        )
        return Message("{got} is not allowed here; {hint}", got=got, hint=hint)
    if kind == "string_type":
        return Message("should be text, not {got}; put it in quotes", got=got)
    if kind in ("tuple_type", "list_type"):
        return Message("should be a list, like [a, b], not {got}", got=got)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Message("should be a mapping of fields (key: value), not {got}", got=got)
    # A kind of error the loader does not expect: pydantic's own words, in English.
    return Message("{message} (got {got})", message=str(detail["msg"]), got=got)


def _show(value: Any) -> Message | str:
    if isinstance(value, dict):
        return Message("a mapping")
    if isinstance(value, (list, tuple)):
        return Message("a list")
    return shorten(repr(value))


def _kind_of(value: Any) -> Message:
    """What a YAML document holds instead of a mapping."""
    if isinstance(value, list):
        return Message("a list")
    if isinstance(value, str):
        return Message("a single text")
    return Message("a {type}", type=type(value).__name__)
