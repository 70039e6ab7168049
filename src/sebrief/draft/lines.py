"""Source lines and the joining of lines into passages, with the line of every character kept."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

FORM_FEED = "\f"


@dataclass(frozen=True)
class Line:
    """One line of the source: 1-based number, text without its line end, page break before it."""

    number: int
    text: str
    page_break: bool = False

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """The lines of a text; a form feed (page break) is remembered on the line that follows it."""
    lines: list[Line] = []
    page_break = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if FORM_FEED in raw:
            page_break = True
            raw = raw.replace(FORM_FEED, "")
        lines.append(Line(number, raw, page_break))
        if raw.strip():
            page_break = False
    return lines


@dataclass(frozen=True)
class Joined:
    """Lines joined the way quotes are compared: white space runs as one space, line-end hyphens joined."""

    text: str
    line_of: tuple[int, ...]  # the source line of each character of text

    @property
    def first_line(self) -> int:
        return self.line_of[0] if self.line_of else 0

    @property
    def last_line(self) -> int:
        return self.line_of[-1] if self.line_of else 0

    def slice(self, start: int, end: int) -> Joined:
        """Characters start:end, white space at both ends trimmed."""
        while start < end and self.text[start] == " ":
            start += 1
        while end > start and self.text[end - 1] == " ":
            end -= 1
        return Joined(self.text[start:end], self.line_of[start:end])


def join(pieces: Iterable[tuple[int, str]]) -> Joined:
    """Join (line number, text) pieces as ``sebrief.quotes.normalise`` would read them."""
    chars: list[str] = []
    where: list[int] = []
    space = newline = False
    for index, (number, raw) in enumerate(pieces):
        if index:
            newline = space = bool(chars)
        for char in unicodedata.normalize("NFC", raw):
            if char.isspace():
                space = bool(chars)
                continue
            if space:
                hyphenated = newline and chars[-1] == "-" and len(chars) > 1 and chars[-2].isalpha()
                if not hyphenated:
                    chars.append(" ")
                    where.append(number)
                space = newline = False
            chars.append(char)
            where.append(number)
    return Joined("".join(chars), tuple(where))


def join_lines(lines: Sequence[Line]) -> Joined:
    return join((line.number, line.text) for line in lines)
