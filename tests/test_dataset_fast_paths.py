"""The quick ways of validation give what the full ones give.

Rows built directly from plainly well-formed records equal the rows validation makes, and a
record that is not plainly well-formed gives the very problems validation gives (the direct
builder is switched off to get those). The source normalised without its lines is the one
``SourceText`` normalises; plain amounts read as the amount parser reads them; quotes found or
missing as a search of the whole source finds them; a table's rows, looked up by table.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sebrief.dataset import load, verbatim
from sebrief.dataset.amounts import parse_amount_text, read_amount_text
from sebrief.dataset.direct_rows import DirectRows
from sebrief.dataset.load import load_dataset
from sebrief.dataset.locations import Locations
from sebrief.dataset.model import Dataset, TableBlock
from sebrief.dataset.tablefile import TableFormat, csv_records, decode_csv
from sebrief.dataset.verbatim import VerbatimSource, normalised_text, row_quotes
from sebrief.errors import DatasetError, Problem
from sebrief.i18n import Translator
from sebrief.quotes import SourceText
from tests.test_dataset_reading import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
DATASETS = [
    ROOT / "data" / "sv-221-2017-2018",
    *sorted(path for path in (ROOT / "tests" / "fixtures" / "datasets").iterdir() if path.is_dir()),
]
TABLED = [folder for folder in DATASETS if any(folder.glob("*.csv"))]  # (two fixtures have no table)
DUTCH = Translator("nl")


def _records(folder: Path) -> list[tuple[TableBlock, int, dict[str, str]]]:
    problems: list[Problem] = []
    main, _ = load._load_main(folder, problems, Locations())
    assert main is not None and not problems
    out = []
    for table in main.tables():
        decoded = decode_csv((folder / table.file).read_bytes(), table.file)
        assert not isinstance(decoded, Problem)
        text, encoding = decoded
        required, optional = load.columns_of(table)
        fmt = TableFormat(table.file, ",", encoding)
        out += [(table, line, record) for line, record, _ in csv_records(text, fmt, required, optional, problems)]
    return out


@pytest.mark.parametrize("folder", TABLED, ids=lambda path: path.name)
def test_direct_rows_are_the_validated_rows(folder: Path) -> None:
    records = _records(folder)
    assert records
    for table, line, record in records:
        direct = DirectRows(table, load._valid_period).build(dict(record))
        validated = load._row_from_record(line, dict(record), {}, table, TableFormat(table.file), [])
        assert direct is not None and validated is not None, (folder.name, line)
        assert direct == validated
        assert repr(direct) == repr(validated)
        assert list(direct.__dict__) == list(validated.__dict__)
        assert direct.__pydantic_fields_set__ == validated.__pydantic_fields_set__
        assert [type(value) for value in direct.__dict__.values()] == [
            type(value) for value in validated.__dict__.values()
        ]
        assert direct.model_dump_json() == validated.model_dump_json()


@pytest.mark.parametrize(("note", "description"), [(5000, 4000), (5000, 5000), (5001, 10), (2, 5001)])
def test_long_cells_are_built_directly_up_to_the_length_of_a_text(note: int, description: int) -> None:
    """Cells of up to 5,000 characters each, together longer, are built as validation builds them;
    one cell longer is left to validation, which refuses it."""
    table, line, record = _records(DATASETS[0])[0]
    record = {**record, "description": "d" * description, "note_nl": "n" * note, "note_en": "e" * note}
    direct = DirectRows(table, load._valid_period).build(dict(record))
    problems: list[Problem] = []
    validated = load._row_from_record(line, dict(record), {}, table, TableFormat(table.file), problems)
    if max(note, description) <= 5000:
        assert direct is not None and direct.model_dump_json() == validated.model_dump_json()  # type: ignore[union-attr]
    else:
        assert direct is None and validated is None and problems


def _none(self: DirectRows, names: Sequence[str], records: Sequence[Sequence[str]]) -> None:
    """No record made directly: each is validated in full."""
    return None


def _problems(folder: Path) -> list[str]:
    try:
        load_dataset(folder)
    except DatasetError as error:
        return [problem.text() for problem in error.problems] + [problem.text(DUTCH) for problem in error.problems]
    return []


# Cells that validation refuses, or that the direct builder leaves to it: (column, value).
BAD_CELLS = [
    ("id", ""), ("id", "R 1"), ("id", "é1"), ("id", "x" * 41), ("kind", "-x"), ("kind", "nope"),
    ("description", ""), ("description", "x" * 5001), ("status", "Awarded"), ("status", ""),
    ("amount", "1e5"), ("amount", "-1"), ("amount", "12,50"), ("amount", "007.50"), ("amount", "0.001"),
    ("amount", "99999999999999999.99"), ("amount", ""), ("amount_text", ""), ("beneficiary", ""),
    ("beneficiary_count", "0"), ("beneficiary_count", "x"), ("beneficiary_count", "2.0"), ("vat_basis", ""),
    ("vat_basis", "excl"), ("period_start", ""), ("period_start", "2018-02-30"), ("period_end", "2001-01-01"),
    ("period_precision", "week"), ("period_text", ""), ("source_ref", ""), ("note_nl", "alleen nl"),
    ("theme", "nope"), ("theme", "a b"), ("theme", "innovation;x y"), ("theme_basis", "not_addressed"),
    ("pillar_basis", "maybe"),
]  # fmt: skip


@pytest.mark.parametrize(("column", "value"), BAD_CELLS)
def test_a_record_not_plainly_well_formed_gets_the_problems_of_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, column: str, value: str
) -> None:
    folder = tmp_path / "dataset"
    shutil.copytree(DATASETS[0], folder)
    rows = list(csv.reader(io.StringIO((folder / "rows.csv").read_text(encoding="utf-8"), newline="")))
    for row in rows[1:3]:
        row[rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / "rows.csv").write_text(buffer.getvalue(), encoding="utf-8")
    quick = _problems(folder)
    monkeypatch.setattr(DirectRows, "columns_batch", _none)  # every record validated in full
    assert quick == _problems(folder)
    assert quick  # each of these cells is a problem


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_valid_datasets_load_the_same_rows_validated_in_full(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quick = load_dataset(folder)
    monkeypatch.setattr(DirectRows, "columns_batch", _none)
    assert quick == load_dataset(folder)


LINES = st.lists(
    st.sampled_from(["a", "é", "e\u0301", "-", "-", "\n", "\n", " ", "\t", "\r", "\xa0", "²"]), max_size=20
).map("".join)


@settings(max_examples=400, deadline=None)
@given(LINES)
def test_the_source_is_normalised_as_source_text_normalises_it(text: str) -> None:
    assert normalised_text(text) == SourceText.from_text(text).normalised


WHITE_SPACE = [character for character in map(chr, range(0x3001)) if character.isspace()]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "é", "-", " ", " ", "\u200b", *WHITE_SPACE]), max_size=20).map("".join))
def test_every_white_space_character_is_white_space_to_the_normalisation(text: str) -> None:
    """(Every character Python splits at, in any run: ``str.split``'s white space is the
    normalisation's.)"""
    assert normalised_text(text) == SourceText.from_text(text).normalised


def test_the_white_space_characters_are_python_s() -> None:
    assert {" ", "\t", "\n", "\x1c", "\x85", "\xa0", "\u1680", "\u2000", "\u2028", "\u3000"} <= set(WHITE_SPACE)
    assert len(WHITE_SPACE) == sum(1 for code in range(0x110000) if chr(code).isspace())


@pytest.mark.parametrize(
    "text",
    ["e-\ncommerce", "e-  \n\n \ncommerce", "-\nx", "a -\nb", "a-\r\nb", "a-\nb-\nc", "x-\n", "1-\n2", " a-\n\n"],
)
def test_words_hyphenated_at_a_line_end_are_joined(text: str) -> None:
    assert normalised_text(text) == SourceText.from_text(text).normalised


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_each_source_is_normalised_as_source_text_normalises_it(folder: Path) -> None:
    text = (folder / "source.txt").read_text(encoding="utf-8")
    assert normalised_text(text) == SourceText.from_text(text).normalised


AMOUNTS = st.one_of(
    st.builds(
        lambda whole, cents, dotted: (f"{whole:,}".replace(",", ".") if dotted else str(whole)) + cents + " euro",
        st.integers(0, 10**15),
        st.sampled_from(["", ",5", ",50", ",05", ",123"]),
        st.booleans(),
    ),
    st.text(alphabet=st.sampled_from("0123456789., euroEUR€"), max_size=24),
)


@settings(max_examples=500, deadline=None)
@given(AMOUNTS)
def test_plain_amounts_read_as_the_parser_reads_them(text: str) -> None:
    expected, read = parse_amount_text(text), read_amount_text(text)
    assert type(read) is type(expected)
    assert str(read) == str(expected)


def test_read_amounts_by_hand() -> None:
    assert read_amount_text("275.342,98 euro") == Decimal("275342.98")
    assert read_amount_text("40.000 euro") == Decimal("40000")
    assert read_amount_text("0,5 euro") == Decimal("0.5")
    assert read_amount_text("10.000.000.000.000 euro") is None  # past the 13 whole digits of an amount
    assert read_amount_text("1,2 miljoen euro") == Decimal("1200000")  # not plain: read by the parser


@pytest.mark.parametrize("folder", TABLED, ids=lambda path: path.name)
def test_missing_quotes_are_those_a_search_of_the_whole_source_misses(folder: Path) -> None:
    dataset = load_dataset(folder)
    changed = []
    for index, row in enumerate(dataset.rows):  # every third row's quotes changed, some no longer verbatim
        if index % 3 == 0:
            update = {"description": row.description + " (niet in de bron)"} if not row.description_source else {}
            if row.amount_text:
                update["amount_text"] = row.amount_text.replace("euro", "EUR")
            row = row.model_copy(update=update)
        changed.append(row)
    whole = SourceText.from_text(dataset.source_text)
    expected = [
        (row.id, column, quote) for row in changed for column, quote in row_quotes(row) if whole.find(quote) is None
    ]
    found = [
        (row.id, column, quote)
        for row, column, quote in VerbatimSource(dataset.source_text).missing_in_rows(tuple(changed))
    ]
    assert found == expected
    assert expected or len(dataset.rows) < 3


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_rows_of_a_table_are_its_rows_in_order(folder: Path) -> None:
    dataset = load_dataset(folder)
    for table in dataset.main.tables():
        assert dataset.rows_of(table.id) == tuple(row for row in dataset.rows if row.table == table.id)
    assert dataset.rows_of("no-such-table") == ()
    shorter = dataset.model_copy(update={"rows": dataset.rows[:1]})
    for table in dataset.main.tables():
        assert shorter.rows_of(table.id) == tuple(row for row in shorter.rows if row.table == table.id)
    assert dataset == load_dataset(folder)  # the index is not a field: not compared


@pytest.mark.parametrize(
    "text", ["e-\ncommerce en\n\nmeer  tekst\r\n", "a\nb\nc-\nd \n  \n e", "\n\n\n", "één  twee\ndrie-\n\nvier"]
)
def test_the_source_is_normalised_a_chunk_at_a_time(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verbatim, "_CHUNK", 2)  # chunks of a line or two: as a long source is read
    assert normalised_text(text) == SourceText.from_text(text).normalised


@pytest.mark.parametrize(
    ("before", "after"),
    [("", ""), ("\n\n", "\n"), (" \t", " \r\n"), ("\x1c", ""), ("", "\u3000"), ("\xa0", "\n"), ("\n\x1f", "\x85\n")],
)
def test_the_dataset_is_the_one_validation_makes_whatever_white_space_ends_its_source(
    tmp_path: Path, before: str, after: str
) -> None:
    folder = tmp_path / "dataset"
    shutil.copytree(DATASETS[0], folder)
    raw = before + (folder / "source.txt").read_text(encoding="utf-8").strip() + after
    (folder / "source.txt").write_text(raw, encoding="utf-8")
    dataset = load_dataset(folder)
    validated = Dataset(main=dataset.main, rows=dataset.rows, source_text=raw)  # strips as validation strips
    assert dataset == validated
    assert dataset.source_text == validated.source_text
    assert dataset.__pydantic_fields_set__ == validated.__pydantic_fields_set__


def test_rows_of_an_excel_table_are_built_directly_as_validation_builds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "dataset"
    shutil.copytree(DATASETS[0], folder)
    write_xlsx(folder)
    marks: list[int] = []  # 1 for each record made directly but in need of validating
    make = DirectRows.columns_batch

    def counted(self: DirectRows, names: Sequence[str], records: Sequence[Sequence[str]]) -> Any:
        made = make(self, names, records)
        marks.extend(made[1] if made is not None else [1] * len(records))
        return made

    monkeypatch.setattr(DirectRows, "columns_batch", counted)
    quick = load_dataset(folder)
    assert quick.main.tables()[0].file.endswith(".xlsx")
    assert len(marks) == len(quick.rows) and 1 not in marks  # every record of the sheet made directly
    assert load_dataset(folder, rows_on_demand=True).rows == quick.rows  # kept in columns, as validate keeps them
    monkeypatch.setattr(DirectRows, "columns_batch", _none)
    assert quick == load_dataset(folder)
