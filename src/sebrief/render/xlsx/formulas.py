"""The formulas of the totals: rows picked by exact comparison, amounts summed per money column.

Every total is a SUMPRODUCT over a table's columns (defined names such as ``Rows_T_1_amount``)
that picks rows with EXACT (see ``matching``), so it stays right when a reader sorts or filters
the table. A total of one money column (one kind on one VAT basis, as the analysis makes it) sums
the amounts as given for a column incl. VAT or without a VAT statement, and the amounts excl. VAT
(converted where the row is incl. VAT) for a column excl. VAT: never amounts of two bases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sebrief.engine.brief import MoneyColumn

MAX_LITERAL = 255  # characters in one string literal of a formula


@dataclass(frozen=True)
class TableNames:
    """The defined names of one table's columns: ``<table>_<column>``."""

    table: str  # the Excel table's name, e.g. "Rows_T_ROWS"
    groupings: tuple[tuple[str, str], ...]  # (grouping id, the defined name of its column)

    def column(self, key: str) -> str:
        return f"{self.table}_{key}"

    @property
    def id(self) -> str:
        return self.column("id")

    @property
    def kind(self) -> str:
        return self.column("kind")

    @property
    def status(self) -> str:
        return self.column("status")

    @property
    def state(self) -> str:
        return self.column("state")

    @property
    def beneficiary(self) -> str:
        return self.column("beneficiary")

    @property
    def amount(self) -> str:
        return self.column("amount")

    @property
    def vat(self) -> str:
        return self.column("vat")

    @property
    def excl(self) -> str:
        return self.column("excl")

    @property
    def shown(self) -> str:
        return self.column("shown")

    def grouping(self, grouping_id: str) -> str | None:
        return next((name for gid, name in self.groupings if gid == grouping_id), None)


def literal(text: str) -> str:
    """``text`` as a string in a formula: quotes doubled, and cut into pieces joined with '&'
    where it is longer than a formula's string may be."""
    text = str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", text))
    pieces = [text[start : start + MAX_LITERAL] for start in range(0, len(text), MAX_LITERAL)] or [""]
    return "&".join('"' + piece.replace('"', '""') + '"' for piece in pieces)


def matching(column: str, value: str) -> str:
    """1 for each table row whose ``column`` holds exactly the text ``value`` (a cell or a literal), else 0.

    EXACT takes a name as it is written, case included, as the analysis groups them. COUNTIFS and
    SUMIFS would not: they read '*', '?' and '~' in it as wildcards, a leading '=', '<' or '>' as a
    comparison, and ignore case ("Pantarein*" would also count "Pantarein"). Excel and LibreOffice
    both evaluate EXACT over a whole column inside SUMPRODUCT.
    """
    return f"--EXACT({column},{value})"


def listing(column: str, value: str) -> str:
    """1 for each row whose ``column`` lists ``value`` as one of its lines (a grouping with several
    values per row writes one per line), else 0. FIND compares exactly, without wildcards."""
    return f"--ISNUMBER(FIND(CHAR(10)&{value}&CHAR(10),CHAR(10)&{column}&CHAR(10)))"


def blank(column: str) -> str:
    """1 for each row whose ``column`` is empty."""
    return f"--(LEN({column})=0)"


def numeric(column: str) -> str:
    """1 for each row whose ``column`` holds a number (an amount that is given)."""
    return f"--ISNUMBER({column})"


def count_rows(*conditions: str) -> str:
    """The number of table rows that meet every condition."""
    return f"SUMPRODUCT({','.join(conditions)})"


def sum_amounts(amounts: str, *conditions: str) -> str:
    """The sum of ``amounts`` of the table rows that meet every condition (an empty amount counts as 0)."""
    return f"SUMPRODUCT({','.join([*conditions, amounts])})"


def added(terms: Iterable[str]) -> str:
    """Terms added up (one per table), or 0 when there is none."""
    return "+".join(terms) or "0"


def money_terms(names: TableNames, column: MoneyColumn, kind_label: str) -> tuple[tuple[str, ...], str]:
    """The conditions that pick a money column's rows in one table, and the amounts to sum for it."""
    of_kind = matching(names.kind, literal(kind_label))
    if column.vat_basis.code == "excl_vat":
        return (of_kind,), names.excl
    return (of_kind, matching(names.vat, literal(column.vat_basis.label))), names.amount
