"""sebrief migrate: the bundled question of format version 1 (tests/fixtures/v1) converted to version 2."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import ClassificationBlock, Dataset, TableBlock, TextBlock
from sebrief.errors import DatasetError

ROOT = Path(__file__).resolve().parents[1]
V1 = ROOT / "tests" / "fixtures" / "v1" / "sv-221-2017-2018"
D = Decimal


@pytest.fixture(scope="module")
def v2_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("v2") / "sv-221-2017-2018"
    result = CliRunner().invoke(main, ["migrate", str(V1), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def v2(v2_folder: Path) -> Dataset:
    return load_dataset(v2_folder)


# The bundled question, converted: the same figures as the source's table.


def test_converted_question_has_the_sources_rows_and_amounts(v2: Dataset) -> None:
    assert len(v2.rows) == 17
    by_kind: dict[str, Decimal] = {}
    for row in v2.rows:
        by_kind[row.kind] = by_kind.get(row.kind, D(0)) + (row.amount or D(0))
    assert by_kind == {"subsidy_call": D("315342.98"), "public_contract": D("350371.57")}
    assert sum(1 for row in v2.rows if not row.is_awarded) == 2
    assert v2.row("R03").groupings == {"theme": ("research",), "pillar": ("2", "4")}
    assert v2.kind("public_contract").procurement and not v2.kind("subsidy_call").procurement


def test_converted_question_binds_each_part_to_its_block(v2: Dataset) -> None:
    parts = {part.id: part for part in v2.main.question.all_parts()}
    assert [p.id for p in v2.main.question.all_parts()] == ["1", "1a", "1b", "1c", "2", "2a", "2b", "2c", "2d"]
    table = v2.main.block("T-ROWS")
    assert isinstance(table, TableBlock)
    assert {b.part: b.column.value for b in table.binds} == {
        "2a": "description", "2b": "period", "2c": "beneficiary", "2d": "amount",
    }  # fmt: skip
    assert all(parts[p].answered_by == ("T-ROWS",) for p in ("2a", "2b", "2c", "2d"))
    tasks = v2.main.block("C-TASKS")
    assert isinstance(tasks, ClassificationBlock)
    assert {c.id: c.answers for c in tasks.categories if c.answers} == {
        "administration": "1a", "public_contract": "1b", "not_addressed": "1c",
    }  # fmt: skip
    assert len(tasks.items) == 12 and len(tasks.groups) == 5
    assert sum(1 for item in tasks.items if item.basis.value == "not_addressed") == 4
    assert isinstance(v2.main.block("X-INITIATIVES"), TextBlock)


def test_a_version_1_dataset_is_refused_with_the_command_that_converts_it() -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(V1)
    assert "format version 1" in str(caught.value) and "sebrief migrate" in str(caught.value)


def test_migrate_refuses_a_version_2_dataset(v2_folder: Path) -> None:
    result = CliRunner().invoke(main, ["migrate", str(v2_folder), "--lang", "en"])
    assert result.exit_code == 3 and "nothing to migrate" in result.output
