"""The workbook: its sheets follow the question, its figures are the analysis' and the source's.

Read back with openpyxl and pandas, on the bundled question (SV 221) and on the fictional datasets
of other shapes (two tables incl. VAT with a procedure column, an answer in text only, a province x
year matrix of figures), and on the bundled question grown to 3,000 rows (a table above the sizes
where the timeline counts rows per month and the group sheets list the largest groups only). The
LibreOffice tests (marked slow) open the workbooks in a real spreadsheet program that is made to
recalculate every formula (tests/recalc.py), given copies whose cached results are all wrong, and
compare what it computes with the analysis, to the cent.
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
from benchmarks.grow import grow
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.engine.analyse import analyse
from sebrief.engine.brief import (
    Brief,
    ClassificationView,
    FiguresView,
    GroupTotal,
    MoneyColumn,
    TableView,
    TextView,
)
from sebrief.i18n import Translator
from sebrief.reference import layout_rules
from sebrief.render.xlsx import render_workbook
from sebrief.render.xlsx.names import SheetNames
from sebrief.write import build_timestamp
from tests.recalc import WRONG_NUMBER, WRONG_TEXT, recalculated_all, with_wrong_cached_values

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
FIXTURES = ROOT / "tests" / "fixtures" / "datasets"
FOLDERS = {
    "bundled": BUNDLED,
    "studies": FIXTURES / "fictional-studies-2021-2023",
    "textonly": FIXTURES / "fictional-text-only-2019-2020",
    "matrix": FIXTURES / "fictional-matrix-2022-2023",
}
CATALOG = ROOT / "src" / "sebrief" / "locale" / "nl" / "LC_MESSAGES" / "xlsx.po"
TIMESTAMP = dt.datetime(2018, 1, 19, tzinfo=dt.UTC)
CENT = Decimal("0.01")
D = Decimal
SHEETS = {
    ("bundled", "nl"): ["Overzicht", "Vraag 1", "Vraag 2", "Overzicht van de oproepen en…", "Per begunstigde",
                        "Per thema", "Per pijler", "Tijdlijn", "Aandachtspunten", "Vervolgvragen",
                        "Bronnen en methode"],
    ("bundled", "en"): ["Overview", "Question 1", "Question 2", "Overview of the calls and…", "Per beneficiary",
                        "Per theme", "Per pillar", "Timeline", "Points of attention", "Follow-up questions",
                        "Sources and method"],
    ("studies", "nl"): ["Overzicht", "Vraag 1", "Vraag 2", "Vraag 3", "Vraag 4", "A. Beleidsvoorbereidende…",
                        "B. Evaluatiestudies", "Per begunstigde", "Per jaar", "Tijdlijn", "Aandachtspunten",
                        "Vervolgvragen", "Bronnen en methode"],
    ("textonly", "nl"): ["Overzicht", "Vraag 1", "Vraag 2", "Vraag 3", "Aandachtspunten", "Vervolgvragen",
                         "Bronnen en methode"],
    ("matrix", "nl"): ["Overzicht", "Vraag 1", "Vraag 2", "Aandachtspunten", "Vervolgvragen", "Bronnen en methode"],
}  # fmt: skip
WITH_TABLES = ("bundled", "studies")
INJECTIONS = {"R01": "=SUM(1,2)", "R02": "@cmd", "R03": "+1+1", "R04": "-2-2"}
# The workbook's thresholds (data/reference/layout.yaml): above GRID_ROWS rows the timeline counts per month; a
# group sheet lists GROUP_LINES groups, and its chart CHART_BARS, before one line or bar for the others.
RULES = layout_rules()
GRID_ROWS, GROUP_LINES, CHART_BARS = RULES.grid_rows, RULES.group_lines, RULES.chart_groups

Grid = list[list[str]]


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def briefs() -> dict[tuple[str, str], Brief]:
    datasets = {name: load_dataset(folder) for name, folder in FOLDERS.items()}
    return {(name, lang): analyse(dataset, lang) for name, dataset in datasets.items() for lang in ("nl", "en")}


@pytest.fixture(scope="module")
def workbooks(briefs: dict[tuple[str, str], Brief]) -> dict[tuple[str, str], bytes]:
    return {key: render_workbook(brief, timestamp=TIMESTAMP) for key, brief in briefs.items()}


@pytest.fixture(scope="module")
def formulas(workbooks: dict[tuple[str, str], bytes]) -> dict[tuple[str, str], Workbook]:
    """Every workbook as openpyxl reads it: formulas as formulas."""
    return {key: openpyxl.load_workbook(io.BytesIO(data)) for key, data in workbooks.items()}


@pytest.fixture(scope="module")
def cached(workbooks: dict[tuple[str, str], bytes]) -> dict[tuple[str, str], dict[str, Grid]]:
    """Every workbook as a reader that does not recalculate sees it: formulas show their cached results."""
    return {key: grids(openpyxl.load_workbook(io.BytesIO(data), data_only=True)) for key, data in workbooks.items()}


def grids(book: Workbook) -> dict[str, Grid]:
    return {ws.title: [[shown(cell.value) for cell in row] for row in ws.iter_rows()] for ws in book.worksheets}


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(D(repr(value)), "f")
    return str(value)


def tr(lang: str, message: str, **values: object) -> str:
    return Translator(lang)(message, **values)


def cents(text: str) -> Decimal:
    return number(text).quantize(CENT)


def number(text: str) -> Decimal:
    """A figure as LibreOffice writes it ("0.3361" or "33.61%")."""
    return D(text[:-1]) / 100 if text.endswith("%") else D(text or "0")


def cell(grid: Grid, row: int, col: int) -> str:
    """The text of a cell (1-based), empty beyond the written area."""
    try:
        return grid[row - 1][col - 1]
    except IndexError:
        return ""


def table_below(grid: Grid, first_header: str, col: int | None = None) -> tuple[dict[str, int], list[list[str]]]:
    """The table whose header row holds ``first_header``: its columns by header, and its lines up to a blank one."""
    for r, line in enumerate(grid):
        if first_header in line and (col is None or line.index(first_header) == col - 1):
            columns = {text: index for index, text in enumerate(line) if text}
            lines = []
            for below in grid[r + 1 :]:
                if not any(below):
                    break
                lines.append(below + [""] * (len(line) - len(below)))
            return columns, lines
    raise AssertionError(f"no header {first_header!r}")


def rows_sheets(brief: Brief, book: Workbook) -> Iterator[tuple[TableView, Worksheet]]:
    """Each table of the answer with its sheet of rows (the sheet its part's sheet links to)."""
    tables = [view for view in brief.blocks if isinstance(view, TableView)]
    for view in tables:
        sheet = next(ws for ws in book.worksheets if ws.tables and ws.cell(1, 1).value == view.title)
        yield view, sheet


def kind_labels(brief: Brief) -> dict[str, str]:
    return {row.kind.code: row.kind.label for row in brief.rows}


# --- the sheets follow the question --------------------------------------------------------------


@pytest.mark.parametrize("key", list(SHEETS), ids="-".join)
def test_sheets_follow_the_question(formulas: dict[tuple[str, str], Workbook], key: tuple[str, str]) -> None:
    """Overview, a sheet per part in the question's order, a sheet of rows per table, groups, timeline, the rest."""
    book = formulas[key]
    assert book.sheetnames == SHEETS[key]
    assert book.active.title == SHEETS[key][0]


@pytest.mark.parametrize("name", list(FOLDERS))
def test_a_sheet_per_part_with_every_subpart(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook], name: str
) -> None:
    """Each part's sheet quotes the part and each subpart, with its status, basis and why."""
    brief, book = briefs[name, "nl"], formulas[name, "nl"]
    for part in brief.parts:
        ws = book[f"Vraag {part.part_id}"]
        texts = [cell.value for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]
        assert ws["A2"].value == f"“{part.question}”"
        for section in (part, *part.subparts):
            assert f"{section.status.label} · {section.basis.label}" in texts, section.part_id
            assert not section.reason or section.reason in texts, section.part_id
        for sub in part.subparts:
            assert f"“{sub.question}”" in texts and sub.part_id in texts


def test_sheet_names_are_valid_and_unique() -> None:
    names = SheetNames()
    given = [names.add(wanted) for wanted in (
        "Overzicht", "overzicht", "A. Beleidsvoorbereidende studies", "Tabel [1]: a/b\\c?d*e", "'quoted'", "History",
        "x" * 40, "x" * 40,
    )]  # fmt: skip
    assert given == ["Overzicht", "overzicht (2)", "A. Beleidsvoorbereidende…", "Tabel 1 a b c d e", "quoted",
                     "History (2)", "x" * 30 + "…", "x" * 27 + " (2)"]  # fmt: skip
    assert all(len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name) for name in given)
    assert len({name.casefold() for name in given}) == len(given)


def test_text_only_answer_has_no_rows_sheets_timeline_or_formulas(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    brief, book = briefs["textonly", "nl"], formulas["textonly", "nl"]
    assert brief.totals is None and brief.timeline is None
    assert [ws.title for ws in book.worksheets if ws.tables] == []
    assert "Tijdlijn" not in book.sheetnames and "Per begunstigde" not in book.sheetnames
    assert [c.coordinate for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"] == []
    refusal = [c.value for row in book["Vraag 1"].iter_rows() for c in row]
    assert "“Deze cijfers worden niet centraal bijgehouden.”" in refusal
    figure = next(row for row in book["Vraag 2"].iter_rows() if row[0].value == "F-FTE-DEPARTMENT")
    assert [c.value for c in figure[2:5]] == ["“14,5 VTE”", 14.5, "VTE"]
    assert figure[3].number_format == "#,##0.0"


# --- the blocks of the answer ---------------------------------------------------------------------


def test_classification_is_a_matrix_with_the_basis_of_each_item(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    brief, ws = briefs["bundled", "nl"], formulas["bundled", "nl"]["Vraag 1"]
    (view,) = (block for block in brief.blocks if isinstance(block, ClassificationView))
    header = next(row for row in ws.iter_rows() if row[1].value == "Onderdeel (zoals de bron het schrijft)")
    labels = [c.value for c in header]
    assert labels[2 : 2 + len(view.categories)] == [category.label for category in view.categories]
    lines = {row[0].value: row for row in ws.iter_rows(min_row=header[0].row + 1) if row[0].value}
    fills = {"stated": "00E2EFDA", "inferred": "00FFF2CC", "not_addressed": "00EDEDED"}
    assert len(view.items) == 12
    for item in view.items:
        line = lines[item.id]
        marked = {category.label for category, c in zip(view.categories, line[2:], strict=False) if c.value == "●"}
        assert marked == {category.label for category in item.categories}
        assert (line[1].value, line[2 + len(view.categories)].value) == (item.text, item.basis.label)
        assert line[4 + len(view.categories)].value == (", ".join(item.rows) or None)
        assert {c.fill.fgColor.rgb for c in line[: 6 + len(view.categories)]} == {fills[item.basis.code]}
    summaries = {c.value for row in ws.iter_rows() for c in row}
    assert all(category.summary in summaries for category in view.categories)


def test_a_block_is_laid_out_once_and_linked_from_the_other_parts(formulas: dict[tuple[str, str], Workbook]) -> None:
    book = formulas["bundled", "nl"]
    ws = book["Vraag 1"]
    title = "Indeling: Hoe elke taak georganiseerd wordt"
    start = next(c.row for row in ws.iter_rows() for c in row if c.value == title)
    links = [c for row in ws.iter_rows() for c in row if c.hyperlink and "Hoe elke taak" in str(c.value)]
    assert [c.value for c in links] == ["Ook beantwoord door “Hoe elke taak georganiseerd wordt”: zie vraag 1a."] * 2
    assert {c.hyperlink.location for c in links} == {f"'Vraag 1'!A{start}"}
    table_links = [c for row in book["Vraag 2"].iter_rows() for c in row if c.hyperlink]
    assert len(table_links) == 4  # 2a shows the table and links to its rows sheet; 2b-2d link back to 2a
    assert table_links[0].hyperlink.location == "'Overzicht van de oproepen en…'!A1"


def test_figures_are_numbers_with_their_unit_and_a_chart_where_the_analysis_asks(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    for name in ("matrix", "studies"):
        brief, book = briefs[name, "nl"], formulas[name, "nl"]
        for part in brief.parts:
            ws = book[f"Vraag {part.part_id}"]
            views = [brief.block(b) for b in part.block_ids if isinstance(brief.block(b), FiguresView)]
            figures = [f for view in views if isinstance(view, FiguresView) for f in view.figures]
            lines = {row[0].value: row for row in ws.iter_rows() if row[0].value in {f.id for f in figures}}
            for figure in figures:
                line = lines[figure.id]
                assert line[2].value == f"“{figure.text}”" and D(str(line[3].value)) == figure.value
                assert ("€" in line[3].number_format) == (figure.unit.code == "eur")
            charts = sum(1 for view in views if isinstance(view, FiguresView) and view.chart)
            assert len(ws._charts) == charts, ws.title
    assert len(formulas["matrix", "nl"]["Vraag 1"]._charts) == 1  # 15 cells and 4 totals, all in euro
    assert len(formulas["studies", "nl"]["Vraag 1"]._charts) == 0  # counts and euro: no common axis
    # Three figures labelled alike: the chart's bars say which year each is.
    ws = formulas["matrix", "nl"]["Vraag 2"]
    (chart,) = ws._charts
    categories = chart.series[0].cat
    first, last = (categories.numRef or categories.strRef).f.split("!")[1].replace("$", "").split(":")
    assert [c.value for (c,) in ws[first:last]] == [f"Goedgekeurde dossiers, {year}" for year in (2020, 2021, 2022)]
    assert chart.y_axis.scaling.min == 0


def test_text_blocks_quote_their_passages_with_lines_and_summaries(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    brief, book = briefs["textonly", "nl"], formulas["textonly", "nl"]
    for part in brief.parts:
        ws = book[f"Vraag {part.part_id}"]
        lines = {row[0].value: row for row in ws.iter_rows()}
        for view in (brief.block(b) for b in part.block_ids):
            if not isinstance(view, TextView):
                continue
            for point in view.points:
                line, first, last = (
                    lines[point.evidence.passage_id],
                    point.evidence.first_line,
                    point.evidence.last_line,
                )
                where = f"regel {first}" if first == last else f"regels {first}-{last}"
                assert [c.value for c in line[1:4]] == [f"“{point.evidence.text}”", where, point.summary]


# --- the sheets of rows ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", WITH_TABLES)
def test_each_table_is_an_excel_table_with_filter_and_bands(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook], name: str
) -> None:
    brief, book = briefs[name, "nl"], formulas[name, "nl"]
    sheets = list(rows_sheets(brief, book))
    assert len(sheets) == {"bundled": 1, "studies": 2}[name]
    for view, ws in sheets:
        (table,) = ws.tables.values()
        headers = [c.value for c in ws[4]]
        assert table.ref == f"A4:{ws.cell(4, len(headers)).column_letter}{4 + len(view.row_ids)}"
        assert table.autoFilter.ref == table.ref
        assert table.tableStyleInfo.name == "TableStyleMedium2" and table.tableStyleInfo.showRowStripes
        assert [c.value for c in ws["A"][4 : 4 + len(view.row_ids)]] == list(view.row_ids)
        assert [grouping.label for grouping in view.groupings] == headers[3 : 3 + len(view.groupings)]
        assert ("Procedure (2e)" in headers) == (name == "studies")
        assert {"Bedrag (€, 2d)", "Btw-basis", "Bedrag excl. btw (€)", "Begunstigde (2c)"} <= set(headers)
        assert ws.freeze_panes == "B5" and ws.print_title_rows == "$4:$4"


def test_bundled_table_gives_the_sources_figures(cached: dict[tuple[str, str], dict[str, Grid]]) -> None:
    """Subsidy calls 315.342,98 without VAT statement, public contracts 350.371,57 excl. VAT; 17 rows, 2 pending."""
    grid = cached["bundled", "nl"]["Overzicht van de oproepen en…"]
    columns, lines = table_below(grid, "ID", 1)
    assert len(lines) == 17
    assert sum(1 for line in lines if line[columns["Status"]] == "In procedure") == 2
    totals = totals_lines(grid, "nl")
    calls, contracts = totals[("Subsidieoproep", "btw niet vermeld")], totals[("Overheidsopdracht", "excl. btw")]
    assert (cents(calls["Bedrag (€)"]), cents(contracts["Bedrag (€)"])) == (D("315342.98"), D("350371.57"))
    assert (contracts["In procedure"], cents(contracts["Incl. btw, raming (€)"])) == ("2", D("423949.60"))
    deloitte = next(line for line in cached["bundled", "nl"]["Per begunstigde"] if line[0] == "Deloitte Consulting")
    assert (deloitte[1], deloitte[2], cents(deloitte[4])) == ("4", "4", D("117760.00"))


def totals_lines(grid: Grid, lang: str) -> dict[tuple[str, str], dict[str, str]]:
    """The totals block below a table of rows: (kind, VAT basis) -> header -> value."""
    columns, lines = table_below(grid, tr(lang, "Kind (as in the table)"))
    kind, vat = columns[tr(lang, "Kind (as in the table)")], columns[tr(lang, "VAT basis")]
    return {
        (line[kind], line[vat]): {header: line[index] for header, index in columns.items()}
        for line in lines
        if line[vat]
    }


def test_amounts_incl_vat_are_converted_by_a_live_formula(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    """Studies: every amount is incl. VAT; the amount excl. VAT divides by 1.21 and rounds to the cent."""
    brief, book = briefs["studies", "nl"], formulas["studies", "nl"]
    values = openpyxl.load_workbook(io.BytesIO(render_workbook(brief, timestamp=TIMESTAMP)), data_only=True)
    converted = {}
    for view, ws in rows_sheets(brief, book):
        excl = [c.value for c in ws[4]].index("Bedrag excl. btw (€)") + 1
        amount = [c.value for c in ws[4]].index("Bedrag (€, 2d)") + 1
        for r, row_id in enumerate(view.row_ids, start=5):
            row = brief.row(row_id)
            formula = ws.cell(r, excl).value
            if row.amount is None:
                assert formula is None, row_id
                continue
            assert formula == f"=ROUND({ws.cell(r, amount).coordinate}/(1+VAT_rate),2)", row_id
            converted[row_id] = D(str(values[ws.title].cell(r, excl).value)).quantize(CENT)
            assert converted[row_id] == row.amount_excl_vat
    # The four awards to one supplier, each just under 30.000 euro excl. VAT (the source's 36.300 incl. VAT).
    assert [converted[i] for i in ("A03", "A04", "B04", "B05")] == [D("29700.00"), D("29800.00"), D("29500.00"),
                                                                    D("29950.00")]  # fmt: skip
    assert "VAT_rate" in book.defined_names


def test_rows_in_procedure_are_empty_not_zero(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    for name in WITH_TABLES:
        brief = briefs[name, "nl"]
        for view, ws in rows_sheets(brief, formulas[name, "nl"]):
            headers = [c.value for c in ws[4]]
            empty = ("Begin (2b)", "Einde (2b)", "Begunstigde (2c)", "Bedrag (€, 2d)", "Bedrag excl. btw (€)")
            for r, row_id in enumerate(view.row_ids, start=5):
                if brief.row(row_id).status.code == "in_procedure":
                    assert [ws.cell(r, headers.index(h) + 1).value for h in empty] == [None] * 5, row_id
                    assert ws.cell(r, headers.index("Status") + 1).value == "In procedure"


def test_real_types_and_formats(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    brief = briefs["bundled", "nl"]
    ((view, ws),) = rows_sheets(brief, formulas["bundled", "nl"])
    headers = [c.value for c in ws[4]]

    def at(header: str, row_id: str) -> openpyxl.cell.Cell:
        return ws.cell(5 + view.row_ids.index(row_id), headers.index(header) + 1)

    amount, start, count = at("Bedrag (€, 2d)", "R01"), at("Begin (2b)", "R01"), at("Aantal begunstigden", "R01")
    assert amount.data_type == "n" and amount.value == 275342.98
    assert "€" in amount.number_format and "#,##0.00" in amount.number_format
    assert start.is_date and start.value.date() == dt.date(2017, 12, 1)
    assert count.value == 14 and isinstance(count.value, int)
    assert at("Pijler", "R03").value == "Pijler 2\nPijler 4"  # a grouping with several values: one per line
    month = next(row.id for row in brief.rows if row.precision == "month")
    assert "mmmm yyyy" in at("Begin (2b)", month).number_format  # the source gave months, not days


def test_columns_fit_their_figures(formulas: dict[tuple[str, str], Workbook]) -> None:
    for key in (("bundled", "nl"), ("studies", "nl"), ("matrix", "nl")):
        values = openpyxl.load_workbook(io.BytesIO(render_workbook_of(key)), data_only=True)
        for ws in formulas[key].worksheets:
            for row in values[ws.title].iter_rows():
                for c in row:
                    if isinstance(c.value, float) and "€" in c.number_format:
                        width = ws.column_dimensions[c.column_letter].width
                        assert width >= len(f"{c.value:,.2f} €") + 1, (key, ws.title, c.coordinate)


def render_workbook_of(key: tuple[str, str]) -> bytes:
    name, lang = key
    return render_workbook(analyse(load_dataset(FOLDERS[name]), lang), timestamp=TIMESTAMP)


def test_totals_are_live_formulas_that_compare_exactly(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    book = formulas["bundled", "nl"]
    found = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert '=SUMPRODUCT(--EXACT(Rows_T_ROWS_kind,"Overheidsopdracht"),Rows_T_ROWS_excl)' in found
    assert ('=SUMPRODUCT(--EXACT(Rows_T_ROWS_kind,"Subsidieoproep"),'
            '--EXACT(Rows_T_ROWS_vat,"btw niet vermeld"),Rows_T_ROWS_amount)') in found  # fmt: skip
    assert "=SUBTOTAL(103,Rows_T_ROWS_id)" in found
    # A criterion reads wildcards and operators in a name: no formula uses one.
    assert [f for f in found if "COUNTIF" in f or "SUMIF" in f] == []
    ws = book["Per begunstigde"]
    totals = briefs["bundled", "nl"].totals
    assert totals is not None
    for r in range(5, 5 + len(totals.per_beneficiary)):
        for col in range(2, 6):  # rows, awarded rows, and the amount of each money column
            assert f"--EXACT(Rows_T_ROWS_beneficiary,A{r})" in ws.cell(r, col).value, ws.cell(r, col).coordinate


@pytest.mark.parametrize("name", WITH_TABLES)
def test_money_columns_are_never_added_across_kinds_or_vat_bases(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook], name: str
) -> None:
    """On the group sheets each amount column is one kind on one VAT basis, and its formulas pick only that."""
    brief, book = briefs[name, "nl"], formulas[name, "nl"]
    assert brief.totals is not None
    kinds = kind_labels(brief)
    for title in ("Per begunstigde", *(f"Per {g.grouping.label.lower()}" for g in brief.totals.per_grouping)):
        ws = book[title]
        headers = [c.value for c in ws[4]]
        expected = [f"{column.kind.label} (€, {column.vat_basis.label})" for column in brief.totals.columns]
        assert headers[3 : 3 + len(expected)] == expected
        for col, column in enumerate(brief.totals.columns, start=4):
            for (c,) in ws.iter_rows(min_row=5, min_col=col, max_col=col):
                if c.data_type != "f" or c.value.startswith("=SUM("):
                    continue
                assert set(re.findall(r'_kind,"([^"]*)"', c.value)) == {kinds[column.kind.code]}, (title, c.coordinate)
                on_basis = "_excl)" in c.value if column.vat_basis.code == "excl_vat" else \
                    f'_vat,"{column.vat_basis.label}"' in c.value  # fmt: skip
                assert on_basis, (title, c.coordinate)


def test_overlapping_groups_are_said_and_not_added(
    briefs: dict[tuple[str, str], Brief], cached: dict[tuple[str, str], dict[str, Grid]]
) -> None:
    brief = briefs["bundled", "nl"]
    assert brief.totals is not None
    (pillars,) = (g for g in brief.totals.per_grouping if g.multiple)
    grid = cached["bundled", "nl"]["Per pijler"]
    assert pillars.note in grid[1][0]
    last = grid[4 + len(pillars.groups)]
    assert last[:3] == ["Elke rij één keer (de groepen overlappen)", "17", "15"]
    assert sum(group.rows for group in pillars.groups) > pillars.total.rows  # the groups do overlap


def test_timeline_marks_the_date_asked(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    for name in WITH_TABLES:
        brief, ws = briefs[name, "nl"], formulas[name, "nl"]["Tijdlijn"]
        timeline = brief.timeline
        assert timeline is not None
        months = [ws.cell(5, col).value for col in range(7, 7 + len(timeline.months))]
        assert [month.date() for month in months] == list(timeline.months)
        asked = 7 + timeline.months.index(timeline.date_asked.replace(day=1))
        assert ws.cell(5, asked).fill.fgColor.rgb == "00C00000"
        assert ws.cell(6, asked).border.left.style == "medium"
        rules = [rule for formatting in ws.conditional_formatting for rule in formatting.rules]
        assert len(rules) == len(kind_labels(brief))
        assert [ws.cell(r, 1).value for r in range(6, 6 + len(brief.rows))] == [row.id for row in brief.rows]


def test_group_charts_show_the_largest_groups_and_the_others_together(odd_names: Brief) -> None:
    """Thirteen beneficiaries: the chart shows the ten largest and one bar for the three others."""
    assert odd_names.totals is not None and len(odd_names.totals.per_beneficiary) == 13
    ws = openpyxl.load_workbook(io.BytesIO(render_workbook(odd_names, timestamp=TIMESTAMP)))["Per begunstigde"]
    (chart,) = ws._charts
    labels = [c.value for (c,) in ws.iter_rows(min_row=5, max_row=15, min_col=8, max_col=8)]
    assert labels[-1] == "Andere (3)" and len(labels) == 11
    categories = chart.series[0].cat
    assert (categories.numRef or categories.strRef).f == "'Per begunstigde'!$H$5:$H$15"
    assert [s.val.numRef.f for s in chart.series] == ["'Per begunstigde'!$I$5:$I$15", "'Per begunstigde'!$J$5:$J$15"]


# --- overview ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FOLDERS))
def test_overview_covers_every_part_and_subpart(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook], name: str
) -> None:
    brief, ws = briefs[name, "nl"], formulas[name, "nl"]["Overzicht"]
    header = next(
        row[0].row for row in ws.iter_rows() if row[0].value == "Nr." and row[1].value == "Vraag (letterlijk)"
    )
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=header + 1, max_row=header + len(brief.coverage))]
    expected = [
        [shown_id(part.part_id) if part.parent_id is None else f"   {part.part_id}", f"“{part.question}”",
         part.status.label, part.basis.label, part.reason or None]
        for part in brief.coverage
    ]  # fmt: skip
    assert [line[:5] for line in lines] == expected
    links = [ws.cell(r, 1).hyperlink.location for r in range(header + 1, header + 1 + len(brief.coverage))]
    assert all(link.startswith(f"'Vraag {part.parent_id or part.part_id}'!A") for link, part in
               zip(links, brief.coverage, strict=True))  # fmt: skip
    pairs = {(row[0].value, str(row[1].value)) for row in ws.iter_rows()}
    assert all((point.label, point.value) in pairs for point in brief.key_points)


def shown_id(part_id: str) -> int | str:
    """A part's number as the workbook writes it where it is only shown: "1" a number, "1a" text."""
    return int(part_id) if part_id.isdecimal() else part_id


def key_point_cells(ws: Worksheet) -> dict[str, tuple[object, str]]:
    """The key points of an overview sheet: each label's value and the value's cell type."""
    rows = list(ws.iter_rows(max_col=2))
    start = next(n for n, row in enumerate(rows) if row[0].value in ("Kernpunten", "Key points")) + 1
    points = {}
    for label, value in rows[start:]:
        if label.value is None:
            break
        points[str(label.value)] = (value.value, value.data_type)
    return points


def test_key_point_counts_are_numbers_and_parts_are_named(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    # SV 221: the answer leaves four of the tasks of question 1 unaddressed (A1.1, A3.1, A4.3, A5.3),
    # and the indicators flag four points (7 awards below the threshold, two clusters, the concentration).
    points = key_point_cells(formulas["bundled", "nl"]["Overzicht"])
    assert points["Niet behandeld in het antwoord: Hoe elke taak georganiseerd wordt"] == (4, "n")
    assert points["Aandachtspunten"] == (4, "n")
    assert points["Niet volledig beantwoord"] == ("vragen 1, 1a, 1b, 1c, 2 en 2b", "s")
    # The engine says which key points are counts; the workbook writes those, and only those, as numbers.
    counts = {point.label: point.count for point in briefs["bundled", "nl"].key_points}
    assert counts["Aandachtspunten"] == 4 and counts["Niet volledig beantwoord"] is None
    assert counts["Subsidieoproepen (btw niet vermeld)"] is None  # an amount, written as text: "€ 315.342,98"
    # The matrix fixture leaves part 2 open: "2" names a part, it is no count.
    points = key_point_cells(formulas["matrix", "nl"]["Overzicht"])
    assert points["Niet volledig beantwoord"] == ("vraag 2", "s") and points["Aandachtspunten"] == (0, "n")
    points = key_point_cells(formulas["matrix", "en"]["Overview"])
    assert points["Not fully answered"] == ("part 2", "s")


def test_part_numbers_shown_are_numbers_that_no_formula_compares(formulas: dict[tuple[str, str], Workbook]) -> None:
    # Excel flags "number stored as text" on a cell holding "1": a part's number that is only shown is a number
    # cell shown as "1", left-aligned like the text around it; "1a" stays text. The studies fixture has parts 1-4.
    book = formulas["studies", "nl"]
    overview, method = book["Overzicht"], book["Bronnen en methode"]
    links = {cell.value: cell for cell in overview["A"] if cell.hyperlink is not None and cell.data_type == "n"}
    assert sorted(links) == [1, 2, 3, 4]
    assert all(c.number_format == "0" and c.alignment.horizontal == "left" for c in links.values())
    assert links[3].hyperlink.location.startswith("'Vraag 3'!A")
    assert {cell.value for cell in overview["A"] if isinstance(cell.value, str) and cell.value.startswith("   ")} == {
        "   2a", "   2b", "   2c", "   2d", "   2e"}  # fmt: skip
    passages = [row[2].value for row in method.iter_rows(min_row=7, max_row=10)]
    assert passages == [1, 2, 2, 3]
    follow_up = book["Vervolgvragen"]
    assert (follow_up["C5"].value, follow_up["C5"].data_type) == (3, "n")
    # The formulas compare names (the by-year column, the year on the sheet of years) as text, never these cells.
    cited = {ref for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.data_type == "f"
             for ref in re.findall(r"'?(Overzicht|Bronnen en methode|Vervolgvragen)'?!", str(cell.value))}  # fmt: skip
    assert cited == set()
    assert all(cell.data_type == "s" for cell in book["Per jaar"]["A"][4:7])


@pytest.mark.parametrize("key", list(SHEETS), ids="-".join)
def test_overview_links_to_every_sheet(formulas: dict[tuple[str, str], Workbook], key: tuple[str, str]) -> None:
    ws = formulas[key].worksheets[0]
    section = next(row[0].row for row in ws.iter_rows() if row[0].value in ("De bladen van deze werkmap",
                                                                           "The sheets of this workbook"))  # fmt: skip
    links = [ws.cell(r, 1).hyperlink.location for r in range(section + 1, section + 1 + len(SHEETS[key]))]
    assert links == [f"'{name}'!A1" for name in SHEETS[key]]


def test_overview_key_figures_are_live_per_kind_and_vat_basis(formulas: dict[tuple[str, str], Workbook]) -> None:
    ws = formulas["studies", "nl"]["Overzicht"]
    lines = {row[0].value: row[1].value for row in ws.iter_rows() if row[1].data_type == "f"}
    assert set(lines) == {"Beleidsvoorbereidende studies (incl. btw)", "Evaluatiestudies (incl. btw)"}
    assert lines["Evaluatiestudies (incl. btw)"] == (
        '=SUMPRODUCT(--EXACT(Rows_T_EVALUATION_kind,"Evaluatiestudie"),'
        '--EXACT(Rows_T_EVALUATION_vat,"incl. btw"),Rows_T_EVALUATION_amount)'
    )


# --- every sheet ------------------------------------------------------------------------------------


def test_print_setup_on_every_sheet(formulas: dict[tuple[str, str], Workbook]) -> None:
    for book in formulas.values():
        for ws in book.worksheets:
            assert ws.page_setup.orientation == "landscape", ws.title
            assert ws.page_setup.paperSize == 9  # A4
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.oddFooter.center.text == "&P / &N"
            assert ws.column_dimensions["A"].width, ws.title


def test_document_properties(briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]) -> None:
    for lang in ("nl", "en"):
        brief, props = briefs["bundled", lang], formulas["bundled", lang].properties
        assert props.title == f"{brief.header.reference}: {brief.header.title}"
        assert props.subject and "sebrief" in props.keywords and brief.header.reference in props.keywords
        assert props.language == {"nl": "nl-BE", "en": "en-GB"}[lang]
        assert props.creator == props.lastModifiedBy == "sebrief"
        assert props.created == props.modified == TIMESTAMP.replace(tzinfo=None)
        assert formulas["bundled", lang].calculation.fullCalcOnLoad


def test_points_of_attention_are_signals_with_definition_and_source(
    briefs: dict[tuple[str, str], Brief], formulas: dict[tuple[str, str], Workbook]
) -> None:
    brief, ws = briefs["studies", "nl"], formulas["studies", "nl"]["Aandachtspunten"]
    assert ws.cell(4, 3).value == "Aandachtspunt" and len(brief.signals) == 3
    for number, signal in enumerate(brief.signals, start=1):
        assert [ws.cell(4 + number, col).value for col in (1, 3, 8, 9)] == [number, signal.title, signal.definition,
                                                                             signal.source]  # fmt: skip


def test_follow_up_questions_name_points_of_attention_by_their_number(
    formulas: dict[tuple[str, str], Workbook],
) -> None:
    ws = formulas["bundled", "nl"]["Vervolgvragen"]
    follows = [str(ws.cell(r, 3).value) for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value]
    texts = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "S-" not in texts, "an internal id of a point of attention is shown"
    # SV 221's third point of attention: the four awards to Deloitte Consulting (R03-R06).
    assert "Aandachtspunt 3, R03, R04, R05, R06" in follows
    numbers = formulas["bundled", "nl"]["Aandachtspunten"]
    assert (numbers.cell(7, 1).value, numbers.cell(7, 6).value) == (3, "Deloitte Consulting")


@pytest.fixture(scope="module")
def injected(briefs: dict[tuple[str, str], Brief]) -> bytes:
    """A workbook whose descriptions look like formulas."""
    brief = briefs["bundled", "nl"]
    rows = tuple(dataclasses.replace(row, description=INJECTIONS.get(row.id, row.description)) for row in brief.rows)
    return render_workbook(dataclasses.replace(brief, rows=rows), timestamp=TIMESTAMP)


def test_formula_like_text_stays_text(injected: bytes) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(injected))["Overzicht van de oproepen en…"]
    for r, text in enumerate(INJECTIONS.values(), start=5):
        assert (ws.cell(r, 3).value, ws.cell(r, 3).data_type) == (text, "s")
    with zipfile.ZipFile(io.BytesIO(injected)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any("<f>SUM(1,2)</f>" in xml or "<f>cmd</f>" in xml for xml in sheets)
    frame = pd.read_excel(io.BytesIO(injected), sheet_name="Overzicht van de oproepen en…", header=3, nrows=17)
    assert list(frame.iloc[:4, 2]) == list(INJECTIONS.values())


# --- language -------------------------------------------------------------------------------------


def catalog() -> dict[str, str]:
    with CATALOG.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and isinstance(m.string, str) and m.id}


def test_every_workbook_label_is_translated() -> None:
    assert [message for message, translation in catalog().items() if not translation] == []


def test_no_english_label_in_the_dutch_workbooks(workbooks: dict[tuple[str, str], bytes]) -> None:
    english = {m for m, s in catalog().items() if m != s and "{" not in m}
    for (name, lang), data in workbooks.items():
        if lang != "nl":
            continue
        texts = {
            c.value
            for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str)
        }
        assert sorted(texts & english) == [], name


# --- reproducibility and writing --------------------------------------------------------------------


def test_same_brief_gives_the_same_bytes(
    briefs: dict[tuple[str, str], Brief], workbooks: dict[tuple[str, str], bytes]
) -> None:
    for key in (("bundled", "nl"), ("studies", "en")):
        assert render_workbook(briefs[key], timestamp=TIMESTAMP) == workbooks[key]
    with zipfile.ZipFile(io.BytesIO(workbooks["bundled", "nl"])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2018, 1, 19, 0, 0, 0)}


def core_dates(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", archive.read("docProps/core.xml").decode())


def test_source_date_epoch_sets_the_dates(
    briefs: dict[tuple[str, str], Brief], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    data = render_workbook(briefs["bundled", "nl"], timestamp=build_timestamp(dt.date(2018, 1, 19)))
    assert core_dates(data) == ["2023-11-14T22:13:20Z"] * 2
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    default = render_workbook(briefs["bundled", "nl"], timestamp=build_timestamp(dt.date(2018, 1, 19)))
    assert core_dates(default) == ["2018-01-19T00:00:00Z"] * 2


def test_cli_writes_dutch_by_default_and_english_on_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    runner = CliRunner()
    result = runner.invoke(main, ["xlsx"])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote reports/sv-221-2017-2018.xlsx\n"
    result = runner.invoke(main, ["xlsx", str(FOLDERS["studies"]), "--lang", "en", "-o", "out/en.xlsx"])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(tmp_path / "reports" / "sv-221-2017-2018.xlsx").sheetnames == SHEETS["bundled", "nl"]
    english = openpyxl.load_workbook(tmp_path / "out" / "en.xlsx").sheetnames
    assert english[:5] == ["Overview", "Question 1", "Question 2", "Question 3", "Question 4"]


def test_failed_render_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.xlsx"
    target.write_bytes(b"the previous workbook")

    def broken(brief: Brief, *, timestamp: dt.datetime, **options: object) -> bytes:
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
        subprocess.run([sys.executable, "-m", "sebrief", "xlsx", str(FOLDERS["studies"]), "-o", str(target)],
                       env=env, check=True, capture_output=True, timeout=120)  # fmt: skip
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


# --- names that COUNTIFS/SUMIFS would read as criteria ---------------------------------------

# New beneficiaries of some rows: wildcards (* ? ~), comparison operators (= < >), markup and a name
# that differs from another only in case. Each is also written into the source, where the row's
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


def edit_rows(path: Path, updates: dict[str, dict[str, str]]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or ()), [{**row, **updates.get(row["id"], {})} for row in reader]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


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
    edit_rows(folder / "rows.csv", {row_id: {"beneficiary": name} for row_id, name in ODD_NAMES.items()})
    brief = analyse(load_dataset(folder), "nl")
    assert brief.totals is not None
    groups = {group.label: group for group in brief.totals.per_beneficiary}
    assert {name: groups[name].rows for name in ODD_NAMES.values()} == dict.fromkeys(ODD_NAMES.values(), 1)
    assert groups["Pantarein*"].amounts[1] == D("6835.00")
    assert (groups["Pantarein"].rows, groups["Smals"].rows, groups["Cronos"].rows) == (1, 1, 1)
    return brief


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Brief:
    """The bundled question where one public contract (R03) is given incl. VAT: its kind mixes both VAT bases,
    so its total is excl. VAT with that amount converted. Analysed against the bundled question as its
    previous version, so its workbook has a sheet of changes."""
    folder = tmp_path_factory.mktemp("mixed") / "dataset"
    shutil.copytree(BUNDLED, folder)
    source = (folder / "source.txt").read_text(encoding="utf-8")
    (folder / "source.txt").write_text(source.replace("(excl. BTW)", "(incl. BTW)", 1), encoding="utf-8")
    edit_rows(folder / "rows.csv", {"R03": {"vat_basis": "incl_vat", "vat_text": "(incl. BTW)"}})
    brief = analyse(load_dataset(folder), "nl", previous=load_dataset(BUNDLED))
    assert brief.row("R03").amount_excl_vat == D("24330.58")  # 29.440 / 1,21
    assert brief.totals is not None and brief.totals.conversion_note is not None
    return brief


def test_a_kind_on_both_vat_bases_is_totalled_excl_vat_with_conversions_said(mixed: Brief) -> None:
    data = render_workbook(mixed, timestamp=TIMESTAMP)
    grid = grids(openpyxl.load_workbook(io.BytesIO(data), data_only=True))["Overzicht van de oproepen en…"]
    contracts = totals_lines(grid, "nl")[("Overheidsopdracht", "excl. btw")]
    assert (contracts["Waarvan omgerekend uit incl. btw"], contracts["Rijen met een bedrag op deze basis"]) == (
        "1",
        "13",
    )
    assert cents(contracts["Bedrag (€)"]) == D("350371.57") - D("29440.00") + D("24330.58")
    assert any(mixed.totals and mixed.totals.conversion_note in line for line in grid)


def test_tables_whose_rows_are_all_in_procedure_have_counts_and_no_amounts(tmp_path: Path) -> None:
    """The studies with every row still in procedure: no amount, no period, so no money column, no chart of
    amounts, no timeline; the rows are counted per year."""
    folder = tmp_path / "pending"
    shutil.copytree(FOLDERS["studies"], folder)
    pending = {
        "period_start": "", "period_end": "", "period_precision": "", "period_text": "/", "status": "in_procedure",
        "beneficiary": "", "amount": "", "amount_text": "/", "vat_basis": "not_stated", "vat_text": "",
    }  # fmt: skip
    for table in ("policy.csv", "evaluation.csv"):
        with (folder / table).open(encoding="utf-8", newline="") as handle:
            ids = [row["id"] for row in csv.DictReader(handle)]
        edit_rows(folder / table, dict.fromkeys(ids, pending))
    brief = analyse(load_dataset(folder), "nl")
    assert brief.totals is not None and brief.totals.columns == () and brief.timeline is None
    data = render_workbook(brief, timestamp=TIMESTAMP)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [name for name in SHEETS["studies", "nl"] if name not in ("Per begunstigde", "Tijdlijn")]
    assert book["Per jaar"]._charts == []
    years = grids(openpyxl.load_workbook(io.BytesIO(data), data_only=True))["Per jaar"]
    assert {line[0]: line[1:3] for line in years[4:8]} == {"2021": ["5", "0"], "2022": ["6", "0"], "2023": ["4", "0"],
                                                           "Totaal": ["15", "0"]}  # fmt: skip


def test_changes_since_a_previous_version_come_second(mixed: Brief) -> None:
    assert mixed.changes is not None
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(mixed, timestamp=TIMESTAMP)))
    assert book.sheetnames[:3] == ["Overzicht", "Wijzigingen", "Vraag 1"]
    ws = book["Wijzigingen"]
    lines = {row[0].value: row for row in ws.iter_rows(min_row=5) if row[0].value}
    for figure in mixed.changes.figures:
        line = lines[figure.label]
        assert [D(str(c.value)) for c in line[1:3]] == [figure.previous, figure.current], figure.label
        assert line[3].value == "=C{0}-B{0}".format(line[0].row)
    assert lines["Overheidsopdrachten (incl. btw)"][2].value == 29440  # R03, now given incl. VAT
    texts = {c.value for row in ws.iter_rows() for c in row}
    assert all(line.text in texts for line in mixed.changes.lines) and mixed.changes.lines
    overview = book["Overzicht"]
    assert any(c.hyperlink and c.hyperlink.location == "'Wijzigingen'!A1" for row in overview.iter_rows() for c in row)


def test_odd_names_are_text_in_the_workbook(odd_names: Brief) -> None:
    assert odd_names.totals is not None
    ws = openpyxl.load_workbook(io.BytesIO(render_workbook(odd_names, timestamp=TIMESTAMP)))["Per begunstigde"]
    labels = {ws.cell(r, 1).value: ws.cell(r, 1).data_type for r in range(5, 5 + len(odd_names.totals.per_beneficiary))}
    assert {name: labels[name] for name in ODD_NAMES.values()} == dict.fromkeys(ODD_NAMES.values(), "s")


# --- a large table ----------------------------------------------------------------------------

LARGE_ROWS = 3000


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Brief:
    """The bundled question grown to 3,000 rows by benchmarks/grow.py, awarded to 164 suppliers: more rows than
    the timeline shows one by one, more beneficiaries than a sheet lists."""
    folder = grow(LARGE_ROWS, tmp_path_factory.mktemp("large") / "dataset")
    brief = analyse(load_dataset(folder), "nl")
    assert len(brief.rows) == LARGE_ROWS > GRID_ROWS
    assert brief.totals is not None and len(brief.totals.per_beneficiary) > GROUP_LINES + CHART_BARS
    return brief


@pytest.fixture(scope="module")
def large_workbook(large: Brief) -> bytes:
    return render_workbook(large, timestamp=TIMESTAMP)


@pytest.fixture(scope="module")
def large_book(large_workbook: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(large_workbook))


@pytest.fixture(scope="module")
def large_values(large_workbook: bytes) -> dict[str, Grid]:
    return grids(openpyxl.load_workbook(io.BytesIO(large_workbook), data_only=True))


def test_a_large_table_has_every_row_and_live_totals_over_all_of_them(
    large: Brief, large_book: Workbook, large_values: dict[str, Grid]
) -> None:
    assert large_book.sheetnames == SHEETS["bundled", "nl"]
    ((view, ws),) = rows_sheets(large, large_book)
    last = 4 + LARGE_ROWS
    (table,) = ws.tables.values()
    columns, lines = table_below(large_values[ws.title], "ID", 1)
    assert table.ref == f"A4:{ws.cell(4, len(columns)).column_letter}{last}" == table.autoFilter.ref
    assert [line[0] for line in lines] == list(view.row_ids) and len(lines) == LARGE_ROWS
    amount, excl = columns["Bedrag (€, 2d)"], columns["Bedrag excl. btw (€)"]
    by_id = {row.id: row for row in large.rows}
    rows = [by_id[row_id] for row_id in view.row_ids]
    assert [cents(line[amount]) if line[amount] else None for line in lines] == [row.amount for row in rows]
    assert [cents(line[excl]) if line[excl] else None for line in lines] == [row.amount_excl_vat for row in rows]
    shown = len(columns)
    assert all(ws.cell(r, shown).value == f"=SUBTOTAL(103,A{r})" for r in range(5, last + 1))
    # The totals read every row: the defined names span the whole table.
    letter = ws.cell(4, amount + 1).column_letter
    assert large_book.defined_names["Rows_T_ROWS_amount"].attr_text == f"'{ws.title}'!${letter}$5:${letter}${last}"
    totals = totals_lines(large_values[ws.title], "nl")
    kinds = kind_labels(large)
    for kind in view.totals.per_kind:
        for money in kind.amounts:
            line = totals[(kinds[kind.kind.code], money.column.vat_basis.label)]
            counted = int(line["Rijen met een bedrag op deze basis"])
            assert (cents(line["Bedrag (€)"]), counted) == (money.amount, money.rows)


def month_counts(brief: Brief) -> dict[str, list[tuple[int, int, int]]]:
    """Per kind label, per month of the timeline: the rows whose period starts in it, those whose period ends in
    it, and those whose period shares a day with it."""
    assert brief.timeline is not None
    out: dict[str, list[tuple[int, int, int]]] = {}
    for label in dict.fromkeys(row.kind.label for row in brief.rows):
        periods = [(row.start, row.end) for row in brief.rows if row.kind.label == label and row.start and row.end]
        counts = []
        for first in brief.timeline.months:
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            starting = sum(1 for start, _ in periods if first <= start <= last)
            ending = sum(1 for _, end in periods if first <= end <= last)
            running = sum(1 for start, end in periods if start <= last and end >= first)
            counts.append((starting, ending, running))
        out[label] = counts
    return out


def month_lines(grid: Grid, brief: Brief) -> dict[str, list[tuple[int, int, int]]]:
    """The counts on the timeline sheet, per kind label (three columns per kind, a line per month)."""
    assert brief.timeline is not None
    header = grid[4]
    lines = grid[5 : 5 + len(brief.timeline.months)]
    out = {}
    for col in range(1, len([text for text in header if text]), 3):
        label = header[col].removesuffix(": begint in de maand")
        assert header[col + 1 : col + 3] == [f"{label}: eindigt in de maand", f"{label}: loopt in de maand"]
        out[label] = [(int(line[col]), int(line[col + 1]), int(line[col + 2])) for line in lines]
    return out


def test_a_large_timeline_counts_the_rows_per_month_and_says_so(
    large: Brief, large_book: Workbook, large_values: dict[str, Grid]
) -> None:
    """Above the size of a readable grid: a line per month with the rows starting, ending and running per kind, a
    chart, and a note that says why."""
    timeline = large.timeline
    assert timeline is not None
    ws, grid = large_book["Tijdlijn"], large_values["Tijdlijn"]
    assert "3.000 rijen" in grid[1][0] and "maandrooster" in grid[1][0]
    assert ws.cell(5, 1).value == "Maand"
    months = [ws.cell(r, 1).value.date() for r in range(6, 6 + len(timeline.months))]
    assert months == list(timeline.months)
    assert month_lines(grid, large) == month_counts(large)
    assert sum(running for counts in month_counts(large).values() for _, _, running in counts) > LARGE_ROWS
    asked = 6 + timeline.months.index(timeline.date_asked.replace(day=1))
    assert ws.cell(asked, 1).fill.fgColor.rgb == "00C00000"
    assert list(ws.conditional_formatting) == [] and ws.max_row < 6 + len(timeline.months) + 12
    (chart,) = ws._charts
    assert len(chart.series) == len(month_counts(large))
    # Per kind, the starts and the ends are each one array formula over the whole table (not one per month), and
    # the rows running follow from them month by month.
    last = 5 + len(timeline.months)
    for col in range(2, 2 + 3 * len(month_counts(large)), 3):
        for offset in (0, 1):
            anchor = ws.cell(6, col + offset)
            assert ws.array_formulae[anchor.coordinate] == f"{anchor.coordinate}:{anchor.column_letter}{last}"
            assert anchor.value.text.startswith("=FREQUENCY(IF(EXACT(Rows_T_ROWS_kind,")
        runs = [ws.cell(r, col + 2).value for r in range(7, last + 1)]
        letters = [ws.cell(6, col + offset).column_letter for offset in range(3)]
        assert runs == [f"={letters[2]}{r - 1}+{letters[0]}{r}-{letters[1]}{r - 1}" for r in range(7, last + 1)]
    overview = [c.value for row in large_book["Overzicht"].iter_rows() for c in row]
    assert tr("nl", "Per month and kind, the rows whose period starts or runs in it, and the month of the question.") \
        in overview  # fmt: skip


def test_large_group_sheets_list_the_largest_groups_and_add_up_the_others(
    large: Brief, large_book: Workbook, large_values: dict[str, Grid]
) -> None:
    """164 beneficiaries: the 25 largest one by one, the other 139 in one line, whatever the number of rows."""
    totals = large.totals
    assert totals is not None
    ws, grid = large_book["Per begunstigde"], large_values["Per begunstigde"]
    count = len(totals.per_beneficiary)
    others = count - GROUP_LINES
    assert f"De {GROUP_LINES} groepen met de grootste bedragen" in grid[1][0] and f"de andere {others}" in grid[1][0]
    assert_group_sheet(grid, large, totals.per_beneficiary, totals.beneficiary_total)  # cached: the analysis' figures
    labels = [ws.cell(r, 1).value for r in range(5, 5 + GROUP_LINES + 2)]
    assert labels == [*(g.label for g in totals.per_beneficiary[:GROUP_LINES]), f"Andere ({others})", "Totaal"]
    # Each line reads every row once per column: the sheet's lines are bounded, not one per beneficiary.
    assert max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).data_type == "f") == 5 + GROUP_LINES + 1
    (chart,) = ws._charts
    categories = chart.series[0].cat
    first, last = (categories.numRef or categories.strRef).f.split("!")[1].replace("$", "").split(":")
    bars = [c.value for (c,) in ws[first:last]]
    assert len(bars) == CHART_BARS + 1 and bars[-1] == f"Andere ({count - CHART_BARS})"
    # A grouping with few values lists them all.
    themes = next(g for g in totals.per_grouping if g.grouping.code == "theme")
    assert_group_sheet(large_values["Per thema"], large, themes.groups, themes.total)


# --- recalculated by LibreOffice --------------------------------------------------------------

RECALCULATED = {  # workbook name in the LibreOffice run -> (dataset, language)
    "bundlednl": ("bundled", "nl"),
    "bundleden": ("bundled", "en"),
    "studiesnl": ("studies", "nl"),
    "studiesen": ("studies", "en"),
}
VARIANTS = [*RECALCULATED, "oddnames", "mixed", "large"]


@pytest.fixture(scope="module")
def variants(odd_names: Brief, mixed: Brief, large: Brief) -> dict[str, Brief]:
    """Copies of the bundled question that the LibreOffice tests recalculate too."""
    return {"oddnames": odd_names, "mixed": mixed, "large": large}


@pytest.fixture(scope="module")
def stale(workbooks: dict[tuple[str, str], bytes], variants: dict[str, Brief], injected: bytes) -> dict[str, bytes]:
    """The workbooks with a wrong cached result in every formula: only a recalculation gives the figures back."""
    books = {name: workbooks[key] for name, key in RECALCULATED.items()}
    books |= {name: render_workbook(brief, timestamp=TIMESTAMP) for name, brief in variants.items()}
    books["injected"] = injected
    out = {}
    for name, data in books.items():
        wrong, changed = with_wrong_cached_values(data)
        assert changed == len(list(formula_cells(data))), name
        out[name] = wrong
    return out


@pytest.fixture(scope="module")
def libreoffice(stale: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Grid]]:
    """Every workbook above, each sheet as LibreOffice computes it (one run for all: it is slow to start)."""
    return recalculated_all(stale, tmp_path_factory.mktemp("recalc"))


def formula_cells(data: bytes) -> Iterator[tuple[str, int, int, object]]:
    """Every cell a formula computes (the whole range of an array formula) with the cached result the analysis
    gave it."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    for ws in book.worksheets:
        spilled = {c.coordinate for cells in ws.array_formulae.values() for (c,) in ws[cells]}
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" or c.coordinate in spilled:
                    yield ws.title, c.row, c.column, values[ws.title].cell(c.row, c.column).value


def test_every_cached_result_of_the_stale_copies_is_wrong(stale: dict[str, bytes]) -> None:
    """What the LibreOffice tests read back cannot come from the cached results: they are all wrong."""
    for name, data in stale.items():
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        results = [values[sheet].cell(r, col).value for sheet, r, col, _ in formula_cells(data)]
        assert len(results) > 80, name
        assert {value if isinstance(value, str) else str(value) for value in results} <= {WRONG_NUMBER, WRONG_TEXT}


@pytest.mark.slow
@pytest.mark.parametrize("name", VARIANTS)
def test_libreoffice_recalculates_every_formula_to_its_cached_figure(
    libreoffice: dict[str, dict[str, Grid]],
    workbooks: dict[tuple[str, str], bytes],
    variants: dict[str, Brief],
    name: str,
) -> None:
    """Readers that do not recalculate see what a spreadsheet program computes (the tests below tie both to the
    analysis)."""
    data = (
        workbooks[RECALCULATED[name]] if name in RECALCULATED else render_workbook(variants[name], timestamp=TIMESTAMP)
    )
    checked = 0
    for sheet, r, col, expected in formula_cells(data):
        got = cell(libreoffice[name][sheet], r, col)
        if isinstance(expected, float | int):
            assert abs(number(got) - D(repr(expected))) < D("0.0001"), (sheet, r, col, got, expected)
        else:
            assert got == (expected or ""), (sheet, r, col)
        checked += 1
    assert checked > 80


def briefs_of(name: str, briefs: dict[tuple[str, str], Brief], variants: dict[str, Brief]) -> Brief:
    return briefs[RECALCULATED[name]] if name in RECALCULATED else variants[name]


@pytest.mark.slow
@pytest.mark.parametrize("name", VARIANTS)
def test_libreoffice_totals_per_kind_and_vat_basis_are_the_analysis(
    libreoffice: dict[str, dict[str, Grid]], briefs: dict[tuple[str, str], Brief], variants: dict[str, Brief], name: str
) -> None:
    """Below each table: per kind, per money column, its rows, amount, conversions and estimate, to the cent."""
    brief = briefs_of(name, briefs, variants)
    lang = brief.header.lang
    kinds = kind_labels(brief)
    for view in (block for block in brief.blocks if isinstance(block, TableView)):
        grid = next(g for g in libreoffice[name].values() if g and g[0] and g[0][0] == view.title)
        lines = totals_lines(grid, lang)
        assert len(lines) == sum(len(kind.amounts) for kind in view.totals.per_kind)
        for kind in view.totals.per_kind:
            for number, amount in enumerate(kind.amounts):
                line = lines[(kinds[kind.kind.code], amount.column.vat_basis.label)]
                assert cents(line[tr(lang, "Amount (€)")]) == amount.amount
                assert cents(line[tr(lang, "Amount of the rows shown by the filter (€)")]) == amount.amount
                assert int(line[tr(lang, "Rows with an amount on this basis")]) == amount.rows
                estimate = line[tr(lang, "Incl. VAT, estimate (€)")]
                assert (cents(estimate) if estimate else None) == amount.incl_vat_estimate
                if number == 0:
                    counts = [int(line[h]) for h in (tr(lang, "Rows"), tr(lang, "Awarded"), tr(lang, "In procedure"))]
                    assert counts == [kind.rows, kind.awarded, kind.in_procedure]


@pytest.mark.slow
@pytest.mark.parametrize("name", VARIANTS)
def test_libreoffice_converts_every_row_to_excl_vat_as_the_analysis(
    libreoffice: dict[str, dict[str, Grid]], briefs: dict[tuple[str, str], Brief], variants: dict[str, Brief], name: str
) -> None:
    brief = briefs_of(name, briefs, variants)
    header = tr(brief.header.lang, "Amount excl. VAT (€)")
    for view in (block for block in brief.blocks if isinstance(block, TableView)):
        grid = next(g for g in libreoffice[name].values() if g and g[0] and g[0][0] == view.title)
        columns, lines = table_below(grid, "ID", 1)
        assert [line[0] for line in lines] == list(view.row_ids)
        got = [cents(line[columns[header]]) if line[columns[header]] else None for line in lines]
        assert got == [brief.row(row_id).amount_excl_vat for row_id in view.row_ids]


def listed_and_others(
    brief: Brief, groups: tuple[GroupTotal, ...], total: GroupTotal, multiple: bool
) -> tuple[tuple[GroupTotal, ...], GroupTotal | None]:
    """The groups a sheet lists one by one and, when there are too many (and they do not overlap), the others
    added up in one line: the analysis' figures summed."""
    if len(groups) <= GROUP_LINES or multiple:
        return groups, None
    assert brief.totals is not None
    listed, rest = groups[:GROUP_LINES], groups[GROUP_LINES:]
    procurement = sum((group.procurement_excl_vat for group in rest), D(0))
    others = GroupTotal(
        key="others",
        label=tr(brief.header.lang, "Others ({count})", count=f"{len(rest):,}".replace(",", ".")),
        rows=sum(group.rows for group in rest),
        awards=sum(group.awards for group in rest),
        amounts=tuple(sum((group.amounts[i] for group in rest), D(0)) for i in range(len(brief.totals.columns))),
        procurement_excl_vat=procurement,
        procurement_share=(procurement / total.procurement_excl_vat).quantize(D("0.0001"))
        if total.procurement_excl_vat
        else None,
    )
    return listed, others


def assert_group_sheet(
    grid: Grid, brief: Brief, groups: tuple[GroupTotal, ...], total: GroupTotal, multiple: bool = False
) -> None:
    """A recalculated per-beneficiary or per-grouping sheet: per group listed (the largest, when there are too
    many to list, then the others in one line) and in the total row, the analysis' rows, awarded rows, amount per
    money column and share of the procurement value, to the cent."""
    assert brief.totals is not None
    columns: tuple[MoneyColumn, ...] = brief.totals.columns
    listed, others = listed_and_others(brief, groups, total, multiple)
    expected = (*listed, *([others] if others else []), total)
    shown = grid[4 : 4 + len(expected)]
    labels = [group.label or tr(brief.header.lang, "(none given)") for group in expected[:-1]]
    assert [line[0] for line in shown[:-1]] == labels
    for line, group in zip(shown, expected, strict=True):
        assert [int(text) for text in line[1:3]] == [group.rows, group.awards], group.label
        assert [cents(text) for text in line[3 : 3 + len(columns)]] == list(group.amounts), group.label
        if group is not total and group.procurement_share is not None:
            share = number(line[3 + len(columns)]).quantize(D("0.0001"))
            assert share == group.procurement_share, group.label


@pytest.mark.slow
@pytest.mark.parametrize("name", VARIANTS)
def test_libreoffice_groups_are_the_analysis(
    libreoffice: dict[str, dict[str, Grid]], briefs: dict[tuple[str, str], Brief], variants: dict[str, Brief], name: str
) -> None:
    """Per beneficiary (names compared exactly) and per grouping (values listed exactly), every money column."""
    brief = briefs_of(name, briefs, variants)
    assert brief.totals is not None
    sheets = libreoffice[name]
    lang = brief.header.lang
    assert_group_sheet(sheets[tr(lang, "Per beneficiary")], brief, brief.totals.per_beneficiary,
                       brief.totals.beneficiary_total)  # fmt: skip
    for grouping in brief.totals.per_grouping:
        title = tr(lang, "Per {grouping}", grouping=grouping.grouping.label.lower())
        assert_group_sheet(sheets[title], brief, grouping.groups, grouping.total, grouping.multiple)


@pytest.mark.slow
def test_libreoffice_gives_the_figures_of_the_sources(libreoffice: dict[str, dict[str, Grid]]) -> None:
    """The sums of the answers' tables as a spreadsheet program computes them, against figures read by hand."""
    bundled = libreoffice["bundlednl"]
    totals = totals_lines(bundled["Overzicht van de oproepen en…"], "nl")
    calls, contracts = totals[("Subsidieoproep", "btw niet vermeld")], totals[("Overheidsopdracht", "excl. btw")]
    assert (cents(calls["Bedrag (€)"]), cents(contracts["Bedrag (€)"])) == (D("315342.98"), D("350371.57"))
    assert [calls[h] for h in ("Rijen", "Toegewezen", "In procedure")] == ["2", "2", "0"]
    assert [contracts[h] for h in ("Rijen", "Toegewezen", "In procedure")] == ["15", "13", "2"]
    assert cents(contracts["Incl. btw, raming (€)"]) == D("423949.60")
    deloitte = next(line for line in bundled["Per begunstigde"] if line[0] == "Deloitte Consulting")
    assert (deloitte[1], cents(deloitte[4]), number(deloitte[5]).quantize(D("0.0001"))) == ("4", D("117760.00"),
                                                                                          D("0.3361"))  # fmt: skip
    studies = libreoffice["studiesnl"]
    policy = totals_lines(studies["A. Beleidsvoorbereidende…"], "nl")[("Beleidsvoorbereidende studie", "incl. btw")]
    evaluation = totals_lines(studies["B. Evaluatiestudies"], "nl")[("Evaluatiestudie", "incl. btw")]
    assert (cents(policy["Bedrag (€)"]), cents(evaluation["Bedrag (€)"])) == (D("1417195.00"), D("431304.50"))
    assert (policy["In procedure"], evaluation["Rijen"]) == ("1", "8")
    years = {line[0]: line for line in studies["Per jaar"][4:8]}
    per_year = {year: cents(line[3]) + cents(line[4]) for year, line in years.items() if year != "Totaal"}
    assert per_year == {"2021": D("185130.00"), "2022": D("289129.50"), "2023": D("1374240.00")}  # F-AMOUNT-*
    assert {year: line[1] for year, line in years.items()} == {"2021": "5", "2022": "6", "2023": "4", "Totaal": "15"}
    verzinsel = next(line for line in studies["Per begunstigde"] if line[0] == "Studiebureau Verzinsel")
    assert (cents(verzinsel[3]), cents(verzinsel[4])) == (D("71995.00"), D("71934.50"))  # 143.929,50 incl. VAT
    overview = {line[0]: line[1] for line in studies["Overzicht"]}
    assert cents(overview["Beleidsvoorbereidende studies (incl. btw)"]) == D("1417195.00")
    assert cents(overview["Evaluatiestudies (incl. btw)"]) == D("431304.50")


@pytest.mark.slow
def test_libreoffice_counts_and_sums_odd_names_exactly(libreoffice: dict[str, dict[str, Grid]]) -> None:
    """A name is matched as it is written: '*', '?' and '~' are no wildcards, '=', '<' and '>' no operators,
    and 'cronos' is not 'Cronos'."""
    lines = {line[0]: line for line in libreoffice["oddnames"]["Per begunstigde"][4:18]}
    for name in ODD_NAMES.values():
        assert lines[name][1:3] == ["1", "1"], name
    assert (cents(lines["Pantarein*"][4]), cents(lines["Pantarein"][4])) == (D("6835.00"), D("10380.00"))
    assert (lines["Cronos"][1], lines["cronos"][1], lines[">Cronos"][1]) == ("1", "1", "1")
    assert (lines["Deloitte Consulting"][1], cents(lines["Deloitte Consulting"][4])) == ("3", D("88320.00"))


@pytest.mark.slow
def test_libreoffice_keeps_formula_like_text(libreoffice: dict[str, dict[str, Grid]]) -> None:
    table = libreoffice["injected"]["Overzicht van de oproepen en…"]
    assert [line[2] for line in table[4:8]] == list(INJECTIONS.values())


@pytest.mark.slow
def test_libreoffice_counts_the_large_timeline_per_month(libreoffice: dict[str, dict[str, Grid]], large: Brief) -> None:
    """The rows starting and running per month and kind, as a spreadsheet program computes them from the dates."""
    assert month_lines(libreoffice["large"]["Tijdlijn"], large) == month_counts(large)
