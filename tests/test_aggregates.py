"""The aggregates of long tables, and the workbook's thresholds as data, in ``layout.yaml``, like the brief's.

Every figure here is worked out by hand from the fictional studies dataset
(tests/fixtures/datasets/fictional-studies-2021-2023: policy.csv and evaluation.csv, every amount incl.
VAT) and from a variant of it in which evaluation B01 (60.500,00) is excl. VAT, so that the evaluation
studies mix both bases and are counted excl. VAT, the others converted at 21 % (18.150,00 incl. VAT is
15.000,00 excl. VAT). Small layout rules make the 15 rows of the dataset a "long" table.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset, VatBasis
from sebrief.engine.analyse import analyse
from sebrief.engine.brief import Brief
from sebrief.reference import LayoutRules, layout_rules
from sebrief.render.xlsx import render_workbook

ROOT = Path(__file__).resolve().parents[1]
STUDIES = ROOT / "tests" / "fixtures" / "datasets" / "fictional-studies-2021-2023"
TIMESTAMP = dt.datetime(2024, 2, 14, tzinfo=dt.UTC)
D = Decimal
# The 15 rows of the studies dataset laid out as a long table: beneficiaries and groups beyond the
# largest 2 (brief), 3 (sheet) and 1 (chart) added up, counts per month above 10 rows.
SMALL = layout_rules().model_copy(
    update={"detailed_rows": 3, "listed_rows": 5, "top_n": 2, "group_lines": 3, "chart_groups": 1, "grid_rows": 10}
)


@pytest.fixture(scope="module")
def studies() -> Dataset:
    return load_dataset(STUDIES)


@pytest.fixture(scope="module")
def brief(studies: Dataset) -> Brief:
    return analyse(studies, "nl")


@pytest.fixture(scope="module")
def mixed(studies: Dataset) -> Brief:
    """Evaluation B01 excl. VAT: the evaluation studies are counted excl. VAT, the other seven converted."""
    rows = tuple(row.model_copy(update={"vat_basis": VatBasis.EXCL_VAT}) if row.id == "B01" else row
                 for row in studies.rows)  # fmt: skip
    return analyse(studies.model_copy(update={"rows": rows}), "nl")


# --- groups of rows ----------------------------------------------------------------------------


def test_a_groups_amounts_in_a_kind_that_mixes_bases_are_converted_as_in_the_kinds_total(mixed: Brief) -> None:
    """A beneficiary whose evaluation studies are all incl. VAT still has them in the column excl. VAT."""
    totals = mixed.totals
    assert totals is not None
    evaluation = {group.label: group.amounts[1] for group in totals.per_beneficiary}
    assert evaluation == {
        "Onderzoeksgroep Droomland": D("120000.00"),  # B07 145.200 incl.
        "Fictief Advies bv": D("80000.00"),  # B06 96.800 incl.
        "Studiebureau Verzinsel": D("59450.00"),  # B04 35.695 + B05 36.239,50 incl.
        "Kenniscentrum Denkbeeld vzw": D("60500.00"),  # B01, excl. VAT as given
        "Adviesbureau Nergenshuizen": D("39000.00"),  # B02 18.150 + B08 29.040 incl.
        "Bureau Luchtkasteel": D("8000.00"),  # B03 9.680 incl.
    }
    assert sum(evaluation.values()) == totals.beneficiary_total.amounts[1] == D("366950.00")
    years = next(g for g in totals.per_grouping if g.grouping.code == "year")
    assert {g.key: g.amounts[1] for g in years.groups} == {"2021": D("83500.00"), "2022": D("139450.00"),
                                                          "2023": D("144000.00")}  # fmt: skip


# --- the thresholds are data ---------------------------------------------------------------------


def test_the_workbooks_thresholds_are_in_the_layout_data() -> None:
    text = (ROOT / "data" / "reference" / "layout.yaml").read_text(encoding="utf-8")
    rules = layout_rules()
    for name in ("grid_rows", "group_lines", "chart_groups"):
        assert f"\n{name}: {getattr(rules, name)}\n" in text
    assert (rules.grid_rows, rules.group_lines, rules.chart_groups) == (1000, 25, 10)
    with pytest.raises(ValueError, match="chart_groups"):
        LayoutRules.model_validate({**rules.model_dump(), "group_lines": 5, "chart_groups": 6})


# --- the workbook lays out long tables by them --------------------------------------------------


@pytest.fixture(scope="module")
def workbook(brief: Brief) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_workbook(brief, timestamp=TIMESTAMP, rules=SMALL)), data_only=True)


def amount(value: object) -> Decimal:
    return D(str(value)).quantize(D("0.01"))


def line(ws: Worksheet, label: str) -> list[object]:
    """The values right of the first cell that reads ``label``."""
    found = next(c for row in ws.iter_rows() for c in row if c.value == label)
    return [ws.cell(found.row, col).value for col in range(found.column + 1, found.column + 5)]


def test_a_group_sheet_lists_the_largest_by_the_rules_and_adds_up_the_others(
    workbook: openpyxl.Workbook,
) -> None:
    ws = workbook["Per begunstigde"]
    assert "De 3 groepen met de grootste bedragen" in ws.cell(2, 1).value and "de andere 3" in ws.cell(2, 1).value
    labels = [ws.cell(r, 1).value for r in range(5, 10)]
    assert labels == ["Onderzoeksgroep Droomland", "Fictief Advies bv", "Studiebureau Verzinsel", "Andere (3)",
                      "Totaal"]  # fmt: skip
    rows, awarded, policy, evaluation = line(ws, "Andere (3)")
    assert (rows, awarded, amount(policy), amount(evaluation)) == (6, 6, D("72600.00"), D("117370.00"))
    # The chart: the largest one, and the five others in one bar.
    policy, evaluation = line(ws, "Andere (5)")[:2]
    assert (amount(policy), amount(evaluation)) == (D("217195.00"), D("286104.50"))


def test_the_timeline_counts_per_month_above_the_rules_grid_rows_and_says_so(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Tijdlijn"]
    assert "15 rijen" in ws.cell(2, 1).value and "het rooster wordt gemaakt tot 10 rijen" in ws.cell(2, 1).value
    header = [ws.cell(5, col).value for col in range(1, 8)]
    assert header[1] == "Beleidsvoorbereidende studie: begint in de maand"
    assert header[4] == "Evaluatiestudie: begint in de maand"
    months = {ws.cell(r, 1).value.date(): r for r in range(6, 66)}
    october = months[dt.date(2021, 10, 1)]
    assert [ws.cell(october, col).value for col in range(2, 8)] == [0, 0, 0, 1, 0, 2]  # B03 starts; B02, B03 run
    june = months[dt.date(2022, 6, 1)]
    assert [ws.cell(june, col).value for col in range(2, 8)] == [0, 0, 3, 1, 0, 3]
