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
from collections.abc import Iterator, Mapping, Sequence
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any

from sebrief.dataset.model import Dataset, Row
from sebrief.quotes import WINDOW, SourceText, fragments_of

__all__ = ["VerbatimSource", "normalised_text", "take_normalised"]

# A hyphen that ends a line's text: where ``sebrief.quotes`` may join a word across the line break.
_LINE_END_HYPHEN = re.compile(r"-[^\S\n]*\n")


def normalised_text(text: str) -> str:
    """``SourceText.from_text(text).normalised``, without recording where each line starts.

    Runs of white space become one space, lines included; where a line's text ends with a letter
    and a hyphen, the text goes on after it without a space (with the next line that has text).
    """
    text = unicodedata.normalize("NFC", text)
    pieces: list[str] = []  # the text's pieces, joined once (the text is copied once, not again for each join)
    start = 0
    for match in _LINE_END_HYPHEN.finditer(text):
        if text[match.start() - 1 : match.start()].isalpha():
            _spaced(text, start, match.end(), pieces)
            start = match.end()
    _spaced(text, start, len(text), pieces)
    return "".join(pieces)


def _spaced(text: str, start: int, end: int, pieces: list[str]) -> None:
    """Add ``text[start:end]`` to ``pieces`` with its runs of white space as single spaces and none at
    either end (``" ".join(text[start:end].split())``).

    Read a chunk at a time, cut at white space. Only the runs that are not a single space are
    replaced (``str.split`` would make a string of every word: after a long table is loaded, that
    costs three times as much).
    """
    first = True
    while start < end:
        stop = end if end - start <= _CHUNK else text.find("\n", start + _CHUNK, end) + 1 or end
        chunk = _plainly_spaced(text[start:stop]).strip(" ")
        if chunk:
            if not first:
                pieces.append(" ")
            pieces.append(chunk)
            first = False
        start = stop


def _plainly_spaced(chunk: str) -> str:
    """The chunk with its runs of white space as single spaces.

    Most text has no white space but spaces and line breaks (and tabs, and carriage returns before
    them): those become spaces (``str.replace``, at the speed of copying), and then the few runs
    of spaces one space. Other text (another white space character, or any unprintable one) goes
    through the regular expression, which looks at each character (several times slower).
    """
    plain = chunk.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    if not plain.isprintable():  # white space other than those (or another unprintable character)
        return _WHITE_SPACE_RUN.sub(" ", chunk)
    at = plain.find("  ")
    if at < 0:
        return plain
    pieces, start = [], 0
    while at >= 0:
        pieces.append(plain[start : at + 1])
        start = _end_of_spaces(plain, at)
        at = plain.find("  ", start)
    pieces.append(plain[start:])
    return "".join(pieces)


_CHUNK = 1 << 20
# A run of white space other than one space: it starts with another white space character, or with
# a space and goes on. (``\s`` is what ``str.split`` and ``str.strip`` take for white space.)
_WHITE_SPACE_RUN = re.compile(r"[^\S ]\s*| \s+")
_SPACES = re.compile(" +")


def _end_of_spaces(text: str, at: int) -> int:
    """Where the run of spaces at ``at`` ends."""
    match = _SPACES.match(text, at)
    return match.end() if match else at


class VerbatimSource:
    """A source text ready for checking quotes: ``missing`` says which are not verbatim in it."""

    def __init__(self, text: str, normalised: str | None = None) -> None:
        self.normalised = normalised_text(text) if normalised is None else normalised
        self._source = SourceText(self.normalised)  # its search, without the lines

    @classmethod
    def of(cls, dataset: Dataset) -> VerbatimSource:
        """The dataset's source, its normalised text kept for the analysis (``take_normalised``)."""
        normalised = normalised_text(dataset.source_text)
        dataset.__dict__[_NORMALISED] = (dataset.source_text, normalised)
        return cls(dataset.source_text, normalised)

    def found(self, quote: str) -> bool:
        return self._source.find(quote) is not None

    def missing_in_rows(
        self, rows: Sequence[Row], columns: Mapping[str, Sequence[Any]] | None = None
    ) -> Iterator[tuple[Row, str, str]]:
        """(row, column, quote) of each verbatim field of the rows that is not in the source, in order
        (``missing_in_columns``). ``columns``: the rows' fields a column each (``QUOTE_FIELDS`` at
        least), when the caller has them."""
        if columns is None:
            read = attrgetter(*QUOTE_FIELDS)
            columns = dict(zip(QUOTE_FIELDS, zip(*map(read, rows), strict=True), strict=True)) if rows else {}
        for index, column, quote in self.missing_in_columns(columns) if rows else ():
            yield rows[index], column, quote

    def missing_in_columns(self, columns: Mapping[str, Sequence[Any]]) -> list[tuple[int, str, str]]:
        """(position, column, quote) of each verbatim field of a table's rows, given a column each
        (``QUOTE_FIELDS``), that is not in the source, in the rows' order and each row's columns'.

        Whether a quote is in the source does not depend on where it is looked for first: a quote
        found near the row before is in the source, and one that is not is looked for in the whole
        text (``SourceText.find``). So each row's first quote (a description: a table's stand in
        the order of the source) is looked for near the row before's, its amount's words near it;
        the columns that repeat a few texts (periods, suppliers, words for VAT, procedures) are
        looked for once for each distinct text, near the first row that has it. Most quotes are
        plain ASCII with single spaces, as the normalised source has them: found as they are, they
        are not normalised first.
        """
        find, judge = self.normalised.find, _Judge(self._source).judge
        missing: list[tuple[int, int, str, str]] = []  # (position, the column's place in a row, column, quote)
        nears: list[int] = []  # where each row's first quote stands
        near = 0
        for index, (source, description, amount) in enumerate(
            zip(columns["description_source"], columns["description"], columns["amount_text"], strict=True)
        ):
            # (An ASCII quote found as it stands has its normalised text, stripped, there too; one of
            # white space only never has.)
            first = source or description
            if first:
                at = find(first, near, near + WINDOW)
                if at < 0 or not first.isascii() or first == " ":
                    at = judge(first, near)
                    if at < 0:
                        missing.append((index, 0, "description_source" if source else "description", first))
                        at = near
                near = at
            nears.append(near)
            if (
                amount
                and (find(amount, near, near + WINDOW) < 0 or not amount.isascii() or amount == " ")
                and judge(amount, near) < 0
            ):
                missing.append((index, 2, "amount_text", amount))
        periods, own = columns["period_text"], columns["period_from_table"]
        if any(own):  # the table's period: checked once, with the table
            periods = [None if from_table else text for text, from_table in zip(periods, own, strict=True)]
        for order, column, texts in (
            (1, "period_text", periods),
            *((3 + place, column, columns[column]) for place, column in enumerate(_REPEATED)),
        ):
            first_at = dict(zip(reversed(texts), range(len(texts) - 1, -1, -1), strict=True))  # each text's first row
            absent = {text for text, index in first_at.items() if text and judge(text, nears[index]) < 0}
            if absent:
                found = compress(range(len(texts)), map(absent.__contains__, texts))
                missing.extend((index, order, column, texts[index]) for index in found)
        missing.sort(key=itemgetter(0, 1))
        return [(index, column, quote) for index, _, column, quote in missing]


_REPEATED = ("beneficiary", "vat_text", "procedure")  # the columns that repeat a few texts in a long table
# The fields ``missing_in_columns`` reads.
QUOTE_FIELDS = ("description_source", "description", "period_text", "period_from_table", "amount_text", *_REPEATED)


class _Judge:
    """Quotes not found as they stand near their row, judged once each: found (where), or not."""

    def __init__(self, source: SourceText) -> None:
        self._source = source
        self._judged: dict[str, bool] = {}

    def judge(self, quote: str, near: int) -> int:
        """Where the quote stands, or -1 when it is not in the source: looked for as it stands and as
        its one fragment near ``near``, else in the whole text (a quote judged before: ``near`` when
        it was found)."""
        judged = self._judged.get(quote)
        if judged is not None:
            return near if judged else -1
        find = self._source.normalised.find
        at = find(quote, near, near + WINDOW) if quote.isascii() and not quote.isspace() else -1
        if at < 0:
            fragments = fragments_of(quote)
            if len(fragments) == 1:
                fragment = fragments[0]
                at = find(fragment, near, near + max(WINDOW, len(fragment)))
            if at < 0:
                span = self._source.find(quote, near)
                at = -1 if span is None else span[0]
        self._judged[quote] = at >= 0
        return at


_NORMALISED = "_normalised_source"  # in a dataset's __dict__: not a field (not compared, dumped or shown)


def take_normalised(dataset: Dataset) -> str:
    """The dataset's source text normalised (``normalised_text``): as validation normalised it, which
    lets go of it (it is not held on to with the dataset once analysed), or normalised here."""
    held: tuple[str, str] | None = dataset.__dict__.pop(_NORMALISED, None)
    if held is not None and held[0] is dataset.source_text:
        return held[1]
    return normalised_text(dataset.source_text)


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
