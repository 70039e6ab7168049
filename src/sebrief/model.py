"""The dataset schema: frozen, typed objects for one written question and its answer.

Loading (``sebrief.load``) turns the curated files into these objects; field-level rules live
here, rules that span fields or files live in ``sebrief.validate``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

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

SCHEMA_VERSION = 1

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
        raise ValueError(
            f"{_shorten(value)!r} is not an amount; write an exact amount in euro with a dot and at most "
            "two decimals, for example 9835.60"
        )
    return value


def _iso_date(value: object) -> object:
    """Accept a date object or an ISO date text (YYYY-MM-DD), nothing looser (no timestamps)."""
    text_ok = isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip())
    if value is not None and not text_ok and not isinstance(value, dt.date):
        raise ValueError(f"{_shorten(str(value))!r} is not a date; write it as YYYY-MM-DD (for example 2018-01-19)")
    return value


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rule_error(field: str, message: str, *others: str) -> PydanticCustomError:
    """A rule on a whole object, pointed at the field to correct (``ctx.field``, read by the loader)."""
    return PydanticCustomError("rule", "{message}", {"message": message, "field": field, "fields": (field, *others)})


Amount = Annotated[Decimal, BeforeValidator(_exact_amount), Field(ge=0, max_digits=15, decimal_places=2)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
PillarNumber = Annotated[int, Field(ge=1, le=5)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Localized(Frozen):
    """A text of ours (not a quote) in both languages of the outputs."""

    nl: Text
    en: Text

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


class RowKind(StrEnum):
    SUBSIDY_CALL = "subsidy_call"
    PUBLIC_CONTRACT = "public_contract"


class RowStatus(StrEnum):
    AWARDED = "awarded"
    IN_PROCEDURE = "in_procedure"


class Theme(StrEnum):
    INNOVATION = "innovation"
    STARTERS = "starters"
    RESEARCH = "research"
    COMMUNICATION = "communication"
    GUIDE = "guide"
    OTHER = "other"


class VatBasis(StrEnum):
    EXCL_VAT = "excl_vat"
    INCL_VAT = "incl_vat"
    NOT_STATED = "not_stated"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"


class Mode(StrEnum):
    """How a convenant sub-action is organised since the convenant ended."""

    ADMINISTRATION = "administration"
    PUBLIC_CONTRACT = "public_contract"
    SUBSIDY_CALL = "subsidy_call"
    PLANNED = "planned"
    NOT_ADDRESSED = "not_addressed"


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
            raise rule_error("end", f"the end {self.end} is before the start {self.start}; swap them or correct one")
        if self.precision is Precision.MONTH:
            last = calendar.monthrange(self.end.year, self.end.month)[1]
            if self.start.day != 1 or self.end.day != last:
                raise rule_error(
                    "start" if self.start.day != 1 else "end",
                    "a period of month precision runs from the first day of its first month to the "
                    f"last day of its last month (here {self.start} to {self.end}); use "
                    f"{self.start.replace(day=1)} to {self.end.replace(day=last)} or precision 'day'",
                )
        return self


class TableRow(Frozen):
    """One row of the answer's table (answer 2): a subsidy call or a public contract."""

    id: Identifier
    kind: RowKind
    description: Text
    description_source: Quote | None = None
    theme: Theme
    period: Period | None
    period_text: Quote
    status: RowStatus
    beneficiary: Quote | None
    beneficiary_count: Annotated[int, Field(ge=1)] | None
    amount: Amount | None
    amount_text: Quote
    vat_basis: VatBasis
    vat_text: Quote | None
    pillars: tuple[PillarNumber, ...]
    pillar_basis: Literal[Basis.STATED, Basis.INFERRED]
    source_ref: Text
    note: Localized | None = None

    @model_validator(mode="after")
    def _check_status(self) -> TableRow:
        if self.status is RowStatus.AWARDED:
            missing = [name for name in ("amount", "beneficiary", "period") if getattr(self, name) is None]
            if missing:
                raise rule_error(
                    missing[0],
                    f"an awarded row needs {' and '.join(missing)}; fill {'it' if len(missing) == 1 else 'them'} "
                    "in or set status to in_procedure",
                    *missing[1:],
                )
        else:
            present = [
                name for name in ("amount", "beneficiary", "beneficiary_count") if getattr(self, name) is not None
            ]
            if present:
                raise rule_error(
                    present[0],
                    f"a row in procedure has no {' or '.join(present)} yet; leave "
                    f"{'it' if len(present) == 1 else 'them'} empty or set status to awarded",
                    *present[1:],
                )
        return self

    @property
    def is_awarded(self) -> bool:
        return self.status is RowStatus.AWARDED


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
            raise ValueError(f"a session year spans two consecutive years, like 2017-2018, not {value}")
        return value

    @model_validator(mode="after")
    def _answered_after_asked(self) -> Metadata:
        if self.date_answered is not None and self.date_answered < self.date_asked:
            raise rule_error(
                "date_answered",
                f"date_answered {self.date_answered} is before date_asked {self.date_asked}; correct one of them",
            )
        return self


class QuotedText(Frozen):
    id: Identifier
    text: Quote


class SubPart(Frozen):
    id: Identifier
    text: Quote


class QuestionPart(Frozen):
    id: Identifier
    text: Quote
    subparts: tuple[SubPart, ...] = ()


class Question(Frozen):
    introduction: tuple[QuotedText, ...] = ()
    parts: Annotated[tuple[QuestionPart, ...], Field(min_length=1)]


class SubAction(Frozen):
    id: Identifier
    text: Quote
    modes: Annotated[tuple[Mode, ...], Field(min_length=1)]
    basis: Basis
    evidence: tuple[Identifier, ...] = ()
    rows: tuple[Identifier, ...] = ()
    note: Localized

    @model_validator(mode="after")
    def _check_basis(self) -> SubAction:
        silent = Mode.NOT_ADDRESSED in self.modes
        if silent and len(self.modes) > 1:
            raise rule_error("modes", "mode not_addressed cannot be combined with other modes; remove one")
        if silent != (self.basis is Basis.NOT_ADDRESSED):
            raise rule_error(
                "basis", "mode not_addressed and basis not_addressed go together; change one of them", "modes"
            )
        if silent and (self.evidence or self.rows):
            raise rule_error(
                "evidence" if self.evidence else "rows",
                "a sub-action the answer does not address has no evidence and no rows; empty them",
            )
        if not silent and not self.evidence:
            raise rule_error(
                "evidence",
                f"basis {self.basis.value} needs at least one evidence passage id (from answer.passages); add one",
            )
        return self


class ConvenantAction(Frozen):
    id: Identifier
    number: Annotated[int, Field(ge=1)]
    pillar: PillarNumber
    text: Quote
    sub_actions: Annotated[tuple[SubAction, ...], Field(min_length=1)]


class Pillar(Frozen):
    number: PillarNumber
    text: Quote


class Passage(Frozen):
    id: Identifier
    part: Identifier
    text: Quote


class Initiative(Frozen):
    id: Identifier
    passage: Identifier
    pillars: tuple[PillarNumber, ...] = ()
    summary: Localized


class Answer(Frozen):
    pillars: Annotated[tuple[Pillar, ...], Field(min_length=1)]
    passages: tuple[Passage, ...] = ()
    initiatives: tuple[Initiative, ...] = ()


class DatasetFile(Frozen):
    """The main file of a dataset (``dataset.yaml``); the table rows come from ``rows.csv``."""

    model_config = ConfigDict(title="sebrief dataset", frozen=True, extra="forbid", str_strip_whitespace=True)

    schema_version: Literal[1]
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
    language: Literal["nl", "en"] = "nl"
    metadata: Metadata
    question: Question
    convenant_actions: tuple[ConvenantAction, ...] = ()
    answer: Answer
    curation_notes: tuple[Localized, ...] = ()


class Dataset(Frozen):
    """A loaded, validated dataset: the main file, its table rows and its source text."""

    main: DatasetFile
    rows: tuple[TableRow, ...]
    source_text: str

    @property
    def id(self) -> str:
        return self.main.id

    @property
    def metadata(self) -> Metadata:
        return self.main.metadata

    def row(self, row_id: str) -> TableRow:
        return next(row for row in self.rows if row.id == row_id)

    def passage(self, passage_id: str) -> Passage:
        return next(p for p in self.main.answer.passages if p.id == passage_id)


ELISION = "[…]"
ELISION_RE = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*")
