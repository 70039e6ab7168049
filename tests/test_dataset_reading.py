"""A table's file as people have it: a CSV file saved by Belgian Excel, or an .xlsx workbook.

The bundled dataset's rows.csv is converted in a copy of the dataset (to Windows-1252 with ';',
CRLF and decimal commas; to UTF-8 with a BOM; to an .xlsx sheet with numbers and dates), and the
copy must give the very same rows and the same ``sebrief analyse --json`` as the original. Then
each way a file can be wrong gives its message: file, line (or Excel row), column, how to fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset
from sebrief.dataset.tablefile import TableFormat, csv_amount
from sebrief.dataset.workbook import excel_amount
from sebrief.errors import DatasetError

ROWS = "rows.csv"
MAIN = "dataset.yaml"


def bundled_table(folder: Path) -> tuple[list[str], list[dict[str, str]]]:
    with (folder / ROWS).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


def comma_amount(amount: str, grouped: bool) -> str:
    """9835.60 as Belgian Excel writes it: 9835,60, or 9.835,60 when the cells show thousands."""
    if not amount:
        return amount
    whole, cents = amount.split(".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{cents}"


def belgian_date(iso: str) -> str:
    """2018-01-19 as Excel writes a date cell in Belgium: 19/01/2018 (1/12/2017: no leading zero)."""
    if not iso:
        return iso
    day = dt.date.fromisoformat(iso)
    return f"{day.day}/{day.month:02}/{day.year}"


def write_excel_csv(folder: Path, encoding: str = "cp1252", separator: str = ";") -> None:
    """The table as Excel saves it in Belgium: CRLF, decimal commas (every other one grouped),
    dates day first."""
    header, records = bundled_table(folder)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header, delimiter=separator, lineterminator="\r\n")
    writer.writeheader()
    for at, record in enumerate(records):
        if separator == ";":
            record = {
                **record,
                "amount": comma_amount(record["amount"], grouped=at % 2 == 0),
                "period_start": belgian_date(record["period_start"]),
                "period_end": belgian_date(record["period_end"]),
            }
        writer.writerow(record)
    (folder / ROWS).write_bytes(out.getvalue().encode(encoding))


def write_xlsx(folder: Path, sheet: str | None = None, before: str | None = None) -> Path:
    """The table as an .xlsx sheet: amounts and counts as numbers, periods as dates, the rest text."""
    header, records = bundled_table(folder)
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    if before is not None:
        first.title = before
        first.append(["notes, not the table"])
        table = book.create_sheet(sheet or "Sheet2")
    else:
        table = first
        if sheet:
            table.title = sheet
    table.append(header)
    for record in records:
        cells: list[Any] = []
        for name in header:
            value: Any = record[name] or None
            if value is not None and name == "amount":
                value = float(value)  # as Excel holds it: a binary floating-point number
            elif value is not None and name == "beneficiary_count":
                value = int(value)
            elif value is not None and name in ("period_start", "period_end"):
                value = dt.date.fromisoformat(value)
            cells.append(value)
        table.append(cells)
    target = folder / "rows.xlsx"
    book.save(target)
    (folder / ROWS).unlink()
    main_file = folder / MAIN
    text = main_file.read_text(encoding="utf-8").replace("    file: rows.csv\n", "    file: rows.xlsx\n", 1)
    if sheet and before is not None:
        text = text.replace("    file: rows.xlsx\n", f"    file: rows.xlsx\n    sheet: {sheet}\n", 1)
    main_file.write_text(text, encoding="utf-8")
    return target


def analysis(folder: Path, *files: str) -> Any:
    result = CliRunner().invoke(main, ["analyse", str(folder), "--json"])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return _without(json.loads(result.stdout), set(files))


def _without(value: Any, files: set[str]) -> Any:
    """The analysis without the values that name a table's file (the only thing that may differ)."""
    if isinstance(value, dict):
        return {
            key: _without(item, files) for key, item in value.items() if not (isinstance(item, str) and item in files)
        }
    if isinstance(value, list):
        return [_without(item, files) for item in value]
    return value


def validate(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["validate", str(folder), *(args or ("--lang", "en"))])


def dutch_problems(folder: Path) -> list[str]:
    """The problems `sebrief validate` reports without --lang: in Dutch, after a Dutch header."""
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 3, result.output
    header, *problems = result.stderr.splitlines()
    assert header.startswith("fout: de dataset heeft ")
    return [problem.removeprefix("  ") for problem in problems]


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return [str(problem) for problem in caught.value.problems]


def line_of(folder: Path, row_id: str) -> int:
    lines = (folder / ROWS).read_bytes().split(b"\n")
    return next(n for n, line in enumerate(lines, start=1) if re.match(rb"%s[,;]" % row_id.encode(), line))


# --- the same analysis -------------------------------------------------------------------------


def test_belgian_excel_csv_gives_the_same_analysis(sv221: Dataset, dataset_copy: Path) -> None:
    original = analysis(dataset_copy)
    write_excel_csv(dataset_copy)
    data = (dataset_copy / ROWS).read_bytes()
    # The file is what Belgian Excel writes: ';', CRLF, Windows-1252, decimal commas.
    assert data.startswith(b"id;kind;description;") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert b";40000,00;" in data and b";275.342,98;" in data and "–".encode("cp1252") in data
    assert b";1/12/2017;30/06/2018;" in data
    assert load_dataset(dataset_copy).rows == sv221.rows
    assert analysis(dataset_copy) == original
    result = validate(dataset_copy)
    assert result.exit_code == 0
    assert "  rows.csv: read as Excel CSV (separator ';', Windows-1252)" in result.stdout.splitlines()
    dutch = CliRunner().invoke(main, ["validate", str(dataset_copy)])  # Dutch, the default
    assert "  rows.csv: gelezen als Excel-CSV (scheidingsteken ';', Windows-1252)" in dutch.stdout.splitlines()


def test_csv_utf8_with_a_bom_and_a_tab_separated_file_are_read(sv221: Dataset, dataset_copy: Path) -> None:
    original = (dataset_copy / ROWS).read_bytes()
    write_excel_csv(dataset_copy, encoding="utf-8-sig")
    assert (dataset_copy / ROWS).read_bytes().startswith(b"\xef\xbb\xbfid;kind;")
    assert load_dataset(dataset_copy).rows == sv221.rows
    assert "  rows.csv: read as Excel CSV (separator ';', UTF-8 with BOM)" in validate(dataset_copy).stdout
    (dataset_copy / ROWS).write_bytes(original)
    write_excel_csv(dataset_copy, encoding="utf-8", separator="\t")
    assert load_dataset(dataset_copy).rows == sv221.rows
    assert "  rows.csv: read as CSV (separator tab, UTF-8)" in validate(dataset_copy).stdout


def test_the_bundled_csv_is_read_without_a_word(dataset_copy: Path) -> None:
    assert "read as" not in validate(dataset_copy).stdout


def test_xlsx_table_gives_the_same_analysis(sv221: Dataset, dataset_copy: Path) -> None:
    original = analysis(dataset_copy, ROWS)
    write_xlsx(dataset_copy)
    dataset = load_dataset(dataset_copy)
    assert dataset.rows == sv221.rows
    assert analysis(dataset_copy, "rows.xlsx") == original
    result = validate(dataset_copy)
    assert result.exit_code == 0
    assert "  rows.xlsx: read from the Excel workbook, sheet 'Sheet'" in result.stdout.splitlines()
    dutch = validate(dataset_copy, "--lang", "nl")
    assert "  rows.xlsx: gelezen uit de Excel-werkmap, werkblad 'Sheet'" in dutch.stdout.splitlines()


def test_xlsx_named_sheet(sv221: Dataset, dataset_copy: Path) -> None:
    write_xlsx(dataset_copy, sheet="Opdrachten", before="Notities")
    assert load_dataset(dataset_copy).rows == sv221.rows
    assert "sheet 'Opdrachten'" in validate(dataset_copy).stdout
    main_file = dataset_copy / MAIN
    main_file.write_text(main_file.read_text(encoding="utf-8").replace("sheet: Opdrachten", "sheet: Blad1"))
    assert problems_of(dataset_copy) == [
        "rows.xlsx: no sheet named 'Blad1' (named by `sheet` in dataset.yaml); its sheets are Notities, "
        "Opdrachten: correct the name"
    ]


def test_sheet_of_a_csv_table_is_refused(dataset_copy: Path) -> None:
    main_file = dataset_copy / MAIN
    text = main_file.read_text(encoding="utf-8")
    main_file.write_text(text.replace("    file: rows.csv\n", "    file: rows.csv\n    sheet: Blad1\n", 1))
    line = text.split("\n").index("    file: rows.csv") + 2
    assert problems_of(dataset_copy) == [
        f"dataset.yaml, line {line}: table T-ROWS: `sheet` names a sheet of an Excel workbook, but rows.csv is a "
        "CSV file; remove `sheet`, or name the .xlsx file in `file`"
    ]


# --- amounts: exact to the cent, never guessed --------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (12500.1, "12500.10"),
        (9835.6, "9835.60"),
        (275342.98, "275342.98"),
        (40000, "40000.00"),
        (40000.0, "40000.00"),
        (0.1 + 0.2, "0.30"),  # Excel shows 0.3: 15 significant digits, never the binary noise
        (1104220.35, "1104220.35"),
        # 16 digits: kept to the cent (then refused as too long), never rounded to Excel's 15 digits
        (12345678901234.56, "12345678901234.56"),
    ],
)
def test_excel_numbers_are_exact_amounts(number: float, expected: str) -> None:
    assert excel_amount(number) == (expected, None)


def test_excel_amount_with_more_than_two_decimals_is_refused() -> None:
    value, trouble = excel_amount(12500.105)
    assert (value, str(trouble)) == (
        "",
        "the number 12500.105 has more than 2 decimals; amounts are exact to the cent: round it in the cell "
        "(or type the amount as the answer gives it)",
    )


def edit_sheet(path: Path, cells: dict[str, Any]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for where, value in cells.items():
        sheet[where] = value
    book.save(path)


def column_letter(folder: Path, name: str) -> str:
    header, _ = bundled_table(folder)
    return openpyxl.utils.get_column_letter(header.index(name) + 1)


def test_xlsx_cells_that_cannot_be_read_say_where_and_how_to_fix(dataset_copy: Path) -> None:
    _, records = bundled_table(dataset_copy)
    r03 = next(n for n, record in enumerate(records, start=2) if record["id"] == "R03")
    r07 = next(n for n, record in enumerate(records, start=2) if record["id"] == "R07")
    amount, start, text = (column_letter(dataset_copy, name) for name in ("amount", "period_start", "period_text"))
    path = write_xlsx(dataset_copy)
    edit_sheet(
        path,
        {
            f"{amount}{r03}": 29440.005,
            f"{amount}{r07}": "=29000+800",  # saved without its value: openpyxl does not calculate
            f"{start}{r03}": dt.datetime(2018, 1, 1, 14, 30),
            f"{text}{r07}": dt.datetime(2017, 12, 1),
        },
    )
    assert problems_of(dataset_copy) == [
        f"rows.xlsx, row {r03}, column amount: the number 29440.005 has more than 2 decimals; amounts are exact to "
        "the cent: round it in the cell (or type the amount as the answer gives it)",
        f"rows.xlsx, row {r03}, column period_start: a date with a time of day (2018-01-01 14:30:00); keep only "
        "the date",
        f"rows.xlsx, row {r07}, column amount: a formula without the value it computes (the file was saved by a "
        "program that does not calculate); open and save it in Excel, or type the value",
        f"rows.xlsx, row {r07}, column period_text: Excel stored a date here (2017-12-01), but this column holds "
        "text; format the cell as Text and type the value again",
    ]


def formula_with_saved_value(folder: Path, row_id: str, formula: str, saved: str, kind: str = "n") -> int:
    """The row's amount cell made a formula saved with its value, as Excel writes it; its row."""
    _, records = bundled_table(folder)
    number = next(n for n, record in enumerate(records, start=2) if record["id"] == row_id)
    cell = f"{column_letter(folder, 'amount')}{number}"
    path = write_xlsx(folder)
    edit_sheet(path, {cell: f"={formula}"})
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    pattern = rf'<c r="{cell}"[^>]*>(<f>{re.escape(formula)}</f>)(?:<v\s*/>|<v></v>)'.encode()
    replacement = f'<c r="{cell}" t="{kind}">'.encode() + rb"\g<1><v>" + saved.encode() + b"</v>"
    parts["xl/worksheets/sheet1.xml"] = re.sub(pattern, replacement, sheet_xml)
    assert parts["xl/worksheets/sheet1.xml"] != sheet_xml
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return number


def test_xlsx_formula_is_read_by_the_value_excel_saved(sv221: Dataset, dataset_copy: Path) -> None:
    _, records = bundled_table(dataset_copy)
    assert next(r["amount"] for r in records if r["id"] == "R07") == "29800.00"
    formula_with_saved_value(dataset_copy, "R07", "29000+800", "29800")
    assert load_dataset(dataset_copy).rows == sv221.rows


def test_xlsx_formula_saved_with_an_error(dataset_copy: Path) -> None:
    row = formula_with_saved_value(dataset_copy, "R07", "29800/0", "#DIV/0!", kind="e")
    assert problems_of(dataset_copy) == [
        f"rows.xlsx, row {row}, column amount: the cell holds the Excel error #DIV/0!; correct its formula or value"
    ]


def test_xlsx_value_beyond_the_header_and_a_text_amount(dataset_copy: Path) -> None:
    header, records = bundled_table(dataset_copy)
    r03 = next(n for n, record in enumerate(records, start=2) if record["id"] == "R03")
    beyond = openpyxl.utils.get_column_letter(len(header) + 2)
    amount = column_letter(dataset_copy, "amount")
    path = write_xlsx(dataset_copy)
    edit_sheet(path, {f"{beyond}{r03}": "stray", f"{amount}{r03}": "29.440 euro"})
    assert problems_of(dataset_copy) == [
        f"rows.xlsx, row {r03}, column {beyond}: a value in column {beyond}, after the last column named in row 1; "
        "name the column in row 1 or clear the cell",
        f"rows.xlsx, row {r03}, column amount: '29.440 euro' is not an amount; make the cell a number with at most "
        "two decimals (no text, no € sign), or write the amount as text with a dot, for example 9835.60",
    ]
    assert dutch_problems(dataset_copy) == [  # an Excel row is a "rij"; the column's letter or name as it is
        f"rows.xlsx, rij {r03}, kolom {beyond}: een waarde in kolom {beyond}, na de laatste kolom met een naam in "
        "rij 1; geef de kolom een naam in rij 1 of maak de cel leeg",
        f"rows.xlsx, rij {r03}, kolom amount: '29.440 euro' is geen bedrag; maak van de cel een getal met hoogstens "
        "twee decimalen (geen tekst, geen €-teken), of typ het bedrag als tekst met een punt, bijvoorbeeld 9835.60",
    ]


def test_not_a_workbook(dataset_copy: Path) -> None:
    path = write_xlsx(dataset_copy)
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)  # what an old .xls file starts with
    (message,) = problems_of(dataset_copy)
    assert message.startswith("rows.xlsx: not an Excel workbook that can be read (an old .xls workbook")
    assert message.endswith('open it in Excel and save it as "Excel Workbook (.xlsx)"')


def test_semicolon_amount_that_could_be_thousands_is_refused(dataset_copy: Path) -> None:
    write_excel_csv(dataset_copy)
    data = (dataset_copy / ROWS).read_bytes()
    assert b";40000,00;" in data
    (dataset_copy / ROWS).write_bytes(data.replace(b";40000,00;", b";40.000;", 1))
    line = line_of(dataset_copy, "R02")
    assert problems_of(dataset_copy) == [
        f"rows.csv, line {line}, column amount: is the dot in '40.000' between thousands (40000 euro) or a decimal "
        "point? In a file separated by ';' write the amount with a decimal comma, for example 40000,00"
    ]
    assert dutch_problems(dataset_copy) == [
        f"rows.csv, regel {line}, kolom amount: staat de punt in '40.000' tussen de duizendtallen (40000 euro) of is "
        "het een decimaalteken? In een bestand met ';' als scheidingsteken schrijf je het bedrag met een decimale "
        "komma, bijvoorbeeld 40000,00"
    ]


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("12500,00", "12500.00"),
        ("12.500,00", "12500.00"),
        ("9835,6", "9835.6"),  # Excel's General format drops the trailing zero
        ("1.200.000", "1200000"),  # two dots: only thousands
        ("1.200.000,5", "1200000.5"),
        ("9835.60", "9835.60"),  # a decimal point, as sebrief writes amounts: not a thousands group
        ("€ 9835,60", "€ 9835,60"),  # left for the amount's own check, which says what to write
    ],
)
def test_semicolon_file_amounts(cell: str, read: str) -> None:
    assert csv_amount(cell, TableFormat("rows.csv", ";", "cp1252")) == (read, None)
    if "," in cell and "." not in cell:
        assert csv_amount(cell, TableFormat("rows.csv", ",", "utf-8")) == (cell, None)  # never in a comma file


def test_semicolon_file_amount_hint_speaks_of_the_decimal_comma(dataset_copy: Path) -> None:
    write_excel_csv(dataset_copy)
    data = (dataset_copy / ROWS).read_bytes()
    (dataset_copy / ROWS).write_bytes(data.replace(b";40000,00;", b";\x80 40000,00;", 1))
    line = line_of(dataset_copy, "R02")
    assert problems_of(dataset_copy) == [
        f"rows.csv, line {line}, column amount: '€ 40000,00' is not an amount; write an exact amount in euro with "
        "a decimal comma and at most two decimals, without a € sign, for example 9835,60 or 9.835,60"
    ]
    assert dutch_problems(dataset_copy) == [
        f"rows.csv, regel {line}, kolom amount: '€ 40000,00' is geen bedrag; schrijf een exact bedrag in euro met "
        "een decimale komma en hoogstens twee decimalen, zonder €-teken, bijvoorbeeld 9835,60 of 9.835,60"
    ]


# --- encodings and separators ---------------------------------------------------------------------


def test_file_that_mixes_encodings_names_the_line(dataset_copy: Path) -> None:
    data = (dataset_copy / ROWS).read_bytes()
    assert "–".encode() in data  # UTF-8 en dashes in the periods' texts
    r05 = line_of(dataset_copy, "R05")
    lines = data.split(b"\n")
    lines[r05 - 1] = lines[r05 - 1].replace(b"R05,", b"R05,", 1).replace(b"e", "\u00eb".encode("cp1252"), 1)
    (dataset_copy / ROWS).write_bytes(b"\n".join(lines))
    first_dash = next(n for n, line in enumerate(lines, start=1) if "–".encode() in line)
    assert problems_of(dataset_copy) == [
        f"rows.csv, line {r05}: mixes encodings: line {first_dash} holds UTF-8 text ('–'), but byte 0xeb here is "
        'not UTF-8; correct the character there and save it again from Excel as "CSV UTF-8", or from a text '
        "editor with UTF-8 encoding"
    ]


def test_neither_utf8_nor_windows_1252(dataset_copy: Path) -> None:
    write_excel_csv(dataset_copy)
    data = (dataset_copy / ROWS).read_bytes()
    line = line_of(dataset_copy, "R04")
    lines = data.split(b"\n")
    lines[line - 1] = lines[line - 1].replace(b"R04;", b"R04\x81;", 1)
    (dataset_copy / ROWS).write_bytes(b"\n".join(lines))
    assert problems_of(dataset_copy) == [
        f"rows.csv, line {line}: neither UTF-8 nor Windows-1252 text (byte 0x81); save it again from Excel as "
        '"CSV UTF-8", or from a text editor with UTF-8 encoding'
    ]


def test_utf16_file(dataset_copy: Path) -> None:
    text = (dataset_copy / ROWS).read_text(encoding="utf-8")
    (dataset_copy / ROWS).write_bytes(text.encode("utf-16"))
    assert problems_of(dataset_copy) == [
        'rows.csv, line 1: saved as UTF-16 (Excel\'s "Unicode text"), which sebrief does not read; save it again '
        'from Excel as "CSV UTF-8", or from a text editor with UTF-8 encoding'
    ]


def test_header_without_known_names_says_what_the_first_line_holds(dataset_copy: Path) -> None:
    write_excel_csv(dataset_copy)
    data = (dataset_copy / ROWS).read_bytes()
    header = data.split(b"\r\n", 1)[0]
    (dataset_copy / ROWS).write_bytes(data.replace(header, header.replace(b"id;kind;", b"nr;soort;", 1), 1))
    (message,) = problems_of(dataset_copy)
    # The separator is still found from the other names: the message names the columns one by one.
    assert message.startswith("rows.csv, line 1: header: missing columns id, kind; unknown columns nr, soort;")
    (dataset_copy / ROWS).write_bytes(b"nr;soort\r\n1;2\r\n")
    (message,) = problems_of(dataset_copy)
    assert message.endswith(
        "; the first line of the file holds the column names, separated by commas, semicolons or tabs"
    )


def test_sheet_is_in_the_committed_schema() -> None:
    committed = json.loads((Path(__file__).resolve().parents[1] / "data" / "dataset.schema.json").read_text("utf-8"))
    table = committed["$defs"]["TableBlock"]["properties"]
    assert table["sheet"]["anyOf"][0] == {"maxLength": 31, "minLength": 1, "type": "string"}
    assert table["file"]["pattern"].endswith(r"\.(csv|xlsx)$")


def test_xlsx_problems_found_after_reading_name_the_excel_row(dataset_copy: Path) -> None:
    _, records = bundled_table(dataset_copy)
    r02, r03 = (next(n for n, record in enumerate(records, start=2) if record["id"] == i) for i in ("R02", "R03"))
    id_column = column_letter(dataset_copy, "id")
    path = write_xlsx(dataset_copy)
    edit_sheet(path, {f"{id_column}{r03}": "R02"})
    # (R03 gone, the items that name it are reported too: only the duplicate is this test's)
    assert (
        f"rows.xlsx, row {r03}, column id: row id R02 is used more than once (first on row {r02}); make row ids "
        "unique across all tables"
    ) in problems_of(dataset_copy)


def test_damaged_sheet(dataset_copy: Path) -> None:
    path = write_xlsx(dataset_copy)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    cut = sheet_xml.index(b'<row r="6"')
    parts["xl/worksheets/sheet1.xml"] = sheet_xml[:cut] + b"<row r=6 <c"  # damaged from row 6 on
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    (message,) = problems_of(dataset_copy)
    assert message.startswith("rows.xlsx: the sheet 'Sheet' cannot be read after row 5 (")
    assert message.endswith("); the file is damaged: open it in Excel and save it again")


def test_semicolon_file_impossible_date_is_refused(dataset_copy: Path) -> None:
    write_excel_csv(dataset_copy)
    data = (dataset_copy / ROWS).read_bytes()
    (dataset_copy / ROWS).write_bytes(data.replace(b";30/06/2018;", b";31/06/2018;", 1))
    line = line_of(dataset_copy, "R01")
    assert problems_of(dataset_copy) == [
        f"rows.csv, line {line}, column period_end: '31/06/2018' is not a date; write it as YYYY-MM-DD "
        "(for example 2018-01-19)"
    ]
