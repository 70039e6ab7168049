"""Rows done in house (status ``in_house``) and a period a table gives once for its rows, on the
fictional campaigns question (tests/fixtures/datasets/fictional-campaigns-2018-2019), through every
stage: the dataset, the analysis, the brief, the workbook, the exports and the diff.

The figures come from the fixture's source text: "In 2018 voerde het departement de volgende
campagnes", four awards excl. VAT (48.000,00, 28.500,00, 29.000,00 and 12.400,00 euro; the radio spot
with its own period "1 juni 2018 – 31 augustus 2018"), three campaigns the administration ran itself
(cost "/", "geen kosten", and one named only under the table), and one award still under way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset, RowStatus
from sebrief.engine.analyse import analyse
from sebrief.engine.brief import Brief, TableView
from sebrief.engine.changes import diff_lines
from sebrief.engine.diff import diff_datasets
from sebrief.engine.serialise import brief_to_dict
from sebrief.errors import DatasetError
from sebrief.export.ocds import release_package
from sebrief.export.tabular import dataset_json_bytes, rows_csv_bytes
from sebrief.i18n import Translator
from sebrief.render.pdf import render_html
from sebrief.render.xlsx import render_workbook

FOLDER = Path(__file__).resolve().parent / "fixtures" / "datasets" / "fictional-campaigns-2018-2019"
D = Decimal
AWARDS = {"C01": D("48000.00"), "C03": D("28500.00"), "C04": D("29000.00"), "C06": D("12400.00")}
IN_HOUSE = ("C02", "C05", "C08")
TABLE_PERIOD = (dt.date(2018, 1, 1), dt.date(2018, 12, 31))  # "In 2018", to the month
TIMESTAMP = dt.datetime(2019, 2, 12, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(FOLDER)


@pytest.fixture(scope="module")
def brief(dataset: Dataset) -> Brief:
    return analyse(dataset, "nl")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / FOLDER.name
    shutil.copytree(FOLDER, target)
    return target


def edit_rows(folder: Path, row_id: str, **values: str) -> None:
    path = folder / "rows.csv"
    records = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for record in records:
        if record["id"] == row_id:
            record.update(values)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def edit_table(folder: Path, **values: object) -> None:
    """Set (or, with None, remove) fields of the table block in dataset.yaml."""
    path = folder / "dataset.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    table = next(block for block in data["answer"]["blocks"] if block["kind"] == "table")
    for name, value in values.items():
        if value is None:
            table.pop(name, None)
        else:
            table[name] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return [str(problem) for problem in caught.value.problems]


# --- the dataset ---------------------------------------------------------------------------------


def test_rows_done_in_house_have_no_amount_and_may_name_who_does_it(dataset: Dataset) -> None:
    assert [row.id for row in dataset.rows if row.status is RowStatus.IN_HOUSE] == list(IN_HOUSE)
    assert [(dataset.row(i).amount, dataset.row(i).amount_text) for i in IN_HOUSE] == [
        (None, "/"),
        (None, "geen kosten"),
        (None, None),
    ]
    assert [dataset.row(i).beneficiary for i in IN_HOUSE] == ["Communicatieteam departement"] * 2 + [None]
    assert dataset.row("C02").procedure == "eigen dienst"


def test_rows_without_a_period_of_their_own_have_the_tables(dataset: Dataset) -> None:
    own = dataset.row("C06")
    assert (own.period and (own.period.start, own.period.end)) == (dt.date(2018, 6, 1), dt.date(2018, 8, 31))
    assert not own.period_from_table and own.period_text == "1 juni 2018 – 31 augustus 2018"
    shared = [row for row in dataset.rows if row.id != "C06"]
    assert all(row.period_from_table and row.period_text == "In 2018" for row in shared)
    assert {(row.period.start, row.period.end) for row in shared if row.period} == {TABLE_PERIOD}


def test_an_amount_for_work_done_in_house_is_refused(copy: Path) -> None:
    edit_rows(copy, "C02", amount="48000.00", amount_text="48.000,00 euro")
    (problem,) = problems_of(copy)
    assert problem.startswith("rows.csv, line 3, column amount: a row done in house (status in_house) has no amount")


def test_an_awarded_row_without_amount_points_to_in_house(copy: Path) -> None:
    edit_rows(copy, "C02", status="awarded")
    (problem,) = problems_of(copy)
    assert "column amount: an awarded row needs amount" in problem and "in_house" in problem


def test_a_table_period_is_checked_against_its_words_and_the_source(copy: Path) -> None:
    edit_table(copy, period_text="In 2017")
    problems = problems_of(copy)
    assert any("period_text: 'In 2017' not found verbatim in the source text" in p for p in problems), problems
    assert any("table T-CAMPAIGNS: period 2018-01-01 to 2018-12-31 (month) does not match period_text" in p
               for p in problems), problems  # fmt: skip


def test_a_table_period_needs_its_words(copy: Path) -> None:
    edit_table(copy, period_text=None)
    (problem,) = problems_of(copy)
    assert "a table's period comes with the source's words for it in period_text" in problem


# --- the analysis --------------------------------------------------------------------------------


def test_totals_count_rows_done_in_house_apart_and_never_in_the_amounts(brief: Brief) -> None:
    assert brief.totals is not None
    (kind,) = brief.totals.per_kind
    assert (kind.rows, kind.awarded, kind.in_procedure, kind.in_house) == (8, 4, 1, 3)
    ((total,),) = [kind.amounts]
    assert (total.column.vat_basis.code, total.amount, total.rows) == ("excl_vat", sum(AWARDS.values()), 4)
    assert "Communicatieteam departement" not in [group.label for group in brief.totals.per_beneficiary]
    assert brief.totals.beneficiary_total.awards == 4
    in_house = [row.status.label for row in brief.rows if row.id in IN_HOUSE]
    assert in_house == ["Uitgevoerd door de administratie zelf"] * 3
    assert "3 door de administratie zelf uitgevoerd, zonder bedrag." in brief.key_points[0].detail
    assert any(note.startswith("3 rijen zijn werk dat de administratie zelf uitvoert") for note in brief.method.notes)


def test_a_row_done_in_house_answers_the_amount_and_is_not_asked_who_won_it(brief: Brief) -> None:
    reasons = {part.part_id: part.reason for part in brief.coverage}
    assert reasons["1c"].startswith("7 van 8 rijen") and reasons["1c"].endswith("Ontbreekt bij: C07.")
    asked = {row for question in brief.follow_up for row in question.follows_up_on}
    assert "C07" in asked and not asked & set(IN_HOUSE)


def test_with_rows_awarded_a_binding_asks_nothing_of_work_done_in_house(copy: Path) -> None:
    binds = [{"part": "1a", "column": "description"}, {"part": "1c", "column": "amount", "rows": "awarded"}]
    edit_table(copy, binds=binds)
    reasons = {part.part_id: part.reason for part in analyse(load_dataset(copy), "en").coverage}
    assert reasons["1c"] == "4 of 4 awarded rows give the amount."


def test_the_tables_period_counts_in_the_signals_timeline_and_years(brief: Brief) -> None:
    signals = {signal.kind.code: signal for signal in brief.signals}
    assert set(signals) == {"just_below_threshold", "same_supplier_cluster", "concentration"}
    assert signals["just_below_threshold"].rows == ("C03", "C04")  # each within 10 % under 30.000 euro
    assert signals["same_supplier_cluster"].amount == AWARDS["C03"] + AWARDS["C04"]
    share = (AWARDS["C03"] + AWARDS["C04"]) / sum(AWARDS.values())
    assert dict(signals["concentration"].parameters)["top_share"] == f"{share:.4f}"
    assert brief.timeline is not None and brief.timeline.undated == 0
    assert brief.totals is not None
    assert [(year.label, year.rows) for year in brief.totals.per_year] == [("2018", 8)]
    rows = {row.id: row for row in brief.rows}
    assert rows["C01"].period_from_table and not rows["C06"].period_from_table
    assert rows["C02"].state_at_question.code == "finished"  # in house, over 2018: done by 12 February 2019


def test_rows_without_any_period_still_count_in_the_supplier_concentration(copy: Path, brief: Brief) -> None:
    edit_table(copy, period=None, period_text=None)
    undated = analyse(load_dataset(copy), "en")
    signals = {signal.kind.code: signal for signal in undated.signals}
    assert set(signals) == {"concentration"}  # the others compare periods or need the date of the threshold
    before = {signal.kind.code: signal for signal in brief.signals}["concentration"]
    assert signals["concentration"].parameters == before.parameters
    assert signals["concentration"].rows == ("C01", "C03", "C04")
    notes = [note for note in undated.method.notes if note.startswith("Without a period")]
    assert notes == [
        "Without a period, left out of the thresholds and of the overlapping awards, but counted in the supplier "
        "concentration: 3 rows (C01, C03, C04)."
    ]


# --- the outputs ---------------------------------------------------------------------------------


def test_the_brief_says_in_words_which_rows_are_done_in_house_and_where_a_period_comes_from(brief: Brief) -> None:
    page = render_html(brief)
    table = page[page.index('id="rows-T-CAMPAIGNS"') : page.index('id="totals-T-CAMPAIGNS"')]
    row = table[table.index('id="row-C02"') : table.index('id="row-C03"')]
    assert '<span class="badge status-in_house">Uitgevoerd door de administratie zelf</span>' in row
    assert '<em class="period-from-table">januari 2018 – december 2018</em>' in row
    radio = table[table.index('id="row-C06"') : table.index('id="row-C07"')]
    assert "1 juni 2018 – 31 augustus 2018" in radio and "period-from-table" not in radio
    assert "één keer voor de hele tabel geeft, “In 2018” (januari 2018 – december 2018)" in table
    totals = page[page.index('id="totals-T-CAMPAIGNS"') :]
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", totals[: totals.index("</table>")])
    assert cells[:8] == ["Soort", "Rijen", "Toegewezen", "In procedure", "Zelf uitgevoerd",
                         "Bedrag", "Btw-basis", "Incl. btw (raming)"]  # fmt: skip
    assert cells[8:13] == ["Campagnes", "8", "4", "1", "3"]


def test_the_workbook_shows_the_status_in_words_and_counts_awarded_rows_without_them(brief: Brief) -> None:
    data = render_workbook(brief, timestamp=TIMESTAMP)
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    (view,) = [block for block in brief.blocks if isinstance(block, TableView)]
    ws = next(ws for ws in book.worksheets if ws.cell(1, 1).value == view.title)
    headers = [c.value for c in ws[4]]
    at = {row_id: 5 + n for n, row_id in enumerate(view.row_ids)}
    status, period = headers.index("Status") + 1, headers.index("Periode zoals gegeven") + 1
    assert [ws.cell(at[i], status).value for i in IN_HOUSE] == ["Uitgevoerd door de administratie zelf"] * 3
    assert ws.cell(at["C02"], headers.index("Bedrag (€, 1c)") + 1).value is None  # empty, not zero
    assert ws.cell(at["C01"], period).font.i and not ws.cell(at["C06"], period).font.i  # the table's: italic
    assert "één keer voor de hele tabel geeft (“In 2018”)" in ws.cell(2, 1).value
    overview = [str(c.value) for row in book["Overzicht"].iter_rows() for c in row if c.value]
    assert any("4 toegewezen, 1 in procedure" in text and "3 door de administratie zelf uitgevoerd" in text
               for text in overview)  # fmt: skip
    # The totals below the table: formulas that count the awarded rows by their status and add the amounts.
    found = {c.value: values[ws.title][c.coordinate].value for row in ws.iter_rows() for c in row if c.data_type == "f"}
    awarded = next(f for f in found if f.startswith("=SUMPRODUCT(") and '"Toegewezen"' in f and "EXACT" in f)
    assert found[awarded] == 4
    amounts = [f for f in found if f.endswith(("_T_CAMPAIGNS_amount)", "_T_CAMPAIGNS_excl)")) and "ISNUMBER" not in f]
    assert amounts and {D(str(found[f])).quantize(D("0.01")) for f in amounts} == {sum(AWARDS.values())}


def test_exports_say_in_house_and_ocds_has_no_award_for_it(dataset: Dataset) -> None:
    package = release_package(dataset)
    titles = [release["tender"]["title"] for release in package["releases"]]
    assert len(titles) == 5 and not {dataset.row(i).description for i in IN_HOUSE} & set(titles)
    assert sum(len(release.get("awards", ())) for release in package["releases"]) == 4
    records = list(csv.DictReader(io.StringIO(rows_csv_bytes(dataset, "standard").decode("utf-8"))))
    assert [r["status"] for r in records if r["id"] in IN_HOUSE] == ["in_house"] * 3
    assert [r["amount"] for r in records if r["id"] in IN_HOUSE] == [""] * 3
    rows = json.loads(dataset_json_bytes(dataset))["rows"]
    assert [(r["status"], r["period_from_table"]) for r in rows if r["id"] in ("C02", "C06")] == [
        ("in_house", True),
        ("awarded", False),
    ]


def test_the_brief_json_has_the_new_fields(brief: Brief) -> None:
    data = brief_to_dict(brief)
    assert data["totals"]["per_kind"][0]["in_house"] == 3
    table = next(block for block in data["blocks"] if block["kind"] == "table")
    assert (table["period_text"], table["period_label"]) == ("In 2018", "januari 2018 – december 2018")


def test_diff_reports_a_change_of_status_and_of_the_tables_period(copy: Path, dataset: Dataset) -> None:
    edit_rows(copy, "C05", status="awarded", amount="28500.00", amount_text="28.500,00 euro", vat_basis="excl_vat",
              vat_text="(excl. btw)")  # fmt: skip
    lines = diff_lines(diff_datasets(dataset, load_dataset(copy)), Translator("en"))
    assert any("C05" in line and "Done in house" in line and "Awarded" in line for line in lines), lines
    assert any("Rows done in house: 3 -> 2" in line for line in lines), lines
    edit_table(copy, period=None, period_text=None)
    lines = diff_lines(diff_datasets(dataset, load_dataset(copy)), Translator("en"))
    assert any("T-CAMPAIGNS" in line and "period" in line.lower() for line in lines), lines


@pytest.mark.slow
def test_libreoffice_recalculates_the_totals_with_rows_done_in_house(brief: Brief, tmp_path: Path) -> None:
    """The workbook's formulas, recalculated by a spreadsheet program from wrong cached results, give the
    analysis' figures: the rows done in house change neither the amounts nor the count of awarded rows."""
    from tests.recalc import recalculated_all, with_wrong_cached_values
    from tests.test_xlsx import cell, formula_cells, number

    data = render_workbook(brief, timestamp=TIMESTAMP)
    wrong, changed = with_wrong_cached_values(data)
    assert changed == len(list(formula_cells(data)))
    sheets = recalculated_all({"campaigns": wrong}, tmp_path)["campaigns"]
    checked = 0
    for sheet, r, col, expected in formula_cells(data):
        got = cell(sheets[sheet], r, col)
        if isinstance(expected, float | int):
            assert abs(number(got) - D(repr(expected))) < D("0.0001"), (sheet, r, col, got, expected)
        else:
            assert got == (expected or ""), (sheet, r, col)
        checked += 1
    assert checked > 40


def test_a_table_without_amounts_still_says_which_rows_are_done_in_house(copy: Path) -> None:
    for row_id in AWARDS:
        edit_rows(copy, row_id, status="in_house", amount="", vat_basis="not_stated", vat_text="")
    edit_table(copy, binds=[{"part": "1a", "column": "description"}])
    page = render_html(analyse(load_dataset(copy), "en"))
    row = page[page.index('id="row-C01"') : page.index('id="row-C02"')]
    assert '<span class="badge status-in_house">Done in house</span>' in row


def test_the_compact_listing_says_done_in_house_and_marks_the_tables_period(
    brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Laid out one line a row (as a long table is), the status is in words and the table's period in italics."""
    import sebrief.render.pdf.context as context
    from sebrief.reference import layout_rules

    listed = layout_rules().model_copy(update={"detailed_rows": 2})
    monkeypatch.setattr(context, "layout_rules", lambda: listed)
    page = render_html(brief)
    row = page[page.index('<tr id="row-C02"') : page.index('<tr id="row-C03"')]
    assert "compact-table" in page and "<i>01/2018–12/2018</i>" in row
    assert row.endswith("<td>Uitgevoerd door de administratie zelf</td></tr>\n")
    radio = page[page.index('<tr id="row-C06"') : page.index('<tr id="row-C07"')]
    assert "<td>01/06/2018–31/08/2018</td>" in radio
    assert "één keer voor de hele tabel geeft, “In 2018”" in page
