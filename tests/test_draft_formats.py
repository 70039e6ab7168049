"""Drafting from the files people hold: Word (.docx), the parliament's web page (HTML), text copied
from a viewer or written by ``pdftotext`` (one table cell a line, or ``-layout``); and the rule that
an amount is never drafted wrong: read in full, or left empty and listed.

The expected values are the hand-written ``*.expected.yaml`` beside the fictional documents in
tests/fixtures/draft/ (``make_fixtures.py`` there writes the .docx and text versions of each HTML).
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.draft import Draft, SourceError, draft_file, extract_text, parse_document
from sebrief.draft.documents import blocks_text, docx_text, html_text
from sebrief.draft.emit import write_draft
from sebrief.draft.layout_table import delimit_layout
from sebrief.draft.values import parse_amount
from sebrief.errors import DatasetError
from tests.test_new import fill_decisions

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "draft"
DOCUMENTS = ["studies-2019-2021", "campaigns-2015-2017", "subsidies-2022", "campaigns-in-house-2019"]
# every input format made from the same document (PDFs are rendered in the slow tests)
FORMATS = [".html", ".docx", ".cells.txt", ".pdftotext.txt", ".layout.txt"]
SOURCES = [(name, suffix) for name in DOCUMENTS for suffix in FORMATS if (FIXTURES / f"{name}{suffix}").exists()]
ROW_FIELDS = ("description", "procedure", "beneficiary", "amount_text", "vat_text", "status")


def _compare_script() -> Any:
    spec = importlib.util.spec_from_file_location("compare_draft", ROOT / "scripts" / "compare_draft.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_draft"] = module
    spec.loader.exec_module(module)
    return module


compare_draft = _compare_script()


def expected_rows(name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text("utf-8"))["rows"]
    return rows


def drafted(draft: Draft) -> list[dict[str, Any]]:
    return [
        {
            "description": row.description,
            "procedure": row.procedure,
            "beneficiary": row.beneficiary,
            "amount_text": row.amount_text,
            "vat_text": row.vat_text,
            "status": row.status.value,
            "amount": row.amount,
            "vat_basis": row.vat_basis.value,
        }
        for row in draft.answer.rows
    ]


def wanted(name: str) -> list[dict[str, Any]]:
    return [
        {
            **{field: row.get(field) for field in ROW_FIELDS},
            "amount": Decimal(row["amount"]) if row["amount"] is not None else None,
            "vat_basis": row["vat_basis"],
        }
        for row in expected_rows(name)
    ]


@pytest.mark.parametrize(("name", "suffix"), SOURCES)
def test_every_format_drafts_the_rows(name: str, suffix: str) -> None:
    draft = draft_file(FIXTURES / f"{name}{suffix}")
    assert drafted(draft) == wanted(name)
    # the amounts exactly: none missing, none extra (a 'Totaal' row is no row)
    assert sorted(r.amount for r in draft.answer.rows if r.amount is not None) == sorted(
        Decimal(r["amount"]) for r in expected_rows(name) if r["amount"] is not None
    )


@pytest.mark.parametrize(("name", "suffix"), SOURCES)
def test_every_format_quotes_its_source_text(name: str, suffix: str, tmp_path: Path) -> None:
    folder = tmp_path / "draft"
    write_draft(FIXTURES / f"{name}{suffix}", folder)
    assert compare_draft.quotes_not_in_source(folder) == []
    with pytest.raises(DatasetError) as raised:  # a fresh draft lists only what a person must decide
        load_dataset(folder)
    assert all(str(problem.message).endswith("is empty; fill it in") for problem in raised.value.problems)
    fill_decisions(folder)
    load_dataset(folder)  # once decided, valid: every quote, amount, period and figure checks against source.txt


def test_compare_script_every_format_but_pdf() -> None:
    lines: list[str] = []
    assert compare_draft.compare_formats(pdf=False, out=lines.append), "\n".join(lines)
    assert any("cells viewer" in line and "DOCX" in line and "HTML" in line for line in lines)
    amounts = [line for line in lines if line.startswith("  amounts (multiset equal)")]
    assert len(amounts) == 5 and all("NO" not in line for line in amounts)


@pytest.mark.slow
def test_compare_script_every_format() -> None:
    lines: list[str] = []
    assert compare_draft.compare_formats(out=lines.append), "\n".join(lines)
    assert any("PDF ruled" in line and "PDF unruled" in line for line in lines)


# --- Word ----------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables() -> None:
    text = extract_text(FIXTURES / "campaigns-2015-2017.docx")
    assert "\n- 2015: 1.104.220,35 euro;\n" in text  # a List Bullet paragraph keeps a list marker
    assert "\nOmschrijving | Procedure | Opdrachtnemer | Bedrag\n" in text  # the Word table, cell by cell
    assert "\nTotaal |  |  | 1.400.618,00 euro (incl. btw)\n" in text


def test_docx_merged_cells_images_and_bad_files(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("ANTWOORD")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Omschrijving", "a|b", "Bedrag"], strict=True):
        cell.text = text
    table.rows[1].cells[0].merge(table.rows[1].cells[1]).text = "Studie"
    table.rows[1].cells[2].text = "12.500 euro"
    buffer = io.BytesIO()
    document.save(buffer)
    read = docx_text(buffer.getvalue())
    # the merged cell's text in its first column: the amount stays in the amount column
    assert read.text.splitlines()[2:4] == ["Omschrijving | a/b | Bedrag", "Studie |  | 12.500 euro"]
    not_word = tmp_path / "vraag.docx"
    not_word.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(SourceError, match="not a Word document that can be read"):
        extract_text(not_word)
    archive = tmp_path / "bijlagen.zip"
    archive.write_bytes(b"PK\x03\x04 something else")
    with pytest.raises(SourceError, match="ZIP file but not a Word document"):
        extract_text(archive)


def test_docx_list_numbers_that_word_adds() -> None:
    from docx import Document

    from sebrief.draft.docx_numbering import W

    document = Document()
    document.add_paragraph("ANTWOORD")
    document.add_paragraph("Het eerste antwoord.", style="List Number")
    document.add_paragraph("Het tweede antwoord:", style="List Number")
    document.add_paragraph("een punt", style="List Bullet")
    document.add_paragraph("3. Al met de hand genummerd.", style="List Number")
    lettered = document.add_paragraph("de deelvraag", style="List Number 2")
    # the second list counts with letters: 'a)'
    style_number = document.styles["List Number 2"].element.pPr.find(f"{W}numPr").find(f"{W}numId").get(f"{W}val")
    numbering = document.part.numbering_part.element
    [num] = [n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == style_number]
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    [abstract] = [a for a in numbering.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id]
    level = abstract.find(f"{W}lvl")
    level.find(f"{W}numFmt").set(f"{W}val", "lowerLetter")
    level.find(f"{W}lvlText").set(f"{W}val", "%1)")
    assert lettered.text == "de deelvraag"
    buffer = io.BytesIO()
    document.save(buffer)
    assert docx_text(buffer.getvalue()).text.split("\n\n") == [
        "ANTWOORD", "1. Het eerste antwoord.", "2. Het tweede antwoord:", "- een punt", "3. Al met de hand genummerd.",
        "a) de deelvraag\n",
    ]  # fmt: skip


# --- HTML ----------------------------------------------------------------------------------------

PAGE = b"""<!DOCTYPE html><html><head><title>Vraag</title><style>p { color: red }</style>
<script>var bedrag = "999.999 euro";</script></head><body>
<nav>Menu | Zoeken</nav>
<p>ANTWOORD</p><p>De kosten bedroegen:</p>
<ol type="a"><li>Studie &amp; advies;</li><li>Drukwerk&nbsp;en&#160;affiches.</li></ol>
<table><tr><th>Omschrijving</th><th>Bedrag</th></tr>
<tr><td><p>Campagne</p><p>&lsquo;Samen&rsquo;</p></td><td>1,2<br>miljoen euro</td></tr>
<tr><td>Tabel <table><tr><td>binnen</td></tr></table></td><td>5.000 euro</td></tr></table>
<img src="grafiek.png" alt="grafiek van de kosten"><p>Einde.</p>
<footer><p>Vlaams Parlement, 1011 Brussel</p></footer></body></html>"""


def test_html_paragraphs_lists_and_tables() -> None:
    read = html_text(PAGE)
    assert read.text.splitlines() == [
        "ANTWOORD", "", "De kosten bedroegen:", "", "a) Studie & advies;", "", "b) Drukwerk en affiches.", "",
        "Omschrijving | Bedrag", "Campagne ‘Samen’ | 1,2 miljoen euro", "Tabel binnen | 5.000 euro", "",
        "Einde.",
    ]  # fmt: skip
    assert "999" not in read.text and "color" not in read.text and "Menu" not in read.text and "1011" not in read.text
    assert [str(note) for note in read.notes] == [
        "a table inside a table cell is read as its text only",
        "an image ('grafiek van de kosten') is not read; copy what it shows by hand",
    ]


def test_cells_over_several_rows_or_columns_keep_the_columns_and_count_an_amount_once() -> None:
    from docx import Document

    page = b"""<table><tr><th>Omschrijving</th><th>Procedure</th><th>Bedrag</th></tr>
    <tr><td>A</td><td rowspan="2">Openbare procedure</td><td rowspan="2">1.000 euro</td></tr><tr><td>B</td></tr>
    <tr><td>C</td><td>Aanvaarde factuur</td><td>5 euro</td></tr>
    <tr><td colspan="2">Totaal</td><td>1.005 euro</td></tr></table>"""
    read = html_text(page)
    assert read.text.splitlines() == [
        "Omschrijving | Procedure | Bedrag", "A | Openbare procedure | 1.000 euro", "B",
        "C | Aanvaarde factuur | 5 euro", "Totaal |  | 1.005 euro",
    ]  # fmt: skip
    assert [str(note) for note in read.notes] == [
        "a cell that spans several rows (rowspan) is read in its first row only; check the rows below it"
    ]
    document = Document()
    table = document.add_table(rows=3, cols=2)
    for (row, column), text in {(0, 0): "Omschrijving", (0, 1): "Bedrag", (1, 0): "A", (2, 0): "B"}.items():
        table.cell(row, column).text = text
    table.cell(1, 1).merge(table.cell(2, 1)).text = "1.000 euro"
    buffer = io.BytesIO()
    document.save(buffer)
    word = docx_text(buffer.getvalue())
    assert word.text.splitlines() == ["Omschrijving | Bedrag", "A | 1.000 euro", "B"]  # not 1.000 euro twice
    assert [str(note) for note in word.notes] == [
        "table 1: a cell merged over several rows is read in its first row only; check the rows below it"
    ]


def test_html_file_is_not_taken_as_plain_text(tmp_path: Path) -> None:
    page = tmp_path / "vraag.html"
    page.write_bytes(PAGE.replace(b"<!DOCTYPE html>", b""))
    assert "<p>" not in extract_text(page)
    folder = tmp_path / "draft"
    output = CliRunner().invoke(main, ["new", "--lang", "en", str(page), str(folder)]).output
    assert "what could not be read from vraag.html as it stands (2):\n  a table inside a table cell" in output
    assert "\n  an image ('grafiek van de kosten') is not read; copy what it shows by hand\n" in output


def test_the_command_speaks_dutch_by_default(tmp_path: Path) -> None:
    output = CliRunner().invoke(main, ["new", str(FIXTURES / "campaigns-2015-2017.layout.txt"), str(tmp_path / "d")])
    assert output.exit_code == 0, output.output
    lines = output.output.splitlines()
    assert (
        lines[0]
        == f"ontwerp {tmp_path / 'd'} opgemaakt uit campaigns-2015-2017.layout.txt: dataset.yaml, rows.csv, source.txt"
    )
    assert lines[1] == "  1 tabel met 4 rijen, 7 passages van het antwoord; de tekst die ze citeren staat in source.txt"
    assert "wat niet zomaar uit campaigns-2015-2017.layout.txt gelezen kon worden (1):" in lines
    assert f"nog te doen, zoals `sebrief validate {tmp_path / 'd'}` het oplijst (15):" in lines
    assert any(line.endswith(": is leeg; vul het in") for line in lines)  # the problems in Dutch too
    assert lines[-1].startswith("volgende stap: vul aan wat hierboven staat")


def test_html_in_its_declared_charset() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>coöperatieve</p></body></html>'
    assert html_text(page.encode("cp1252")).text == "coöperatieve\n"


def test_blocks_text_pads_short_rows() -> None:
    assert blocks_text(["Tekst", [["Omschrijving", "Bedrag"], ["Totaal"]]]) == (
        "Tekst\n\nOmschrijving | Bedrag\nTotaal\n"
    )


# --- text: one cell a line, and pdftotext -layout ---------------------------------------------------


def test_one_cell_a_line_reads_an_amount_cut_over_two_lines() -> None:
    text = (FIXTURES / "campaigns-2015-2017.cells.txt").read_text(encoding="utf-8")
    assert "\nReclamebureau Lichtpunt\n1,2\nmiljoen euro (incl. btw)\n" in text  # as a viewer copies it
    [first, *_] = parse_document(text).answer.rows
    assert (first.description, first.beneficiary, first.amount) == (
        "Campagne ‘Samen sterk in de buurt’",
        "Reclamebureau Lichtpunt",
        Decimal("1200000"),
    )
    assert (first.vat_basis.value, first.procedure) == ("incl_vat", "Openbare procedure")


HEADERS = {
    "studies-2019-2021": ["Titel\nProcedure\nLooptijd\nOpdrachtnemer\nBedrag (incl. btw)",
                          "Onderwerp\nProcedure\nPeriode\nUitvoerder\nKostprijs (incl. btw)"],
    "campaigns-2015-2017": ["Omschrijving\nProcedure\nOpdrachtnemer\nBedrag"],
    "subsidies-2022": ["Begunstigde\nProject\nPeriode\nSubsidiebedrag"],
    "campaigns-in-house-2019": ["Omschrijving\nProcedure\nOpdrachtnemer\nBedrag"],
}  # fmt: skip


@pytest.mark.parametrize("name", DOCUMENTS)
def test_one_cell_a_line_below_a_header_on_one_line(name: str) -> None:
    text = (FIXTURES / f"{name}.cells.txt").read_text(encoding="utf-8")
    for header in HEADERS[name]:
        assert header in text
        text = text.replace(header, header.replace("\n", " "))  # as some viewers copy a header row
    assert drafted(parse_document(text)) == wanted(name)


def test_one_cell_a_line_below_a_header_on_one_line_repeated_after_a_page_break() -> None:
    text = (FIXTURES / "campaigns-2015-2017.cells.txt").read_text(encoding="utf-8")
    header = "Omschrijving Procedure Opdrachtnemer Bedrag"
    text = text.replace(header.replace(" ", "\n"), header).replace("Online video's", f"\f\n{header}\nOnline video's")
    assert drafted(parse_document(text)) == wanted("campaigns-2015-2017")


def test_one_cell_a_line_with_blank_lines_and_the_header_repeated() -> None:
    text = (FIXTURES / "studies-2019-2021.pdftotext.txt").read_text(encoding="utf-8")
    assert text.count("Titel\n\nProcedure\n\nLooptijd") == 2  # the header again on the second page
    draft = parse_document(text)
    assert [len(table.rows) for table in draft.answer.tables] == [6, 5]


INTERLEAVED = """Begunstigde

Project

Periode

Subsidiebedrag

Jeugdhuis De Schakel vzw

Zomerkampen voor
kwetsbare jongeren

1 juli 2022 – 31
augustus 2022

€ 12.500

2022

45.000 euro

3 jeugdbewegingen (Chiro
Gezamenlijk
Oost, KSA Zuid, Scouts West) materiaaldepot
Totaal

1.566.250 euro
"""


def test_one_cell_a_line_lists_the_amounts_it_could_not_place() -> None:
    # pdftotext without -layout put the cells of a row out of order: the row is not guessed, it is listed
    draft = parse_document(answer(INTERLEAVED))
    assert [row.amount for row in draft.answer.rows] == [Decimal("12500")]
    assert "table rows (lines 42-51): an amount stands below the last row that could be cut into the table's " \
        "cells: rows may be missing; copy them by hand" in [str(gap) for gap in draft.gaps]  # fmt: skip


def test_layout_text_is_rewritten_one_row_a_line() -> None:
    layout = (FIXTURES / "campaigns-2015-2017.layout.txt").read_text(encoding="utf-8")
    text, tables = delimit_layout(layout)
    assert tables == 1
    row = "Campagne ‘Samen sterk in de buurt’ | Openbare procedure | Reclamebureau Lichtpunt | 1,2 miljoen euro"
    assert row in text
    assert "Totaal |  |  | 1.400.618,00 euro (incl. btw)" in text
    assert delimit_layout("Omschrijving en bedrag van de studies\n") == ("Omschrijving en bedrag van de studies\n", 0)


# --- never a wrong amount ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["miljoen euro", "€ miljoen", "miljard EUR", "mio. euro", "(incl. btw)"])
def test_a_scale_without_its_number_is_no_amount(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["1,2 miljoen euro", "een miljoen euro", "anderhalf miljoen euro", "€ 3 mio"])
def test_a_scale_with_its_number_is_read(text: str) -> None:
    assert parse_amount(text) is not None


def answer(table: str) -> str:
    return (
        "SCHRIFTELIJKE VRAAG\n\nnr. 7\nvan AN PEETERS\ndatum: 3 maart 2020\n\naan PIET JANSSENS\nVLAAMS MINISTER "
        "VAN WERK\n\nCampagnes\n\n1. Hoeveel kostten de campagnes?\n\n2. Welke campagnes liepen in 2019?\n\n"
        "ANTWOORD\nop vraag nr. 7 van 3 maart 2020\n\n1. De kosten bedroegen:\n- 2019: 110.000,00 euro.\n\n"
        f"2. In 2019 liepen deze campagnes:\n\n{table}\n"
    )


CELLS = "Omschrijving\nOpdrachtnemer\nBedrag\nAffiches\nDrukkerij Noord\n10.000,00 euro\nVideo\nStudio Zuid\n{cut}\n"


def test_a_cut_amount_is_left_empty_and_listed_never_guessed() -> None:
    draft = parse_document(answer(CELLS.format(cut="miljoen euro")))
    amounts = [row.amount for row in draft.answer.rows]
    assert Decimal(1_000_000) not in amounts
    assert amounts == [Decimal("10000.00"), None] or len(amounts) == 1
    assert any(gap.what in ("row amount", "table rows", "stated total") for gap in draft.gaps)


def test_a_total_row_is_the_stated_total_and_a_difference_is_listed() -> None:
    table = "Omschrijving | Bedrag\nAffiches | 10.000,00 euro\nVideo | 90.000,00 euro\nTotaal | 100.000,00 euro"
    draft = parse_document(answer(table))
    assert [row.amount for row in draft.answer.rows] == [Decimal("10000.00"), Decimal("90000.00")]
    [total] = draft.answer.tables[0].totals
    assert total.amount == Decimal("100000.00")
    listed = [str(gap) for gap in draft.gaps if gap.what == "stated total"]
    assert listed == [
        "stated total (line 20, table 1): the rows of table 1 of 2019 add up to 100.000,00 euro, the answer states "
        "2019: 110.000,00 euro (a difference of 10.000,00 euro): check the rows' amounts against the document"
    ]
    wrong_total = parse_document(answer(table.replace("Totaal | 100.000,00", "Totaal | 101.000,00")))
    assert any("the answer states the total '101.000,00 euro' (a difference of 1.000,00 euro)" in str(gap)
               for gap in wrong_total.gaps)  # fmt: skip


def test_a_total_is_not_checked_against_rows_left_empty() -> None:
    table = "Omschrijving | Bedrag\nAffiches | miljoen euro\nVideo | 90.000,00 euro\nTotaal | 110.000,00 euro"
    draft = parse_document(answer(table))
    assert [row.amount for row in draft.answer.rows] == [None, Decimal("90000.00")]
    assert "row amount (table row 1, line 25): cannot read an amount in 'miljoen euro'; fill it in" in [
        str(gap) for gap in draft.gaps
    ]
    assert any("cannot be checked: the amount of row 1 could not be read; fill it in" in str(gap) for gap in draft.gaps)


# --- drafts that leave only judgements --------------------------------------------------------------


def test_figures_and_text_blocks_leave_only_judgements(tmp_path: Path) -> None:
    folder = tmp_path / "campaigns"
    write_draft(FIXTURES / "campaigns-2015-2017.html", folder)
    with pytest.raises(DatasetError) as raised:
        load_dataset(folder)
    left = sorted({str(problem.message).split(": ")[0].split(".", 1)[-1] for problem in raised.value.problems})
    kinds = ["id", "label.nl", "label.en", "plural.nl", "plural.en", "procurement"]
    assert left == sorted(
        [f"kinds[0].{name}".split(".", 1)[-1] for name in kinds]
        + ["blocks[0].title.en", "blocks[1].title.en", "blocks[1].answers[0].status", "blocks[1].answers[0].basis"]
        + [f"blocks[1].figures[{k}].label.en" for k in range(3)]
        + ["blocks[2].answers[0].status", "blocks[2].answers[0].basis"]
    )
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    _, figures, text = data["answer"]["blocks"]
    assert [(f["period_text"], f["text"], f["value"], f["unit"], f["vat_basis"]) for f in figures["figures"]] == [
        ("2015", "1.104.220,35 euro", "1104220.35", "eur", "not_stated"),
        ("2016", "987.310,10 euro", "987310.10", "eur", "not_stated"),
        ("2017", "1.400.618,00 euro", "1400618.00", "eur", "not_stated"),
    ]
    assert figures["figures"][0]["period"] == {"start": _date(2015, 1, 1), "end": _date(2015, 12, 31),
                                               "precision": "month"}  # fmt: skip
    assert (text["kind"], text["evidence"], text["answers"][0]["part"]) == ("text", ["P-3-1", "P-3-2"], "3")
    parts = {part["id"]: part["answered_by"] for part in data["question"]["parts"]}
    assert parts == {"1": ["F-1"], "2": [], "3": ["X-3"]}
    _decide(folder, data)
    load_dataset(folder)  # once a person decided, the draft is valid: its figures read back as written


def _date(year: int, month: int, day: int) -> object:
    import datetime as dt

    return dt.date(year, month, day)


def _decide(folder: Path, data: dict[str, Any]) -> None:
    kind = data["kinds"][0]
    kind.update(id="campagne", label={"nl": "Campagne", "en": "Campaign"}, procurement=True,
                plural={"nl": "Campagnes", "en": "Campaigns"})  # fmt: skip
    for block in data["answer"]["blocks"]:
        block["title"]["en"] = block["title"]["en"] or "Title"
        for item in block.get("answers", []):
            item.update(status="answered", basis="stated")
        for figure in block.get("figures", []):
            figure["label"]["en"] = "Spending on campaigns"
    (folder / "dataset.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rows = (folder / "rows.csv").read_text(encoding="utf-8").splitlines()
    rows[1:] = [line.replace(",,", ",campagne,", 1) for line in rows[1:]]
    (folder / "rows.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


PERIODS = (
    "Omschrijving | Looptijd | Bedrag\nAffiches | 1 maart 2019 – 30 juni 2019 | 10.000,00 euro\n"
    "Video | 1 juli 2019 – 31 december 2019 | 90.000,00 euro\nStudie | 1 januari 2020 – 31 maart 2020 | 5.000,00 euro"
)


def test_a_year_figure_is_compared_with_the_rows_of_that_year() -> None:
    listed = [str(gap) for gap in parse_document(answer(PERIODS)).gaps if gap.what == "stated total"]
    # the rows of 2019 (not the one of 2020) add up to 100.000,00 euro
    assert listed == [
        "stated total (line 20, table 1): the rows of table 1 of 2019 add up to 100.000,00 euro, the answer states "
        "2019: 110.000,00 euro (a difference of 10.000,00 euro): check the rows' amounts against the document"
    ]
    equal = answer(PERIODS.replace("90.000,00 euro", "100.000,00 euro"))
    assert [gap for gap in parse_document(equal).gaps if gap.what == "stated total"] == []


def test_counts_are_figures_too(tmp_path: Path) -> None:
    source = tmp_path / "vraag.txt"
    source.write_text(answer(PERIODS).replace("- 2019: 110.000,00 euro.", "- 2019: 12 studies;\n- 2020: 3 studies."))
    folder = tmp_path / "draft"
    write_draft(source, folder)
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    [figures] = [block for block in data["answer"]["blocks"] if block["kind"] == "figures"]
    assert [(f["id"], f["text"], f["value"], f["unit"], f["period_text"]) for f in figures["figures"]] == [
        ("F-1-2019", "12 studies", 12, "count", "2019"),
        ("F-1-2020", "3 studies", 3, "count", "2020"),
    ]
    assert all("vat_basis" not in figure for figure in figures["figures"])


_PIECES = [
    "Omschrijving", "Procedure", "Looptijd", "Opdrachtnemer", "Bedrag", "(incl. btw)", "Totaal", "1,2", "miljoen euro",
    "miljoen", "euro", "48.279,50 euro", "€ 61 710", "/", "Nog niet gegund", "Openbare procedure", "1 maart 2019 – 31",
    "december 2019", "2022", "Studiebureau Noord", "Campagne ‘Samen", "sterk’", "(Chiro", "Oost)", "", "van de",
    "3. Welke?", "Omschrijving  Bedrag", "Studie       12.500 euro", "Totaal | | 5 euro", "a | b",
    "Omschrijving | Bedrag", "Studie | miljoen euro", "Studie | 1,2 miljoen euro", "Video         miljoen euro",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_table_text_drafts_amounts_only_as_their_text_reads(pieces: list[str]) -> None:
    text, _ = delimit_layout(answer("\n".join(pieces)))
    draft = parse_document(text)
    for row in draft.answer.rows:
        if row.amount is not None:  # never an amount that its own text does not give in full
            assert row.amount_text is not None and parse_amount(row.amount_text) == row.amount
            assert not re.match(r"(?i)\W*(?:€|eur\w*)?\W*(?:miljoen|miljard)", row.amount_text), row.amount_text
    for table in draft.answer.tables:
        for total in table.totals:
            assert total.amount is None or parse_amount(total.text) == total.amount


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ptdrhlabeisc=\"'&;#x12 \n|")), max_size=200))
def test_any_html_reads(markup: str) -> None:
    read = html_text(markup.encode("utf-8"))
    assert read.text.endswith("\n")


def test_a_total_line_below_a_table_is_compared_with_its_rows() -> None:
    text = (FIXTURES / "studies-2019-2021.txt").read_text(encoding="utf-8")
    total = "\nTotaal: {} (incl. btw)\n\nDe wetenschappelijke onderzoeksopdrachten"
    # the six rows of the first table: 48.279,50 + 24.200 + 61.710 + 36.300 + 8.470 + 52.030 euro
    right = text.replace("\nDe wetenschappelijke onderzoeksopdrachten", total.format("230.989,50 euro"))
    assert [gap for gap in parse_document(right).gaps if gap.what == "stated total"] == []
    wrong = parse_document(right.replace("230.989,50", "230.000,00"))
    assert [str(gap) for gap in wrong.gaps if gap.what == "stated total"] == [
        "stated total (line 118, table 1): the rows of table 1 add up to 230.989,50 euro, the answer states the "
        "total '230.000,00 euro' (a difference of -989,50 euro): check the rows' amounts against the document"
    ]
    cut = parse_document(right.replace("230.989,50 euro", "miljoen euro"))
    assert [str(gap) for gap in cut.gaps if gap.what == "stated total"] == [
        "stated total (line 118, table 1): cannot read the total 'miljoen euro' in full; the rows are not checked "
        "against it"
    ]
