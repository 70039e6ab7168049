"""A table's records read and built in batches give what reading and validating them one by one gives.

The loader reads a CSV file a batch of records at a time and builds the plainly well-formed ones a
column at a time (``DirectRows.build_batch``). Batches are made small here, so that good and bad
records, records over several lines and empty lines fall on either side of a batch's edge; the
rows and the problems must be those of the full validation of every record, and a problem must
name the line a person sees in the file.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from sebrief.dataset import tablefile
from sebrief.dataset.direct_rows import DirectRows
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Row
from sebrief.errors import DatasetError
from sebrief.i18n import Translator

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
DUTCH = Translator("nl")


def _none(self: DirectRows, names: Sequence[str], records: Sequence[Sequence[str]]) -> None:
    return None  # no record made directly: each is validated in full


def _outcome(folder: Path, on_demand: bool = False) -> tuple[tuple[Row, ...], list[str]]:
    """The rows loaded, or the problems (in English and Dutch); ``on_demand``: loaded with the rows
    kept in columns, then built one by one and all at once (both must be the rows)."""
    try:
        if on_demand:
            dataset = load_dataset(folder, rows_on_demand=True)
            one_by_one = [dataset.table_rows[index] for index in range(len(dataset.table_rows))]
            assert tuple(one_by_one) == tuple(dataset.table_rows) == dataset.rows
            return dataset.rows, []
        return load_dataset(folder).rows, []
    except DatasetError as error:
        return (), [problem.text() for problem in error.problems] + [p.text(DUTCH) for p in error.problems]


def _both(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[tuple[Row, ...], list[str]], ...]:
    """The outcome with batches of 3 records built directly, and with every record validated in full."""
    monkeypatch.setattr(tablefile, "BATCH", 3)
    quick = _outcome(folder)
    assert _outcome(folder, on_demand=True) == quick  # the rows kept in columns, as ``sebrief validate`` keeps them
    with monkeypatch.context() as patch:
        patch.setattr(DirectRows, "columns_batch", _none)
        full = _outcome(folder)
    return quick, full


def _table(folder: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / "rows.csv").read_text(encoding="utf-8"), newline="")))


def _write(folder: Path, rows: list[list[str]], separator: str = ",", extra: str = "") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\n").writerows(rows)
    (folder / "rows.csv").write_text(buffer.getvalue() + extra, encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "dataset"
    shutil.copytree(BUNDLED, copy)
    return copy


def test_small_batches_load_the_rows_of_the_bundled_dataset(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (quick, none), (full, _) = _both(folder, monkeypatch)
    assert not none and len(quick) == 17  # the seventeen lines of the answer's table
    assert quick == full
    assert [row.model_dump_json() for row in quick] == [row.model_dump_json() for row in full]


@pytest.mark.parametrize("bad_lines", [[2], [4, 5], [2, 7, 18], [3, 4, 5, 6]])
def test_bad_records_anywhere_in_a_batch_get_the_problems_of_validation(
    folder: Path, monkeypatch: pytest.MonkeyPatch, bad_lines: list[int]
) -> None:
    rows = _table(folder)
    amount = rows[0].index("amount")
    for line in bad_lines:  # line 1 is the header
        rows[line - 1][amount] = "12,50"
    _write(folder, rows)
    quick, full = _both(folder, monkeypatch)
    assert quick == full
    lines = sorted({p.split(",")[1] for p in quick[1] if ", column amount: " in p and "in a file separated" in p})
    assert lines == sorted(f" line {line}" for line in bad_lines)


def test_a_record_over_several_lines_moves_the_lines_after_it(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A quoted note with two line breaks: the record after it stands two lines further down."""
    rows = _table(folder)
    header = rows[0]
    rows[2][header.index("note_nl")] = "eerste regel\ntweede regel\nderde regel"
    rows[2][header.index("note_en")] = "first line"
    rows[5][header.index("status")] = "Awarded"  # the fifth row after the header: on line 6 + 2
    _write(folder, rows)
    quick, full = _both(folder, monkeypatch)
    assert quick == full
    assert [p for p in quick[1] if "column status" in p] == [
        "rows.csv, line 8, column status: 'Awarded' is not allowed; use 'awarded', 'in_procedure' or 'in_house'"
    ]


def test_empty_lines_and_lines_of_empty_fields_are_skipped(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _table(folder)
    rows[4:4] = [[], [""] * len(rows[0]), []]
    _write(folder, rows, extra="\n,,\n")
    (quick, none), (full, _) = _both(folder, monkeypatch)
    assert not none and len(quick) == 17 and quick == full


def test_a_line_with_too_few_fields_in_a_batch(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _table(folder)
    rows[3] = rows[3][:5]
    _write(folder, rows)
    quick, full = _both(folder, monkeypatch)
    assert quick == full
    assert any(p.startswith("rows.csv, line 4: 5 fields where the header has 23") for p in quick[1])


def test_bad_quoting_keeps_the_records_before_it(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The records before a line that is not valid CSV are still checked: a problem in one is said."""
    rows = _table(folder)
    rows[1][rows[0].index("status")] = "gegund"
    _write(folder, rows)
    text = (folder / "rows.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    text[8] = 'R99,"unclosed' + text[8][3:]  # a quote opened on line 9 and never closed
    (folder / "rows.csv").write_text("".join(text), encoding="utf-8")
    quick, full = _both(folder, monkeypatch)
    assert quick == full
    assert any(p.startswith("rows.csv, line 2, column status") for p in quick[1])
    assert any(p.startswith("rows.csv, line 9: not valid CSV") for p in quick[1])


def test_excel_csv_with_decimal_commas_in_batches(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file saved by Belgian Excel: amounts with a decimal comma, dates day first, one amount in doubt."""
    rows = _table(folder)
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("amount")]:
            row[header.index("amount")] = row[header.index("amount")].replace(".", ",")
        for column in ("period_start", "period_end"):
            if row[header.index(column)]:
                year, month, day = row[header.index(column)].split("-")
                row[header.index(column)] = f"{day}/{month}/{year}"
    _write(folder, rows, separator=";")
    (quick, none), (full, _) = _both(folder, monkeypatch)
    assert not none and len(quick) == 17 and quick == full
    assert quick[0].amount is not None and str(quick[0].amount) == "275342.98"  # 275.342,98 euro in the answer
    rows[6][header.index("amount")] = "29.440"  # thousands or a decimal point? never guessed
    _write(folder, rows, separator=";")
    quick_problems, full_problems = _both(folder, monkeypatch)
    assert quick_problems == full_problems
    assert any(p.startswith("rows.csv, line 7, column amount: is the dot in '29.440'") for p in quick_problems[1])


def test_a_grown_table_in_batches_loads_the_rows_validated_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two thousand rows of varied kinds, periods, suppliers, groupings and notes, across batches of
    three: the same rows, each value the same, as validating every record gives."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from grow import grow

    folder = grow(2000, tmp_path / "grown")
    (quick, none), (full, _) = _both(folder, monkeypatch)
    assert not none and len(quick) == 2000
    assert quick == full
    assert [row.model_dump_json() for row in quick] == [row.model_dump_json() for row in full]
    # A repeated supplier, period or grouping is one object in the table, not one per row.
    suppliers = {row.beneficiary for row in quick if row.beneficiary}
    assert len({id(row.beneficiary) for row in quick if row.beneficiary}) == len(suppliers)


@pytest.mark.parametrize(
    ("column", "cell"),
    [("id", "R02\nR03"), ("amount", "100.00\n200.00"), ("beneficiary_count", "2\n3"), ("kind", "public_contract\nx")],
)
def test_a_cell_that_holds_two_good_values_on_two_lines_is_refused(
    folder: Path, monkeypatch: pytest.MonkeyPatch, column: str, cell: str
) -> None:
    """A batch's ids, kinds, counts and amounts are judged all at once, a cell a line: a cell of two lines,
    each of them a good value, is still refused, as validation refuses it."""
    rows = _table(folder)
    rows[2][rows[0].index(column)] = cell
    _write(folder, rows)
    quick, full = _both(folder, monkeypatch)
    assert quick == full
    assert [p for p in quick[1] if f"column {column}" in p and p.startswith("rows.csv, line 3")], quick[1]
