"""sebrief.dataset.load: a version 2 dataset loaded, its problems located, each with a fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset
from sebrief.errors import DatasetError


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
def broken(dataset_copy: Path) -> Path:
    """A copy of the bundled dataset that a test breaks."""
    return dataset_copy


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
    assert "unknown columns" in problem and "and 99,990 more" in problem and len(problem) < 2_000


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


def test_rows_share_their_fields_sets_without_changing_what_they_say(dataset: Dataset) -> None:
    # A table of 100,000 rows must not carry pydantic's per-row record of the fields set (2 KB a
    # row): rows that set the same fields share one, and each still reports exactly its own.
    rows = dataset.rows
    assert len({id(row.__pydantic_fields_set__) for row in rows}) < len(rows) > 2
    first = rows[0]
    assert first.model_fields_set == {*type(first).model_fields}  # the loader gives every column
    assert first.model_dump(exclude_unset=True) == first.model_dump()
    changed = first.model_copy(update={"procedure": "onderhandelingsprocedure"})
    assert changed.model_fields_set is not first.model_fields_set
    changed.model_fields_set.discard("note")  # a copy's set is its own: the shared one is untouched
    assert all("note" in row.model_fields_set for row in rows)
