"""``sebrief export --format csv``: for Excel in Belgium by default, standard CSV on request; both read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset
from sebrief.export.tabular import rows_csv_bytes

# The header of the bundled table, with the export's table column in front.
COLUMNS = (
    "table;id;kind;description;description_source;period_start;period_end;period_precision;period_text;status;"
    "beneficiary;beneficiary_count;amount;amount_text;vat_basis;vat_text;procedure;theme;pillar;theme_basis;"
    "pillar_basis;source_ref;note_nl;note_en"
)


def export(*args: str) -> bytes:
    result = CliRunner().invoke(main, ["export", "--format", "csv", *args])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout_bytes


def read_back(data: bytes, folder: Path, separator: str, encoding: str, newline: str) -> Dataset:
    """The export without its table column, written as the table's file of a copy of the dataset."""
    text = data.decode(encoding)
    records = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=separator))
    fields = [name for name in records[0] if name != "table"]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, delimiter=separator, lineterminator=newline, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    (folder / "rows.csv").write_bytes(out.getvalue().encode(encoding))
    return load_dataset(folder)


def test_excel_dialect_is_the_default_and_reads_back(sv221: Dataset, dataset_copy: Path) -> None:
    data = export()
    assert data == export("--csv-dialect", "excel") == rows_csv_bytes(sv221, "excel")
    first_line = data.split(b"\n", 1)[0] + b"\n"
    assert first_line == b"\xef\xbb\xbf" + COLUMNS.encode() + b"\r\n"
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 18 and "\n" not in text.replace("\r\n", "")  # header + 17 rows, CRLF only
    assert "coöperatieve" in text  # UTF-8 after the BOM, which tells Excel so
    assert ";9835,60;" in text and ";275342,98;" in text and ";29440,00;" in text  # decimal commas
    assert ';"2;4";' in text  # a field holding the separator is quoted
    assert read_back(data, dataset_copy, ";", "utf-8-sig", "\r\n").rows == sv221.rows


def test_standard_dialect_is_the_csv_of_before_and_reads_back(sv221: Dataset, dataset_copy: Path) -> None:
    data = export("--csv-dialect", "standard")
    assert data == rows_csv_bytes(sv221)
    assert data.split(b"\n", 1)[0] == COLUMNS.replace(";", ",").encode()
    assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf") and b",9835.60," in data
    assert read_back(data, dataset_copy, ",", "utf-8", "\n").rows == sv221.rows


def test_help_says_which_dialect_is_the_default() -> None:
    result = CliRunner().invoke(main, ["export", "--help"])
    assert "--csv-dialect [excel|standard]" in result.output
    assert "excel (the default) for Excel in Belgium" in " ".join(result.output.split())


def test_csv_dialect_with_another_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["export", "--format", "json", "--csv-dialect", "excel"])
    assert result.exit_code == 2
    assert "--csv-dialect is for --format csv, not --format json; leave it out" in result.stderr
