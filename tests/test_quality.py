"""Code quality and the committed JSON Schema: ruff, mypy, and data/dataset.schema.json in sync."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.reading import _Loader

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "data" / "dataset.schema.json"
BUNDLED_MAIN = ROOT / "data" / "sv-221-2017-2018" / "dataset.yaml"


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def report(result: subprocess.CompletedProcess[str]) -> str:
    """The tool's output with very long lines (mypy prints whole Literal types) shortened."""
    return "\n".join(
        line if len(line) <= 400 else line[:400] + " …" for line in (result.stdout + result.stderr).splitlines()
    )


@pytest.mark.parametrize(
    "args",
    [("ruff", "check", "src", "tests"), ("ruff", "format", "--check", "src", "tests")],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff(args: tuple[str, ...]) -> None:
    result = run_tool(*args)
    assert result.returncode == 0, report(result)


def test_mypy_strict() -> None:
    """mypy with the configuration of pyproject.toml (strict, the files it lists)."""
    result = run_tool("mypy")
    assert result.returncode == 0, report(result)


# --- the JSON Schema of dataset.yaml -------------------------------------------------------


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


def load_yaml(path: Path) -> Any:
    """dataset.yaml as plain data, with dates kept as the strings they are written as."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # _Loader is a SafeLoader


def test_committed_schema_is_the_generated_one() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema(), "data/dataset.schema.json is stale: run `sebrief schema`"
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8"), "regenerate it with `sebrief schema`"


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_bundled_dataset_validates_against_the_schema() -> None:
    data = load_yaml(BUNDLED_MAIN)
    assert not any(isinstance(value, dt.date) for value in data["metadata"].values())
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)]
    assert errors == []


def test_schema_refuses_what_the_loader_refuses() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    data = load_yaml(BUNDLED_MAIN)
    data["metadata"]["numbr"] = 222
    del data["question"]
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert len(messages) == 2
    assert any("'question' is a required property" in message for message in messages)
    assert any("'numbr' was unexpected" in message for message in messages)


# --- no question's words in the code -------------------------------------------------------

# Words of the bundled question (SV 221): they belong in its dataset (data/) and in the tests, never
# in the code, templates or message catalogs that must serve any question of the genre.
QUESTION_WORDS = re.compile(r"convenant|pijler|sociale economie", re.IGNORECASE)


def question_words_in(*folders: str) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            text = path.read_bytes().decode("utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), start=1):
                if QUESTION_WORDS.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    return found


def test_the_question_words_check_finds_them() -> None:
    assert QUESTION_WORDS.search("het Convenant") and QUESTION_WORDS.search("PIJLER 3")
    assert QUESTION_WORDS.search("de Sociale Economie") and not QUESTION_WORDS.search("sociale-economieondernemingen")
    assert question_words_in("data/sv-221-2017-2018"), "the bundled dataset itself uses these words"


def test_no_question_words_in_the_code_or_templates() -> None:
    assert question_words_in("src", "templates") == []


def bundled_subpart_labels() -> list[str]:
    """The bundled question's subpart labels ('1a', '2d'), read from its dataset."""
    question = yaml.safe_load(BUNDLED_MAIN.read_text(encoding="utf-8"))["question"]
    return [str(sub["id"]) for part in question["parts"] for sub in part.get("subparts") or ()]


def names_the_bundled_question(text: str, labels: list[str]) -> list[str]:
    """The bundled question's words, subpart labels and ranges of them ('1a-c') found in ``text``."""
    found = [match.group(0) for match in QUESTION_WORDS.finditer(text)]
    for label in labels:
        # a label on its own ('parts 1a and 2b') or opening a range ('1a-c'), not inside a word or id
        found += re.findall(rf"(?<![\w.-]){re.escape(label)}(?:-[a-z])?(?![\w.])", text, flags=re.IGNORECASE)
    return found


def help_texts() -> dict[str, str]:
    """The --help of sebrief and of each of its commands."""
    runner = CliRunner()
    commands = main.list_commands(click.Context(main))
    texts = {"sebrief": runner.invoke(main, ["--help"], terminal_width=200).output}
    for name in commands:
        result = runner.invoke(main, [name, "--help"], terminal_width=200)
        assert result.exit_code == 0, result.output
        texts[f"sebrief {name}"] = result.output
    return texts


def catalog_messages() -> dict[str, str]:
    """Every msgid and msgstr of the Dutch catalogs, by where it is."""
    from babel.messages.pofile import read_po

    texts = {}
    for po in sorted((ROOT / "src" / "sebrief" / "locale").rglob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle):
                for n, text in enumerate(
                    [*(message.id if isinstance(message.id, tuple) else (message.id,)),
                     *(message.string if isinstance(message.string, tuple) else (message.string,))]
                ):  # fmt: skip
                    if text:
                        texts[f"{po.name}: {message.id!r} [{n}]"] = text
    return texts


def test_the_bundled_question_check_finds_its_labels() -> None:
    labels = bundled_subpart_labels()
    assert labels == ["1a", "1b", "1c", "2a", "2b", "2c", "2d"]
    assert names_the_bundled_question("the workbook that answers parts 1a-c and 2a-d", labels) == ["1a-c", "2a-d"]
    assert names_the_bundled_question("Deelvraag 2b blijft open; zie het Convenant.", labels) == ["Convenant", "2b"]
    assert names_the_bundled_question("sheet A1:B2, row R1a, version 2.1a, hash 0x1a2b", labels) == []


def test_no_help_text_names_the_bundled_question() -> None:
    texts = help_texts()
    assert {"sebrief", "sebrief build", "sebrief xlsx", "sebrief validate", "sebrief new"} <= set(texts)
    labels = bundled_subpart_labels()
    found = {where: hits for where, text in texts.items() if (hits := names_the_bundled_question(text, labels))}
    assert found == {}


def test_no_catalog_message_names_the_bundled_question() -> None:
    texts = catalog_messages()
    assert len(texts) > 500, "the catalogs were not read"
    labels = bundled_subpart_labels()
    found = {where: hits for where, text in texts.items() if (hits := names_the_bundled_question(text, labels))}
    assert found == {}
