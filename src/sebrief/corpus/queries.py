"""Questions put to the corpus: one supplier's rows across questions, with its totals.

Totals are sums of the amounts as the answers state them, per VAT basis: amounts incl. VAT, excl.
VAT and without a VAT statement are never added to each other (nor converted). A total per year
is per year of the row's period start; rows without a period are counted under no year.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sebrief.corpus.names import NameMatch, match_names

if TYPE_CHECKING:
    import duckdb

VAT_ORDER = ("excl_vat", "incl_vat", "not_stated")
GROUPINGS = {
    "question": "dataset_id",
    "minister": "minister",
    "year": "CAST(year(period_start) AS VARCHAR)",
}
ROW_FIELDS = (
    "dataset_id", "parliament", "number", "session_year", "date_asked", "minister", "row_id", "kind",
    "kind_label_nl", "kind_label_en", "status", "vat_basis", "amount", "amount_text", "beneficiary",
    "period_start", "period_end", "period_text", "source_ref",
)  # fmt: skip


@dataclass(frozen=True)
class BasisSum:
    """The rows of one group on one VAT basis: how many, how many awarded, in procedure, in house,
    and their amounts added up (None when none of them has an amount)."""

    group: str | None
    vat_basis: str
    rows: int
    awarded: int
    in_procedure: int
    in_house: int
    amount: Decimal | None


@dataclass(frozen=True)
class QuestionSeen:
    dataset_id: str
    parliament: str
    number: int
    session_year: str
    date_asked: Any
    minister: str
    title: str
    rows: int


@dataclass(frozen=True)
class SupplierReport:
    """Every row of one supplier across the corpus, its totals and the names taken as it."""

    match: NameMatch
    taken_rows: dict[str, int]  # each name taken: its rows
    similar_rows: dict[str, int]  # each name that looks alike but was not taken: its rows
    totals: tuple[BasisSum, ...]  # the whole corpus, per VAT basis
    by: dict[str, tuple[BasisSum, ...]]  # per question, per minister, per year
    questions: tuple[QuestionSeen, ...]
    rows: tuple[dict[str, Any], ...]


def supplier(connection: duckdb.DuckDBPyConnection, names: list[str]) -> SupplierReport:
    """The rows of the supplier that ``names`` name (their keys; several names are taken together)."""
    counts = dict(
        connection.execute(
            "SELECT beneficiary, count(*) FROM answer_rows WHERE beneficiary IS NOT NULL GROUP BY beneficiary"
        ).fetchall()
    )
    match = match_names(names, counts)
    keys = list(match.keys)
    where = "beneficiary_key IN (SELECT unnest($keys))"
    params = {"keys": keys}
    totals = _sums(connection, None, where, params)
    by = {name: _sums(connection, sql, where, params) for name, sql in GROUPINGS.items()}
    found = connection.execute(
        "SELECT dataset_id, any_value(parliament), any_value(number), any_value(session_year), "
        "any_value(date_asked), any_value(minister), any_value(title), count(*) "
        f"FROM corpus_rows WHERE {where} GROUP BY dataset_id ORDER BY 5, 1",
        params,
    ).fetchall()
    rows = connection.execute(
        f"SELECT {', '.join(ROW_FIELDS)} FROM corpus_rows WHERE {where} ORDER BY date_asked, dataset_id, row_order",
        params,
    ).fetchall()
    return SupplierReport(
        match=match,
        taken_rows={name: counts[name] for name in match.taken},
        similar_rows={name: counts[name] for name in match.similar},
        totals=totals,
        by=by,
        questions=tuple(QuestionSeen(*line) for line in found),
        rows=tuple(dict(zip(ROW_FIELDS, line, strict=True)) for line in rows),
    )


def _sums(
    connection: duckdb.DuckDBPyConnection, group: str | None, where: str, params: dict[str, Any]
) -> tuple[BasisSum, ...]:
    key = group or "NULL"
    found = connection.execute(
        f"SELECT {key} AS grp, vat_basis, count(*), count(*) FILTER (status = 'awarded'), "
        "count(*) FILTER (status = 'in_procedure'), count(*) FILTER (status = 'in_house'), sum(amount) "
        f"FROM corpus_rows WHERE {where} GROUP BY grp, vat_basis",
        params,
    ).fetchall()
    sums = [
        BasisSum(group, basis, rows, awarded, in_procedure, in_house, None if amount is None else Decimal(amount))
        for group, basis, rows, awarded, in_procedure, in_house, amount in found
    ]
    order = {basis: index for index, basis in enumerate(VAT_ORDER)}
    return tuple(sorted(sums, key=lambda item: (item.group is None, item.group or "", order[item.vat_basis])))


def supplier_json(report: SupplierReport) -> dict[str, Any]:
    """The report for tools: amounts as strings with two decimals, dates ISO 8601."""

    def sums(items: tuple[BasisSum, ...], with_group: bool = True) -> list[dict[str, Any]]:
        out = []
        for item in items:
            entry: dict[str, Any] = {"group": item.group} if with_group else {}
            entry.update(
                vat_basis=item.vat_basis, rows=item.rows, awarded=item.awarded, in_procedure=item.in_procedure,
                in_house=item.in_house, amount=None if item.amount is None else f"{item.amount:.2f}",
            )  # fmt: skip
            out.append(entry)
        return out

    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value:.2f}"
        return value.isoformat() if hasattr(value, "isoformat") else value

    return {
        "asked": list(report.match.asked),
        "keys": list(report.match.keys),
        "names_taken": [{"name": name, "rows": rows} for name, rows in report.taken_rows.items()],
        "also_similar": [{"name": name, "rows": rows} for name, rows in report.similar_rows.items()],
        "totals": sums(report.totals, with_group=False),
        "per_question": sums(report.by["question"]),
        "per_minister": sums(report.by["minister"]),
        "per_year": sums(report.by["year"]),
        "questions": [{key: plain(value) for key, value in vars(seen).items()} for seen in report.questions],
        "rows": [{key: plain(value) for key, value in row.items()} for row in report.rows],
    }
