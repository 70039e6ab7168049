"""The rules on rows gone through column-wise find what going through every row in full finds.

``check_rows`` and ``check_row_texts`` check in full only the rows their column-wise passes pick
(``_grouping_suspects``, ``text_suspects``); with those passes switched off (every row checked in
full), every problem, its file, line and words, and their order are the same. A column of amounts
reads as each amount reads. The summary of ``sebrief validate`` counts the rows as the brief's
totals count them; and the program, which ends without freeing its objects, writes its whole
output and runs what was registered to run at exit.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sebrief.cli import main
from sebrief.commands.validate import validation_summary
from sebrief.dataset import validate_rows
from sebrief.dataset.amounts import read_amount_text, read_amount_texts
from sebrief.dataset.load import load_dataset
from sebrief.dataset.locations import Locations
from sebrief.dataset.model import Dataset, Period, Precision, Row, VatBasis
from sebrief.dataset.validate import check_dataset
from sebrief.engine import change_names, inventory
from sebrief.engine.money import kind_sums
from sebrief.engine.vocabulary import VOCABULARY
from sebrief.errors import DatasetError, Problem
from sebrief.i18n import Translator
from sebrief.reference import procurement_rules

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
DATASETS = [BUNDLED, *sorted(path for path in (ROOT / "tests" / "fixtures" / "datasets").iterdir() if path.is_dir())]


def _reports(problems: list[Problem]) -> list[str]:
    return [problem.text(Translator(lang)) for lang in ("nl", "en") for problem in problems]


def _in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row checked in full, as before the column-wise passes."""
    monkeypatch.setattr(validate_rows, "_grouping_suspects", lambda rows, *_: rows)
    monkeypatch.setattr(validate_rows, "text_suspects", lambda rows, columns=None: rows)


def _odd_rows(dataset: Dataset) -> tuple[Row, ...]:
    """The dataset's rows many times over, some changed to break each rule on rows, some of those
    sharing their values (a period, a beneficiary, a VAT word) with rows that break none."""
    rows = list(dataset.rows) * max(40, 700 // max(len(dataset.rows), 1))
    odd_period = Period(start="2017-12-01", end="2019-06-30", precision=Precision.DAY)
    changes: dict[int, dict[str, object]] = {
        3: {"amount_text": "12.345,67 euro"},
        5: {"amount_text": "€ 1.000"},
        6: {"amount_text": "zomaar"},
        7: {"amount_text": "twaalfduizend euro", "amount": Decimal("12000")},
        8: {"amount_text": "99.999.999.999.999 euro"},
        9: {"amount_text": "40.000 euro", "amount": Decimal("40000.00")},
        11: {"kind": "loan"},
        13: {"vat_basis": VatBasis.EXCL_VAT, "vat_text": None},
        17: {"vat_basis": VatBasis.INCL_VAT, "vat_text": ""},
        19: {"beneficiary": "7 ondernemingen", "beneficiary_count": 3},
        23: {"beneficiary": "7 ondernemingen", "beneficiary_count": 7},
        29: {"period": odd_period, "period_text": "1 december 2017 – 30 juni 2018"},
        31: {"period_text": "maart 2031", "period_from_table": True},
        37: {"description_source": "iets anders"},
        41: {"description_source": "  "},
    }
    for at, change in changes.items():
        for index in range(at, len(rows), 97):
            row = rows[index]
            rows[index] = row.model_copy(update={"id": f"{row.id}-{index}", **change})
    for index in range(43, len(rows), 89):  # grouping values: undefined, several for a grouping of one
        row = rows[index]
        groupings = {grouping: (*values, "nonsense") for grouping, values in row.groupings.items()}
        rows[index] = row.model_copy(update={"groupings": groupings})
    return tuple(rows)


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_the_rules_on_rows_find_what_checking_every_row_finds(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = load_dataset(folder)
    odd = dataset.model_copy(update={"rows": _odd_rows(dataset)})
    where = Locations()
    found = list(validate_rows.check_rows(odd, where)) + list(validate_rows.check_row_texts(odd, where))
    columns = validate_rows.row_columns(odd.rows)
    given_columns = list(validate_rows.check_rows(odd, where, columns)) + list(
        validate_rows.check_row_texts(odd, where, columns)
    )
    _in_full(monkeypatch)
    expected = list(validate_rows.check_rows(odd, where)) + list(validate_rows.check_row_texts(odd, where))
    if dataset.rows:
        assert len(expected) > 50
    assert _reports(found) == _reports(expected)
    assert _reports(given_columns) == _reports(expected)


def _write_odd_rows(folder: Path) -> None:
    """Rows of the bundled dataset's table, grown and with a problem of each rule on rows."""
    table = folder / "rows.csv"
    with table.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    fields = list(records[0])
    grown = []
    for copy in range(30):
        grown += [{**record, "id": f"{record['id']}-{copy}"} for record in records]
    grown[5]["amount_text"] = "12.345,67 euro"
    grown[40]["kind"] = "loan"
    grown[60]["theme"] = "nonsense"
    grown[61]["theme"] = "innovation;starters"
    grown[70]["vat_basis"], grown[70]["vat_text"] = "excl_vat", ""
    grown[80]["beneficiary"] = "7 ondernemingen"
    grown[90]["period_text"] = "1 december 2017 – 30 juni 2019"
    grown[100]["amount_text"] = "€ 1.000"
    grown[101]["amount_text"] = "zomaar"
    grown[110]["description_source"] = "iets anders"
    grown[-1]["amount_text"] = "1,2 miljoen euro"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(grown)


def test_a_table_s_problems_stand_at_their_file_and_line_as_when_every_row_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "odd"
    shutil.copytree(BUNDLED, folder)
    _write_odd_rows(folder)
    with pytest.raises(DatasetError) as found:
        load_dataset(folder)
    _in_full(monkeypatch)
    with pytest.raises(DatasetError) as expected:
        load_dataset(folder)
    assert _reports(found.value.problems) == _reports(expected.value.problems)
    lines = _reports(found.value.problems)
    assert any("rows.csv" in line and "line 7," in line and "12.345,67 euro" in line for line in lines)
    assert any("line 42, column kind" in line for line in lines)
    assert any("line 62, column theme" in line and "nonsense" in line for line in lines)
    assert any("line 72, column vat_text" in line for line in lines)
    assert any("line 82, column beneficiary_count" in line for line in lines)
    assert any("line 92, column period_start" in line for line in lines)
    assert any("line 103, column amount_text" in line and "zomaar" in line for line in lines)
    assert any("line 112, column description:" in line for line in lines)


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_valid_datasets_have_no_problem_either_way(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = load_dataset(folder)
    assert check_dataset(dataset) == []
    _in_full(monkeypatch)
    assert check_dataset(dataset) == []


PLAIN = st.builds(
    lambda whole, cents, dots: (
        (f"{whole:,}".replace(",", ".") if dots else str(whole)) + (f",{cents}" if cents is not None else "") + " euro"
    ),
    st.integers(min_value=0, max_value=10**15),
    st.one_of(st.none(), st.sampled_from(["0", "5", "00", "99", "123"])),
    st.booleans(),
)
TEXTS = st.lists(
    st.one_of(PLAIN, st.text(alphabet=st.sampled_from("0123456789., euroEUR€miljoen\n"), max_size=20)),
    max_size=30,
)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_column_of_amounts_reads_as_each_amount_reads(texts: list[str]) -> None:
    read, expected = read_amount_texts(texts), [read_amount_text(text) for text in texts]
    assert [type(value) for value in read] == [type(value) for value in expected]
    assert [str(value) for value in read] == [str(value) for value in expected]


def test_a_column_of_amounts_by_hand() -> None:
    texts = ["275.342,98 euro", "40.000 euro", "€ 12 500", "1,2 miljoen euro", "10.000.000.000.000 euro", "x"]
    assert read_amount_texts(texts) == [
        Decimal("275342.98"),
        Decimal("40000"),
        Decimal("12500"),
        Decimal("1200000"),
        None,
        None,
    ]
    assert read_amount_texts([]) == []
    assert read_amount_texts(["1 euro\n2 euro", "3 euro"]) == [None, Decimal("3")]


def test_the_summary_names_the_block_kinds_the_changes_name() -> None:
    assert inventory.BLOCK_KINDS == change_names.BLOCK_KINDS
    assert list(inventory.BLOCK_KINDS) == list(change_names.BLOCK_KINDS)


def test_the_summary_names_the_parts_statuses_as_the_brief_does() -> None:
    assert VOCABULARY["coverage"] == inventory.COVERAGE
    assert list(inventory.COVERAGE) == ["answered", "partly", "not_answered"]


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_summary_counts_the_rows_as_the_totals_count_them(folder: Path, lang: str) -> None:
    dataset = load_dataset(folder)
    t = Translator(lang)
    summary = validation_summary(dataset, lang).splitlines()
    if not dataset.rows:
        assert summary[1].strip() == t("Rows: none (the answer has no table)")
        return
    labels = {kind.id: kind for kind in dataset.main.kinds}
    sums = kind_sums(dataset, dataset.rows, procurement_rules().vat.standard_rate)
    per_kind = [f"{(labels[s.kind].label if s.rows == 1 else labels[s.kind].plural).get(lang)}: {s.rows}" for s in sums]
    in_house = sum(s.in_house for s in sums)
    expected = t(
        "Rows: {count} ({kinds}); {pending} in procedure",
        count=len(dataset.rows),
        kinds=", ".join(per_kind),
        pending=sum(s.in_procedure for s in sums),
    ) + (t("; {count} done in house", count=in_house) if in_house else "")
    assert summary[1].strip() == expected


def _program(*code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-c", "\n".join(code)], capture_output=True, text=True, env=env, check=False, cwd=ROOT
    )


def test_the_program_writes_its_whole_summary_to_a_pipe_and_runs_what_is_registered_at_exit() -> None:
    expected = CliRunner().invoke(main, ["validate", "--lang", "en", str(BUNDLED)])
    assert expected.exit_code == 0
    ran = _program(
        "import atexit, sys",
        "atexit.register(print, 'registered at exit', file=sys.stderr)",
        f"sys.argv = ['sebrief', 'validate', '--lang', 'en', {str(BUNDLED)!r}]",
        "from sebrief.cli import main",
        "main()",
    )
    assert ran.returncode == 0
    assert ran.stdout == expected.output
    assert ran.stderr == "registered at exit\n"


def test_an_invalid_dataset_still_ends_with_its_problems_and_code(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    shutil.copytree(BUNDLED, folder)
    _write_odd_rows(folder)
    ran = _program(
        f"import sys; sys.argv = ['sebrief', 'validate', '--lang', 'en', {str(folder)!r}]",
        "from sebrief.cli import main",
        "main()",
    )
    assert ran.returncode == 3
    assert "line 42, column kind" in ran.stdout + ran.stderr


@pytest.mark.parametrize("missing", [0, 1, 7, 999, 1000, 1001, 3000])
def test_the_rows_with_an_amount_and_its_text_are_found_however_many_leave_them_out(missing: int) -> None:
    count = 5000
    amounts = [Decimal(index) for index in range(count)]
    texts = [f"{index} euro" for index in range(count)]
    for index in range(0, count, max(count // max(missing, 1), 1))[:missing]:
        if index % 2:
            amounts[index] = None  # type: ignore[call-overload]
        else:
            texts[index] = None  # type: ignore[call-overload]
    texts[-1] = None  # type: ignore[call-overload]
    expected = [index for index in range(count) if amounts[index] is not None and texts[index] is not None]
    positions, stated, quoted = validate_rows._stated_amounts(tuple(amounts), tuple(texts))
    assert positions == expected
    assert stated == [amounts[index] for index in expected]
    assert quoted == [texts[index] for index in expected]
