"""Malformed version 2 datasets through `sebrief validate`: the exact message, exit code 3, no traceback.

Each case copies a dataset (the bundled SV 221, or one of the fictional datasets in
tests/fixtures/datasets), breaks it in one small way and checks every line the command writes to
stderr. Line numbers are found in the broken files rather than written out, so that curating a
dataset does not break these tests: ``{yaml:TEXT}`` is the line of dataset.yaml that first
contains TEXT (``{yaml:A>>B}`` the first line containing B after the first line containing A),
``{csv:R07}`` the line of rows.csv where row R07 starts (``{csv2:R17}`` where its second copy
starts), ``{path}`` the path given to the command and ``{real:NAME}`` where NAME really is.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sebrief.cli import main
from sebrief.dataset.load import REQUIRED_COLUMNS
from sebrief.dataset.reading import MAX_DEPTH, MAX_FILE_BYTES
from sebrief.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
FIXTURES = ROOT / "tests" / "fixtures" / "datasets"
STUDIES = "fictional-studies-2021-2023"
TEXT_ONLY = "fictional-text-only-2019-2020"

MAIN = "dataset.yaml"
ROWS = "rows.csv"
SOURCE = "source.txt"
HEADER = (BUNDLED / ROWS).read_text(encoding="utf-8").split("\n", 1)[0]
COLUMNS = HEADER.split(",")
REQUIRED = ",".join(REQUIRED_COLUMNS)
OPTIONAL = (
    "description_source,period_start,period_end,period_precision,period_text,beneficiary,beneficiary_count,"
    "amount,amount_text,vat_text,procedure,note_nl,note_en,theme,theme_basis,pillar,pillar_basis"
)
GROUPING_HINT = "(a grouping's column is named after it and must be listed in the table's groupings in dataset.yaml)"
AMOUNT_HINT = "write an exact amount in euro with a dot and at most two decimals, for example 9835.60"
DATE_HINT = "write it as YYYY-MM-DD (for example 2018-01-19)"
NOT_VERBATIM = "not found verbatim in the source text; copy it exactly (white space may differ)"
MOVED_OUT = "moved-out"  # the folder beside the dataset where a file is moved before it is linked back

Mutation = Callable[[Path], Path | None]


# --- mutations -----------------------------------------------------------------------------


def edit(name: str, old: str, new: str) -> Mutation:
    """Replace the first occurrence of ``old`` in a file of the dataset."""

    def mutate(folder: Path) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}; update the test"
        (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def edit_yaml(old: str, new: str) -> Mutation:
    return edit(MAIN, old, new)


def edit_yaml_after(anchor: str, old: str, new: str) -> Mutation:
    """Replace the first occurrence of ``old`` after the first occurrence of ``anchor`` in dataset.yaml."""

    def mutate(folder: Path) -> None:
        text = (folder / MAIN).read_text(encoding="utf-8")
        start = text.index(anchor)
        index = text.index(old, start)
        (folder / MAIN).write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")

    return mutate


def cut_yaml(start: str, end: str) -> Mutation:
    """Remove dataset.yaml's text from the first ``start`` up to (not including) the next ``end``."""

    def mutate(folder: Path) -> None:
        text = (folder / MAIN).read_text(encoding="utf-8")
        first = text.index(start)
        (folder / MAIN).write_text(text[:first] + text[text.index(end, first) :], encoding="utf-8")

    return mutate


def write(name: str, data: str | bytes) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return mutate


def remove(*names: str) -> Mutation:
    def mutate(folder: Path) -> None:
        for name in names:
            (folder / name).unlink()

    return mutate


def read_rows(folder: Path, name: str = ROWS) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / name).read_text(encoding="utf-8"), newline="")))


def write_rows(folder: Path, rows: list[list[str]], name: str = ROWS) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / name).write_text(out.getvalue(), encoding="utf-8")


def set_cells(row_id: str, name: str = ROWS, **cells: str) -> Mutation:
    """Set cells of one row of a table's CSV file, by column name."""

    def mutate(folder: Path) -> None:
        rows = read_rows(folder, name)
        header = rows[0]
        (row,) = [row for row in rows[1:] if row[0] == row_id]
        for column, value in cells.items():
            row[header.index(column)] = value
        write_rows(folder, rows, name)

    return mutate


def edit_rows(change: Callable[[list[list[str]]], None]) -> Mutation:
    def mutate(folder: Path) -> None:
        rows = read_rows(folder)
        change(rows)
        write_rows(folder, rows)

    return mutate


def append_copy_of(row_id: str) -> Mutation:
    return edit_rows(lambda rows: rows.append(next(list(row) for row in rows if row[0] == row_id)))


def insert_into_line(name: str, marker: str, insert: bytes) -> Mutation:
    """Insert raw bytes right after ``marker`` (bytes that need not be valid UTF-8)."""

    def mutate(folder: Path) -> None:
        data = (folder / name).read_bytes()
        assert marker.encode() in data
        (folder / name).write_bytes(data.replace(marker.encode(), marker.encode() + insert, 1))

    return mutate


def huge_header(folder: Path) -> None:
    """100,000 columns of which all but the real ones are unknown."""
    rows = (folder / ROWS).read_text(encoding="utf-8").split("\n", 1)[1]
    names = [*COLUMNS, *(f"extra_{index}" for index in range(100_000 - len(COLUMNS)))]
    (folder / ROWS).write_text(",".join(names) + "\n" + rows, encoding="utf-8")


def link_out(name: str) -> Mutation:
    """Move a file of the dataset out of its folder and put a symbolic link to it in its place."""

    def mutate(folder: Path) -> None:
        outside = folder.parent / MOVED_OUT
        outside.mkdir(exist_ok=True)
        (folder / name).rename(outside / name)
        (folder / name).symlink_to(outside / name)

    return mutate


def link_to_a_private_file(name: str) -> Mutation:
    """Replace a file of the dataset by a link to a file outside it (standing for /etc/passwd)."""

    def mutate(folder: Path) -> None:
        outside = folder.parent / MOVED_OUT
        outside.mkdir(exist_ok=True)
        (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
        (folder / name).unlink()
        (folder / name).symlink_to(outside / "passwd")

    return mutate


def main_file_named_through_a_link(folder: Path) -> Path:
    """dataset.yaml given by its path in another folder, where it is a link to the real one."""
    other = folder.parent / "other"
    other.mkdir()
    for name in (ROWS, SOURCE):
        shutil.copy(folder / name, other / name)
    (other / MAIN).symlink_to(folder / MAIN)
    return other / MAIN


def empty_folder(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()


def nonexistent(folder: Path) -> Path:
    return folder / "no-such-dataset"


def rows_csv_itself(folder: Path) -> Path:
    return folder / ROWS


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Mutation
    expected: tuple[str, ...]  # the problem lines, in order, with placeholders (see the module's doc)
    base: str = ""  # a fictional dataset's folder name; the bundled dataset when empty


CASES = [
    # Files and folders
    Case("missing-dataset-yaml", remove(MAIN), (f"{MAIN}: missing file; a dataset folder needs {MAIN}",)),
    Case(
        "missing-table-csv",
        remove(ROWS),
        (
            f"{ROWS}: missing file; table T-ROWS in {MAIN} names it in `file`; add the table's CSV file or correct "
            "the name",
        ),
    ),
    Case(
        "missing-second-table-csv",
        remove("evaluation.csv"),
        (
            "evaluation.csv: missing file; table T-EVALUATION in dataset.yaml names it in `file`; add the table's "
            "CSV file or correct the name",
        ),
        base=STUDIES,
    ),
    Case(
        "missing-source-file",
        remove(SOURCE),
        (f"{SOURCE}: missing file; {MAIN} names it in metadata.source.file; add the source text or correct the name",),
    ),
    Case("empty-folder", empty_folder, (f"{MAIN}: missing file; a dataset folder needs {MAIN}",)),
    Case("nonexistent-path", nonexistent, ("{path}: no such file or folder; check the path",)),
    Case("path-is-rows-csv", rows_csv_itself, (f"{{path}}: not a dataset: give its folder or its {MAIN}",)),
    Case(
        "file-over-size-limit",
        write(MAIN, b"x" * (MAX_FILE_BYTES + 1)),
        (
            f"{MAIN}: the file is {MAX_FILE_BYTES + 1} bytes, more than the limit of {MAX_FILE_BYTES} bytes (5 MiB); "
            "check that this is the right file",
        ),
    ),
    Case(
        "not-utf8",
        insert_into_line(MAIN, "parliament: Vlaams Parl", b"\xe9"),
        (
            f"{MAIN}, line {{yaml:parliament: Vlaams}}, column 26: not valid UTF-8 text (byte 0xe9); "
            "save the file with UTF-8 encoding",
        ),
    ),
    Case(
        "nul-byte",
        insert_into_line(ROWS, "R05", b"\x00"),
        (
            f"{ROWS}, line {{csv:R05}}, column 4: contains a NUL character, so this is not a text file; "
            "remove it or save the file as UTF-8 text",
        ),
    ),
    # Symbolic links out of the dataset folder: refused before anything of the file is read
    *(
        Case(
            f"{name.split('.')[0]}-linked-out-of-the-folder",
            link_out(name),
            (
                f"{name}: a symbolic link to {{real:{MOVED_OUT}/{name}}}, outside the dataset folder {{folder}}; "
                "sebrief reads only the files inside the dataset folder: copy the file into the folder instead of "
                "linking to it" + (f", or name the folder {{real:{MOVED_OUT}}} instead" if name == MAIN else ""),
            ),
        )
        for name in (MAIN, ROWS, SOURCE)
    ),
    Case(
        "table-csv-linked-to-a-private-file",
        link_to_a_private_file("policy.csv"),
        (
            f"policy.csv: a symbolic link to {{real:{MOVED_OUT}/passwd}}, outside the dataset folder {{folder}}; "
            "sebrief reads only the files inside the dataset folder: copy the file into the folder instead of "
            "linking to it",
        ),
        base=STUDIES,
    ),
    Case(
        "dataset-yaml-named-through-a-link",
        main_file_named_through_a_link,
        (
            f"{MAIN}: a symbolic link to {{real:{MAIN}}}, outside the dataset folder {{real:../other}}; sebrief reads "
            "only the files inside the dataset folder: copy the file into the folder instead of linking to it, or "
            "name the folder {folder} instead",
        ),
    ),
    # The format version
    Case(
        "version-1-dataset",
        edit_yaml("schema_version: 2", "schema_version: 1"),
        (
            f"{MAIN}, line {{yaml:schema_version}}: this dataset is in format version 1, which sebrief no longer "
            "reads; convert it with `sebrief migrate {folder}` (it rewrites dataset.yaml and rows.csv in version 2)",
        ),
    ),
    Case(
        "unknown-version",
        edit_yaml("schema_version: 2", "schema_version: 3"),
        (f"{MAIN}, line {{yaml:schema_version}}: schema_version: 3 is not allowed; use 2",),
    ),
    # YAML syntax and structure
    Case(
        "yaml-syntax-error",
        edit_yaml("  number: 221\n", "  number: [221\n"),
        (
            f"{MAIN}, line {{yaml:session_year}}, column 15: not valid YAML: expected ',' or ']', but found ':' "
            "(while parsing a flow sequence at line {yaml:number: [221}); check the quotes, brackets and "
            "indentation there",
        ),
    ),
    Case(
        "yaml-tab-indentation",
        edit_yaml("  number: 221\n", "\tnumber: 221\n"),
        (
            f"{MAIN}, line {{yaml:number: 221}}, column 1: not valid YAML: a tab character; "
            "indent with spaces, not tabs",
        ),
    ),
    Case(
        "yaml-is-a-list",
        write(MAIN, "- schema_version: 2\n- id: x\n"),
        (
            f"{MAIN}, line 1: the file is a list, but it must be a mapping of fields (key: value), "
            "starting with schema_version: 2",
        ),
    ),
    Case(
        "yaml-empty",
        write(MAIN, "# nothing yet\n"),
        (
            f"{MAIN}, line 1: the file is empty, but it must be a mapping of fields (key: value), "
            "starting with schema_version: 2",
        ),
    ),
    Case(
        "yaml-anchor-and-alias",
        edit_yaml("    first_name: Rob\n    last_name: Beenders\n", "    first_name: &n Rob\n    last_name: *n\n"),
        (
            f"{MAIN}, line {{yaml:&n Rob}}, column 17: anchors and aliases (&name, *name) are not supported; "
            "write the value out",
        ),
    ),
    Case(
        "yaml-deeply-nested",
        write(MAIN, "a: " + "[" * 10000),
        (
            f"{MAIN}, line 1, column {3 + MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep, which no dataset "
            "needs; check the brackets and indentation",
        ),
    ),
    Case(
        "yaml-control-character",
        edit_yaml("  number: 221\n", "  number: 2\x0121\n"),
        (
            f"{MAIN}, line {{yaml:number: 2}}, column 12: contains the control character U+0001, which YAML does "
            "not allow; remove it",
        ),
    ),
    Case(
        "yaml-bad-tagged-value",
        edit_yaml("  number: 221\n", "  number: !!bool maybe\n"),
        (f"{MAIN}, line {{yaml:!!bool}}, column 11: cannot read 'maybe' as bool; correct the value or its tag",),
    ),
    Case(
        "yaml-python-tag",
        edit_yaml("  number: 221\n", "  number: !!python/object:os.system x\n"),
        (
            f"{MAIN}, line {{yaml:!!python}}, column 11: the tag !!python/object:os.system is not supported; "
            "remove it and write a plain value",
        ),
    ),
    Case(
        "yaml-duplicate-key",
        edit_yaml("  number: 221\n", "  number: 221\n  number: 222\n"),
        (
            f"{MAIN}, line {{yaml:number: 222}}: duplicate key 'number' (first on line {{yaml:number: 221}}); "
            "keep only one",
        ),
    ),
    # dataset.yaml fields
    Case(
        "unknown-field",
        edit_yaml("  number: 221\n", "  number: 221\n  numbr: 222\n"),
        (
            f"{MAIN}, line {{yaml:numbr}}: metadata.numbr: unknown field; remove it or correct its name "
            "(`sebrief schema` lists the fields)",
        ),
    ),
    Case(
        "missing-required-field",
        edit_yaml("  number: 221\n", ""),
        (f"{MAIN}, line {{yaml:metadata:}}: metadata.number: required field is missing; add it",),
    ),
    Case(
        "bad-date",
        edit_yaml("date_asked: 2018-01-19", "date_asked: 2018-13-19"),
        (f"{MAIN}, line {{yaml:date_asked}}: metadata.date_asked: '2018-13-19' is not a date; {DATE_HINT}",),
    ),
    Case(
        "date-as-timestamp",
        edit_yaml("date_asked: 2018-01-19", "date_asked: 1516320000"),
        (f"{MAIN}, line {{yaml:date_asked}}: metadata.date_asked: '1516320000' is not a date; {DATE_HINT}",),
    ),
    Case(
        "answered-before-asked",
        edit_yaml("date_answered: null", "date_answered: 2018-01-01"),
        (
            f"{MAIN}, line {{yaml:date_answered: 2018}}: metadata.date_answered: date_answered 2018-01-01 is before "
            "date_asked 2018-01-19; correct one of them",
        ),
    ),
    Case(
        "bad-enum-in-yaml",
        edit_yaml_after("id: A3.2", "basis: stated", "basis: said"),
        (
            f"{MAIN}, line {{yaml:basis: said}}: answer.blocks[0].items[5].basis: 'said' is not allowed; "
            "use 'stated', 'inferred' or 'not_addressed'",
        ),
    ),
    Case(
        "unknown-block-kind",
        edit_yaml("  - kind: table\n", "  - kind: tabel\n"),
        (
            f"{MAIN}, line {{yaml:kind: tabel}}: answer.blocks[1].kind: 'tabel' is not a kind of answer block; "
            "use 'table', 'classification', 'figures' or 'text'",
        ),
    ),
    Case(
        "block-without-kind",
        edit_yaml("  - kind: table\n    id: T-ROWS\n", "  - id: T-ROWS\n"),
        (
            f"{MAIN}, line {{yaml:id: T-ROWS}}: answer.blocks[1].kind: required field is missing; add it: "
            "'table', 'classification', 'figures' or 'text'",
        ),
    ),
    Case(
        "text-field-given-a-number",
        edit_yaml("  title: Sociale economie - Collectieve ondersteuning", "  title: 12"),
        (f"{MAIN}, line {{yaml:title: 12}}: metadata.title: should be text, not 12; put it in quotes",),
    ),
    Case(
        "session-year-not-consecutive",
        edit_yaml("session_year: 2017-2018", "session_year: 2017-2019"),
        (
            f"{MAIN}, line {{yaml:session_year}}: metadata.session_year: a session year spans two consecutive "
            "years, like 2017-2018, not 2017-2019",
        ),
    ),
    Case(
        "session-year-other-session",
        edit_yaml("session_year: 2017-2018", "session_year: 2015-2016"),
        (
            f"{MAIN}, line {{yaml:date_asked}}: metadata.date_asked 2018-01-19 is outside session year 2015-2016; "
            "correct one of them",
        ),
    ),
    Case(
        "source-file-outside-folder",
        edit_yaml("file: source.txt", "file: ../source.txt"),
        (
            f"{MAIN}, line {{yaml:file: ../}}: metadata.source.file: '../source.txt' is not allowed here; "
            "name a .txt file in the dataset folder, e.g. source.txt",
        ),
    ),
    Case(
        "table-file-outside-folder",
        edit_yaml("file: rows.csv", "file: ../rows.csv"),
        (
            f"{MAIN}, line {{yaml:file: ../rows}}: answer.blocks[1].file: '../rows.csv' is not allowed here; "
            "name a .csv or .xlsx file in the dataset folder, e.g. rows.csv",
        ),
    ),
    Case(
        "kind-label-in-one-language",
        edit_yaml("    en: Subsidy call\n", ""),
        (f"{MAIN}, line {{yaml:kinds:>>label:}}: kinds[0].label.en: required field is missing; add it",),
    ),
    Case(
        "duplicate-block-id",
        edit_yaml("    id: X-INITIATIVES\n", "    id: T-ROWS\n"),
        (
            f"{MAIN}, line {{yaml:answered_by:}}: part 1: answered_by X-INITIATIVES is not an id in answer.blocks; "
            "use one of C-TASKS, T-ROWS or add the block",
            f"{MAIN}, line {{yaml:kind: text>>id: T-ROWS}}: answer.blocks[2].id: T-ROWS is used more than once in "
            "answer.blocks (first on line {yaml:id: T-ROWS}); make the ids unique",
        ),
    ),
    Case(
        "duplicate-passage-id",
        edit_yaml("  - id: P-TABLE-REF\n", "  - id: P-DECREE\n"),
        (
            f"{MAIN}, line {{yaml:id: P-APPROACH>>id: P-DECREE}}: answer.passages[8].id: P-DECREE is used more than "
            "once in answer.passages (first on line {yaml:id: P-DECREE}); make the ids unique",
        ),
    ),
    Case(
        "unknown-evidence-passage",
        edit_yaml_after("id: A3.2", "- P-STARTERS", "- P-STARTER"),
        (
            f"{MAIN}, line {{yaml:id: A3.2>>evidence:}}: item A3.2: evidence P-STARTER is not an id in "
            "answer.passages; use one of those ids or add the passage",
        ),
    ),
    Case(
        "evidence-missing",
        edit_yaml_after("id: A3.2", "evidence:\n      - P-STARTERS\n", "evidence: []\n"),
        (
            f"{MAIN}, line {{yaml:id: A3.2>>evidence: []}}: answer.blocks[0].items[5].evidence: basis stated "
            "needs at least one evidence passage id (from answer.passages); add one",
        ),
    ),
    Case(
        "unknown-row-reference",
        edit_yaml("      - R16\n      - R17\n", "      - R16\n      - R71\n"),
        (
            f"{MAIN}, line {{yaml:id: A4.2>>rows:}}: item A4.2: row R71 is not a row id of any table; use one of "
            "them or add the row",
        ),
    ),
    Case(
        "quote-not-verbatim-in-yaml",
        edit_yaml("text: ondersteuning rond Europese fondsen", "text: ondersteuning rond Europese subsidies"),
        (
            f"{MAIN}, line {{yaml:Europese subsidies}}: answer.blocks[0].items[8].text: "
            f"'ondersteuning rond Europese subsidies' {NOT_VERBATIM}",
        ),
    ),
    # Parts and blocks bound to each other
    Case(
        "unknown-block-in-answered-by",
        edit_yaml("    answered_by:\n    - X-INITIATIVES\n", "    answered_by:\n    - X-INITIATIVE\n"),
        (
            f"{MAIN}, line {{yaml:answered_by:}}: part 1: answered_by X-INITIATIVE is not an id in answer.blocks; "
            "use one of C-TASKS, T-ROWS, X-INITIATIVES or add the block",
            f"{MAIN}, line {{yaml:id: X-INITIATIVES}}: block X-INITIATIVES answers no part; name it in the "
            "answered_by of the part(s) it answers",
        ),
    ),
    Case(
        "block-answers-a-part-that-does-not-name-it",
        edit_yaml_after("id: 2c", "      answered_by:\n      - T-ROWS\n", "      answered_by: []\n"),
        (
            f"{MAIN}, line {{yaml:id: 2c>>answered_by}}: part 2c: block T-ROWS answers it; add T-ROWS to its "
            "answered_by",
        ),
    ),
    Case(
        "block-answers-an-unknown-part",
        edit_yaml("    - part: 2d\n      column: amount\n", "    - part: 2e\n      column: amount\n"),
        (
            f"{MAIN}, line {{yaml:kind: table}}: block T-ROWS answers part 2e, which is not in question.parts; use "
            "one of 1, 1a, 1b, 1c, 2, 2a, 2b, 2c … (1 more)",
        ),
    ),
    Case(
        "text-block-answering-a-part-without-it",
        edit_yaml("    - part: '3'\n      status: not_answered\n", "    - part: '4'\n      status: not_answered\n"),
        (
            f"{MAIN}, line {{yaml:id: '4'>>answered_by}}: part 4: block X-PUBLICATION answers it; add X-PUBLICATION "
            "to its answered_by",
        ),
        base=STUDIES,
    ),
    Case(
        "item-in-the-silent-category-with-a-basis",
        edit_yaml_after(
            "id: A1.1", "basis: not_addressed\n      evidence: []", "basis: stated\n      evidence: [P-WEBSITE]"
        ),
        (
            f"{MAIN}, line {{yaml:id: A1.1>>basis: stated}}: item A1.1: category not_addressed holds the items the "
            "answer does not address; set basis not_addressed",
        ),
    ),
    Case(
        "silent-item-in-an-answered-category",
        edit_yaml_after(
            "id: A1.2",
            "      basis: inferred\n      evidence:\n      - P-WEBSITE\n      rows:\n      - R11\n      - R13\n"
            "      - R14\n",
            "      basis: not_addressed\n      evidence: []\n      rows: []\n",
        ),
        (
            f"{MAIN}, line {{yaml:id: A1.2>>basis: not_addressed}}: item A1.2: category public_contract is for items "
            "the answer addresses; basis not_addressed does not fit it",
        ),
    ),
    Case(
        "unknown-category",
        edit_yaml_after("id: A5.2", "      - administration\n", "      - self\n"),
        (
            f"{MAIN}, line {{yaml:id: A5.2>>categories}}: item A5.2: category self is not defined in this block; "
            "use one of administration, not_addressed, planned, public_contract, subsidy_call",
        ),
    ),
    Case(
        "table-with-an-undefined-grouping",
        edit_yaml("    groupings:\n    - theme\n", "    groupings:\n    - topic\n"),
        (
            f"{MAIN}, line {{yaml:- topic}}: table T-ROWS: grouping topic is not defined in groupings; use one of "
            "pillar, theme or define it",
            f"{ROWS}, line 1: header: unknown columns theme, theme_basis; the columns are {REQUIRED}, optionally "
            f"{OPTIONAL.replace('theme,theme_basis', 'topic,topic_basis')} {GROUPING_HINT}",
        ),
    ),
    Case(
        "two-tables-read-the-same-file",
        edit_yaml("file: evaluation.csv", "file: policy.csv"),
        (
            f"{MAIN}, line {{yaml:id: T-EVALUATION>>file: policy.csv}}: answer.blocks[2].file: another table reads "
            "policy.csv too; give each table its own file",
        ),
        base=STUDIES,
    ),
    Case(
        "a-part-bound-to-two-columns",
        edit_yaml("    - part: 2b\n      column: period\n", "    - part: 2a\n      column: period\n"),
        (
            f"{MAIN}, line {{yaml:column: description>>part: 2a}}: answer.blocks[1].binds[1].part: table T-ROWS binds "
            "part 2a more than once; bind each part to one column",
        ),
    ),
    Case(
        "figure-value-disagrees-with-its-text",
        edit_yaml("value: '185130.00'", "value: '185130.50'"),
        (
            f"{MAIN}, line {{yaml:185130.50}}: figure F-AMOUNT-2021: value 185130.50 does not match its text "
            "'185.130,00 euro', which reads 185130.00; correct one of them",
        ),
        base=STUDIES,
    ),
    Case(
        "figure-in-euro-without-vat-basis",
        edit_yaml("      vat_basis: incl_vat\n", ""),
        (
            f"{MAIN}, line {{yaml:id: F-AMOUNT-2021}}: answer.blocks[0].figures[3].vat_basis: an amount in euro says "
            "its VAT basis: excl_vat, incl_vat or not_stated",
        ),
        base=STUDIES,
    ),
    Case(
        "figure-text-not-verbatim",
        edit_yaml("text: 14,5 VTE", "text: 15 VTE"),
        (
            f"{MAIN}, line {{yaml:text: 15 VTE}}: answer.blocks[1].figures[0].text: '15 VTE' {NOT_VERBATIM}",
            f"{MAIN}, line {{yaml:value: '14.5'}}: figure F-FTE-DEPARTMENT: value 14.5 does not match its text "
            "'15 VTE', which reads 15; correct one of them",
        ),
        base=TEXT_ONLY,
    ),
    Case(
        "text-block-quoting-nothing",
        cut_yaml("    evidence: [P-NO, P-NO-REASONS]\n", "curation_notes:"),
        (
            f"{MAIN}, line {{yaml:id: F-FTE>>- kind: text}}: answer.blocks[2].evidence: a text block quotes the "
            "answer: give evidence passage ids or points",
        ),
        base=TEXT_ONLY,
    ),
    # The tables' CSV files: structure
    Case("csv-empty", write(ROWS, ""), (f"{ROWS}, line 1: empty file; the first line is the header: {REQUIRED}",)),
    Case(
        "csv-header-only",
        write(ROWS, HEADER + "\n"),
        (f"{ROWS}, line 2: no rows; add one row per line of the answer's table",),
    ),
    Case(
        "csv-header-missing-column",
        edit(ROWS, ",vat_basis,", ","),
        (f"{ROWS}, line 1: header: missing column vat_basis; the columns are {REQUIRED}, optionally {OPTIONAL}",),
    ),
    Case(
        "csv-header-unknown-column",
        edit(ROWS, ",theme,", ",theme,colour,"),
        (
            f"{ROWS}, line 1: header: unknown column colour; the columns are {REQUIRED}, optionally {OPTIONAL} "
            f"{GROUPING_HINT}",
        ),
    ),
    Case(
        "csv-header-repeated-column",
        edit(ROWS, ",theme,", ",theme,theme,"),
        (f"{ROWS}, line 1: header: repeated column theme; the columns are {REQUIRED}, optionally {OPTIONAL}",),
    ),
    Case(
        "csv-header-with-100000-columns",
        huge_header,
        (
            f"{ROWS}, line 1: header: unknown columns extra_0, extra_1, extra_2, extra_3, extra_4, extra_5, "
            f"extra_6, extra_7, extra_8, extra_9 … and {100_000 - len(COLUMNS) - 10:,} more; the columns are "
            f"{REQUIRED}, optionally {OPTIONAL} {GROUPING_HINT}",
        ),
    ),
    Case(
        "csv-wrong-field-count",
        edit_rows(lambda rows: rows[7].append("extra")),
        (
            f"{ROWS}, line 8: {len(COLUMNS) + 1} fields where the header has {len(COLUMNS)}; "
            "check for a missing or extra comma (quote fields that contain commas)",
        ),
    ),
    Case(
        "csv-unclosed-quote",
        edit(ROWS, '"Antwoord 2, tabel, rij 7",', '"Antwoord 2, tabel, rij 7,'),
        (
            f"{ROWS}, line {{csv:R07}}: not valid CSV (',' expected after '\"'); a field that holds a comma, "
            'a quote or a line break is written in double quotes, with a quote inside it doubled ("")',
        ),
    ),
    # The tables' CSV files: cells
    Case(
        "bad-enum-in-csv",
        set_cells("R07", status="toegewezen"),
        (
            f"{ROWS}, line {{csv:R07}}, column status: 'toegewezen' is not allowed; use 'awarded', 'in_procedure' "
            "or 'in_house'",
        ),
    ),
    Case(
        "unknown-kind-in-csv",
        set_cells("R03", kind="framework_call_off"),
        (
            f"{ROWS}, line {{csv:R03}}, column kind: kind 'framework_call_off' is not defined in {MAIN} kinds; use "
            "one of public_contract, subsidy_call or define it",
        ),
    ),
    Case(
        "unknown-grouping-value-in-csv",
        set_cells("R03", pillar="2;6"),
        (
            f"{ROWS}, line {{csv:R03}}, column pillar: '6' is not a value of grouping pillar; use one of 1, 2, 3, 4, 5 "
            f"or add it in {MAIN}",
        ),
    ),
    Case(
        "two-values-for-a-single-valued-grouping",
        set_cells("R03", theme="research;guide"),
        (
            f"{ROWS}, line {{csv:R03}}, column theme: grouping theme takes one value per row; keep one, or set "
            f"multiple: true in {MAIN}",
        ),
    ),
    Case(
        "bad-grouping-basis-in-csv",
        set_cells("R03", pillar_basis="guessed"),
        (f"{ROWS}, line {{csv:R03}}, column pillar_basis: 'guessed' is not allowed; use 'stated' or 'inferred'",),
    ),
    Case(
        "bad-decimal-amount",
        set_cells("R07", amount="29800,00"),
        (
            f"{ROWS}, line {{csv:R07}}, column amount: '29800,00' is not an amount; in a file separated by commas "
            "a decimal comma cannot be told from a separator: write 29800.00, or save the file from Excel as CSV "
            "separated by semicolons (;), whose amounts have a decimal comma",
        ),
    ),
    Case(
        "amount-with-exponent",
        set_cells("R07", amount="2.98E4"),
        (f"{ROWS}, line {{csv:R07}}, column amount: '2.98E4' is not an amount; {AMOUNT_HINT}",),
    ),
    Case(
        "negative-amount",
        set_cells("R07", amount="-29800.00"),
        (f"{ROWS}, line {{csv:R07}}, column amount: '-29800.00' is negative; it must be 0 or more",),
    ),
    Case(
        "three-decimals",
        set_cells("R07", amount="29800.001"),
        (
            f"{ROWS}, line {{csv:R07}}, column amount: '29800.001' has more than 2 decimals; amounts are exact "
            f"to the cent ({AMOUNT_HINT})",
        ),
    ),
    Case(
        "amount-disagrees-with-amount-text",
        set_cells("R07", amount="29900.00"),
        (
            f"{ROWS}, line {{csv:R07}}, column amount: amount 29900.00 does not match amount_text '29.800 euro', "
            "which reads 29800; correct one of them",
        ),
    ),
    Case(
        "amount-in-words-disagrees",
        set_cells("B04", name="evaluation.csv", amount="35659.00"),
        (
            "evaluation.csv, line {csv:evaluation.csv:B04}, column amount: amount 35659.00 does not match amount_text "
            "'vijfendertigduizend zeshonderdvijfennegentig euro', which reads 35695; correct one of them",
        ),
        base=STUDIES,
    ),
    Case(
        "awarded-row-without-amount",
        set_cells("R07", amount=""),
        (
            f"{ROWS}, line {{csv:R07}}, column amount: an awarded row needs amount; fill it in or set status to "
            "in_procedure (or in_house for work the administration does itself)",
        ),
    ),
    Case(
        "in-procedure-row-with-amount",
        set_cells("R08", amount="1000.00"),
        (
            f"{ROWS}, line {{csv:R08}}, column amount: a row in procedure has no amount yet; leave it empty or set "
            "status to awarded",
        ),
    ),
    Case(
        "vat-basis-without-its-words",
        set_cells("R07", vat_text=""),
        (
            f"{ROWS}, line {{csv:R07}}, column vat_text: vat_basis excl_vat needs the source's words for it in "
            "vat_text, e.g. '(excl. BTW)'",
        ),
    ),
    Case(
        "bad-row-id",
        set_cells("R03", id="R 03"),
        (
            f"{ROWS}, line {{csv:R 03}}, column id: 'R 03' is not allowed here; an id starts with a letter or digit "
            "and holds only letters, digits, '.', '_' and '-', e.g. R01 or A1.2",
        ),
    ),
    Case(
        "end-before-start",
        set_cells("R07", period_start="2018-07-01"),
        (
            f"{ROWS}, line {{csv:R07}}, column period_end: the end 2018-06-30 is before the start 2018-07-01; "
            "swap them or correct one",
        ),
    ),
    Case(
        "bad-date-in-csv",
        set_cells("R07", period_end="2018-06-31"),
        (f"{ROWS}, line {{csv:R07}}, column period_end: '2018-06-31' is not a date; {DATE_HINT}",),
    ),
    Case(
        "period-partly-filled",
        set_cells("R10", period_end=""),
        (
            f"{ROWS}, line {{csv:R10}}, column period_end: empty while period_start and period_precision are "
            "filled; fill in period_start, period_end, period_precision, or none of them (leave all three empty "
            "when the answer gives no period)",
        ),
    ),
    Case(
        "month-period-not-on-month-boundaries",
        set_cells("R10", period_start="2017-09-02"),
        (
            f"{ROWS}, line {{csv:R10}}, column period_start: a period of month precision runs from the first day "
            "of its first month to the last day of its last month (here 2017-09-02 to 2018-05-31); use "
            "2017-09-01 to 2018-05-31 or precision 'day'",
        ),
    ),
    Case(
        "period-text-disagrees-with-dates",
        set_cells("R15", period_start="2018-03-01", period_end="2018-03-31"),
        (
            f"{ROWS}, line {{csv:R15}}, column period_start: period 2018-03-01 to 2018-03-31 (month) does not match "
            "period_text 'Februari 2018', which reads 2018-02-01 to 2018-02-28 (month); correct the dates or "
            "period_text",
        ),
    ),
    Case(
        "period-without-its-words",
        set_cells("R07", period_text=""),
        (
            f"{ROWS}, line {{csv:R07}}, column period_text: a period comes with the source's words for it in "
            "period_text",
        ),
    ),
    Case(
        "note-in-one-language-only",
        set_cells("R07", note_en=""),
        (
            f"{ROWS}, line {{csv:R07}}, column note_en: empty while note_nl is filled; fill in note_nl, note_en, "
            "or none of them (a note is written in both languages or not at all)",
        ),
    ),
    Case(
        "duplicate-row-id",
        append_copy_of("R17"),
        (
            f"{ROWS}, line {{csv2:R17}}, column id: row id R17 is used more than once (first on line {{csv:R17}}); "
            "make row ids unique across all tables",
        ),
    ),
    Case(
        "row-id-in-two-tables",
        set_cells("B01", name="evaluation.csv", id="A01"),
        (
            "evaluation.csv, line 2, column id: row id A01 is used more than once (first in policy.csv, line 2); "
            "make row ids unique across all tables",
        ),
        base=STUDIES,
    ),
    Case(
        "quote-not-verbatim-in-csv",
        set_cells("R07", beneficiary="KU Leuven (HIVA)"),
        (f"{ROWS}, line {{csv:R07}}, column beneficiary: 'KU Leuven (HIVA)' {NOT_VERBATIM}",),
    ),
    Case(
        "procedure-not-verbatim",
        set_cells("B02", name="evaluation.csv", procedure="op factuur"),
        (f"evaluation.csv, line {{csv:evaluation.csv:B02}}, column procedure: 'op factuur' {NOT_VERBATIM}",),
        base=STUDIES,
    ),
    Case(
        "beneficiary-count-disagrees",
        set_cells("R01", beneficiary_count="13"),
        (f"{ROWS}, line {{csv:R01}}, column beneficiary_count: the beneficiary says 14; set beneficiary_count to 14",),
    ),
]


# --- running them --------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (which may no longer exist) with its content."""
    if not folder.exists():
        return {}
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def csv_starts(path: Path) -> dict[str, list[int]]:
    """The line each row of a CSV file starts on, by its first cell."""
    starts: dict[str, list[int]] = {}
    if not path.is_file() or path.stat().st_size >= MAX_FILE_BYTES:
        return starts
    reader = csv.reader(io.StringIO(path.read_bytes().decode("utf-8", errors="replace"), newline=""))
    previous = 0
    try:
        for row in reader:
            if row:
                starts.setdefault(row[0].replace("\x00", ""), []).append(previous + 1)
            previous = reader.line_num
    except csv.Error:
        pass  # the rows before the error are enough
    return starts


def find_line(text: str, key: str) -> int:
    index = 0
    for part in key.split(">>"):
        found = text.find(part, index)
        assert found >= 0, f"{part!r} is not in {MAIN} (after index {index})"
        index = found
    return text[:index].count("\n") + 1


PLACEHOLDER = re.compile(r"\{(yaml|csv|csv2|real):([^}]*)\}")


def resolve(expected: tuple[str, ...], folder: Path, path: Path) -> list[str]:
    """The expected lines with their placeholders replaced."""
    main_file = folder / MAIN
    yaml_text = main_file.read_bytes().decode("utf-8", errors="replace") if main_file.is_file() else ""

    def value(match: re.Match[str]) -> str:
        kind, key = match.group(1), match.group(2)
        if kind == "yaml":
            return str(find_line(yaml_text, key))
        if kind == "real":
            return os.path.realpath(folder.parent / key if key.startswith(MOVED_OUT) else folder / key)
        name, _, row_id = key.rpartition(":")
        return str(csv_starts(folder / (name or ROWS))[row_id][0 if kind == "csv" else 1])

    return [
        PLACEHOLDER.sub(value, line).replace("{path}", str(path)).replace("{folder}", str(folder)) for line in expected
    ]


def validate(path: Path | str) -> Result:
    return CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])


def copy_of(base: str, tmp_path: Path) -> Path:
    source = FIXTURES / base if base else BUNDLED
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_dataset_is_reported_exactly(case: Case, tmp_path: Path) -> None:
    folder = copy_of(case.base, tmp_path)
    path = case.mutate(folder) or folder
    expected = resolve(case.expected, folder, path)
    before = snapshot(tmp_path)

    result = validate(path)

    count = len(expected)
    header = f"error: the dataset has {count} problem{'s' if count != 1 else ''}:"
    assert result.stderr.splitlines() == [header, *(f"  {line}" for line in expected)]
    assert result.exit_code == ExitCode.INVALID_DATASET
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert "root:" not in result.output, "nothing of a file outside the dataset is shown"
    assert snapshot(tmp_path) == before, "validate must not write anything"


# In Dutch, the default language: the same problems, their places ("regel", "kolom") and how to fix them.
DUTCH_STATUSES = "'awarded', 'in_procedure' of 'in_house'"
DUTCH_CASES = [
    Case(
        "csv-header-missing-column",
        edit(ROWS, ",vat_basis,", ","),
        (
            f"{ROWS}, regel 1: kolomnamen: ontbrekende kolom vat_basis; de verplichte kolommen zijn {REQUIRED}, de "
            f"optionele {OPTIONAL}",
        ),
    ),
    Case(
        "quote-not-verbatim-in-yaml",
        edit_yaml("text: ondersteuning rond Europese fondsen", "text: ondersteuning rond Europese subsidies"),
        (
            f"{MAIN}, regel {{yaml:Europese subsidies}}: answer.blocks[0].items[8].text: 'ondersteuning rond Europese "
            "subsidies' staat niet letterlijk in de brontekst; kopieer het exact (spaties en regeleinden mogen "
            "verschillen)",
        ),
    ),
    Case(
        "duplicate-row-id",
        append_copy_of("R17"),
        (
            f"{ROWS}, regel {{csv2:R17}}, kolom id: rij-id R17 komt meer dan één keer voor (eerst op regel "
            "{csv:R17}); elke rij-id mag maar één keer voorkomen, over alle tabellen heen",
        ),
    ),
    Case(
        "yaml-syntax-error",
        edit_yaml("  number: 221\n", "  number: [221\n"),
        (
            f"{MAIN}, regel {{yaml:session_year}}, kolom 15: geen geldige YAML: verwachtte ',' of ']', maar vond ':' "
            "(in een lijst tussen [ ], op regel {yaml:number: [221}); controleer daar de aanhalingstekens, de haakjes "
            "en het inspringen",
        ),
    ),
    Case(
        "not-a-whole-number",
        edit_yaml("  number: 221\n", "  number: tweehonderd\n"),
        (
            f"{MAIN}, regel {{yaml:number: tweehonderd}}: metadata.number: 'tweehonderd' is geen geheel getal; "
            "schrijf alleen cijfers (bijvoorbeeld 14)",
        ),
    ),
    Case(
        "missing-field",
        edit_yaml("  number: 221\n", ""),
        (f"{MAIN}, regel {{yaml:metadata:}}: metadata.number: verplicht veld ontbreekt; voeg het toe",),
    ),
    Case(
        "status-not-allowed",
        set_cells("R07", status="granted"),
        (f"{ROWS}, regel {{csv:R07}}, kolom status: 'granted' mag niet; kies uit {DUTCH_STATUSES}",),
    ),
    Case(
        "negative-amount",
        set_cells("R07", amount="-1"),
        (f"{ROWS}, regel {{csv:R07}}, kolom amount: '-1' is negatief; het moet 0 of meer zijn",),
    ),
    Case(
        "awarded-row-without-amount-and-beneficiary",  # a rule of the model, on two columns
        set_cells("R07", amount="", amount_text="", beneficiary=""),
        (
            f"{ROWS}, regel {{csv:R07}}, kolom amount: een toegewezen rij heeft amount en beneficiary nodig; "
            "vul die in of zet status op in_procedure (of in_house voor werk dat de administratie zelf doet)",
        ),
    ),
]


@pytest.mark.parametrize("case", DUTCH_CASES, ids=[case.id for case in DUTCH_CASES])
def test_problems_are_reported_in_dutch_by_default(case: Case, tmp_path: Path) -> None:
    folder = copy_of(case.base, tmp_path)
    path = case.mutate(folder) or folder
    expected = resolve(case.expected, folder, path)

    result = CliRunner().invoke(main, ["validate", str(path)])

    count = len(expected)
    header = f"fout: de dataset heeft {count} {'probleem' if count == 1 else 'problemen'}:"
    assert result.stderr.splitlines() == [header, *(f"  {line}" for line in expected)]
    assert result.exit_code == ExitCode.INVALID_DATASET


def test_there_are_many_cases() -> None:
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES)
    assert {case.base for case in CASES} == {"", STUDIES, TEXT_ONLY}


def test_every_problem_says_where_and_how(dataset_copy: Path) -> None:
    """Several problems at once: each line has its file and line, and a fix after a semicolon."""
    set_cells("R07", amount="-1", kind="contract")(dataset_copy)
    edit_yaml("date_asked: 2018-01-19", "date_asked: 19/01/2018")(dataset_copy)
    result = validate(dataset_copy)
    assert result.exit_code == ExitCode.INVALID_DATASET
    problems = result.stderr.splitlines()[1:]
    assert len(problems) == 2  # the cells are checked once dataset.yaml is read: the date, the amount
    for problem in problems:
        assert re.match(r"  (dataset\.yaml|rows\.csv), line \d+(, column \w+)?: ", problem), problem
        assert ";" in problem, f"no fix in {problem!r}"


def test_valid_dataset_is_summed_up(dataset_copy: Path) -> None:
    """The summary counts from the source's table: 17 rows, 2 subsidy calls and 15 public contracts."""
    result = CliRunner().invoke(main, ["validate", str(dataset_copy), "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "sv-221-2017-2018: valid",
        "  Rows: 17 (Subsidy calls: 2, Public contracts: 15); 2 in procedure",
        "  Answer blocks: 3 (table: 1, classification: 1, text: 1)",
        "  Parts: 2, subparts: 7. Answered: 3, Partly answered: 4, Not answered explicitly: 2",
    ]


def test_summary_uses_the_datasets_own_kinds_in_the_language_of_lang() -> None:
    """One language: the summary in Dutch by default (the kinds' Dutch plurals from the dataset), in
    English with --lang en, like the problems."""
    english = validate(FIXTURES / STUDIES)
    assert english.exit_code == ExitCode.OK, english.output
    assert english.stdout.splitlines()[:3] == [
        "fictional-studies-2021-2023: valid",
        "  Rows: 15 (Policy preparation studies: 7, Evaluation studies: 8); 1 in procedure",
        "  Answer blocks: 4 (table: 2, figures: 1, text: 1)",
    ]
    dutch = CliRunner().invoke(main, ["validate", str(FIXTURES / STUDIES)])
    assert dutch.exit_code == ExitCode.OK, dutch.output
    assert dutch.stdout.splitlines()[:3] == [
        "fictional-studies-2021-2023: geldig",
        "  Rijen: 15 (Beleidsvoorbereidende studies: 7, Evaluatiestudies: 8); 1 in procedure",
        "  Antwoordblokken: 4 (tabel: 2, cijfers: 1, tekst: 1)",
    ]
    text_only = validate(FIXTURES / TEXT_ONLY)
    assert text_only.stdout.splitlines()[1] == "  Rows: none (the answer has no table)"


def test_a_version_1_dataset_is_refused_with_the_command_that_converts_it(tmp_path: Path) -> None:
    """The last version 1 dataset of SV 221: refused, with the command that converts it; converted, it is valid."""
    old = tmp_path / "sv-221-2017-2018"
    shutil.copytree(ROOT / "tests" / "fixtures" / "v1" / "sv-221-2017-2018", old)
    line = next(
        n
        for n, text in enumerate((old / MAIN).read_text(encoding="utf-8").splitlines(), 1)
        if text == "schema_version: 1"
    )
    result = validate(old)
    assert result.exit_code == ExitCode.INVALID_DATASET
    assert result.stderr.splitlines() == [
        "error: the dataset has 1 problem:",
        f"  {MAIN}, line {line}: this dataset is in format version 1, which sebrief no longer reads; convert it "
        f"with `sebrief migrate {old}` (it rewrites dataset.yaml and rows.csv in version 2)",
    ]
    assert CliRunner().invoke(main, ["migrate", str(old)]).exit_code == ExitCode.OK
    converted = CliRunner().invoke(main, ["validate", str(old), "--lang", "en"])
    assert converted.exit_code == ExitCode.OK, converted.output
    assert converted.stdout.splitlines()[1] == "  Rows: 17 (Subsidy calls: 2, Public contracts: 15); 2 in procedure"


def test_dataset_yaml_may_be_given_instead_of_its_folder(dataset_copy: Path) -> None:
    assert validate(dataset_copy / MAIN).exit_code == ExitCode.OK


def test_links_inside_the_dataset_folder_are_fine(dataset_copy: Path, tmp_path: Path) -> None:
    (dataset_copy / ROWS).rename(dataset_copy / "rows-2018.csv")
    (dataset_copy / ROWS).symlink_to("rows-2018.csv")
    (tmp_path / "current").symlink_to(dataset_copy, target_is_directory=True)  # the named folder may be a link
    for path in (dataset_copy, tmp_path / "current", tmp_path / "current" / MAIN):
        result = validate(path)
        assert result.exit_code == ExitCode.OK, result.output


def test_bundled_dataset_is_the_default() -> None:
    result = CliRunner().invoke(main, ["validate", "--lang", "en"])
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("sv-221-2017-2018: valid\n")


@pytest.mark.parametrize(
    "args",
    [["validate", "--no-such-option"], ["validate", "a", "b"], ["no-such-command"], ["--no-such-option"]],
    ids=["unknown-option", "extra-argument", "unknown-command", "unknown-global-option"],
)
def test_usage_errors_exit_with_2(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.USAGE
    assert int(ExitCode.USAGE) == 2
    assert result.stderr.startswith("Usage: ")
    assert "Traceback" not in result.output


def test_debug_env_does_not_change_dataset_errors(dataset_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEBRIEF_DEBUG", "1")
    shutil.rmtree(dataset_copy)
    result = validate(dataset_copy)
    assert result.exit_code == ExitCode.INVALID_DATASET
    assert "Traceback" not in result.output


def test_thousands_of_problems_are_listed_briefly_with_a_count(dataset_copy: Path) -> None:
    """Every row of a long table wrong in the same way: the first hundred problems, then a count."""
    rows = (dataset_copy / ROWS).read_text(encoding="utf-8").splitlines()
    header, body = rows[0], rows[1:]
    copies = [line.replace("R", f"X{n:04d}R", 1) for n in range(300) for line in body]
    broken = [line.replace(",awarded,", ",granted,") for line in copies]
    wrong = sum(1 for old, new in zip(copies, broken, strict=True) if old != new)
    (dataset_copy / ROWS).write_text("\n".join([header, *broken]) + "\n")
    result = validate(dataset_copy)
    assert result.exit_code == ExitCode.INVALID_DATASET
    lines = result.output.strip().splitlines()
    assert wrong > 1000 and lines[0] == f"error: the dataset has {wrong} problems:"
    assert len(lines) == 102 and lines[-1].startswith(f"  … and {wrong - 100} more problems")
    dutch = CliRunner().invoke(main, ["validate", str(dataset_copy)]).output.strip().splitlines()
    assert dutch[0] == f"fout: de dataset heeft {wrong} problemen:"
    assert dutch[-1] == f"  … en nog {wrong - 100} problemen; los eerst deze op en voer sebrief validate opnieuw uit"
