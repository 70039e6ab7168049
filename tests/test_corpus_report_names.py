"""The corpus report's workbook with ministers whose names COUNTIFS/SUMIFS would read as criteria.

The report of tests/test_corpus_report.py, its rows given other ministers: wildcards (``*``, ``?``,
``~``), a leading comparison (``<``, ``=``), a double quote, and two names that differ only in case.
As a criterion, "Jan * Peeters" would also pick "Jan X Peeters", "A?B" would pick "AxB" and "axb",
"<Stichting>" every name sorted before "Stichting>", "=Jan" only "Jan" and "~" the character after
it. LibreOffice, made to recalculate every formula, must come to the report's own figures.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("duckdb")

from sebrief.corpus.report import CorpusReport, _ordered, totals
from sebrief.corpus.report_signals import shares
from sebrief.render.corpus.workbook import render_workbook
from tests.test_corpus_report import TIMESTAMP, _expected_totals, _totals_lines, datasets, db, report

__all__ = ["datasets", "db", "report"]  # fixtures this module uses

# The ministers of the report's rows, in their order (three of nr. 319 and 320, four of nr. 907),
# then two more rows: copies of the first studies row.
MINISTERS = ("Jan * Peeters", "Jan X Peeters", "<Stichting>", "A?B", "AxB", "=Jan", 'Marie "Mia" ~Verzonnen')
EXTRA = ("axb", "Jan")


def odd_report(report: CorpusReport) -> CorpusReport:
    """``report`` with the rows' ministers above, its totals and shares made again from its rows."""
    assert len(report.rows) == len(MINISTERS)
    rows = [dataclasses.replace(row, minister=name) for row, name in zip(report.rows, MINISTERS, strict=True)]
    studies = report.rows[3]
    rows += [dataclasses.replace(studies, row_id=f"X{index}", minister=name) for index, name in enumerate(EXTRA)]
    corpus: dict[tuple[str, str], tuple[Decimal, int, set[str]]] = {}  # each minister's total: twice the supplier's
    for row in rows:
        if row.amount is not None:
            amount, count, ids = corpus.get((row.minister, row.vat_basis), (Decimal("0.00"), 0, set()))
            corpus[(row.minister, row.vat_basis)] = (amount + 2 * row.amount, count + 2, ids | {row.dataset_id})
    minister_totals = [(minister, basis, amount, count, sorted(ids))
                       for (minister, basis), (amount, count, ids) in corpus.items()]  # fmt: skip
    return dataclasses.replace(
        report,
        rows=tuple(rows),
        totals=totals(rows, lambda row: None),
        by={
            "question": _ordered(totals(rows, lambda row: row.dataset_id), [q.dataset_id for q in report.questions]),
            "minister": totals(rows, lambda row: row.minister),
            "year": totals(rows, lambda row: row.year),
        },
        shares=shares(rows, minister_totals),
    )


def test_the_odd_report_groups_each_name_apart(report: CorpusReport) -> None:
    odd = odd_report(report)
    per_minister = {(total.group, total.vat_basis): total.rows for total in odd.by["minister"]}
    assert per_minister == {**{(name, "excl_vat"): 1 for name in MINISTERS[:3]},
                            **{(name, "incl_vat"): 1 for name in MINISTERS[3:] + EXTRA}}  # fmt: skip
    assert len(odd.shares) == len(MINISTERS) + len(EXTRA)


@pytest.mark.slow
def test_libreoffice_recalculates_odd_names_to_the_reports_figures(report: CorpusReport, tmp_path: Path) -> None:
    from tests.recalc import recalculated_all, with_wrong_cached_values

    odd = odd_report(report)
    data = render_workbook(odd, "nl", TIMESTAMP)
    wrong, changed = with_wrong_cached_values(data)
    assert changed > 0
    books = recalculated_all({"right": data, "wrong": wrong}, tmp_path)
    expected = _expected_totals(odd)
    ministers = set(MINISTERS + EXTRA)
    for name in ("right", "wrong"):
        sheet = [[int(cell) if cell.isdigit() else cell for cell in line] for line in books[name]["Totalen"]]
        assert _totals_lines(sheet) == expected, name
        found = {(line[0], line[1]): Decimal(line[2]) for line in books[name]["Aandachtspunten"]
                 if line[0] in ministers and line[1] in {"excl. btw", "incl. btw"}}  # fmt: skip
        basis = {"excl_vat": "excl. btw", "incl_vat": "incl. btw"}
        assert found == {(share.minister, basis[share.vat_basis]): share.amount for share in odd.shares}, name
