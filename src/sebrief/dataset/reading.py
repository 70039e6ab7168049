"""Reading a dataset's files safely: inside its folder, within size limits, as UTF-8 text, YAML
without anchors or deep nesting, with the line of every YAML path. ``sebrief.dataset.load`` builds
on these (and on ``sebrief.dataset.field_errors`` for pydantic's errors).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from sebrief.dataset.fields import shorten
from sebrief.dataset.yaml_words import yaml_words
from sebrief.errors import DatasetError, Message, Problem, line_at

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


_CSafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's (``_fast`` unused without)


class _FastLoader(_CSafeLoader):  # type: ignore[misc]
    """libyaml's parser with ``_Loader``'s resolvers: the same values and lines, ten times faster."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _fast(text: str) -> tuple[Any, dict[YamlPath, int]] | None:
    """``text`` read by libyaml if nothing in it is what ``_Loader`` reports or refuses; else None."""
    if not yaml.__with_libyaml__ or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        depth, deepest = 0, MAX_DEPTH // 2
        events: Iterator[Any] = yaml.parse(text, Loader=_FastLoader)
        for event in events:  # most events are scalars: those are told first
            kind = event.__class__
            if kind is yaml.ScalarEvent:
                if event.anchor:
                    return None
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if event.anchor or depth >= deepest:
                    return None
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            elif kind is yaml.AliasEvent:
                return None
        loader = _FastLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except Exception:  # whatever it is, _Loader reads the text again and says what
        return None
    lines: dict[YamlPath, int] = {}
    duplicates: list[Problem] = []
    if node is not None:
        _index_lines(node, (), lines, duplicates)
    return None if duplicates else (data, lines)


def _parse_yaml(text: str, problems: list[Problem]) -> tuple[Any, dict[YamlPath, int]] | None:
    if (fast := _fast(text)) is not None:
        return fast
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
    said: Message | str = yaml_words(problem)
    if error.problem and error.context and error.context_mark and error.context_mark is not mark:
        said = Message(
            "{problem} ({context} at line {line})",
            problem=said,
            context=yaml_words(str(error.context)),
            line=error.context_mark.line + 1,
        )
    return Problem(
        MAIN_FILE,
        where,
        Message("not valid YAML: {problem}; check the quotes, brackets and indentation there", problem=said),
    )


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
