"""House style: brand.yaml (beside the dataset, or --brand FILE) read and validated like a dataset,
and applied to the PDF brief and the workbook, and to nothing else.

The house style in tests/fixtures/brand/ is fictional (organisation, logo and colours are made up);
the colours the tests expect are those its brand.yaml writes.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import sebrief.brand.load as brand_load
from sebrief.brand import Brand, BrandError, load_brand
from sebrief.brand.colours import contrast, mix_with_white
from sebrief.cli import main
from sebrief.engine.brief import Brief
from sebrief.errors import ExitCode
from sebrief.i18n import Translator
from sebrief.pipeline import prepare
from sebrief.render.pdf import render_html
from sebrief.render.pdf.context import template_context
from sebrief.render.xlsx import render_workbook
from sebrief.resources import templates_dir

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
TEXT_ONLY = ROOT / "tests" / "fixtures" / "datasets" / "fictional-text-only-2019-2020"
MATRIX = ROOT / "tests" / "fixtures" / "datasets" / "fictional-matrix-2022-2023"
FIXTURE = ROOT / "tests" / "fixtures" / "brand"
ORGANISATION = "Studiedienst Voorbeeld (fictief)"
FOOTER = "Studiedienst Voorbeeld (fictief) · voorbeeld.invalid"
PRIMARY, ACCENT = "#0b5d4b", "#c2571a"  # color.palette's spruce and rust
CHARTS = ("#c2571a", "#0b5d4b", "#3d5a80", "#9a6b00", "#6a3d9a")
WHEN = dt.datetime(2018, 1, 19, tzinfo=dt.UTC)
STYLE_PARTS = re.compile(r"^(xl/styles\.xml|xl/charts/chart\d+\.xml|docProps/(app|core)\.xml)$")


@pytest.fixture(scope="module")
def brand() -> Brand:
    return load_brand(FIXTURE / "brand.yaml")


@pytest.fixture(scope="module")
def bundled() -> Brief:
    return prepare(BUNDLED, attach=False).brief


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder for a brand file of a test, with the fixture's logo."""
    target = tmp_path / "style"
    target.mkdir()
    shutil.copy(FIXTURE / "logo.svg", target / "logo.svg")
    return target


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A copy of a small dataset, with the fixture's house style beside it."""
    target = tmp_path / TEXT_ONLY.name
    shutil.copytree(TEXT_ONLY, target)
    shutil.copy(FIXTURE / "brand.yaml", target / "brand.yaml")
    shutil.copy(FIXTURE / "logo.svg", target / "logo.svg")
    return target


def brand_file(folder: Path, text: str) -> Path:
    path = folder / "brand.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def png(width: int = 2, height: int = 1) -> bytes:
    """A small PNG image, written here byte by byte."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x0b\x5d\x4b" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# --- reading ---------------------------------------------------------------------------------


def test_the_fictional_house_style_reads_as_written(brand: Brand) -> None:
    assert brand.organisation == ORGANISATION
    assert (brand.primary, brand.accent) == (PRIMARY, ACCENT)
    assert brand.chart_palette == CHARTS
    assert brand.footer == FOOTER
    assert brand.logo is not None and brand.logo.media_type == "image/svg+xml"
    assert brand.logo.data == (FIXTURE / "logo.svg").read_bytes()
    assert not brand.is_default


def test_without_a_brand_file_the_house_style_is_sebriefs_own(tmp_path: Path) -> None:
    assert load_brand(None, TEXT_ONLY) == Brand()
    assert load_brand(None, None).is_default


def test_the_brand_file_beside_the_dataset_is_found(dataset: Path) -> None:
    assert load_brand(None, dataset).organisation == ORGANISATION
    assert load_brand(None, dataset / "dataset.yaml").organisation == ORGANISATION


def test_no_brand_file_is_looked_for_beside_a_dataset_that_is_not_there(tmp_path: Path) -> None:
    brand_file(tmp_path, "not: [valid\n")
    assert load_brand(None, tmp_path / "no-such-dataset") == Brand()


def test_brand_option_wins_over_the_datasets_own(dataset: Path, folder: Path) -> None:
    other = brand_file(folder, "meta:\n  name: Andere dienst\n")
    assert load_brand(other, dataset).organisation == "Andere dienst"


def test_contrast_ratios_as_wcag_defines_them() -> None:
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#ffffff") == pytest.approx(1.0)
    # #767676 is the lightest grey with 4.5:1 on white; #777777 just misses it.
    assert contrast("#767676") >= 4.5 > contrast("#777777")
    assert mix_with_white("#000000", 0.5) == "#808080"
    assert mix_with_white("#13f", 1.0) == "#1133ff"


def test_a_colour_hard_to_read_on_white_is_warned_of(folder: Path) -> None:
    path = brand_file(folder, 'meta: {name: X}\ncolor:\n  primary: "#ffcc00"\n')
    (warning,) = load_brand(path).warnings
    assert str(warning).startswith(f"{path}, line 3: color.primary: #ffcc00 on white has a contrast ratio of 1.")
    assert "under the 4.5:1 WCAG asks of text" in str(warning)
    dutch = warning.text(Translator("nl"))
    assert dutch.startswith(f"{path}, regel 3: color.primary: #ffcc00 op wit heeft een contrastverhouding van 1,")
    assert "minder dan de 4,5:1 die WCAG vraagt voor tekst" in dutch
    assert load_brand(brand_file(folder, 'color:\n  primary: "#767676"\n')).warnings == ()


def test_a_font_not_installed_is_warned_of_and_the_default_used(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(brand_load, "installed_families", lambda: {"dejavu serif": "DejaVu Serif"})
    path = brand_file(folder, "typography:\n  base: Fictional Grotesk\n  headings: {family: dejavu serif}\n")
    brand = load_brand(path)
    assert (brand.base_font, brand.heading_font) == (None, "DejaVu Serif")
    assert tuple(map(str, brand.warnings)) == (
        f"{path}, line 2: typography.base: the font family 'Fictional Grotesk' is not installed on this machine, "
        "so the brief uses its default font; install the font, or name one that `fc-list : family` lists",
    )


OUTSIDE = "outside the brand file's folder; the logo is read only from that folder"
BROKEN = [
    ("colour:\n  primary: '#0b5d4b'\n", "colour",
     "colour: unknown key; remove it or correct its name (sebrief reads meta, logo, color, typography, charts, "
     "footer)"),
    ("color:\n  primary: blauw\n", "blauw",
     "color.primary: 'blauw' is neither a colour nor a name in color.palette; write a colour as '#1f3a5f' (in "
     "quotes) or name one of the palette"),
    ("color:\n  palette: {groen: '#0b5d4'}\n  primary: groen\n", "palette",
     "color.palette.groen: '#0b5d4' is not a colour; write it as #rrggbb, for example '#1f3a5f' (in quotes: YAML "
     "reads # as a comment)"),
    ("charts:\n  palette: [wit]\n", "wit",
     "charts.palette[0]: 'wit' is neither a colour nor a name in color.palette; write a colour as '#1f3a5f' (in "
     "quotes) or name one of the palette"),
    ("meta:\n  name: 12\n", "name", "meta.name: should be text, not 12; put it in quotes"),
    ("typography:\n  headings: {family: 'Sans; color: red'}\n", "family",
     "typography.headings.family: 'Sans; color: red' is not a font family name; write it as fc-list lists it, "
     "e.g. DejaVu Sans"),
    ("logo: logo.svg\n", "logo",
     "logo: a logo needs the organisation's name (meta: {name: ...}): the PDF gives it as the logo's text for "
     "readers who cannot see it; add it"),
    ("meta: {name: X}\nlogo: ../outside.svg\n", "logo",
     f"logo: '../outside.svg' leads {OUTSIDE}: put the logo in {{folder}} and name it by its file name there, for "
     "example logo.svg"),
    ("meta: {name: X}\nlogo: https://example.invalid/logo.svg\n", "logo",
     "logo: 'https://example.invalid/logo.svg' is not a file; sebrief reads the logo from the brand file's "
     "folder, never from the network: put the logo in {folder} and name it by its file name there, for example "
     "logo.svg"),
    ("meta: {name: X}\nlogo: {medium: missing.png}\n", "medium",
     "logo.medium: 'missing.png': no such file in {folder}; put the logo in {folder} and name it by its file name "
     "there, for example logo.svg"),
    ("footer: [a, b]\n", "footer", "footer: should be text, not a list; put it in quotes"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "at", "message"), BROKEN, ids=[case[2].split(":")[0] for case in BROKEN])
def test_an_invalid_brand_file_is_a_located_problem(folder: Path, text: str, at: str, message: str) -> None:
    (folder.parent / "outside.svg").write_bytes((FIXTURE / "logo.svg").read_bytes())
    path = brand_file(folder, text)
    with pytest.raises(BrandError) as raised:
        load_brand(path)
    assert str(raised.value) == (
        f"the house style file {path} has 1 problem:\n  {path}, line {line_of(path, at)}: "
        + message.replace("{folder}", str(folder))
    )
    assert raised.value.exit_code == ExitCode.INVALID_DATASET


def test_a_yaml_error_names_the_brand_file_and_its_line(folder: Path) -> None:
    path = brand_file(folder, "meta:\n  name: [X\n")
    with pytest.raises(BrandError) as raised:
        load_brand(path)
    assert f"{path}, line 3, column 1: not valid YAML" in str(raised.value)
    assert "dataset.yaml" not in str(raised.value)


@pytest.mark.parametrize("how", ["absolute", "symlink", "symlinked folder"])
def test_a_logo_outside_the_brand_files_folder_is_refused(folder: Path, tmp_path: Path, how: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "logo.svg").write_bytes((FIXTURE / "logo.svg").read_bytes())
    if how == "absolute":
        name = str(elsewhere / "logo.svg")
    elif how == "symlink":
        (folder / "linked.svg").symlink_to(elsewhere / "logo.svg")
        name = "linked.svg"
    else:
        (folder / "art").symlink_to(elsewhere)
        name = "art/logo.svg"
    path = brand_file(folder, f"meta: {{name: X}}\nlogo: {name}\n")
    with pytest.raises(BrandError) as raised:
        load_brand(path)
    assert OUTSIDE in str(raised.value)
    assert f"line {line_of(path, 'logo')}: logo: '{name}' leads " in str(raised.value)


DUTCH = [
    ("colour:\n  primary: '#0b5d4b'\n", "colour",
     "colour: onbekende sleutel; verwijder die of verbeter de naam (sebrief leest meta, logo, color, typography, "
     "charts, footer)"),
    ("color:\n  palette: {groen: '#0b5d4'}\n  primary: groen\n", "palette",
     "color.palette.groen: '#0b5d4' is geen kleur; schrijf de kleur als #rrggbb, bijvoorbeeld '#1f3a5f' (tussen "
     "aanhalingstekens: YAML leest # als het begin van commentaar)"),
    ("meta: {name: X}\nlogo: ../outside.svg\n", "logo",
     "logo: '../outside.svg' leidt buiten de map van het huisstijlbestand; het logo wordt alleen uit die map "
     "gelezen: zet het logo in {folder} en geef het op met zijn bestandsnaam, bijvoorbeeld logo.svg"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "at", "message"), DUTCH, ids=[case[2].split(":")[0] for case in DUTCH])
def test_the_problems_of_a_brand_file_are_reported_in_dutch(folder: Path, text: str, at: str, message: str) -> None:
    (folder.parent / "outside.svg").write_bytes((FIXTURE / "logo.svg").read_bytes())
    path = brand_file(folder, text)
    with pytest.raises(BrandError) as raised:
        load_brand(path)
    assert raised.value.report("nl") == (
        f"fout: het huisstijlbestand {path} heeft 1 probleem:\n  {path}, regel {line_of(path, at)}: "
        + message.replace("{folder}", str(folder))
    )


def test_the_brand_files_problems_follow_the_commands_lang(dataset: Path, folder: Path, tmp_path: Path) -> None:
    bad = brand_file(folder, "color:\n  primary: blauw\n  secondary: rood\n")
    command = ["xlsx", str(dataset), "--brand", str(bad), "-o", str(tmp_path / "out.xlsx")]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == ExitCode.INVALID_DATASET
    assert result.stderr.startswith(f"fout: het huisstijlbestand {bad} heeft 2 problemen:\n  {bad}, regel 2: ")
    assert "color.primary: 'blauw' is geen kleur en ook geen naam uit color.palette" in result.stderr
    english = CliRunner().invoke(main, [*command, "--lang", "en"])
    assert english.stderr.startswith(f"error: the house style file {bad} has 2 problems:\n  {bad}, line 2: ")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"#!/bin/sh\necho not a logo\n", "logo.png"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg>&a;</svg>\n', "logo.svg"),
        (b"\xff\xd8\xff\xe0 a JPEG", "logo.jpg"),
    ],
)
def test_a_logo_that_is_neither_svg_nor_png_is_refused(folder: Path, content: bytes, name: str) -> None:
    (folder / name).write_bytes(content)
    path = brand_file(folder, f"meta: {{name: X}}\nlogo: {name}\n")
    with pytest.raises(BrandError, match="is neither an SVG nor a PNG image"):
        load_brand(path)


@pytest.mark.parametrize(
    "reference",
    ['<image href="elsewhere.png" width="4" height="4"/>', "<image xlink:href='file:///{tmp}/x.png'/>",
     '<rect style="fill: url( http://example.invalid/p.svg#a)"/>'],
)  # fmt: skip
def test_an_svg_logo_that_refers_to_other_files_is_refused(folder: Path, tmp_path: Path, reference: str) -> None:
    svg = (FIXTURE / "logo.svg").read_text(encoding="utf-8")
    (folder / "logo.svg").write_text(svg.replace("</svg>", reference.format(tmp=tmp_path) + "</svg>"), "utf-8")
    path = brand_file(folder, "meta: {name: X}\nlogo: logo.svg\n")
    with pytest.raises(BrandError, match="is an SVG that refers to other files or addresses"):
        load_brand(path)


def test_an_svg_logo_may_refer_to_its_own_parts(folder: Path) -> None:
    svg = (FIXTURE / "logo.svg").read_text(encoding="utf-8")
    own = '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/><use href="#g"/>'
    (folder / "logo.svg").write_text(svg.replace("</svg>", own + "</svg>"), "utf-8")
    assert load_brand(brand_file(folder, "meta: {name: X}\nlogo: logo.svg\n")).logo is not None


def test_a_png_logo_is_read(folder: Path) -> None:
    (folder / "logo.png").write_bytes(png())
    brand = load_brand(brand_file(folder, "meta: {name: X}\nlogo: logo.png\n"))
    assert brand.logo is not None and brand.logo.media_type == "image/png"


def test_a_brand_file_linked_from_outside_the_dataset_folder_is_refused(dataset: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (dataset / "brand.yaml").rename(elsewhere / "brand.yaml")
    (dataset / "brand.yaml").symlink_to(elsewhere / "brand.yaml")
    with pytest.raises(BrandError, match="outside the dataset folder"):
        load_brand(None, dataset)


# --- the PDF brief ---------------------------------------------------------------------------


def test_brief_css_sets_every_colour_once_in_root() -> None:
    css = (templates_dir() / "brief.css").read_text(encoding="utf-8")
    root, rest = css.split("}\n", 1)
    assert ":root {" in root
    assert re.findall(r"#[0-9a-fA-F]{3,6}\b", rest) == []  # no colour outside :root
    defined = re.findall(r"^\s*--([a-z0-9-]+):", root, re.MULTILINE)
    assert len(defined) == len(set(defined))
    assert set(re.findall(r"var\(--([a-z0-9-]+)\)", rest)) <= set(defined)
    assert rest.count("var(--primary)") >= 10  # the main colour, set once


def test_without_a_house_style_the_brief_has_none(bundled: Brief) -> None:
    page = render_html(bundled)
    assert page == render_html(bundled, brand=Brand())
    assert 'class="brand-line"' not in page and "house style (brand.yaml or --brand)" not in page


def test_the_house_style_sets_the_briefs_colours_logo_and_footer(bundled: Brief, brand: Brand) -> None:
    page = render_html(bundled, brand=brand)
    root = page.split("/* The house style (brand.yaml or --brand) */\n:root {\n", 1)[1].split("}", 1)[0]
    assert f"--primary: {PRIMARY};" in root and f"--accent: {ACCENT};" in root
    assert '--font-headings: "DejaVu Serif",' in root
    logo = re.search(r'<img class="brand-logo" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)">', page)
    assert logo is not None and logo.group(2) == ORGANISATION
    assert base64.b64decode(logo.group(1)) == (FIXTURE / "logo.svg").read_bytes()
    assert f'<span class="brand-name">{ORGANISATION}</span>' in page
    assert f'<p class="running-footer-note"><span class="brand-footer">{FOOTER}</span> · ' in page
    assert f'<meta name="author" content="{ORGANISATION}">' in page


def chart_colours(brief: Brief, brand: Brand | None) -> set[str]:
    charts = template_context(brief, brand=brand)["charts"]
    svgs = [base64.b64decode(uri.split(",", 1)[1]).decode() for uris in charts.values() for uri in uris]
    return {colour.lower() for svg in svgs for colour in re.findall(r"fill: (#[0-9a-fA-F]{6})", svg)}


def test_the_charts_take_the_house_styles_palette(bundled: Brief, brand: Brand) -> None:
    own, branded = chart_colours(bundled, None), chart_colours(bundled, brand)
    # The bundled answer has two money columns (subsidy calls, public contracts): the first two colours.
    assert {"#d58a1c", "#1f4e79"} <= own
    assert {CHARTS[0], CHARTS[1]} <= branded
    assert not {"#d58a1c", "#1f4e79"} & branded


def test_the_charts_of_figures_take_the_house_styles_palette(brand: Brand) -> None:
    # Figures by province and year: one colour per year, from the second colour on.
    matrix = prepare(MATRIX, attach=False).brief
    own, branded = chart_colours(matrix, None), chart_colours(matrix, brand)
    assert {"#1f4e79", "#2e7d5b", "#7b3f98"} <= own
    assert set(CHARTS[1:4]) <= branded and not {"#1f4e79", "#2e7d5b", "#7b3f98"} & branded


# --- the workbook ----------------------------------------------------------------------------


def workbook_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_without_a_house_style_the_workbook_is_sebriefs_own(bundled: Brief, tmp_path: Path) -> None:
    data = render_workbook(bundled, timestamp=WHEN)
    assert data == render_workbook(bundled, timestamp=WHEN, brand=Brand())
    parts = workbook_parts(data)
    assert b"<Company>" not in parts["docProps/app.xml"]
    (tmp_path / "own.xlsx").write_bytes(data)
    book = openpyxl.load_workbook(tmp_path / "own.xlsx")
    header = next(style for style in book._named_styles if style.name == "sebrief header")
    assert header.fill.fgColor.rgb.endswith("1F4E79")
    assert book.properties.creator == "sebrief"


def test_the_house_style_changes_the_workbooks_look_and_not_its_figures(
    bundled: Brief, brand: Brand, tmp_path: Path
) -> None:
    own = workbook_parts(render_workbook(bundled, timestamp=WHEN))
    data = render_workbook(bundled, timestamp=WHEN, brand=brand)
    branded = workbook_parts(data)
    assert own.keys() == branded.keys()
    changed = {name for name in own if own[name] != branded[name]}
    assert "xl/styles.xml" in changed and "docProps/app.xml" in changed
    assert {name for name in changed if not STYLE_PARTS.match(name)} == set()  # every sheet as it was
    charts = b"".join(branded[name] for name in changed if name.startswith("xl/charts/"))
    assert f'srgbClr val="{CHARTS[0][1:].upper()}"'.encode() in charts
    assert f"<Company>{ORGANISATION}</Company>".encode() in branded["docProps/app.xml"]
    (tmp_path / "branded.xlsx").write_bytes(data)
    book = openpyxl.load_workbook(tmp_path / "branded.xlsx")
    header = next(style for style in book._named_styles if style.name == "sebrief header")
    assert header.fill.fgColor.rgb.endswith(PRIMARY[1:].upper())
    assert book.properties.creator == ORGANISATION


# --- the commands ----------------------------------------------------------------------------


def test_xlsx_finds_the_brand_file_beside_the_dataset_and_brand_overrides_it(
    dataset: Path, folder: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["xlsx", str(dataset), "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 0, result.output
    assert (
        f"<Company>{ORGANISATION}</Company>".encode()
        in workbook_parts((tmp_path / "a.xlsx").read_bytes())["docProps/app.xml"]
    )
    other = brand_file(folder, "meta:\n  name: Andere dienst\n")
    result = runner.invoke(main, ["xlsx", str(dataset), "--brand", str(other), "-o", str(tmp_path / "b.xlsx")])
    assert result.exit_code == 0, result.output
    assert b"<Company>Andere dienst</Company>" in workbook_parts((tmp_path / "b.xlsx").read_bytes())["docProps/app.xml"]


@pytest.mark.parametrize("command", ["xlsx", "html", "pdf", "build"])
def test_an_invalid_brand_file_stops_a_command_with_exit_code_3(
    command: str, dataset: Path, folder: Path, tmp_path: Path
) -> None:
    bad = brand_file(folder, "color:\n  primary: blauw\n")
    out = ["--out-dir", str(tmp_path / "out"), "-j", "1"] if command == "build" else ["-o", str(tmp_path / "out")]
    result = CliRunner().invoke(main, [command, str(dataset), "--brand", str(bad), "--lang", "en", *out])
    assert result.exit_code == ExitCode.INVALID_DATASET
    assert f"{bad}, line 2: color.primary: 'blauw' is neither a colour" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_a_warning_of_the_house_style_is_shown_and_the_output_written(
    dataset: Path, folder: Path, tmp_path: Path
) -> None:
    pale = brand_file(folder, 'meta: {name: X}\ncolor:\n  primary: "#ffcc00"\n')
    result = CliRunner().invoke(
        main, ["xlsx", str(dataset), "--brand", str(pale), "--lang", "en", "-o", str(tmp_path / "a.xlsx")]
    )
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {pale}, line 3: color.primary: #ffcc00 on white has a contrast")
    result = CliRunner().invoke(main, ["xlsx", str(dataset), "--brand", str(pale), "-o", str(tmp_path / "b.xlsx")])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"waarschuwing: {pale}, regel 3: color.primary: #ffcc00 op wit heeft een ")


def test_the_analysis_is_the_same_with_a_house_style(dataset: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    with_style = runner.invoke(main, ["analyse", str(dataset), "--json"])
    (dataset / "brand.yaml").unlink()
    without = runner.invoke(main, ["analyse", str(dataset), "--json"])
    assert with_style.exit_code == without.exit_code == 0
    assert with_style.stdout_bytes == without.stdout_bytes


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_uses_the_template_dir(jobs: str, dataset: Path, tmp_path: Path) -> None:
    """A broken template in --template-dir stops `sebrief build`: the folder reaches the renderer,
    in this process (one job) and in the workers (two datasets, two jobs)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_footer.html").write_text("<p>{% if %}</p>\n", encoding="utf-8")
    out = tmp_path / "out"
    sources = [dataset]
    if jobs == "2":
        sources.append(shutil.copytree(dataset, tmp_path / "second"))
    result = CliRunner().invoke(main, ["build", *map(str, sources), "--template-dir", str(templates), "--out-dir",
                                       str(out), "-j", jobs])  # fmt: skip
    expected = ExitCode.USAGE if jobs == "1" else ExitCode.PARTIAL_BUILD
    assert result.exit_code == expected, result.output
    assert f"{templates / '_footer.html'}, line 1: " in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_build_in_a_house_style_with_own_templates(dataset: Path, tmp_path: Path) -> None:
    """`sebrief build` with the dataset's brand.yaml and a template folder: the PDF and the workbook
    carry the organisation, the PDF its logo, footer and the folder's template."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_reading_guide.html").write_text("<p>Eigen leeswijzer van de dienst</p>\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "sebrief", "build", str(dataset), "--template-dir", str(templates), "--out-dir",
         str(out), "-j", "1"], capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = out / f"{TEXT_ONLY.name}.pdf"
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Studiedienst Voorbeeld" in first
    assert "Eigen leeswijzer van de dienst" in text
    pages = text.count("\f")
    assert " ".join(text.split()).count("voorbeeld.invalid") == pages  # the footer line on every page
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Author:\s+{re.escape(ORGANISATION)}$", info, re.MULTILINE)
    app = workbook_parts((out / f"{TEXT_ONLY.name}.xlsx").read_bytes())["docProps/app.xml"]
    assert f"<Company>{ORGANISATION}</Company>".encode() in app


def test_the_readmes_example_is_a_valid_house_style(folder: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### House style", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert len(example.splitlines()) == 5
    brand = load_brand(brand_file(folder, example))
    assert (brand.organisation, brand.primary, brand.accent) == ("Studiedienst Voorbeeld", "#0b5d4b", "#c2571a")
    assert brand.logo is not None and brand.footer is not None


def test_a_house_styles_fonts_fall_back_to_the_stylesheets_own() -> None:
    from sebrief.render.pdf.house import DEFAULT_FONTS

    css = (templates_dir() / "brief.css").read_text(encoding="utf-8")
    assert f"--font-base: {DEFAULT_FONTS};" in css and f"--font-headings: {DEFAULT_FONTS};" in css
