"""sebrief.draft: reading a published written question and answer (text or PDF) into a draft.

The expected values come from the curated SV 221 dataset (dataset.yaml and rows.csv, read here
with yaml and csv) and from the expected-values files written by hand beside the fictional
documents in tests/fixtures/draft/.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sebrief.dataset.amounts import parse_amount_text, parse_quantity_text
from sebrief.draft import (
    ColumnRole,
    Draft,
    DraftedPrecision,
    PassageKind,
    RowStatus,
    SourceError,
    TableRow,
    VatBasis,
    draft_file,
    extract_text,
    parse_document,
)
from sebrief.draft.values import (
    beneficiary_count,
    find_vat,
    parse_amount,
    parse_period,
    portfolio_case,
    session_year,
    split_name,
)
from sebrief.errors import ExitCode
from tests.split_row import LONG_DESCRIPTION, split_row_html

ROOT = Path(__file__).resolve().parents[1]
SV221 = ROOT / "data" / "sv-221-2017-2018"
FIXTURES = ROOT / "tests" / "fixtures" / "draft"
DOCUMENTS = ["studies-2019-2021", "no-table-refusal"]


def norm(text: object) -> str | None:
    if text is None or text == "":
        return None
    clean = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()
    return re.sub(r"\s*\[…\]\s*", " […] ", clean)


def source_span(lines: list[str], first: int, last: int) -> str:
    """Source lines first..last (1-based) joined the way quotes are compared."""
    text = "\n".join(lines[first - 1 : last])
    text = re.sub(r"(?<=[^\W\d_])-[ \t]*\n\s*", "-", text)
    return str(norm(text))


# --- SV 221 against the curated dataset ----------------------------------------------------------


@pytest.fixture(scope="module")
def curated() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((SV221 / "dataset.yaml").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def curated_rows() -> list[dict[str, str]]:
    with (SV221 / "rows.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return (SV221 / "source.txt").read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def sv221() -> Draft:
    return parse_document((SV221 / "source.txt").read_text(encoding="utf-8"))


def test_sv221_metadata(sv221: Draft, curated: dict[str, Any]) -> None:
    meta = curated["metadata"]
    assert sv221.parliament == meta["parliament"] == "Vlaams Parlement"
    assert sv221.document_type == meta["document_type"]
    assert sv221.number == meta["number"] == 221
    assert sv221.session_year == meta["session_year"] == "2017-2018"
    assert sv221.date_asked == meta["date_asked"] == dt.date(2018, 1, 19)
    assert sv221.date_answered is None and meta["date_answered"] is None  # not in the source: never guessed
    assert sv221.asker is not None and sv221.minister is not None and sv221.title is not None
    assert (sv221.asker.first_name, sv221.asker.last_name) == ("Rob", "Beenders")
    assert (sv221.asker.first_name, sv221.asker.last_name) == (meta["asker"]["first_name"], meta["asker"]["last_name"])
    minister = meta["minister"]
    assert (sv221.minister.first_name, sv221.minister.last_name) == (minister["first_name"], minister["last_name"])
    assert norm(sv221.minister.portfolio) == norm(minister["portfolio"])
    assert sv221.minister.portfolio_source is not None
    assert (sv221.minister.portfolio_source.first_line, sv221.minister.portfolio_source.last_line) == (9, 10)
    assert norm(sv221.title.text) == norm(meta["title"]) == "Sociale economie - Collectieve ondersteuning"
    assert sv221.title.first_line == 12


def test_sv221_question(sv221: Draft, curated: dict[str, Any], source_lines: list[str]) -> None:
    question = curated["question"]
    paragraphs = [p for p in sv221.question.introduction if p.kind is PassageKind.PARAGRAPH]
    assert [norm(p.text) for p in paragraphs] == [norm(i["text"]) for i in question["introduction"]]
    want = {str(p["id"]): p["text"] for p in question["parts"]}
    want.update({str(s["id"]): s["text"] for p in question["parts"] for s in p.get("subparts", [])})
    got = {p.id: p for p in sv221.question.parts}
    got.update({s.id: s for p in sv221.question.parts for s in p.subparts})
    assert list(got) == ["1", "2", "1a", "1b", "1c", "2a", "2b", "2c", "2d"]
    for part_id, text in want.items():
        assert norm(got[part_id].text) == norm(text), part_id
        assert norm(text) in source_span(source_lines, got[part_id].first_line, got[part_id].last_line)
    assert (got["1"].first_line, got["1a"].first_line, got["2b"].first_line, got["2b"].last_line) == (54, 59, 71, 73)


def test_sv221_introduction_lists(sv221: Draft, curated: dict[str, Any]) -> None:
    """The question's list of five actions with their dashes, and the sentence that leads it in."""
    intro = sv221.question.introduction
    lead = [p for p in intro if p.kind is PassageKind.LEAD]
    assert [p.text for p in lead] == ["Het convenant omvatte volgende acties en diensten:"]
    numbered = [p for p in intro if p.level == 1]
    dashed = [p for p in intro if p.level == 2]
    assert [p.marker for p in numbered] == ["1.", "2.", "3.", "4.", "5."]
    [tasks] = [block for block in curated["answer"]["blocks"] if block["kind"] == "classification"]
    assert len(dashed) == len(tasks["items"]) - 1  # A2.1 is not a dash
    assert all(p.marker == "-" for p in dashed)
    for item in tasks["items"]:
        assert any(str(norm(item["text"])) in str(norm(p.text)) for p in intro), item["id"]


def test_sv221_answer_passages(sv221: Draft, curated: dict[str, Any], source_lines: list[str]) -> None:
    assert [part.ids for part in sv221.answer.parts] == [("1",), ("2",)]
    for passage in curated["answer"]["passages"]:
        text = str(norm(passage["text"]))
        holders = [p for p in sv221.answer.passages if text in str(norm(p.text))]
        assert holders, passage["id"]
        assert all(p.part == passage["part"] for p in holders)
        assert text in source_span(source_lines, holders[0].first_line, holders[0].last_line)
    items = [p for p in sv221.answer.passages if p.marker and p.marker.endswith("°")]
    listed = [value["text"] for grouping in curated["groupings"] for value in grouping["values"] if "text" in value]
    assert [norm(p.text) for p in items] == [norm(text) for text in listed]
    initiatives = [p for p in sv221.answer.passages if p.marker == "-"]
    [points] = [block["points"] for block in curated["answer"]["blocks"] if block["kind"] == "text"]
    assert len(initiatives) == len(points) == 5
    assert [p.first_line for p in initiatives] == [109, 114, 117, 120, 125]


def test_sv221_table(
    sv221: Draft, curated: dict[str, Any], curated_rows: list[dict[str, str]], source_lines: list[str]
) -> None:
    [table] = sv221.answer.tables
    assert table.part == "2"
    assert [c.role for c in table.columns] == [
        ColumnRole.DESCRIPTION,
        ColumnRole.PERIOD,
        ColumnRole.BENEFICIARY,
        ColumnRole.AMOUNT,
    ]
    assert (table.first_line, table.last_line) == (135, 323)
    assert len(table.rows) == len(curated_rows) == 17
    for row, want in zip(table.rows, curated_rows, strict=True):
        assert_row(row, want, source_lines, {kind["id"]: kind["label"]["nl"] for kind in curated["kinds"]})


def assert_row(row: TableRow, want: dict[str, str], source_lines: list[str], kind_labels: dict[str, str]) -> None:
    where = want["id"]
    assert row.amount == (Decimal(want["amount"]) if want["amount"] else None), where
    period = (
        (row.period.start.isoformat(), row.period.end.isoformat(), row.period.precision.value) if row.period else None
    )
    assert period == ((want["period_start"], want["period_end"], want["period_precision"]) if want["period_start"]
                      else None), where  # fmt: skip
    assert row.beneficiary == (want["beneficiary"] or None), where
    assert row.beneficiary_count == (int(want["beneficiary_count"]) if want["beneficiary_count"] else None), where
    assert row.kind_text == kind_labels[want["kind"]], where  # the label the source puts before the row
    assert row.kind == row.kind_text.lower(), where
    assert row.vat_basis == VatBasis(want["vat_basis"]), where
    assert row.vat_text == (want["vat_text"] or None), where
    assert row.status == RowStatus(want["status"]), where
    assert norm(row.amount_text) == norm(want["amount_text"]), where
    assert norm(row.period_text) == norm(want["period_text"]), where
    assert norm(row.description) == norm(want["description"]), where
    assert norm(row.description_source) == norm(want["description_source"]), where
    assert row.split_by_page_break == bool(want["description_source"]), where
    span = source_span(source_lines, row.first_line, row.last_line)
    for fragment in row.description_fragments:
        assert fragment in span, where


def test_sv221_split_row(sv221: Draft) -> None:
    """R11: a page break splits the description and the period; both are joined and flagged."""
    row = sv221.answer.rows[10]
    assert row.description_fragments == ("Communicatie – Ontwikkeling", "en design website")
    assert row.period_fragments == ("September 2017 – maart", "2018")
    assert row.description_source == "Communicatie – Ontwikkeling […] en design website"
    assert (row.first_line, row.last_line) == (253, 264)
    assert [r.index for r in sv221.answer.rows if r.split_by_page_break] == [11]


def test_sv221_in_procedure_rows(sv221: Draft) -> None:
    rows = [r for r in sv221.answer.rows if r.status is RowStatus.IN_PROCEDURE]
    assert [r.index for r in rows] == [8, 9]
    assert all(r.status_text == "In procedure" and r.amount is None and r.period is None for r in rows)


def test_sv221_gaps(sv221: Draft) -> None:
    assert [gap.what for gap in sv221.gaps] == ["date answered"]


def test_compare_script_sv221() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compare_draft.py")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    shares = re.findall(r"^  (.+?)\s+(\d+)/(\d+)\s+([\d.]+) %$", result.stdout, re.MULTILINE)
    assert len(shares) >= 15
    assert all(share == "100.0" for *_, share in shares), result.stdout
    assert "17 read, 17 expected" in result.stdout


# --- the fictional documents ---------------------------------------------------------------------


def expected_of(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    return loaded


def check_against_expected(draft: Draft, expected: dict[str, Any], *, page_breaks: bool = True) -> None:
    meta = expected["metadata"]
    assert draft.parliament == meta["parliament"]
    assert draft.document_type == meta["document_type"]
    assert draft.number == meta["number"]
    assert draft.session_year == meta["session_year"]
    assert draft.date_asked == meta["date_asked"]
    assert draft.date_answered == meta["date_answered"]
    assert draft.asker is not None and draft.minister is not None and draft.title is not None
    assert (draft.asker.first_name, draft.asker.last_name) == (meta["asker"]["first_name"], meta["asker"]["last_name"])
    minister = meta["minister"]
    assert (draft.minister.first_name, draft.minister.last_name) == (minister["first_name"], minister["last_name"])
    assert draft.minister.portfolio == minister["portfolio"]
    assert norm(draft.title.text) == norm(meta["title"])
    question = expected["question"]
    paragraphs = [p.text for p in draft.question.introduction if p.kind is PassageKind.PARAGRAPH]
    assert [norm(p) for p in paragraphs] == [norm(p) for p in question["introduction"]]
    parts = [(p.id, norm(p.text), [(s.id, norm(s.text)) for s in p.subparts]) for p in draft.question.parts]
    assert parts == [
        (str(p["id"]), norm(p["text"]), [(str(s["id"]), norm(s["text"])) for s in p.get("subparts", [])])
        for p in question["parts"]
    ]
    answer = expected["answer"]
    assert [list(p.ids) for p in draft.answer.parts] == answer["part_ids"]
    for passage in answer["passages"]:
        text = str(norm(passage["text"]))
        assert any(text in str(norm(p.text)) and (p.part or "") == passage["part"] for p in draft.answer.passages), text
    assert [len(t.rows) for t in draft.answer.tables] == expected["tables"]
    rows = draft.answer.rows
    assert len(rows) == len(expected["rows"])
    for row, want in zip(rows, expected["rows"], strict=True):
        where = want["id"]
        assert norm(row.description) == norm(want["description"]), where
        assert row.procedure == want["procedure"], where
        start, end = (row.period.start, row.period.end) if row.period else (None, None)
        assert (start, end) == (want["period_start"], want["period_end"]), where
        assert (row.period.precision.value if row.period else None) == want["period_precision"], where
        assert row.beneficiary == want["beneficiary"], where
        assert row.beneficiary_count == want["beneficiary_count"], where
        assert row.amount == (Decimal(want["amount"]) if want["amount"] else None), where
        assert norm(row.amount_text) == norm(want["amount_text"]), where
        assert row.vat_basis.value == want["vat_basis"] and row.vat_text == want["vat_text"], where
        assert row.kind == want["kind"], where
        assert row.status.value == want["status"], where
        if page_breaks:
            assert norm(row.period_text) == norm(want["period_text"]), where
            assert norm(row.description_source) == norm(want.get("description_source")), where
            assert row.split_by_page_break == ("description_source" in want), where
    assert sorted(g.what for g in draft.gaps) == sorted(expected["gaps"])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_fixture_text(name: str) -> None:
    check_against_expected(draft_file(FIXTURES / f"{name}.txt"), expected_of(name))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_compare_script_fixture(name: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compare_draft.py"), str(FIXTURES / f"{name}.txt"),
         "--expected", str(FIXTURES / f"{name}.expected.yaml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_studies_details() -> None:
    draft = draft_file(FIXTURES / "studies-2019-2021.txt")
    first, second = draft.answer.tables
    assert [c.role for c in first.columns] == [
        ColumnRole.DESCRIPTION,
        ColumnRole.PROCEDURE,
        ColumnRole.PERIOD,
        ColumnRole.BENEFICIARY,
        ColumnRole.AMOUNT,
    ]
    assert first.columns[-1].header == "Bedrag (incl. btw)" and second.columns[-1].header == "Kostprijs (incl. btw)"
    leads = [p.text for p in draft.answer.passages if p.kind is PassageKind.LEAD]
    assert leads[0] == "De beleidsvoorbereidende studies werden als overheidsopdracht gegund:"
    split = first.rows[3]
    assert split.period_fragments == ("1 maart 2020 – 31 januari", "2021")
    assert split.description_fragments == ("Evaluatie van het fietsbeleid in", "de centrumsteden")
    # 48279.50 + 24200 + 61710 + 36300 + 8470 + 52030 and 1210000 + 96800 + 423500 + 181500
    assert sum(r.amount or 0 for r in first.rows) == Decimal("230989.50")
    assert sum(r.amount or 0 for r in second.rows) == Decimal("1911800")


def test_refusal_details() -> None:
    draft = draft_file(FIXTURES / "no-table-refusal.txt")
    assert draft.answer.tables == ()
    combined, third = draft.answer.parts
    assert combined.ids == ("1", "2") and combined.marker == "1 en 2."
    assert [p.part for p in third.passages] == ["3", "3a", "3b"]
    assert draft.title is not None and (draft.title.first_line, draft.title.last_line) == (11, 12)


# --- values --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("275.342,98 euro", "275342.98"),
        ("9.835,6 €", "9835.60"),
        ("40.000 euro", "40000"),
        ("1,2 miljoen euro", "1200000"),
        ("€ 12 500", "12500"),
        ("EUR 1.200.000", "1200000"),
        ("12 500,50 euro", "12500.50"),
        ("vijftigduizend euro", "50000"),
        ("tweehonderdvijfenveertigduizend driehonderd euro", "245300"),
        ("euro", None),
        ("/", None),
        ("ongeveer veel euro", None),
    ],
)
def test_parse_amount(text: str, value: str | None) -> None:
    assert parse_amount(text) == (Decimal(value) if value else None)


# One pattern for a number in digits (sebrief.dataset.amounts.NUMBER_PATTERN) takes any number of
# decimals; only an amount in euro without a scale is held to cents, by its value.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,125 miljoen euro", "1125000"),  # a scaled amount: three decimals in the number, whole euros
        ("€ 2,3456 miljard", "2345600000"),
        ("12,345 euro", None),  # not exact to the cent
        ("0,5 euro", "0.50"),
    ],
)
def test_amount_decimals(text: str, value: str | None) -> None:
    assert parse_amount_text(text) == (Decimal(value) if value else None)


@pytest.mark.parametrize(("text", "value"), [("14,5 VTE", "14.5"), ("0,1234", "0.1234"), ("1.204,125 ton", "1204.125")])
def test_figure_decimals(text: str, value: str) -> None:
    assert parse_quantity_text(text) == Decimal(value)


def studies_with_first_amount(amount_text: str) -> TableRow:
    text = (FIXTURES / "studies-2019-2021.txt").read_text(encoding="utf-8")
    assert text.count("48.279,50 euro") == 1
    draft = parse_document(text.replace("48.279,50 euro", amount_text))
    return draft.answer.tables[0].rows[0]


def test_table_amount_scaled_with_three_decimals() -> None:
    row = studies_with_first_amount("1,125 miljoen euro")
    assert (row.amount_text, row.amount) == ("1,125 miljoen euro", Decimal(1125000))
    assert row.beneficiary == "Studiebureau Verkeerskunde Noord"


def test_table_amount_not_to_the_cent_is_read_as_a_cell_and_left_to_fill_in() -> None:
    row = studies_with_first_amount("12,345 euro")
    assert (row.amount_text, row.amount, row.status) == ("12,345 euro", None, RowStatus.AWARDED)
    assert row.beneficiary == "Studiebureau Verkeerskunde Noord"


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1 december 2017 – 30 juni 2018", "2017-12-01", "2018-06-30", DraftedPrecision.DAY),
        ("September 2017 – mei 2018", "2017-09-01", "2018-05-31", DraftedPrecision.MONTH),
        ("Februari 2018", "2018-02-01", "2018-02-28", DraftedPrecision.MONTH),
        ("December 2017 -februari 2018", "2017-12-01", "2018-02-28", DraftedPrecision.MONTH),
        ("van 1 maart 2019 tot 31 mei 2019", "2019-03-01", "2019-05-31", DraftedPrecision.DAY),
        ("01/12/2017 - 30/06/2018", "2017-12-01", "2018-06-30", DraftedPrecision.DAY),
        ("1 – 31 december 2017", "2017-12-01", "2017-12-31", DraftedPrecision.DAY),
        ("november – februari 2018", "2017-11-01", "2018-02-28", DraftedPrecision.MONTH),
        ("2019", "2019-01-01", "2019-12-31", DraftedPrecision.YEAR),
        ("2019-2021", "2019-01-01", "2021-12-31", DraftedPrecision.YEAR),
    ],
)
def test_parse_period(text: str, start: str, end: str, precision: DraftedPrecision) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat(), period.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["/", "", "September 2017 – maart", "2021 – 2019", "31 februari 2018"])
def test_parse_period_none(text: str) -> None:
    assert parse_period(text) is None


def test_session_year_starts_on_the_fourth_monday_of_september() -> None:
    assert session_year(dt.date(2018, 1, 19)) == "2017-2018"
    assert session_year(dt.date(2018, 10, 1)) == "2018-2019"
    assert session_year(dt.date(2018, 9, 23)) == "2017-2018"  # Sunday before Monday 24 September 2018
    assert session_year(dt.date(2018, 9, 24)) == "2018-2019"
    assert session_year(dt.date(2019, 9, 23)) == "2019-2020"
    assert session_year(dt.date(2022, 9, 20)) == "2021-2022"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("ROB BEENDERS", "Rob", "Beenders"),
        ("JAN VAN DEN BERGHE", "Jan", "Van den Berghe"),
        ("BART DE WEVER", "Bart", "De Wever"),
        ("ANN D'HAESELEER", "Ann", "D'Haeseleer"),
        ("MARIE-CLAIRE VANDE LANOTTE", "Marie-Claire", "Vande Lanotte"),
        ("NOOR EL AMRANI", "Noor", "El Amrani"),
        ("Freya Van den Bossche", "Freya", "Van den Bossche"),
        ("IJSBRAND VAN DER MEER", "IJsbrand", "Van der Meer"),
    ],
)
def test_split_name(text: str, first: str, last: str) -> None:
    assert split_name(text) == (first, last)


def test_portfolio_case() -> None:
    assert portfolio_case("VLAAMS MINISTER VAN BUITENLANDSE ZAKEN, CULTUUR, ICT EN FACILITAIR MANAGEMENT") == (
        "Vlaams minister van Buitenlandse Zaken, Cultuur, ICT en Facilitair Management"
    )
    assert portfolio_case("MINISTER-PRESIDENT VAN DE VLAAMSE REGERING") == "minister-president van de Vlaamse Regering"
    assert portfolio_case("Vlaams minister van Wonen") == "Vlaams minister van Wonen"


def test_vat_and_counts() -> None:
    assert find_vat("29.440 euro (excl. BTW)") == (VatBasis.EXCL_VAT, "(excl. BTW)")
    assert find_vat("Bedrag (incl. btw)") == (VatBasis.INCL_VAT, "(incl. btw)")
    assert find_vat("exclusief btw")[0] is VatBasis.EXCL_VAT
    assert find_vat("btw inbegrepen")[0] is VatBasis.INCL_VAT
    assert find_vat("40.000 euro") == (VatBasis.NOT_STATED, None)
    assert beneficiary_count("14 ondernemingen (BW, SW, LDE)") == 14
    assert beneficiary_count("drie vzw's") == 3
    assert beneficiary_count("3M Belgium") is None
    assert beneficiary_count("KULeuven (HIVA)") is None


# --- other layouts and odd input: gaps, never an exception -------------------------------------------


def test_not_the_layout_gives_gaps() -> None:
    draft = parse_document("Beste collega,\n\nHierbij het verslag van de vergadering.\n\nGroeten\n")
    whats = {gap.what for gap in draft.gaps}
    assert {"document type", "question number", "asker", "date asked", "minister", "answer", "parliament"} <= whats
    assert draft.number is None and draft.minister is None and draft.answer.parts == ()
    assert all(gap.hint for gap in draft.gaps)


def test_empty_text() -> None:
    draft = parse_document("")
    assert draft.gaps and draft.question.parts == ()


def test_unreadable_row_values_are_gaps() -> None:
    text = (SV221 / "source.txt").read_text(encoding="utf-8").replace("29.800 euro", "29.800 frank")
    draft = parse_document(text)
    assert any(gap.what.startswith("table row") for gap in draft.gaps)


def test_delimited_table_with_page_break() -> None:
    text = "\n".join([
        "SCHRIFTELIJKE VRAAG", "nr. 7", "van AN PEETERS", "datum: 3 maart 2020", "",
        "aan PIET JANSSENS", "VLAAMS MINISTER VAN WERK", "", "Titel", "",
        "1. Welke opdrachten?", "", "ANTWOORD", "op vraag nr. 7 van 3 maart 2020", "van AN PEETERS", "",
        "1. Zie tabel:", "",
        "Omschrijving | Looptijd | Begunstigde | Bedrag",
        "Overheidsopdracht: Studie A | 1 januari 2020 – 31 maart | Bureau X | 10.000 euro (excl. btw)",
        "\f",
        "Omschrijving | Looptijd | Begunstigde | Bedrag",
        "en B | 2020 | | ",
        "Subsidieoproep: Oproep C | / | In procedure | /",
        "",
    ])  # fmt: skip
    draft = parse_document(text)
    first, second = draft.answer.rows
    assert first.split_by_page_break and first.description == "Studie A en B"
    assert first.period is not None and first.period.end == dt.date(2020, 3, 31)
    assert first.period_text == "1 januari 2020 – 31 maart […] 2020"
    assert (first.kind, first.kind_text) == ("overheidsopdracht", "Overheidsopdracht")
    assert (first.amount, first.vat_basis) == (Decimal(10000), VatBasis.EXCL_VAT)
    assert (second.kind, second.status, second.beneficiary) == ("subsidieoproep", RowStatus.IN_PROCEDURE, None)
    assert draft.session_year == "2019-2020"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_parses(text: str) -> None:
    assert isinstance(parse_document(text), Draft)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=326), max_size=40))
def test_sv221_with_lines_dropped_parses(dropped: list[int]) -> None:
    lines = (SV221 / "source.txt").read_text(encoding="utf-8").split("\n")
    kept = [line for i, line in enumerate(lines) if i not in set(dropped)]
    assert isinstance(parse_document("\n".join(kept)), Draft)


# --- extraction ----------------------------------------------------------------------------------


def test_extract_text_file(tmp_path: Path) -> None:
    path = tmp_path / "vraag.txt"
    path.write_bytes("\ufeffSCHRIFTELIJKE VRAAG\r\nnr. 1\r\n".encode())
    assert extract_text(path) == "SCHRIFTELIJKE VRAAG\nnr. 1\n"
    assert extract_text(SV221 / "source.txt") == (SV221 / "source.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vraag.pdf", b"SCHRIFTELIJKE VRAAG", "is not a PDF"),
        ("vraag.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "neither a PDF nor a text file"),
        ("vraag.txt", "SCHRIFTELIJKE VRAAG é".encode("latin-1"), "not UTF-8"),
        ("kapot.pdf", b"%PDF-1.7\nthis is not a PDF body\n", "damaged PDF"),
    ],
)
def test_extract_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as raised:
        extract_text(path)
    assert raised.value.exit_code == ExitCode.INVALID_DATASET


def test_extract_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        extract_text(tmp_path / "nergens.pdf")


def render_pdf(html: str, target: Path) -> Path:
    from weasyprint import HTML

    HTML(string=html, base_url=str(FIXTURES)).write_pdf(target)
    return target


@pytest.fixture(scope="module")
def studies_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("draft-pdf")
    html = (FIXTURES / "studies-2019-2021.html").read_text(encoding="utf-8")
    assert '<body class="ruled">' in html
    return {
        "ruled": render_pdf(html, folder / "ruled.pdf"),
        "unruled": render_pdf(html.replace('<body class="ruled">', '<body class="unruled">'), folder / "unruled.pdf"),
    }


def fields_that_matter(draft: Draft) -> dict[str, object]:
    """What a dataset takes from a draft, without line numbers and page-break fragments."""
    return {
        "metadata": (
            draft.parliament,
            draft.document_type,
            draft.number,
            draft.session_year,
            draft.date_asked,
            draft.date_answered,
            draft.asker and draft.asker.full_name,
            draft.minister and (draft.minister.full_name, draft.minister.portfolio),
            draft.title and norm(draft.title.text),
        ),
        "introduction": [(p.kind, norm(p.text)) for p in draft.question.introduction],
        "parts": [(p.id, norm(p.text), [(s.id, norm(s.text)) for s in p.subparts]) for p in draft.question.parts],
        "answer": [(p.ids, [(q.kind, q.part, norm(q.text)) for q in p.passages]) for p in draft.answer.parts],
        "columns": [[(c.role, norm(c.header)) for c in t.columns] for t in draft.answer.tables],
        "rows": [
            (
                norm(r.description),
                r.kind,
                r.procedure,
                r.period,
                r.beneficiary,
                r.beneficiary_count,
                r.amount,
                norm(r.amount_text),
                r.vat_basis,
                r.vat_text,
                r.status,
                r.status_text,
            )
            for r in draft.answer.rows
        ],
        "gaps": sorted(g.what for g in draft.gaps),
    }


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["ruled", "unruled"])
def test_pdf_parses_like_text(studies_pdfs: dict[str, Path], variant: str) -> None:
    from_pdf = draft_file(studies_pdfs[variant])
    from_text = draft_file(FIXTURES / "studies-2019-2021.txt")
    assert fields_that_matter(from_pdf) == fields_that_matter(from_text)
    check_against_expected(from_pdf, expected_of("studies-2019-2021"), page_breaks=False)


@pytest.mark.slow
def test_pdf_tables_are_delimited_rows(studies_pdfs: dict[str, Path]) -> None:
    text = extract_text(studies_pdfs["unruled"])
    assert "Titel | Procedure | Looptijd | Opdrachtnemer | Bedrag (incl. btw)" in text
    assert "Emissies van bestelwagens | Openbare procedure | 1 januari 2019 – 30 juni 2019 | Vito | 96.800 euro" in text


@pytest.mark.slow
def test_pdf_without_text_layer(tmp_path: Path) -> None:
    html = '<html><body><div style="width: 120mm; height: 80mm; background: #444"></div></body></html>'
    with pytest.raises(SourceError, match=r"no text layer .* OCR"):
        extract_text(render_pdf(html, tmp_path / "scan.pdf"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf makes the encrypted PDF")
def test_encrypted_pdf(tmp_path: Path) -> None:
    plain = render_pdf("<p>SCHRIFTELIJKE VRAAG</p>", tmp_path / "plain.pdf")
    locked = tmp_path / "locked.pdf"
    subprocess.run(["qpdf", "--encrypt", "geheim", "geheim", "256", "--", str(plain), str(locked)], check=True)
    with pytest.raises(SourceError, match="encrypted PDF"):
        extract_text(locked)


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["ruled", "unruled"])
def test_pdf_row_split_by_page_break(tmp_path: Path, variant: str) -> None:
    """A row that WeasyPrint splits over two pages comes back as one row, flagged, fragments joined."""
    html = split_row_html(variant)
    draft = draft_file(render_pdf(html, tmp_path / f"{variant}.pdf"))
    assert len(draft.answer.rows) == 60
    long_row = draft.answer.rows[30]
    assert long_row.split_by_page_break and len(long_row.description_fragments) == 2
    assert long_row.description == LONG_DESCRIPTION
    assert (long_row.amount, long_row.beneficiary) == (Decimal(5000), "Bureau X")
    assert long_row.period is not None and long_row.period.end == dt.date(2021, 1, 31)
    assert [r.amount for r in draft.answer.rows if r is not long_row] == [Decimal(i * 1000) for i in range(1, 60)]
    assert [g.what for g in draft.gaps] == ["date answered"]
