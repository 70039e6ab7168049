"""The rows that do not answer a column, picked column-wise, are those ``column_filled`` refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Column, RowStatus
from sebrief.engine.coverage import TableColumns, _missing, _with_status, column_filled

ROOT = Path(__file__).resolve().parents[1]
DATASETS = [
    ROOT / "data" / "sv-221-2017-2018",
    *sorted(path for path in (ROOT / "tests" / "fixtures" / "datasets").iterdir() if path.is_dir()),
]


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_missing_rows_are_the_rows_that_do_not_fill_the_column(folder: Path) -> None:
    rows = list(load_dataset(folder).rows)
    # Every other row loses its amount, beneficiary and period, whatever its status (in house too).
    rows += [
        row.model_copy(update={"amount": None, "beneficiary": None, "period": None, "procedure": None})
        for row in rows[::2]
    ]
    for column in Column:
        assert _missing(rows, column) == [row.id for row in rows if not column_filled(row, column)]
    for status in RowStatus:
        assert _with_status(rows, status) == [row for row in rows if row.status is status]
    # Read column-wise, once for all columns: the same rows, of all of them or of the awarded ones.
    columns = TableColumns(rows)
    awarded = _with_status(rows, RowStatus.AWARDED)
    for column in Column:
        assert columns.missing(column, awarded_only=False) == (len(rows), _missing(rows, column))
        assert columns.missing(column, awarded_only=True) == (len(awarded), _missing(awarded, column))


def test_the_datasets_have_rows_done_in_house() -> None:
    """(So that the comparison above meets a row whose amount and beneficiary are not asked for.)"""
    assert any(row.status is RowStatus.IN_HOUSE for folder in DATASETS for row in load_dataset(folder).rows)
