"""The workbook: structure read back with openpyxl and pandas, totals recalculated by LibreOffice.

The LibreOffice tests (marked slow) open the workbook in a real spreadsheet program, let it
recalculate every formula and compare the results with the analysis and the source, to the cent.
LibreOffice runs with a profile that forces the recalculation (tests/recalc.py) and is given a copy
of the workbook whose cached results are all wrong, so every figure read back comes from a formula.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook

from sebrief.analysis import analyse
from sebrief.brief import Brief, GroupTotal
from sebrief.cli import main
from sebrief.load import load_dataset
from sebrief.model import Dataset
from sebrief.render.xlsx import render_workbook
from sebrief.write import build_timestamp
from tests.recalc import WRONG_NUMBER, WRONG_TEXT, recalculated, with_wrong_cached_values
from tests.test_diff import edit_rows

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
CATALOG = ROOT / "src" / "sebrief" / "locale" / "nl" / "LC_MESSAGES" / "xlsx.po"
TIMESTAMP = dt.datetime(2018, 1, 19, tzinfo=dt.UTC)
CENT = Decimal("0.01")
SHEETS = {
    "nl": ["Overzicht", "Vraag 1", "Vraag 2", "Per begunstigde", "Per thema", "Tijdlijn", "Aandachtspunten",
           "Vervolgvragen", "Bronnen en methode"],
    "en": ["Overview", "Question 1", "Question 2", "Per beneficiary", "Per theme", "Timeline", "Points of attention",
           "Follow-up questions", "Sources and method"],
}  # fmt: skip
KEY_TOTALS = ("Total_subsidy_calls", "Total_public_contracts_excl_VAT", "Total_public_contracts_incl_VAT_estimate")
INJECTIONS = {"R01": "=SUM(1,2)", "R02": "@cmd", "R03": "+1+1", "R04": "-2-2"}


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def briefs(dataset: Dataset) -> dict[str, Brief]:
    return {lang: analyse(dataset, lang) for lang in ("nl", "en")}


@pytest.fixture(scope="module")
def workbooks(briefs: dict[str, Brief]) -> dict[str, bytes]:
    return {lang: render_workbook(brief, timestamp=TIMESTAMP) for lang, brief in briefs.items()}


@pytest.fixture(scope="module")
def brief(briefs: dict[str, Brief], lang: str) -> Brief:
    return briefs[lang]


@pytest.fixture(scope="module")
def data(workbooks: dict[str, bytes], lang: str) -> bytes:
    return workbooks[lang]


@pytest.fixture(scope="module")
def wb(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def injected(briefs: dict[str, Brief]) -> bytes:
    """A workbook whose descriptions look like formulas."""
    brief = briefs["nl"]
    rows = tuple(dataclasses.replace(row, description=INJECTIONS.get(row.id, row.description)) for row in brief.rows)
    return render_workbook(dataclasses.replace(brief, rows=rows), timestamp=TIMESTAMP)


def table_frame(data: bytes, sheet: str, rows: int) -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(data), sheet_name=sheet, header=3, nrows=rows, engine="openpyxl")


def cents(value: object) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


# --- structure ------------------------------------------------------------------------------


def test_sheet_names_in_the_workbook_language(wb: Workbook, lang: str) -> None:
    assert wb.sheetnames == SHEETS[lang]
    assert wb.active.title == SHEETS[lang][0]


def test_question2_is_an_excel_table_with_filter_and_bands(wb: Workbook, brief: Brief) -> None:
    ws = wb.worksheets[2]
    table = ws.tables["Rows"]
    assert table.ref == f"A4:S{4 + len(brief.rows)}"
    assert table.autoFilter.ref == table.ref
    assert table.tableStyleInfo.name == "TableStyleMedium2" and table.tableStyleInfo.showRowStripes
    assert [cell.value for cell in ws[4]][:3] == [column.name for column in table.tableColumns][:3]
    assert ws.freeze_panes == "B5"
    assert ws.print_title_rows == "$4:$4"


def test_print_setup_on_every_sheet(wb: Workbook) -> None:
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize == 9  # A4
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "&P / &N"
        assert ws.column_dimensions["A"].width, ws.title


def test_frozen_headers_on_the_data_sheets(wb: Workbook) -> None:
    frozen = {ws.title: ws.freeze_panes for ws in wb.worksheets}
    assert list(frozen.values()) == [None, "A6", "B5", "B5", "B5", "G6", "A5", "A5", None]


def test_defined_names_point_at_the_totals(wb: Workbook, lang: str) -> None:
    question2 = SHEETS[lang][2]
    for name in (*KEY_TOTALS, "Total_both_kinds_mixed_VAT_bases", "Rows_amount", "Rows_kind"):
        assert wb.defined_names[name].attr_text.startswith(f"'{question2}'!$"), name
    assert wb.defined_names["VAT_rate"].attr_text.startswith(f"'{SHEETS[lang][8]}'!")
    assert wb.defined_names["Date_asked"].attr_text.startswith(f"'{SHEETS[lang][5]}'!")


def test_document_properties(wb: Workbook, brief: Brief, lang: str) -> None:
    props = wb.properties
    assert props.title == f"{brief.header.reference}: {brief.header.title}"
    assert props.subject and "sebrief" in props.keywords and brief.header.reference in props.keywords
    assert props.language == {"nl": "nl-BE", "en": "en-GB"}[lang]
    assert props.creator == props.lastModifiedBy == "sebrief"
    assert props.created == props.modified == TIMESTAMP.replace(tzinfo=None)
    assert wb.calculation.fullCalcOnLoad


def test_overview_links_to_every_sheet(wb: Workbook, lang: str) -> None:
    ws = wb.worksheets[0]
    links = {cell.value: cell.hyperlink.location for row in ws.iter_rows() for cell in row if cell.hyperlink}
    assert links == {name: f"'{name}'!A1" for name in SHEETS[lang]}


# --- values and types -----------------------------------------------------------------------


def test_table_read_back_with_pandas(data: bytes, brief: Brief, lang: str) -> None:
    frame = table_frame(data, SHEETS[lang][2], len(brief.rows))
    assert list(frame.iloc[:, 0]) == [row.id for row in brief.rows]
    assert list(frame.iloc[:, 2]) == [row.description for row in brief.rows]
    amounts = frame.iloc[:, 11]
    assert amounts.dtype == float
    kinds = frame.iloc[:, 1]
    totals = {kind.kind.code: kind.amount for kind in brief.totals.per_kind}
    labels = {row.kind.code: row.kind.label for row in brief.rows}
    assert cents(amounts[kinds == labels["subsidy_call"]].sum()) == totals["subsidy_call"] == Decimal("315342.98")
    assert cents(amounts[kinds == labels["public_contract"]].sum()) == totals["public_contract"]
    assert totals["public_contract"] == Decimal("350371.57")
    assert pd.api.types.is_datetime64_any_dtype(frame.iloc[:, 4])
    incl_vat = frame.iloc[:, 13]  # formulas, read back through their cached results
    expected = [row.amount_incl_vat_estimate for row in brief.rows]
    assert [None if pd.isna(v) else cents(v) for v in incl_vat] == expected


def test_rows_in_procedure_are_empty_not_zero(wb: Workbook, brief: Brief) -> None:
    ws = wb.worksheets[2]
    pending = [(offset, row) for offset, row in enumerate(brief.rows, start=5) if row.status.code == "in_procedure"]
    assert len(pending) == 2
    for r, row in pending:
        assert [ws.cell(r, col).value for col in (5, 6, 7, 10, 12, 14)] == [None] * 6
        assert ws.cell(r, 8).value == row.status.label


def test_real_types_and_formats(wb: Workbook, brief: Brief) -> None:
    ws = wb.worksheets[2]
    amount, start, duration, count = ws["L5"], ws["E5"], ws["G5"], ws["K5"]
    assert amount.data_type == "n" and amount.value == float(brief.rows[0].amount or 0)
    assert "€" in amount.number_format and "#,##0.00" in amount.number_format
    assert start.is_date and start.value.date() == brief.rows[0].start
    assert duration.value == 7.0 and duration.number_format == "0.0"
    assert count.value == 14 and isinstance(count.value, int)
    month_precision = next(r for r, row in enumerate(brief.rows, start=5) if row.precision == "month")
    assert "mmmm yyyy" in ws.cell(month_precision, 5).number_format  # the source gave months, not days


def test_columns_fit_their_figures_and_long_text_wraps(wb: Workbook) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, float) and "€" in cell.number_format:
                    width = ws.column_dimensions[cell.column_letter].width
                    assert width >= len(f"{cell.value:,.2f} €") + 1, (ws.title, cell.coordinate)
    descriptions = [row[2] for row in wb.worksheets[2].iter_rows(min_row=5, max_row=21)]
    assert all(cell.alignment.wrap_text and cell.alignment.vertical == "top" for cell in descriptions)
    assert wb.worksheets[2].column_dimensions["C"].width <= 42


def test_totals_are_live_formulas(wb: Workbook) -> None:
    formulas = [cell.value for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.data_type == "f"]
    assert any(f.startswith("=SUMPRODUCT(--EXACT(Rows_kind,$C$") and f.endswith(",Rows_amount)") for f in formulas)
    assert any(f.startswith("=SUBTOTAL(109,Rows_amount)") for f in formulas)
    per_beneficiary = [f for f in formulas if "Rows_beneficiary" in f]
    assert len(per_beneficiary) == 3 * 9  # rows, subsidy calls and public contracts of 9 beneficiaries
    assert all(f.startswith("=SUMPRODUCT(--EXACT(Rows_beneficiary,") for f in per_beneficiary)
    # A criterion reads wildcards and operators in a name: only the timeline's fixed state labels use one.
    criteria = [f for f in formulas if "COUNTIF" in f or "SUMIF" in f]
    assert criteria and all(f.startswith("=COUNTIFS(Rows_state,") for f in criteria)


def test_cached_results_match_the_analysis(data: bytes, brief: Brief, lang: str) -> None:
    """Readers that do not recalculate (previews, pandas) see the analysis' figures."""
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    names = values.defined_names
    for name, kind in zip(KEY_TOTALS[:2], brief.totals.per_kind, strict=True):
        sheet, ref = names[name].attr_text.split("!")
        assert cents(values[sheet.strip("'")][ref.replace("$", "")].value) == kind.amount


def test_stated_and_inferred_are_told_apart(wb: Workbook, brief: Brief) -> None:
    ws = wb.worksheets[1]
    bases = {sub.basis.label: sub.basis.code for sub in brief.question1.matrix}
    fills = {"stated": "00E2EFDA", "inferred": "00FFF2CC", "not_addressed": "00EDEDED"}
    lines = [row for row in ws.iter_rows(min_row=6) if row[5].value in bases]
    assert len(lines) == sum(len(group.sub_actions) for group in brief.question1.groups)
    for row in lines:
        assert {cell.fill.fgColor.rgb for cell in row} == {fills[bases[row[5].value]]}


def test_timeline_marks_the_date_asked(wb: Workbook, brief: Brief) -> None:
    ws = wb.worksheets[5]
    months = [ws.cell(5, col).value for col in range(7, 7 + len(brief.timeline.months))]
    assert [month.date() for month in months] == list(brief.timeline.months)
    asked = 7 + brief.timeline.months.index(brief.timeline.date_asked.replace(day=1))
    assert ws.cell(5, asked).fill.fgColor.rgb == "00C00000"
    assert ws.cell(6, asked).border.left.style == "medium"
    assert len(ws.conditional_formatting) == 1
    assert len(next(iter(ws.conditional_formatting)).rules) == len(brief.totals.per_kind)


def test_bar_chart_of_amounts_per_beneficiary(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        xml = archive.read(charts[0]).decode()
    assert len(charts) == 2
    assert "<barChart>" in xml and '<barDir val="bar"' in xml and '<grouping val="clustered"' in xml


def test_points_of_attention_are_signals_with_definition_and_source(wb: Workbook, brief: Brief) -> None:
    ws = wb.worksheets[6]
    assert ws.cell(4, 3).value == {"nl": "Aandachtspunt", "en": "Point of attention"}[brief.header.lang]
    for r, signal in enumerate(brief.signals, start=5):
        assert [ws.cell(r, col).value for col in (1, 3, 8, 9)] == [signal.id, signal.title, signal.definition,
                                                                    signal.source]  # fmt: skip


def test_formula_like_text_stays_text(injected: bytes) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(injected)).worksheets[2]
    for r, text in enumerate(INJECTIONS.values(), start=5):
        assert (ws.cell(r, 3).value, ws.cell(r, 3).data_type) == (text, "s")
    with zipfile.ZipFile(io.BytesIO(injected)) as archive:
        assert "<f>SUM(1,2)</f>" not in archive.read("xl/worksheets/sheet3.xml").decode()
    frame = table_frame(injected, "Vraag 2", 17)
    assert list(frame.iloc[:4, 2]) == list(INJECTIONS.values())


def test_renders_a_brief_without_subsidy_calls_or_signals(briefs: dict[str, Brief]) -> None:
    brief = briefs["nl"]
    totals = dataclasses.replace(
        brief.totals,
        per_kind=tuple(k for k in brief.totals.per_kind if k.kind.code == "public_contract"),
        per_beneficiary=tuple(g for g in brief.totals.per_beneficiary if g.contract_amount_excl_vat),
    )
    rows = tuple(row for row in brief.rows if row.kind.code == "public_contract")
    smaller = dataclasses.replace(brief, rows=rows, totals=totals, signals=(), follow_up=())
    wb = openpyxl.load_workbook(io.BytesIO(render_workbook(smaller, timestamp=TIMESTAMP)))
    assert wb.sheetnames == SHEETS["nl"]
    assert "Total_subsidy_calls" not in wb.defined_names and "Total_public_contracts_excl_VAT" in wb.defined_names
    assert wb.worksheets[2].tables["Rows"].ref == f"A4:S{4 + len(rows)}"


# --- language -------------------------------------------------------------------------------


def catalog() -> dict[str, str]:
    with CATALOG.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and isinstance(m.string, str) and m.id}


def test_every_workbook_label_is_translated() -> None:
    missing = [message for message, translation in catalog().items() if not translation]
    assert missing == []


def test_no_english_label_in_the_dutch_workbook(workbooks: dict[str, bytes]) -> None:
    english = {m for m, s in catalog().items() if m != s and "{" not in m}
    ws_texts = {
        cell.value
        for ws in openpyxl.load_workbook(io.BytesIO(workbooks["nl"])).worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert sorted(ws_texts & english) == []


# --- reproducibility and writing ------------------------------------------------------------


def test_same_brief_gives_the_same_bytes(briefs: dict[str, Brief], workbooks: dict[str, bytes]) -> None:
    assert render_workbook(briefs["nl"], timestamp=TIMESTAMP) == workbooks["nl"]
    with zipfile.ZipFile(io.BytesIO(workbooks["nl"])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2018, 1, 19, 0, 0, 0)}


def core_dates(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", archive.read("docProps/core.xml").decode())


def test_source_date_epoch_sets_the_dates(briefs: dict[str, Brief], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    data = render_workbook(briefs["nl"], timestamp=build_timestamp(dt.date(2018, 1, 19)))
    assert core_dates(data) == ["2023-11-14T22:13:20Z"] * 2
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    default = render_workbook(briefs["nl"], timestamp=build_timestamp(dt.date(2018, 1, 19)))
    assert core_dates(default) == ["2018-01-19T00:00:00Z"] * 2


def test_cli_writes_dutch_by_default_and_english_on_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    runner = CliRunner()
    result = runner.invoke(main, ["xlsx"])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote reports/sv-221-2017-2018.xlsx\n"
    result = runner.invoke(main, ["xlsx", "--lang", "en", "-o", "out/en.xlsx"])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(tmp_path / "reports" / "sv-221-2017-2018.xlsx").sheetnames == SHEETS["nl"]
    assert openpyxl.load_workbook(tmp_path / "out" / "en.xlsx").sheetnames == SHEETS["en"]


def test_failed_render_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.xlsx"
    target.write_bytes(b"the previous workbook")

    def broken(brief: Brief, *, timestamp: dt.datetime) -> bytes:
        raise RuntimeError("render failed")

    monkeypatch.setattr("sebrief.render.xlsx.render_workbook", broken)
    result = CliRunner().invoke(main, ["xlsx", "-o", str(target)])
    assert result.exit_code == 1
    assert "render failed" in result.output
    assert target.read_bytes() == b"the previous workbook"
    assert [path.name for path in tmp_path.iterdir()] == ["brief.xlsx"]


def test_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.xlsx"
    target.write_bytes(b"the previous workbook")

    def full_disk(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full_disk)
    result = CliRunner().invoke(main, ["xlsx", "-o", str(target)])
    assert result.exit_code == 4
    assert "No space left on device" in result.output
    assert target.read_bytes() == b"the previous workbook"
    assert [path.name for path in tmp_path.iterdir()] == ["brief.xlsx"]


@pytest.mark.slow
def test_separate_processes_give_the_same_bytes(tmp_path: Path) -> None:
    """Two runs of the command, with different hash seeds, write identical files."""
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"run{seed}.xlsx"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run([sys.executable, "-m", "sebrief", "xlsx", "-o", str(target)], env=env, check=True,
                       capture_output=True, timeout=120)  # fmt: skip
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


# --- recalculated by LibreOffice --------------------------------------------------------------


@pytest.fixture(scope="module")
def stale(data: bytes) -> bytes:
    """The workbook with a wrong cached result in every formula: only a recalculation gives the figures back."""
    wrong, changed = with_wrong_cached_values(data)
    assert changed == len(list(formula_cells(data)))
    return wrong


@pytest.fixture(scope="module")
def libreoffice(stale: bytes, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str]]]:
    return recalculated(stale, tmp_path_factory.mktemp("recalc"))


def number(text: str) -> Decimal:
    return Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)


def formula_cells(data: bytes) -> Iterator[tuple[str, int, int, object]]:
    """Every formula cell with the cached result the analysis gave it."""
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    yield ws.title, cell.row, cell.column, values[ws.title].cell(cell.row, cell.column).value


@pytest.mark.slow
def test_libreoffice_recalculates_every_formula_to_the_analysis(
    libreoffice: dict[str, list[list[str]]], data: bytes
) -> None:
    checked = 0
    for sheet, r, col, expected in formula_cells(data):
        got = libreoffice[sheet][r - 1][col - 1]
        if isinstance(expected, float | int):
            tolerance = Decimal("0.0001") if got.endswith("%") else Decimal(0)
            assert abs(number(got).quantize(Decimal("0.0001")) - Decimal(str(expected))) <= tolerance, (sheet, r, col)
        else:
            assert got == (expected or ""), (sheet, r, col)
        checked += 1
    assert checked > 80


@pytest.mark.slow
def test_libreoffice_totals_match_the_source(libreoffice: dict[str, list[list[str]]], brief: Brief, lang: str) -> None:
    """The sums of the answer's table, to the cent, as a spreadsheet program computes them."""
    table = libreoffice[SHEETS[lang][2]]
    labels = {row.kind.code: row.kind.label for row in brief.rows}
    kind_rows = {line[2]: line for line in table[4 + len(brief.rows):] if len(line) > 9}  # fmt: skip
    subsidy, contracts = kind_rows[labels["subsidy_call"]], kind_rows[labels["public_contract"]]
    assert (cents(subsidy[6]), cents(contracts[6])) == (Decimal("315342.98"), Decimal("350371.57"))
    assert (subsidy[3], subsidy[4], subsidy[5]) == ("2", "2", "0")
    assert (contracts[3], contracts[4], contracts[5]) == ("15", "13", "2")
    assert cents(contracts[8]) == Decimal("423949.60")
    for kind in brief.totals.per_kind:
        assert cents(kind_rows[labels[kind.kind.code]][6]) == kind.amount
        assert cents(kind_rows[labels[kind.kind.code]][9]) == kind.amount  # nothing filtered out
    beneficiaries = {line[0]: line for line in libreoffice[SHEETS[lang][3]][4:]}
    deloitte = beneficiaries["Deloitte Consulting"]
    share = number(deloitte[4]).quantize(Decimal("0.0001"))
    assert (deloitte[1], cents(deloitte[3]), share) == ("4", Decimal("117760.00"), Decimal("0.3361"))
    assert_group_sheet(libreoffice[SHEETS[lang][3]], brief, brief.totals.per_beneficiary, awarded_column=False)
    assert_group_sheet(libreoffice[SHEETS[lang][4]], brief, brief.totals.per_theme, awarded_column=True)


def assert_group_sheet(
    lines: list[list[str]], brief: Brief, groups: tuple[GroupTotal, ...], awarded_column: bool
) -> None:
    """A recalculated per-beneficiary or per-theme sheet: per group (and in the total row) the analysis'
    rows, awarded rows, amount per kind and share of the public-contract value, to the cent."""
    total = brief.totals.theme_total if awarded_column else brief.totals.beneficiary_total
    shown = lines[4 : 5 + len(groups)]
    assert [line[0] for line in shown] == [group.label for group in (*groups, total)]
    for line, group in zip(shown, (*groups, total), strict=True):
        counts = [group.rows, group.awards] if awarded_column else [group.rows]
        assert [int(text) for text in line[1 : 1 + len(counts)]] == counts, group.label
        amounts = line[1 + len(counts) : 1 + len(counts) + len(brief.totals.per_kind)]
        expected = [group.subsidy_amount if kind.kind.code == "subsidy_call" else group.contract_amount_excl_vat
                    for kind in brief.totals.per_kind]  # fmt: skip
        assert [cents(text or 0) for text in amounts] == expected, group.label
        if group is not total and group.contract_share is not None:
            share = line[1 + len(counts) + len(brief.totals.per_kind)]
            assert number(share).quantize(Decimal("0.0001")) == group.contract_share, group.label


def test_every_cached_result_of_the_stale_copy_is_wrong(stale: bytes) -> None:
    """What the LibreOffice tests read back cannot come from the cached results: they are all wrong."""
    values = openpyxl.load_workbook(io.BytesIO(stale), data_only=True)
    cached = [values[sheet].cell(r, col).value for sheet, r, col, _ in formula_cells(stale)]
    assert len(cached) > 80
    assert {value if isinstance(value, str) else str(value) for value in cached} <= {WRONG_NUMBER, WRONG_TEXT}


@pytest.mark.slow
def test_libreoffice_keeps_formula_like_text(injected: bytes, tmp_path: Path) -> None:
    table = recalculated(injected, tmp_path)["Vraag 2"]
    assert [line[2] for line in table[4:8]] == list(INJECTIONS.values())


# --- names that COUNTIFS/SUMIFS would read as criteria ---------------------------------------

# New beneficiaries of some rows: wildcards (* ? ~), comparison operators (= < >) and a name that
# differs from another only in case. Each is also written into the source, where the row's
# beneficiary and amount stand, as the beneficiary is a verbatim quote of it.
ODD_NAMES = {
    "R03": "~Deloitte Consulting",  # R04-R06 stay "Deloitte Consulting"
    "R07": "=1",
    "R10": ">Cronos",
    "R12": "cronos",  # R11 stays "Cronos"
    "R15": "Sm?ls",  # R13 stays "Smals"
    "R16": "Pantarein*",  # R14 stays "Pantarein"
    "R17": "<script>x",
}


@pytest.fixture(scope="module")
def odd_names(tmp_path_factory: pytest.TempPathFactory) -> Brief:
    """The analysis of a copy of the bundled dataset where some beneficiaries have the names above."""
    folder = tmp_path_factory.mktemp("odd-names") / "dataset"
    shutil.copytree(BUNDLED, folder)
    with (folder / "rows.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    source = (folder / "source.txt").read_text(encoding="utf-8")
    for row_id, name in ODD_NAMES.items():
        line = f"{rows[row_id]['beneficiary']} {rows[row_id]['amount_text']}"
        assert line in source, f"{line!r} is not in the source; update the test"
        source = source.replace(line, f"{name} {rows[row_id]['amount_text']}", 1)
    (folder / "source.txt").write_text(source, encoding="utf-8")
    edit_rows(folder, {row_id: {"beneficiary": name} for row_id, name in ODD_NAMES.items()})
    brief = analyse(load_dataset(folder), "nl")
    groups = {group.label: group for group in brief.totals.per_beneficiary}
    assert {name: groups[name].rows for name in ODD_NAMES.values()} == dict.fromkeys(ODD_NAMES.values(), 1)
    assert groups["Pantarein*"].contract_amount_excl_vat == Decimal("6835.00")
    assert (groups["Pantarein"].rows, groups["Smals"].rows, groups["Cronos"].rows) == (1, 1, 1)
    return brief


def test_odd_names_are_text_in_the_workbook(odd_names: Brief) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_workbook(odd_names, timestamp=TIMESTAMP))).worksheets[3]
    labels = {ws.cell(r, 1).value: ws.cell(r, 1).data_type for r in range(5, 5 + len(odd_names.totals.per_beneficiary))}
    assert {name: labels[name] for name in ODD_NAMES.values()} == dict.fromkeys(ODD_NAMES.values(), "s")


@pytest.mark.slow
def test_libreoffice_counts_and_sums_per_beneficiary_compare_names_exactly(odd_names: Brief, tmp_path: Path) -> None:
    """A name is matched as it is written: '*', '?' and '~' are no wildcards, '=', '<' and '>' no operators,
    and 'cronos' is not 'Cronos' (the analysis groups names exactly)."""
    stale, _ = with_wrong_cached_values(render_workbook(odd_names, timestamp=TIMESTAMP))
    sheets = recalculated(stale, tmp_path)
    assert_group_sheet(sheets["Per begunstigde"], odd_names, odd_names.totals.per_beneficiary, awarded_column=False)
    assert_group_sheet(sheets["Per thema"], odd_names, odd_names.totals.per_theme, awarded_column=True)
    table = sheets["Vraag 2"]
    kinds = {line[2]: line for line in table[4 + len(odd_names.rows) :] if len(line) > 9}
    for kind in odd_names.totals.per_kind:
        line = kinds[next(row.kind.label for row in odd_names.rows if row.kind.code == kind.kind.code)]
        assert (int(line[3]), int(line[4]), int(line[5])) == (kind.rows, kind.awarded, kind.in_procedure)
        assert (cents(line[6]), cents(line[9])) == (kind.amount, kind.amount)
