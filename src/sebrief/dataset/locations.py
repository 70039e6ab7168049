"""Where a problem of a dataset stands, and how its message names the place.

YAML paths to their lines in ``dataset.yaml``, row ids to their file and line in the tables' CSV
files (recorded by the loader), and the path and the choices a message names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from sebrief.dataset.model import Row
from sebrief.dataset.reading import MAIN_FILE, YamlPath
from sebrief.errors import Message, line_at

__all__ = ["MAIN_FILE", "Locations", "YamlPath", "choices", "line_at", "path_text", "place"]


@dataclass
class Locations:
    """Where things stand in the files: YAML paths to lines, and row ids to their file and line."""

    yaml_lines: dict[YamlPath, int] = field(default_factory=dict)
    # The places of the rows as read, a batch at a time: (file, ids, lines). Put in order by id only
    # when a problem asks where a row stands (a valid table of 100,000 rows never does).
    _read: list[tuple[str, Sequence[str], Sequence[int]]] = field(default_factory=list, repr=False)
    _first: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)  # the (file, line) of each row id
    _more: dict[str, list[tuple[str, int]]] = field(default_factory=dict, repr=False)  # those of a repeated id

    def add_row(self, row_id: str, file: str, line: int) -> None:
        """Where a row of a table's file stands."""
        self._read.append((file, (row_id,), (line,)))

    def add_rows(self, file: str, ids: Sequence[str], lines: Sequence[int]) -> None:
        """Where rows read one after the other stand: their ids and lines (not to be changed)."""
        self._read.append((file, ids, lines))

    def _places(self) -> tuple[dict[str, tuple[str, int]], dict[str, list[tuple[str, int]]]]:
        """The first place of each row id, and the further places of a row id used again."""
        first, more = self._first, self._more
        for file, ids, lines in self._read:
            if first.keys().isdisjoint(ids) and len(set(ids)) == len(ids):
                first.update(zip(ids, zip(repeat(file), lines), strict=False))
                continue
            for row_id, line in zip(ids, lines, strict=True):
                if row_id in first:
                    more.setdefault(row_id, []).append((file, line))
                else:
                    first[row_id] = (file, line)
        self._read.clear()
        return first, more

    def row_places(self, row_id: str) -> list[tuple[str, int]]:
        """Every (file, line) of a row id, in the order read."""
        first, more = self._places()
        place = first.get(row_id)
        return [] if place is None else [place, *more.get(row_id, ())]

    def yaml(self, *path: str | int) -> Message | None:
        for end in range(len(path), 0, -1):
            if path[:end] in self.yaml_lines:
                return line_at(self.yaml_lines[path[:end]])
        return None

    def row(self, row: Row, column: str) -> tuple[str, Message]:
        first = self._places()[0].get(row.id)
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
