"""The general engine on the bundled question converted to version 2: the same answers as before."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief.analysis import analyse
from sebrief.brief import Brief
from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset, VatBasis
from sebrief.engine import Assessment, assess
from sebrief.model import Dataset as DatasetV1

ROOT = Path(__file__).resolve().parents[1]
D = Decimal


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("engine") / "sv-221-2017-2018"
    result = CliRunner().invoke(main, ["migrate", str(ROOT / "data" / "sv-221-2017-2018"), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return load_dataset(folder)


@pytest.fixture(scope="module")
def assessed(v2: Dataset) -> Assessment:
    return assess(v2, "nl")


@pytest.fixture(scope="module")
def before(dataset: DatasetV1) -> Brief:
    return analyse(dataset, "nl")


def test_every_part_and_subpart_has_a_status(assessed: Assessment) -> None:
    statuses = {p.part_id: p.status.value for p in assessed.parts}
    # As the source has it: 1a-1c reconstructed (1a inferred only, 1b partly stated, 1c silent); 2b lacks the
    # planned period of the two rows in procedure; 2a, 2c and 2d are complete for the awarded rows.
    assert statuses == {
        "1": "partly", "1a": "not_answered", "1b": "partly", "1c": "not_answered",
        "2": "partly", "2a": "answered", "2b": "partly", "2c": "answered", "2d": "answered",
    }  # fmt: skip


def test_statuses_equal_the_first_engines(assessed: Assessment, before: Brief) -> None:
    now = {p.part_id: p.status.value for p in assessed.parts}
    then = {c.part_id: c.status.code for c in before.coverage}
    assert then == {k: now[k] for k in then}


def test_totals_per_kind_from_the_source(assessed: Assessment) -> None:
    totals = {k.kind: [(t.vat_basis, t.amount) for t in k.totals] for k in assessed.kinds}
    assert totals == {
        "subsidy_call": [(VatBasis.NOT_STATED, D("315342.98"))],
        "public_contract": [(VatBasis.EXCL_VAT, D("350371.57"))],
    }
    contract = next(k for k in assessed.kinds if k.kind == "public_contract")
    assert (contract.rows, contract.awarded, contract.in_procedure) == (15, 13, 2)


def test_the_same_points_of_attention(assessed: Assessment, before: Brief) -> None:
    assert [s.id for s in assessed.signals] == [s.id for s in before.signals]
    assert [s.amount for s in assessed.signals] == [s.amount for s in before.signals]
    assert assessed.not_compared == ()


def test_follow_up_on_every_gap(assessed: Assessment) -> None:
    follows = [set(q.follows_up_on) for q in assessed.follow_up]
    assert [q.number for q in assessed.follow_up] == list(range(1, len(assessed.follow_up) + 1))
    for part in ("1a", "1b", "1c", "2b"):
        assert any(part in f for f in follows), part
    for item in ("A1.1", "A3.1", "A4.3", "A5.3"):  # the four sub-actions the answer does not address
        assert any(item in f for f in follows), item
    for row in ("R08", "R09"):  # in procedure
        assert any(row in f for f in follows), row
    for signal in assessed.signals:
        if signal.kind.code != "concentration":
            assert any(signal.id in f for f in follows), signal.id
    texts = [q.text for q in assessed.follow_up]
    assert len(texts) == len(set(texts))


def test_incl_vat_rows_are_converted_before_they_meet_a_threshold(v2: Dataset) -> None:
    # R13 (Smals, 63.626,46 excl. VAT) written incl. VAT instead: 76.988,02 incl. 21 % is 63.626,46 excl.
    row = v2.row("R13").model_copy(
        update={"amount": D("76988.02"), "vat_basis": VatBasis.INCL_VAT, "amount_text": "76.988,02 euro"}
    )
    changed = v2.model_copy(update={"rows": tuple(row if r.id == "R13" else r for r in v2.rows)})
    contract = next(k for k in assess(changed).kinds if k.kind == "public_contract")
    (total,) = contract.totals
    assert total.vat_basis is VatBasis.EXCL_VAT and total.converted == 1
    assert total.amount == D("350371.57")
    unstated = row.model_copy(update={"vat_basis": VatBasis.NOT_STATED})
    silent = v2.model_copy(update={"rows": tuple(unstated if r.id == "R13" else r for r in v2.rows)})
    result = assess(silent)
    assert result.not_compared == ("R13",)
    contract = next(k for k in result.kinds if k.kind == "public_contract")
    assert [t.vat_basis for t in contract.totals] == [VatBasis.EXCL_VAT, VatBasis.NOT_STATED]
