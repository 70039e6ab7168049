"""The opened dataset folder: its fields and tables as the browser edits them, their saves, checks
and the brief they give.

Every save goes through ``sebrief.write`` (atomic) into the dataset's own files: dataset.yaml read
and written back with ruamel.yaml's round trip (comments, order and quoting kept), a table's CSV
file in the separator, encoding and line ends it had. Checking is ``load_dataset`` on the files as
saved: the problems are those ``sebrief validate`` lists, word for word.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

from sebrief.dataset.load import load_dataset
from sebrief.dataset.locations import path_text
from sebrief.dataset.model import Dataset
from sebrief.dataset.reading import MAIN_FILE
from sebrief.errors import DatasetError, Problem, SebriefError
from sebrief.i18n import _
from sebrief.serve.security import Refused, inside
from sebrief.serve.tables import Grid, grid_bytes, read_grid
from sebrief.skeleton import ROW_COLUMNS
from sebrief.write import write_atomic

MAX_GRID_ROWS = 1000  # a longer table is shown in part: it is edited in Excel
_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*$")
_NOT_YAML = _("dataset.yaml cannot be read as YAML: correct it in the text of dataset.yaml.")
LIST_KEYS = ("answered_by", "evidence", "categories", "groupings")  # lists of ids
_PLAIN_NAME = re.compile(r"^[^/\\\x00]+\.(?:csv|xlsx)$", re.IGNORECASE)
_NULL = re.compile(r":[ \t]+null[ \t]*(?:#.*)?$", re.M)
_LOCATION = re.compile(r"^(?:line|row) ([0-9]+)(?:, column (.+))?$")
Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class Field:
    """One value of dataset.yaml the browser edits: a scalar, or a list of scalars (ids)."""

    path: tuple[str | int, ...]
    value: str
    kind: str  # "text", "long", "bool", "list"
    line: int
    hint: str = ""  # the comment on its line in dataset.yaml (the drafter says there what to fill in)

    @property
    def key(self) -> str:
        return path_text(self.path)


@dataclass
class Checked:
    """The dataset's state at one signature of its files."""

    problems: list[Problem]
    dataset: Dataset | None
    previews: dict[str, str] = field(default_factory=dict)


def _yaml(null: bool = False) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    if null:  # the file writes an empty value as `null`: so do its saves (this file's only)
        yaml.Representer = _NullRepresenter
    return yaml


def _null(representer: Any, _value: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


class _NullRepresenter(RoundTripRepresenter):
    """Writes an empty value as `null`; its own class, as a representer added to ruamel's would be for every file."""


_NullRepresenter.add_representer(type(None), _null)


class Workspace:
    """One opened dataset folder; safe to use from several request threads."""

    def __init__(self, folder: Path):
        self.folder = Path(os.path.realpath(folder))
        self.lock = threading.RLock()
        self._checked: tuple[tuple[Any, ...], Checked] | None = None
        self._null = False  # the file was seen writing an empty value as `null`
        self._baseline = tempfile.TemporaryDirectory(prefix="sebrief-serve-")
        self.mark_baseline()

    # --- files ---------------------------------------------------------------------------------

    def file(self, name: str) -> Path:
        return inside(self.folder, name)

    def signature(self) -> tuple[Any, ...]:
        """What changes when a file of the folder changes (its names, sizes and times)."""
        entries = []
        with os.scandir(self.folder) as scan:
            for entry in scan:
                if entry.name.startswith("."):
                    continue
                try:
                    info = entry.stat()
                except OSError:
                    continue
                entries.append((entry.name, info.st_size, info.st_mtime_ns))
        return tuple(sorted(entries))

    def mark_baseline(self) -> None:
        """Keep the files as they are now: what `sebrief diff` compares the later versions with."""
        with self.lock:
            target = Path(self._baseline.name)
            for old in target.iterdir():
                old.unlink()
            for entry in os.scandir(self.folder):
                if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False):
                    shutil.copy2(entry.path, target / entry.name)

    def close(self) -> None:
        self._baseline.cleanup()

    # --- dataset.yaml --------------------------------------------------------------------------

    def document(self) -> CommentedMap:
        try:
            loaded = _yaml().load(self.file(MAIN_FILE).read_text(encoding="utf-8"))
        except OSError as error:
            raise Refused(409, _("dataset.yaml cannot be read; check the file and its permissions.")) from error
        except Exception as error:  # a YAML syntax error: the check names it, the form cannot show it
            raise Refused(
                409, _("dataset.yaml cannot be read as YAML: correct it in the text of dataset.yaml.")
            ) from error
        if not isinstance(loaded, CommentedMap):
            raise Refused(409, _("dataset.yaml cannot be read as YAML: correct it in the text of dataset.yaml."))
        return loaded

    def fields(self) -> list[Field]:
        try:
            document = self.document()
        except Refused:
            return []
        return list(_fields(document, ()))

    def set_field(self, path: list[Any], text: str) -> None:
        """Give the field at ``path`` the value typed as ``text`` and save dataset.yaml."""
        if not path or not all(isinstance(step, (str, int)) and not isinstance(step, bool) for step in path):
            raise Refused(400, "a field is named by a list of keys and indexes")
        with self.lock:
            document = self.document()
            parent: Any = document
            for step in path[:-1]:
                if step == "reason" and isinstance(parent, CommentedMap) and "status" in parent and step not in parent:
                    # the form offers a reason to an answer drafted without one: it is written after the basis
                    at = list(parent).index("basis") + 1 if "basis" in parent else len(parent)
                    parent.insert(at, step, CommentedMap([("nl", None), ("en", None)]))
                parent = _step(parent, step)
            last = path[-1]
            old = _step(parent, last)
            if old is None and last in LIST_KEYS:  # left empty by the draft: a list of ids, maybe none
                parent[last] = _id_list(text)
            else:
                parent[last] = _typed(old, text)
            self._save_yaml(document, self.yaml_text())

    def change(self, edit: Callable[[CommentedMap], None]) -> None:
        """Apply ``edit`` to dataset.yaml (comments kept) and save it."""
        with self.lock:
            before = self.yaml_text()
            document = self.document()
            edit(document)
            self._save_yaml(document, before)

    def yaml_text(self) -> str:
        return self.file(MAIN_FILE).read_text(encoding="utf-8")

    def set_yaml_text(self, text: str) -> None:
        with self.lock:
            write_atomic(self.file(MAIN_FILE), text.encode("utf-8"))

    def _save_yaml(self, document: CommentedMap, before: str) -> None:
        buffer = io.StringIO()
        self._null = self._null or bool(_NULL.search(before))
        _yaml(self._null).dump(document, buffer)
        write_atomic(self.file(MAIN_FILE), buffer.getvalue().encode("utf-8"))

    # --- tables --------------------------------------------------------------------------------

    def tables(self) -> list[tuple[str, str, str]]:
        """The table blocks: (block id, title, file)."""
        try:
            blocks = self.document().get("answer", {}).get("blocks", []) or []
        except (Refused, AttributeError):
            return []
        found = []
        for block in blocks:
            file = block.get("file") if isinstance(block, dict) else None
            if (
                isinstance(block, dict)
                and block.get("kind") == "table"
                and isinstance(file, str)
                and _PLAIN_NAME.match(file)
            ):
                title = block.get("title")
                label = str(title.get("nl") or "") if isinstance(title, dict) else ""
                found.append((str(block.get("id") or ""), label, block["file"]))
        return found

    def grid(self, name: str) -> Grid:
        if name not in {file for _, _, file in self.tables()}:
            raise Refused(404, "no table of this dataset is in that file")
        path = self.file(name)
        return read_grid(path, name)

    def readable_grid(self, name: str) -> Grid:
        """The grid of a table's file, or an empty one that cannot be edited when the file is refused."""
        try:
            return self.grid(name)
        except Refused:
            return Grid(name, [], [], [], editable=False, note="refused")

    def set_cells(self, name: str, cells: list[Any]) -> None:
        """Write ``cells`` ([row, column name, value] each; a row past the end adds rows)."""
        with self.lock:
            grid = self.grid(name)
            if not grid.editable or not grid.header:
                raise Refused(409, _("This table cannot be edited in the browser: edit its file."))
            for cell in cells:
                if not (isinstance(cell, list) and len(cell) == 3):
                    raise Refused(400, "a cell is [row, column, value]")
                row, column, value = cell
                if not (isinstance(row, int) and not isinstance(row, bool) and 0 <= row <= len(grid.rows) + 10_000):
                    raise Refused(400, "a row is a number from 0")
                if column not in grid.header or not isinstance(value, str):
                    raise Refused(400, "unknown column, or a value that is not text")
                while len(grid.rows) <= row:
                    grid.rows.append([""] * len(grid.header))
                grid.rows[row][grid.header.index(column)] = value
            write_atomic(self.file(name), grid_bytes(grid))

    def columns_offered(self) -> list[str]:
        """The columns a table's file may have: sebrief's own, and those of the dataset's groupings."""
        try:
            groupings = self.document().get("groupings") or []
        except Refused:
            groupings = []
        ids = [str(g.get("id")) for g in groupings if isinstance(g, dict) and g.get("id")]
        return [*ROW_COLUMNS, *(name for g in ids for name in (g, f"{g}_basis"))]

    def add_column(self, name: str, column: str) -> None:
        """Add the empty column ``column`` to a table's file, before its place in the source."""
        with self.lock:
            grid = self.grid(name)
            if not grid.editable or not grid.header:
                raise Refused(409, _("This table cannot be edited in the browser: edit its file."))
            if column not in self.columns_offered() or column in grid.header:
                raise Refused(400, "a column sebrief knows, not yet in the file")
            at = grid.header.index("source_ref") if "source_ref" in grid.header else len(grid.header)
            grid.header.insert(at, column)
            for row in grid.rows:
                row.insert(at, "")
            write_atomic(self.file(name), grid_bytes(grid))

    # --- checks, preview, outputs --------------------------------------------------------------

    def checked(self) -> Checked:
        with self.lock:
            signature = self.signature()
            if self._checked is not None and self._checked[0] == signature:
                return self._checked[1]
            try:
                dataset: Dataset | None = load_dataset(self.folder)
                problems: list[Problem] = []
            except DatasetError as error:
                dataset, problems = None, list(error.problems)
            state = Checked(problems, dataset)
            self._checked = (signature, state)
            return state

    def preview(self, lang: str) -> str | None:
        """The brief as HTML, for the dataset as saved; None while it does not validate."""
        from sebrief.engine.analyse import analyse
        from sebrief.render.pdf import render_html

        state = self.checked()
        if state.dataset is None:
            return None
        if lang not in state.previews:
            state.previews[lang] = render_html(analyse(state.dataset, lang))
        return state.previews[lang]

    def output(self, kind: str, lang: str) -> tuple[str, bytes]:
        from sebrief.pipeline import pdf_bytes, prepare, workbook_bytes

        if self.checked().dataset is None:
            raise Refused(409, _("The dataset does not validate yet: solve the problems first."))
        prepared = prepare(self.folder, lang, attach=kind == "pdf")
        suffix = "" if lang == "nl" else f".{lang}"
        if kind == "pdf":
            return f"{prepared.dataset_id}{suffix}.pdf", pdf_bytes(prepared)
        return f"{prepared.dataset_id}{suffix}.xlsx", workbook_bytes(prepared)

    def changes(self, lang: str) -> list[str] | None:
        """`sebrief diff` from the kept version to the files as saved; None if either does not load."""
        from sebrief.engine.changes import diff_lines
        from sebrief.engine.diff import diff_datasets
        from sebrief.i18n import Translator

        current = self.checked().dataset
        try:
            baseline = load_dataset(Path(self._baseline.name))
        except SebriefError:
            return None
        if current is None:
            return None
        return diff_lines(diff_datasets(baseline, current), Translator(lang))

    def places(self, problems: list[Problem], lang: str = "en") -> list[dict[str, Any]]:
        """Each problem as the page shows it: its words in ``lang``, and the field or cell it stands
        beside (found from the English, whose form the page knows)."""
        from sebrief.i18n import Translator

        t = Translator(lang)
        grids: dict[str, Grid] = {}
        shown = []
        for problem in problems:
            entry: dict[str, Any] = {"text": problem.text(t), "message": problem.message.text(t)}
            if problem.file == MAIN_FILE:
                prefix = str(problem.message).split(": ", 1)[0]
                if _PATH.match(prefix):
                    entry["key"] = prefix
            elif problem.file in {file for _, _, file in self.tables()}:
                match = _LOCATION.match(str(problem.location or ""))
                if match:
                    if problem.file not in grids:
                        grids[problem.file] = self.readable_grid(problem.file)
                    lines = grids[problem.file].lines
                    line = int(match[1])
                    row = max((i for i, start in enumerate(lines) if start <= line), default=None)
                    entry["cell"] = {"file": problem.file, "row": row, "column": match[2] or ""}
            shown.append(entry)
        return shown


def _step(parent: Any, step: str | int) -> Any:
    try:
        if isinstance(parent, CommentedMap) and isinstance(step, str) and step in parent:
            return parent[step]
        if isinstance(parent, CommentedSeq) and isinstance(step, int) and 0 <= step < len(parent):
            return parent[step]
    except (KeyError, IndexError, TypeError):
        pass
    raise Refused(400, "no such field in dataset.yaml")


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool)) or type(value).__name__ in ("date", "datetime")


def _fields(node: Any, path: tuple[str | int, ...]) -> Iterator[Field]:
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if not isinstance(key, str) or key == "schema_version":
                continue
            line = node.lc.data.get(key, (0,))[0] + 1
            here = (*path, key)
            if _is_scalar(value):
                yield Field(here, _shown(value), _kind(value), line)
            elif isinstance(value, CommentedSeq) and all(_is_scalar(item) for item in value):
                yield Field(here, list_text(value), "list", line)
            else:
                yield from _fields(value, here)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            yield from _fields(value, (*path, index))


def list_text(value: CommentedSeq) -> str:
    """A list of ids as the form shows it: 'X-1, X-2', or '[]' for none."""
    return ", ".join(_shown(item) for item in value) or "[]"


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, str) and (len(value) > 70 or "\n" in value):
        return "long"
    return "text"


def _id_list(text: str) -> CommentedSeq:
    ids = CommentedSeq(part.strip() for part in text.strip().strip("[]").split(",") if part.strip())
    ids.fa.set_flow_style()
    return ids


def _typed(old: Any, text: str) -> Any:
    """The value typed as ``text``, of the type the field had (a string stays a string, quoted as it was)."""
    text = text.replace("\r\n", "\n")
    if isinstance(old, CommentedSeq):
        if not all(_is_scalar(item) for item in old):
            raise Refused(400, "this field holds a structure, not a value")
        del old[:]
        old.extend(_id_list(text))
        return old
    if isinstance(old, (CommentedMap, dict, list)):
        raise Refused(400, "this field holds a structure, not a value")
    if isinstance(old, str):
        return type(old)(text) if type(old) is not str else text
    stripped = text.strip()
    if not stripped:
        return None
    if isinstance(old, bool) or old is None or not isinstance(old, str):
        try:
            value = YAML(typ="safe").load(stripped)
        except Exception:
            return stripped
        if _is_scalar(value) and not (isinstance(old, int) and isinstance(value, str)):
            return value
        return stripped
    return stripped
