"""A dataset loaded for checking only keeps its rows in columns (``load_dataset(..., rows_on_demand=True)``,
as ``sebrief validate`` loads it): it is checked and summed up without building a row object, finds
the same problems, and gives the same rows, whole, when asked for them."""

from __future__ import annotations

import copy
import csv
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.commands.validate import validation_summary
from sebrief.dataset import table_rows
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import KEPT_ROWS, Dataset, Row
from sebrief.dataset.table_rows import TableRows
from sebrief.errors import DatasetError
from tests.test_dataset_fast_paths import DATASETS


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_checked_and_summed_up_without_building_the_rows(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No row object is made but those of the few rows a rule looks at closely (a row that quotes its
    description's source, say)."""
    one_by_one: list[object] = []
    all_at_once: list[object] = []
    for maker, made in (("_row", one_by_one), ("rows_from_columns", all_at_once)):
        make = getattr(table_rows, maker)
        monkeypatch.setattr(table_rows, maker, lambda *args, make=make, made=made: made.append(args) or make(*args))
    dataset = load_dataset(folder, rows_on_demand=True)
    assert isinstance(dataset.table_rows, TableRows)
    summary = {lang: validation_summary(dataset, lang) for lang in ("nl", "en")}
    assert "rows" not in dataset.__dict__ and not all_at_once
    assert len(one_by_one) < max(len(dataset.table_rows), 1) / 2
    monkeypatch.undo()
    built = load_dataset(folder)
    assert summary == {lang: validation_summary(built, lang) for lang in ("nl", "en")}


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_rows_kept_in_columns_are_the_rows_when_asked_for(folder: Path) -> None:
    kept, built = load_dataset(folder, rows_on_demand=True), load_dataset(folder)
    assert kept.model_dump() == built.model_dump()  # (builds them)
    assert KEPT_ROWS not in kept.__dict__ and kept.rows == built.rows
    assert all(type(row) is Row for row in kept.rows)
    assert kept.table_rows is kept.rows  # built once, then kept as built
    assert kept == built and load_dataset(folder, rows_on_demand=True) == built


def test_a_row_is_built_by_its_position_without_the_others(tmp_path: Path) -> None:
    dataset = load_dataset(DATASETS[0], rows_on_demand=True)
    rows = dataset.table_rows
    built = load_dataset(DATASETS[0]).rows
    assert len(rows) == len(built) == 17  # the answer's table has 17 lines
    assert rows[-1] == built[-1] and rows[3] == built[3] and list(rows[2:5]) == list(built[2:5])
    with pytest.raises(IndexError):
        rows[len(built)]
    assert "rows" not in dataset.__dict__


def test_the_same_problems_found_with_the_rows_in_columns(tmp_path: Path) -> None:
    folder = tmp_path / "dataset"
    shutil.copytree(DATASETS[0], folder)
    with (folder / "rows.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    # A row id twice, and a kind nobody defined, in rows that are otherwise plainly well-formed.
    table[3][0] = table[2][0]
    table[5][table[0].index("kind")] = "no_such_kind"
    with (folder / "rows.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)
    problems = []
    for on_demand in (True, False):
        with pytest.raises(DatasetError) as raised:
            load_dataset(folder, rows_on_demand=on_demand)
        problems.append([problem.text() for problem in raised.value.problems])
    assert problems[0] == problems[1]
    assert any("used more than once" in text for text in problems[0])
    assert any("no_such_kind" in text for text in problems[0])


def test_validate_says_what_it_said_with_rows_built(tmp_path: Path) -> None:
    runner = CliRunner()
    said = runner.invoke(main, ["validate", str(DATASETS[0])])
    assert said.exit_code == 0, said.output
    assert said.output.startswith("sv-221-2017-2018: geldig\n")
    assert said.output == validation_summary(load_dataset(DATASETS[0]), "nl") + "\n"


@pytest.mark.parametrize("copy_of", [copy.copy, copy.deepcopy, lambda d: pickle.loads(pickle.dumps(d))])
def test_a_copy_of_a_dataset_with_rows_kept_in_columns_has_the_rows(copy_of: Callable[[Dataset], Dataset]) -> None:
    copied = copy_of(load_dataset(DATASETS[0], rows_on_demand=True))
    assert copied.rows == load_dataset(DATASETS[0]).rows and len(copied.rows) == 17
