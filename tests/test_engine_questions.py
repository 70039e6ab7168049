"""sebrief.engine on whole questions: the bundled one (each part's status, totals per kind, signals and
follow-up questions as the answer gives them) and fictional ones of other shapes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset, VatBasis
from sebrief.engine.analyse import analyse
from sebrief.engine.brief import Brief, KindTotal

ROOT = Path(__file__).resolve().parents[1]
D = Decimal


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("engine") / "sv-221-2017-2018"
    result = CliRunner().invoke(
        main, ["migrate", str(ROOT / "tests" / "fixtures" / "v1" / "sv-221-2017-2018"), "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    return load_dataset(folder)


@pytest.fixture(scope="module")
def brief(v2: Dataset) -> Brief:
    return analyse(v2, "nl")


def test_every_part_and_subpart_has_a_status(brief: Brief) -> None:
    statuses = {p.part_id: p.status.code for p in brief.coverage}
    # As the source has it: 1a-1c reconstructed (1a inferred only, 1b partly stated, 1c silent); 2b lacks the
    # planned period of the two rows in procedure; 2a, 2c and 2d are complete for the awarded rows.
    assert statuses == {
        "1": "partly", "1a": "not_answered", "1b": "partly", "1c": "not_answered",
        "2": "partly", "2a": "answered", "2b": "partly", "2c": "answered", "2d": "answered",
    }  # fmt: skip


def _kind_totals(brief: Brief) -> dict[str, list[tuple[str, Decimal]]]:
    assert brief.totals is not None
    return {k.kind.code: [(a.column.vat_basis.code, a.amount) for a in k.amounts] for k in brief.totals.per_kind}


def _contract(brief: Brief) -> KindTotal:
    assert brief.totals is not None
    return next(k for k in brief.totals.per_kind if k.kind.code == "public_contract")


def test_totals_per_kind_from_the_source(brief: Brief) -> None:
    assert _kind_totals(brief) == {
        "subsidy_call": [(VatBasis.NOT_STATED.value, D("315342.98"))],
        "public_contract": [(VatBasis.EXCL_VAT.value, D("350371.57"))],
    }
    contract = _contract(brief)
    assert (contract.rows, contract.awarded, contract.in_procedure) == (15, 13, 2)


def test_points_of_attention_from_the_source(brief: Brief, v2: Dataset) -> None:
    assert [s.id for s in brief.signals] == [
        "S-BELOW-30000", "S-CLUSTER-CRONOS-30000", "S-CLUSTER-DELOITTE-CONSULTING-30000", "S-CONCENTRATION",
    ]  # fmt: skip
    by_id = {s.id: s for s in brief.signals}
    assert by_id["S-CLUSTER-CRONOS-30000"].amount == D("55373.00")  # R10 28.175 + R12 27.198
    assert by_id["S-CLUSTER-DELOITTE-CONSULTING-30000"].amount == D("117760.00")  # 4 x 29.440
    assert not [note for note in analyse(v2, "en").method.notes if note.startswith(LEFT_OUT)]


def test_follow_up_on_every_gap(brief: Brief) -> None:
    follows = [set(q.follows_up_on) for q in brief.follow_up]
    assert [q.number for q in brief.follow_up] == list(range(1, len(brief.follow_up) + 1))
    for part in ("1a", "1b", "1c", "2b"):
        assert any(part in f for f in follows), part
    for item in ("A1.1", "A3.1", "A4.3", "A5.3"):  # the four sub-actions the answer does not address
        assert any(item in f for f in follows), item
    for row in ("R08", "R09"):  # in procedure
        assert any(row in f for f in follows), row
    for signal in brief.signals:
        if signal.kind.code != "concentration":
            assert any(signal.id in f for f in follows), signal.id
    texts = [q.text for q in brief.follow_up]
    assert len(texts) == len(set(texts))


LEFT_OUT = "Left out of the thresholds and supplier signals, for want of a VAT basis:"


def test_incl_vat_rows_are_converted_before_they_meet_a_threshold(v2: Dataset) -> None:
    # R13 (Smals, 63.626,46 excl. VAT) written incl. VAT instead: 76.988,02 incl. 21 % is 63.626,46 excl.
    row = v2.row("R13").model_copy(
        update={"amount": D("76988.02"), "vat_basis": VatBasis.INCL_VAT, "amount_text": "76.988,02 euro"}
    )
    changed = v2.model_copy(update={"rows": tuple(row if r.id == "R13" else r for r in v2.rows)})
    (total,) = _contract(analyse(changed, "en")).amounts
    assert total.column.vat_basis.code == VatBasis.EXCL_VAT.value and total.converted == 1
    assert total.amount == D("350371.57")
    unstated = row.model_copy(update={"vat_basis": VatBasis.NOT_STATED})
    silent = v2.model_copy(update={"rows": tuple(unstated if r.id == "R13" else r for r in v2.rows)})
    result = analyse(silent, "en")
    assert [note for note in result.method.notes if note.startswith(LEFT_OUT)] == [f"{LEFT_OUT} 1 row (R13)."]
    assert [a.column.vat_basis.code for a in _contract(result).amounts] == [
        VatBasis.EXCL_VAT.value,
        VatBasis.NOT_STATED.value,
    ]


# The whole brief, on the bundled question and on fictional questions of other shapes.

FIXTURES = ROOT / "tests" / "fixtures" / "datasets"


def test_brief_of_the_bundled_question(v2: Dataset) -> None:
    brief = analyse(v2, "nl")
    assert [p.part_id for p in brief.parts] == ["1", "2"]
    assert [s.part_id for s in brief.parts[0].subparts] == ["1a", "1b", "1c"]
    assert brief.parts[0].block_ids == ("X-INITIATIVES",)
    assert brief.parts[0].subparts[0].block_ids == ("C-TASKS",) and brief.parts[0].subparts[1].see_also == ("C-TASKS",)
    table = brief.block("T-ROWS")
    assert [c.part_id for c in table.columns] == ["2a", "2b", "2c", "2d"]  # type: ignore[union-attr]
    assert brief.totals is not None
    assert [(c.key, a.amount) for k in brief.totals.per_kind for a in k.amounts for c in [a.column]] == [
        ("subsidy_call:not_stated", D("315342.98")),
        ("public_contract:excl_vat", D("350371.57")),
    ]
    deloitte = next(g for g in brief.totals.per_beneficiary if g.key == "Deloitte Consulting")
    assert deloitte.amounts == (D("0.00"), D("117760.00")) and deloitte.procurement_share == D("0.3361")
    pillars = next(g for g in brief.totals.per_grouping if g.grouping.code == "pillar")
    assert pillars.multiple and pillars.note
    planned = [q for q in brief.follow_up if "A2.1" in q.follows_up_on]
    assert len(planned) == 1 and "gepland" in planned[0].text.lower()
    assert brief.timeline is not None and brief.timeline.date_asked.isoformat() == "2018-01-19"
    assert any("niet in de brontekst" in note for note in brief.method.notes)


def test_studies_answered_in_two_tables_incl_vat() -> None:
    brief = analyse(load_dataset(FIXTURES / "fictional-studies-2021-2023"), "en")
    assert brief.totals is not None
    totals = {k.kind.code: [(a.column.vat_basis.code, a.amount) for a in k.amounts] for k in brief.totals.per_kind}
    # Hand-added from the fictional answer's two tables (amounts incl. VAT).
    assert totals == {
        "study_policy": [("incl_vat", D("1417195.00"))],
        "study_evaluation": [("incl_vat", D("431304.50"))],
    }
    statuses = {c.part_id: (c.status.code, c.basis.code) for c in brief.coverage}
    assert statuses["3"] == ("not_answered", "stated") and statuses["4"] == ("not_answered", "not_addressed")
    # Four awards to one supplier, each just under 30.000 excl. VAT once converted from incl. VAT.
    cluster = next(s for s in brief.signals if s.kind.code == "same_supplier_cluster")
    assert cluster.supplier == "Studiebureau Verzinsel" and cluster.amount == D("118950.00")
    assert set(cluster.rows) == {"A03", "A04", "B04", "B05"}
    follows = {f for q in brief.follow_up for f in q.follows_up_on}
    assert {"3", "4", "A07", cluster.id} <= follows
    a03 = brief.row("A03")
    assert (a03.amount, a03.amount_excl_vat, a03.converted) == (D("35937.00"), D("29700.00"), True)
    assert [b.id for b in brief.blocks if b.kind == "table"] == ["T-POLICY", "T-EVALUATION"]


def test_a_question_answered_only_in_words() -> None:
    brief = analyse(load_dataset(FIXTURES / "fictional-text-only-2019-2020"), "nl")
    assert brief.totals is None and brief.timeline is None and brief.rows == () and brief.signals == ()
    assert {c.part_id: c.status.code for c in brief.coverage} == {"1": "not_answered", "2": "partly", "3": "answered"}
    assert [q.follows_up_on for q in brief.follow_up] == [("1",), ("2",)]


def test_follow_up_stays_readable_on_a_long_table(tmp_path: Path) -> None:
    """Hundreds of clusters and rows in procedure: the largest asked about one by one, the rest together."""
    import csv
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from grow import grow

    folder = grow(1500, tmp_path / "grown")
    with (folder / "rows.csv").open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    for record in records[100:130]:  # thirty more rows in procedure
        record.update(status="in_procedure", amount="", beneficiary="", beneficiary_count="")
    with (folder / "rows.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    brief = analyse(load_dataset(folder), "nl")
    clusters = [s for s in brief.signals if s.kind.code == "same_supplier_cluster"]
    assert len(clusters) > 20
    pending = [row.id for row in brief.rows if row.status.code == "in_procedure"]
    assert len(pending) == 32
    on_rows = [q for q in brief.follow_up if set(q.follows_up_on) & set(pending)]
    assert len(on_rows) == 1 and set(on_rows[0].follows_up_on) == set(pending)
    assert "32 rijen waren nog in procedure" in on_rows[0].text and "en nog 20" in on_rows[0].text
    asked_alone = [q for q in brief.follow_up if len(set(q.follows_up_on) & {s.id for s in clusters}) == 1]
    assert len(asked_alone) == 10
    largest = sorted(clusters, key=lambda s: -(s.amount or 0))[:10]
    assert {q.follows_up_on[0] for q in asked_alone} == {s.id for s in largest}
    together = [q for q in brief.follow_up if len(set(q.follows_up_on) & {s.id for s in clusters}) > 1]
    assert len(together) == 1 and len(together[0].follows_up_on) == len(clusters) - 10
    assert all(len(q.text) < 1200 for q in brief.follow_up)
    # A key point names the first five points of attention and counts the others: a page holds it.
    (attention,) = (k for k in brief.key_points if k.label == "Aandachtspunten")
    assert attention.value == str(len(brief.signals)) and f"en nog {len(brief.signals) - 5}" in attention.detail
    assert len(attention.detail) < 800
