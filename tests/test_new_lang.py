"""sebrief new in the user's language: what the drafter could not find or asks to check, what it
could not read from the source, why it leaves a row's status or a table's period to a person, and
the comments of the drafted dataset.yaml follow --lang (Dutch by default).

The sources are fictional, made here; the sentences expected are written by hand from them.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.draft import parse_document
from sebrief.draft.documents import html_text
from sebrief.i18n import Translator

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "src" / "sebrief" / "locale" / "nl" / "LC_MESSAGES"

# A question with one table: row 2's amount cannot be read ('miljoen euro' gives no figure), so
# the stated total cannot be checked against the rows; the answer gives no date of its own.
SOURCE = (
    "SCHRIFTELIJKE VRAAG\n\nnr. 12\nvan LIES MAES\ndatum: 4 februari 2021\n\naan TOM VERLINDEN\n"
    "VLAAMS MINISTER VAN CULTUUR\n\nAffichecampagnes\n\n1. Welke campagnes liepen in 2020 en wat kostten ze?\n\n"
    "ANTWOORD\nop vraag nr. 12 van 4 februari 2021\n\n1. Deze campagnes liepen:\n\n"
    "Omschrijving | Opdrachtnemer | Bedrag\n"
    "Affiches | Drukkerij Noord | 10.000,00 euro\n"
    "Video | Studio Zuid | miljoen euro\n"
    "Totaal | | 110.000,00 euro\n"
)
ENGLISH_WORDS = re.compile(r"\b(?:the|cannot|could|fill|check|row|rows|table|answer|amount|total|line|lines)\b")


def line_of(text: str) -> int:
    """The 1-based line of SOURCE that starts with ``text``."""
    return next(n for n, line in enumerate(SOURCE.splitlines(), start=1) if line.startswith(text))


def new(tmp_path: Path, *lang: str, source_name: str = "vraag.txt", text: str = SOURCE) -> tuple[str, Path]:
    """What `sebrief new` prints on ``text`` written as ``source_name``, and the folder it drafted."""
    work = tmp_path / "-".join(("new", *lang, source_name))
    work.mkdir()
    source = work / source_name
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["new", *lang, str(source), str(work / "draft")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout, work / "draft"


def listed(output: str, header: str) -> list[str]:
    """The lines listed under the line that starts with ``header``, up to the next blank line."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header)) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_gaps_are_in_dutch_by_default(tmp_path: Path) -> None:
    output, folder = new(tmp_path)
    answer_at, video, total = line_of("ANTWOORD"), line_of("Video"), line_of("Totaal")
    gaps = listed(output, "wat sebrief niet kon vinden of u vraagt na te kijken (")
    assert f"  datum van het antwoord (regels {answer_at}-{answer_at + 1}): het document geeft geen datum voor het " \
        "antwoord; neem hem over uit de gegevens van het parlement of laat hem leeg" in gaps  # fmt: skip
    assert (
        f"  bedrag van de rij (tabelrij 2, regel {video}): in 'miljoen euro' is geen bedrag te lezen; vul het in"
        in gaps
    )
    assert f"  vermeld totaal (tabel 1, regel {total}): het totaal '110.000,00 euro' kan niet nagekeken worden: het " \
        "bedrag van rij 2 kon niet gelezen worden; vul het in en vergelijk" in gaps  # fmt: skip
    assert "  soort van de rijen van rows.csv (tabel T-ROWS): de bron geeft geen soort voor de rijen van deze " \
        "tabel: leg de soort(en) vast in dataset.yaml en vul de kolom kind in" in gaps  # fmt: skip
    leaks = [line for line in gaps if ENGLISH_WORDS.search(line.replace("rows.csv", ""))]
    assert leaks == []
    text = (folder / "dataset.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Ontwerp van dataset (formaatversie 2), geschreven door `sebrief new` uit vraag.txt.")
    assert "  date_answered:  # het document geeft geen datum voor het antwoord: vul hem in (JJJJ-MM-DD)" in text
    assert "  procurement:  # true als deze rijen overheidsopdrachten zijn" in text
    comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    assert [c for c in comments if re.search(r"\b(?:the|fill|check|if)\b", c)] == []


def test_gaps_are_in_english_with_lang_en(tmp_path: Path) -> None:
    output, folder = new(tmp_path, "--lang", "en")
    video, total = line_of("Video"), line_of("Totaal")
    gaps = listed(output, "what the drafter could not find or asks you to check (")
    assert f"  row amount (table row 2, line {video}): cannot read an amount in 'miljoen euro'; fill it in" in gaps
    assert f"  stated total (table 1, line {total}): the total '110.000,00 euro' cannot be checked: the amount of " \
        "row 2 could not be read; fill it in and compare" in gaps  # fmt: skip
    text = (folder / "dataset.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Draft dataset (format version 2) written by `sebrief new` from vraag.txt.")
    assert "  date_answered:  # the document gives no date for the answer: fill it in (YYYY-MM-DD)" in text
    assert "formaatversie" not in text and "vul " not in text


def test_the_drafts_read_the_same_whatever_the_language(tmp_path: Path) -> None:
    import yaml

    _, dutch = new(tmp_path)
    _, english = new(tmp_path, "--lang", "en")
    for name in ("dataset.yaml", "rows.csv", "source.txt"):
        if name == "dataset.yaml":  # only the comments differ
            assert yaml.safe_load((dutch / name).read_text("utf-8")) == yaml.safe_load(
                (english / name).read_text("utf-8")
            )
        else:
            assert (dutch / name).read_bytes() == (english / name).read_bytes()


def test_what_could_not_be_read_from_the_source_is_in_dutch(tmp_path: Path) -> None:
    page = (
        "<html><body><p>SCHRIFTELIJKE VRAAG</p><p>nr. 3</p><p>ANTWOORD</p>"
        '<p>De kosten:</p><img src="x.png" alt="grafiek van de kosten"></body></html>'
    )
    output, _ = new(tmp_path, source_name="vraag.html", text=page)
    unread = listed(output, "wat niet zomaar uit vraag.html gelezen kon worden (")
    assert unread == ["  een afbeelding ('grafiek van de kosten') is niet gelezen; neem met de hand over wat ze toont"]
    english, _ = new(tmp_path, "--lang", "en", source_name="vraag.html", text=page)
    assert "  an image ('grafiek van de kosten') is not read; copy what it shows by hand" in english
    assert [note.text(Translator("nl")) for note in html_text(b"<p>A</p><img src='y.png'>").notes] == [
        "een afbeelding (zonder tekst) is niet gelezen; neem met de hand over wat ze toont"
    ]


def test_a_doubt_on_a_status_and_a_period_is_given_in_dutch() -> None:
    source = SOURCE.replace("1. Deze campagnes liepen:", "1. In 2017 en 2018 liepen deze campagnes:").replace(
        "Drukkerij Noord | 10.000,00 euro", "Eigen dienst | 10.000,00 euro"
    )
    nl = Translator("nl")
    hints = {gap.what: gap.hint_text(nl) for gap in parse_document(source).gaps}
    assert hints["row status"] == (
        "de rij zegt dat het werk intern gedaan is, maar geeft een bedrag ('10.000,00 euro'): zet status op "
        "in_house (en laat amount leeg) of op awarded"
    )
    from sebrief.draft.emit import draft_files

    files = draft_files(parse_document(source), source, "vraag.txt")
    [period] = [gap for gap in files.gaps if gap.what.startswith("period of table")]
    assert period.text(nl).startswith(
        "periode van tabel T-ROWS (regels "
    ) and "): de inleidende zin ('In 2017 en 2018 liepen deze campagnes:') noemt een jaar" in period.text(nl)


def test_every_message_of_the_drafter_has_its_dutch() -> None:
    found = extract_from_dir(
        str(ROOT / "src" / "sebrief" / "draft"),
        method_map=[("**.py", "python")],
        keywords={"Message": None, "plural": (1, 2)},
    )
    messages = {message for _, _, message, _, _ in found if message}
    assert len(messages) > 100  # the drafter's messages were found
    dutch: dict[object, object] = {}
    for po in sorted(CATALOGS.glob("*.po")):
        with po.open("rb") as handle:
            dutch.update({m.id: m.string for m in read_po(handle) if m.id})
    missing = [m for m in messages if not dutch.get(m) or (isinstance(m, tuple) and not all(dutch[m]))]  # type: ignore[arg-type]
    assert missing == [], "run scripts/update-catalogs.sh and translate"


def test_a_source_or_a_folder_that_cannot_be_used_is_reported_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "vraag.pdf").write_bytes(b"SCHRIFTELIJKE VRAAG")
    result = CliRunner().invoke(main, ["new", str(tmp_path / "vraag.pdf"), str(tmp_path / "out")])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert result.stderr.startswith("fout: vraag.pdf: is geen PDF")
    result = CliRunner().invoke(main, ["new", str(tmp_path / "nergens.pdf"), str(tmp_path / "out")])
    assert result.stderr == "fout: nergens.pdf: bestand bestaat niet; controleer het pad\n"
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notities.txt").write_text("van mij", encoding="utf-8")
    (tmp_path / "vraag.txt").write_text(SOURCE, encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(tmp_path / "vraag.txt"), str(taken)])
    assert (
        result.exit_code == 4
        and f"fout: {taken} is niet leeg; sebrief new overschrijft nooit bestanden" in result.stderr
    )
    assert [path.name for path in taken.iterdir()] == ["notities.txt"]
