"""Drafting a dataset from a published written question and its answer (issue 13).

``extract_text(path)`` reads the text of a PDF (its text layer) or of a text file;
``parse_document(text)`` reads that text into a ``Draft``; ``draft_file(path)`` does both. The
draft is independent of the dataset format: writing it out as dataset files comes on top of it.
"""

from __future__ import annotations

from pathlib import Path

from sebrief.draft.extract import SourceError, extract_text
from sebrief.draft.parse import parse_document
from sebrief.draft.structure import (
    Answer,
    AnswerPart,
    Column,
    ColumnRole,
    Draft,
    DraftedPeriod,
    DraftedPrecision,
    Gap,
    Located,
    Minister,
    Passage,
    PassageKind,
    Person,
    Question,
    QuestionPart,
    RowStatus,
    Table,
    TableRow,
    VatBasis,
)
from sebrief.draft.values import parse_amount, parse_date, parse_period, session_year


def draft_file(path: str | Path) -> Draft:
    """The draft of a published question and answer: a PDF or a UTF-8 text file."""
    return parse_document(extract_text(path))


__all__ = [
    "Answer",
    "AnswerPart",
    "Column",
    "ColumnRole",
    "Draft",
    "DraftedPeriod",
    "DraftedPrecision",
    "Gap",
    "Located",
    "Minister",
    "Passage",
    "PassageKind",
    "Person",
    "Question",
    "QuestionPart",
    "RowStatus",
    "SourceError",
    "Table",
    "TableRow",
    "VatBasis",
    "draft_file",
    "extract_text",
    "parse_amount",
    "parse_date",
    "parse_document",
    "parse_period",
    "session_year",
]
