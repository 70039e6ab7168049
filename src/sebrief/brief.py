"""The brief model: everything the renderers lay out, decided once by the analysis stage.

Frozen dataclasses of plain values. Amounts are ``Decimal`` rounded to the cent; texts are in
the brief's language, except quotes from the source, which stay as the source wrote them.
Renderers format and place these values; they add, classify and round nothing of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Label:
    """A closed-vocabulary value with its label in the brief's language."""

    code: str
    label: str


@dataclass(frozen=True)
class Evidence:
    """A passage of the source cited as evidence, with the source lines it stands on."""

    passage_id: str
    text: str
    part: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class Header:
    dataset_id: str
    parliament: str
    document_type: str
    number: int
    session_year: str
    reference: str  # e.g. "Schriftelijke vraag nr. 221 (2017-2018)"
    title: str
    date_asked: dt.date
    date_answered: dt.date | None
    asker: Person
    minister: Person
    source_file: str
    source_description: str
    lang: str  # the brief's language
    source_lang: str  # the language of the source, and so of every quote


@dataclass(frozen=True)
class QuestionText:
    part_id: str
    text: str
    subparts: tuple[QuestionText, ...]


@dataclass(frozen=True)
class SubActionAnswer:
    """One convenant sub-action and how it is organised since the convenant, with its basis."""

    action_id: str
    action_number: int
    action_text: str
    pillar: int
    sub_action_id: str
    text: str
    modes: tuple[Label, ...]
    basis: Label
    question_parts: tuple[str, ...]  # "1a", "1b", "1c" where it belongs
    evidence: tuple[Evidence, ...]
    rows: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Question1Group:
    """A part of question 1 (or a group the answer adds), answered from the sub-actions."""

    group_id: str  # "1a", "1b", "subsidy_call", "planned", "1c"
    title: str
    question: str | None  # the question's own words for parts 1a-1c
    summary: str  # plain words: what the answer does and does not say for this part
    sub_actions: tuple[SubActionAnswer, ...]
    rows: tuple[str, ...]


@dataclass(frozen=True)
class Question1:
    intro: str
    groups: tuple[Question1Group, ...]
    matrix: tuple[SubActionAnswer, ...]
    pillars: tuple[tuple[int, str], ...]  # the answer's five pillars (verbatim)
    initiatives: tuple[tuple[str, str, tuple[int, ...]], ...]  # passage text, summary, pillars


@dataclass(frozen=True)
class RowEntry:
    """One row of the answer's table (question 2, parts a-d)."""

    id: str
    number: int
    kind: Label
    description: str
    theme: Label
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    period_label: str  # formatted with its precision, or "in procedure"
    duration_months: Decimal | None
    status: Label
    state_at_question: Label  # finished | running | not_started | in_procedure
    beneficiary: str | None
    beneficiary_count: int | None
    amount: Decimal | None
    vat_basis: Label
    amount_incl_vat_estimate: Decimal | None
    pillars: tuple[int, ...]
    pillar_basis: Label
    source_ref: str
    source_lines: tuple[int, int] | None
    note: str | None


@dataclass(frozen=True)
class KindTotal:
    kind: Label
    rows: int
    awarded: int
    in_procedure: int
    amount: Decimal
    vat_basis: Label
    amount_incl_vat_estimate: Decimal | None


@dataclass(frozen=True)
class GroupTotal:
    """Totals of a group of rows (a theme, a beneficiary, a pillar), kept apart per VAT basis."""

    key: str
    label: str
    rows: int
    awards: int
    subsidy_amount: Decimal
    contract_amount_excl_vat: Decimal
    contract_share: Decimal | None  # share of all public-contract value (excl. VAT)


@dataclass(frozen=True)
class GrandTotal:
    amount: Decimal
    composition: str


@dataclass(frozen=True)
class Totals:
    per_kind: tuple[KindTotal, ...]
    per_theme: tuple[GroupTotal, ...]
    per_beneficiary: tuple[GroupTotal, ...]
    per_pillar: tuple[GroupTotal, ...]
    theme_total: GroupTotal  # the column sums under per_theme: every row
    beneficiary_total: GroupTotal  # the column sums under per_beneficiary: the awarded rows
    grand_total: GrandTotal
    vat_rate: Decimal
    vat_note: str
    pillar_note: str


@dataclass(frozen=True)
class Timeline:
    date_asked: dt.date
    span_start: dt.date
    span_end: dt.date
    months: tuple[dt.date, ...]  # the first day of each month in the span
    states: tuple[tuple[Label, int], ...]  # each state with its number of rows on the date asked


@dataclass(frozen=True)
class Threshold:
    id: str
    name: str
    amount: Decimal
    valid_from: dt.date
    valid_to: dt.date | None
    source: str


@dataclass(frozen=True)
class Signal:
    """A point of attention: a signal worth a look, never a finding."""

    id: str
    kind: Label
    title: str
    description: str
    rows: tuple[str, ...]
    supplier: str | None
    amount: Decimal | None  # the amount the signal is about: the rows' sum, or the top supplier's value
    parameters: tuple[tuple[str, str], ...]
    definition: str
    source: str


@dataclass(frozen=True)
class PartCoverage:
    part_id: str
    question: str
    status: Label  # answered | partly | not_answered
    reason: str


@dataclass(frozen=True)
class FollowUpQuestion:
    number: int
    text: str
    follows_up_on: tuple[str, ...]  # part ids, sub-action ids, row ids or signal ids
    reason: str


@dataclass(frozen=True)
class KeyPoint:
    label: str
    value: str
    detail: str


@dataclass(frozen=True)
class Definition:
    term: str
    text: str
    source: str


@dataclass(frozen=True)
class Method:
    curation_notes: tuple[str, ...]
    definitions: tuple[Definition, ...]
    thresholds: tuple[Threshold, ...]
    passages: tuple[Evidence, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ChangeLine:
    """One change since the previous version of the dataset, in the brief's language."""

    section: Label
    subject: str
    kind: Label
    text: str


@dataclass(frozen=True)
class FigureDelta:
    """A key figure in the previous and this version."""

    name: str
    label: str
    previous: Decimal
    current: Decimal
    delta: Decimal
    is_money: bool


@dataclass(frozen=True)
class Changes:
    """What changed since the previous version of the dataset (``--previous``)."""

    previous_id: str
    summary: str
    lines: tuple[ChangeLine, ...]
    figures: tuple[FigureDelta, ...]


@dataclass(frozen=True)
class Brief:
    header: Header
    questions: tuple[QuestionText, ...]
    key_points: tuple[KeyPoint, ...]
    question1: Question1
    rows: tuple[RowEntry, ...]
    totals: Totals
    timeline: Timeline
    signals: tuple[Signal, ...]
    coverage: tuple[PartCoverage, ...]
    follow_up: tuple[FollowUpQuestion, ...]
    method: Method
    changes: Changes | None = None

    def row(self, row_id: str) -> RowEntry:
        return next(row for row in self.rows if row.id == row_id)
