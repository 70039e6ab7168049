"""Property tests: whatever the files hold, the version 2 loader returns a Dataset or raises DatasetError.

Random bytes and text stand in for dataset.yaml and the tables' CSV files, and the real files are
mutated (a line deleted or duplicated, characters swapped or inserted, the file truncated, a CSV
cell changed, a part of the YAML tree replaced by another value or by one from elsewhere in the
tree). The files are those of the bundled dataset (one table) and of the fictional studies dataset
(two tables, figures, text). No input may make the loader fail with any other exception, and
every problem must say where it is and what is wrong.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sebrief.dataset.load import MAIN_FILE, load_dataset
from sebrief.dataset.model import Dataset
from sebrief.errors import DatasetError
from sebrief.i18n import Translator

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
STUDIES = ROOT / "tests" / "fixtures" / "datasets" / "fictional-studies-2021-2023"
ROWS_FILE = "rows.csv"
FILES = {
    "bundled": {path.name: path.read_bytes() for path in sorted(BUNDLED.iterdir()) if path.is_file()},
    "studies": {path.name: path.read_bytes() for path in sorted(STUDIES.iterdir()) if path.is_file()},
}
ORIGINAL = FILES["bundled"]
TABLE_FILES = [("bundled", ROWS_FILE), ("studies", "policy.csv"), ("studies", "evaluation.csv")]

# Few examples per test, so that the module runs in about a minute; set SEBRIEF_PROPERTY_SCALE=20
# to search longer.
SCALE = int(os.environ.get("SEBRIEF_PROPERTY_SCALE", "1"))


def examples(count: int) -> settings:
    return settings(max_examples=count * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])


FAST = examples(60)
FULL = examples(40)

# Characters that mean something to YAML or CSV, mixed with ordinary and awkward ones.
SPECIAL = ":-[]{}#&*!|>'\"%@`,?\n\t \\;.0123456789"
awkward_text = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8", exclude_characters="\x00")),
    max_size=30,
)

DUTCH = Translator("nl")


def load_files(replace: dict[str, bytes], base: str = "bundled") -> Dataset | None:
    """Write a dataset with some files replaced, load it and check the outcome."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in {**FILES[base], **replace}.items():
            (folder / name).write_bytes(data)
        try:
            return load_dataset(folder)
        except DatasetError as error:
            assert error.problems, "a DatasetError must list at least one problem"
            for problem in error.problems:
                assert problem.file and str(problem.message).strip(), problem
                assert str(problem).strip()
                assert problem.text(DUTCH).strip()  # every message and its values render in Dutch too
            return None


def lines_of(name: str, base: str = "bundled") -> list[str]:
    return FILES[base][name].decode("utf-8").splitlines(keepends=True)


# --- random content ----------------------------------------------------------------------


@FAST
@given(data=st.binary(max_size=3000))
def test_random_bytes_as_dataset_yaml(data: bytes) -> None:
    assert load_files({MAIN_FILE: data}) is None


@FAST
@given(text=st.text(max_size=2000))
def test_random_text_as_dataset_yaml(text: str) -> None:
    load_files({MAIN_FILE: text.encode("utf-8", errors="surrogatepass")})


@FAST
@given(text=st.text(alphabet=st.sampled_from(SPECIAL + "abcxyz"), max_size=400))
def test_yaml_punctuation_soup(text: str) -> None:
    load_files({MAIN_FILE: text.encode("utf-8")})


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | awkward_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(awkward_text, children, max_size=4),
    max_leaves=20,
)


@FAST
@given(value=json_like)
def test_well_formed_yaml_of_the_wrong_shape(value: object) -> None:
    load_files({MAIN_FILE: yaml.safe_dump(value, allow_unicode=True).encode("utf-8")})


@FAST
@given(table=st.sampled_from(TABLE_FILES), data=st.binary(max_size=3000))
def test_random_bytes_as_a_table(table: tuple[str, str], data: bytes) -> None:
    base, name = table
    assert load_files({name: data}, base) is None


@FAST
@given(table=st.sampled_from(TABLE_FILES), text=st.text(max_size=2000))
def test_random_text_as_a_table(table: tuple[str, str], text: str) -> None:
    base, name = table
    load_files({name: text.encode("utf-8", errors="surrogatepass")}, base)


@FAST
@given(table=st.sampled_from(TABLE_FILES), rows=st.lists(st.lists(awkward_text, min_size=0, max_size=25), max_size=5))
def test_random_rows_under_the_real_header(table: tuple[str, str], rows: list[list[str]]) -> None:
    base, name = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(lines_of(name, base)[0].strip().split(","))
    writer.writerows(rows)
    load_files({name: out.getvalue().encode("utf-8", errors="surrogatepass")}, base)


# --- mutations of the real files ---------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, name: str, base: str = "bundled") -> bytes:
    """The real file after one to three random edits."""
    text = FILES[base][name].decode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        lines = text.splitlines(keepends=True) or [""]
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert", "replace-line"]))
        line = draw(st.integers(0, len(lines) - 1))
        position = draw(st.integers(0, max(len(text) - 1, 0)))
        if operation == "delete":
            del lines[line]
            text = "".join(lines)
        elif operation == "duplicate":
            lines.insert(line, lines[line])
            text = "".join(lines)
        elif operation == "swap" and len(text) > 1:
            position = min(position, len(text) - 2)
            text = text[:position] + text[position + 1] + text[position] + text[position + 2 :]
        elif operation == "truncate":
            text = text[:position]
        elif operation == "insert":
            text = text[:position] + draw(awkward_text) + text[position:]
        else:
            lines[line] = draw(awkward_text) + "\n"
            text = "".join(lines)
    return text.encode("utf-8", errors="surrogatepass")


@FULL
@given(data=mutated(MAIN_FILE))
def test_mutated_dataset_yaml(data: bytes) -> None:
    load_files({MAIN_FILE: data})


@FULL
@given(data=mutated(MAIN_FILE, "studies"))
def test_mutated_dataset_yaml_with_figures_and_two_tables(data: bytes) -> None:
    load_files({MAIN_FILE: data}, "studies")


@FULL
@given(data=mutated(ROWS_FILE))
def test_mutated_rows_csv(data: bytes) -> None:
    load_files({ROWS_FILE: data})


@FULL
@given(policy=mutated("policy.csv", "studies"), evaluation=mutated("evaluation.csv", "studies"))
def test_both_tables_mutated(policy: bytes, evaluation: bytes) -> None:
    load_files({"policy.csv": policy, "evaluation.csv": evaluation}, "studies")


@FULL
@given(data=mutated("source.txt"))
def test_mutated_source_text(data: bytes) -> None:
    load_files({"source.txt": data})


@st.composite
def yaml_with_a_changed_value(draw: st.DrawFn, base: str = "bundled") -> bytes:
    """dataset.yaml with the value of one `key: value` line replaced by something random."""
    lines = lines_of(MAIN_FILE, base)
    candidates = [i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
    index = draw(st.sampled_from(candidates))
    key = lines[index].split(": ", 1)[0]
    value = draw(
        st.one_of(
            awkward_text,
            st.sampled_from(["", "null", "[]", "{}", "-1", "1e999", "2018-02-30", "table", "figures", "T-ROWS"]),
        )
    )
    lines[index] = f"{key}: {value}\n"
    return "".join(lines).encode("utf-8", errors="surrogatepass")


@FULL
@given(data=yaml_with_a_changed_value())
def test_yaml_value_replaced(data: bytes) -> None:
    load_files({MAIN_FILE: data})


@FULL
@given(data=yaml_with_a_changed_value("studies"))
def test_yaml_value_replaced_with_figures_and_two_tables(data: bytes) -> None:
    load_files({MAIN_FILE: data}, "studies")


YAML_TAGS = ["bool", "int", "float", "timestamp", "binary", "null", "str", "set", "omap", "pairs", "seq", "map"]


@st.composite
def yaml_with_a_tagged_value(draw: st.DrawFn) -> bytes:
    """dataset.yaml with an explicitly tagged value (``!!bool maybe``), which PyYAML may fail to build."""
    lines = lines_of(MAIN_FILE)
    candidates = [i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
    index = draw(st.sampled_from(candidates))
    key = lines[index].split(": ", 1)[0]
    tag = draw(st.sampled_from(YAML_TAGS))
    value = draw(st.one_of(awkward_text, st.sampled_from(["", "[]", "{}", "[a]", "{a: 1}", "1" * 5000, "x:y"])))
    lines[index] = f"{key}: !!{tag} {value}\n"
    return "".join(lines).encode("utf-8", errors="surrogatepass")


@FULL
@given(data=yaml_with_a_tagged_value())
def test_yaml_tagged_value(data: bytes) -> None:
    load_files({MAIN_FILE: data})


def subtrees(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every node of a parsed YAML tree."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += subtrees(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += subtrees(value, (*path, index))
    return found


def replaced(tree: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(tree, dict):
        return {**tree, head: replaced(tree[head], rest, value)}
    return [replaced(item, rest, value) if index == head else item for index, item in enumerate(tree)]


def node_at(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree


@st.composite
def yaml_with_a_replaced_subtree(draw: st.DrawFn, base: str) -> bytes:
    """dataset.yaml with one node of its tree (a block, a part, a figure, a value...) replaced by a
    random value or by another node of the same tree (a table where a text block was, a figure as a part)."""
    tree = yaml.safe_load(FILES[base][MAIN_FILE].decode("utf-8"))
    paths = subtrees(tree)
    target = draw(st.sampled_from(paths[1:]))
    value = draw(st.one_of(json_like, st.sampled_from(paths).map(lambda path: node_at(tree, path))))
    text = yaml.safe_dump(replaced(tree, target, value), allow_unicode=True, sort_keys=False)
    return text.encode("utf-8", errors="surrogatepass")


@FULL
@given(data=yaml_with_a_replaced_subtree("bundled"))
def test_yaml_subtree_replaced(data: bytes) -> None:
    load_files({MAIN_FILE: data})


@FULL
@given(data=yaml_with_a_replaced_subtree("studies"))
def test_yaml_subtree_replaced_with_figures_and_two_tables(data: bytes) -> None:
    load_files({MAIN_FILE: data}, "studies")


@st.composite
def csv_with_a_changed_cell(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """A table's CSV file with random characters inserted into one cell, or the cell replaced."""
    base, name = draw(st.sampled_from(TABLE_FILES))
    rows = list(csv.reader(io.StringIO(FILES[base][name].decode("utf-8"), newline="")))
    row = draw(st.integers(0, len(rows) - 1))
    column = draw(st.integers(0, len(rows[row]) - 1))
    cell = rows[row][column]
    inserted = draw(st.one_of(awkward_text, st.sampled_from(["", ";", "1;1", "R01", "A01", "incl_vat", "2021"])))
    if draw(st.booleans()):
        position = draw(st.integers(0, len(cell)))
        rows[row][column] = cell[:position] + inserted + cell[position:]
    else:
        rows[row][column] = inserted
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return base, name, out.getvalue().encode("utf-8", errors="surrogatepass")


@examples(80)
@given(change=csv_with_a_changed_cell())
def test_csv_cell_changed(change: tuple[str, str, bytes]) -> None:
    base, name, data = change
    load_files({name: data}, base)


def test_the_unmutated_files_load() -> None:
    assert isinstance(load_files({}), Dataset)
    assert isinstance(load_files({}, "studies"), Dataset)
