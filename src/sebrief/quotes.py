"""Finding verbatim quotes in a source text that carries PDF artefacts.

Quotes are compared with white space normalised: runs of spaces, tabs and line breaks count as
one space, and a word hyphenated at a line end ("e-" / "commerce") is joined ("e-commerce").
A quote may hold "[…]" to skip text that stands between its fragments in the source (a page
break that splits a table row); each fragment must then occur, in order.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from sebrief.model import ELISION_RE


@dataclass(frozen=True)
class SourceText:
    """A source text normalised for quote look-up, remembering each character's line.

    Each distinct quote is looked up once: a search costs up to the length of the source, and
    a dataset may repeat the same text in thousands of rows.
    """

    normalised: str
    lines: tuple[int, ...]
    _located: dict[str, tuple[int, int] | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str) -> SourceText:
        chars, lines = _normalise_with_lines(unicodedata.normalize("NFC", text))
        return cls("".join(chars), tuple(lines))

    def locate(self, quote: str) -> tuple[int, int] | None:
        """The first and last source line of ``quote``, or None when it is not verbatim here."""
        if quote not in self._located:
            self._located[quote] = self._search(quote)
        return self._located[quote]

    def _search(self, quote: str) -> tuple[int, int] | None:
        position = 0
        first_line = last_line = 0
        for index, fragment in enumerate(quote_fragments(quote)):
            found = self.normalised.find(fragment, position)
            if found < 0:
                return None
            if index == 0:
                first_line = self.lines[found]
            last_line = self.lines[found + len(fragment) - 1]
            position = found + len(fragment)
        return (first_line, last_line) if first_line else None


def normalise(text: str) -> str:
    return "".join(_normalise_with_lines(unicodedata.normalize("NFC", text))[0])


def quote_fragments(quote: str) -> list[str]:
    return [normalise(part) for part in ELISION_RE.split(quote) if part.strip()]


def join_fragments(quote: str) -> str:
    """The quote as one phrase: its fragments joined by single spaces."""
    return " ".join(quote_fragments(quote))


def _normalise_with_lines(text: str) -> tuple[list[str], list[int]]:
    chars: list[str] = []
    lines: list[int] = []
    line = 1
    index = 0
    while index < len(text):
        char = text[index]
        if not char.isspace():
            chars.append(char)
            lines.append(line)
            index += 1
            continue
        run_end = index
        while run_end < len(text) and text[run_end].isspace():
            run_end += 1
        run = text[index:run_end]
        line += run.count("\n")
        index = run_end
        if not chars or index >= len(text):
            continue
        hyphenated = "\n" in run and chars[-1] == "-" and len(chars) > 1 and chars[-2].isalpha()
        if not hyphenated:
            chars.append(" ")
            lines.append(line)
    return chars, lines
