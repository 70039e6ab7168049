"""Figures the answer lists ('- 2015: 1.104.220,35 euro;') and the totals it states, checked against
the drafted rows.

A list item 'YEAR: AMOUNT' (or 'YEAR: COUNT WORDS') is a figure: its value read exactly, its unit,
its year. A table's 'Totaal' row, and a year's figure where a table's rows are of that year (their
periods, or the one year the sentence before the table names), are compared with the sum of the
rows' amounts; a difference, or an amount that could not be read, is listed: never corrected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sebrief.dataset.amounts import parse_quantity_text
from sebrief.draft.row_status import no_cost
from sebrief.draft.structure import Answer, ColumnRole, Gap, Passage, PassageKind, Table, TableRow
from sebrief.draft.table_rows import TOTAL_RE
from sebrief.draft.values import AMOUNT_PATTERN, VAT_RE, find_vat, normalise_space, parse_amount
from sebrief.errors import Message

STATED_TOTAL = Message("stated total")

_FIGURE_RE = re.compile(
    r"^(?P<period>(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)\s*:\s*(?P<value>.*?\d.*?)\s*[;.,]?\s*(?:en|of)?\s*$"
)
_CURRENCY_RE = re.compile(r"(?i)€|\beur(?:o|os)?\b")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_LEADING_AMOUNT_RE = re.compile(rf"\s*:?\s*({AMOUNT_PATTERN})(?![\d.,])", re.IGNORECASE)


@dataclass(frozen=True)
class DraftedFigure:
    text: str  # the value as written ('1.104.220,35 euro')
    value: Decimal
    unit: str  # 'eur' or 'count'
    period_text: str  # '2015'
    start: dt.date
    end: dt.date
    line: int
    vat_text: str | None = None


def read_figure(passage: Passage) -> DraftedFigure | None:
    """The figure a list item gives ('2015: 1.104.220,35 euro;'), if it is one."""
    if passage.kind is not PassageKind.ITEM:
        return None
    match = _FIGURE_RE.match(passage.text)
    if not match:
        return None
    value_text = match.group("value")
    years = [int(y) for y in re.findall(r"\d{4}", match.group("period"))]
    if years[0] > years[-1]:
        return None
    start, end = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    _, vat_text = find_vat(value_text)
    bare = normalise_space(VAT_RE.sub(" ", value_text)) if vat_text else value_text
    if _CURRENCY_RE.search(bare):
        amount = parse_amount(bare)
        if amount is None:
            return None
        return DraftedFigure(bare, amount, "eur", match.group("period"), start, end, passage.first_line, vat_text)
    count = parse_quantity_text(bare)
    if count is None or count != count.to_integral() or not re.fullmatch(r"[\d.]+\s+[^\W\d][\w' -]*", bare):
        return None
    return DraftedFigure(bare, count, "count", match.group("period"), start, end, passage.first_line)


def _money(value: Decimal) -> str:
    text = f"{value:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".") + " euro"


def check_totals(answer: Answer) -> list[Gap]:
    """What the stated totals and the year figures say that the drafted rows do not add up to."""
    gaps: list[Gap] = []
    tables = answer.tables
    for n, table in enumerate(tables, start=1):
        for total in table.totals:
            where = Message("table {table}, line {line}", table=n, line=total.line)
            if total.amount is None:
                gaps.append(Gap(STATED_TOTAL, where, _unread_total(total.text)))
                continue
            _compare(gaps, table.rows, total.amount, where, _the_total(total.text), _rows_of_table(n))
    _check_total_lines(answer, gaps)
    figures = [(f, p) for p in answer.passages if (f := read_figure(p)) is not None and f.unit == "eur"]
    for figure, _ in figures:
        for n, table in enumerate(tables, start=1):
            rows = _rows_of_year(answer, table, figure)
            if rows is None:
                continue
            where = Message("line {line}, table {table}", line=figure.line, table=n)
            whose = Message("the rows of table {table} of {period}", table=n, period=figure.period_text)
            _compare(gaps, rows, figure.value, where, f"{figure.period_text}: {figure.text}", whose)
    return gaps


def _check_total_lines(answer: Answer, gaps: list[Gap]) -> None:
    """A line 'Totaal: 1.400.618,00 euro' below a table of its part, compared with that table's rows."""
    tables = answer.tables
    for part in answer.parts:
        for passage in part.passages:
            match = TOTAL_RE.match(passage.text)
            above = [t for t in part.tables if t.last_line < passage.first_line]
            if not match or not above:
                continue
            rest = passage.text[match.end() :]
            written = _LEADING_AMOUNT_RE.match(rest)
            text = normalise_space(written.group(1) if written else rest).strip(" :;.")
            text = text if len(text) <= 40 else text[:39] + "…"
            amount = parse_amount(text) if written else None
            n = next(i for i, t in enumerate(tables, start=1) if t is above[-1])
            where = Message("line {line}, table {table}", line=passage.first_line, table=n)
            if amount is None:
                if written or re.search(r"\d", text):
                    gaps.append(Gap(STATED_TOTAL, where, _unread_total(text)))
                continue
            _compare(gaps, above[-1].rows, amount, where, _the_total(text), _rows_of_table(n))


def _unread_total(text: str) -> Message:
    return Message("cannot read the total '{text}' in full; the rows are not checked against it", text=text)


def _the_total(text: str) -> Message:
    return Message("the total '{text}'", text=text)


def _rows_of_table(n: int) -> Message:
    return Message("the rows of table {table}", table=n)


def _compare(
    gaps: list[Gap], rows: Sequence[TableRow], stated: Decimal, where: Message, what: Message | str, whose: Message
) -> None:
    unread = [row.index for row in rows if row.amount is None and row.status_text is None
              and not no_cost(row.amount_text)]  # fmt: skip
    if unread:
        listed = ", ".join(str(i) for i in unread)
        hint = Message.plural(
            "{what} cannot be checked: the amount of row {rows} could not be read; fill it in and compare",
            "{what} cannot be checked: the amounts of rows {rows} could not be read; fill them in and compare",
            len(unread),
            what=what,
            rows=listed,
        )
        gaps.append(Gap(STATED_TOTAL, where, hint))
        return
    total = sum((row.amount for row in rows if row.amount is not None), Decimal(0))
    if total != stated:
        hint = Message(
            "{whose} add up to {sum}, the answer states {what} (a difference of {difference}): check the rows' "
            "amounts against the document",
            whose=whose,
            sum=_money(total),
            what=what,
            difference=_money(stated - total),
        )
        gaps.append(Gap(STATED_TOTAL, where, hint))


def _rows_of_year(answer: Answer, table: Table, figure: DraftedFigure) -> Sequence[TableRow] | None:
    """The rows of ``table`` that fall in the figure's period, None when the table says nothing of it."""
    if any(column.role is ColumnRole.PERIOD for column in table.columns):
        dated = [(row, row.period) for row in table.rows if row.period is not None]
        inside = [row for row, period in dated if figure.start <= period.start and period.end <= figure.end]
        if not inside or len(dated) < len(table.rows):
            return None
        return inside
    lead = _lead_of(answer, table)
    years = set(_YEAR_RE.findall(lead)) if lead else set()
    if len(years) == 1 and figure.start.year == figure.end.year == int(years.pop()):
        return table.rows
    return None


def _lead_of(answer: Answer, table: Table) -> str | None:
    before = [p for p in answer.passages if p.last_line < table.first_line]
    return before[-1].text if before and before[-1].text.rstrip().endswith(":") else None
