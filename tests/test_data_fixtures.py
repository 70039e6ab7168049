"""The fictional datasets in format version 2 (tests/fixtures/datasets): they load, they say they are
fictional, their sources look like published written questions, and they hold the figures computed
by hand from their source texts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Coverage, Dataset, FiguresBlock, TableBlock, TextBlock, Unit, VatBasis

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"
STUDIES = FIXTURES / "fictional-studies-2021-2023"
TEXT_ONLY = FIXTURES / "fictional-text-only-2019-2020"
MATRIX = FIXTURES / "fictional-matrix-2022-2023"
ALL = sorted(path for path in FIXTURES.iterdir() if (path / "dataset.yaml").is_file())
D = Decimal
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)  # fmt: skip


def dutch_date(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


@pytest.fixture(scope="module")
def text_only() -> Dataset:
    return load_dataset(TEXT_ONLY)


@pytest.fixture(scope="module")
def matrix() -> Dataset:
    return load_dataset(MATRIX)


def figures_of(dataset: Dataset, block_id: str) -> dict[str, Decimal]:
    block = dataset.main.block(block_id)
    assert isinstance(block, FiguresBlock)
    return {figure.id: figure.value for figure in block.figures}


def coverage(dataset: Dataset, block_id: str) -> dict[str, tuple[str, str]]:
    block = dataset.main.block(block_id)
    assert block is not None
    return {answer.part: (answer.status.value, answer.basis.value) for answer in block.answers}


# Every fixture: loads, says it is fictional, reads like a published written question.


def test_there_are_at_least_two_fixtures() -> None:
    assert {STUDIES, TEXT_ONLY, MATRIX} <= set(ALL)


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_every_fixture_loads(folder: Path) -> None:
    dataset = load_dataset(folder)
    assert dataset.id == folder.name
    assert dataset.main.schema_version == 2


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_every_fixture_says_it_is_fictional(folder: Path) -> None:
    first_line = (folder / "dataset.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# FICTIONAL DATASET, written for sebrief's tests")
    description = load_dataset(folder).metadata.source.description
    assert description.en.startswith("Fictional") and "written for sebrief's tests" in description.en
    assert description.nl.startswith("Fictieve") and "geschreven voor de tests van sebrief" in description.nl
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    assert "**Everything in this folder is fictional.**" in readme and f"`{folder.name}/`" in readme


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_every_source_is_laid_out_like_a_published_written_question(folder: Path) -> None:
    dataset = load_dataset(folder)
    meta = dataset.metadata
    lines = [line.strip() for line in dataset.source_text.splitlines()]
    asked = dutch_date(meta.date_asked)
    minister = meta.minister.full_name.upper()
    header = [
        "SCHRIFTELIJKE VRAAG",
        f"nr. {meta.number}",
        f"van {meta.asker.full_name.upper()}",
        f"datum: {asked}",
        f"aan {minister}",
        meta.minister.portfolio.upper(),
    ]
    assert [line for line in lines if line][: len(header)] == header
    filled = [line for line in lines if line]
    at = filled.index("ANTWOORD")
    assert filled[at - 2 : at + 3] == [
        minister,
        meta.minister.portfolio.upper(),
        "ANTWOORD",
        f"op vraag nr. {meta.number} van {asked}",
        f"van {meta.asker.full_name.upper()}",
    ]
    answer_at = lines.index("ANTWOORD")
    question, answer = lines[:answer_at], lines[answer_at:]
    for part in dataset.main.question.parts:
        assert any(line.startswith(f"{part.id}. ") for line in question), part.id
        for letter, sub in enumerate(part.subparts):
            assert sub.id == f"{part.id}{'abcdefgh'[letter]}"
            assert any(line.startswith(f"{'abcdefgh'[letter]}) ") for line in question), sub.id
        if part.answered_by or any(sub.answered_by for sub in part.subparts):
            assert any(line.startswith(f"{part.id}. ") for line in answer), part.id


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_every_session_year_is_the_parliamentary_year_of_the_date_asked(folder: Path) -> None:
    meta = load_dataset(folder).metadata
    first = meta.date_asked.year if meta.date_asked.month >= 9 else meta.date_asked.year - 1
    assert meta.session_year == f"{first}-{first + 1}"


# The studies question: two tables, figures per year, a refusal and a part left aside.


def test_studies_tables_sum_to_the_hand_computed_amounts(studies: Dataset) -> None:
    per_table: dict[str, Decimal] = defaultdict(D)
    per_kind: dict[str, Decimal] = defaultdict(D)
    for row in studies.rows:
        per_table[row.table] += row.amount or D(0)
        per_kind[row.kind] += row.amount or D(0)
    assert [len(studies.rows_of("T-POLICY")), len(studies.rows_of("T-EVALUATION"))] == [7, 8]
    assert per_table == {"T-POLICY": D("1417195.00"), "T-EVALUATION": D("431304.50")}
    assert per_kind == {"study_policy": D("1417195.00"), "study_evaluation": D("431304.50")}
    assert sum(per_table.values()) == D("1848499.50")
    assert all(
        row.vat_basis is VatBasis.INCL_VAT and row.vat_text == "(incl. btw)" for row in studies.rows if row.amount
    )
    assert all(studies.kind(kind).procurement for kind in per_kind)


def test_studies_per_year_agree_with_the_answers_figures(studies: Dataset) -> None:
    counts: dict[str, int] = defaultdict(int)
    amounts: dict[str, Decimal] = defaultdict(D)
    for row in studies.rows:
        (year,) = row.groupings["year"]
        assert row.grouping_basis["year"].value == "stated"
        counts[year] += 1
        amounts[year] += row.amount or D(0)
    assert counts == {"2021": 5, "2022": 6, "2023": 4}
    assert amounts == {"2021": D("185130.00"), "2022": D("289129.50"), "2023": D("1374240.00")}
    figures = figures_of(studies, "F-YEARS")
    for year in ("2021", "2022", "2023"):
        assert figures[f"F-COUNT-{year}"] == counts[year]
        assert figures[f"F-AMOUNT-{year}"] == amounts[year]
    block = studies.main.block("F-YEARS")
    assert isinstance(block, FiguresBlock)
    units = {figure.id: (figure.unit, figure.vat_basis) for figure in block.figures}
    assert units["F-COUNT-2022"] == (Unit.COUNT, None) and units["F-AMOUNT-2022"] == (Unit.EUR, VatBasis.INCL_VAT)
    periods = {figure.id: (figure.period.start, figure.period.end) for figure in block.figures if figure.period}
    assert periods["F-AMOUNT-2023"] == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_studies_one_supplier_holds_four_overlapping_awards_just_under_the_threshold(studies: Dataset) -> None:
    cluster = [row for row in studies.rows if row.beneficiary == "Studiebureau Verzinsel"]
    assert [row.id for row in cluster] == ["A03", "A04", "B04", "B05"]
    excl = [row.amount / D("1.21") for row in cluster if row.amount]
    assert excl == [D("29700"), D("29800"), D("29500"), D("29950")]
    assert all(D("29000") < amount < D("30000") for amount in excl)
    assert sum(row.amount or D(0) for row in cluster) == D("143929.50")  # 118.950 excl. VAT
    assert {row.procedure for row in cluster} == {"aanvaarde factuur"}
    periods = [row.period for row in cluster if row.period]
    assert max(p.start for p in periods) <= min(p.end for p in periods)  # all four run at the same time
    # No other award falls just under 36.300 euro incl. VAT (30.000 excl. VAT).
    others = [row for row in studies.rows if row.amount and D("33000") < row.amount < D("36300") and row not in cluster]
    assert others == []


def test_studies_rows_keep_the_sources_words(studies: Dataset) -> None:
    texts = {row.id: row.amount_text for row in studies.rows}
    assert texts["A06"] == "1,2 miljoen euro" and studies.row("A06").amount == D("1200000.00")
    assert texts["B04"] == "vijfendertigduizend zeshonderdvijfennegentig euro"
    assert studies.row("B04").amount == D("35695.00")
    assert {texts["A05"], texts["B02"], texts["B03"]} == {"€ 48.400", "EUR 18.150,00", "9.680 €"}
    pending = studies.row("A07")
    assert not pending.is_awarded and pending.amount is None and pending.beneficiary is None
    assert pending.amount_text == "/" and pending.procedure == "openbare procedure"
    split = studies.row("B07")
    assert split.description_source == "Evaluatie van het decreet […] op de proefgemeenten"
    assert split.description == "Evaluatie van het decreet op de proefgemeenten"
    procedures = {row.procedure for row in studies.rows}
    assert procedures == {
        "onderhandelingsprocedure zonder voorafgaande bekendmaking", "aanvaarde factuur", "openbare procedure",
    }  # fmt: skip


def test_studies_parts_and_the_blocks_that_answer_them(studies: Dataset) -> None:
    parts = {part.id: part.answered_by for part in studies.main.question.all_parts()}
    assert parts == {
        "1": ("F-YEARS",),
        "2": (),
        **{f"2{letter}": ("T-POLICY", "T-EVALUATION") for letter in "abcde"},
        "3": ("X-PUBLICATION",),
        "4": (),  # the answer does not address it
    }
    for table_id in ("T-POLICY", "T-EVALUATION"):
        table = studies.main.block(table_id)
        assert isinstance(table, TableBlock) and table.groupings == ("year",)
        assert {(b.part, b.column.value, b.rows) for b in table.binds} == {
            ("2a", "description", "all"), ("2b", "period", "awarded"), ("2c", "beneficiary", "awarded"),
            ("2d", "amount", "awarded"), ("2e", "procedure", "all"),
        }  # fmt: skip
    assert coverage(studies, "F-YEARS") == {"1": ("answered", "stated")}
    refusal = studies.main.block("X-PUBLICATION")
    assert isinstance(refusal, TextBlock)
    (answer,) = refusal.answers
    assert (answer.part, answer.status, answer.basis.value) == ("3", Coverage.NOT_ANSWERED, "stated")
    assert answer.reason is not None and "interne werkdocumenten" in answer.reason.nl
    assert "Ik acht het niet aangewezen om de eindrapporten te verspreiden" in studies.passage("P-PUBLICATION").text
    assert "4. " not in studies.source_text.split("ANTWOORD")[1]


# The text-only question: no table, a refusal, one figure, a "no, with reasons".


def test_text_only_has_no_table_and_no_csv_file(text_only: Dataset) -> None:
    assert text_only.rows == () and text_only.main.tables() == () and text_only.main.kinds == ()
    assert list(TEXT_ONLY.glob("*.csv")) == []


def test_text_only_parts_are_refused_partly_answered_and_answered_no(text_only: Dataset) -> None:
    parts = {part.id: part.answered_by for part in text_only.main.question.all_parts()}
    assert parts == {"1": ("X-NOT-KEPT",), "2": ("F-FTE",), "3": ("X-TIMING",)}
    assert coverage(text_only, "X-NOT-KEPT") == {"1": ("not_answered", "stated")}
    assert coverage(text_only, "F-FTE") == {"2": ("partly", "stated")}
    assert coverage(text_only, "X-TIMING") == {"3": ("answered", "stated")}
    assert text_only.passage("P-NOT-KEPT").text == "Deze cijfers worden niet centraal bijgehouden."
    assert text_only.passage("P-NO").text == "Neen."
    block = text_only.main.block("F-FTE")
    assert isinstance(block, FiguresBlock)
    (figure,) = block.figures
    assert (figure.text, figure.value, figure.unit, figure.vat_basis) == ("14,5 VTE", D("14.5"), Unit.FTE, None)
    assert figure.period is not None and figure.period.start == figure.period.end == dt.date(2019, 10, 1)


# The matrix question: amounts along province and year.


def test_matrix_cells_add_up_to_the_answers_totals(matrix: Dataset) -> None:
    block = matrix.main.block("F-PAID")
    assert isinstance(block, FiguresBlock)
    cells = [f for f in block.figures if set(f.dimensions) == {"province", "year"}]
    assert len(cells) == 15 and all(f.unit is Unit.EUR and f.vat_basis is VatBasis.NOT_STATED for f in cells)
    per_year: dict[str, Decimal] = defaultdict(D)
    per_province: dict[str, Decimal] = defaultdict(D)
    for figure in cells:
        per_year[figure.dimensions["year"]] += figure.value
        per_province[figure.dimensions["province"]] += figure.value
    assert per_year == {"2020": D("1518500.00"), "2021": D("1625471.50"), "2022": D("1734305.50")}
    assert per_province == {
        "Antwerpen": D("1366170.50"), "Limburg": D("645425.25"), "Oost-Vlaanderen": D("1157355.75"),
        "Vlaams-Brabant": D("904830.50"), "West-Vlaanderen": D("804495.00"),
    }  # fmt: skip
    totals = {f.dimensions["year"]: f.value for f in block.figures if set(f.dimensions) == {"year"}}
    assert totals == per_year
    assert figures_of(matrix, "F-PAID")["F-TOTAL"] == sum(per_year.values()) == D("4878277.00")
    assert coverage(matrix, "F-PAID") == {"1": ("answered", "stated")}


def test_matrix_counts_per_year_answer_part_2_partly(matrix: Dataset) -> None:
    assert figures_of(matrix, "F-DOSSIERS") == {
        "F-DOSSIERS-2020": 1204, "F-DOSSIERS-2021": 1317, "F-DOSSIERS-2022": 1389,
    }  # fmt: skip
    assert coverage(matrix, "F-DOSSIERS") == {"2": ("partly", "stated")}
