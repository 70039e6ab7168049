"""The corpus report of one supplier (``sebrief corpus report``): what it says, apart from how it
is laid out (``sebrief.render.corpus`` lays it out as a PDF and a workbook).

Computed from the corpus file: the supplier's rows across questions (the names taken as it, and
the names that look alike but were not taken), its totals per question, per minister and per year
(of the period's start) on each VAT basis, never added across bases, and what sebrief infers from
them (``sebrief.corpus.report_signals``): awards just under a procurement threshold across the
answers of one minister, and the supplier's share of each minister's total on the same VAT basis.

Every figure keeps its trace: a total names the rows it adds up, each row its question and the
answer's line it comes from. The model holds codes and figures only; words are the renderer's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sebrief.corpus.names import match_names
from sebrief.corpus.queries import VAT_ORDER
from sebrief.corpus.report_rows import Question, Row
from sebrief.corpus.report_signals import BelowSignal, Share, Unchecked, just_below, shares
from sebrief.reference import ProcurementRules, procurement_rules

if TYPE_CHECKING:
    import duckdb

QUESTION_FIELDS = (
    "dataset_id", "parliament", "document_type", "number", "session_year", "date_asked", "date_answered", "asker",
    "minister", "title",
)  # fmt: skip
ROW_FIELDS = (
    "dataset_id", "row_id", "beneficiary", "kind", "kind_label_nl", "kind_label_en", "procurement", "description",
    "status", "vat_basis", "amount", "amount_text", "period_start", "period_end", "period_text", "procedure",
    "source_ref",
)  # fmt: skip
GROUPINGS = ("question", "minister", "year")


@dataclass(frozen=True)
class Total:
    """The supplier's rows of one group on one VAT basis: how many, and their amounts added up
    (None when none has an amount); ``members`` are the rows it is made of."""

    group: str | int | None  # a dataset id, a minister, a year; None: the whole corpus, or no period
    vat_basis: str
    rows: int
    priced: int
    amount: Decimal | None
    members: tuple[tuple[str, str], ...]  # (dataset id, row id)


@dataclass(frozen=True)
class CorpusReport:
    """Everything ``sebrief corpus report`` says about one supplier."""

    asked: tuple[str, ...]
    taken: tuple[tuple[str, int], ...]  # each name taken as the supplier, with its rows in the corpus
    similar: tuple[tuple[str, int], ...]  # names that look alike but were not taken, with their rows
    questions: tuple[Question, ...]  # in the order of their dates asked
    rows: tuple[Row, ...]  # in the order of the questions, then of each answer's rows
    totals: tuple[Total, ...]  # the whole corpus, per VAT basis
    by: dict[str, tuple[Total, ...]]  # "question", "minister", "year"
    shares: tuple[Share, ...]  # inferred: the supplier's share of each minister's total per basis
    below: tuple[BelowSignal, ...]  # inferred: several awards just under a threshold, per minister
    unchecked: tuple[Unchecked, ...]  # awards that could not be compared with a threshold, and why
    vat_rate: Decimal  # the standard rate an amount incl. VAT is converted at, for the comparison only
    band: Decimal  # how far under a threshold counts as "just under"
    corpus_questions: int  # questions in the whole corpus

    @property
    def found(self) -> bool:
        return bool(self.rows)

    def question(self, dataset_id: str) -> Question:
        return next(question for question in self.questions if question.dataset_id == dataset_id)

    @property
    def ministers(self) -> tuple[str, ...]:
        return tuple(sorted({question.minister for question in self.questions}))


def supplier_report(
    connection: duckdb.DuckDBPyConnection, names: Iterable[str], rules: ProcurementRules | None = None
) -> CorpusReport:
    """The report of the supplier that ``names`` name (compared by their keys, see ``corpus.names``)."""
    rules = rules or procurement_rules()
    counts = dict(
        connection.execute(
            "SELECT beneficiary, count(*) FROM answer_rows WHERE beneficiary IS NOT NULL GROUP BY beneficiary"
        ).fetchall()
    )
    match = match_names(names, counts)
    params = {"keys": list(match.keys)}
    lines = connection.execute(
        f"SELECT {', '.join(ROW_FIELDS)}, minister FROM corpus_rows WHERE beneficiary_key IN (SELECT unnest($keys)) "
        "ORDER BY date_asked, number, dataset_id, row_order",
        params,
    ).fetchall()
    rows = tuple(_row(dict(zip((*ROW_FIELDS, "minister"), line, strict=True))) for line in lines)
    ids = list(dict.fromkeys(row.dataset_id for row in rows))
    found = connection.execute(
        f"SELECT {', '.join(QUESTION_FIELDS)} FROM questions WHERE dataset_id IN (SELECT unnest($ids)) "
        "ORDER BY date_asked, number, dataset_id",
        {"ids": ids},
    ).fetchall()
    questions = tuple(Question(*line) for line in found)
    ministers = sorted({question.minister for question in questions})
    minister_totals = connection.execute(
        "SELECT minister, vat_basis, sum(amount), count(*), list(DISTINCT dataset_id ORDER BY dataset_id) "
        "FROM corpus_rows WHERE amount IS NOT NULL AND minister IN (SELECT unnest($ministers)) GROUP BY ALL",
        {"ministers": ministers},
    ).fetchall()
    corpus_questions = connection.execute("SELECT count(*) FROM questions").fetchone()
    below, unchecked = just_below(rows, rules)
    return CorpusReport(
        asked=match.asked,
        taken=tuple((name, counts[name]) for name in match.taken),
        similar=tuple((name, counts[name]) for name in match.similar),
        questions=questions,
        rows=rows,
        totals=totals(rows, lambda row: None),
        by={
            "question": _ordered(totals(rows, lambda row: row.dataset_id), [q.dataset_id for q in questions]),
            "minister": totals(rows, lambda row: row.minister),
            "year": totals(rows, lambda row: row.year),
        },
        shares=shares(rows, minister_totals),
        below=below,
        unchecked=unchecked,
        vat_rate=rules.vat.standard_rate,
        band=rules.signals.just_below_band,
        corpus_questions=corpus_questions[0] if corpus_questions else 0,
    )


def _row(values: dict[str, Any]) -> Row:
    name, amount, start = values.pop("beneficiary"), values.pop("amount"), values["period_start"]
    return Row(
        **values,
        name=name,
        amount=None if amount is None else Decimal(amount),
        year=None if start is None else start.year,
    )


def totals(rows: Iterable[Row], group: Callable[[Row], str | int | None]) -> tuple[Total, ...]:
    """The rows' totals per group and VAT basis, groups in order (None last), bases in ``VAT_ORDER``.

    Amounts are added as the answers state them: exact decimals, never converted, never across bases."""
    gathered: dict[tuple[Any, str], list[Row]] = {}
    for row in rows:
        gathered.setdefault((group(row), row.vat_basis), []).append(row)
    out = []
    for (key, basis), members in gathered.items():
        priced = [row.amount for row in members if row.amount is not None]
        out.append(
            Total(
                group=key,
                vat_basis=basis,
                rows=len(members),
                priced=len(priced),
                amount=sum(priced, Decimal("0.00")) if priced else None,
                members=tuple(row.ref for row in members),
            )
        )
    order = {basis: index for index, basis in enumerate(VAT_ORDER)}
    return tuple(sorted(out, key=lambda item: (item.group is None, str(item.group or ""), order[item.vat_basis])))


def _ordered(items: tuple[Total, ...], groups: list[str]) -> tuple[Total, ...]:
    """``items`` with their groups in the order of ``groups`` (the questions by date)."""
    place = {group: index for index, group in enumerate(groups)}
    order = {basis: index for index, basis in enumerate(VAT_ORDER)}
    return tuple(sorted(items, key=lambda item: (place[str(item.group)], order[item.vat_basis])))
