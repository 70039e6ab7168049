"""The bundled dataset (format version 2) against its source document: counts, totals to the cent,
verbatim quotes.

The figures are read twice: from the dataset, and straight from the answer's table in source.txt
(every amount the table prints, with or without "(excl. BTW)" after it), so that a row dropped,
an amount mistyped or a VAT basis swapped in the dataset fails here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import ClassificationBlock, Dataset, RowStatus, TableBlock, VatBasis
from sebrief.dataset.validate_rows import row_quotes, yaml_quotes
from sebrief.quotes import SourceText, normalise

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"
D = Decimal


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(BUNDLED)


def total(dataset: Dataset, kind: str) -> Decimal:
    return sum((row.amount or D(0) for row in dataset.rows if row.kind == kind), D(0))


def source_table(dataset: Dataset) -> str:
    """The answer to part 2 in source.txt, white space normalised: the table of calls and contracts."""
    answer = dataset.source_text.split("ANTWOORD", 1)[1]
    return normalise(answer[answer.index("\n2. ") :])


def source_amounts(dataset: Dataset) -> list[tuple[Decimal, bool]]:
    """Every amount the source's table prints, and whether "(excl. BTW)" follows it."""
    found = re.findall(r"(\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?) ?(?:euro|€)( ?\(excl\. BTW\))?", source_table(dataset))
    return [(D(number.replace(".", "").replace(",", ".")), bool(excl)) for number, excl in found]


def test_the_source_table_read_directly() -> None:
    """What the answer's table says, read from source.txt alone: the figures the dataset must hold."""
    dataset = load_dataset(BUNDLED)
    amounts = source_amounts(dataset)
    assert len(amounts) == 15  # 17 rows, 2 of them still in procedure without an amount
    assert sum((a for a, excl in amounts if not excl), D(0)) == D("315342.98")
    assert sum((a for a, excl in amounts if excl), D(0)) == D("350371.57")
    table = source_table(dataset)
    assert table.count("Subsidieoproep:") == 2 and table.count("In procedure") == 2


def test_table_has_the_answers_seventeen_rows(bundled: Dataset) -> None:
    kinds = [row.kind for row in bundled.rows]
    assert len(bundled.rows) == 17
    assert kinds.count("subsidy_call") == 2
    assert kinds.count("public_contract") == 15
    in_procedure = [row for row in bundled.rows if row.status is RowStatus.IN_PROCEDURE]
    assert [row.id for row in in_procedure] == ["R08", "R09"]
    assert all(row.kind == "public_contract" and row.amount is None for row in in_procedure)
    assert all(row.beneficiary is None and row.period is None for row in in_procedure)


def test_totals_per_kind_to_the_cent_on_their_vat_basis(bundled: Dataset) -> None:
    # Sums of the amounts printed in the answer's table (source.txt, answer 2).
    assert total(bundled, "subsidy_call") == D("315342.98")
    assert total(bundled, "public_contract") == D("350371.57")
    bases = {(row.kind, row.vat_basis) for row in bundled.rows if row.amount is not None}
    # The subsidy calls' amounts carry no VAT statement; the contracts' are "(excl. BTW)".
    assert bases == {("subsidy_call", VatBasis.NOT_STATED), ("public_contract", VatBasis.EXCL_VAT)}
    assert {row.vat_text for row in bundled.rows if row.vat_basis is VatBasis.EXCL_VAT} == {"(excl. BTW)"}


def test_every_amount_of_the_source_is_a_row_with_its_vat_basis(bundled: Dataset) -> None:
    priced = [row for row in bundled.rows if row.amount is not None]
    assert [(row.amount, row.vat_basis is VatBasis.EXCL_VAT) for row in priced] == source_amounts(bundled)


def test_kinds_and_groupings_come_from_the_dataset(bundled: Dataset) -> None:
    kinds = {kind.id: (kind.plural.nl, kind.procurement) for kind in bundled.main.kinds}
    assert kinds == {"subsidy_call": ("Subsidieoproepen", False), "public_contract": ("Overheidsopdrachten", True)}
    (table,) = bundled.main.tables()
    assert isinstance(table, TableBlock) and table.file == "rows.csv"
    assert table.groupings == ("theme", "pillar")
    assert bundled.row("R03").groupings == {"theme": ("research",), "pillar": ("2", "4")}
    assert bundled.grouping("pillar").multiple and not bundled.grouping("theme").multiple


def test_amounts_are_exact_decimals_as_written(bundled: Dataset) -> None:
    rows = {row.id: row for row in bundled.rows}
    assert (rows["R01"].amount, rows["R01"].amount_text) == (D("275342.98"), "275.342,98 euro")
    assert (rows["R15"].amount, rows["R15"].amount_text) == (D("9835.60"), "9.835,6 €")
    assert (rows["R16"].amount, rows["R16"].amount_text) == (D("6835"), "6.835 €")
    assert all(isinstance(row.amount, Decimal) for row in rows.values() if row.amount is not None)


def test_page_break_row_is_joined(bundled: Dataset) -> None:
    row = bundled.row("R11")
    assert row.description == "Communicatie – Ontwikkeling en design website"
    assert row.description_source == "Communicatie – Ontwikkeling […] en design website"
    assert row.period is not None
    assert (row.period.start.isoformat(), row.period.end.isoformat()) == ("2017-09-01", "2018-03-31")


def test_question_parts_and_metadata(bundled: Dataset) -> None:
    meta = bundled.metadata
    assert (meta.number, meta.session_year, meta.date_asked.isoformat()) == (221, "2017-2018", "2018-01-19")
    assert meta.date_answered is None  # not in the source: never invented
    assert meta.asker.full_name == "Rob Beenders"
    assert meta.minister.full_name == "Liesbeth Homans"
    assert [p.id for p in bundled.main.question.all_parts()] == ["1", "1a", "1b", "1c", "2", "2a", "2b", "2c", "2d"]
    tasks = bundled.main.block("C-TASKS")
    assert isinstance(tasks, ClassificationBlock)
    assert len(tasks.groups) == 5 and len(tasks.items) == 12  # the five actions and their twelve sub-actions


def test_every_quote_is_verbatim_in_the_source(bundled: Dataset) -> None:
    source = SourceText.from_text(bundled.source_text)
    quotes = [text for _, text in yaml_quotes(bundled)]
    quotes += [text for row in bundled.rows for _, text in row_quotes(row)]
    assert len(quotes) > 100
    missing = [q for q in quotes if source.locate(q) is None]
    assert missing == []


def test_quote_matching_is_not_lax(bundled: Dataset) -> None:
    source = SourceText.from_text(bundled.source_text)
    assert source.locate("trends in e-commerce op tewerkstelling") is not None  # hyphen at a line end
    assert source.locate("trends in ecommerce op tewerkstelling") is None
    assert source.locate("Parallel continueer ik het interne beheer van de website") is None
    assert source.locate("Communicatie – Ontwikkeling […] en design website") is not None
    assert source.locate("en design website […] Communicatie – Ontwikkeling") is None  # order matters
