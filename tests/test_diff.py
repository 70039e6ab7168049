"""sebrief diff: the exact changes between the bundled dataset and a changed copy of it.

The "new version" is built in the test from a copy of the bundled dataset and exists only here:
R08 awarded, R05's amount changed, R17 removed, sub-action A3.1 reclassified, an answer date
set. The values are taken from elsewhere in the source so that the copy still validates; they
are not facts about those contracts.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.diff import (
    Award,
    Change,
    ChangeKind,
    Section,
    diff_datasets,
    figure_changes,
    key_figures,
)
from sebrief.load import load_dataset
from sebrief.model import Dataset, Localized, RowKind

D = Decimal

EXPECTED_LINES = [
    "sv-221-2017-2018 -> sv-221-2017-2018: 8 changes",
    "metadata date_answered: (empty) -> 2018-02-20",
    "row R05 amount: 29440.00 -> 29800.00",
    'row R08 awarded (was in procedure): 29800.00 EUR excl. VAT to "KULeuven (HIVA)", 2018-01-01 to 2018-06-30 (day)',
    'row R17 removed: public_contract "Praktijkgids aankopen met sociale impact – lay-outen en uitgeprinte gidsen", '
    '25884.51 EUR, "The Oval Office", 2017-12-01 to 2018-02-28 (month)',
    "sub-action A3.1 modes: not_addressed -> administration",
    "sub-action A3.1 basis: not_addressed -> inferred",
    "sub-action A3.1 evidence: (none) -> P-EVENTS",
    "sub-action A4.2 rows: R16, R17 -> R16",
    "key figures:",
    "  public contracts: 15 -> 14 (-1)",
    "  total of public contracts: 350371.57 -> 354647.06 (+4275.49)",
    "  rows in procedure: 2 -> 1 (-1)",
]


def edit_rows(folder: Path, updates: dict[str, dict[str, str]], remove: tuple[str, ...] = ()) -> None:
    path = folder / "rows.csv"
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    fields = list(reader.fieldnames or ())
    rows = [{**row, **updates.get(row["id"], {})} for row in reader if row["id"] not in remove]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def edit_yaml(folder: Path, old: str, new: str) -> None:
    path = folder / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def new_version(dataset_copy: Path) -> Path:
    # Amount, period and beneficiary texts below are verbatim elsewhere in the source (rows R03-R07).
    award = {
        "period_start": "2018-01-01",
        "period_end": "2018-06-30",
        "period_precision": "day",
        "period_text": "1 januari 2018 – 30 juni 2018",
        "status": "awarded",
        "beneficiary": "KULeuven (HIVA)",
        "amount": "29800.00",
        "amount_text": "29.800 euro",
        "vat_basis": "excl_vat",
        "vat_text": "(excl. BTW)",
    }
    edit_rows(dataset_copy, {"R08": award, "R05": {"amount": "29800.00", "amount_text": "29.800 euro"}}, ("R17",))
    edit_yaml(dataset_copy, "rows: [R16, R17]", "rows: [R16]")
    edit_yaml(
        dataset_copy,
        "text: laagdrempelige informatiesessies voor starters\n"
        "        modes: [not_addressed]\n        basis: not_addressed\n        evidence: []",
        "text: laagdrempelige informatiesessies voor starters\n"
        "        modes: [administration]\n        basis: inferred\n        evidence: [P-EVENTS]",
    )
    edit_yaml(dataset_copy, "date_answered: null", "date_answered: 2018-02-20")
    return dataset_copy


def test_changes_found_exactly(dataset: Dataset, new_version: Path) -> None:
    result = diff_datasets(dataset, load_dataset(new_version))
    assert result.text_lines() == EXPECTED_LINES
    kinds = [(c.section, c.subject, c.kind, c.field) for c in result.changes]
    assert kinds == [
        (Section.METADATA, "", ChangeKind.CHANGED, "date_answered"),
        (Section.ROW, "R05", ChangeKind.CHANGED, "amount"),  # its amount_text is not listed again
        (Section.ROW, "R08", ChangeKind.AWARDED, ""),  # status, amount, period... are in the award
        (Section.ROW, "R17", ChangeKind.REMOVED, ""),
        (Section.SUB_ACTION, "A3.1", ChangeKind.CHANGED, "modes"),
        (Section.SUB_ACTION, "A3.1", ChangeKind.CHANGED, "basis"),
        (Section.SUB_ACTION, "A3.1", ChangeKind.CHANGED, "evidence"),
        (Section.SUB_ACTION, "A4.2", ChangeKind.CHANGED, "rows"),
    ]
    award = result.changes[2].new
    assert isinstance(award, Award)
    assert (award.amount, award.beneficiary, award.period.start.isoformat()) == (
        D("29800.00"),
        "KULeuven (HIVA)",
        "2018-01-01",
    )


def test_json_output(dataset: Dataset, new_version: Path) -> None:
    data = diff_datasets(dataset, load_dataset(new_version)).to_json_dict()
    assert json.loads(json.dumps(data)) == data  # plain JSON data
    assert data["has_changes"] is True
    changes = {(c["subject"], c["field"]): c for c in data["changes"]}
    assert changes[("", "date_answered")] | {"text": ""} == {
        "section": "metadata",
        "subject": "",
        "kind": "changed",
        "field": "date_answered",
        "old": None,
        "new": "2018-02-20",
        "text": "",
    }
    assert (changes[("R05", "amount")]["old"], changes[("R05", "amount")]["new"]) == ("29440.00", "29800.00")
    assert changes[("R08", "")]["new"] == {
        "amount": "29800.00",
        "beneficiary": "KULeuven (HIVA)",
        "beneficiary_count": None,
        "period": {"start": "2018-01-01", "end": "2018-06-30", "precision": "day"},
        "vat_basis": "excl_vat",
    }
    removed = changes[("R17", "")]
    assert (removed["kind"], removed["new"], removed["old"]["amount"]) == ("removed", None, "25884.51")
    assert (changes[("A3.1", "modes")]["old"], changes[("A3.1", "modes")]["new"]) == (
        ["not_addressed"],
        ["administration"],
    )
    assert [c["text"] for c in data["changes"]] == EXPECTED_LINES[1:9]
    figures = {f["name"]: f for f in data["key_figures"]}
    assert figures["total.public_contract"] | {"label": ""} == {
        "name": "total.public_contract",
        "label": "",
        "old": "350371.57",
        "new": "354647.06",
        "delta": "4275.49",
        "changed": True,
    }
    assert (figures["rows_in_procedure"]["old"], figures["rows_in_procedure"]["new"]) == (2, 1)
    assert figures["total.subsidy_call"]["changed"] is False


def test_cli_text_and_json(dataset_copy: Path, new_version: Path) -> None:
    runner = CliRunner()
    bundled = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"
    text = runner.invoke(main, ["diff", str(bundled), str(new_version / "dataset.yaml")])
    assert (text.exit_code, text.stdout.splitlines()) == (0, EXPECTED_LINES)
    as_json = runner.invoke(main, ["diff", "--json", str(bundled), str(new_version)])
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == diff_datasets(load_dataset(bundled), load_dataset(new_version)).to_json_dict()


def test_no_differences_exit_zero() -> None:
    bundled = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(bundled), str(bundled)])
    assert (result.exit_code, result.stdout) == (0, "sv-221-2017-2018 -> sv-221-2017-2018: no differences\n")
    as_json = json.loads(runner.invoke(main, ["diff", "--json", str(bundled), str(bundled)]).stdout)
    assert (as_json["has_changes"], as_json["changes"]) == (False, [])


def test_invalid_version_names_its_folder(dataset_copy: Path) -> None:
    edit_rows(dataset_copy, {}, ("R17",))  # A4.2 still links R17
    bundled = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"
    result = CliRunner().invoke(main, ["diff", str(bundled), str(dataset_copy)])
    assert result.exit_code == 3
    assert f"{dataset_copy / 'dataset.yaml'}, line " in result.stderr
    assert "row R17 is not an id in rows.csv" in result.stderr


def test_rows_added_and_other_sections(dataset: Dataset) -> None:
    extra = dataset.row("R16").model_copy(update={"id": "R18"})
    note = Localized(nl="Een nieuwe notitie.", en="A new note.")
    main_file = dataset.main.model_copy(update={"curation_notes": (*dataset.main.curation_notes, note)})
    new = dataset.model_copy(
        update={"rows": (*dataset.rows, extra), "main": main_file, "source_text": dataset.source_text + "\n"}
    )
    result = diff_datasets(dataset, new)
    assert [(c.section, c.subject, c.kind) for c in result.changes] == [
        (Section.ROW, "R18", ChangeKind.ADDED),
        (Section.CURATION_NOTE, str(len(main_file.curation_notes)), ChangeKind.ADDED),
        (Section.SOURCE, "source.txt", ChangeKind.CHANGED),
    ]
    assert result.changes[0].text.startswith('row R18 added: public_contract "Praktijkgids aankopen met sociale impact')
    assert result.changes[0].text.endswith('6835.00 EUR, "Pantarein", 2017-11-01 to 2017-12-31 (month)')
    number = len(main_file.curation_notes)
    assert (
        result.changes[1].text == f'curation note {number} added: {{"nl": "Een nieuwe notitie.", "en": "A new note."}}'
    )
    assert result.changes[2].field == "sha256"


def test_key_figures_of_the_bundled_dataset(dataset: Dataset) -> None:
    figures = key_figures(dataset)
    assert figures.total(RowKind.PUBLIC_CONTRACT) == D("350371.57")
    assert figures.total(RowKind.SUBSIDY_CALL) == D("315342.98")
    assert (figures.rows(RowKind.PUBLIC_CONTRACT), figures.rows(RowKind.SUBSIDY_CALL)) == (15, 2)
    assert figures.rows_in_procedure == 2
    assert not any(change.changed for change in figure_changes(figures, figures))


def test_diff_objects_are_frozen(dataset: Dataset) -> None:
    result = diff_datasets(dataset, dataset)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.changes = ()  # type: ignore[misc]
    change = Change(Section.ROW, "R01", ChangeKind.CHANGED, "amount", D("1"), D("2.5"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.field = "x"  # type: ignore[misc]
    assert change.text == "row R01 amount: 1.00 -> 2.50"


def test_help_documents_exit_code_and_example() -> None:
    result = CliRunner().invoke(main, ["diff", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout and "exit code is 0" in result.stdout
