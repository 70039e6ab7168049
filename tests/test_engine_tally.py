"""The rows of a table read once for its totals (``sebrief.engine.tally``), and the cycle collector
paused during an analysis.

Figures worked out by hand from the fictional studies dataset
(tests/fixtures/datasets/fictional-studies-2021-2023: policy.csv A01-A07, evaluation.csv B01-B08,
every amount incl. VAT, A07 without one), in the variant where evaluation B01 (60.500,00) is excl.
VAT: the evaluation studies then mix both bases and are counted excl. VAT, the others converted at
21 % (18.150,00 incl. VAT is 15.000,00 excl. VAT).
"""

from __future__ import annotations

import gc
from decimal import Decimal

import pytest

from sebrief.collector import cycle_collection_paused
from sebrief.dataset.model import Dataset, VatBasis
from sebrief.engine.brief import Label, MoneyColumn
from sebrief.engine.tally import Placings, placements, rows_by_table

D = Decimal
RATE = D("0.21")
COLUMNS = (
    MoneyColumn("study_policy:incl_vat", Label("study_policy", "policy"), Label("incl_vat", "incl. VAT"), True),
    MoneyColumn("study_evaluation:excl_vat", Label("study_evaluation", "eval"), Label("excl_vat", "excl. VAT"), True),
)


@pytest.fixture(scope="module")
def mixed(studies: Dataset) -> Dataset:
    rows = tuple(row.model_copy(update={"vat_basis": VatBasis.EXCL_VAT}) if row.id == "B01" else row
                 for row in studies.rows)  # fmt: skip
    return studies.model_copy(update={"rows": rows})


def test_rows_by_table_gives_each_tables_rows_in_their_order(studies: Dataset) -> None:
    tables = rows_by_table(studies.rows)
    assert {table: [row.id for row in rows] for table, rows in tables.items()} == {
        "T-POLICY": ["A01", "A02", "A03", "A04", "A05", "A06", "A07"],
        "T-EVALUATION": ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08"],
    }


def test_placements_convert_only_where_the_kind_is_counted_excl_vat(mixed: Dataset) -> None:
    spots, amounts = placements(mixed.rows, COLUMNS, RATE)
    placed = {row.id: (spot, amount) for row, spot, amount in zip(mixed.rows, spots, amounts, strict=True)}
    # The policy studies stay incl. VAT in their own column, as given; A07 has no amount.
    assert [placed[f"A0{n}"] for n in range(1, 7)] == [
        (0, D("72600.00")), (0, D("24200.00")), (0, D("35937.00")), (0, D("36058.00")), (0, D("48400.00")),
        (0, D("1200000.00")),
    ]  # fmt: skip
    assert placed["A07"][0] == -1
    # B01 is excl. VAT as given; the others are divided by 1.21, to the cent.
    assert [placed[f"B0{n}"] for n in range(1, 9)] == [
        (1, D("60500.00")), (1, D("15000.00")), (1, D("8000.00")), (1, D("29500.00")), (1, D("29950.00")),
        (1, D("80000.00")), (1, D("120000.00")), (1, D("24000.00")),
    ]  # fmt: skip


def test_a_kind_without_a_column_is_placed_nowhere(mixed: Dataset) -> None:
    spots, _ = placements(mixed.rows, COLUMNS[:1], RATE)
    assert [spot for row, spot in zip(mixed.rows, spots, strict=True) if row.id.startswith("B")] == [-1] * 8


def test_a_group_adds_up_its_own_rows(mixed: Dataset) -> None:
    placings = Placings.of(mixed.rows, COLUMNS, RATE, whole=D("115000.00"))
    at = {row.id: n for n, row in enumerate(mixed.rows)}
    group = placings.group("g", "B02 and B03", [at["B02"], at["B03"]])
    # 15.000,00 + 8.000,00 excl. VAT: the procurement value; 23.000 / 115.000 = 0.2000.
    assert (group.rows, group.awards, group.amounts) == (2, 2, (D("0.00"), D("23000.00")))
    assert (group.procurement_excl_vat, group.procurement_share) == (D("23000.00"), D("0.2000"))
    # The policy column is incl. VAT: never in the procurement value excl. VAT.
    policy = placings.group("p", "A01", [at["A01"]])
    assert (policy.amounts, policy.procurement_excl_vat) == ((D("72600.00"), D("0.00")), D("0.00"))


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_paused_and_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_nested_pauses_switch_the_collector_on_only_when_the_last_ends() -> None:
    """Two analyses at once (the workbench's thread pool): the first to end must not switch the
    collector back on under the other."""
    was = gc.isenabled()
    try:
        gc.enable()
        outer = cycle_collection_paused()
        outer.__enter__()
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        outer.__exit__(None, None, None)
        assert gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()
