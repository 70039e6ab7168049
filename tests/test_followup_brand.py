"""`sebrief followup` in a house style: the letterhead (logo, organisation), the headings' colour,
the fonts and the footer line in the Word and OpenDocument texts; the questions unchanged.

The house style is the fictional one of tests/fixtures/brand/ (organisation, logo and colours
made up); what the tests expect is what its brand.yaml writes.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from sebrief.brand import load_brand
from sebrief.cli import main
from sebrief.errors import ExitCode

from .conftest import BUNDLED
from .test_brand import FIXTURE, FOOTER, ORGANISATION, PRIMARY, TEXT_ONLY, png

ROOT = Path(__file__).resolve().parents[1]
LOGO = png(120, 40)  # a logo three times as wide as it is high


@pytest.fixture
def svg_style(tmp_path: Path) -> Path:
    """The fixture's house style, with its SVG logo."""
    target = tmp_path / "svg-style"
    shutil.copytree(FIXTURE, target)
    return target / "brand.yaml"


@pytest.fixture
def png_style(tmp_path: Path) -> Path:
    """The fixture's house style with a PNG logo instead of its SVG one."""
    target = tmp_path / "png-style"
    target.mkdir()
    text = (FIXTURE / "brand.yaml").read_text(encoding="utf-8")
    assert "logo: logo.svg\n" in text
    (target / "brand.yaml").write_text(text.replace("logo: logo.svg\n", "logo: logo.png\n"), encoding="utf-8")
    (target / "logo.png").write_bytes(LOGO)
    return target / "brand.yaml"


def followup(tmp_path: Path, *args: str, dataset: Path = BUNDLED) -> tuple[bytes, str]:
    """The follow-up's bytes and what the command said on standard error."""
    out = tmp_path / f"out-{len(list(tmp_path.glob('out-*')))}"
    result = CliRunner().invoke(main, ["followup", str(dataset), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out.read_bytes(), result.stderr


def body_texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_a_house_style_gives_the_word_document_a_letterhead_and_colours_but_the_same_text(
    tmp_path: Path, png_style: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain, _ = followup(tmp_path, "--format", "docx")
    branded, warnings = followup(tmp_path, "--format", "docx", "--brand", str(png_style))
    assert "logo" not in warnings
    document = docx.Document(io.BytesIO(branded))
    without = docx.Document(io.BytesIO(plain))
    # The questions, the introduction, everything in the body: word for word as without a house style.
    assert body_texts(document) == body_texts(without)
    # The letterhead: the organisation's name in the page's header, the logo before it.
    header = document.sections[0].header
    assert [p.text for p in header.paragraphs] == [f"\t{ORGANISATION}"]
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert [image.blob for image in images] == [LOGO]
    assert [rel.target_part for rel in header.part.rels.values() if "image" in rel.reltype] == images
    # Headings in the house's main colour; without a house style they are near-black.
    for name in ("Heading 1", "Heading 2"):
        assert str(document.styles[name].font.color.rgb) == PRIMARY.lstrip("#").upper()
        assert str(without.styles[name].font.color.rgb) == "1A1A1A"
    title = next(p for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1")
    assert title.text == body_texts(without)[body_texts(without).index(title.text)]
    # The house's footer line, then sebrief's note with the page.
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    assert footer[0] == FOOTER
    assert footer[1].startswith("Ontwerp van vervolgvraag op schriftelijke vraag nr. 221")
    assert without.sections[0].footer.paragraphs[0].text == footer[1]
    # The fonts the house names, when the machine has them (else the document's own).
    house = load_brand(png_style)
    assert document.styles["Normal"].font.name == (house.base_font or "Arial")
    assert document.styles["Heading 1"].font.name == (house.heading_font or house.base_font or "Arial")


def test_an_svg_logo_is_left_out_of_the_word_document_with_a_warning(tmp_path: Path, svg_style: Path) -> None:
    data, warnings = followup(tmp_path, "--format", "docx", "--brand", str(svg_style))
    assert warnings.startswith("waarschuwing: het logo 'logo.svg' is een SVG")
    assert "logo: logo.png" in warnings and "--format odt" in warnings
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.sections[0].header.paragraphs] == [ORGANISATION]
    assert not [part for part in document.part.package.parts if part.content_type.startswith("image/")]
    _, english = followup(tmp_path, "--format", "docx", "--brand", str(svg_style), "--lang", "en")
    assert english.startswith("warning: the logo 'logo.svg' is an SVG, which a Word document cannot hold")
    _, odt = followup(tmp_path, "--format", "odt", "--brand", str(svg_style))
    assert "logo" not in odt  # an OpenDocument text holds the SVG itself


def test_a_house_style_gives_the_opendocument_text_a_letterhead_with_its_svg_logo(
    tmp_path: Path, svg_style: Path
) -> None:
    plain, _ = followup(tmp_path, "--format", "odt")
    branded, _ = followup(tmp_path, "--format", "odt", "--brand", str(svg_style))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        before = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(io.BytesIO(branded)) as archive:
        after = {name: archive.read(name) for name in archive.namelist()}
    assert after["content.xml"] == before["content.xml"]  # the text is the same
    assert after["Pictures/logo.svg"] == (FIXTURE / "logo.svg").read_bytes()
    entry = b'manifest:full-path="Pictures/logo.svg" manifest:media-type="image/svg+xml"'
    assert entry in after["META-INF/manifest.xml"]
    styles = after["styles.xml"].decode("utf-8")
    header = styles[styles.index("<style:header>") : styles.index("</style:header>")]
    assert 'xlink:href="Pictures/logo.svg"' in header and f"<text:tab/>{ORGANISATION}</text:p>" in header
    heading = styles[styles.index('style:name="Heading_20_1"') :]
    assert f'fo:color="{PRIMARY}"' in heading[: heading.index("</style:style>")]
    assert f'<text:p text:style-name="Footer">{FOOTER}</text:p>' in styles
    assert "<style:header>" not in before["styles.xml"].decode("utf-8")


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_markdown_and_text_for_the_web_form_take_no_house_style(tmp_path: Path, svg_style: Path, fmt: str) -> None:
    plain, _ = followup(tmp_path, "--format", fmt)
    branded, warnings = followup(tmp_path, "--format", fmt, "--brand", str(svg_style))
    assert branded == plain and warnings == ""


def test_the_brand_file_beside_the_dataset_is_used(tmp_path: Path) -> None:
    dataset = tmp_path / TEXT_ONLY.name
    shutil.copytree(TEXT_ONLY, dataset)
    plain, _ = followup(tmp_path, "--format", "odt", dataset=dataset)
    shutil.copy(FIXTURE / "brand.yaml", dataset / "brand.yaml")
    shutil.copy(FIXTURE / "logo.svg", dataset / "logo.svg")
    branded, _ = followup(tmp_path, "--format", "odt", dataset=dataset)
    with zipfile.ZipFile(io.BytesIO(branded)) as archive:
        assert ORGANISATION in archive.read("styles.xml").decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        assert ORGANISATION not in archive.read("styles.xml").decode("utf-8")


def test_an_invalid_brand_file_stops_the_follow_up_with_exit_code_3(tmp_path: Path, svg_style: Path) -> None:
    svg_style.write_text("meta: {name: Dienst}\ncolor:\n  primary: blauw\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["followup", str(BUNDLED), "--brand", str(svg_style), "-o", str(out)])
    assert result.exit_code == ExitCode.INVALID_DATASET
    located = f"fout: het huisstijlbestand {svg_style} heeft 1 probleem:\n  {svg_style}, regel 3: "
    assert result.stderr.startswith(located)
    assert "color.primary: 'blauw' is geen kleur" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_a_branded_follow_up_is_the_same_bytes_in_every_process(tmp_path: Path, png_style: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        for fmt in ("docx", "odt"):
            target = tmp_path / f"{seed}.{fmt}"
            env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
            env.pop("SOURCE_DATE_EPOCH", None)
            command = [sys.executable, "-m", "sebrief", "followup", str(BUNDLED), "--brand", str(png_style)]
            subprocess.run([*command, "-o", str(target)], check=True, env=env, capture_output=True)
            outputs.append(target.read_bytes())
    assert outputs[:2] == outputs[2:]
    with zipfile.ZipFile(io.BytesIO(outputs[1])) as archive:
        assert archive.read("Pictures/logo.png") == LOGO


def test_a_house_style_of_colours_alone_gives_no_letterhead(tmp_path: Path) -> None:
    style = tmp_path / "colours" / "brand.yaml"
    style.parent.mkdir()
    style.write_text(f'color:\n  primary: "{PRIMARY}"\n', encoding="utf-8")
    document = docx.Document(io.BytesIO(followup(tmp_path, "--format", "docx", "--brand", str(style))[0]))
    assert str(document.styles["Heading 1"].font.color.rgb) == PRIMARY.lstrip("#").upper()
    assert document.sections[0].header.is_linked_to_previous  # no header of its own
    assert round(document.sections[0].top_margin.mm) == 22
    with zipfile.ZipFile(io.BytesIO(followup(tmp_path, "--format", "odt", "--brand", str(style))[0])) as archive:
        assert "<style:header>" not in archive.read("styles.xml").decode("utf-8")
