"""The aggregates of long tables are the analysis' own: per year of start, per month, the largest groups
and the others added up; the renderers only lay them out, at the thresholds of ``layout.yaml``.

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

from sebrief.dataset.model import Dataset, VatBasis
from sebrief.engine.analyse import analyse
from sebrief.engine.brief import Brief, GroupTotal, KindTotal, TableView
from sebrief.i18n import Translator
from sebrief.reference import LayoutRules, layout_rules
from sebrief.render.pdf.labels import labels as brief_labels
from sebrief.render.pdf.tables import table_layout
from sebrief.render.xlsx import render_workbook

ROOT = Path(__file__).resolve().parents[1]
TIMESTAMP = dt.datetime(2024, 2, 14, tzinfo=dt.UTC)
D = Decimal
# The 15 rows of the studies dataset laid out as a long table: beneficiaries and groups beyond the
# largest 2 (brief), 3 (sheet) and 1 (chart) added up, counts per month above 10 rows.
SMALL = layout_rules().model_copy(
    update={"detailed_rows": 3, "listed_rows": 5, "top_n": 2, "group_lines": 3, "chart_groups": 1, "grid_rows": 10}
)


@pytest.fixture(scope="module")
def brief(studies: Dataset) -> Brief:
    return analyse(studies, "nl", layout=SMALL)


@pytest.fixture(scope="module")
def mixed(studies: Dataset) -> Brief:
    """Evaluation B01 excl. VAT: the evaluation studies are counted excl. VAT, the other seven converted."""
    rows = tuple(row.model_copy(update={"vat_basis": VatBasis.EXCL_VAT}) if row.id == "B01" else row
                 for row in studies.rows)  # fmt: skip
    return analyse(studies.model_copy(update={"rows": rows}), "nl", layout=SMALL)


def figures(group: GroupTotal) -> tuple[str, int, int, tuple[Decimal, ...], Decimal | None]:
    return group.key, group.rows, group.awards, group.amounts, group.procurement_share


# --- per year of start ---------------------------------------------------------------------


def test_per_year_counts_every_row_once_in_its_money_column(brief: Brief) -> None:
    totals = brief.totals
    assert totals is not None
    assert [c.key for c in totals.columns] == ["study_policy:incl_vat", "study_evaluation:incl_vat"]
    # 2021: A01 72.600 + A02 24.200 | B01 60.500 + B02 18.150 + B03 9.680
    # 2022: A03 35.937 + A04 36.058 + A05 48.400 | B04 35.695 + B05 36.239,50 + B06 96.800
    # 2023: A06 1.200.000 | B07 145.200 + B08 29.040; A07 is in procedure, without a period or amount.
    assert [figures(year) for year in totals.per_year] == [
        ("2021", 5, 5, (D("96800.00"), D("88330.00")), None),
        ("2022", 6, 6, (D("120395.00"), D("168734.50")), None),
        ("2023", 3, 3, (D("1200000.00"), D("174240.00")), None),
        ("", 1, 0, (D("0.00"), D("0.00")), None),
    ]
    assert [year.label for year in totals.per_year] == ["2021", "2022", "2023", "(niet vermeld)"]
    assert figures(totals.year_total) == ("total", 15, 14, (D("1417195.00"), D("431304.50")), None)
    assert totals.year_total.label == "Totaal"
    # Each table has its own: the policy studies.
    policy = next(b for b in brief.blocks if isinstance(b, TableView) and b.id == "T-POLICY").totals
    assert [(y.key, y.rows, y.amounts) for y in policy.per_year] == [
        ("2021", 2, (D("96800.00"),)), ("2022", 3, (D("120395.00"),)), ("2023", 1, (D("1200000.00"),)),
        ("", 1, (D("0.00"),)),
    ]  # fmt: skip


def test_per_year_converts_the_amounts_incl_vat_of_a_kind_that_mixes_bases(mixed: Brief) -> None:
    totals = mixed.totals
    assert totals is not None
    assert [c.key for c in totals.columns] == ["study_policy:incl_vat", "study_evaluation:excl_vat"]
    # excl. VAT: 2021 B01 60.500 + B02 15.000 + B03 8.000; 2022 B04 29.500 + B05 29.950 + B06 80.000;
    # 2023 B07 120.000 + B08 24.000. The procurement value excl. VAT is 366.950,00, of which the shares.
    assert [figures(year) for year in totals.per_year] == [
        ("2021", 5, 5, (D("96800.00"), D("83500.00")), D("0.2276")),
        ("2022", 6, 6, (D("120395.00"), D("139450.00")), D("0.3800")),
        ("2023", 3, 3, (D("1200000.00"), D("144000.00")), D("0.3924")),
        ("", 1, 0, (D("0.00"), D("0.00")), D("0.0000")),
    ]
    assert figures(totals.year_total) == ("total", 15, 14, (D("1417195.00"), D("366950.00")), D("1.0000"))
    assert totals.year_total.procurement_excl_vat == D("366950.00")


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


# --- the largest groups and the others ---------------------------------------------------------


def test_the_beneficiaries_after_the_largest_are_added_up_for_each_number_the_layout_lists(brief: Brief) -> None:
    totals = brief.totals
    assert totals is not None
    # Ranked by their amounts: Droomland 1.345.200, Fictief Advies 169.400, Verzinsel 143.929,50,
    # Denkbeeld 108.900, Nergenshuizen 47.190, Luchtkasteel 33.880.
    assert [g.label for g in totals.per_beneficiary][:3] == ["Onderzoeksgroep Droomland", "Fictief Advies bv",
                                                             "Studiebureau Verzinsel"]  # fmt: skip
    lines = {line.listed: line for line in totals.beneficiary_others}
    assert sorted(lines) == [1, 2, 3]  # SMALL's chart_groups, top_n and group_lines
    after_one, after_two, after_three = lines[1], lines[2], lines[3]
    assert (after_one.count, figures(after_one.total)) == (5, ("others", 12, 12, (D("217195.00"), D("286104.50")),
                                                               None))  # fmt: skip
    assert (after_two.count, figures(after_two.total)) == (4, ("others", 10, 10, (D("144595.00"), D("189304.50")),
                                                               None))  # fmt: skip
    assert (after_three.count, figures(after_three.total)) == (3, ("others", 6, 6, (D("72600.00"), D("117370.00")),
                                                                   None))  # fmt: skip
    assert after_two.total.label == "Andere (4)"
    assert totals.other_beneficiaries(2) is after_two
    assert totals.other_beneficiaries(6) is None  # no more than six
    with pytest.raises(LookupError):
        totals.other_beneficiaries(4)  # a number the brief was not analysed for


def test_the_others_have_their_share_of_the_procurement_value(mixed: Brief) -> None:
    totals = mixed.totals
    assert totals is not None
    others = totals.other_beneficiaries(2)
    assert others is not None
    # Verzinsel 59.450 + Denkbeeld 60.500 + Nergenshuizen 39.000 + Luchtkasteel 8.000 of 366.950,00 excl. VAT
    assert (others.total.procurement_excl_vat, others.total.procurement_share) == (D("166950.00"), D("0.4550"))


def test_groups_of_a_grouping_are_added_up_unless_they_overlap(brief: Brief) -> None:
    totals = brief.totals
    assert totals is not None
    (years,) = totals.per_grouping
    assert [g.key for g in years.groups] == ["2023", "2022", "2021"]  # the largest first; A07 stands in 2023
    others = years.others_after(1)
    assert others is not None and others.count == 2
    assert figures(others.total) == ("others", 11, 11, (D("217195.00"), D("257064.50")), None)
    assert years.others_after(3) is None
    overlapping = type(years)(years.grouping, True, years.groups, years.total, years.note, (), years.by_size)
    assert overlapping.others_after(1) is None  # rows in several groups cannot be added up


# --- per month ---------------------------------------------------------------------------------


def month_lines(kind: KindTotal, year: int) -> list[tuple[int, int, int]]:
    return [(m.starts, m.ends, m.running) for m in kind.per_month if m.month.year == year]


def test_rows_are_counted_per_month_of_the_timeline_by_kind(brief: Brief) -> None:
    totals, timeline = brief.totals, brief.timeline
    assert totals is not None and timeline is not None
    policy, evaluation = totals.per_kind
    for kind in (policy, evaluation):
        assert [m.month for m in kind.per_month] == list(timeline.months)
    assert (timeline.months[0], timeline.months[-1]) == (dt.date(2021, 1, 1), dt.date(2025, 12, 1))  # B01, A06
    # (starts, ends, running) per month of 2021. Policy: A01 Feb-Sep, A02 1 Apr-30 Jun.
    assert month_lines(policy, 2021) == [
        (0, 0, 0), (1, 0, 1), (0, 0, 1), (1, 0, 2), (0, 0, 2), (0, 1, 2),
        (0, 0, 1), (0, 0, 1), (0, 1, 1), (0, 0, 0), (0, 0, 0), (0, 0, 0),
    ]  # fmt: skip
    # Evaluation: B01 Jan-Jun, B02 1 Sep-15 Dec, B03 Oct-Nov.
    assert month_lines(evaluation, 2021) == [
        (1, 0, 1), (0, 0, 1), (0, 0, 1), (0, 0, 1), (0, 0, 1), (0, 1, 1),
        (0, 0, 0), (0, 0, 0), (1, 0, 1), (1, 0, 2), (0, 1, 2), (0, 1, 1),
    ]  # fmt: skip
    # 2022: policy A03 Mar-Sep, A04 Apr-Oct, A05 May-Jul; evaluation B04 Mar-Aug, B05 Apr-Sep, B06 Jun-Dec.
    assert [m.running for m in policy.per_month if m.month.year == 2022] == [0, 0, 1, 2, 3, 3, 3, 2, 2, 1, 0, 0]
    assert [m.running for m in evaluation.per_month if m.month.year == 2022] == [0, 0, 1, 2, 2, 3, 3, 3, 2, 1, 1, 1]
    # Only A06 runs after 2023, to the end of 2025; A07 (in procedure) has no period and is not counted.
    assert {m.running for m in policy.per_month if m.month.year >= 2024} == {1}
    assert sum(m.starts for m in policy.per_month) == sum(m.ends for m in policy.per_month) == 6
    assert sum(m.starts for m in evaluation.per_month) == 8


# --- the thresholds are data ---------------------------------------------------------------------


def test_the_workbooks_thresholds_are_in_the_layout_data() -> None:
    text = (ROOT / "data" / "reference" / "layout.yaml").read_text(encoding="utf-8")
    rules = layout_rules()
    for name in ("grid_rows", "group_lines", "chart_groups"):
        assert f"\n{name}: {getattr(rules, name)}\n" in text
    assert (rules.grid_rows, rules.group_lines, rules.chart_groups) == (1000, 25, 10)
    with pytest.raises(ValueError, match="chart_groups"):
        LayoutRules.model_validate({**rules.model_dump(), "group_lines": 5, "chart_groups": 6})


# --- the renderers lay out the analysis' figures --------------------------------------------------


@pytest.fixture(scope="module")
def workbook(brief: Brief) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_workbook(brief, timestamp=TIMESTAMP, rules=SMALL)), data_only=True)


def amount(value: object) -> Decimal:
    return D(str(value)).quantize(D("0.01"))


def line(ws: Worksheet, label: str) -> list[object]:
    """The values right of the first cell that reads ``label``."""
    found = next(c for row in ws.iter_rows() for c in row if c.value == label)
    return [ws.cell(found.row, col).value for col in range(found.column + 1, found.column + 5)]


def test_a_group_sheet_lists_the_largest_by_the_rules_and_the_others_as_the_analysis_added_them(
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


def test_the_brief_shows_the_largest_beneficiaries_and_the_years_as_the_analysis_counted_them(brief: Brief) -> None:
    t = Translator("nl")
    text = brief_labels(brief, t)
    table = next(b for b in brief.blocks if isinstance(b, TableView) and b.id == "T-POLICY")
    layout = table_layout(brief, table, text, SMALL, t)
    assert layout.mode == "aggregated"  # 7 rows, above SMALL's listed_rows
    # Droomland 1.200.000 and Fictief Advies 72.600; the others Verzinsel 71.995, Denkbeeld 48.400, Luchtkasteel 24.200.
    assert [g.label for g in layout.beneficiaries] == ["Onderzoeksgroep Droomland", "Fictief Advies bv",
                                                       "overige (3 begunstigden)"]  # fmt: skip
    assert (layout.other_beneficiaries, layout.beneficiaries[-1].rows) == (3, 4)  # Verzinsel has two
    assert layout.beneficiaries[-1].amounts == (D("144595.00"),)
    assert [(y.label, y.rows, y.amounts) for y in layout.years] == [
        ("2021", 2, (D("96800.00"),)), ("2022", 3, (D("120395.00"),)), ("2023", 1, (D("1200000.00"),)),
        ("geen looptijd", 1, (D("0.00"),)),
    ]  # fmt: skip
    assert layout.year_total is not None and (layout.year_total.rows, layout.year_total.amounts) == (
        7, (D("1417195.00"),))  # fmt: skip
