"""Finding verbatim quotes in a source text that carries PDF artefacts.

Quotes are compared with white space normalised: runs of spaces, tabs and line breaks count as
one space, and a word hyphenated at a line end ("e-" / "commerce") is joined ("e-commerce").
A quote may hold "[…]" to skip text that stands between its fragments in the source (a page
break that splits a table row); each fragment must then occur, in order.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Protocol

from sebrief.dataset.fields import ELISION_RE

_SPACE = re.compile(r"\s+")
WINDOW = 1 << 16  # how far past a hint a quote is first looked for


class SourceText:
    """A source text normalised for quote look-up, remembering where each of its lines starts.

    Each distinct quote is looked up once in the whole text: a search costs up to the length of
    the source, and a dataset may repeat the same text in thousands of rows. Quotes that stand
    close together in the source (the fields of a table's rows) are looked for near a hint
    first, so that checking a long table costs about its own length, not its length times the
    source's.
    """

    __slots__ = ("_found", "_lines", "_text", "normalised")

    def __init__(self, normalised: str, starts: Sequence[int] = (0,), numbers: Sequence[int] = (1,)) -> None:
        self.normalised = normalised
        self._lines: tuple[Sequence[int], Sequence[int]] | None = (starts, numbers)
        self._text: str | None = None  # the source whose lines are not found yet (``of``)
        self._found: dict[str, tuple[int, int] | None] = {}

    @classmethod
    def from_text(cls, text: str) -> SourceText:
        normalised, starts, numbers = _normalise_lines(unicodedata.normalize("NFC", text))
        return cls(normalised, tuple(starts), tuple(numbers))

    @classmethod
    def of(cls, text: str, normalised: str) -> SourceText:
        """``from_text(text)``, from the text already normalised (``sebrief.dataset.verbatim.normalised_text``):
        where its lines start is found when first asked for, and held compactly (not as a list of
        the source's lines, nor of its numbers as objects)."""
        source = cls(normalised)
        source._lines, source._text = None, text
        return source

    @property
    def starts(self) -> Sequence[int]:
        """Where each non-empty source line starts in ``normalised``."""
        return self._line_index()[0]

    @property
    def numbers(self) -> Sequence[int]:
        """The line number in the source of each of ``starts``."""
        return self._line_index()[1]

    def _line_index(self) -> tuple[Sequence[int], Sequence[int]]:
        if self._lines is None:
            assert self._text is not None
            self._lines = line_starts(unicodedata.normalize("NFC", self._text))
            self._text = None
        return self._lines

    def line_at(self, position: int) -> int:
        starts, numbers = self._lines if self._lines is not None else self._line_index()
        return numbers[bisect_right(starts, position) - 1]

    def find(self, quote: str, near: int | None = None) -> tuple[int, int] | None:
        """Where ``quote`` stands in the normalised text (start, end), or None.

        With ``near``, the quote is first looked for in a window from there (the occurrence
        that belongs to the row being checked); otherwise, its first occurrence.
        """
        if near is not None:
            fragments = fragments_of(quote)
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
        return None if span is None else self.lines(span)

    def lines(self, span: tuple[int, int]) -> tuple[int, int]:
        """The first and last source line of a span of ``normalised`` (one number twice when it stands
        on one line: a long table's rows make no second number object each)."""
        starts, numbers = self._lines if self._lines is not None else self._line_index()
        first = bisect_right(starts, span[0]) - 1
        last = bisect_right(starts, span[1] - 1, max(first, 0)) - 1
        number = numbers[first]
        return number, number if last == first else numbers[last]

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


class Locator(Protocol):
    def locate(self, quote: str) -> tuple[int, int] | None: ...


class Located:
    """``SourceText.locate`` of some quotes, looked up at once: the lines they stand on, kept without
    the source text (a long table's normalised source is 37 MB)."""

    def __init__(self, source: SourceText, quotes: Iterable[str]) -> None:
        self._lines = {quote: source.locate(quote) for quote in quotes}

    def locate(self, quote: str) -> tuple[int, int] | None:
        """The first and last source line of ``quote``, one of those looked up, or None."""
        return self._lines[quote]


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


def fragments_of(quote: str) -> tuple[str, ...]:
    """``quote_fragments(quote)``; a quote of one line without "[…]" (most) without its cache, which
    would hold on to every quote a long table looks up (135,000 rows: 16 MB)."""
    if "[" in quote or "\n" in quote:
        return quote_fragments(quote)
    return (normalise(quote),) if quote.strip() else ()


def join_fragments(quote: str) -> str:
    """The quote as one phrase: its fragments joined by single spaces."""
    return " ".join(fragments_of(quote))


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


def line_starts(text: str) -> tuple[array[int], array[int]]:
    """``_normalise_lines(text)``'s line starts and numbers, without the text (in arrays of machine integers).

    A line's normalised text is its words with a space between them; the next line's starts after
    a space, or right after it when it ends with a letter and a hyphen. The lines are read a chunk
    at a time.
    """
    starts, numbers = array("q"), array("q")
    length, joined = 0, True  # (no space before the first line's text)
    for number, line in enumerate(_lines(text), start=1):
        content = line.strip()
        if not content:
            continue
        if "  " in content or not content.isprintable():  # white space but single spaces (or another unprintable)
            content = " ".join(content.split())
        if not joined:
            length += 1
        starts.append(length)
        numbers.append(number)
        length += len(content)
        joined = content.endswith("-") and len(content) > 1 and content[-2].isalpha()
    return starts, numbers


def _lines(text: str) -> Iterator[str]:
    """``text.split("\\n")``, split a chunk at a time: not every line of a long text held at once."""
    start = 0
    while True:
        stop = text.find("\n", start + LINE_CHUNK)
        if stop < 0:
            yield from text[start:].split("\n")
            return
        yield from text[start:stop].split("\n")
        start = stop + 1


LINE_CHUNK = 1 << 20
