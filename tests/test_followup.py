"""`sebrief followup`: the brief's follow-up questions as a draft written question (Word, ODT, Markdown, text).

What the document must hold comes from the source document (question nr. 221 of session 2017-2018,
asked on 19 January 2018 by Rob Beenders to minister Liesbeth Homans) and, for the question texts,
from the analysis, which the document must carry word for word.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.model import Dataset
from sebrief.engine.analyse import analyse
from sebrief.engine.brief import Brief

from .conftest import BUNDLED

# From the source document (data/sv-221-2017-2018/source.txt), not from sebrief's output.
NUMBER = "221"
SESSION = "2017-2018"
MINISTER = "Liesbeth Homans"
ASKER = "Rob Beenders"
PORTFOLIO_WORDS = "Binnenlands Bestuur, Inburgering, Wonen, Gelijke Kansen en Armoedebestrijding"
SUBPART_1A = "Welke opdrachten worden door de Vlaamse overheid zelf opgenomen?"
NOT_ADDRESSED_TASK = "“ondersteuning rond Europese fondsen”"  # a sub-action the answer is silent on


@pytest.fixture(scope="module")
def briefs(sv221: Dataset) -> dict[str, Brief]:
    return {lang: analyse(sv221, lang) for lang in ("nl", "en")}


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, bytes]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = CliRunner().invoke(main, ["followup", str(BUNDLED), *args])
    return result.exit_code, result.output, result.stdout_bytes


def paragraphs(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs]


def numbered(texts: list[str]) -> dict[int, str]:
    """The questions of the document by their number ("3.<tab>text")."""
    out = {}
    for text in texts:
        match = re.fullmatch(r"([0-9]+)\.\t(.*)", text, re.DOTALL)
        if match:
            out[int(match[1])] = match[2]
    return out


def test_the_word_document_refers_to_the_original_and_holds_every_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, briefs: dict[str, Brief]
) -> None:
    code, output, _ = run(tmp_path, monkeypatch)
    assert code == 0, output
    target = tmp_path / "reports" / "sv-221-2017-2018.followup.docx"
    assert output.strip() == f"wrote {Path('reports') / target.name}"
    texts = paragraphs(target.read_bytes())
    whole = "\n".join(texts)
    assert texts[0] == "Schriftelijke vraag"
    assert f"aan {MINISTER}" in texts
    assert PORTFOLIO_WORDS in whole
    intro = next(t for t in texts if t.startswith("Op "))
    assert intro == (
        f"Op 19 januari 2018 stelde {ASKER} schriftelijke vraag nr. {NUMBER} (zittingsjaar {SESSION}) over "
        "“Sociale economie - Collectieve ondersteuning”."
    )
    # What the answer left open: the parts the analysis does not find answered (1a and 1c not at all).
    assert "vragen 1a en 1c worden niet uitdrukkelijk beantwoord" in whole
    questions = numbered(texts)
    assert list(questions) == [q.number for q in briefs["nl"].follow_up]
    assert len(questions) >= 10
    for question in briefs["nl"].follow_up:
        assert questions[question.number] == question.text
    assert SUBPART_1A in questions[1]
    assert any(NOT_ADDRESSED_TASK in text for text in questions.values())
    # Each question is followed by its basis: which part, and the gap the analysis found.
    basis = texts[texts.index(f"1.\t{questions[1]}") + 1]
    assert basis.startswith("Bouwt voort op: vraag 1a (niet uitdrukkelijk beantwoord). ")
    assert basis.endswith(briefs["nl"].follow_up[0].reason)
    # The brief and the workbook, as `sebrief build` names them, are the attachments.
    assert "Bijlagen" in texts
    assert any(t.startswith("sv-221-2017-2018.pdf – ") for t in texts)
    assert any(t.startswith("sv-221-2017-2018.xlsx – ") for t in texts)


def test_the_word_document_is_an_a4_document_dated_by_the_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(tmp_path, monkeypatch)
    document = docx.Document(str(tmp_path / "reports" / "sv-221-2017-2018.followup.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    core = document.core_properties
    assert core.created is not None and core.created.date().isoformat() == "2018-01-19"
    assert core.author == "" and core.language == "nl-BE"
    assert core.title == "Sociale economie - Collectieve ondersteuning - Opvolging"
    with zipfile.ZipFile(tmp_path / "reports" / "sv-221-2017-2018.followup.docx") as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2018, 1, 19, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in archive.namelist()
        assert b"PAGE" in archive.read("word/footer1.xml")


def test_only_lays_out_exactly_the_chosen_questions_with_their_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, briefs: dict[str, Brief]
) -> None:
    code, output, _ = run(tmp_path, monkeypatch, "--only", "5, 1,3,3", "-o", "chosen.docx")
    assert code == 0, output
    questions = numbered(paragraphs((tmp_path / "chosen.docx").read_bytes()))
    texts = {q.number: q.text for q in briefs["nl"].follow_up}
    assert questions == {1: texts[1], 3: texts[3], 5: texts[5]}


def test_only_takes_a_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, _ = run(tmp_path, monkeypatch, "--only", "2-4,7", "-o", "range.docx")
    assert code == 0, output
    assert list(numbered(paragraphs((tmp_path / "range.docx").read_bytes()))) == [2, 3, 4, 7]


@pytest.mark.parametrize(
    ("only", "says"),
    [
        ("15", "there is no follow-up question 15: the brief's follow-up questions are numbered 1 to 14"),
        ("0,99", "there is no follow-up question 0, 99"),
        ("1;3", "is not a list of question numbers"),
        ("a", "is not a list of question numbers"),
        ("5-2", "runs backwards"),
    ],
)
def test_a_bad_only_is_a_usage_error_that_names_the_valid_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, only: str, says: str
) -> None:
    code, output, _ = run(tmp_path, monkeypatch, "--only", only)
    assert code == 2
    assert says in " ".join(output.split())
    assert "Traceback" not in output
    assert not (tmp_path / "reports").exists()


def test_english_keeps_the_quotes_in_dutch_and_names_the_english_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, briefs: dict[str, Brief]
) -> None:
    code, output, _ = run(tmp_path, monkeypatch, "--lang", "en")
    assert code == 0, output
    texts = paragraphs((tmp_path / "reports" / "sv-221-2017-2018.followup.en.docx").read_bytes())
    whole = "\n".join(texts)
    assert texts[0] == "Written question"
    assert f"to {MINISTER}" in texts
    assert f"On 19 January 2018, {ASKER} asked written question no. {NUMBER} (session {SESSION})" in whole
    assert "Attachments" in texts
    assert any(t.startswith("sv-221-2017-2018.en.pdf – ") for t in texts)
    assert any(t.startswith("sv-221-2017-2018.en.xlsx – ") for t in texts)
    questions = numbered(texts)
    assert questions == {q.number: q.text for q in briefs["en"].follow_up}
    assert SUBPART_1A in questions[1] and questions[1].startswith("Part 1a")
    assert any(NOT_ADDRESSED_TASK in text for text in questions.values())


def test_the_answer_date_is_named_when_the_dataset_gives_it(
    dataset_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml_file = dataset_copy / "dataset.yaml"
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8").replace("date_answered: null", "date_answered: 2018-02-20"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["followup", str(dataset_copy), "--format", "txt", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "De minister antwoordde op 20 februari 2018." in result.output
    default = CliRunner().invoke(main, ["followup", str(BUNDLED), "--format", "txt", "-o", "-"])
    assert "antwoordde" not in default.output  # the bundled answer has no date: none is invented


def test_plain_text_and_markdown_for_the_web_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, briefs: dict[str, Brief]
) -> None:
    code, output, text = run(tmp_path, monkeypatch, "--format", "txt", "-o", "-", "--only", "3,12")
    assert code == 0, output
    plain = text.decode("utf-8")
    assert plain.startswith("SCHRIFTELIJKE VRAAG\n")
    assert f"aan {MINISTER}\n" in plain
    texts = {q.number: q.text for q in briefs["nl"].follow_up}
    assert f"\n\n3. {texts[3]}\n   Bouwt voort op: vraag 1c" in plain
    assert f"\n\n12. {texts[12]}\n" in plain
    assert not re.search(r"^(1|2|4|5|6|7|8|9|10|11|13|14)\. ", plain, re.MULTILINE)
    assert "\n- sv-221-2017-2018.pdf: " in plain
    assert not (tmp_path / "reports").exists()  # standard output only
    code, _, markdown = run(tmp_path, monkeypatch, "--format", "md", "-o", "-", "--only", "3")
    md = markdown.decode("utf-8")
    assert "# Sociale economie - Collectieve ondersteuning - Opvolging\n" in md
    assert f"**3.** {texts[3]}\n\n> *Bouwt voort op:* vraag 1c" in md


def test_the_format_follows_the_output_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, _ = run(tmp_path, monkeypatch, "-o", "draft.odt")
    assert code == 0, output
    with zipfile.ZipFile(tmp_path / "draft.odt") as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = ElementTree.fromstring(archive.read("content.xml"))
        ElementTree.fromstring(archive.read("styles.xml"))
        ElementTree.fromstring(archive.read("meta.xml"))
    words = "".join(content.itertext())
    assert f"aan {MINISTER}" in words
    assert f"schriftelijke vraag nr. {NUMBER} (zittingsjaar {SESSION})" in words
    assert SUBPART_1A in words and NOT_ADDRESSED_TASK in words


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_the_same_dataset_gives_the_same_bytes_in_two_processes(tmp_path: Path, fmt: str) -> None:
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"run{seed}.{fmt}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run([sys.executable, "-m", "sebrief", "followup", str(BUNDLED), "-o", str(target)],
                       env=env, check=True, capture_output=True, timeout=120)  # fmt: skip
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_source_date_epoch_dates_the_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    result = CliRunner().invoke(main, ["followup", str(BUNDLED), "-o", "dated.docx"])
    assert result.exit_code == 0, result.output
    core = docx.Document(str(tmp_path / "dated.docx")).core_properties
    assert core.created is not None and core.created.isoformat().startswith("2023-11-14T22:13:20")
    with zipfile.ZipFile(tmp_path / "dated.docx") as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.slow
def test_libreoffice_opens_the_word_and_the_odt_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (Writer) and pdftotext are needed; scripts/install-test-deps.sh installs them")
    for name in ("draft.docx", "draft.odt"):
        code, output, _ = run(tmp_path, monkeypatch, "-o", name)
        assert code == 0, output
    profile = (tmp_path / "profile").as_uri()
    sources = [str(tmp_path / "draft.docx"), str(tmp_path / "draft.odt")]
    for source, folder in zip(sources, ("docx", "odt"), strict=True):  # same stem: one folder each
        subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / folder), source],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
    for folder in ("docx", "odt"):
        pdf = tmp_path / folder / "draft.pdf"
        assert pdf.exists(), f"LibreOffice could not open the {folder} document"
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                       text=True).stdout.split())  # fmt: skip
        assert "SCHRIFTELIJKE VRAAG" in text
        assert f"aan {MINISTER}" in text
        assert f"schriftelijke vraag nr. {NUMBER} ({SESSION})" in text  # the draft's note; the footer
        assert SUBPART_1A in text
        assert "14. Waarom werden de opdrachten" in text
        assert "sv-221-2017-2018.xlsx" in text
        assert "pagina 2" in text  # the footer's page number


def test_a_brief_without_follow_up_questions_says_so(briefs: dict[str, Brief]) -> None:
    from dataclasses import replace

    from sebrief.render.followup import UnknownQuestions, render_followup

    brief = briefs["nl"]
    answered = next(c for c in brief.coverage if c.status.code == "answered")
    quiet = replace(brief, follow_up=(), coverage=tuple(replace(c, status=answered.status) for c in brief.coverage))
    names = ("x.pdf", "x.xlsx")
    when = dt.datetime(2018, 1, 19, tzinfo=dt.UTC)
    text = render_followup(quiet, fmt="txt", attachments=names, timestamp=when).decode("utf-8")
    assert "Het antwoord gaat op elke vraag in." in text
    assert "De analyse leidt uit dit antwoord geen vervolgvraag af." in text
    assert "De vragen hieronder" not in text
    assert not re.search(r"^[0-9]+\. ", text, re.MULTILINE)
    with pytest.raises(UnknownQuestions) as raised:
        render_followup(quiet, fmt="docx", numbers=(1,), attachments=names, timestamp=when)
    assert raised.value.valid == ()
