"""Where a problem of a dataset stands, and how its message names the place.

YAML paths to their lines in ``dataset.yaml``, row ids to their file and line in the tables' CSV
files (recorded by the loader), and the path and the choices a message names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sebrief.dataset.model import Row
from sebrief.dataset.reading import MAIN_FILE, YamlPath

__all__ = ["MAIN_FILE", "Locations", "YamlPath", "choices", "path_text"]


@dataclass
class Locations:
    """Where things stand in the files: YAML paths to lines, and row ids to their file and line."""

    yaml_lines: dict[YamlPath, int] = field(default_factory=dict)
    row_files: dict[str, str] = field(default_factory=dict)
    row_lines: dict[str, list[int]] = field(default_factory=dict)
    row_places: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # every (file, line) of a row id

    def yaml(self, *path: str | int) -> str:
        for end in range(len(path), 0, -1):
            if path[:end] in self.yaml_lines:
                return f"line {self.yaml_lines[path[:end]]}"
        return ""

    def row(self, row: Row, column: str) -> tuple[str, str]:
        lines = self.row_lines.get(row.id)
        file = self.row_files.get(row.id, "rows.csv")
        where = f"{line_word(file)} {lines[0]}, column {column}" if lines else f"row {row.id}, column {column}"
        return file, where


def line_word(file: str) -> str:
    """What a table's file counts its records in: an Excel workbook's rows, a CSV file's lines."""
    return "row" if file.endswith(".xlsx") else "line"


def choices(ids: Iterable[str], limit: int = 8) -> str:
    """The ids a message offers to choose from: sorted, the first ``limit`` and how many more."""
    ordered = sorted(ids)
    if not ordered:
        return "(none defined)"
    shown = ", ".join(ordered[:limit])
    return shown + (f" … ({len(ordered) - limit} more)" if len(ordered) > limit else "")


def path_text(path: YamlPath) -> str:
    """A YAML path as messages write it: ``answer.blocks[2].items[0].text``."""
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
