"""sebrief init: a new version 2 dataset's files, which validate only once curated, and never overwrite."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from sebrief.errors import OutputError
from sebrief.schema import dataset_json_schema
from sebrief.skeleton import COLUMN_HELP, ROW_COLUMNS, skeleton_files, write_skeleton

FILES = ["README.md", "dataset.schema.json", "dataset.yaml", "rows.csv", "source.txt"]
# Every field of dataset.yaml a new dataset must fill in, by the line of the skeleton it stands on.
TO_FILL = [
    "id",
    "metadata.parliament",
    "metadata.document_type",
    "metadata.number",
    "metadata.session_year",
    "metadata.date_asked",
    "metadata.asker.first_name",
    "metadata.asker.last_name",
    "metadata.minister.first_name",
    "metadata.minister.last_name",
    "metadata.minister.portfolio",
    "metadata.title",
    "metadata.source.description.nl",
    "metadata.source.description.en",
    "question.parts[0].text",
]


def init(folder: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output


def validate(folder: Path) -> list[str]:
    result = CliRunner().invoke(main, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    return result.stderr.splitlines()[1:]


def test_init_writes_the_skeleton(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "sv-new"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == FILES
    assert f"sebrief validate {folder}" in result.stdout
    main_file = (folder / "dataset.yaml").read_text(encoding="utf-8")
    assert main_file.splitlines()[0] == "# yaml-language-server: $schema=dataset.schema.json"
    assert json.loads((folder / "dataset.schema.json").read_text(encoding="utf-8")) == dataset_json_schema()
    assert (folder / "rows.csv").read_bytes() == (",".join(ROW_COLUMNS) + "\n").encode("utf-8")
    assert "Paste here the text" in (folder / "source.txt").read_text(encoding="utf-8")
    parsed = yaml.safe_load(main_file)
    assert parsed["schema_version"] == 2
    assert parsed["metadata"]["source"]["file"] == "source.txt"
    assert parsed["metadata"]["date_answered"] is None
    assert parsed["question"]["parts"] == [{"id": "1", "text": None, "answered_by": [], "subparts": []}]
    assert (parsed["kinds"], parsed["groupings"], parsed["answer"]["blocks"]) == ([], [], [])


def test_validate_lists_exactly_what_is_still_to_fill_in(tmp_path: Path) -> None:
    init(tmp_path / "new")
    lines = (tmp_path / "new" / "dataset.yaml").read_text(encoding="utf-8").splitlines()
    expected = []
    for field in TO_FILL:
        key = field.rsplit(".", 1)[-1].replace("parts[0].", "")
        # the first line of the skeleton, after the field's parent, that holds the key with no value
        parent = field.rsplit(".", 1)[0].rsplit(".", 1)[-1].split("[")[0] if "." in field else ""
        start = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{parent}:")) if parent else 0
        number = next(
            i + 1
            for i, line in enumerate(lines[start:], start)
            if re.match(rf"\s*(- )?{re.escape(key)}:\s*(#|$)", line)
        )
        expected.append(f"  dataset.yaml, line {number}: {field}: is empty; fill it in")
    assert validate(tmp_path / "new") == expected


def test_filling_in_the_fields_leads_to_the_quotes(tmp_path: Path) -> None:
    """Once the fields are filled in, validate checks the quotes against the source text, which is still
    the placeholder: the title and the part's text are not in it."""
    folder = tmp_path / "new"
    init(folder)
    text = (folder / "dataset.yaml").read_text(encoding="utf-8")
    values = {
        "id": "sv-305-2018-2019", "parliament": "Vlaams Parlement", "document_type": "schriftelijke vraag",
        "number": "305", "session_year": "2018-2019", "date_asked": "2019-01-09", "first_name": "Voornaam",
        "last_name": "Achternaam", "portfolio": "minister van Voorbeelden", "title": "Een titel",
        "nl": "Tekstlaag", "en": "Text layer", "text": "Een vraag?",
    }  # fmt: skip
    for key, value in values.items():
        text = re.sub(rf"^(\s*(?:- )?{key}:)[ \t]*(#.*)?$", rf"\g<1> {value}", text, flags=re.MULTILINE)
    (folder / "dataset.yaml").write_text(text, encoding="utf-8")
    problems = validate(folder)
    assert [p.split(": ", 2)[1] for p in problems] == ["metadata.title", "question.parts[0].text"]
    assert all("not found verbatim in the source text" in p for p in problems)
    (folder / "source.txt").write_text("Een titel\n\nEen vraag?\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["sv-305-2018-2019: valid", "  Rows: none (the answer has no table)"]


def test_the_commented_examples_are_valid_blocks(tmp_path: Path) -> None:
    """Uncommented, each example in the skeleton is read as the block, kind or grouping it shows."""
    text = skeleton_files()["dataset.yaml"].decode("utf-8")
    kinds = re.search(r"^kinds: \[\]\n((?:#.*\n)+)", text, re.MULTILINE)
    blocks = re.search(r"^  blocks: \[\].*\n((?:  #.*\n)+)", text, re.MULTILINE)
    assert kinds and blocks
    examples = yaml.safe_load(re.sub(r"^( *)# ?", r"\1", blocks.group(1), flags=re.MULTILINE))
    assert [block["kind"] for block in examples] == ["table", "classification", "figures", "text"]
    assert yaml.safe_load(re.sub(r"^#", "", kinds.group(1), flags=re.MULTILINE))[0]["procurement"] is True


def test_readme_explains_every_column_and_field() -> None:
    readme = skeleton_files()["README.md"].decode("utf-8")
    assert sorted(ROW_COLUMNS) == sorted((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS))
    assert set(COLUMN_HELP) == set(ROW_COLUMNS)
    assert all(f"| `{column}` |" in readme for column in ROW_COLUMNS)
    for field in (
        "metadata.date_asked", "question.parts", "kinds", "groupings", "answer.passages", "answer.blocks",
        "answered_by", "binds", "categories", "not_addressed", "basis", "figures", "vat_basis",
    ):  # fmt: skip
        assert f"`{field}`" in readme, field
    for kind in ("table", "classification", "figures", "text"):
        assert f"**`{kind}`**" in readme


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 4
    assert "is not empty" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_refuses_a_file_and_accepts_an_empty_folder(tmp_path: Path) -> None:
    file = tmp_path / "a-file"
    file.write_text("", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(main, ["init", str(file)])
    assert refused.exit_code == 2 and "is a file" in refused.stderr  # a usage error: DIR must be a folder
    with pytest.raises(OutputError, match="it is a file"):
        write_skeleton(file)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(main, ["init", str(empty)]).exit_code == 0
    assert sorted(p.name for p in empty.iterdir()) == FILES


def test_the_skeleton_is_the_same_every_time(tmp_path: Path) -> None:
    init(tmp_path / "a")
    init(tmp_path / "b")
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["init", "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout
