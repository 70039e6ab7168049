"""sebrief export: OCDS valid against the 1.1.5 schemas, CSV and JSON that read back to the dataset."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.export import export_bytes
from sebrief.export.ocds import (
    OCID_PREFIX,
    VAT_EXTENSION,
    excluded_rows,
    load_schema,
    ocds_amount,
    release_package,
    release_package_bytes,
    validate_release,
    validate_release_package,
)
from sebrief.export.tabular import dataset_json_bytes, rows_csv_bytes
from sebrief.load import ROW_COLUMNS, load_dataset
from sebrief.model import Dataset, DatasetFile, RowKind, TableRow

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def ocds(dataset: Dataset) -> dict[str, Any]:
    """The exported package, parsed with exact decimals."""
    data: dict[str, Any] = json.loads(release_package_bytes(dataset), parse_float=Decimal)
    return data


# --- OCDS -----------------------------------------------------------------------------------


def test_ocds_validates_against_the_schemas(dataset: Dataset) -> None:
    package = json.loads(release_package_bytes(dataset))
    assert validate_release_package(package) == []
    assert all(validate_release(release) == [] for release in package["releases"])


def test_validation_is_not_lax(dataset: Dataset) -> None:
    package = json.loads(release_package_bytes(dataset))
    package["releases"][0]["tag"] = ["signed"]
    package["releases"][1]["awards"][0]["value"]["valueAddedTaxIncluded"] = "no"  # checked: the extension's field
    package["publishedDate"] = "19 januari 2018"
    errors = validate_release_package(package)
    assert len(errors) == 3
    assert [e.split(":")[0] for e in errors] == [
        "publishedDate",
        "releases/0/tag/0",
        "releases/1/awards/0/value/valueAddedTaxIncluded",
    ]


def test_local_schemas_are_the_ones_referenced() -> None:
    package_schema = load_schema("ocds-1.1.5-release-package-schema.json")
    release_schema = load_schema("ocds-1.1.5-release-schema.json")
    assert package_schema["properties"]["releases"]["items"]["$ref"] == release_schema["id"]
    assert release_schema["id"] == "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
    assert (ROOT / "data" / "schemas" / "LICENSE-Apache-2.0.txt").is_file()


def test_one_release_per_public_contract(dataset: Dataset) -> None:
    releases = ocds(dataset)["releases"]
    assert len(releases) == 15
    awarded = [r for r in releases if r["tag"] == ["award"]]
    in_procedure = [r for r in releases if r["tag"] == ["tender"]]
    assert (len(awarded), len(in_procedure)) == (13, 2)
    assert all(len(r["awards"]) == 1 and r["tender"]["status"] == "complete" for r in awarded)
    assert all("awards" not in r and r["tender"]["status"] == "active" for r in in_procedure)
    assert [r["ocid"].rsplit("-", 1)[1] for r in in_procedure] == ["R08", "R09"]
    assert all(r["initiationType"] == "tender" and r["date"] == "2018-01-19T00:00:00Z" for r in releases)
    ocids = [r["ocid"] for r in releases]
    assert ocids[0] == f"{OCID_PREFIX}-sv-221-2017-2018-R03"
    assert len(set(ocids)) == len({r["id"] for r in releases}) == 15


def test_subsidy_calls_are_left_out(dataset: Dataset) -> None:
    assert [row.id for row in excluded_rows(dataset)] == ["R01", "R02"]
    assert all(row.kind is RowKind.SUBSIDY_CALL for row in excluded_rows(dataset))
    ocids = {r["ocid"] for r in ocds(dataset)["releases"]}
    assert not any(ocid.endswith(("-R01", "-R02")) for ocid in ocids)
    result = CliRunner().invoke(main, ["export", "--format", "ocds"])
    assert result.exit_code == 0
    assert "2 subsidy calls (R01, R02) left out" in result.stderr


def test_award_values_are_the_exact_amounts_excl_vat(dataset: Dataset) -> None:
    awards = [award for release in ocds(dataset)["releases"] for award in release.get("awards", [])]
    assert sum((award["value"]["amount"] for award in awards), D(0)) == D("350371.57")
    rows = {row.id: row for row in dataset.rows}
    for award in awards:
        assert award["value"]["amount"] == rows[award["id"].removesuffix("-award")].amount
        assert award["value"]["currency"] == "EUR"
        assert award["value"]["valueAddedTaxIncluded"] is False
    r15 = next(a for a in awards if a["id"] == "R15-award")
    assert (r15["value"]["amount"], r15["suppliers"][0]["name"]) == (D("9835.6"), "Absoluut")
    assert r15["contractPeriod"] == {"startDate": "2018-02-01T00:00:00Z", "endDate": "2018-02-28T23:59:59Z"}


def test_parties_and_package_fields(dataset: Dataset) -> None:
    package = ocds(dataset)
    assert package["version"] == "1.1"
    assert package["extensions"] == [VAT_EXTENSION]
    assert package["publisher"] == {"name": "sebrief"}
    assert package["publishedDate"] == "2018-01-19T00:00:00Z"  # date_asked: the source gives no answer date
    assert package["uri"].startswith("https://sebrief.invalid/")
    r07 = next(r for r in package["releases"] if r["ocid"].endswith("-R07"))
    assert r07["buyer"] == {"id": "vlaamse-overheid", "name": "Vlaamse overheid"}
    assert [(p["id"], p["roles"]) for p in r07["parties"]] == [
        ("vlaamse-overheid", ["buyer", "procuringEntity"]),
        ("kuleuven-hiva", ["supplier"]),
    ]
    assert r07["awards"][0]["suppliers"] == [{"id": "kuleuven-hiva", "name": "KULeuven (HIVA)"}]
    assert r07["tender"]["mainProcurementCategory"] == "services"


def test_ocds_is_deterministic(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    first = CliRunner().invoke(main, ["export", "--format", "ocds"]).stdout_bytes
    assert first == CliRunner().invoke(main, ["export", "--format", "ocds"]).stdout_bytes
    assert first == release_package_bytes(dataset) == export_bytes(dataset, "ocds")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert release_package(dataset)["publishedDate"] == "2023-11-14T22:13:20Z"
    assert release_package_bytes(dataset) == release_package_bytes(dataset)


def test_release_id_follows_the_content(dataset: Dataset) -> None:
    changed = dataset.row("R03").model_copy(update={"amount": D("29441.00")})
    rows = tuple(changed if row.id == "R03" else row for row in dataset.rows)
    before = {r["ocid"]: r["id"] for r in release_package(dataset)["releases"]}
    after = {r["ocid"]: r["id"] for r in release_package(dataset.model_copy(update={"rows": rows}))["releases"]}
    assert [ocid for ocid in before if before[ocid] != after[ocid]] == [f"{OCID_PREFIX}-sv-221-2017-2018-R03"]


def test_amounts_never_go_through_float_rounding() -> None:
    assert ocds_amount(D("9835.60")) == 9835.6
    assert ocds_amount(D("275342.98")) == 275342.98
    with pytest.raises(ValueError, match="exactly"):
        ocds_amount(D("12345678901234567.89"))


# --- CSV ------------------------------------------------------------------------------------


def test_csv_has_the_rows_and_reads_back(dataset: Dataset, dataset_copy: Path) -> None:
    data = rows_csv_bytes(dataset)
    text = data.decode("utf-8")
    assert "\r" not in text and text.endswith("\n")
    lines = text.splitlines()
    assert len(lines) == 18 and lines[0] == ",".join(ROW_COLUMNS)
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    for record, row in zip(records, dataset.rows, strict=True):
        assert record["id"] == row.id and record["kind"] == row.kind.value
        assert record["amount"] == ("" if row.amount is None else f"{row.amount:.2f}")
        assert record["period_start"] == ("" if row.period is None else row.period.start.isoformat())
        assert record["beneficiary"] == (row.beneficiary or "")
        assert record["pillars"] == ";".join(str(p) for p in row.pillars)
    amounts = {r["id"]: r["amount"] for r in records}
    assert (amounts["R15"], amounts["R16"], amounts["R08"]) == ("9835.60", "6835.00", "")
    # The export is a valid rows.csv: loaded back, the rows are the dataset's rows.
    (dataset_copy / "rows.csv").write_bytes(data)
    assert load_dataset(dataset_copy).rows == dataset.rows


def test_csv_cli_is_deterministic(dataset: Dataset) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["export", str(BUNDLED), "--format", "csv"])
    assert (first.exit_code, first.stderr) == (0, "")
    assert (
        first.stdout_bytes == runner.invoke(main, ["export", "--format", "csv"]).stdout_bytes == rows_csv_bytes(dataset)
    )


# --- JSON -----------------------------------------------------------------------------------


def test_json_round_trips(dataset: Dataset) -> None:
    data = dataset_json_bytes(dataset)
    assert data == dataset_json_bytes(dataset)
    text = data.decode("utf-8")
    assert text.endswith("}\n") and "coördineert" in text  # UTF-8, not \u escapes
    parsed = json.loads(text)
    rows = parsed.pop("rows")
    assert parsed.pop("source_text_sha256") == hashlib.sha256(dataset.source_text.encode("utf-8")).hexdigest()
    assert DatasetFile.model_validate(parsed) == dataset.main
    assert tuple(TableRow.model_validate(row) for row in rows) == dataset.rows
    amounts = {row["id"]: row["amount"] for row in rows}
    assert (amounts["R01"], amounts["R15"], amounts["R16"], amounts["R08"]) == ("275342.98", "9835.60", "6835.00", None)
    assert parsed["metadata"]["date_asked"] == "2018-01-19" and parsed["metadata"]["date_answered"] is None
    assert rows[0]["period"] == {"start": "2017-12-01", "end": "2018-06-30", "precision": "day"}


def test_json_cli(dataset: Dataset) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "json"])
    assert result.exit_code == 0 and result.stdout_bytes == dataset_json_bytes(dataset)


# --- the command ----------------------------------------------------------------------------


def test_output_file_is_written(dataset: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "out" / "sv.json"
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", str(target)])
    assert result.exit_code == 0 and "wrote" in result.stdout
    assert target.read_bytes() == dataset_json_bytes(dataset)
    assert [p.name for p in target.parent.iterdir()] == ["sv.json"]  # no temporary file left


def test_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["export", "--format", "xml"])
    assert result.exit_code == 2 and "'xml' is not one of" in result.stderr


def test_unwritable_output_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(blocker / "rows.csv")])
    assert result.exit_code == 4 and f"cannot write {blocker / 'rows.csv'}" in result.stderr
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 4 and "cannot write" in result.stderr


def test_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rows.csv"
    target.write_text("previous\n", encoding="utf-8")

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("sebrief.write.os.replace", refuse)
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 4 and "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout and "not a registered prefix" in result.stdout
