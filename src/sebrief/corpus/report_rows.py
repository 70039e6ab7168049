"""The questions and rows of a corpus report (``sebrief.corpus.report``), as the answers state them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Question:
    """A question of the corpus in which the supplier appears."""

    dataset_id: str
    parliament: str
    document_type: str
    number: int
    session_year: str
    date_asked: dt.date
    date_answered: dt.date | None
    asker: str
    minister: str
    title: str


@dataclass(frozen=True)
class Row:
    """One row of an answer, as the answer states it: the name as given, the amount on its VAT basis."""

    dataset_id: str
    row_id: str
    name: str
    kind: str
    kind_label_nl: str | None
    kind_label_en: str | None
    procurement: bool
    description: str | None
    status: str
    vat_basis: str
    amount: Decimal | None
    amount_text: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    period_text: str | None
    procedure: str | None
    source_ref: str
    minister: str
    year: int | None  # of the period's start

    @property
    def ref(self) -> tuple[str, str]:
        return (self.dataset_id, self.row_id)
