"""sebrief export: OCDS valid against the 1.1.5 schemas, CSV and JSON that read back to the dataset, and
what the command writes in each format against the answer's table as read by hand from source.txt.

On the bundled SV 221 (amounts excl. VAT, two subsidy calls that are not procurement) and on the
fictional datasets of tests/fixtures/datasets (studies in two tables with amounts incl. VAT and a
procedure column; a text-only answer; a matrix of figures).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset, DatasetFile, Row
from sebrief.export.ocds import (
    OCID_PREFIX,
    VAT_EXTENSION,
    NothingToExport,
    excluded_rows,
    load_schema,
    ocds_amount,
    release_package,
    release_package_bytes,
    validate_release,
    validate_release_package,
)
from sebrief.export.tabular import dataset_json_bytes, rows_csv_bytes

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
FIXTURES = ROOT / "tests" / "fixtures" / "datasets"
STUDIES = FIXTURES / "fictional-studies-2021-2023"
TEXT_ONLY = FIXTURES / "fictional-text-only-2019-2020"
MATRIX = FIXTURES / "fictional-matrix-2022-2023"

# The answer's table (data/sv-221-2017-2018/source.txt, answer 2), read by hand, in its order: row, kind,
# beneficiary, amount as printed and as a number, VAT basis, first and last day of the period. R08 and
# R09 are "/ In procedure /": no beneficiary, amount or period.
DELOITTE = ("public_contract", "Deloitte Consulting", "29.440 euro", "29440.00", "excl_vat", "2018-01-01", "2018-06-30")
SOURCE_TABLE = {
    "R01": ("subsidy_call", "14 ondernemingen (BW, SW, LDE)", "275.342,98 euro", "275342.98", "not_stated",
            "2017-12-01", "2018-06-30"),
    "R02": ("subsidy_call", "2 ondernemingen", "40.000 euro", "40000.00", "not_stated", "2017-12-01", "2018-07-31"),
    "R03": DELOITTE, "R04": DELOITTE, "R05": DELOITTE, "R06": DELOITTE,
    "R07": ("public_contract", "KULeuven (HIVA)", "29.800 euro", "29800.00", "excl_vat", "2018-01-01", "2018-06-30"),
    "R08": ("public_contract", "", "/", "", "not_stated", "", ""),
    "R09": ("public_contract", "", "/", "", "not_stated", "", ""),
    "R10": ("public_contract", "Cronos", "28.175,00 €", "28175.00", "excl_vat", "2017-09-01", "2018-05-31"),
    "R11": ("public_contract", "Cronos", "30.877,00 €", "30877.00", "excl_vat", "2017-09-01", "2018-03-31"),
    "R12": ("public_contract", "Cronos", "27.198,00 €", "27198.00", "excl_vat", "2017-12-01", "2018-03-31"),
    "R13": ("public_contract", "Smals", "63.626,46 €", "63626.46", "excl_vat", "2017-09-01", "2018-03-31"),
    "R14": ("public_contract", "Pantarein", "10.380,00 €", "10380.00", "excl_vat", "2018-01-01", "2018-02-28"),
    "R15": ("public_contract", "Absoluut", "9.835,6 €", "9835.60", "excl_vat", "2018-02-01", "2018-02-28"),
    "R16": ("public_contract", "Pantarein", "6.835 €", "6835.00", "excl_vat", "2017-11-01", "2017-12-31"),
    "R17": ("public_contract", "The Oval Office", "25.884,51 €", "25884.51", "excl_vat", "2017-12-01", "2018-02-28"),
}  # fmt: skip
# Added up by hand: the two subsidy calls, and the thirteen contracts awarded (excl. VAT).
SOURCE_TOTALS = {"subsidy_call": D("315342.98"), "public_contract": D("350371.57")}


def totals_per_kind(rows: list[tuple[str, str]]) -> dict[str, Decimal]:
    """Amounts added up per kind, from (kind, amount) pairs as an export writes them."""
    totals: dict[str, Decimal] = {}
    for kind, amount in rows:
        if amount:
            totals[kind] = totals.get(kind, D(0)) + D(amount)
    return totals


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def ocds(dataset: Dataset) -> dict[str, Any]:
    """The exported package, parsed with exact decimals."""
    data: dict[str, Any] = json.loads(release_package_bytes(dataset), parse_float=Decimal)
    return data


def awards_of(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {award["id"]: award for release in package["releases"] for award in release.get("awards", [])}


def release_of(package: dict[str, Any], row_id: str) -> dict[str, Any]:
    return next(r for r in package["releases"] if r["ocid"].endswith(f"-{row_id}"))


# --- OCDS: the bundled question -----------------------------------------------------------------


def test_ocds_validates_against_the_schemas(sv221: Dataset, studies: Dataset) -> None:
    for dataset in (sv221, studies):
        package = json.loads(release_package_bytes(dataset))
        assert validate_release_package(package) == []
        assert all(validate_release(release) == [] for release in package["releases"])


def test_validation_is_not_lax(sv221: Dataset) -> None:
    package = json.loads(release_package_bytes(sv221))
    package["releases"][0]["tag"] = ["signed"]
    package["releases"][1]["awards"][0]["value"]["valueAddedTaxIncluded"] = "no"  # checked: the extension's field
    package["publishedDate"] = "19 januari 2018"
    errors = validate_release_package(package)
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


def test_one_release_per_procurement_row(sv221: Dataset) -> None:
    releases = ocds(sv221)["releases"]
    assert len(releases) == 15  # the 15 public contracts; R01 and R02 are subsidy calls
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
    assert not any("procurementMethodDetails" in r["tender"] for r in releases)  # the answer names no procedure


def test_rows_of_other_kinds_are_left_out(sv221: Dataset) -> None:
    assert [row.id for row in excluded_rows(sv221)] == ["R01", "R02"]
    ocids = {r["ocid"] for r in ocds(sv221)["releases"]}
    assert not any(ocid.endswith(("-R01", "-R02")) for ocid in ocids)
    result = CliRunner().invoke(main, ["export", "--format", "ocds"])
    assert result.exit_code == 0
    assert "2 rows (R01, R02) left out" in result.stderr and "Subsidy calls" in result.stderr


def test_award_values_are_the_exact_amounts_excl_vat(sv221: Dataset) -> None:
    awards = awards_of(ocds(sv221))
    assert sum((award["value"]["amount"] for award in awards.values()), D(0)) == D("350371.57")
    for award_id, award in awards.items():
        assert award["value"]["amount"] == sv221.row(award_id.removesuffix("-award")).amount
        assert (award["value"]["currency"], award["value"]["valueAddedTaxIncluded"]) == ("EUR", False)
    r15 = awards["R15-award"]
    assert (r15["value"]["amount"], r15["suppliers"][0]["name"]) == (D("9835.6"), "Absoluut")
    assert r15["contractPeriod"] == {"startDate": "2018-02-01T00:00:00Z", "endDate": "2018-02-28T23:59:59Z"}


def test_parties_and_package_fields(sv221: Dataset) -> None:
    package = ocds(sv221)
    assert package["version"] == "1.1"
    assert package["extensions"] == [VAT_EXTENSION]
    assert package["publisher"] == {"name": "sebrief"}
    assert package["publishedDate"] == "2018-01-19T00:00:00Z"  # date_asked: the source gives no answer date
    assert package["uri"].startswith("https://sebrief.invalid/")
    r07 = release_of(package, "R07")
    assert r07["buyer"] == {"id": "vlaamse-overheid", "name": "Vlaamse overheid"}
    assert [(p["id"], p["roles"]) for p in r07["parties"]] == [
        ("vlaamse-overheid", ["buyer", "procuringEntity"]),
        ("kuleuven-hiva", ["supplier"]),
    ]
    assert r07["awards"][0]["suppliers"] == [{"id": "kuleuven-hiva", "name": "KULeuven (HIVA)"}]
    assert (
        r07["tender"]["description"]
        == "Vlaams Parlement, schriftelijke vraag nr. 221 (2017-2018): Antwoord 2, tabel, rij 7"
    )
    assert "mainProcurementCategory" not in r07["tender"]  # the answer does not say goods, works or services


def test_buyer_outside_the_flemish_parliament_is_the_ministers_portfolio(sv221: Dataset) -> None:
    metadata = sv221.metadata.model_copy(update={"parliament": "Kamer van volksvertegenwoordigers"})
    other = sv221.model_copy(update={"main": sv221.main.model_copy(update={"metadata": metadata})})
    buyer = release_package(other)["releases"][0]["buyer"]
    assert buyer["name"] == sv221.metadata.minister.portfolio


# --- OCDS: amounts incl. VAT, procedures, the procurement flag ---------------------------------


def test_studies_amounts_incl_vat_and_procedures(studies: Dataset) -> None:
    package = ocds(studies)
    releases = package["releases"]
    assert len(releases) == 15  # A01-A07 and B01-B08: both kinds are procurement
    awards = awards_of(package)
    assert len(awards) == 14  # A07 is in procedure
    assert all(award["value"]["valueAddedTaxIncluded"] is True for award in awards.values())
    # 1.417.195,00 (A01-A06) + 431.304,50 (B01-B08), incl. VAT as the answer gives them: never converted
    assert sum((award["value"]["amount"] for award in awards.values()), D(0)) == D("1848499.50")
    assert awards["A06-award"]["value"]["amount"] == D("1200000")  # "1,2 miljoen euro"
    assert awards["B04-award"]["value"]["amount"] == D("35695")  # in words in the source
    a07 = release_of(package, "A07")
    assert (a07["tag"], a07["tender"]["status"], a07["tender"]["procurementMethodDetails"]) == (
        ["tender"],
        "active",
        "openbare procedure",
    )
    assert release_of(package, "B02")["tender"]["procurementMethodDetails"] == "aanvaarde factuur"
    assert release_of(package, "B07")["tender"]["title"] == "Evaluatie van het decreet op de proefgemeenten"


def test_procurement_is_the_kinds_flag_never_its_name(sv221: Dataset, studies: Dataset) -> None:
    # The evaluation studies declared not procurement: they leave the package.
    kinds = tuple(
        k.model_copy(update={"procurement": False}) if k.id == "study_evaluation" else k for k in studies.main.kinds
    )
    fewer = studies.model_copy(update={"main": studies.main.model_copy(update={"kinds": kinds})})
    assert [r["ocid"][-3:] for r in release_package(fewer)["releases"]] == [f"A0{n}" for n in range(1, 8)]
    assert [row.id for row in excluded_rows(fewer)] == [f"B0{n}" for n in range(1, 9)]
    # SV 221's subsidy calls declared procurement: they enter it, without a VAT basis the answer does not state.
    kinds = tuple(k.model_copy(update={"procurement": True}) for k in sv221.main.kinds)
    more = sv221.model_copy(update={"main": sv221.main.model_copy(update={"kinds": kinds})})
    package = json.loads(release_package_bytes(more), parse_float=Decimal)
    assert validate_release_package(json.loads(release_package_bytes(more))) == []
    assert len(package["releases"]) == 17
    assert awards_of(package)["R01-award"]["value"] == {"amount": D("275342.98"), "currency": "EUR"}
    # Renamed kinds change nothing: only the flag counts.
    renamed = {"public_contract": "opdracht", "subsidy_call": "steun"}
    kinds = tuple(k.model_copy(update={"id": renamed[k.id]}) for k in sv221.main.kinds)
    rows = tuple(row.model_copy(update={"kind": renamed[row.kind]}) for row in sv221.rows)
    other = sv221.model_copy(update={"main": sv221.main.model_copy(update={"kinds": kinds}), "rows": rows})
    assert [r["ocid"] for r in release_package(other)["releases"]] == [
        r["ocid"] for r in release_package(sv221)["releases"]
    ]


def test_an_answer_without_procurement_rows_has_nothing_for_ocds() -> None:
    with pytest.raises(NothingToExport, match="no row of a public-procurement kind"):
        release_package(load_dataset(TEXT_ONLY))
    result = CliRunner().invoke(main, ["export", str(TEXT_ONLY), "--format", "ocds"])
    assert result.exit_code == 2 and "nothing to export as OCDS" in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_ocds_command_gives_the_awards_of_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "ocds"])
    assert result.exit_code == 0
    package = json.loads(result.stdout_bytes, parse_float=Decimal)
    assert validate_release_package(json.loads(result.stdout_bytes)) == []
    releases = package["releases"]
    procurement = [row for row, (kind, *_) in SOURCE_TABLE.items() if kind == "public_contract"]
    assert [release["ocid"].rsplit("-", 1)[1] for release in releases] == procurement
    awards = awards_of(package)
    awarded = {row: SOURCE_TABLE[row] for row in procurement if SOURCE_TABLE[row][3]}
    assert list(awards) == [f"{row}-award" for row in awarded]
    for row, (_, beneficiary, _, amount, _, start, end) in awarded.items():
        award = awards[f"{row}-award"]
        assert award["value"] == {"amount": D(amount), "currency": "EUR", "valueAddedTaxIncluded": False}, row
        assert [supplier["name"] for supplier in award["suppliers"]] == [beneficiary]
        assert award["contractPeriod"] == {"startDate": f"{start}T00:00:00Z", "endDate": f"{end}T23:59:59Z"}
    assert sum((award["value"]["amount"] for award in awards.values()), D(0)) == SOURCE_TOTALS["public_contract"]
    assert package["publishedDate"] == "2018-01-19T00:00:00Z"  # "datum: 19 januari 2018"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    later = CliRunner().invoke(main, ["export", "--format", "ocds"])
    assert json.loads(later.stdout_bytes)["publishedDate"] == "2023-11-14T22:13:20Z"


def test_release_id_follows_the_content(sv221: Dataset) -> None:
    changed = sv221.row("R03").model_copy(update={"amount": D("29441.00")})
    rows = tuple(changed if row.id == "R03" else row for row in sv221.rows)
    before = {r["ocid"]: r["id"] for r in release_package(sv221)["releases"]}
    after = {r["ocid"]: r["id"] for r in release_package(sv221.model_copy(update={"rows": rows}))["releases"]}
    assert [ocid for ocid in before if before[ocid] != after[ocid]] == [f"{OCID_PREFIX}-sv-221-2017-2018-R03"]


def test_amounts_never_go_through_float_rounding() -> None:
    assert ocds_amount(D("9835.60")) == 9835.6
    assert ocds_amount(D("275342.98")) == 275342.98
    with pytest.raises(ValueError, match="exactly"):
        ocds_amount(D("12345678901234567.89"))


# --- CSV ----------------------------------------------------------------------------------------


def records(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def write_table(path: Path, lines: list[dict[str, str]], drop: tuple[str, ...]) -> None:
    fields = [name for name in lines[0] if name not in drop]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(lines)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_csv_of_the_bundled_rows_reads_back(sv221: Dataset, dataset_copy: Path) -> None:
    data = rows_csv_bytes(sv221)
    text = data.decode("utf-8")
    assert "\r" not in text and text.endswith("\n")
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["table", "id", "kind"]
    assert header[-7:] == ["theme", "pillar", "theme_basis", "pillar_basis", "source_ref", "note_nl", "note_en"]
    lines = records(data)
    assert len(lines) == 17 and {line["table"] for line in lines} == {"T-ROWS"}
    by_id = {line["id"]: line for line in lines}
    assert (by_id["R15"]["amount"], by_id["R16"]["amount"], by_id["R08"]["amount"]) == ("9835.60", "6835.00", "")
    assert (by_id["R03"]["pillar"], by_id["R03"]["theme"], by_id["R01"]["pillar_basis"]) == (
        "2;4",
        "research",
        "inferred",
    )
    assert by_id["R11"]["period_end"] == "2018-03-31" and by_id["R08"]["period_start"] == ""
    # Without the table column, the export is the table's CSV file: loaded back, the same rows.
    write_table(dataset_copy / "rows.csv", lines, ("table",))
    assert load_dataset(dataset_copy).rows == sv221.rows


def test_csv_of_two_tables_reads_back(studies: Dataset, tmp_path: Path) -> None:
    lines = records(rows_csv_bytes(studies))
    assert [line["table"] for line in lines] == ["T-POLICY"] * 7 + ["T-EVALUATION"] * 8
    by_id = {line["id"]: line for line in lines}
    assert (by_id["A06"]["amount"], by_id["A06"]["vat_basis"], by_id["B04"]["amount"]) == (
        "1200000.00",
        "incl_vat",
        "35695.00",
    )
    assert (by_id["A07"]["status"], by_id["A07"]["amount"], by_id["A07"]["procedure"]) == (
        "in_procedure",
        "",
        "openbare procedure",
    )
    assert (by_id["B07"]["year"], by_id["B07"]["description_source"]) == (
        "2023",
        "Evaluatie van het decreet […] op de proefgemeenten",
    )
    folder = tmp_path / STUDIES.name
    shutil.copytree(STUDIES, folder)
    write_table(folder / "policy.csv", [line for line in lines if line["table"] == "T-POLICY"], ("table",))
    write_table(folder / "evaluation.csv", [line for line in lines if line["table"] == "T-EVALUATION"], ("table",))
    assert load_dataset(folder).rows == studies.rows


def test_csv_of_an_answer_without_tables_is_a_header() -> None:
    text = rows_csv_bytes(load_dataset(TEXT_ONLY)).decode("utf-8")
    assert text.count("\n") == 1 and text.startswith("table,id,kind,")


def test_csv_command_gives_the_answers_table() -> None:
    result = CliRunner().invoke(main, ["export", str(BUNDLED), "--format", "csv", "--csv-dialect", "standard"])
    assert (result.exit_code, result.stderr) == (0, "")
    lines = records(result.stdout_bytes)
    columns = ("kind", "beneficiary", "amount_text", "amount", "vat_basis", "period_start", "period_end")
    assert {line["id"]: tuple(line[c] for c in columns) for line in lines} == SOURCE_TABLE
    assert [line["id"] for line in lines] == list(SOURCE_TABLE)  # in the answer's order
    assert totals_per_kind([(line["kind"], line["amount"]) for line in lines]) == SOURCE_TOTALS
    assert [line["id"] for line in lines if line["status"] == "in_procedure"] == ["R08", "R09"]


# --- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [BUNDLED, STUDIES, TEXT_ONLY, MATRIX], ids=lambda p: p.name)
def test_json_round_trips(folder: Path) -> None:
    dataset = load_dataset(folder)
    data = dataset_json_bytes(dataset)
    assert data == dataset_json_bytes(dataset)
    text = data.decode("utf-8")
    assert text.endswith("}\n") and "\\u" not in text  # UTF-8, not escapes
    parsed = json.loads(text)
    rows = parsed.pop("rows")
    assert parsed.pop("source_text_sha256") == hashlib.sha256(dataset.source_text.encode("utf-8")).hexdigest()
    assert parsed["schema_version"] == 2
    assert DatasetFile.model_validate(parsed) == dataset.main
    assert tuple(Row.model_validate(row) for row in rows) == dataset.rows


def test_json_amounts_and_dates(sv221: Dataset, studies: Dataset) -> None:
    parsed = json.loads(dataset_json_bytes(sv221))
    amounts = {row["id"]: row["amount"] for row in parsed["rows"]}
    assert (amounts["R01"], amounts["R15"], amounts["R16"], amounts["R08"]) == ("275342.98", "9835.60", "6835.00", None)
    assert parsed["metadata"]["date_asked"] == "2018-01-19" and parsed["metadata"]["date_answered"] is None
    r01 = parsed["rows"][0]
    assert r01["period"] == {"start": "2017-12-01", "end": "2018-06-30", "precision": "day"}
    assert (r01["table"], r01["groupings"], r01["grouping_basis"]) == (
        "T-ROWS",
        {"theme": ["innovation"], "pillar": ["4"]},
        {"pillar": "inferred"},
    )
    figures = json.loads(dataset_json_bytes(studies))["answer"]["blocks"][0]["figures"]
    assert [(f["id"], f["value"], f["vat_basis"]) for f in figures][3:] == [
        ("F-AMOUNT-2021", "185130.00", "incl_vat"),
        ("F-AMOUNT-2022", "289129.50", "incl_vat"),
        ("F-AMOUNT-2023", "1374240.00", "incl_vat"),
    ]
    fte = json.loads(dataset_json_bytes(load_dataset(TEXT_ONLY)))["answer"]["blocks"][1]["figures"][0]
    assert (fte["value"], fte["unit"]) == ("14.50", "fte")


def test_json_keeps_the_decimals_of_a_figure(tmp_path: Path) -> None:
    # A figure may have up to four decimals (a share, an FTE count): none is lost, amounts keep two.
    folder = tmp_path / TEXT_ONLY.name
    shutil.copytree(TEXT_ONLY, folder)
    path = folder / "dataset.yaml"
    text = path.read_text(encoding="utf-8").replace("2019 14,5 VTE aan", "2019 14,5025 VTE aan")
    path.write_text(text.replace("text: 14,5 VTE\n      value: '14.5'", "text: 14,5025 VTE\n      value: '14.5025'"),
                    encoding="utf-8")  # fmt: skip
    source = folder / "source.txt"  # the value is checked against its text, the text against the source
    source.write_text(source.read_text(encoding="utf-8").replace("2019 14,5 VTE", "2019 14,5025 VTE"), encoding="utf-8")
    dataset = load_dataset(folder)
    parsed = json.loads(dataset_json_bytes(dataset))
    assert parsed["answer"]["blocks"][1]["figures"][0]["value"] == "14.5025"
    rows = parsed.pop("rows")
    parsed.pop("source_text_sha256")
    assert (DatasetFile.model_validate(parsed), rows) == (dataset.main, [])


def test_json_command_gives_the_answers_table() -> None:
    result = CliRunner().invoke(main, ["export", "--format", "json"])
    assert result.exit_code == 0
    parsed = json.loads(result.stdout_bytes)
    assert parsed["metadata"]["number"] == 221 and parsed["metadata"]["date_asked"] == "2018-01-19"
    rows = parsed["rows"]
    assert {
        row["id"]: (
            row["kind"], row["beneficiary"] or "", row["amount_text"], row["amount"] or "", row["vat_basis"],
            (row["period"] or {}).get("start", ""), (row["period"] or {}).get("end", ""),
        )
        for row in rows
    } == SOURCE_TABLE  # fmt: skip
    assert [row["id"] for row in rows] == list(SOURCE_TABLE)
    assert totals_per_kind([(row["kind"], row["amount"]) for row in rows]) == SOURCE_TOTALS
    # The hash names the source text as the quotes are checked against it: without the blank lines
    # around it (source.txt starts with an empty line and ends with blank ones).
    text = (BUNDLED / "source.txt").read_text(encoding="utf-8").strip()
    assert parsed["source_text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the command --------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["csv", "json", "ocds"])
def test_output_file_is_what_standard_output_gets(tmp_path: Path, form: str) -> None:
    target = tmp_path / "out" / f"sv.{form}"
    result = CliRunner().invoke(main, ["export", "--format", form, "-o", str(target)])
    assert result.exit_code == 0 and "wrote" in result.stdout
    assert target.read_bytes() == CliRunner().invoke(main, ["export", "--format", form]).stdout_bytes
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


EXPORTS = """
import sys
from pathlib import Path
from sebrief.dataset.load import load_dataset
from sebrief.export import export_bytes
from sebrief.export.ocds import NothingToExport
out = Path(sys.argv[1])
out.mkdir(parents=True)
for folder in map(Path, sys.argv[2:]):
    dataset = load_dataset(folder)
    for form in ("csv", "json", "ocds"):
        try:
            (out / f"{folder.name}.{form}").write_bytes(export_bytes(dataset, form))
        except NothingToExport:  # no row of a procurement kind
            pass
"""


def test_exports_are_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Every format of every dataset, in processes with different hash seeds (a set or a dict keyed by text
    may iterate in another order): the same bytes. Three seeds (0: no randomisation), as two random seeds
    put two texts in the same order half of the time."""
    runs = []
    for seed in ("0", "1", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        out = tmp_path / seed
        subprocess.run([sys.executable, "-c", EXPORTS, str(out), str(BUNDLED), str(STUDIES), str(TEXT_ONLY),
                        str(MATRIX)], env=env, check=True, capture_output=True, timeout=120)  # fmt: skip
        runs.append({path.name: path.read_bytes() for path in sorted(out.iterdir())})
    assert len(runs[0]) == 4 * 3 - 2  # the text-only and matrix answers have nothing for OCDS
    for run in runs[1:]:
        assert run.keys() == runs[0].keys()
        assert [name for name in run if run[name] != runs[0][name]] == []


def test_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["export", "--format", "xml"])
    assert result.exit_code == 2 and "'xml' is not one of" in result.stderr


def test_invalid_dataset_is_exit_3(tmp_path: Path) -> None:
    folder = tmp_path / STUDIES.name
    shutil.copytree(STUDIES, folder)
    (folder / "policy.csv").write_text("id,kind\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(folder), "--format", "csv"])  # its problems in Dutch by default
    assert result.exit_code == 3 and "policy.csv, regel 1: kolomnamen: " in result.stderr
    assert "Traceback" not in result.output
    english = CliRunner().invoke(main, ["export", str(folder), "--format", "csv", "--lang", "en"])
    assert english.exit_code == 3 and "policy.csv, line 1: header: " in english.stderr


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


def test_json_lists_one_row_a_line(studies: Dataset) -> None:
    # A table of 100,000 rows stays readable and diffable: each row is one line of the document.
    lines = dataset_json_bytes(studies).decode("utf-8").splitlines()
    row_lines = [line for line in lines if line.startswith('    {"id": ')]
    assert len(row_lines) == len(studies.rows) > 1
    assert [json.loads(line.rstrip(","))["id"] for line in row_lines] == [row.id for row in studies.rows]
    assert lines[1] == '  "schema_version": 2,' and lines[-2].startswith('  "source_text_sha256": ')
