"""Where a problem of a dataset stands, and how its message names the place.

YAML paths to their lines in ``dataset.yaml``, row ids to their file and line in the tables' CSV
files (recorded by the loader), and the path and the choices a message names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sebrief.dataset.model import Row
from sebrief.dataset.reading import MAIN_FILE, YamlPath
from sebrief.errors import Message, line_at

__all__ = ["MAIN_FILE", "Locations", "YamlPath", "choices", "line_at", "path_text", "place"]


@dataclass
class Locations:
    """Where things stand in the files: YAML paths to lines, and row ids to their file and line."""

    yaml_lines: dict[YamlPath, int] = field(default_factory=dict)
    row_files: dict[str, str] = field(default_factory=dict)
    row_lines: dict[str, list[int]] = field(default_factory=dict)
    row_places: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # every (file, line) of a row id

    def yaml(self, *path: str | int) -> Message | None:
        for end in range(len(path), 0, -1):
            if path[:end] in self.yaml_lines:
                return line_at(self.yaml_lines[path[:end]])
        return None

    def row(self, row: Row, column: str) -> tuple[str, Message]:
        lines = self.row_lines.get(row.id)
        file = self.row_files.get(row.id, "rows.csv")
        if lines:
            return file, place(file, lines[0], column)
        return file, Message("row {id}, column {column}", id=row.id, column=column)


def place(file: str, line: int, column: str = "") -> Message:
    """A record of a table's file: an Excel workbook's row, a CSV file's line; and its column if given."""
    if not file.endswith(".xlsx"):
        return line_at(line, column)
    if column:
        return Message("row {row}, column {column}", row=line, column=column)
    return Message("row {row}", row=line)


def choices(ids: Iterable[str], limit: int = 8) -> Message | str:
    """The ids a message offers to choose from: sorted, the first ``limit`` and how many more."""
    ordered = sorted(ids)
    if not ordered:
        return Message("(none defined)")
    shown = ", ".join(ordered[:limit])
    if len(ordered) > limit:
        return Message("{ids} … ({count} more)", ids=shown, count=len(ordered) - limit)
    return shown


def path_text(path: YamlPath) -> str:
    """A YAML path as messages write it: ``answer.blocks[2].items[0].text``."""
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
