"""The bundled dataset against the source document: counts, totals to the cent, verbatim quotes."""

from __future__ import annotations

from decimal import Decimal

from sebrief.model import Dataset, RowKind, RowStatus
from sebrief.quotes import SourceText
from sebrief.validate import row_quotes, yaml_quotes


def total(dataset: Dataset, kind: RowKind) -> Decimal:
    return sum((row.amount or Decimal(0) for row in dataset.rows if row.kind is kind), Decimal(0))


def test_table_has_the_answers_seventeen_rows(dataset: Dataset) -> None:
    kinds = [row.kind for row in dataset.rows]
    assert len(dataset.rows) == 17
    assert kinds.count(RowKind.SUBSIDY_CALL) == 2
    assert kinds.count(RowKind.PUBLIC_CONTRACT) == 15
    in_procedure = [row for row in dataset.rows if row.status is RowStatus.IN_PROCEDURE]
    assert len(in_procedure) == 2
    assert all(row.kind is RowKind.PUBLIC_CONTRACT and row.amount is None for row in in_procedure)


def test_totals_per_kind_to_the_cent(dataset: Dataset) -> None:
    # Sums of the amounts printed in the answer's table (source.txt, answer 2).
    assert total(dataset, RowKind.SUBSIDY_CALL) == Decimal("315342.98")
    assert total(dataset, RowKind.PUBLIC_CONTRACT) == Decimal("350371.57")


def test_amounts_are_exact_decimals_as_written(dataset: Dataset) -> None:
    amounts = {row.id: row.amount for row in dataset.rows}
    assert amounts["R01"] == Decimal("275342.98")  # "275.342,98 euro"
    assert amounts["R15"] == Decimal("9835.60")  # "9.835,6 €"
    assert amounts["R16"] == Decimal("6835")  # "6.835 €"
    assert all(isinstance(a, Decimal) for a in amounts.values() if a is not None)


def test_page_break_row_is_joined(dataset: Dataset) -> None:
    row = dataset.row("R11")
    assert row.description == "Communicatie – Ontwikkeling en design website"
    assert row.period is not None
    assert (row.period.start.isoformat(), row.period.end.isoformat()) == ("2017-09-01", "2018-03-31")


def test_question_parts_and_metadata(dataset: Dataset) -> None:
    meta = dataset.metadata
    assert (meta.number, meta.session_year, meta.date_asked.isoformat()) == (221, "2017-2018", "2018-01-19")
    assert meta.date_answered is None  # not in the source: never invented
    assert meta.asker.full_name == "Rob Beenders"
    assert meta.minister.full_name == "Liesbeth Homans"
    subparts = [s.id for p in dataset.main.question.parts for s in p.subparts]
    assert subparts == ["1a", "1b", "1c", "2a", "2b", "2c", "2d"]
    assert [len(a.sub_actions) for a in dataset.main.convenant_actions] == [3, 1, 2, 3, 3]
    assert [p.number for p in dataset.main.answer.pillars] == [1, 2, 3, 4, 5]


def test_every_quote_is_verbatim_in_the_source(dataset: Dataset) -> None:
    source = SourceText.from_text(dataset.source_text)
    quotes = [text for _, text in yaml_quotes(dataset)]
    quotes += [text for row in dataset.rows for _, text in row_quotes(row)]
    assert len(quotes) > 100
    missing = [q for q in quotes if source.locate(q) is None]
    assert missing == []


def test_quote_matching_is_not_lax(dataset: Dataset) -> None:
    source = SourceText.from_text(dataset.source_text)
    assert source.locate("trends in e-commerce op tewerkstelling") is not None  # hyphen at a line end
    assert source.locate("trends in ecommerce op tewerkstelling") is None
    assert source.locate("Parallel continueer ik het interne beheer van de website") is None
    assert source.locate("Communicatie – Ontwikkeling […] en design website") is not None
    assert source.locate("en design website […] Communicatie – Ontwikkeling") is None  # order matters
