"""Checking that a dataset's quotes are verbatim in its source text, at the cost of the text once.

The source is normalised once (as ``sebrief.quotes`` normalises it: white space as single spaces,
a word hyphenated at a line end joined), without the line numbers validation does not need. A
table's quotes stand in the source in the order of its rows: each is looked for in a window from
where its row's first quote stands, a search of about one row's length; only a quote not found
there is looked for in the whole text, once for each distinct quote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from sebrief.dataset.model import Row
from sebrief.quotes import WINDOW, SourceText, quote_fragments

__all__ = ["VerbatimSource", "normalised_text"]

# A hyphen that ends a line's text: where ``sebrief.quotes`` may join a word across the line break.
_LINE_END_HYPHEN = re.compile(r"-[^\S\n]*\n")


def normalised_text(text: str) -> str:
    """``SourceText.from_text(text).normalised``, without recording where each line starts.

    Runs of white space become one space, lines included; where a line's text ends with a letter
    and a hyphen, the text goes on after it without a space (with the next line that has text).
    """
    text = unicodedata.normalize("NFC", text)
    pieces, start = [], 0
    for match in _LINE_END_HYPHEN.finditer(text):
        if text[match.start() - 1 : match.start()].isalpha():
            pieces.append(_spaced(text, start, match.end()))
            start = match.end()
    pieces.append(_spaced(text, start, len(text)))
    return "".join(pieces)


def _spaced(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with its runs of white space as single spaces and none at either end
    (``" ".join(text[start:end].split())``).

    Read a chunk at a time, cut at white space. Only the runs that are not a single space are
    replaced (``str.split`` would make a string of every word: after a long table is loaded, that
    costs three times as much).
    """
    chunks = []
    while start < end:
        stop = end if end - start <= _CHUNK else text.find("\n", start + _CHUNK, end) + 1 or end
        chunk = _WHITE_SPACE_RUN.sub(" ", text[start:stop]).strip(" ")
        if chunk:
            chunks.append(chunk)
        start = stop
    return " ".join(chunks)


_CHUNK = 1 << 20
# A run of white space other than one space: it starts with another white space character, or with
# a space and goes on. (``\s`` is what ``str.split`` and ``str.strip`` take for white space.)
_WHITE_SPACE_RUN = re.compile(r"[^\S ]\s*| \s+")


class VerbatimSource:
    """A source text ready for checking quotes: ``missing`` says which are not verbatim in it."""

    def __init__(self, text: str) -> None:
        self.normalised = normalised_text(text)
        self._source = SourceText(self.normalised, (0,), (1,))  # its search, without the lines

    def found(self, quote: str) -> bool:
        return self._source.find(quote) is not None

    def missing_in_rows(self, rows: tuple[Row, ...]) -> Iterator[tuple[Row, str, str]]:
        """(row, column, quote) of each verbatim field of the rows that is not in the source, in order."""
        find, source_find, fragments_of = self.normalised.find, self._source.find, quote_fragments
        found: set[str] = set()  # quotes found already: a long table repeats its suppliers, periods, words for VAT
        near = 0  # a table's rows stand in order in the source: look for each near the one before
        for row in rows:
            first = True
            fields = row.__dict__  # ``row_quotes``, without a list for each row
            for column in _ROW_COLUMNS[bool(fields["description_source"]), bool(fields["period_from_table"])]:
                quote = fields[column]
                if not quote or quote in found:
                    continue
                if quote.isascii() and "[" not in quote and "\n" not in quote:
                    fragment = " ".join(quote.split())  # ``quote_fragments``'s one fragment, without its cache
                    fragments: tuple[str, ...] = (fragment,) if fragment else ()
                else:
                    fragments = fragments_of(quote)
                at = -1
                if len(fragments) == 1:
                    fragment = fragments[0]
                    at = find(fragment, near, near + max(WINDOW, len(fragment)))
                if at < 0:
                    span = source_find(quote, near)
                    if span is None:
                        yield row, column, quote
                        continue
                    at = span[0]
                found.add(quote)
                if first:
                    near, first = at, False


def row_quotes(row: Row) -> list[tuple[str, str]]:
    """Every verbatim field of a table row with its column."""
    fields = row.__dict__
    source = fields["description_source"]
    quotes = [("description_source", source) if source else ("description", fields["description"])]
    if fields["period_text"] and not fields["period_from_table"]:  # the table's: checked once
        quotes.append(("period_text", fields["period_text"]))
    quotes.extend((column, fields[column]) for column in _QUOTED if fields[column])
    return quotes


_QUOTED = ("amount_text", "beneficiary", "vat_text", "procedure")
# The verbatim fields of a row, in ``row_quotes``'s order, by (has a description_source, has the
# table's period): a falsy field is skipped as ``row_quotes`` skips it.
_ROW_COLUMNS = {
    (has_source, from_table): (
        "description_source" if has_source else "description",
        *(() if from_table else ("period_text",)),
        *_QUOTED,
    )
    for has_source in (False, True)
    for from_table in (False, True)
}
