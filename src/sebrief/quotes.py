"""Finding verbatim quotes in a source text that carries PDF artefacts.

Quotes are compared with white space normalised: runs of spaces, tabs and line breaks count as
one space, and a word hyphenated at a line end ("e-" / "commerce") is joined ("e-commerce").
A quote may hold "[…]" to skip text that stands between its fragments in the source (a page
break that splits a table row); each fragment must then occur, in order.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from sebrief.dataset.fields import ELISION_RE

_SPACE = re.compile(r"\s+")
WINDOW = 1 << 16  # how far past a hint a quote is first looked for


@dataclass(frozen=True)
class SourceText:
    """A source text normalised for quote look-up, remembering where each of its lines starts.

    Each distinct quote is looked up once in the whole text: a search costs up to the length of
    the source, and a dataset may repeat the same text in thousands of rows. Quotes that stand
    close together in the source (the fields of a table's rows) are looked for near a hint
    first, so that checking a long table costs about its own length, not its length times the
    source's.
    """

    normalised: str
    starts: tuple[int, ...]  # where each non-empty source line starts in ``normalised``
    numbers: tuple[int, ...]  # its line number in the source
    _found: dict[str, tuple[int, int] | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str) -> SourceText:
        normalised, starts, numbers = _normalise_lines(unicodedata.normalize("NFC", text))
        return cls(normalised, tuple(starts), tuple(numbers))

    def line_at(self, position: int) -> int:
        return self.numbers[bisect_right(self.starts, position) - 1]

    def find(self, quote: str, near: int | None = None) -> tuple[int, int] | None:
        """Where ``quote`` stands in the normalised text (start, end), or None.

        With ``near``, the quote is first looked for in a window from there (the occurrence
        that belongs to the row being checked); otherwise, its first occurrence.
        """
        if near is not None:
            fragments = quote_fragments(quote)
            if len(fragments) == 1:  # most quotes: one fragment, looked for here without _search's loop
                fragment = fragments[0]
                found = self.normalised.find(fragment, near, near + max(WINDOW, len(fragment)))
                if found >= 0:
                    return found, found + len(fragment)
            else:
                span = self._search(fragments, near, near + WINDOW)
                if span is not None:
                    return span
        if quote not in self._found:
            self._found[quote] = self._search(quote_fragments(quote), 0, len(self.normalised))
        return self._found[quote]

    def locate(self, quote: str, near: int | None = None) -> tuple[int, int] | None:
        """The first and last source line of ``quote``, or None when it is not verbatim here."""
        span = self.find(quote, near)
        if span is None:
            return None
        return self.line_at(span[0]), self.line_at(span[1] - 1)

    def _search(self, fragments: tuple[str, ...], start: int, stop: int) -> tuple[int, int] | None:
        if not fragments:
            return None
        position, first = start, -1
        for fragment in fragments:
            found = self.normalised.find(fragment, position, max(stop, position + len(fragment)))
            if found < 0:
                return None
            if first < 0:
                first = found
            position = found + len(fragment)
        return first, position


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if "\n" not in text:  # one line (most quotes): its runs of white space as single spaces, the same
        return " ".join(text.split())
    return _normalise_lines(text)[0]


@lru_cache(maxsize=1 << 16)
def quote_fragments(quote: str) -> tuple[str, ...]:
    """The quote's fragments (split at "[…]"), normalised; a long table repeats many quotes."""
    parts = ELISION_RE.split(quote) if "[" in quote else (quote,)
    return tuple(normalise(part) for part in parts if part.strip())


def join_fragments(quote: str) -> str:
    """The quote as one phrase: its fragments joined by single spaces."""
    return " ".join(quote_fragments(quote))


def _normalise_lines(text: str) -> tuple[str, list[int], list[int]]:
    """The text with white space normalised, where each non-empty line starts in it, and its number.

    Runs of white space become one space; at a line end after a letter and a hyphen ("e-" /
    "commerce"), the line break and the white space around it are dropped ("e-commerce").
    """
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    length = 0
    for number, line in enumerate(text.split("\n"), start=1):
        content = _SPACE.sub(" ", line).strip()
        if not content:
            continue
        if parts:
            previous = parts[-1]
            if not (previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha()):
                parts.append(" ")
                length += 1
        starts.append(length)
        numbers.append(number)
        parts.append(content)
        length += len(content)
    return "".join(parts), starts, numbers
