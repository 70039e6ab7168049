"""The values of the brief shared by its parts (a label of a closed vocabulary, a cited passage) and
its smaller parts: header, points of attention, follow-up questions, key points, coverage of
the parts, timeline and method. Frozen dataclasses of plain values (see ``sebrief.engine.brief``)."""

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
class FollowUpQuestion:
    number: int
    text: str
    follows_up_on: tuple[str, ...]  # part ids, sub-action ids, row ids or signal ids
    reason: str


@dataclass(frozen=True)
class KeyPoint:
    """A key point: its label, its value as text and a detail. ``count`` is set when the value is a
    count (the workbook writes it as a number); a value that names parts or amounts has none."""

    label: str
    value: str
    detail: str
    count: int | None = None


@dataclass(frozen=True)
class Definition:
    term: str
    text: str
    source: str


@dataclass(frozen=True)
class PartSection:
    """A part (or subpart) of the question, its status and the blocks shown under it."""

    part_id: str
    question: str  # verbatim
    status: Label  # answered | partly | not_answered
    basis: Label  # stated | inferred | not_addressed
    reason: str
    block_ids: tuple[str, ...]  # the blocks laid out in this section, in the dataset's order
    see_also: tuple[str, ...]  # blocks that answer it but are laid out in an earlier section
    subparts: tuple[PartSection, ...] = ()


@dataclass(frozen=True)
class Timeline:
    date_asked: dt.date
    span_start: dt.date
    span_end: dt.date
    months: tuple[dt.date, ...]  # the first day of each month in the span
    states: tuple[tuple[Label, int], ...]  # each state with its number of rows on the date asked
    states_text: str  # the same for a sentence, running rows first: "13 running, 1 finished"
    undated: int  # the rows without a period, which the timeline cannot show


@dataclass(frozen=True)
class PartCoverage:
    part_id: str
    parent_id: str | None
    question: str
    status: Label
    basis: Label
    reason: str


@dataclass(frozen=True)
class Method:
    curation_notes: tuple[str, ...]
    definitions: tuple[Definition, ...]
    thresholds: tuple[Threshold, ...]
    passages: tuple[Evidence, ...]
    notes: tuple[str, ...]
