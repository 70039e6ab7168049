"""Exceptions and exit codes shared by every stage and the CLI, and the problems of a dataset:
each a place and a message (``Message``), in English until the command that reports them puts
them in the language of its ``--lang``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sebrief.i18n import Translator


class ExitCode(IntEnum):
    """Exit codes of the ``sebrief`` command (documented in the README)."""

    OK = 0
    FAILURE = 1  # an unexpected error inside sebrief: please report it
    USAGE = 2  # wrong command-line usage (click's own code)
    INVALID_DATASET = 3  # the dataset could not be read or did not validate
    OUTPUT_ERROR = 4  # an output could not be written; earlier outputs are left as they were
    PARTIAL_BUILD = 5  # `sebrief build`: some datasets failed, the others were built


class Message:
    """A message: its English text with ``{name}`` fields (the message id) and their values,
    put in the user's language only when it is shown (``text``). A value may be a Message itself
    (a place, a kind of thing), translated with it; other values are shown as they are (ids,
    column names, quotes from the files: what the user typed).

    ``Message("...", name=value)`` and ``Message.plural("...", "...", count)`` mark the message
    for extraction into the catalogs (scripts/update-catalogs.sh).
    """

    __slots__ = ("count", "id", "plural_id", "values")

    def __init__(self, id: str, /, **values: object) -> None:
        self.id = id
        self.plural_id: str | None = None
        self.count = 0
        self.values = tuple(sorted(values.items()))

    @classmethod
    def plural(cls, singular: str, plural: str, count: int, /, **values: object) -> Message:
        """A message whose words depend on a number, ``{count}`` in its text."""
        message = cls(singular, **values)
        message.plural_id, message.count = plural, count
        return message

    def text(self, t: Translator | None = None) -> str:
        """The message in the language of ``t`` (in English without one)."""
        values = {
            name: value.text(t) if isinstance(value, (Message, Count, OneDecimal)) else value
            for name, value in self.values
        }
        if self.plural_id is not None:
            if t is not None:
                return t.plural(self.id, self.plural_id, self.count, **values)
            return (self.id if self.count == 1 else self.plural_id).format(count=self.count, **values)
        return (t(self.id) if t is not None else self.id).format(**values)

    def _key(self) -> tuple[object, ...]:
        return (self.id, self.plural_id, self.count, self.values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Message({self.text()!r})"


class Count(int):
    """A number in a message written the local way, its thousands grouped ('99.967' in Dutch,
    '99,967' in English); other numbers in messages (lines, bytes) are written as they are."""

    __slots__ = ()

    def text(self, t: Translator | None = None) -> str:
        return t.number(self, 0) if t is not None else format(self, ",")


class OneDecimal(float):
    """A measure in a message (a contrast ratio) with one decimal, written the local way ('4,5' in
    Dutch, '4.5' in English)."""

    __slots__ = ()

    def text(self, t: Translator | None = None) -> str:
        return t.number(Decimal(f"{self:.1f}"), 1) if t is not None else f"{self:.1f}"


def and_list(items: Sequence[str]) -> Message | str:
    """Names joined as a sentence lists them: 'a', 'a and b', 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return Message("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def or_list(items: Sequence[str]) -> Message | str:
    """Names joined as alternatives: 'a', 'a or b', 'a, b or c'."""
    if len(items) < 2:
        return "".join(items)
    return Message("{first} or {last}", first=", ".join(items[:-1]), last=items[-1])


def line_at(line: int, column: str | int = "") -> Message:
    """A line of a text file (dataset.yaml, a CSV file), and a column of it if given."""
    if column != "":
        return Message("line {line}, column {column}", line=line, column=column)
    return Message("line {line}", line=line)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset: where it is, what is wrong, and how to fix it.

    ``location`` is the place in the file (a line, a column, an Excel row), None for the file as
    a whole; it and ``message`` are translated when shown (``text``); ``str`` gives the English.
    """

    file: str
    location: Message | None
    message: Message

    def text(self, t: Translator | None = None) -> str:
        where = f"{self.file}, {self.location.text(t)}" if self.location is not None else self.file
        return f"{where}: {self.message.text(t)}"

    def __str__(self) -> str:
        return self.text()


class SebriefError(Exception):
    """Base class of the errors the CLI reports without a traceback."""

    exit_code: ExitCode = ExitCode.FAILURE

    def describe(self, lang: str = "en") -> str:
        """The error's message in ``lang``, as far as it is translated (by default it is not)."""
        return str(self)

    def report(self, lang: str = "en") -> str:
        """The line the command writes: the message after 'error:'."""
        return f"error: {self.describe(lang)}"


MAX_SHOWN = 100  # problems listed in a message; the rest are counted


class DatasetError(SebriefError):
    """The dataset could not be read or is invalid; ``problems`` lists every problem found.

    A subclass for another file the dataset goes with (the house style) says what has the
    problems in its own ``header`` and ``more``; the problems are listed and reported the same way.
    """

    exit_code = ExitCode.INVALID_DATASET

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(
            set(problems), key=lambda p: (p.file, _location_key(str(p.location or "")), str(p.message))
        )
        super().__init__(self.text())

    def header(self, count: int) -> Message:
        """The line before the problems: what has them, and how many."""
        return Message.plural("the dataset has {count} problem:", "the dataset has {count} problems:", count)

    def more(self, count: int) -> Message:
        """The line after the problems shown, for the ``count`` left out."""
        return Message.plural(
            "… and {count} more problem; fix these first and run sebrief validate again",
            "… and {count} more problems; fix these first and run sebrief validate again",
            count,
        )

    def text(self, t: Translator | None = None) -> str:
        """The problems, a line each after a header that counts them, in the language of ``t``."""
        count = len(self.problems)
        shown = [f"  {problem.text(t)}" for problem in self.problems[:MAX_SHOWN]]
        if count > MAX_SHOWN:
            shown.append(f"  {self.more(count - MAX_SHOWN).text(t)}")
        return "\n".join([self.header(count).text(t), *shown])

    def describe(self, lang: str = "en") -> str:
        from sebrief.i18n import Translator

        return self.text(Translator(lang))

    def report(self, lang: str = "en") -> str:
        from sebrief.i18n import Translator

        t = Translator(lang)
        return t("error: {text}", text=self.text(t))


class OutputError(SebriefError):
    """An output could not be written."""

    exit_code = ExitCode.OUTPUT_ERROR


def _location_key(location: str) -> tuple[int, str]:
    match = re.search(r"\d+", location)
    return (int(match.group()) if match else 0, location)
