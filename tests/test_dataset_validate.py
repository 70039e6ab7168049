"""sebrief.dataset.validate: what the loader checks against the source, on mutated copies of the fictional
datasets (tests/fixtures/datasets): an amount, a figure, a count or a period against its text, the VAT
basis against the source's words, the session year against the date asked."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import FiguresBlock
from sebrief.errors import DatasetError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"
STUDIES = FIXTURES / "fictional-studies-2021-2023"
TEXT_ONLY = FIXTURES / "fictional-text-only-2019-2020"


# Mutated copies are refused, each problem located in its file, line and column.


@pytest.fixture
def studies_copy(tmp_path: Path) -> Path:
    target = tmp_path / STUDIES.name
    shutil.copytree(STUDIES, target)
    return target


def edit_row(folder: Path, file: str, row_id: str, **values: str) -> int:
    """Change some fields of one row of a CSV file; return the row's line number."""
    path = folder / file
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    index = next(i for i, row in enumerate(rows) if row and row[0] == row_id)
    for column, value in values.items():
        rows[index][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return index + 1


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return [str(problem) for problem in caught.value.problems]


def test_an_amount_text_that_disagrees_with_the_amount_is_refused(studies_copy: Path) -> None:
    # "24.200 euro" is verbatim in the source (row A02), so the only problem is the disagreement.
    line = edit_row(studies_copy, "policy.csv", "A01", amount_text="24.200 euro")
    assert line == 2
    assert problems_of(studies_copy) == [
        "policy.csv, line 2, column amount: amount 72600.00 does not match amount_text '24.200 euro', "
        "which reads 24200; correct one of them"
    ]


def test_an_amount_in_words_that_disagrees_with_the_amount_is_refused(studies_copy: Path) -> None:
    line = edit_row(studies_copy, "evaluation.csv", "B04", amount="35696.00")
    assert problems_of(studies_copy) == [
        f"evaluation.csv, line {line}, column amount: amount 35696.00 does not match amount_text "
        "'vijfendertigduizend zeshonderdvijfennegentig euro', which reads 35695; correct one of them"
    ]


def test_a_procedure_not_in_the_source_is_refused(studies_copy: Path) -> None:
    line = edit_row(studies_copy, "evaluation.csv", "B05", procedure="mededingingsprocedure met onderhandeling")
    (problem,) = problems_of(studies_copy)
    assert problem.startswith(f"evaluation.csv, line {line}, column procedure: 'mededingingsprocedure")
    assert "not found verbatim in the source text" in problem


def test_an_amount_incl_vat_without_the_sources_words_for_it_is_refused(studies_copy: Path) -> None:
    line = edit_row(studies_copy, "policy.csv", "A03", vat_text="")
    assert problems_of(studies_copy) == [
        f"policy.csv, line {line}, column vat_text: vat_basis incl_vat needs the source's words for it in "
        "vat_text, e.g. '(excl. BTW)'"
    ]


def test_a_figure_that_disagrees_with_its_text_is_refused(studies_copy: Path) -> None:
    path = studies_copy / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("value: '289129.50'") == 1
    path.write_text(text.replace("value: '289129.50'", "value: '289192.50'"), encoding="utf-8")
    line = text[: text.index("value: '289129.50'")].count("\n") + 1
    assert problems_of(studies_copy) == [
        f"dataset.yaml, line {line}: figure F-AMOUNT-2022: value 289192.50 does not match its text "
        "'289.129,50 euro', which reads 289129.50; correct one of them"
    ]


def test_a_count_that_disagrees_with_its_text_is_refused(studies_copy: Path) -> None:
    # "6 studies" counted as 7: a count is read from the one number its text holds, like an amount.
    path = studies_copy / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      text: 6 studies\n      value: 6\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "      text: 6 studies\n      value: 7\n"), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 2
    assert problems_of(studies_copy) == [
        f"dataset.yaml, line {line}: figure F-COUNT-2022: value 7 does not match its text '6 studies', which "
        "reads 6; correct one of them"
    ]


def test_a_figure_whose_period_disagrees_with_its_text_is_refused(studies_copy: Path) -> None:
    # "in 2022" is January to December 2022; dates of 2021 under it are refused, with both readings.
    path = studies_copy / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      text: 6 studies\n      value: 6\n      unit: count\n      period: {start: 2022-01-01, end: 2022-12-31"
    assert text.count(old) == 1
    path.write_text(text.replace(old, old.replace("2022-", "2021-")), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 4
    assert problems_of(studies_copy) == [
        f"dataset.yaml, line {line}: figure F-COUNT-2022: period 2021-01-01 to 2021-12-31 (month) does not match "
        "period_text 'in 2022', which reads 2022-01-01 to 2022-12-31 (month); correct the dates or period_text"
    ]


def test_figure_texts_that_cannot_be_read_as_one_number_are_left_to_the_curator(studies_copy: Path) -> None:
    # A text with several numbers ("6 studies in 2022": the count, or the year?) is not guessed at.
    path = studies_copy / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("text: 6 studies\n") == 1
    path.write_text(text.replace("text: 6 studies\n", "text: 6 studies in 2022\n"), encoding="utf-8")
    (block,) = (b for b in load_dataset(studies_copy).main.answer.blocks if isinstance(b, FiguresBlock))
    assert [f.value for f in block.figures if f.text == "6 studies in 2022"] == [6]


def test_a_session_year_that_does_not_hold_the_date_asked_is_refused(tmp_path: Path) -> None:
    target = tmp_path / TEXT_ONLY.name
    shutil.copytree(TEXT_ONLY, target)
    path = target / "dataset.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["metadata"]["session_year"] == "2019-2020"
    text = path.read_text(encoding="utf-8").replace("session_year: 2019-2020", "session_year: 2017-2018")
    path.write_text(text, encoding="utf-8")
    (problem,) = problems_of(target)
    assert re.fullmatch(
        r"dataset\.yaml, line \d+: metadata\.date_asked 2019-12-04 is outside session year 2017-2018; "
        r"correct one of them",
        problem,
    )


def test_a_period_written_from_to_is_checked_against_its_dates(studies_copy: Path) -> None:
    # A corrected answer writes A02's period "van 1 april 2021 tot 30 juni 2021": read, so checked.
    source = studies_copy / "source.txt"
    text = source.read_text(encoding="utf-8")
    assert text.count("1 april 2021 – \n30 juni 2021") == 1  # the source breaks the line after the dash
    source.write_text(text.replace("1 april 2021 – \n30 juni 2021", "van 1 april 2021 tot \n30 juni 2021"), "utf-8")
    edit_row(studies_copy, "policy.csv", "A02", period_text="van 1 april 2021 tot 30 juni 2021")
    load_dataset(studies_copy)  # the dates agree with the words
    line = edit_row(studies_copy, "policy.csv", "A02", period_end="2021-07-31")
    assert problems_of(studies_copy) == [
        f"policy.csv, line {line}, column period_start: period 2021-04-01 to 2021-07-31 (day) does not match "
        "period_text 'van 1 april 2021 tot 30 juni 2021', which reads 2021-04-01 to 2021-06-30 (day); "
        "correct the dates or period_text"
    ]
