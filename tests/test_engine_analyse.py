"""The general engine's brief of the bundled question against the source document, variations that
must move exactly what they should, and the JSON of `sebrief analyse` for other tools."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset, Period, Precision, Row, RowStatus
from sebrief.engine.analyse import analyse
from sebrief.engine.brief import Brief, ClassificationView, GroupingTotals, GroupTotal
from sebrief.engine.serialise import brief_json_schema, brief_to_json
from sebrief.quotes import normalise

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
STUDIES = ROOT / "tests" / "fixtures" / "datasets" / "fictional-studies-2021-2023"
SHIPPED_SCHEMA = ROOT / "data" / "brief.schema.json"
D = Decimal


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def brief(bundled: Dataset) -> Brief:
    return analyse(bundled, "nl")


def kind_totals(brief: Brief) -> dict[str, list[tuple[str, Decimal]]]:
    """Each kind's totals with their VAT basis, e.g. {"public_contract": [("excl_vat", 350371.57)]}."""
    assert brief.totals is not None
    return {k.kind.code: [(a.column.vat_basis.code, a.amount) for a in k.amounts] for k in brief.totals.per_kind}


def contract_total(brief: Brief) -> Decimal:
    ((basis, amount),) = kind_totals(brief)["public_contract"]
    assert basis == "excl_vat"
    return amount


def beneficiary(brief: Brief, name: str) -> GroupTotal:
    assert brief.totals is not None
    return next(g for g in brief.totals.per_beneficiary if g.key == name)


def grouping(brief: Brief, grouping_id: str) -> GroupingTotals:
    assert brief.totals is not None
    return next(g for g in brief.totals.per_grouping if g.grouping.code == grouping_id)


def group_amounts(brief: Brief, grouping_id: str) -> dict[str, dict[str, Decimal]]:
    """Each group's non-zero amounts by money column ("<kind>:<basis>")."""
    assert brief.totals is not None
    keys = [column.key for column in brief.totals.columns]
    return {
        group.key: {key: amount for key, amount in zip(keys, group.amounts, strict=True) if amount}
        for group in grouping(brief, grouping_id).groups
    }


def with_rows(dataset: Dataset, rows: list[Row]) -> Dataset:
    return dataset.model_copy(update={"rows": tuple(rows)})


def replace_row(dataset: Dataset, row_id: str, **changes: object) -> Dataset:
    return with_rows(dataset, [row.model_copy(update=changes) if row.id == row_id else row for row in dataset.rows])


def signal_ids(brief: Brief) -> list[str]:
    return [s.id for s in brief.signals]


# Figures from the source: the amounts printed in the answer's table, added by hand.


def test_totals_per_kind_on_their_vat_basis(brief: Brief) -> None:
    assert kind_totals(brief) == {
        "subsidy_call": [("not_stated", D("315342.98"))],  # 275.342,98 + 40.000, no VAT statement
        "public_contract": [("excl_vat", D("350371.57"))],  # the 13 awarded contracts, "(excl. BTW)"
    }
    assert brief.totals is not None
    contract = next(k for k in brief.totals.per_kind if k.kind.code == "public_contract")
    assert (contract.rows, contract.awarded, contract.in_procedure) == (15, 13, 2)
    assert contract.procurement and contract.amounts[0].incl_vat_estimate == D("423949.60")  # 350.371,57 × 1,21
    subsidy = next(k for k in brief.totals.per_kind if k.kind.code == "subsidy_call")
    assert (subsidy.rows, subsidy.awarded, subsidy.in_procedure) == (2, 2, 0)
    assert not subsidy.procurement and subsidy.amounts[0].incl_vat_estimate is None  # never guessed


def test_totals_per_beneficiary(brief: Brief) -> None:
    assert beneficiary(brief, "Deloitte Consulting").amounts == (D("0.00"), D("117760.00"))  # 4 × 29.440
    assert beneficiary(brief, "Deloitte Consulting").awards == 4
    assert beneficiary(brief, "Cronos").procurement_excl_vat == D("86250.00")  # 28.175 + 30.877 + 27.198
    assert beneficiary(brief, "Pantarein").procurement_excl_vat == D("17215.00")  # 10.380 + 6.835
    assert beneficiary(brief, "KULeuven (HIVA)").procurement_excl_vat == D("29800.00")
    assert beneficiary(brief, "14 ondernemingen (BW, SW, LDE)").amounts == (D("275342.98"), D("0.00"))
    assert beneficiary(brief, "Deloitte Consulting").procurement_share == D("0.3361")  # 117.760 / 350.371,57
    assert brief.totals is not None
    assert len(brief.totals.per_beneficiary) == 9  # 7 suppliers and 2 groups of subsidy beneficiaries
    assert brief.totals.beneficiary_total.amounts == (D("315342.98"), D("350371.57"))


def test_totals_per_grouping_keep_kinds_and_vat_bases_apart(brief: Brief) -> None:
    assert group_amounts(brief, "theme") == {
        "innovation": {"subsidy_call:not_stated": D("275342.98")},
        "communication": {"public_contract:excl_vat": D("170092.06")},
        "research": {"public_contract:excl_vat": D("147560.00")},  # 4 × 29.440 + 29.800
        "starters": {"subsidy_call:not_stated": D("40000.00")},
        "guide": {"public_contract:excl_vat": D("32719.51")},  # 6.835 + 25.884,51
    }
    themes = grouping(brief, "theme")
    assert not themes.multiple and themes.total.amounts == (D("315342.98"), D("350371.57"))
    # A row may serve several pillars: the pillars' totals overlap, and say so.
    pillars = grouping(brief, "pillar")
    assert pillars.multiple and pillars.note
    assert group_amounts(brief, "pillar")["4"] == {
        "subsidy_call:not_stated": D("275342.98"),
        "public_contract:excl_vat": D("174758.00"),  # the five studies (pillars 2 and 4)
    }
    assert sum(g.amounts[1] for g in pillars.groups) > pillars.total.amounts[1]


def test_rows_keep_precision_and_state_on_date_asked(brief: Brief) -> None:
    r01, r08, r15, r16 = (brief.row(i) for i in ("R01", "R08", "R15", "R16"))
    assert (r01.start, r01.end, r01.precision, r01.duration_months) == (
        dt.date(2017, 12, 1), dt.date(2018, 6, 30), "day", D("7.0"))  # fmt: skip
    assert r01.period_label == "1 december 2017 – 30 juni 2018"
    assert r15.period_label == "februari 2018" and r15.duration_months == D("1.0")
    assert r08.start is None and r08.amount is None and r08.state_at_question.code == "in_procedure"
    # Asked on 19 January 2018: the guide's editing (Nov-Dec 2017) was over, the images (Feb 2018) not begun.
    assert r16.state_at_question.code == "finished"
    assert r15.state_at_question.code == "not_started"
    assert r01.state_at_question.code == "running"
    assert brief.timeline is not None
    assert brief.timeline.span_start == dt.date(2017, 9, 1) and brief.timeline.span_end == dt.date(2018, 7, 31)
    assert len(brief.timeline.months) == 11
    # For a sentence, running rows first: R16 the only one over, R15 the only one not begun, R08 and R09 in
    # procedure, the other 13 of the 17 rows running.
    assert brief.timeline.states_text == "13 lopend, 1 afgelopen, 1 nog niet gestart, 2 in procedure"


def test_the_classification_follows_the_dataset(brief: Brief) -> None:
    tasks = brief.block("C-TASKS")
    assert isinstance(tasks, ClassificationView)
    categories = {c.id: (c.part_id, c.item_ids) for c in tasks.categories}
    assert categories["administration"] == ("1a", ("A5.2",))
    assert categories["not_addressed"] == ("1c", ("A1.1", "A3.1", "A4.3", "A5.3"))
    assert "A3.2" in categories["public_contract"][1] and "A3.2" in categories["subsidy_call"][1]
    assert categories["planned"] == (None, ("A2.1",))
    assert len(tasks.items) == 12


def test_classification_evidence_is_in_the_answer(brief: Brief, bundled: Dataset) -> None:
    answer = normalise(bundled.source_text.split("ANTWOORD", 1)[1])
    tasks = brief.block("C-TASKS")
    assert isinstance(tasks, ClassificationView)
    for item in tasks.items:
        for evidence in item.evidence:
            assert normalise(evidence.text) in answer, item.id
            assert evidence.first_line > 80  # the answer starts after the question
    # What the answer is silent about: the item's key words do not occur in the answer.
    silent = {"A1.1": "dataverzameling", "A3.1": "laagdrempelig", "A4.3": "Europese", "A5.3": "provinciale"}
    for item_id, word in silent.items():
        item = next(i for i in tasks.items if i.id == item_id)
        assert item.basis.code == "not_addressed" and item.evidence == ()
        assert word.lower() not in answer.lower()
    stated = next(i for i in tasks.items if i.id == "A3.2")
    assert stated.basis.code == "stated" and "starters te begeleiden" in normalise(stated.evidence[0].text)


def test_coverage_says_what_the_answer_leaves_open(brief: Brief) -> None:
    status = {c.part_id: c.status.code for c in brief.coverage}
    assert status == {
        "1": "partly", "1a": "not_answered", "1b": "partly", "1c": "not_answered",
        "2": "partly", "2a": "answered", "2b": "partly", "2c": "answered", "2d": "answered",
    }  # fmt: skip


def test_coverage_reasons_read_as_sentences(brief: Brief, studies: Dataset) -> None:
    reasons = {c.part_id: c.reason for c in brief.coverage}
    # SV 221, question 2's table: 17 rows, R08 and R09 in procedure without a period; 15 awarded with an amount.
    assert reasons["2b"] == "15 van 17 rijen vermelden de looptijd. Ontbreekt bij: R08, R09."
    assert reasons["2d"] == "15 van 15 toegewezen rijen vermelden het bedrag."
    assert reasons["1"] == "Deelvragen 1a, 1b en 1c zijn niet volledig beantwoord."
    assert reasons["1c"] == "Het antwoord gaat niet in op 4 onderdelen: A1.1, A3.1, A4.3, A5.3."
    assert reasons["1a"] == "Het antwoord zegt dit niet; 1 onderdeel staat hier op grond van onze lezing."
    english = {c.part_id: c.reason for c in analyse(studies, lang="en").coverage}
    # The studies answer 2a in two tables (7 and 8 rows): each reason names its table.
    assert english["2a"] == (
        "A. Policy preparation studies: 7 of 7 rows give the description. "
        "B. Evaluation studies: 8 of 8 rows give the description."
    )


def test_signals(brief: Brief) -> None:
    by_id = {s.id: s for s in brief.signals}
    below = by_id["S-BELOW-30000"]
    # 29.440 (×4), 29.800, 28.175 and 27.198 lie within 10 % under 30.000; 30.877 is above it.
    assert below.rows == ("R03", "R04", "R05", "R06", "R07", "R10", "R12")
    assert by_id["S-CLUSTER-DELOITTE-CONSULTING-30000"].amount == D("117760.00")
    assert by_id["S-CLUSTER-CRONOS-30000"].rows == ("R10", "R12")
    assert by_id["S-CLUSTER-CRONOS-30000"].amount == D("55373.00")
    concentration = dict(by_id["S-CONCENTRATION"].parameters)
    assert concentration["top_share"] == "0.3361"  # 117.760 / 350.371,57
    assert concentration["suppliers"] == "7"
    assert all(s.source and s.definition for s in brief.signals)
    # Subsidy calls are not public procurement: never in a signal.
    assert not {"R01", "R02"} & {row for s in brief.signals for row in s.rows}


def test_follow_up_questions_name_what_they_follow(brief: Brief) -> None:
    follows = [q.follows_up_on for q in brief.follow_up]
    assert [q.number for q in brief.follow_up] == list(range(1, len(brief.follow_up) + 1))
    assert ("1a",) in follows
    for item_id in ("A1.1", "A3.1", "A4.3", "A5.3", "A2.1"):
        assert any(item_id in f for f in follows), item_id
    assert any("R08" in f for f in follows) and any("R09" in f for f in follows)
    assert any("S-CLUSTER-DELOITTE-CONSULTING-30000" in f for f in follows)
    texts = [q.text for q in brief.follow_up]
    assert len(texts) == len(set(texts))


def test_english_brief_has_the_same_figures(brief: Brief, bundled: Dataset) -> None:
    english = analyse(bundled, "en")
    assert kind_totals(english) == kind_totals(brief)
    assert english.row("R01").period_label == "1 December 2017 – 30 June 2018"
    assert english.block("C-TASKS").title == "How each task is organised" != brief.block("C-TASKS").title
    assert english.row("R01").description == brief.row("R01").description  # quotes stay Dutch
    assert [s.id for s in english.signals] == signal_ids(brief)


# Variations: each changes exactly the figures and signals it should.


def test_changing_one_amount(bundled: Dataset, brief: Brief) -> None:
    changed = analyse(replace_row(bundled, "R13", amount=D("63627.46")), "nl")  # Smals, one euro more
    assert contract_total(changed) == D("350372.57")
    assert kind_totals(changed)["subsidy_call"] == kind_totals(brief)["subsidy_call"]
    assert beneficiary(changed, "Smals").procurement_excl_vat == D("63627.46")
    assert beneficiary(changed, "Cronos") == beneficiary(brief, "Cronos")
    assert group_amounts(changed, "theme")["communication"] == {"public_contract:excl_vat": D("170093.06")}
    assert group_amounts(changed, "theme")["research"] == group_amounts(brief, "theme")["research"]
    assert group_amounts(changed, "pillar")["1"]["public_contract:excl_vat"] == D("133059.46")
    assert signal_ids(changed) == signal_ids(brief)
    assert changed.coverage == brief.coverage


def test_adding_a_row(bundled: Dataset, brief: Brief) -> None:
    extra = bundled.row("R15").model_copy(update={"id": "R18", "beneficiary": "Nieuw Bureau", "amount": D("1000.00")})
    changed = analyse(with_rows(bundled, [*bundled.rows, extra]), "nl")
    assert len(changed.rows) == 18 and changed.row("R18").number == 18
    assert contract_total(changed) == D("351371.57")
    assert beneficiary(changed, "Nieuw Bureau").procurement_excl_vat == D("1000.00")
    assert dict(next(s for s in changed.signals if s.id == "S-CONCENTRATION").parameters)["suppliers"] == "8"
    assert signal_ids(changed) == signal_ids(brief)


def test_moving_a_row_into_procedure(bundled: Dataset, brief: Brief) -> None:
    changed = analyse(
        replace_row(bundled, "R10", status=RowStatus.IN_PROCEDURE, amount=None, beneficiary=None, period=None),
        "nl",
    )
    assert changed.totals is not None
    contract = next(k for k in changed.totals.per_kind if k.kind.code == "public_contract")
    assert (contract.amounts[0].amount, contract.awarded, contract.in_procedure) == (D("322196.57"), 12, 3)
    assert contract.amounts[0].amount == contract_total(brief) - D("28175.00")
    assert "S-CLUSTER-CRONOS-30000" not in signal_ids(changed)  # R12 alone is no cluster
    below = next(s for s in changed.signals if s.id == "S-BELOW-30000")
    assert "R10" not in below.rows
    assert any("R10" in q.follows_up_on for q in changed.follow_up)
    assert changed.row("R10").state_at_question.code == "in_procedure"
    assert {c.part_id: c.status.code for c in changed.coverage}["2c"] == "answered"  # 14 of 14 awarded rows


def test_a_third_award_to_a_supplier(bundled: Dataset, brief: Brief) -> None:
    # Pantarein's two awards (Nov-Dec 2017 and Jan-Feb 2018) do not overlap; a third spanning both links them.
    third = bundled.row("R14").model_copy(
        update={
            "id": "R18",
            "amount": D("20000.00"),
            "period": Period(start=dt.date(2017, 12, 1), end=dt.date(2018, 1, 31), precision=Precision.MONTH),
        }
    )
    changed = analyse(with_rows(bundled, [*bundled.rows, third]), "nl")
    assert set(signal_ids(changed)) - set(signal_ids(brief)) == {"S-CLUSTER-PANTAREIN-30000"}
    cluster = next(s for s in changed.signals if s.id == "S-CLUSTER-PANTAREIN-30000")
    assert cluster.rows == ("R16", "R18", "R14") and cluster.amount == D("37215.00")
    assert beneficiary(changed, "Pantarein").procurement_excl_vat == D("37215.00")
    questions = [q for q in changed.follow_up if cluster.id in q.follows_up_on]
    assert len(questions) == 1


def test_a_cluster_crossing_two_thresholds_is_one_point_and_one_question(bundled: Dataset) -> None:
    # Deloitte's four overlapping awards of 29.440 (117.760) cross the 30.000 threshold; a fifth of 100.000
    # in the same months brings them to 217.760, over the 144.000 threshold too: still one finding.
    supplier = "Deloitte Consulting"
    fifth = bundled.row("R03").model_copy(update={"id": "R18", "amount": D("100000.00")})
    changed = analyse(with_rows(bundled, [*bundled.rows, fifth]), "nl")
    clusters = [s for s in changed.signals if s.kind.code == "same_supplier_cluster" and s.supplier == supplier]
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster.rows == ("R03", "R04", "R05", "R06", "R18") and cluster.amount == D("217760.00")
    assert "€\u00a030.000,00" in cluster.description and "€\u00a0144.000,00" in cluster.description
    questions = [q for q in changed.follow_up if cluster.id in q.follows_up_on]
    assert len(questions) == 1
    texts = [q.text for q in changed.follow_up]
    assert len(texts) == len(set(texts))


# The JSON output for other tools.


def shipped_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    return data


def test_json_output_validates_against_the_shipped_schema() -> None:
    result = CliRunner().invoke(main, ["analyse", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(
        shipped_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    kinds = {k["kind"]["code"]: [(a["column"]["vat_basis"]["code"], a["amount"]) for a in k["amounts"]]
             for k in data["totals"]["per_kind"]}  # fmt: skip
    assert kinds == {"subsidy_call": [("not_stated", "315342.98")], "public_contract": [("excl_vat", "350371.57")]}
    rows = {row["id"]: row for row in data["rows"]}
    assert rows["R02"]["amount"] == "40000.00" and rows["R15"]["amount"] == "9835.60"  # "9.835,6 €"
    assert rows["R08"]["amount"] is None and rows["R01"]["start"] == "2017-12-01"
    assert data["header"]["date_asked"] == "2018-01-19" and data["header"]["date_answered"] is None
    assert [b["kind"] for b in data["blocks"]] == ["classification", "table", "text"]


def test_json_of_amounts_incl_vat_converted() -> None:
    """The fictional studies: amounts incl. VAT, converted excl. VAT for the thresholds (hand-computed)."""
    data = json.loads(brief_to_json(analyse(load_dataset(STUDIES), "en")))
    jsonschema.validate(data, shipped_schema())
    a03 = next(row for row in data["rows"] if row["id"] == "A03")
    assert (a03["amount"], a03["amount_excl_vat"], a03["converted"]) == ("35937.00", "29700.00", True)
    assert a03["vat_basis"]["code"] == "incl_vat" and a03["procedure"] == "aanvaarde factuur"
    figures = next(b for b in data["blocks"] if b["kind"] == "figures")["figures"]
    assert [f["value"] for f in figures if f["unit"]["code"] == "eur"] == ["185130.00", "289129.50", "1374240.00"]
    assert [f["value"] for f in figures if f["unit"]["code"] == "count"] == ["5", "6", "4"]


def test_the_schema_is_strict() -> None:
    """An amount not written with two decimals, a field the schema does not know, or one left out, fails."""
    data = json.loads(CliRunner().invoke(main, ["analyse", "--json"]).stdout)
    validator = jsonschema.Draft202012Validator(shipped_schema())
    assert not list(validator.iter_errors(data))
    broken = []
    for change in (
        lambda d: d["rows"][1].update(amount="40000.0"),
        lambda d: d["rows"][1].update(amount=40000),
        lambda d: d["totals"]["per_kind"][0]["amounts"][0].update(amount="315342.980"),
        lambda d: d["header"].update(date_asked="19/01/2018"),
        lambda d: d["rows"][0].update(colour="red"),
        lambda d: d["rows"][0].pop("vat_basis"),
        lambda d: d["blocks"][1].update(kind="tabel"),
    ):
        copied = copy.deepcopy(data)
        change(copied)
        checker = jsonschema.Draft202012Validator(
            shipped_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        broken.append(bool(list(checker.iter_errors(copied))))
    assert broken == [True] * 7


def test_shipped_schema_is_current() -> None:
    result = CliRunner().invoke(main, ["analyse", "--schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == brief_json_schema()
    assert shipped_schema() == brief_json_schema(), "run: sebrief analyse --schema > data/brief.schema.json"
    jsonschema.Draft202012Validator.check_schema(shipped_schema())


BRIEF_JSON = """
import sys
from pathlib import Path
from sebrief.engine.serialise import brief_to_json
from sebrief.pipeline import prepare
out = Path(sys.argv[1])
out.mkdir(parents=True)
for folder in map(Path, sys.argv[2:]):
    for lang in ("nl", "en"):
        (out / f"{folder.name}.{lang}.json").write_text(brief_to_json(prepare(folder, lang).brief), encoding="utf-8")
"""


def test_json_is_deterministic(tmp_path: Path) -> None:
    """The brief of every dataset, in processes with different hash seeds (a set or a dict keyed by text may
    iterate in another order): the same JSON. Three seeds (0: no randomisation), as two random seeds put two
    texts in the same order half of the time."""
    folders = [BUNDLED, *sorted(path for path in (ROOT / "tests" / "fixtures" / "datasets").iterdir() if path.is_dir())]
    runs = []
    for seed in ("0", "1", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        out = tmp_path / seed
        subprocess.run([sys.executable, "-c", BRIEF_JSON, str(out), *map(str, folders)], env=env, check=True,
                       capture_output=True, timeout=300)  # fmt: skip
        runs.append({path.name: path.read_text(encoding="utf-8") for path in sorted(out.iterdir())})
    assert len(runs[0]) == 2 * len(folders) >= 8
    for run in runs[1:]:
        assert run.keys() == runs[0].keys()
        assert [name for name in run if run[name] != runs[0][name]] == []


def test_readable_summary() -> None:
    result = CliRunner().invoke(main, ["analyse"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "€\u00a0350.371,57 (excl. btw)" in out and "€\u00a0315.342,98 (btw niet vermeld)" in out  # nl_BE
    assert "  2b: Gedeeltelijk beantwoord (Vermeld in het antwoord). 15 van 17 rijen" in out
    assert "Overheidsopdrachten: € 350.371,57 (excl. btw), 15 rijen, 2 in procedure" in out.replace("\u00a0", " ")
    # Subpart 1c is answered by the classification of the tasks shown under 1a: named by its title, not its id.
    assert "    1c: Niet uitdrukkelijk beantwoord" in out
    assert "      Ook beantwoord door “Hoe elke taak georganiseerd wordt”: zie vraag 1a.\n" in out
    assert "C-TASKS\n" not in out and "Zie hierboven" not in out
    english = CliRunner().invoke(main, ["analyse", "--lang", "en", str(STUDIES)]).stdout
    assert "Policy preparation studies: €1,417,195.00 (incl. VAT), 7 rows, 1 in procedure" in english
    # "The department commissioned 5 studies in 2021": a count, which its label names; no unit word after it.
    assert "      Studies commissioned (January 2021 – December 2021): 5\n" in english
    # The matrix fixture's answer gives figures, no rows: no points of attention, and nothing listed after the 0.
    matrix = CliRunner().invoke(main, ["analyse", str(STUDIES.parent / "fictional-matrix-2022-2023")]).stdout
    assert "\n  Aandachtspunten: 0\n" in matrix and "\n  Niet volledig beantwoord: vraag 2. 1 van 2 " in matrix
    assert "4: Not answered explicitly (Not addressed). No part of the answer addresses it." in english


def test_a_bad_dataset_is_exit_3_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyse", "--json", str(tmp_path / "nothing"), "--lang", "en"])
    assert result.exit_code == 3 and "no such file or folder" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


# --- what the renderers lay out in the analysis' order ----------------------------------------


def test_groups_are_ranked_basis_by_basis_never_adding_bases(brief: Brief) -> None:
    """The themes: the contracts' amounts excl. VAT rank first (communication 170.092,06, research
    147.560,00, guide 32.719,51), then the subsidy calls without a VAT statement (innovation
    275.342,98, starters 40.000,00): an amount without VAT statement is never added to one excl. VAT."""
    theme = grouping(brief, "theme")
    assert [g.key for g in theme.groups] == ["communication", "research", "guide", "innovation", "starters"]
    assert theme.by_size == (0, 1, 2, 3, 4)  # they do not overlap: already the largest first
    # The pillars overlap and stand in their own order; by_size ranks them for a chart of the largest:
    # pillar 5 (175.613,57 excl. VAT), 4 (174.758,00 and 275.342,98 without VAT statement), 2 (174.758,00),
    # 1 (133.058,46), 3 (only 40.000,00 without VAT statement).
    pillar = grouping(brief, "pillar")
    assert [g.key for g in pillar.groups] == ["1", "2", "3", "4", "5"]
    assert [pillar.groups[at].key for at in pillar.by_size] == ["5", "4", "2", "1", "3"]
    names = [g.label for g in brief.totals.per_beneficiary] if brief.totals else []
    assert names[-2:] == ["14 ondernemingen (BW, SW, LDE)", "2 ondernemingen"]  # the subsidies, no VAT stated


def test_the_brief_gives_the_orders_and_counts_renderers_lay_out(brief: Brief) -> None:
    # Deloitte Consulting: 4 x 29.440 = 117.760 excl. VAT; Cronos: 28.175 + 27.198 = 55.373.
    assert brief.clusters == ("S-CLUSTER-DELOITTE-CONSULTING-30000", "S-CLUSTER-CRONOS-30000")
    assert brief.timeline is not None and brief.timeline.undated == 2  # R08 and R09, in procedure
    assert brief.totals is not None
    assert {k.kind.code: k.row_ids for k in brief.totals.per_kind} == {
        "subsidy_call": ("R01", "R02"),
        "public_contract": tuple(f"R{n:02d}" for n in range(3, 18)),
    }
