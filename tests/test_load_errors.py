"""Malformed datasets through `sebrief validate`: the exact message, exit code 3, no traceback.

Each case copies the bundled dataset, breaks it in one small way and checks every line the
command writes to stderr. Line numbers are found in the broken files rather than written out,
so that curating the dataset does not break these tests: ``{yaml:TEXT}`` is the line of
dataset.yaml that first contains TEXT, ``{csv:R07}`` the line of rows.csv where row R07 starts
(``{csv2:R17}`` where its second copy starts).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sebrief.cli import main
from sebrief.errors import ExitCode
from sebrief.load import MAX_DEPTH, MAX_FILE_BYTES, ROW_COLUMNS

MAIN = "dataset.yaml"
ROWS = "rows.csv"
SOURCE = "source.txt"
HEADER = ",".join(ROW_COLUMNS)
AMOUNT_HINT = "write an exact amount in euro with a dot and at most two decimals, for example 9835.60"
DATE_HINT = "write it as YYYY-MM-DD (for example 2018-01-19)"
NOT_VERBATIM = "not found verbatim in the source text; copy it exactly (white space may differ)"

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


def write(name: str, data: str | bytes) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return mutate


def remove(*names: str) -> Mutation:
    def mutate(folder: Path) -> None:
        for name in names:
            (folder / name).unlink()

    return mutate


def read_rows(folder: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / ROWS).read_text(encoding="utf-8"), newline="")))


def write_rows(folder: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / ROWS).write_text(out.getvalue(), encoding="utf-8")


def set_cells(row_id: str, **cells: str) -> Mutation:
    """Set cells of one row of rows.csv, by column name."""

    def mutate(folder: Path) -> None:
        rows = read_rows(folder)
        header = rows[0]
        (row,) = [row for row in rows[1:] if row[0] == row_id]
        for column, value in cells.items():
            row[header.index(column)] = value
        write_rows(folder, rows)

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
    expected: tuple[str, ...]  # the problem lines, in order, with {yaml:…} / {csv:…} placeholders


CASES = [
    # Files and folders
    Case("missing-dataset-yaml", remove(MAIN), (f"{MAIN}: missing file; a dataset folder needs {MAIN}",)),
    Case("missing-rows-csv", remove(ROWS), (f"{ROWS}: missing file; a dataset folder needs {ROWS}",)),
    Case(
        "missing-source-file",
        remove(SOURCE),
        (f"{SOURCE}: missing file; {MAIN} names it in metadata.source.file; add the source text or correct the name",),
    ),
    Case(
        "empty-folder",
        empty_folder,
        (
            f"{MAIN}: missing file; a dataset folder needs {MAIN}",
            f"{ROWS}: missing file; a dataset folder needs {ROWS}",
        ),
    ),
    Case("nonexistent-path", nonexistent, ("{path}: no such file or folder; check the path",)),
    Case("path-is-rows-csv", rows_csv_itself, (f"{{path}}: not a dataset: give its folder or its {MAIN}",)),
    Case(
        "file-over-size-limit",
        write(ROWS, b"x" * (MAX_FILE_BYTES + 1)),
        (
            f"{ROWS}: the file is {MAX_FILE_BYTES + 1} bytes, more than the limit of {MAX_FILE_BYTES} bytes (5 MiB); "
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
    # YAML syntax and structure
    Case(
        "yaml-syntax-error",
        edit_yaml("  number: 221\n", "  number: [221\n"),
        (
            f"{MAIN}, line {{yaml:session_year}}, column 15: not valid YAML: expected ',' or ']', but got ':' "
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
        write(MAIN, "- schema_version: 1\n- id: x\n"),
        (
            f"{MAIN}, line 1: the file is a list, but it must be a mapping of fields (key: value), "
            "starting with schema_version: 1",
        ),
    ),
    Case(
        "yaml-empty",
        write(MAIN, "# nothing yet\n"),
        (
            f"{MAIN}, line 1: the file is empty, but it must be a mapping of fields (key: value), "
            "starting with schema_version: 1",
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
            f"{MAIN}, line {{yaml:date_answered}}: metadata.date_answered: date_answered 2018-01-01 is before "
            "date_asked 2018-01-19; correct one of them",
        ),
    ),
    Case(
        "bad-enum-in-yaml",
        edit_yaml("        modes: [subsidy_call, public_contract]", "        modes: [subsidy, public_contract]"),
        (
            f"{MAIN}, line {{yaml:modes: [subsidy,}}: convenant_actions[2].sub_actions[1].modes[0]: 'subsidy' is not "
            "allowed; use 'administration', 'public_contract', 'subsidy_call', 'planned' or 'not_addressed'",
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
        "unknown-evidence-passage",
        edit_yaml("evidence: [P-STARTERS]", "evidence: [P-STARTER]"),
        (
            f"{MAIN}, line {{yaml:evidence: [P-STARTER]}}: sub-action A3.2: evidence P-STARTER is not an id in "
            "answer.passages; use one of those ids or add the passage",
        ),
    ),
    Case(
        "evidence-missing",
        edit_yaml("evidence: [P-STARTERS]", "evidence: []"),
        (
            f"{MAIN}, line {{yaml:evidence: []\n        rows: [R02}}: convenant_actions[2].sub_actions[1].evidence: "
            "basis stated needs at least one evidence passage id (from answer.passages); add one",
        ),
    ),
    Case(
        "unknown-row-reference",
        edit_yaml("rows: [R16, R17]", "rows: [R16, R71]"),
        (
            f"{MAIN}, line {{yaml:R71}}: sub-action A4.2: row R71 is not an id in {ROWS}; use one of its ids or "
            "add the row",
        ),
    ),
    Case(
        "quote-not-verbatim-in-yaml",
        edit_yaml("text: ondersteuning rond Europese fondsen", "text: ondersteuning rond Europese subsidies"),
        (
            f"{MAIN}, line {{yaml:Europese subsidies}}: convenant_actions[3].sub_actions[2].text: "
            f"'ondersteuning rond Europese subsidies' {NOT_VERBATIM}",
        ),
    ),
    # rows.csv structure
    Case(
        "csv-empty",
        write(ROWS, ""),
        (f"{ROWS}, line 1: empty file; the first line is the header: {HEADER}",),
    ),
    Case(
        "csv-header-only",
        write(ROWS, HEADER + "\n"),
        (f"{ROWS}, line 2: no table rows; add one row per line of the answer's table",),
    ),
    Case(
        "csv-header-missing-column",
        edit(ROWS, ",theme,", ","),
        (f"{ROWS}, line 1: header: missing column(s) theme; the columns are {HEADER}",),
    ),
    Case(
        "csv-header-unknown-column",
        edit(ROWS, ",theme,", ",theme,colour,"),
        (f"{ROWS}, line 1: header: unknown column(s) colour; the columns are {HEADER}",),
    ),
    Case(
        "csv-wrong-field-count",
        edit_rows(lambda rows: rows[7].append("extra")),
        (
            f"{ROWS}, line 8: {len(ROW_COLUMNS) + 1} fields where the header has {len(ROW_COLUMNS)}; "
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
    # rows.csv cells
    Case(
        "bad-enum-in-csv",
        set_cells("R01", kind="subsidy"),
        (f"{ROWS}, line {{csv:R01}}, column kind: 'subsidy' is not allowed; use 'subsidy_call' or 'public_contract'",),
    ),
    Case(
        "bad-decimal-amount",
        set_cells("R07", amount="29800,00"),
        (f"{ROWS}, line {{csv:R07}}, column amount: '29800,00' is not an amount; {AMOUNT_HINT}",),
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
        "awarded-row-without-amount",
        set_cells("R07", amount=""),
        (
            f"{ROWS}, line {{csv:R07}}, column amount: an awarded row needs amount; fill it in or set status to "
            "in_procedure",
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
        "bad-pillar",
        set_cells("R03", pillars="2;6"),
        (f"{ROWS}, line {{csv:R03}}, column pillars: '6' is more than 5; use at most 5",),
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
            "for a row still in procedure)",
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
        (f"{ROWS}, line {{csv2:R17}}, column id: row id R17 is already used on line {{csv:R17}}; make ids unique",),
    ),
    Case(
        "quote-not-verbatim-in-csv",
        set_cells("R07", beneficiary="KU Leuven (HIVA)"),
        (f"{ROWS}, line {{csv:R07}}, column beneficiary: 'KU Leuven (HIVA)' {NOT_VERBATIM}",),
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


def line_numbers(folder: Path, placeholders: set[tuple[str, str]]) -> dict[str, str]:
    """Where each placeholder (kind, key) points in the broken files."""
    yaml_path, rows_path = folder / MAIN, folder / ROWS
    yaml_text = yaml_path.read_bytes().decode("utf-8", errors="replace") if yaml_path.is_file() else ""
    starts: dict[str, list[int]] = {}
    if rows_path.is_file() and rows_path.stat().st_size < MAX_FILE_BYTES:
        reader = csv.reader(io.StringIO(rows_path.read_bytes().decode("utf-8", errors="replace"), newline=""))
        previous = 0
        try:
            for row in reader:
                if row:
                    starts.setdefault(row[0].replace("\x00", ""), []).append(previous + 1)
                previous = reader.line_num
        except csv.Error:
            pass  # the rows before the error are enough

    def find(kind: str, key: str) -> str:
        if kind == "yaml":
            index = yaml_text.find(key)
            assert index >= 0, f"{key!r} is not in {MAIN}"
            return str(yaml_text[:index].count("\n") + 1)
        return str(starts[key][0 if kind == "csv" else 1])

    return {f"{{{kind}:{key}}}": find(kind, key) for kind, key in placeholders}


PLACEHOLDER = re.compile(r"\{(yaml|csv|csv2):([^}]*)\}")


def resolve(expected: tuple[str, ...], folder: Path, path: Path) -> list[str]:
    """The expected lines with their placeholders replaced."""
    numbers = line_numbers(folder, {(m.group(1), m.group(2)) for line in expected for m in PLACEHOLDER.finditer(line)})
    lines = []
    for line in expected:
        line = PLACEHOLDER.sub(lambda match: numbers[match.group(0)], line)
        lines.append(line.replace("{path}", str(path)))
    return lines


def validate(path: Path | str) -> Result:
    return CliRunner().invoke(main, ["validate", str(path)])


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_dataset_is_reported_exactly(case: Case, dataset_copy: Path) -> None:
    path = case.mutate(dataset_copy) or dataset_copy
    expected = resolve(case.expected, dataset_copy, path)
    before = snapshot(dataset_copy)

    result = validate(path)

    count = len(expected)
    header = f"error: the dataset has {count} problem{'s' if count != 1 else ''}:"
    assert result.stderr.splitlines() == [header, *(f"  {line}" for line in expected)]
    assert result.exit_code == ExitCode.INVALID_DATASET
    assert int(ExitCode.INVALID_DATASET) == 3
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert snapshot(dataset_copy) == before, "validate must not write anything"


def test_there_are_many_cases() -> None:
    assert len(CASES) >= 25
    assert len({case.id for case in CASES}) == len(CASES)


def test_every_problem_says_where_and_how(dataset_copy: Path) -> None:
    """Several problems at once: each line has its file and line, and a fix after a semicolon."""
    set_cells("R07", amount="-1", kind="contract")(dataset_copy)
    edit_yaml("date_asked: 2018-01-19", "date_asked: 19/01/2018")(dataset_copy)
    result = validate(dataset_copy)
    assert result.exit_code == ExitCode.INVALID_DATASET
    problems = result.stderr.splitlines()[1:]
    assert len(problems) == 3
    for problem in problems:
        assert re.match(r"  (dataset\.yaml|rows\.csv), line \d+(, column \w+)?: ", problem), problem
        assert ";" in problem, f"no fix in {problem!r}"


def test_valid_dataset(dataset_copy: Path) -> None:
    result = validate(dataset_copy)
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("sv-221-2017-2018: valid (17 rows")
    assert result.stderr == ""


def test_dataset_yaml_may_be_given_instead_of_its_folder(dataset_copy: Path) -> None:
    assert validate(dataset_copy / MAIN).exit_code == ExitCode.OK


def test_bundled_dataset_is_the_default() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == ExitCode.OK
    assert "sv-221-2017-2018: valid" in result.stdout


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
    result = CliRunner().invoke(main, ["validate", str(dataset_copy)])
    assert result.exit_code == ExitCode.INVALID_DATASET
    lines = result.output.strip().splitlines()
    assert wrong > 1000 and lines[0] == f"error: the dataset has {wrong} problems:"
    assert len(lines) == 102 and lines[-1].startswith(f"  … and {wrong - 100} more problems")
