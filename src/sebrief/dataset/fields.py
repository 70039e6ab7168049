"""The field types every dataset is made of: texts, quotes, exact amounts, dates, periods, people.

``sebrief.dataset.model`` builds the dataset format from them; field-level rules live here and
there, rules that span fields or files in ``sebrief.dataset.validate``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sebrief.errors import Message

Identifier = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
# A passage that must occur verbatim in the source text (white space normalised); "[…]" marks an
# elision between fragments that stand apart in the source, for example across a page break.
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


def _exact_amount(value: object) -> object:
    """Refuse amounts written other than as plain decimals (no exponent, sign, separators)."""
    if isinstance(value, str) and not re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", value.strip()):
        raise NotAnAmount(repr(shorten(value)))
    return value


def _iso_date(value: object) -> object:
    """Accept a date object or an ISO date text (YYYY-MM-DD), nothing looser (no timestamps)."""
    text_ok = isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip())
    if value is not None and not text_ok and not isinstance(value, dt.date):
        raise MessageError(
            Message(
                "{got} is not a date; write it as YYYY-MM-DD (for example 2018-01-19)", got=repr(shorten(str(value)))
            )
        )
    return value


def shorten(text: str, limit: int = 60, *, at_word: bool = False, strip: str | None = "") -> str:
    """The text, or, when longer than ``limit`` characters, its first ``limit - 1`` and an ellipsis:
    for messages, lists, chart labels and cells. The one shortener of every stage.

    ``at_word``: cut after the last whole word instead, when one ends in the second half of the limit.
    ``strip``: the characters taken off the end of the cut before the ellipsis ("": none, the default;
    None: white space).
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if at_word and " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(strip) + "…"


class MessageError(ValueError):
    """A value a validator refuses, with the message (``said``) that the loader shows in the user's language."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


AMOUNT_HINT = Message("write an exact amount in euro with a dot and at most two decimals, for example 9835.60")


class NotAnAmount(MessageError):
    """A text that is not an amount written as sebrief reads them (the loader may say how to write
    one in the file it is in)."""

    def __init__(self, got: str) -> None:
        super().__init__(not_an_amount(got, AMOUNT_HINT))
        self.got = got


def not_an_amount(got: str | Message, hint: Message) -> Message:
    return Message("{got} is not an amount; {hint}", got=got, hint=hint)


def rule_error(field: str, said: Message, *others: str) -> PydanticCustomError:
    """A rule on a whole object, pointed at the field to correct (``ctx.field``, read by the loader);
    ``ctx.said`` is the message, which the loader shows in the user's language."""
    return PydanticCustomError(
        "rule", "{message}", {"message": str(said), "said": said, "field": field, "fields": (field, *others)}
    )


Amount = Annotated[Decimal, BeforeValidator(_exact_amount), Field(ge=0, max_digits=15, decimal_places=2)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
M = TypeVar("M", bound=BaseModel)


def shared_fields_set(names: Iterable[str]) -> set[str]:
    """The one "fields set" shared by the models that set the fields ``names`` (see ``share_fields_set``)."""
    names = set(names)
    return _FIELDS_SETS.setdefault(frozenset(names), names)


def share_fields_set(model: M) -> M:
    """``model`` (and the models in its fields) sharing one set of "fields set" with every model
    that set the same fields.

    Pydantic keeps, per instance, the set of the fields given at validation: about 2 KB for a row
    of twenty fields, more than the row's own values. A frozen model never changes it (a copy gets
    a copy), so a table of 100,000 rows can share a handful of them.
    """
    fields_set = model.__pydantic_fields_set__
    shared = _FIELDS_SETS.setdefault(frozenset(fields_set), fields_set)
    if shared is not fields_set:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
    for value in model.__dict__.values():
        if isinstance(value, Frozen):
            share_fields_set(value)
    return model


class Localized(Frozen):
    """A text of ours (not a quote) in both languages of the outputs."""

    nl: Text
    en: Text

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


class RowStatus(StrEnum):
    AWARDED = "awarded"
    IN_PROCEDURE = "in_procedure"
    IN_HOUSE = "in_house"  # done by the administration itself: awarded to no one, no amount


class VatBasis(StrEnum):
    EXCL_VAT = "excl_vat"
    INCL_VAT = "incl_vat"
    NOT_STATED = "not_stated"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"


class Basis(StrEnum):
    """On what ground a classification rests: the minister's words, our reading, or silence."""

    STATED = "stated"
    INFERRED = "inferred"
    NOT_ADDRESSED = "not_addressed"


class Period(Frozen):
    start: IsoDate
    end: IsoDate
    precision: Precision

    @model_validator(mode="after")
    def _check(self) -> Period:
        if self.end < self.start:
            raise rule_error(
                "end",
                Message(
                    "the end {end} is before the start {start}; swap them or correct one",
                    end=self.end,
                    start=self.start,
                ),
            )
        if self.precision is Precision.MONTH:
            last = calendar.monthrange(self.end.year, self.end.month)[1]
            if self.start.day != 1 or self.end.day != last:
                raise rule_error(
                    "start" if self.start.day != 1 else "end",
                    Message(
                        "a period of month precision runs from the first day of its first month to the last day of "
                        "its last month (here {start} to {end}); use {first} to {last} or precision 'day'",
                        start=self.start,
                        end=self.end,
                        first=self.start.replace(day=1),
                        last=self.end.replace(day=last),
                    ),
                )
        return self


class Person(Frozen):
    first_name: Text
    last_name: Text

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Minister(Person):
    portfolio: Text


class SourceDocument(Frozen):
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$")]
    description: Localized
    url: Annotated[str, StringConstraints(pattern=r"^https://")] | None = None


class Metadata(Frozen):
    parliament: Text
    document_type: Text
    number: Annotated[int, Field(ge=1)]
    session_year: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{4}$")]
    date_asked: IsoDate
    date_answered: IsoDate | None = None
    asker: Person
    minister: Minister
    title: Text
    source: SourceDocument

    @field_validator("session_year")
    @classmethod
    def _consecutive_years(cls, value: str) -> str:
        first, second = (int(part) for part in value.split("-"))
        if second != first + 1:
            raise MessageError(
                Message("a session year spans two consecutive years, like 2017-2018, not {value}", value=value)
            )
        return value

    @model_validator(mode="after")
    def _answered_after_asked(self) -> Metadata:
        if self.date_answered is not None and self.date_answered < self.date_asked:
            raise rule_error(
                "date_answered",
                Message(
                    "date_answered {answered} is before date_asked {asked}; correct one of them",
                    answered=self.date_answered,
                    asked=self.date_asked,
                ),
            )
        return self


class QuotedText(Frozen):
    id: Identifier
    text: Quote


ELISION = "[…]"
ELISION_RE = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*")
