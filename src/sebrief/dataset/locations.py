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
    row_first: dict[str, tuple[str, int]] = field(default_factory=dict)  # the (file, line) of each row id
    row_more: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # those of a repeated row id

    def add_row(self, row_id: str, file: str, line: int) -> None:
        """Where a row of a table's file stands (a row id used again is kept in ``row_more``)."""
        if row_id in self.row_first:
            self.row_more.setdefault(row_id, []).append((file, line))
        else:
            self.row_first[row_id] = (file, line)

    def row_places(self, row_id: str) -> list[tuple[str, int]]:
        """Every (file, line) of a row id, in the order read."""
        first = self.row_first.get(row_id)
        return [] if first is None else [first, *self.row_more.get(row_id, ())]

    def yaml(self, *path: str | int) -> Message | None:
        for end in range(len(path), 0, -1):
            if path[:end] in self.yaml_lines:
                return line_at(self.yaml_lines[path[:end]])
        return None

    def row(self, row: Row, column: str) -> tuple[str, Message]:
        first = self.row_first.get(row.id)
        if first is not None:
            return first[0], place(first[0], first[1], column)
        return "rows.csv", Message("row {id}, column {column}", id=row.id, column=column)


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
