"""sebrief diff: the exact changes between two versions of a dataset (format version 2).

Every "new version" here is built in the test, from a copy of the bundled SV 221 or of a fictional
dataset in tests/fixtures/datasets. Values put into the copies stand verbatim elsewhere in the same
source (so the copies still validate), or are made up for the test where said ("Leverancier"); they
are not facts about those rows.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset, Localized, Row
from sebrief.engine.changes import diff_json, diff_lines
from sebrief.engine.diff import Change, ChangeKind, RowAward, Section, diff_datasets, source_text_sha256
from sebrief.i18n import Translator

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
FIXTURES = ROOT / "tests" / "fixtures" / "datasets"
STUDIES = FIXTURES / "fictional-studies-2021-2023"
TEXT_ONLY = FIXTURES / "fictional-text-only-2019-2020"
MATRIX = FIXTURES / "fictional-matrix-2022-2023"
NL, EN = Translator("nl"), Translator("en")
E = "€\u00a0"  # Belgian Dutch money: the euro sign, a no-break space, the amount


def edit_rows(
    folder: Path, updates: dict[str, dict[str, str]], remove: tuple[str, ...] = (), file: str = "rows.csv"
) -> None:
    path = folder / file
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    fields = list(reader.fieldnames or ())
    rows = [{**row, **updates.get(row["id"], {})} for row in reader if row["id"] not in remove]
    write_rows(path, fields, rows)


def write_rows(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
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


def copy_of(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def with_row(dataset: Dataset, row_id: str, **values: Any) -> Dataset:
    """The dataset with one row changed, validated as the loader would."""
    changed = Row.model_validate({**dataset.row(row_id).model_dump(), **values})
    return dataset.model_copy(update={"rows": tuple(changed if r.id == row_id else r for r in dataset.rows)})


# --- the bundled question: R08 awarded ----------------------------------------------------------

# R08 ("Begeleidingsopdracht starters ...") is in procedure in the answer; the award below is made
# up for the test: 12.500,00 euro excl. VAT to "Leverancier", March to December 2018.
R08_AWARD = {
    "status": "awarded",
    "amount": "12500.00",
    "amount_text": "12.500,00 euro",
    "vat_basis": "excl_vat",
    "vat_text": "(excl. BTW)",
    "beneficiary": "Leverancier",
    "period": {"start": "2018-03-01", "end": "2018-12-31", "precision": "day"},
    "period_text": "1 maart 2018 – 31 december 2018",
}


def test_an_award_is_one_change_and_moves_the_public_contract_total(sv221: Dataset) -> None:
    result = diff_datasets(sv221, with_row(sv221, "R08", **R08_AWARD))
    assert [(c.section, c.subject, c.kind) for c in result.changes] == [(Section.ROW, "R08", ChangeKind.AWARDED)]
    award = result.changes[0].new
    assert isinstance(award, RowAward)
    assert (award.amount, award.beneficiary, award.vat_basis.value) == (D("12500.00"), "Leverancier", "excl_vat")
    total = result.figure("total.public_contract.excl_vat")
    assert (total.old, total.new, total.delta) == (D("350371.57"), D("362871.57"), D("12500.00"))
    subsidies = result.figure("total.subsidy_call.not_stated")  # 275.342,98 + 40.000: no VAT stated, kept apart
    assert (subsidies.old, subsidies.changed) == (D("315342.98"), False)
    assert (result.figure("rows_in_procedure").old, result.figure("rows_in_procedure").new) == (2, 1)
    assert diff_lines(result, NL) == [
        "sv-221-2017-2018 -> sv-221-2017-2018: 1 wijziging",
        f"Tabelrij R08 toegewezen: {E}12.500,00 (excl. btw) aan Leverancier, 1 maart 2018 – 31 december 2018.",
        "Kerncijfers die bewogen:",
        f"  Overheidsopdrachten (excl. btw): {E}350.371,57 -> {E}362.871,57 (+{E}12.500,00)",
        "  Rijen in procedure: 2 -> 1 (-1)",
    ]
    assert diff_lines(result, EN)[0:4] == [
        "sv-221-2017-2018 -> sv-221-2017-2018: 1 change",
        "Table row R08 awarded: €12,500.00 (excl. VAT) to Leverancier, 1 March 2018 – 31 December 2018.",
        "Key figures that moved:",
        "  Public contracts (excl. VAT): €350,371.57 -> €362,871.57 (+€12,500.00)",
    ]


def test_key_figures_never_add_up_vat_bases(sv221: Dataset) -> None:
    # R02 (40.000 euro, no VAT stated) said to be excl. VAT: it leaves the subsidy calls' total
    # without VAT statement and starts one excl. VAT; the two are never one figure.
    result = diff_datasets(sv221, with_row(sv221, "R02", vat_basis="excl_vat", vat_text="(excl. BTW)"))
    figures = {f.name: (f.old, f.new) for f in result.figures}
    assert figures["total.subsidy_call.not_stated"] == (D("315342.98"), D("275342.98"))
    assert figures["total.subsidy_call.excl_vat"] == (D("0.00"), D("40000.00"))
    assert figures["total.public_contract.excl_vat"] == (D("350371.57"), D("350371.57"))
    assert [line for line in diff_lines(result, NL) if "Tabelrij" in line] == [
        "Tabelrij R02: basis van het bedrag (btw) gewijzigd van btw niet vermeld naar excl. btw."
    ]


# --- the bundled question: a version with changes in several places ---------------------------


@pytest.fixture
def new_version(dataset_copy: Path) -> Path:
    # Amount, period and beneficiary texts are verbatim elsewhere in the source (row R07).
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
    updates = {
        "R08": award,
        "R05": {"amount": "29800.00", "amount_text": "29.800 euro"},
        "R03": {"theme": "communication"},
    }
    edit_rows(dataset_copy, updates, ("R17",))
    edit_yaml(dataset_copy, "      rows:\n      - R16\n      - R17\n", "      rows:\n      - R16\n")
    edit_yaml(
        dataset_copy,
        "text: laagdrempelige informatiesessies voor starters\n      categories:\n      - not_addressed\n"
        "      basis: not_addressed\n      evidence: []",
        "text: laagdrempelige informatiesessies voor starters\n      categories:\n      - administration\n"
        "      basis: inferred\n      evidence:\n      - P-EVENTS",
    )
    edit_yaml(dataset_copy, "date_answered: null", "date_answered: 2018-02-20")
    return dataset_copy


EXPECTED_LINES = [
    "sv-221-2017-2018 -> sv-221-2017-2018: 9 wijzigingen",
    "Metadata: datum van het antwoord gewijzigd van – naar 20 februari 2018.",
    "Onderdeel A3.1 (Hoe elke taak georganiseerd wordt): categorieën gewijzigd van Niet behandeld in het antwoord "
    "naar Door de administratie zelf.",
    "Onderdeel A3.1 (Hoe elke taak georganiseerd wordt): grondslag gewijzigd van Niet behandeld naar Afgeleid uit "
    "het antwoord.",
    "Onderdeel A3.1 (Hoe elke taak georganiseerd wordt): bewijsplaatsen gewijzigd van – naar P-EVENTS.",
    "Onderdeel A4.2 (Hoe elke taak georganiseerd wordt): gekoppelde rijen gewijzigd van R16, R17 naar R16.",
    "Tabelrij R03: Thema gewijzigd van Onderzoek naar Communicatie.",
    f"Tabelrij R05: bedrag gewijzigd van {E}29.440,00 naar {E}29.800,00.",
    f"Tabelrij R08 toegewezen: {E}29.800,00 (excl. btw) aan KULeuven (HIVA), 1 januari 2018 – 30 juni 2018.",
    "Tabelrij R17 verwijderd: Overheidsopdracht 'Praktijkgids aankopen met sociale impact – lay-outen en uitgeprinte "
    f"gidsen', {E}25.884,51 (excl. btw), The Oval Office, december 2017 – februari 2018.",
    "Kerncijfers die bewogen:",
    "  Overheidsopdrachten (rijen): 15 -> 14 (-1)",
    f"  Overheidsopdrachten (excl. btw): {E}350.371,57 -> {E}354.647,06 (+{E}4.275,49)",
    "  Rijen in procedure: 2 -> 1 (-1)",
]


def test_changes_found_exactly(sv221: Dataset, new_version: Path) -> None:
    result = diff_datasets(sv221, load_dataset(new_version))
    assert [(c.section, c.subject, c.kind, c.field) for c in result.changes] == [
        (Section.METADATA, "", ChangeKind.CHANGED, "date_answered"),
        (Section.ITEM, "A3.1", ChangeKind.CHANGED, "categories"),
        (Section.ITEM, "A3.1", ChangeKind.CHANGED, "basis"),
        (Section.ITEM, "A3.1", ChangeKind.CHANGED, "evidence"),
        (Section.ITEM, "A4.2", ChangeKind.CHANGED, "rows"),
        (Section.ROW, "R03", ChangeKind.CHANGED, "groupings.theme"),
        (Section.ROW, "R05", ChangeKind.CHANGED, "amount"),  # its amount_text is not listed again
        (Section.ROW, "R08", ChangeKind.AWARDED, ""),  # status, amount, period... are in the award
        (Section.ROW, "R17", ChangeKind.REMOVED, ""),
    ]
    assert diff_lines(result, NL) == EXPECTED_LINES
    award = result.changes[7].new
    assert isinstance(award, RowAward) and award.period is not None
    assert (award.amount, award.beneficiary, award.period.start.isoformat()) == (
        D("29800.00"),
        "KULeuven (HIVA)",
        "2018-01-01",
    )


def test_json_output(sv221: Dataset, new_version: Path) -> None:
    data = diff_json(diff_datasets(sv221, load_dataset(new_version)), NL)
    assert json.loads(json.dumps(data)) == data  # plain JSON data
    assert (data["has_changes"], data["lang"]) == (True, "nl")
    changes = {(c["subject"], c["field"]): c for c in data["changes"]}
    assert changes[("", "date_answered")] == {
        "section": "metadata",
        "subject": "",
        "within": "",
        "kind": "changed",
        "field": "date_answered",
        "old": None,
        "new": "2018-02-20",
        "text": EXPECTED_LINES[1],
    }
    assert (changes[("R05", "amount")]["old"], changes[("R05", "amount")]["new"]) == ("29440.00", "29800.00")
    assert changes[("R08", "")]["new"] == {
        "amount": "29800.00",
        "vat_basis": "excl_vat",
        "beneficiary": "KULeuven (HIVA)",
        "beneficiary_count": None,
        "period": {"start": "2018-01-01", "end": "2018-06-30", "precision": "day"},
    }
    removed = changes[("R17", "")]
    assert (removed["kind"], removed["new"], removed["old"]["amount"], removed["old"]["table"]) == (
        "removed",
        None,
        "25884.51",
        "T-ROWS",
    )
    theme = changes[("R03", "groupings.theme")]
    assert (theme["old"], theme["new"]) == (["research"], ["communication"])
    item = changes[("A3.1", "categories")]
    assert (item["section"], item["within"], item["old"], item["new"]) == (
        "item",
        "C-TASKS",
        ["not_addressed"],
        ["administration"],
    )
    assert [c["text"] for c in data["changes"]] == EXPECTED_LINES[1:10]
    figures = {f["name"]: f for f in data["key_figures"]}
    assert figures["total.public_contract.excl_vat"] == {
        "name": "total.public_contract.excl_vat",
        "kind": "public_contract",
        "vat_basis": "excl_vat",
        "label": "Overheidsopdrachten (excl. btw)",
        "old": "350371.57",
        "new": "354647.06",
        "delta": "4275.49",
        "changed": True,
    }
    assert (figures["rows_in_procedure"]["old"], figures["rows_in_procedure"]["new"]) == (2, 1)
    assert figures["total.subsidy_call.not_stated"]["changed"] is False
    assert list(figures) == [
        "rows.subsidy_call",
        "total.subsidy_call.not_stated",
        "rows.public_contract",
        "total.public_contract.excl_vat",
        "rows_in_procedure",
    ]


def test_cli_text_and_json(sv221: Dataset, new_version: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["diff", str(BUNDLED), str(new_version / "dataset.yaml")])
    assert (text.exit_code, text.stdout.splitlines()) == (0, EXPECTED_LINES)
    english = runner.invoke(main, ["diff", "--lang", "en", str(BUNDLED), str(new_version)])
    assert english.stdout.splitlines()[-3] == "  Public contracts (rows): 15 -> 14 (-1)"
    as_json = runner.invoke(main, ["diff", "--json", str(BUNDLED), str(new_version)])
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == diff_json(diff_datasets(sv221, load_dataset(new_version)), NL)


def test_no_differences_exit_zero() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(BUNDLED), str(BUNDLED)])
    assert (result.exit_code, result.stdout) == (0, "sv-221-2017-2018 -> sv-221-2017-2018: geen verschillen\n")
    as_json = json.loads(runner.invoke(main, ["diff", "--json", str(BUNDLED), str(BUNDLED)]).stdout)
    assert (as_json["has_changes"], as_json["changes"]) == (False, [])
    assert all(not figure["changed"] for figure in as_json["key_figures"])


def test_invalid_version_names_its_folder(dataset_copy: Path) -> None:
    edit_rows(dataset_copy, {}, ("R17",))  # item A4.2 still links R17
    result = CliRunner().invoke(main, ["diff", str(BUNDLED), str(dataset_copy), "--lang", "en"])
    assert result.exit_code == 3
    assert f"{dataset_copy / 'dataset.yaml'}, line " in result.stderr
    assert "row R17 is not a row id of any table" in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_folder_is_exit_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "nowhere"), str(BUNDLED)])  # in Dutch, the default
    assert result.exit_code == 3 and "nowhere: bestand of map bestaat niet; controleer het pad" in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_version_1_is_refused_with_the_command_that_converts_it(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    (old / "dataset.yaml").write_text("schema_version: 1\nid: sv-1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(BUNDLED), "--lang", "en"])
    assert result.exit_code == 3
    assert "format version 1" in result.stderr and "sebrief migrate" in result.stderr


# --- the fictional studies: two tables, amounts incl. VAT, a procedure column -------------------


@pytest.fixture
def studies_version(tmp_path: Path) -> Path:
    folder = copy_of(STUDIES, tmp_path)
    # Values taken from elsewhere in the same (fictional) source.
    edit_rows(folder, {"A02": {"procedure": "openbare procedure"}, "A03": {"year": "2023"}}, file="policy.csv")
    edit_rows(
        folder,
        {
            "B05": {"amount": "36058.00", "amount_text": "36.058,00 €"},
            "B02": {"vat_basis": "not_stated", "vat_text": ""},
        },
        file="evaluation.csv",
    )
    # B08 moves to table A as a policy preparation study.
    evaluation = list(csv.DictReader(io.StringIO((folder / "evaluation.csv").read_text(encoding="utf-8"))))
    b08 = next(row for row in evaluation if row["id"] == "B08")
    edit_rows(folder, {}, ("B08",), file="evaluation.csv")
    policy = list(csv.DictReader(io.StringIO((folder / "policy.csv").read_text(encoding="utf-8"))))
    write_rows(folder / "policy.csv", list(policy[0]), [*policy, {**b08, "kind": "study_policy"}])
    edit_yaml(
        folder, "text: 289.129,50 euro\n      value: '289129.50'", "text: 185.130,00 euro\n      value: '185130.00'"
    )
    edit_yaml(folder, "evidence: [P-PUBLICATION]", "evidence: [P-PUBLICATION, P-INVOICE]")
    edit_yaml(
        folder,
        "    - part: '3'\n      status: not_answered\n      basis: stated",
        "    - part: '3'\n      status: partly\n      basis: stated",
    )
    edit_yaml(
        folder, "answered_by: []  # the answer says nothing about it: not addressed", "answered_by: [X-PUBLICATION]"
    )
    return folder


def test_an_amount_incl_vat_moves_its_kinds_incl_vat_total(studies: Dataset) -> None:
    # B05: 36.239,50 euro incl. VAT in the answer; the copy gives 36.058,00 (A04's amount).
    result = diff_datasets(studies, with_row(studies, "B05", amount="36058.00", amount_text="36.058,00 €"))
    assert [(c.subject, c.field, c.old, c.new) for c in result.changes] == [
        ("B05", "amount", D("36239.50"), D("36058.00"))
    ]
    moved = [(f.name, f.old, f.new, f.delta) for f in result.figures if f.changed]
    # Evaluation studies incl. VAT: 60.500 + 18.150 + 9.680 + 35.695 + 36.239,50 + 96.800 + 145.200 + 29.040.
    assert moved == [("total.study_evaluation.incl_vat", D("431304.50"), D("431123.00"), D("-181.50"))]
    assert diff_lines(result, NL)[1:] == [
        f"Tabelrij B05: bedrag gewijzigd van {E}36.239,50 naar {E}36.058,00.",
        "Kerncijfers die bewogen:",
        f"  Evaluatiestudies (incl. btw): {E}431.304,50 -> {E}431.123,00 (-{E}181,50)",
    ]


STUDIES_LINES = [
    "fictional-studies-2021-2023 -> fictional-studies-2021-2023: 10 wijzigingen",
    "Vraag 4: beantwoord door gewijzigd van – naar 'Publicatie van de studies'.",
    f"Cijfer F-AMOUNT-2022 (Aantal studies en totaal bedrag per jaar): waarde gewijzigd van {E}289.129,50 naar "
    f"{E}185.130,00.",
    "Antwoordblok X-PUBLICATION (Publicatie van de studies): bewijsplaatsen gewijzigd van P-PUBLICATION naar "
    "P-PUBLICATION, P-INVOICE.",
    "Antwoordblok X-PUBLICATION (Publicatie van de studies): antwoord op deel 3 gewijzigd van Niet uitdrukkelijk "
    "beantwoord (Vermeld in het antwoord) naar Gedeeltelijk beantwoord (Vermeld in het antwoord).",
    "Tabelrij A02: procedure gewijzigd van 'aanvaarde factuur' naar 'openbare procedure'.",
    "Tabelrij A03: Jaar gewijzigd van 2022 naar 2023.",
    "Tabelrij B08: tabel gewijzigd van 'B. Evaluatiestudies' naar 'A. Beleidsvoorbereidende studies'.",
    "Tabelrij B08: soort gewijzigd van Evaluatiestudie naar Beleidsvoorbereidende studie.",
    "Tabelrij B02: basis van het bedrag (btw) gewijzigd van incl. btw naar btw niet vermeld.",
    f"Tabelrij B05: bedrag gewijzigd van {E}36.239,50 naar {E}36.058,00.",
    "Kerncijfers die bewogen:",
    "  Beleidsvoorbereidende studies (rijen): 7 -> 8 (+1)",
    f"  Beleidsvoorbereidende studies (incl. btw): {E}1.417.195,00 -> {E}1.446.235,00 (+{E}29.040,00)",
    "  Evaluatiestudies (rijen): 8 -> 7 (-1)",
    # 431.304,50 - 181,50 (B05) - 18.150,00 (B02, now without VAT statement) - 29.040,00 (B08, moved)
    f"  Evaluatiestudies (incl. btw): {E}431.304,50 -> {E}383.933,00 (-{E}47.371,50)",
    f"  Evaluatiestudies (btw niet vermeld): {E}0,00 -> {E}18.150,00 (+{E}18.150,00)",
]


def test_studies_changes(studies: Dataset, studies_version: Path) -> None:
    result = diff_datasets(studies, load_dataset(studies_version))
    assert diff_lines(result, NL) == STUDIES_LINES
    assert [(c.section, c.subject, c.field, c.within) for c in result.changes][:4] == [
        (Section.QUESTION, "4", "answered_by", ""),
        (Section.FIGURE, "F-AMOUNT-2022", "value", "F-YEARS"),  # its text is the verbatim form: not again
        (Section.BLOCK, "X-PUBLICATION", "evidence", ""),
        (Section.BLOCK, "X-PUBLICATION", "answers.3", ""),
    ]
    english = diff_lines(result, EN)
    assert english[0] == "fictional-studies-2021-2023 -> fictional-studies-2021-2023: 10 changes"
    assert "Table row B08: table changed from 'B. Evaluation studies' to 'A. Policy preparation studies'." in english
    assert "Table row A03: Year changed from 2022 to 2023." in english
    assert "  Evaluation studies (VAT not stated): €0.00 -> €18,150.00 (+€18,150.00)" in english


# --- the fictional answers without tables ------------------------------------------------------


def test_text_only_answer_has_no_key_figures(tmp_path: Path) -> None:
    folder = copy_of(TEXT_ONLY, tmp_path)
    edit_yaml(folder, "evidence: [P-NO, P-NO-REASONS]", "evidence: [P-NO]")
    # A corrected answer: 14 FTE instead of 14,5 (the source, the passage quoting it and the figure).
    source = folder / "source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("2019 14,5 VTE", "2019 14 VTE"), encoding="utf-8")
    edit_yaml(folder, "oktober 2019 14,5 VTE aan", "oktober 2019 14 VTE aan")
    edit_yaml(folder, "      text: 14,5 VTE\n      value: '14.5'", "      text: 14 VTE\n      value: '14'")
    edit_yaml(
        folder,
        "        nl: Neen.\n        en: 'No.'",
        "        nl: Neen, het antwoord komt niet vóór de begrotingsbespreking.\n        en: 'No.'",
    )
    result = diff_datasets(load_dataset(TEXT_ONLY), load_dataset(folder))
    assert result.figures == ()
    old_sha, new_sha = (source_text_sha256(load_dataset(f)) for f in (TEXT_ONLY, folder))
    assert diff_lines(result, NL) == [
        "fictional-text-only-2019-2020 -> fictional-text-only-2019-2020: 5 wijzigingen",
        "Passage P-FTE: tekst gewijzigd van 'Voor het eigen departement kan ik meegeven dat er op 1 oktober 2019 "
        "14,5 VTE aa…' naar 'Voor het eigen departement kan ik meegeven dat er op 1 oktober 2019 14 VTE aan …'.",
        "Cijfer F-FTE-DEPARTMENT (Externe inhuur in VTE): waarde gewijzigd van 14,5 naar 14.",
        "Antwoordblok X-TIMING (Antwoord vóór de begrotingsbespreking): bewijsplaatsen gewijzigd van P-NO, "
        "P-NO-REASONS naar P-NO.",
        "Punt P-NO (Antwoord vóór de begrotingsbespreking): samenvatting gewijzigd van 'Neen.' naar 'Neen, het "
        "antwoord komt niet vóór de begrotingsbespreking.'.",
        "Brontekst source.txt: de tekst is gewijzigd.",
    ]
    data = diff_json(diff_datasets(load_dataset(TEXT_ONLY), load_dataset(folder)), NL)
    assert data["key_figures"] == []
    # Tools still get the SHA-256 of both versions of the source, to tell which text they have.
    assert data["changes"][-1] | {"text": ""} == {
        "section": "source",
        "subject": "source.txt",
        "within": "",
        "kind": "changed",
        "field": "sha256",
        "old": old_sha,
        "new": new_sha,
        "text": "",
    }


def test_matrix_figures_by_value(tmp_path: Path) -> None:
    folder = copy_of(MATRIX, tmp_path)
    # F-ANT-2020 given F-ANT-2021's text and value, the 2020 count the 2021 one's: both verbatim in the source.
    edit_yaml(folder, "text: '412.350,00'\n      value: '412350.00'", "text: '455.120,50'\n      value: '455120.50'")
    edit_yaml(folder, "text: 1.204 dossiers\n      value: 1204", "text: 1.317 dossiers\n      value: 1317")
    result = diff_datasets(load_dataset(MATRIX), load_dataset(folder))
    assert [(c.subject, c.field, c.old, c.new) for c in result.changes] == [
        ("F-ANT-2020", "value", D("412350.00"), D("455120.50")),
        ("F-DOSSIERS-2020", "value", D("1204"), D("1317")),
    ]
    assert diff_lines(result, NL)[1:] == [
        "Cijfer F-ANT-2020 (Uitbetaalde Voorbeeldpremie per provincie en per jaar): waarde gewijzigd van "
        f"{E}412.350,00 naar {E}455.120,50.",
        "Cijfer F-DOSSIERS-2020 (Goedgekeurde dossiers per jaar): waarde gewijzigd van 1.204 naar 1.317.",
    ]
    data = diff_json(result, EN)
    assert [(c["old"], c["new"]) for c in data["changes"]] == [("412350.00", "455120.50"), ("1204.00", "1317.00")]


# --- other parts of a dataset -------------------------------------------------------------------


def test_rows_added_notes_and_source(sv221: Dataset) -> None:
    extra = sv221.row("R16").model_copy(update={"id": "R18"})
    note = Localized(nl="Een nieuwe notitie.", en="A new note.")
    main_file = sv221.main.model_copy(update={"curation_notes": (*sv221.main.curation_notes, note)})
    new = sv221.model_copy(
        update={"rows": (*sv221.rows, extra), "main": main_file, "source_text": sv221.source_text + "\n"}
    )
    result = diff_datasets(sv221, new)
    number = len(main_file.curation_notes)
    assert [(c.section, c.subject, c.kind) for c in result.changes] == [
        (Section.ROW, "R18", ChangeKind.ADDED),
        (Section.CURATION_NOTE, str(number), ChangeKind.ADDED),
        (Section.SOURCE, "source.txt", ChangeKind.CHANGED),
    ]
    lines = diff_lines(result, NL)
    assert lines[1] == (
        "Tabelrij R18 toegevoegd: Overheidsopdracht 'Praktijkgids aankopen met sociale impact – redactie', "
        f"{E}6.835,00 (excl. btw), Pantarein, november 2017 – december 2017."
    )
    assert lines[2] == f"Curatienota {number} toegevoegd: 'Een nieuwe notitie.'."
    assert lines[3] == "Brontekst source.txt: de tekst is gewijzigd."
    assert f"  Overheidsopdrachten (excl. btw): {E}350.371,57 -> {E}357.206,57 (+{E}6.835,00)" in lines


def test_question_blocks_and_vocabulary(sv221: Dataset) -> None:
    main_file = sv221.main
    question = main_file.question
    part = question.parts[1]
    sub = part.subparts[0].model_copy(update={"answered_by": ()})
    parts = (question.parts[0], part.model_copy(update={"subparts": (sub, *part.subparts[1:])}))
    kinds = tuple(
        k.model_copy(update={"procurement": False}) if k.id == "public_contract" else k for k in main_file.kinds
    )
    blocks = tuple(b for b in main_file.answer.blocks if b.id != "X-INITIATIVES")
    changed = main_file.model_copy(
        update={
            "question": question.model_copy(update={"parts": parts}),
            "kinds": kinds,
            "answer": main_file.answer.model_copy(update={"blocks": blocks}),
        }
    )
    result = diff_datasets(sv221, sv221.model_copy(update={"main": changed}))
    assert diff_lines(result, NL)[1:] == [
        "Vraag 2a: beantwoord door gewijzigd van 'Overzicht van de oproepen en opdrachten' naar –.",
        "Soort rij public_contract (Overheidsopdracht): overheidsopdracht gewijzigd van ja naar nee.",
        "Antwoordblok X-INITIATIVES verwijderd: 'Reeds opgestarte initiatieven' (tekst).",
    ]
    assert (
        diff_lines(result, EN)[2]
        == "Kind of row public_contract (Public contract): public procurement changed from yes to no."
    )


def test_diff_objects_are_frozen(sv221: Dataset) -> None:
    result = diff_datasets(sv221, sv221)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.changes = ()  # type: ignore[misc]
    change = Change(Section.ROW, "R01", ChangeKind.CHANGED, "amount", D("1"), D("2.5"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.field = "x"  # type: ignore[misc]


def test_help_documents_exit_code_and_example() -> None:
    result = CliRunner().invoke(main, ["diff", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout and "exit code is 0" in result.stdout and "--lang" in result.stdout
