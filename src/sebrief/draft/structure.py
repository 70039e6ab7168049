"""The draft of a written question and its answer: a neutral, typed structure.

These frozen dataclasses hold what ``sebrief.draft.parse`` read from a published document. They
are independent of the dataset format: turning a draft into dataset files is a later step.

Texts named ``text``, ``description``, ``period_text``, ``beneficiary``, ``amount_text`` and
``vat_text`` are verbatim passages of the source with white space normalised the way
``sebrief.quotes`` compares quotes (runs of white space are one space, a word hyphenated at a line
end is joined). Line numbers are 1-based lines of the text that was parsed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

# The VAT basis and the status of a row are the dataset format's own.
from sebrief.dataset.fields import RowStatus as RowStatus
from sebrief.dataset.fields import VatBasis as VatBasis
from sebrief.errors import Message

if TYPE_CHECKING:
    from sebrief.i18n import Translator

ELISION = " […] "


class DraftedPrecision(StrEnum):
    """How precisely a drafted period is given: to the day, the month (first to last day) or the year.

    Not the dataset's ``Precision`` (day or month): a table may give years ('2019-2021'), which a
    dataset writes as a period of month precision from January to December.
    """

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class PassageKind(StrEnum):
    PARAGRAPH = "paragraph"  # running text
    LEAD = "lead"  # the sentence ending in ':' that introduces a list
    ITEM = "item"  # an item of a list ('1.', '1°', 'a)', '-')


class ColumnRole(StrEnum):
    DESCRIPTION = "description"
    PERIOD = "period"
    BENEFICIARY = "beneficiary"
    AMOUNT = "amount"
    PROCEDURE = "procedure"
    OTHER = "other"


@dataclass(frozen=True)
class Gap:
    """Something the drafter could not find or asks a person to check: what, where it looked, and
    how to fill it in. Each is a ``Message`` (or a name from the files, shown as it is), put in the
    user's language when shown (``text``); ``what``, ``where``, ``hint`` and ``str`` give the English.
    """

    subject: Message | str
    place: Message | str
    advice: Message | str

    @property
    def what(self) -> str:
        return _shown(self.subject)

    @property
    def where(self) -> str:
        return _shown(self.place)

    @property
    def hint(self) -> str:
        return _shown(self.advice)

    def hint_text(self, t: Translator | None = None) -> str:
        """The hint alone, in the language of ``t`` (in English without one)."""
        return _shown(self.advice, t)

    def text(self, t: Translator | None = None) -> str:
        """'what (where): hint' in the language of ``t`` (in English without one)."""
        return f"{_shown(self.subject, t)} ({_shown(self.place, t)}): {_shown(self.advice, t)}"

    def __str__(self) -> str:
        return self.text()


def _shown(value: Message | str, t: Translator | None = None) -> str:
    return value.text(t) if isinstance(value, Message) else value


def at_line(line: int | str) -> Message:
    """A line of the text the draft was read from."""
    return Message("line {line}", line=line)


def at_lines(first: int, last: int | str) -> Message:
    """The lines of the text the draft was read from, ``first`` to ``last``."""
    return Message("lines {first}-{last}", first=first, last=last)


@dataclass(frozen=True)
class Located:
    """A verbatim text with the source lines it spans."""

    text: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    source_text: str  # as the document writes the name, e.g. 'JAN VAN DEN BERGHE'
    line: int

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Minister(Person):
    portfolio: str | None = None  # in normal case, e.g. 'Vlaams minister van Wonen'
    portfolio_source: Located | None = None  # as the document writes it (capitals)


@dataclass(frozen=True)
class Passage:
    """A paragraph, the lead sentence of a list, or a list item, with its marker and depth."""

    text: str
    first_line: int
    last_line: int
    kind: PassageKind = PassageKind.PARAGRAPH
    marker: str | None = None  # '1.', '1°', 'a)', '-' as in the source
    level: int = 0  # 0 running text, 1 list item, 2 item of a nested list
    part: str | None = None  # in an answer: the question part (or subpart, '1a') it answers


@dataclass(frozen=True)
class QuestionPart:
    """A numbered part ('1') or a sub-part ('1a') of the question, with its text verbatim."""

    id: str
    text: str
    first_line: int
    last_line: int
    subparts: tuple[QuestionPart, ...] = ()


@dataclass(frozen=True)
class Question:
    introduction: tuple[Passage, ...] = ()  # everything before the numbered parts, lists included
    parts: tuple[QuestionPart, ...] = ()

    @property
    def part_ids(self) -> tuple[str, ...]:
        return tuple(i for part in self.parts for i in (part.id, *(s.id for s in part.subparts)))


@dataclass(frozen=True)
class DraftedPeriod:
    """A period as read from a table cell; unlike the dataset's ``Period`` it is not checked yet."""

    start: dt.date
    end: dt.date
    precision: DraftedPrecision


@dataclass(frozen=True)
class Column:
    role: ColumnRole
    header: str


@dataclass(frozen=True)
class TableRow:
    """One row of a table of the answer: its cells verbatim and the values read from them."""

    index: int  # 1-based within its table
    description: str  # fragments joined by a space when a page break splits the row
    description_fragments: tuple[str, ...]
    kind: str | None  # a kind id made from the label the source puts before the row ('Studie:' -> 'studie')
    kind_text: str | None  # that label as written, without its colon ('Studie')
    period_fragments: tuple[str, ...]  # empty when the table has no period
    period: DraftedPeriod | None
    beneficiary: str | None  # None for '/', empty or a status such as 'In procedure'
    beneficiary_count: int | None  # '12 vzw's (...)' -> 12
    amount_text: str | None
    amount: Decimal | None
    vat_text: str | None  # the row's own words, else the amount column header's
    vat_basis: VatBasis
    status: RowStatus | None  # None: the cells do not settle it, a person decides (a gap says why)
    status_text: str | None  # e.g. 'In procedure' where the beneficiary would stand
    procedure: str | None  # the procedure column, when the table has one
    split_by_page_break: bool
    first_line: int
    last_line: int
    other_cells: tuple[tuple[str, str], ...] = ()  # (header, text) of columns of no known role

    @property
    def description_source(self) -> str | None:
        """The description as it stands in the source, '[…]' between fragments; None when whole."""
        return ELISION.join(self.description_fragments) if len(self.description_fragments) > 1 else None

    @property
    def period_text(self) -> str | None:
        """The period as the source writes it ('/' for none), '[…]' between fragments."""
        return ELISION.join(self.period_fragments) if self.period_fragments else None


@dataclass(frozen=True)
class StatedTotal:
    """A total the answer states ('Totaal | | 1.400.618,00 euro', '2017: 1.400.618,00 euro'), read exactly."""

    text: str  # the amount as written
    amount: Decimal | None  # None when it cannot be read in full
    line: int
    label: str = "Totaal"


@dataclass(frozen=True)
class Table:
    part: str | None  # the answer part it stands in
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    first_line: int
    last_line: int
    totals: tuple[StatedTotal, ...] = ()  # its 'Totaal' rows, which are not rows of the table


@dataclass(frozen=True)
class AnswerPart:
    """What the answer says under one number: it may answer several parts ('1 en 2.')."""

    ids: tuple[str, ...]
    marker: str | None
    first_line: int
    last_line: int
    passages: tuple[Passage, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Answer:
    header: Located | None = None  # 'ANTWOORD op vraag nr. 48 van 14 oktober 2021 van AN PEETERS'
    parts: tuple[AnswerPart, ...] = ()

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(table for part in self.parts for table in part.tables)

    @property
    def rows(self) -> tuple[TableRow, ...]:
        return tuple(row for table in self.tables for row in table.rows)

    @property
    def passages(self) -> tuple[Passage, ...]:
        return tuple(passage for part in self.parts for passage in part.passages)


@dataclass(frozen=True)
class Draft:
    """Everything read from one published written question and its answer."""

    parliament: str | None = None
    document_type: str | None = None
    number: int | None = None
    session_year: str | None = None
    date_asked: dt.date | None = None
    date_answered: dt.date | None = None  # only when the document gives it; never guessed
    asker: Person | None = None
    minister: Minister | None = None
    title: Located | None = None
    question: Question = field(default_factory=Question)
    answer: Answer = field(default_factory=Answer)
    gaps: tuple[Gap, ...] = ()
