"""Drafting a dataset from a published written question and its answer (issue 13).

``extract_text(path)`` reads the text of a PDF (its text layer), a Word document, a web page or
a text file; ``parse_document(text)`` reads that text into a ``Draft``; ``draft_file(path)`` does
both. The draft is independent of the dataset format: ``sebrief.draft.emit`` writes it out as
dataset files. What the drafter could not find or asks a person to check (``Gap``), what it could
not read from a document and the comments of dataset.yaml are ``sebrief.errors.Message``s, put in
the user's language (Dutch by default) when shown; their Dutch is in locale/nl/LC_MESSAGES/draft.po.

Reading: ``extract`` (text of a PDF or a file; ``documents`` for Word, with ``docx_numbering``,
and HTML; ``layout_table`` rewrites a ``pdftotext -layout`` table one row a line) -> ``lines`` ->
``passages`` (paragraphs and list items), ``question`` (header and parts), ``answer`` (parts,
date), ``tables`` (``table_columns``, ``table_rows``, ``delimited_table``, ``stream_table``,
``cell_table`` for one cell a line), values in ``values``, a row's status (awarded, in procedure,
done in house, or left to a person) in ``row_status``, stated totals and listed figures in
``totals``; ``parse`` composes them into the ``structure``. Writing: ``dataset_plan`` (ids,
files, bindings, and a table's period given once by its lead sentence, ``table_period``),
``answer_blocks`` (figures and text blocks), ``dataset_yaml`` (its entries; ``kinds_yaml`` its
kinds), ``commented_yaml`` (the text, comments kept, in the language asked), ``rows_csv`` (the
tables' CSV files); ``emit`` composes them.
"""

from __future__ import annotations

from sebrief.draft.extract import SourceError, extract_text
from sebrief.draft.parse import draft_file, parse_document
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
