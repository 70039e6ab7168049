"""The corpus' answers as tables for the terminal, in the language of a ``Translator``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sebrief.corpus.queries import BasisSum, SupplierReport
from sebrief.engine.vocabulary import VOCABULARY
from sebrief.i18n import Translator

MAX_CELL = 60


def table(header: Sequence[str], lines: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Columns padded to their widest cell (numbers, ``right``, aligned right), a rule under the header."""
    cells = [[_cut(cell) for cell in line] for line in [header, *lines]]
    widths = [max(len(line[index]) for line in cells) for index in range(len(header))]

    def layout(line: list[str]) -> str:
        padded = [
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        return "  " + "  ".join(padded).rstrip()

    return [layout(cells[0]), "  " + "  ".join("-" * width for width in widths), *(layout(line) for line in cells[1:])]


def _cut(cell: str) -> str:
    return cell if len(cell) <= MAX_CELL else cell[: MAX_CELL - 1] + "…"


def money(t: Translator, amount: Decimal | None) -> str:
    return "" if amount is None else t.money(amount)


def vat(t: Translator, basis: str) -> str:
    return t(VOCABULARY["vat_basis"][basis])


def supplier_text(report: SupplierReport, t: Translator) -> str:
    """The supplier's names, totals per VAT basis, per question, minister and year, and every row."""
    match = report.match
    lines = [t("Supplier: {names}", names=" + ".join(match.asked))]
    if not report.taken_rows:
        lines.append(
            t("No row of the corpus has this name (compared without case, accents, punctuation and legal form).")
        )
    else:
        lines += ["", t("Names taken as this supplier (compared without case, accents, punctuation and legal form):")]
        lines += table([t("name"), t("rows")], [[name, str(rows)] for name, rows in report.taken_rows.items()], [1])
    if report.similar_rows:
        lines += ["", t("Also similar, NOT taken (name them too to count them with it):")]
        lines += table([t("name"), t("rows")], [[name, str(rows)] for name, rows in report.similar_rows.items()], [1])
    if not report.rows:
        return "\n".join(lines) + "\n"
    lines += ["", t("Totals per VAT basis (never added across bases)")]
    lines += _sums_table(report.totals, None, t)
    labels = {seen.dataset_id: _question(seen.number, seen.session_year, t) for seen in report.questions}
    for name, heading in (("question", t("Per question")), ("minister", t("Per minister")), ("year", t("Per year"))):
        named = labels if name == "question" else {}
        lines += ["", heading]
        lines += _sums_table(
            report.by[name], named, t, {"question": t("question"), "minister": t("minister")}.get(name, t("year"))
        )
    lines += ["", t("Questions where it appears")]
    lines += table(
        [t("question"), t("parliament"), t("asked"), t("minister"), t("rows"), t("title")],
        [
            [
                labels[seen.dataset_id],
                seen.parliament,
                t.date(seen.date_asked),
                seen.minister,
                str(seen.rows),
                seen.title,
            ]
            for seen in report.questions
        ],
        [4],
    )
    lines += ["", t("Rows")]
    lines += table(
        [
            t("question"),
            t("row"),
            t("kind"),
            t("status"),
            t("VAT basis"),
            t("amount"),
            t("beneficiary"),
            t("period"),
            t("source"),
        ],
        [_row(row, labels, t) for row in report.rows],
        [5],
    )
    return "\n".join(lines) + "\n"


def _question(number: int, session_year: str, t: Translator) -> str:
    return t("nr. {number} ({session})", number=number, session=session_year)


def _sums_table(
    sums: tuple[BasisSum, ...], labels: dict[str, str] | None, t: Translator, column: str = ""
) -> list[str]:
    head = [t("VAT basis"), t("rows"), t("awarded"), t("in procedure"), t("in house"), t("amount")]
    lines = []
    for item in sums:
        first = [] if labels is None else [labels.get(item.group or "", item.group or t("no period"))]
        lines.append([
            *first, vat(t, item.vat_basis), str(item.rows), str(item.awarded), str(item.in_procedure),
            str(item.in_house), money(t, item.amount),
        ])  # fmt: skip
    offset = 0 if labels is None else 1
    return table([column] * offset + head, lines, [offset + index for index in range(1, 6)])


def _row(row: dict[str, Any], labels: dict[str, str], t: Translator) -> list[str]:
    kind = row["kind_label_nl"] if t.lang == "nl" else row["kind_label_en"]
    status = t(VOCABULARY["status"][row["status"]])
    return [
        labels.get(row["dataset_id"], row["dataset_id"]), row["row_id"], kind or row["kind"], status,
        vat(t, row["vat_basis"]), money(t, row["amount"]), row["beneficiary"] or "", row["period_text"] or "",
        row["source_ref"],
    ]  # fmt: skip


def result_text(columns: Sequence[str], lines: Sequence[Sequence[Any]]) -> str:
    """The result of a query as a table: values as SQL gives them (amounts with a dot), NULL empty."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    numeric = [
        index for index in range(len(columns))
        if lines and all(isinstance(line[index], (int, float, Decimal)) or line[index] is None for line in lines)
    ]  # fmt: skip
    return "\n".join(table(list(columns), [[cell(value) for value in line] for line in lines], numeric)) + "\n"
