"""The source text beside the data: its lines, each quoted one marked with the fields that quote it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sebrief.quotes import SourceText
from sebrief.serve.security import Refused
from sebrief.serve.workspace import MAX_GRID_ROWS, Workspace

VERBATIM = ("text", "title")
VERBATIM_COLUMNS = ("description", "description_source", "period_text", "beneficiary", "amount_text", "vat_text",
                    "procedure")  # fmt: skip
MAX_SOURCE_CHARS = 4 * 1024 * 1024


@dataclass
class Line:
    number: int
    text: str
    keys: list[str] = field(default_factory=list)


def marked_source(work: Workspace) -> list[Line]:
    """The lines of the source text, each with the keys of the fields whose quote stands on it."""
    try:
        document = work.document()
        source = document.get("metadata", {}).get("source", {}).get("file")
        path = work.file(str(source or "source.txt"))
        text = path.read_text(encoding="utf-8", errors="replace")[:MAX_SOURCE_CHARS]
    except (Refused, OSError, AttributeError):
        return []
    lines = [Line(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    found = SourceText.from_text(text)
    for item in work.fields():
        last = item.path[-1]
        if last not in VERBATIM or not item.value.strip():
            continue
        span = found.locate(item.value)
        if span is None:
            continue
        _mark(lines, span, item.key)
    for _, _, name in work.tables():
        grid = work.readable_grid(name)
        near: int | None = None
        for row, values in enumerate(grid.rows[:MAX_GRID_ROWS]):
            for column, value in zip(grid.header, values, strict=False):
                if column not in VERBATIM_COLUMNS or not value.strip():
                    continue
                place = found.find(value, near)
                if place is None:
                    continue
                near = place[0]
                _mark(lines, (found.line_at(place[0]), found.line_at(place[1] - 1)), f"cell|{name}|{row}|{column}")
    return lines


def _mark(lines: list[Line], span: tuple[int, int], key: str) -> None:
    for number in range(span[0], min(span[1], len(lines)) + 1):
        lines[number - 1].keys.append(key)
