"""The analysis stage against the source document, and variations that must move exactly what they should."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from sebrief.analysis import analyse
from sebrief.analysis.serialise import brief_json_schema, brief_to_dict
from sebrief.brief import Brief
from sebrief.cli import main
from sebrief.model import Dataset, Period, Precision, RowStatus, TableRow
from sebrief.quotes import normalise

ROOT = Path(__file__).resolve().parents[1]
D = Decimal


@pytest.fixture(scope="module")
def brief(dataset: Dataset) -> Brief:
    return analyse(dataset, "nl")


def kind_totals(brief: Brief) -> dict[str, Decimal]:
    return {k.kind.code: k.amount for k in brief.totals.per_kind}


def contracts(brief: Brief, key: str, attribute: str = "per_beneficiary") -> Decimal:
    return next(g.contract_amount_excl_vat for g in getattr(brief.totals, attribute) if g.key == key)


def with_rows(dataset: Dataset, rows: list[TableRow]) -> Dataset:
    return dataset.model_copy(update={"rows": tuple(rows)})


def replace_row(dataset: Dataset, row_id: str, **changes: object) -> Dataset:
    return with_rows(dataset, [row.model_copy(update=changes) if row.id == row_id else row for row in dataset.rows])


# Figures from the source: the amounts printed in the answer's table, added by hand.


def test_totals_per_kind(brief: Brief) -> None:
    assert kind_totals(brief) == {"subsidy_call": D("315342.98"), "public_contract": D("350371.57")}
    contract = next(k for k in brief.totals.per_kind if k.kind.code == "public_contract")
    assert (contract.rows, contract.awarded, contract.in_procedure) == (15, 13, 2)
    assert contract.vat_basis.code == "excl_vat"
    assert contract.amount_incl_vat_estimate == D("423949.60")  # 350.371,57 × 1,21
    subsidy = next(k for k in brief.totals.per_kind if k.kind.code == "subsidy_call")
    assert subsidy.vat_basis.code == "not_stated" and subsidy.amount_incl_vat_estimate is None


def test_totals_per_beneficiary(brief: Brief) -> None:
    assert contracts(brief, "Deloitte Consulting") == D("117760.00")  # 4 × 29.440
    assert contracts(brief, "Cronos") == D("86250.00")  # 28.175 + 30.877 + 27.198
    assert contracts(brief, "Pantarein") == D("17215.00")  # 10.380 + 6.835
    assert contracts(brief, "KULeuven (HIVA)") == D("29800.00")
    deloitte = next(g for g in brief.totals.per_beneficiary if g.key == "Deloitte Consulting")
    assert deloitte.awards == 4
    assert len(brief.totals.per_beneficiary) == 9  # 7 suppliers and 2 groups of subsidy beneficiaries


def test_totals_per_theme_keep_vat_bases_apart(brief: Brief) -> None:
    themes = {g.key: (g.subsidy_amount, g.contract_amount_excl_vat) for g in brief.totals.per_theme}
    assert themes["research"] == (D("0.00"), D("147560.00"))  # 4 × 29.440 + 29.800
    assert themes["communication"] == (D("0.00"), D("170092.06"))
    assert themes["guide"] == (D("0.00"), D("32719.51"))  # 6.835 + 25.884,51
    assert themes["starters"] == (D("40000.00"), D("0.00"))
    assert themes["innovation"] == (D("275342.98"), D("0.00"))
    assert "excl." in brief.totals.grand_total.composition and brief.totals.grand_total.amount == D("665714.55")


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
    assert brief.timeline.span_start == dt.date(2017, 9, 1) and brief.timeline.span_end == dt.date(2018, 7, 31)
    assert len(brief.timeline.months) == 11


def test_question1_groups_follow_the_dataset(brief: Brief) -> None:
    groups = {g.group_id: [s.sub_action_id for s in g.sub_actions] for g in brief.question1.groups}
    assert groups["1a"] == ["A5.2"]
    assert groups["1c"] == ["A1.1", "A3.1", "A4.3", "A5.3"]
    assert "A3.2" in groups["1b"] and "A3.2" in groups["subsidy_call"]
    assert groups["planned"] == ["A2.1"]
    assert len(brief.question1.matrix) == 12


def test_classification_evidence_is_in_the_answer(brief: Brief, dataset: Dataset) -> None:
    answer = normalise(dataset.source_text.split("ANTWOORD", 1)[1])
    for sub in brief.question1.matrix:
        for evidence in sub.evidence:
            assert normalise(evidence.text) in answer, sub.sub_action_id
            assert evidence.first_line > 80  # the answer starts after the question
    # What the answer is silent about: the sub-action's key words do not occur in the answer.
    silent = {"A1.1": "dataverzameling", "A3.1": "laagdrempelig", "A4.3": "Europese", "A5.3": "provinciale"}
    for sub_id, word in silent.items():
        sub = next(s for s in brief.question1.matrix if s.sub_action_id == sub_id)
        assert sub.basis.code == "not_addressed" and sub.evidence == ()
        assert word.lower() not in answer.lower()
    stated = next(s for s in brief.question1.matrix if s.sub_action_id == "A3.2")
    assert stated.basis.code == "stated" and "starters te begeleiden" in normalise(stated.evidence[0].text)


def test_coverage_says_what_the_answer_leaves_open(brief: Brief) -> None:
    status = {c.part_id: c.status.code for c in brief.coverage}
    assert status == {
        "1a": "not_answered", "1b": "partly", "1c": "not_answered",
        "2a": "answered", "2b": "partly", "2c": "answered", "2d": "answered",
    }  # fmt: skip


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


def test_follow_up_questions_name_what_they_follow(brief: Brief) -> None:
    follows = [q.follows_up_on for q in brief.follow_up]
    assert [q.number for q in brief.follow_up] == list(range(1, len(brief.follow_up) + 1))
    assert ("1a",) in follows
    for sub_id in ("A1.1", "A3.1", "A4.3", "A5.3"):
        assert any(sub_id in f for f in follows)
    assert any("R08" in f for f in follows) and any("R09" in f for f in follows)
    assert any("S-CLUSTER-DELOITTE-CONSULTING-30000" in f for f in follows)


def test_english_brief_has_the_same_figures(brief: Brief, dataset: Dataset) -> None:
    english = analyse(dataset, "en")
    assert kind_totals(english) == kind_totals(brief)
    assert english.row("R01").period_label == "1 December 2017 – 30 June 2018"
    assert english.question1.groups[0].title != brief.question1.groups[0].title
    assert english.row("R01").description == brief.row("R01").description  # quotes stay Dutch


# Variations: each changes exactly the figures and signals it should.


def test_changing_one_amount(dataset: Dataset, brief: Brief) -> None:
    changed = analyse(replace_row(dataset, "R13", amount=D("63627.46")), "nl")
    assert kind_totals(changed)["public_contract"] == D("350372.57")
    assert kind_totals(changed)["subsidy_call"] == kind_totals(brief)["subsidy_call"]
    assert contracts(changed, "Smals") == D("63627.46")
    assert contracts(changed, "Cronos") == contracts(brief, "Cronos")
    assert contracts(changed, "communication", "per_theme") == D("170093.06")
    assert contracts(changed, "research", "per_theme") == contracts(brief, "research", "per_theme")
    assert [s.id for s in changed.signals] == [s.id for s in brief.signals]
    assert changed.coverage == brief.coverage


def test_adding_a_row(dataset: Dataset, brief: Brief) -> None:
    extra = dataset.row("R15").model_copy(update={"id": "R18", "beneficiary": "Nieuw Bureau", "amount": D("1000.00")})
    changed = analyse(with_rows(dataset, [*dataset.rows, extra]), "nl")
    assert len(changed.rows) == 18
    assert kind_totals(changed)["public_contract"] == D("351371.57")
    assert contracts(changed, "Nieuw Bureau") == D("1000.00")
    assert dict(next(s for s in changed.signals if s.id == "S-CONCENTRATION").parameters)["suppliers"] == "8"
    assert [s.id for s in changed.signals] == [s.id for s in brief.signals]


def test_moving_a_row_into_procedure(dataset: Dataset, brief: Brief) -> None:
    changed = analyse(
        replace_row(dataset, "R10", status=RowStatus.IN_PROCEDURE, amount=None, beneficiary=None, period=None),
        "nl",
    )
    contract = next(k for k in changed.totals.per_kind if k.kind.code == "public_contract")
    assert (contract.amount, contract.awarded, contract.in_procedure) == (D("322196.57"), 12, 3)  # minus 28.175
    assert "S-CLUSTER-CRONOS-30000" not in {s.id for s in changed.signals}  # R12 alone is no cluster
    below = next(s for s in changed.signals if s.id == "S-BELOW-30000")
    assert "R10" not in below.rows
    assert any("R10" in q.follows_up_on for q in changed.follow_up)
    assert changed.row("R10").state_at_question.code == "in_procedure"


def test_a_third_award_to_a_supplier(dataset: Dataset, brief: Brief) -> None:
    # Pantarein's two awards (Nov-Dec 2017 and Jan-Feb 2018) do not overlap; a third spanning both links them.
    third = dataset.row("R14").model_copy(
        update={
            "id": "R18",
            "amount": D("20000.00"),
            "period": Period(start=dt.date(2017, 12, 1), end=dt.date(2018, 1, 31), precision=Precision.MONTH),
        }
    )
    changed = analyse(with_rows(dataset, [*dataset.rows, third]), "nl")
    new = {s.id for s in changed.signals} - {s.id for s in brief.signals}
    assert new == {"S-CLUSTER-PANTAREIN-30000"}
    cluster = next(s for s in changed.signals if s.id == "S-CLUSTER-PANTAREIN-30000")
    assert cluster.rows == ("R16", "R18", "R14") and cluster.amount == D("37215.00")
    assert contracts(changed, "Pantarein") == D("37215.00")


def test_a_cluster_crossing_two_thresholds_is_one_point_and_one_question(dataset: Dataset, brief: Brief) -> None:
    # Deloitte's four overlapping awards of 29.440 (117.760) cross the 30.000 threshold; a fifth of 100.000
    # in the same months brings those under 144.000 to 217.760, over that threshold too: still one finding.
    supplier = "Deloitte Consulting"
    fifth = dataset.row("R03").model_copy(update={"id": "R18", "amount": D("100000.00")})
    changed = analyse(with_rows(dataset, [*dataset.rows, fifth]), "nl")
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


def test_json_output_validates_against_the_shipped_schema() -> None:
    result = CliRunner().invoke(main, ["analyse", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    schema = json.loads((ROOT / "data" / "brief.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    kinds = {k["kind"]["code"]: k["amount"] for k in data["totals"]["per_kind"]}
    assert kinds == {"subsidy_call": "315342.98", "public_contract": "350371.57"}
    assert data["rows"][1]["amount"] == "40000.00" and data["header"]["date_asked"] == "2018-01-19"


def test_shipped_schema_is_current() -> None:
    shipped = json.loads((ROOT / "data" / "brief.schema.json").read_text(encoding="utf-8"))
    assert shipped == brief_json_schema(), "run: sebrief analyse --schema > data/brief.schema.json"


def test_json_is_deterministic(dataset: Dataset) -> None:
    assert brief_to_dict(analyse(dataset)) == brief_to_dict(analyse(dataset))


def test_readable_summary() -> None:
    result = CliRunner().invoke(main, ["analyse"])
    assert result.exit_code == 0
    assert "€\u00a0350.371,57" in result.stdout and "€\u00a0315.342,98" in result.stdout  # Babel nl_BE, no-break space


def test_changes_since_a_previous_version(dataset: Dataset) -> None:
    # The previous version, built here: R08 still in procedure there is awarded now (moved in this test).
    period = Period(start=dt.date(2018, 3, 1), end=dt.date(2018, 12, 31), precision=Precision.MONTH)
    award = {"status": RowStatus.AWARDED, "amount": D("12500.00"), "beneficiary": "Deloitte Consulting"}
    award["period"] = period
    current = replace_row(dataset, "R08", **award)
    brief = analyse(current, "nl", previous=dataset)
    assert brief.changes is not None and len(brief.changes.lines) == 1
    line = brief.changes.lines[0]
    assert (line.subject, line.kind.code) == ("R08", "awarded")
    assert "€\u00a012.500,00" in line.text and "Deloitte Consulting" in line.text and "maart 2018" in line.text
    figures = {f.name: f for f in brief.changes.figures}
    assert figures["total.public_contract"].delta == D("12500.00")
    assert figures["rows_in_procedure"].delta == -1
    assert analyse(dataset, "nl").changes is None
