"""sebrief init: a new dataset's files, which validate only once curated, and never overwrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.errors import OutputError
from sebrief.load import ROW_COLUMNS
from sebrief.schema import dataset_json_schema
from sebrief.skeleton import COLUMN_HELP, skeleton_files, write_skeleton

FILES = ["README.md", "dataset.schema.json", "dataset.yaml", "rows.csv", "source.txt"]


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
    assert parsed["metadata"]["source"]["file"] == "source.txt"
    assert parsed["metadata"]["date_answered"] is None


def test_readme_explains_every_column_and_field() -> None:
    readme = skeleton_files()["README.md"].decode("utf-8")
    assert all(column in COLUMN_HELP for column in ROW_COLUMNS)
    assert all(f"| `{column}` |" in readme for column in ROW_COLUMNS)
    for field in ("metadata.date_asked", "question.parts", "answer.pillars", "convenant_actions", "modes", "basis"):
        assert f"`{field}`" in readme


def test_validate_lists_the_fields_to_fill(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "new")]).exit_code == 0
    result = runner.invoke(main, ["validate", str(tmp_path / "new")])
    assert result.exit_code == 3
    messages = result.stderr
    for field in (
        "id",
        "metadata.parliament",
        "metadata.number",
        "metadata.date_asked",
        "metadata.asker.last_name",
        "metadata.minister.portfolio",
        "metadata.source.description.nl",
        "question.parts[0].text",
        "answer.pillars[0].number",
        "answer.pillars[0].text",
    ):
        assert f": {field}: " in messages, field
    assert "dataset.yaml, line 8: id: " in messages  # file, line and field
    assert "rows.csv, line 2: no table rows" in messages
    # Every key of the skeleton is a field of the schema: no message asks to remove one.
    assert "unknown field" not in messages
    assert "date_answered" not in messages and "language" not in messages


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


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["init", "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout
