"""sebrief new: a published question and answer (text or PDF) drafted as a version 2 dataset.

The draft of SV 221 is compared with the curated dataset (read with sebrief's loader), the drafts
of the fictional documents of tests/fixtures/draft/ with the values written by hand beside them.
`sebrief validate` on a fresh draft must list exactly what a person has to decide; once those
decisions are filled in (here mechanically), the draft must be a valid dataset: every quote
verbatim in source.txt, every amount, period and count agreeing with its text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sebrief.cli import main
from sebrief.dataset.load import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, load_dataset
from sebrief.dataset.model import Dataset
from sebrief.draft import parse_document
from sebrief.draft.commented_yaml import Entry, Flow, plain_data, render_yaml
from sebrief.draft.dataset_plan import subpart_role
from sebrief.draft.emit import DraftFiles, draft_files, write_draft
from sebrief.draft.rows_csv import ROW_COLUMNS
from sebrief.draft.structure import ColumnRole
from sebrief.draft.table_rows import kind_id, kind_label
from sebrief.errors import DatasetError, OutputError
from sebrief.quotes import SourceText
from tests.split_row import LONG_DESCRIPTION, split_row_html

ROOT = Path(__file__).resolve().parents[1]
SV221 = ROOT / "data" / "sv-221-2017-2018"
FIXTURES = ROOT / "tests" / "fixtures" / "draft"
COMPARE = ROOT / "scripts" / "compare_draft.py"
PROBLEM_RE = re.compile(r"^\s*(?P<file>[^,]+), (?:line \d+(?:, column (?P<column>\S+))?)?: (?P<message>.*)$")

# What `sebrief validate` lists on a fresh draft: the decisions only a person can make.
SV221_TODO = [
    "question.parts[0].subparts[0].answered_by: is empty; fill it in",
    "question.parts[0].subparts[1].answered_by: is empty; fill it in",
    "question.parts[0].subparts[2].answered_by: is empty; fill it in",
    "kinds[0].label.en: is empty; fill it in",
    "kinds[0].plural.nl: is empty; fill it in",  # 'Subsidieoproepen' does not occur in the source
    "kinds[0].plural.en: is empty; fill it in",
    "kinds[0].procurement: is empty; fill it in",
    "kinds[1].label.en: is empty; fill it in",
    "kinds[1].plural.en: is empty; fill it in",  # 'Overheidsopdrachten' does occur: drafted
    "kinds[1].procurement: is empty; fill it in",
    # part 1 is answered without a table: a text block quotes its passages, a person judges how well
    "answer.blocks[1].answers[0].status: is empty; fill it in",
    "answer.blocks[1].answers[0].basis: is empty; fill it in",
]
PLACEHOLDER_KIND = ["id", "label.nl", "label.en", "plural.nl", "plural.en", "procurement"]
STUDIES_TODO = [
    *(f"kinds[{k}].{name}: is empty; fill it in" for k in (0, 1) for name in PLACEHOLDER_KIND),
    "answer.blocks[0].title.en: is empty; fill it in",  # the Dutch title is the sentence leading the table in
    "answer.blocks[1].title.en: is empty; fill it in",
    *(f"answer.blocks[{b}].answers[0].{name}: is empty; fill it in" for b in (2, 3) for name in ("status", "basis")),
]
REFUSAL_TODO = [
    *(f"question.parts[2].subparts[{k}].answered_by: is empty; fill it in" for k in (0, 1)),
    *(
        f"answer.blocks[{b}].answers[{a}].{name}: is empty; fill it in"
        for b, a in ((0, 0), (0, 1), (1, 0))
        for name in ("status", "basis")
    ),
]


def norm(text: object) -> str | None:
    if text is None or text == "":
        return None
    return re.sub(r"\s+", " ", str(text)).strip()


def new(source: Path, folder: Path) -> str:
    result = CliRunner().invoke(main, ["new", "--lang", "en", str(source), str(folder)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def validate_list(folder: Path) -> list[str]:
    """What `sebrief validate` lists, without line numbers: 'field: message' (dataset.yaml) or 'file column: ...';
    in English, the language of `sebrief new`."""
    result = CliRunner().invoke(main, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    listed = []
    for line in result.stderr.splitlines()[1:]:
        match = PROBLEM_RE.match(line)
        assert match, line
        if match.group("file") == "dataset.yaml":
            listed.append(match.group("message"))
        else:
            listed.append(f"{match.group('file')} {match.group('column')}: {match.group('message')}")
    return listed


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def fill_decisions(folder: Path) -> None:
    """Make, mechanically, every decision the draft leaves to a person (what a curator would write)."""
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    for part in data["question"]["parts"]:
        for item in [part, *part.get("subparts", [])]:
            if item["answered_by"] is None:
                item["answered_by"] = []
    for block in data["answer"]["blocks"]:
        block["title"]["en"] = block["title"]["en"] or "Table"
        for answer in block.get("answers", []):
            answer["status"] = answer["status"] or "answered"
            answer["basis"] = answer["basis"] or "stated"
        for figure in block.get("figures", []):
            figure["label"]["en"] = figure["label"]["en"] or "Figure"
    placeholders = []
    for k, kind in enumerate(data["kinds"]):
        if kind["id"] is None:
            kind["id"] = f"kind-{k}"
            placeholders.append(kind["id"])
        for localized in (kind["label"], kind["plural"]):
            for lang in ("nl", "en"):
                localized[lang] = localized[lang] or f"{kind['id']} ({lang})"
        kind["procurement"] = True if kind["procurement"] is None else kind["procurement"]
    (folder / "dataset.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for block in data["answer"]["blocks"]:
        if block["kind"] != "table":
            continue
        rows = read_csv(folder / block["file"])
        if rows and not any(row["kind"] for row in rows):
            kind = placeholders.pop(0)
            for row in rows:
                row["kind"] = kind
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            (folder / block["file"]).write_text(buffer.getvalue(), encoding="utf-8")


# --- SV 221 --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def curated() -> Dataset:
    return load_dataset(SV221)


@pytest.fixture(scope="module")
def sv221_draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("new") / "sv-221"
    output = new(SV221 / "source.txt", folder)
    return folder, output


def test_sv221_files(sv221_draft: tuple[Path, str]) -> None:
    folder, output = sv221_draft
    assert sorted(path.name for path in folder.iterdir()) == ["dataset.yaml", "rows.csv", "source.txt"]
    assert (folder / "source.txt").read_bytes() == (SV221 / "source.txt").read_bytes()
    assert f"drafted {folder} from source.txt: dataset.yaml, rows.csv, source.txt" in output
    assert "1 table with 17 rows" in output


def test_sv221_metadata_and_question(sv221_draft: tuple[Path, str], curated: Dataset) -> None:
    folder, _ = sv221_draft
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    meta, want = data["metadata"], curated.metadata
    assert data["id"] == curated.id == "sv-221-2017-2018"
    assert (meta["parliament"], meta["document_type"], meta["number"], meta["session_year"]) == (
        want.parliament, want.document_type, want.number, want.session_year,
    )  # fmt: skip
    assert meta["date_asked"] == want.date_asked == dt.date(2018, 1, 19)
    assert meta["date_answered"] is None and want.date_answered is None  # not in the document: never guessed
    assert meta["asker"] == {"first_name": "Rob", "last_name": "Beenders"}
    assert (meta["minister"]["first_name"], meta["minister"]["last_name"]) == ("Liesbeth", "Homans")
    assert norm(meta["minister"]["portfolio"]) == norm(want.minister.portfolio)
    assert norm(meta["title"]) == norm(want.title)
    description = meta["source"]["description"]
    assert "`sebrief new`" in description["nl"] and "`sebrief new`" in description["en"]
    assert "source.txt" in description["nl"] and "source.txt" in description["en"]
    got = [(p["id"], norm(p["text"])) for p in data["question"]["parts"]]
    got += [(s["id"], norm(s["text"])) for p in data["question"]["parts"] for s in p.get("subparts", [])]
    assert sorted(got) == sorted((p.id, norm(p.text)) for p in curated.main.question.all_parts())
    [intro] = curated.main.question.introduction
    assert norm(intro.text) in [norm(i["text"]) for i in data["question"]["introduction"]]


def test_sv221_rows(sv221_draft: tuple[Path, str], curated: Dataset) -> None:
    folder, _ = sv221_draft
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    labels = {kind["id"]: kind["label"]["nl"] for kind in data["kinds"]}
    assert labels == {"subsidieoproep": "Subsidieoproep", "overheidsopdracht": "Overheidsopdracht"}
    block, text_block = data["answer"]["blocks"]
    assert (text_block["kind"], text_block["id"], text_block["answers"][0]["part"]) == ("text", "X-1", "1")
    assert (block["id"], block["file"], block["title"]) == ("T-ROWS", "rows.csv", {"nl": "Tabel 1", "en": "Table 1"})
    assert block["binds"] == [
        {"part": "2a", "column": "description"},
        {"part": "2b", "column": "period"},
        {"part": "2c", "column": "beneficiary", "rows": "awarded"},
        {"part": "2d", "column": "amount", "rows": "awarded"},
    ]
    rows = read_csv(folder / "rows.csv")
    assert len(rows) == len(curated.rows) == 17
    source = SourceText.from_text((SV221 / "source.txt").read_text(encoding="utf-8"))
    for row, want in zip(rows, curated.rows, strict=True):
        where = want.id
        assert row["id"] == want.id, where
        assert (Decimal(row["amount"]) if row["amount"] else None) == want.amount, where
        period = want.period
        assert (row["period_start"], row["period_end"], row["period_precision"]) == (
            (period.start.isoformat(), period.end.isoformat(), period.precision.value) if period else ("", "", "")
        ), where
        assert (row["beneficiary"] or None) == want.beneficiary, where
        assert (int(row["beneficiary_count"]) if row["beneficiary_count"] else None) == want.beneficiary_count, where
        assert labels[row["kind"]] == curated.kind(want.kind).label.nl, where
        assert (row["vat_basis"], row["vat_text"] or None) == (want.vat_basis.value, want.vat_text), where
        assert row["status"] == want.status.value, where
        assert (row["amount_text"], row["period_text"]) == (want.amount_text, want.period_text), where
        assert row["description"] == want.description, where
        assert (row["description_source"] or None) == want.description_source, where
        for fragment in (row["description_source"] or row["description"]).split(" […] "):
            assert source.locate(fragment) is not None, where
        assert row["source_ref"].startswith(f"Antwoord 2, tabel, rij {int(want.id[1:])} (regels "), where


def test_sv221_split_row(sv221_draft: tuple[Path, str]) -> None:
    folder, output = sv221_draft
    split = [row for row in read_csv(folder / "rows.csv") if row["description_source"]]
    assert [row["id"] for row in split] == ["R11"]
    [row] = split
    assert row["description"] == "Communicatie – Ontwikkeling en design website"
    assert row["description_source"] == "Communicatie – Ontwikkeling […] en design website"
    assert row["period_text"] == "September 2017 – maart […] 2018"
    assert row["note_nl"] and row["note_en"]
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    assert [note["en"].startswith("Row R11 is split by a page break") for note in data["curation_notes"]] == [True]
    assert "row R11 (rows.csv, lines 253-264 of the source): split by a page break" in output


def test_sv221_validate_lists_the_decisions(sv221_draft: tuple[Path, str]) -> None:
    folder, output = sv221_draft
    assert validate_list(folder) == SV221_TODO
    # the command ends with the same list, and the drafter's own notes
    assert f"still to do, as `sebrief validate {folder}` lists it (12):" in output
    assert "date answered (lines 83-85): the document gives no date for the answer" in output


def test_sv221_comments_say_what_to_fill_in(sv221_draft: tuple[Path, str]) -> None:
    folder, _ = sv221_draft
    lines = (folder / "dataset.yaml").read_text(encoding="utf-8").splitlines()
    empty = [line for line in lines if re.match(r"^\s*(?:- )?[a-z_]+:\s*(?:#.*)?$", line)]
    decisions = [
        line for line in empty if re.match(r"^\s*(answered_by|en|nl|procurement|date_answered|url|status|basis):", line)
    ]
    assert len(decisions) == len(SV221_TODO) + 2  # date_answered and url may stay empty
    assert all("  # " in line for line in decisions), decisions
    text = "\n".join(lines)
    assert "answered_by:  # X-1 quotes answer 1: name it here if it answers 1a too, or write []" in text
    assert "procurement:  # true if these rows are public procurement" in text


def test_sv221_once_decided_is_valid(sv221_draft: tuple[Path, str], tmp_path: Path) -> None:
    folder = tmp_path / "decided"
    folder.mkdir()
    for path in sv221_draft[0].iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    fill_decisions(folder)
    dataset = load_dataset(folder)  # every quote verbatim, amounts, periods and counts agree with their texts
    assert len(dataset.rows) == 17


def test_compare_script_sv221() -> None:
    result = subprocess.run([sys.executable, str(COMPARE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "draft read as plain YAML and CSV (12 problem(s) left for a person)" in result.stdout
    shares = dict(
        (group.strip(), (int(equal), int(total), share))
        for group, equal, total, share in re.findall(r"^  (.+?)\s+(\d+)/(\d+)\s+([\d.]+) %$", result.stdout, re.M)
    )
    assert shares["metadata"] == (12, 12, "100.0")
    assert shares["question"] == (10, 10, "100.0")
    for field in ("amount", "period_start", "period_end", "period_precision", "beneficiary", "kind", "vat_basis",
                  "description", "page_break"):  # fmt: skip
        assert shares[f"rows: {field}"] == (17, 17, "100.0"), field
    assert all(share == "100.0" for *_, share in shares.values())
    assert "17 read, 17 expected" in result.stdout


# --- the fictional documents ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "todo", "files"),
    [
        ("studies-2019-2021", STUDIES_TODO, ["dataset.yaml", "source.txt", "table-1.csv", "table-2.csv"]),
        ("no-table-refusal", REFUSAL_TODO, ["dataset.yaml", "source.txt"]),
    ],
)
def test_fixture_draft(tmp_path: Path, name: str, todo: list[str], files: list[str]) -> None:
    folder = tmp_path / name
    new(FIXTURES / f"{name}.txt", folder)
    assert sorted(path.name for path in folder.iterdir()) == files
    assert validate_list(folder) == todo
    fill_decisions(folder)
    load_dataset(folder)


def test_studies_draft(tmp_path: Path) -> None:
    folder = tmp_path / "studies"
    output = new(FIXTURES / "studies-2019-2021.txt", folder)
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    assert data["metadata"]["date_answered"] == dt.date(2021, 11, 18)  # the document gives it
    first, second, *text_blocks = data["answer"]["blocks"]
    assert [(b["kind"], b["id"]) for b in text_blocks] == [("text", "X-1"), ("text", "X-3")]
    assert first["title"]["nl"] == "De beleidsvoorbereidende studies werden als overheidsopdracht gegund"
    assert first["evidence"] == ["P-2-1"] and second["evidence"] == ["P-2-2"]
    assert [b["column"] for b in first["binds"]] == ["description", "procedure", "period", "beneficiary", "amount"]
    part2 = data["question"]["parts"][1]
    assert part2["answered_by"] == [] and all(s["answered_by"] == ["T-1", "T-2"] for s in part2["subparts"])
    rows = read_csv(folder / "table-1.csv") + read_csv(folder / "table-2.csv")
    assert [row["id"] for row in rows][:2] == ["T1-R01", "T1-R02"] and rows[-1]["id"] == "T2-R05"
    assert all(row["kind"] == "" for row in rows)  # the source gives no kind: left for a person
    assert rows[3]["description_source"] == "Evaluatie van het fietsbeleid in […] de centrumsteden"
    assert rows[-1]["status"] == "in_procedure" and rows[-1]["procedure"] == "Openbare procedure"
    assert "kind of the rows of table-1.csv (table T-1): the source gives no kind for its rows" in output
    # once the YAML is decided, validate lists what is left in the CSV files: the rows' kinds
    fill = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    for part in fill["question"]["parts"]:
        part["answered_by"] = part["answered_by"] or []
    for k, kind in enumerate(fill["kinds"]):
        kind.update(id=f"k{k}", label={"nl": "x", "en": "x"}, plural={"nl": "x", "en": "x"}, procurement=True)
    for block in fill["answer"]["blocks"]:
        block["title"]["en"] = "x"
        for answer in block.get("answers", []):
            answer.update(status="answered", basis="stated")
    (folder / "dataset.yaml").write_text(yaml.safe_dump(fill, allow_unicode=True), encoding="utf-8")
    left = validate_list(folder)
    assert left == [f"table-{t}.csv kind: is empty; fill it in" for t, n in ((1, 6), (2, 5)) for _ in range(n)]


@pytest.mark.parametrize("name", ["studies-2019-2021", "no-table-refusal"])
def test_compare_script_fixture(name: str) -> None:
    result = subprocess.run(
        [sys.executable, str(COMPARE), str(FIXTURES / f"{name}.txt"), "--expected",
         str(FIXTURES / f"{name}.expected.yaml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "NO" not in result.stdout.split()


def test_compare_script_reads_a_draft_folder(sv221_draft: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = sv221_draft
    result = subprocess.run([sys.executable, str(COMPARE), "--draft", str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    decided = tmp_path / "decided"
    decided.mkdir()
    for path in folder.iterdir():
        (decided / path.name).write_bytes(path.read_bytes())
    fill_decisions(decided)
    result = subprocess.run([sys.executable, str(COMPARE), "--draft", str(decided)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "draft read with sebrief.dataset.load (it validates)" in result.stdout


# --- PDFs --------------------------------------------------------------------------------------------


def render_pdf(html: str, target: Path) -> Path:
    from weasyprint import HTML

    HTML(string=html, base_url=str(FIXTURES)).write_pdf(target)
    return target


@pytest.fixture(scope="module")
def studies_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("new-pdf")
    html = (FIXTURES / "studies-2019-2021.html").read_text(encoding="utf-8")
    return {
        "ruled": render_pdf(html, folder / "ruled.pdf"),
        "unruled": render_pdf(html.replace('<body class="ruled">', '<body class="unruled">'), folder / "unruled.pdf"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["ruled", "unruled"])
def test_pdf_draft(studies_pdfs: dict[str, Path], tmp_path: Path, variant: str) -> None:
    folder = tmp_path / variant
    output = new(studies_pdfs[variant], folder)
    assert f"from {variant}.pdf" in output
    assert validate_list(folder) == STUDIES_TODO
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    assert f"Tekstlaag van {variant}.pdf" in data["metadata"]["source"]["description"]["nl"]
    assert "|" in (folder / "source.txt").read_text(encoding="utf-8")  # the tables as the PDF's text gives them
    result = subprocess.run(
        [sys.executable, str(COMPARE), str(studies_pdfs[variant]), "--expected",
         str(FIXTURES / "studies-2019-2021.expected.yaml"), "--ignore-page-breaks"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    fill_decisions(folder)
    assert len(load_dataset(folder).rows) == 11


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["ruled", "unruled"])
def test_pdf_row_split_by_page_break(tmp_path: Path, variant: str) -> None:
    """A row WeasyPrint splits over two pages is drafted as one row, flagged, its quotes verbatim in source.txt."""
    html = split_row_html(variant)
    folder = tmp_path / "split"
    new(render_pdf(html, tmp_path / f"{variant}.pdf"), folder)
    drafted = read_csv(folder / "rows.csv")
    assert len(drafted) == 60
    split = drafted[30]
    assert split["description"] == LONG_DESCRIPTION and split["description_source"].count(" […] ") == 1
    assert (split["amount"], split["beneficiary"], split["period_end"]) == ("5000.00", "Bureau X", "2021-01-31")
    # part 1 has no subparts: the table answers it as a whole, how far is for a person to judge
    data = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    assert data["question"]["parts"][0]["answered_by"] == ["T-ROWS"]
    assert data["answer"]["blocks"][0]["answers"] == [{"part": "1", "status": None, "basis": "stated"}]
    assert "answer.blocks[0].answers[0].status: is empty; fill it in" in validate_list(folder)
    fill_decisions(folder)
    assert len(load_dataset(folder).rows) == 60


# --- the command: folders, errors, other layouts ----------------------------------------------------------


def test_existing_folder_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "--lang", "en", str(SV221 / "source.txt"), str(folder)])
    assert result.exit_code == 4
    assert "not empty" in result.stderr and "Traceback" not in result.output
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(SV221 / "source.txt"), str(tmp_path / "file")])
    assert result.exit_code in (2, 4) and "Traceback" not in result.output


def test_empty_folder_is_used(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    new(FIXTURES / "no-table-refusal.txt", folder)
    assert (folder / "dataset.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vraag.pdf", b"SCHRIFTELIJKE VRAAG", "is not a PDF"),
        ("vraag.txt", "SCHRIFTELIJKE VRAAG é".encode("latin-1"), "not UTF-8"),
        ("kapot.pdf", b"%PDF-1.7\nthis is not a PDF body\n", "damaged PDF"),
    ],
)
def test_unreadable_source(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    result = CliRunner().invoke(main, ["new", "--lang", "en", str(tmp_path / name), str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_missing_source_and_usage(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "--lang", "en", str(tmp_path / "nergens.pdf"), str(tmp_path / "out")])
    assert result.exit_code == 3 and "no such file" in result.stderr
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(main, ["new", str(SV221 / "source.txt")])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["new", "--help"])
    assert result.exit_code == 0 and "sebrief new vraag.pdf data/my-question" in result.stdout


def test_other_layout_says_what_it_could_not_find(tmp_path: Path) -> None:
    source = tmp_path / "brief.txt"
    source.write_text("Beste collega,\n\nHierbij het verslag van de vergadering.\n\nGroeten\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    output = new(source, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "out"])  # nothing written outside DIR
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dataset.yaml", "source.txt"]
    for what in ("document type", "question number", "asker", "date asked", "minister", "answer", "parliament"):
        assert f"\n  {what} (" in output, what
    listed = validate_list(tmp_path / "out")
    assert "metadata.number: is empty; fill it in" in listed
    assert "question.parts[0].text: is empty; fill it in" in listed
    assert "id: is empty; fill it in" not in listed  # named after the folder
    data = yaml.safe_load((tmp_path / "out" / "dataset.yaml").read_text(encoding="utf-8"))
    assert data["id"] == "out"


def test_writes_nothing_when_a_file_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sebrief.write

    def refuse(files: Any) -> None:
        raise OutputError("cannot write: disk full")

    monkeypatch.setattr(sebrief.write, "write_together", refuse)
    with pytest.raises(OutputError):
        write_draft(SV221 / "source.txt", tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- the emitter ---------------------------------------------------------------------------------------


def sv221_files() -> DraftFiles:
    text = (SV221 / "source.txt").read_text(encoding="utf-8")
    return draft_files(parse_document(text), text, "source.txt", "sv-221")


def test_yaml_reads_back_as_drafted() -> None:
    files = sv221_files()
    assert yaml.safe_load(files.files["dataset.yaml"].decode("utf-8")) == files.data
    assert files.files["rows.csv"].decode("utf-8").splitlines()[0] == ",".join(ROW_COLUMNS)
    assert set(ROW_COLUMNS) == set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)


@pytest.mark.parametrize(
    "source", [SV221 / "source.txt", FIXTURES / "studies-2019-2021.txt"], ids=["sv221", "studies"],
)  # fmt: skip
def test_draft_is_deterministic(source: Path, tmp_path: Path) -> None:
    """`sebrief new` in processes with different hash seeds (so that sets and dicts keyed by text may iterate
    in another order) writes the same files, byte for byte. Four seeds (0: no randomisation), as two random
    seeds put two texts in the same order half of the time."""
    drafts = []
    for seed in ("0", "1", "4", "7"):
        folder = tmp_path / seed / "draft"  # the id is named after the folder
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "sebrief", "new", str(source), str(folder)], env=env,
                       capture_output=True, timeout=120, check=False)  # fmt: skip
        drafts.append({path.name: path.read_bytes() for path in sorted(folder.iterdir())})
    assert all(draft == drafts[0] for draft in drafts[1:])
    assert {"dataset.yaml", "source.txt"} <= set(drafts[0])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_yaml_writer_keeps_any_text(text: str) -> None:
    entries = [Entry("text", text, "a comment"), Entry("list", Flow([text, "1", None])), Entry("n", 7)]
    rendered = render_yaml(entries, ["header"])
    assert yaml.safe_load(rendered) == plain_data(entries) == {"text": text, "list": [text, "1", None], "n": 7}


@pytest.mark.parametrize(
    "text",
    ["1", "yes", "null", "- item", "# hash", "a: b", "'quoted'", "2018-01-19", "x " * 80 + "end", "é" * 200, "[…]"],
)
def test_yaml_writer_special_texts(text: str) -> None:
    entries = [Entry("text", text), Entry("items", [Entry(None, [Entry("id", text), Entry("x", None, "fill in")])])]
    assert yaml.safe_load(render_yaml(entries)) == {"text": text, "items": [{"id": text, "x": None}]}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_drafts(text: str) -> None:
    files = draft_files(parse_document(text), text, "vraag.txt")
    assert yaml.safe_load(files.files["dataset.yaml"].decode("utf-8")) == files.data
    assert files.files["source.txt"].decode("utf-8") == text


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("omschrijving opdracht;", ColumnRole.DESCRIPTION),
        ("looptijd opdracht of geplande looptijd indien nog niet toegewezen (start en einddatum);", ColumnRole.PERIOD),
        ("begunstigde(n) opdracht (indien reeds toegewezen);", ColumnRole.BENEFICIARY),
        ("toegekend bedrag.", ColumnRole.AMOUNT),
        ("de gevolgde plaatsingsprocedure;", ColumnRole.PROCEDURE),
        ("de kostprijs?", ColumnRole.AMOUNT),
        ("de opdrachtnemer;", ColumnRole.BENEFICIARY),
        ("onderwerp;", ColumnRole.DESCRIPTION),
        ("periode en bedrag", None),  # two roles: for a person
        ("Welke opdrachten worden uitbesteed?", None),
    ],
)
def test_subpart_roles(text: str, role: ColumnRole | None) -> None:
    assert subpart_role(text) == role


def test_kind_ids_from_labels() -> None:
    assert kind_label("Subsidieoproep: Innovatie") == ("subsidieoproep", "Subsidieoproep", "Innovatie")
    assert kind_label("Overheidsopdracht:") == ("overheidsopdracht", "Overheidsopdracht", "")
    assert kind_label("Raamcontract: Schoonmaak") == ("raamcontract", "Raamcontract", "Schoonmaak")
    assert kind_label("Noot: dit is geen soort") is None
    assert kind_id("Coöperatie-opdracht") == "cooperatie_opdracht"


def test_invalid_draft_is_listed_not_raised(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_draft(FIXTURES / "no-table-refusal.txt", folder)
    with pytest.raises(DatasetError) as raised:
        load_dataset(folder)
    assert len(raised.value.problems) == len(REFUSAL_TODO)


DELIMITED = """\
SCHRIFTELIJKE VRAAG

nr. 12
van AN PEETERS
datum: 3 maart 2020

aan PIET JANSSENS
VLAAMS MINISTER VAN WERK

Studies - Overzicht

1. Welke studies liet de minister uitvoeren? Graag per studie:
a) de omschrijving;
b) de looptijd;
c) het bedrag en de begunstigde.

ANTWOORD
op vraag nr. 12 van 3 maart 2020
van AN PEETERS

1. Zie de tabel:

Omschrijving | Looptijd | Begunstigde | Bedrag (excl. btw)
Studie: Arbeidsmarkt 2030 | 1 januari 2020 – 31 maart 2020 | Bureau X | 10.000 euro
Studie: Telewerk | / | In procedure | /
"""


def test_recurring_labels_and_an_ambiguous_subpart(tmp_path: Path) -> None:
    """A label every row carries is a kind; a subpart naming two columns is left for a person, said why."""
    source = tmp_path / "vraag.txt"
    source.write_text(DELIMITED, encoding="utf-8")
    new(source, tmp_path / "d")
    rows = read_csv(tmp_path / "d" / "rows.csv")
    assert [(row["kind"], row["description"]) for row in rows] == [
        ("studie", "Arbeidsmarkt 2030"),
        ("studie", "Telewerk"),
    ]
    data = yaml.safe_load((tmp_path / "d" / "dataset.yaml").read_text(encoding="utf-8"))
    assert data["kinds"][0]["label"]["nl"] == "Studie" and data["kinds"][0]["plural"]["nl"] == "Studies"
    assert [b["part"] for b in data["answer"]["blocks"][0]["binds"]] == ["1a", "1b"]
    text = (tmp_path / "d" / "dataset.yaml").read_text(encoding="utf-8")
    assert "answered_by:  # T-ROWS stands in answer 1, but none of its columns was matched" in text
    assert validate_list(tmp_path / "d") == [
        "question.parts[0].answered_by: is empty; fill it in",
        "question.parts[0].subparts[2].answered_by: is empty; fill it in",
        "kinds[0].label.en: is empty; fill it in",
        "kinds[0].plural.en: is empty; fill it in",
        "kinds[0].procurement: is empty; fill it in",
        "answer.blocks[0].title.en: is empty; fill it in",
    ]
    fill_decisions(tmp_path / "d")
    assert [row.amount for row in load_dataset(tmp_path / "d").rows] == [Decimal("10000.00"), None]
