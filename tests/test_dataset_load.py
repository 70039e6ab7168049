"""The dataset format, version 2: the bundled question converted and loaded, problems located with a fix."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import ClassificationBlock, Dataset, TableBlock, TextBlock
from sebrief.errors import DatasetError

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
V1 = ROOT / "tests" / "fixtures" / "v1" / "sv-221-2017-2018"
D = Decimal


@pytest.fixture(scope="module")
def v2_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("v2") / "sv-221-2017-2018"
    result = CliRunner().invoke(main, ["migrate", str(V1), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def v2(v2_folder: Path) -> Dataset:
    return load_dataset(v2_folder)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return [str(problem) for problem in caught.value.problems]


def edit_main(folder: Path, change: object) -> None:
    path = folder / "dataset.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def broken(v2_folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(v2_folder, target)
    return target


# The bundled question, converted: the same figures as the source's table.


def test_converted_question_has_the_sources_rows_and_amounts(v2: Dataset) -> None:
    assert len(v2.rows) == 17
    by_kind: dict[str, Decimal] = {}
    for row in v2.rows:
        by_kind[row.kind] = by_kind.get(row.kind, D(0)) + (row.amount or D(0))
    assert by_kind == {"subsidy_call": D("315342.98"), "public_contract": D("350371.57")}
    assert sum(1 for row in v2.rows if not row.is_awarded) == 2
    assert v2.row("R03").groupings == {"theme": ("research",), "pillar": ("2", "4")}
    assert v2.kind("public_contract").procurement and not v2.kind("subsidy_call").procurement


def test_converted_question_binds_each_part_to_its_block(v2: Dataset) -> None:
    parts = {part.id: part for part in v2.main.question.all_parts()}
    assert [p.id for p in v2.main.question.all_parts()] == ["1", "1a", "1b", "1c", "2", "2a", "2b", "2c", "2d"]
    table = v2.main.block("T-ROWS")
    assert isinstance(table, TableBlock)
    assert {b.part: b.column.value for b in table.binds} == {
        "2a": "description", "2b": "period", "2c": "beneficiary", "2d": "amount",
    }  # fmt: skip
    assert all(parts[p].answered_by == ("T-ROWS",) for p in ("2a", "2b", "2c", "2d"))
    tasks = v2.main.block("C-TASKS")
    assert isinstance(tasks, ClassificationBlock)
    assert {c.id: c.answers for c in tasks.categories if c.answers} == {
        "administration": "1a", "public_contract": "1b", "not_addressed": "1c",
    }  # fmt: skip
    assert len(tasks.items) == 12 and len(tasks.groups) == 5
    assert sum(1 for item in tasks.items if item.basis.value == "not_addressed") == 4
    assert isinstance(v2.main.block("X-INITIATIVES"), TextBlock)


def test_a_version_1_dataset_is_refused_with_the_command_that_converts_it() -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(V1)
    assert "format version 1" in str(caught.value) and "sebrief migrate" in str(caught.value)


def test_migrate_refuses_a_version_2_dataset(v2_folder: Path) -> None:
    result = CliRunner().invoke(main, ["migrate", str(v2_folder)])
    assert result.exit_code == 3 and "nothing to migrate" in result.output


# Problems, each located and with a fix.


def test_a_part_naming_an_unknown_block(broken: Path) -> None:
    edit_main(broken, lambda d: d["question"]["parts"][1]["subparts"][0].update(answered_by=["T-NOPE"]))
    problems = problems_of(broken)
    assert any("answered_by T-NOPE is not an id in answer.blocks" in p and "line" in p for p in problems)
    assert any("part 2a: block T-ROWS answers it; add T-ROWS to its answered_by" in p for p in problems)


def test_a_row_of_an_undefined_kind_and_grouping_value(broken: Path) -> None:
    text = (broken / "rows.csv").read_text(encoding="utf-8")
    text = text.replace("R03,public_contract,", "R03,framework_call_off,", 1).replace(
        ",research,2;4,", ",studies,2;4,", 1
    )
    (broken / "rows.csv").write_text(text, encoding="utf-8")
    problems = problems_of(broken)
    assert any(
        p.startswith("rows.csv, line 4, column kind: kind 'framework_call_off' is not defined") for p in problems
    )
    assert any(
        p.startswith("rows.csv, line 4, column theme: 'studies' is not a value of grouping theme") for p in problems
    )


def test_one_value_for_a_single_valued_grouping(broken: Path) -> None:
    text = (broken / "rows.csv").read_text(encoding="utf-8").replace(",research,2;4,", ",research;guide,2;4,", 1)
    (broken / "rows.csv").write_text(text, encoding="utf-8")
    assert any("grouping theme takes one value per row" in p for p in problems_of(broken))


def test_a_huge_header_gives_a_short_message_with_a_count(broken: Path) -> None:
    lines = (broken / "rows.csv").read_text(encoding="utf-8").splitlines()
    lines[0] += "," + ",".join(f"extra{i}" for i in range(100_000))
    (broken / "rows.csv").write_text("\n".join(lines[:1]) + "\n", encoding="utf-8")
    (problem,) = problems_of(broken)
    assert "unknown column(s)" in problem and "and 99,990 more" in problem and len(problem) < 2_000


def test_an_item_in_the_not_addressed_category_with_evidence(broken: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        block = next(b for b in data["answer"]["blocks"] if b["id"] == "C-TASKS")
        item = block["items"][0]
        item.update(basis="stated", evidence=["P-WEBSITE"])

    edit_main(broken, change)
    assert any("holds the items the answer does not address; set basis not_addressed" in p for p in problems_of(broken))


def test_a_figure_whose_value_does_not_match_its_text(broken: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        data["answer"]["blocks"].append(
            {
                "kind": "figures",
                "id": "F-TOTAL",
                "title": {"nl": "Totaal", "en": "Total"},
                "answers": [{"part": "2d", "status": "answered", "basis": "stated"}],
                "figures": [
                    {
                        "id": "F1",
                        "label": {"nl": "Innovatieoproep", "en": "Innovation call"},
                        "text": "275.342,98 euro",
                        "value": "275342.89",
                        "unit": "eur",
                        "vat_basis": "not_stated",
                    }
                ],
            }
        )
        data["question"]["parts"][1]["subparts"][3]["answered_by"].append("F-TOTAL")

    edit_main(broken, change)
    (problem,) = problems_of(broken)
    assert "figure F1: value 275342.89 does not match its text '275.342,98 euro', which reads 275342.98" in problem


def test_rows_share_their_fields_sets_without_changing_what_they_say(v2: Dataset) -> None:
    # A table of 100,000 rows must not carry pydantic's per-row record of the fields set (2 KB a
    # row): rows that set the same fields share one, and each still reports exactly its own.
    rows = v2.rows
    assert len({id(row.__pydantic_fields_set__) for row in rows}) < len(rows) > 2
    first = rows[0]
    assert first.model_fields_set == {*type(first).model_fields}  # the loader gives every column
    assert first.model_dump(exclude_unset=True) == first.model_dump()
    changed = first.model_copy(update={"procedure": "onderhandelingsprocedure"})
    assert changed.model_fields_set is not first.model_fields_set
    changed.model_fields_set.discard("note")  # a copy's set is its own: the shared one is untouched
    assert all("note" in row.model_fields_set for row in rows)
