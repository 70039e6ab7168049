"""Reading a house style file: found beside the dataset or named with ``--brand``, read safely, and
validated like a dataset: every problem with its file, line and how to fix it (exit code 3).

The logo is read only from the brand file's own folder: a path that leads outside it (an absolute
path, ``..``, a symbolic link), a web address or a missing file is refused.
"""

from __future__ import annotations

import os
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import sebrief.dataset.reading as common
from sebrief.brand.colours import GRAPHIC_CONTRAST, HEX, TEXT_CONTRAST, contrast, normalised
from sebrief.brand.model import Brand, BrandFile, FontRole, Logo, LogoSizes, NameParts
from sebrief.dataset import field_errors
from sebrief.errors import DatasetError, Message, OneDecimal, Problem, line_at

BRAND_FILE = "brand.yaml"
MAX_BRAND_BYTES = 1024 * 1024
MAX_LOGO_BYTES = 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A reference in an SVG to anything but a part of itself or inline data: another file, an address.
SVG_LINK = re.compile(r"""(?:href\s*=|url\()\s*+["']?+\s*+(?!#|data:)""", re.IGNORECASE)

YamlPath = common.YamlPath


class BrandError(DatasetError):
    """The house style file could not be read or is invalid; ``problems`` lists every problem found.

    Reported as a dataset's problems are (exit code 3), in the language of the command's ``--lang``.
    """

    def __init__(self, source: Path, problems: list[Problem]):
        self.source = source
        super().__init__(problems)

    def header(self, count: int) -> Message:
        return Message.plural(
            "the house style file {file} has {count} problem:",
            "the house style file {file} has {count} problems:",
            count,
            file=str(self.source),
        )

    def more(self, count: int) -> Message:
        return Message.plural(
            "… and {count} more problem; fix these first and run the command again",
            "… and {count} more problems; fix these first and run the command again",
            count,
        )


def brand_file(option: Path | None, dataset: Path | None) -> Path | None:
    """The house style file that applies: ``option`` (``--brand``), else ``brand.yaml`` in the
    dataset's folder (``dataset`` is the folder or its main file), else None."""
    if option is not None:
        return option / BRAND_FILE if option.is_dir() else option
    if dataset is None or not (dataset.is_dir() or dataset.is_file()):
        return None  # no dataset there: loading it says so
    folder = dataset if dataset.is_dir() else dataset.parent
    candidate = folder / BRAND_FILE
    return candidate if os.path.lexists(candidate) else None


def load_brand(path: Path | None, dataset_folder: Path | None = None) -> Brand:
    """The house style: of the file ``path`` (``--brand FILE``), else of ``brand.yaml`` beside the
    dataset in ``dataset_folder``, else sebrief's own (``Brand()``: every output as without one).

    Raises ``BrandError`` (exit code 3) listing every problem of an invalid file. What the user
    should know but need not fix (a font not installed, a colour of low contrast) is in the
    brand's ``warnings``.
    """
    found = brand_file(path, dataset_folder)
    if found is None:
        return Brand()
    # A file named on the command line may be a link: its folder is where it really is. A
    # brand.yaml found beside a dataset is one of the dataset's files: it must be inside its folder.
    source = Path(os.path.realpath(found)) if path is not None else found
    problems: list[Problem] = []
    if path is not None and not source.exists():
        raise BrandError(found, [Problem(str(found), None, Message("no such file; check the path"))])
    hint = Message("write the house style in {file}", file=BRAND_FILE)
    text = common._read_text(source, problems, hint, MAX_BRAND_BYTES)
    parsed = common._parse_yaml(text, problems) if text is not None else None
    if parsed is None:
        raise BrandError(found, _named(problems, found))
    data, lines = parsed
    reader = _Reader(found, source.parent, lines)
    brand = reader.brand(data)
    if reader.problems or brand is None:
        raise BrandError(found, reader.problems)
    return brand


def _named(problems: list[Problem], shown: Path) -> list[Problem]:
    """The problems of the brand file named as the user named it (the YAML reader says dataset.yaml)."""
    names = {common.MAIN_FILE, shown.name, os.path.basename(os.path.realpath(shown))}
    return [Problem(str(shown), p.location, p.message) if p.file in names else p for p in problems]


class _Reader:
    """Validates one parsed brand file and resolves it, collecting located problems and warnings."""

    def __init__(self, shown: Path, folder: Path, lines: dict[YamlPath, int]) -> None:
        self.shown, self.folder, self.lines = shown, folder, lines
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.unreadable: set[str] = set()  # names of the palette whose colour is reported already

    def located(self, loc: YamlPath, message: Message) -> Problem:
        """``message`` about the value at ``loc``: at its line, after its dotted path."""
        where = line_at(field_errors.line_of(loc, self.lines))
        return Problem(str(self.shown), where, Message("{field}: {text}", field=field_errors.dotted(loc), text=message))

    def problem(self, loc: YamlPath, message: Message) -> None:
        self.problems.append(self.located(loc, message))

    def warn(self, loc: YamlPath, message: Message) -> None:
        self.warnings.append(self.located(loc, message))

    def brand(self, data: Any) -> Brand | None:
        if not isinstance(data, dict):
            got = Message("empty") if data is None else field_errors.kind_of(data)
            self.problems.append(
                Problem(str(self.shown), line_at(1), Message("the file is {got}, but it must be a mapping of fields "
                        "(key: value), such as meta: {{name: ...}} and color: {{primary: '#1f3a5f'}}", got=got))
            )  # fmt: skip
            return None
        try:
            model = BrandFile.model_validate(data)
        except ValidationError as error:
            for detail in _one_per_union(field_errors.relevant(error)):
                loc = _without_union(field_errors.error_loc(detail))
                self.problem(loc, _describe(detail, loc))
            return None
        colour = model.color
        palette = self.palette(dict(colour.palette) if colour else {})
        primary = self.colour(colour.primary, ("color", "primary"), palette) if colour else None
        accent = self.colour(colour.secondary, ("color", "secondary"), palette) if colour else None
        charts = None
        if model.charts is not None:
            charts = tuple(
                self.colour(value, ("charts", "palette", index), palette) or ""
                for index, value in enumerate(model.charts.palette)
            )
        self.contrasts(primary, accent, charts)
        organisation = None
        if model.meta is not None:
            organisation = model.meta.name.full if isinstance(model.meta.name, NameParts) else model.meta.name
        logo = self.logo(model.logo) if model.logo is not None else None
        if model.logo is not None and organisation is None:
            self.problem(("logo",), Message("a logo needs the organisation's name (meta: {{name: ...}}): the PDF "
                         "gives it as the logo's text for readers who cannot see it; add it"))  # fmt: skip
        typography = model.typography
        return Brand(
            source=self.shown,
            organisation=organisation,
            logo=logo,
            primary=primary,
            accent=accent or primary,
            chart_palette=charts,
            base_font=self.font(typography.base, ("typography", "base")) if typography else None,
            heading_font=self.font(typography.headings, ("typography", "headings")) if typography else None,
            footer=model.footer,
            warnings=tuple(self.warnings),
        )

    # --- colours ---------------------------------------------------------------------------

    def palette(self, palette: dict[str, str]) -> dict[str, str]:
        resolved = {}
        for name, value in palette.items():
            if HEX.match(value):
                resolved[name] = normalised(value)
            else:
                self.unreadable.add(name)
                self.problem(("color", "palette", name), Message("{value} is not a colour; write it as #rrggbb, "
                             "for example '#1f3a5f' (in quotes: YAML reads # as a comment)",
                             value=repr(value)))  # fmt: skip
        return resolved

    def colour(self, value: str | None, loc: YamlPath, palette: dict[str, str]) -> str | None:
        if value is None:
            return None
        if HEX.match(value):
            return normalised(value)
        if value in palette:
            return palette[value]
        if value in self.unreadable:
            return None
        names = Message(" (it names {names})", names=", ".join(sorted(palette))) if palette else ""
        self.problem(loc, Message("{value} is neither a colour nor a name in color.palette{names}; write a colour "
                     "as '#1f3a5f' (in quotes) or name one of the palette", value=repr(value),
                     names=names))  # fmt: skip
        return None

    def contrasts(self, primary: str | None, accent: str | None, charts: tuple[str, ...] | None) -> None:
        """Warn where a colour is hard to read on white (WCAG 2.1: 4.5:1 for text, 3:1 for graphics)."""
        if primary and (ratio := contrast(primary)) < TEXT_CONTRAST:
            self.warn(("color", "primary"), Message("{colour} on white has a contrast ratio of {ratio}:1, under "
                      "the {minimum}:1 WCAG asks of text: headings and table headers in it are hard to read; choose "
                      "a darker colour", colour=primary, ratio=OneDecimal(ratio),
                      minimum=OneDecimal(TEXT_CONTRAST)))  # fmt: skip
        if accent and accent != primary and (ratio := contrast(accent)) < GRAPHIC_CONTRAST:
            self.warn(("color", "secondary"), Message("{colour} on white has a contrast ratio of {ratio}:1, under "
                      "the {minimum}:1 WCAG asks of rules and markers; choose a darker colour", colour=accent,
                      ratio=OneDecimal(ratio), minimum=OneDecimal(GRAPHIC_CONTRAST)))  # fmt: skip
        for index, value in enumerate(charts or ()):
            if value and (ratio := contrast(value)) < GRAPHIC_CONTRAST:
                self.warn(
                    ("charts", "palette", index),
                    Message(
                        "{colour} on white has a contrast ratio of {ratio}:1, under the {minimum}:1 WCAG asks of "
                        "bars in a chart; choose a darker colour",
                        colour=value,
                        ratio=OneDecimal(ratio),
                        minimum=OneDecimal(GRAPHIC_CONTRAST),
                    ),
                )

    # --- fonts -----------------------------------------------------------------------------

    def font(self, role: str | FontRole | None, loc: YamlPath) -> str | None:
        """The family, if the machine has it; else a warning, and the brief's default font."""
        if role is None:
            return None
        family = role.family if isinstance(role, FontRole) else role
        installed = installed_families()
        if installed is None:
            self.warn(loc, Message("fontconfig's fc-list is not available, so whether {family} is installed cannot "
                      "be checked; it is used as given", family=repr(family)))  # fmt: skip
            return family
        if family.casefold() in installed:
            return installed[family.casefold()]
        self.warn(loc, Message("the font family {family} is not installed on this machine, so the brief uses its "
                  "default font; install the font, or name one that `fc-list : family` lists",
                  family=repr(family)))  # fmt: skip
        return None

    # --- the logo --------------------------------------------------------------------------

    def logo(self, logo: str | LogoSizes) -> Logo | None:
        loc: YamlPath = ("logo",)
        if isinstance(logo, LogoSizes):
            size = next((s for s in ("medium", "large", "small") if getattr(logo, s)), None)
            if size is None:
                self.problem(loc, Message("names no file; give the logo's file as logo: logo.svg"))
                return None
            name = getattr(logo, size)
            loc = ("logo", size)
            if logo.images and name in logo.images:
                name, loc = logo.images[name], ("logo", "images", name)
        else:
            name = logo
        return self.logo_file(name, loc)

    def logo_file(self, name: str, loc: YamlPath) -> Logo | None:
        beside = Message(
            "put the logo in {folder} and name it by its file name there, for example logo.svg", folder=str(self.folder)
        )
        if "://" in name or name.startswith("data:"):
            self.problem(loc, Message("{name} is not a file; sebrief reads the logo from the brand file's folder, "
                         "never from the network: {hint}", name=repr(name[:60]), hint=beside))  # fmt: skip
            return None
        path = Path(name)
        folder = Path(os.path.realpath(self.folder))
        real = Path(os.path.realpath(self.folder / path))
        if path.is_absolute() or not real.is_relative_to(folder):
            if path.is_absolute() or ".." in path.parts:
                outside = Message("{name} leads outside the brand file's folder; the logo is read only from that "
                                  "folder: {hint}", name=repr(name), hint=beside)  # fmt: skip
            else:
                outside = Message("{name} leads through a symbolic link outside the brand file's folder; the logo is "
                                  "read only from that folder: {hint}", name=repr(name), hint=beside)  # fmt: skip
            self.problem(loc, outside)
            return None
        if not real.is_file():
            self.problem(loc, Message("{name}: no such file in {folder}; {hint}", name=repr(name),
                                      folder=str(self.folder), hint=beside))  # fmt: skip
            return None
        try:
            size = real.stat().st_size
            if size > MAX_LOGO_BYTES:
                self.problem(loc, Message("{name} is {size} bytes, more than the {limit} KiB a logo may be; save it "
                             "smaller (an SVG, or a PNG of about 600 pixels wide)", name=repr(name), size=size,
                             limit=MAX_LOGO_BYTES // 1024))  # fmt: skip
                return None
            data = real.read_bytes()
        except OSError as error:
            self.problem(loc, Message("{name} cannot be read ({error}); check its permissions", name=repr(name),
                                      error=error.strerror or str(error)))  # fmt: skip
            return None
        media_type = logo_type(data)
        if media_type == "image/svg+xml" and SVG_LINK.search(data.decode("utf-8-sig")):
            self.problem(loc, Message("{name} is an SVG that refers to other files or addresses; a logo is one "
                         "file: embed its images (or save it as .png)", name=repr(name)))  # fmt: skip
            return None
        if media_type is None:
            self.problem(loc, Message("{name} is neither an SVG nor a PNG image (an SVG that declares entities is "
                         "refused too); save the logo as .svg or .png", name=repr(name)))  # fmt: skip
            return None
        return Logo(filename=path.name, media_type=media_type, data=data)


def logo_type(data: bytes) -> str | None:
    """image/png or image/svg+xml, by the file's content; None for anything else."""
    if data.startswith(PNG_SIGNATURE):
        return "image/png"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    head = text.lstrip()
    if "<svg" not in text or "<!ENTITY" in text.upper() or not head.startswith(("<svg", "<?xml", "<!--", "<!DOCTYPE")):
        return None
    return "image/svg+xml"


@cache
def installed_families() -> dict[str, str] | None:
    """The font families fontconfig lists (what WeasyPrint draws with), by their case-folded name."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families: dict[str, str] = {}
    for line in listed.splitlines():
        for family in line.split(","):
            if family.strip():
                families.setdefault(family.strip().casefold(), family.strip())
    return families


UNION_BRANCHES = {"str", "constrained-str", "NameParts", "FontRole", "LogoSizes"}
TYPE_MISMATCHES = {"string_type", "model_type", "dict_type", "model_attributes_type"}


def _without_union(loc: YamlPath) -> YamlPath:
    """An error's path without the names of the union branches pydantic inserts (``str``, ``NameParts``...)."""
    return tuple(part for part in loc if part not in UNION_BRANCHES)


def _one_per_union(details: list[Any]) -> list[Any]:
    """For a value that may be text or a mapping (``meta.name``, ``logo``, a font), the errors of
    the form the user wrote: a wrong value inside the mapping rather than "should be text"; of a
    value of neither form, one error (the text form's)."""
    groups: dict[YamlPath, list[Any]] = {}
    kept: list[Any] = []
    for detail in details:
        loc = tuple(detail["loc"])
        at = next((index for index, part in enumerate(loc) if part in UNION_BRANCHES), None)
        if at is None:
            kept.append(detail)
        else:
            groups.setdefault(loc[:at], []).append(detail)
    for group in groups.values():
        specific = [detail for detail in group if detail["type"] not in TYPE_MISMATCHES]
        if not specific and isinstance(group[0].get("input"), dict):  # a mapping: what is wrong inside it
            specific = [detail for detail in group if not {"str", "constrained-str"} & set(detail["loc"])]
        kept.extend(specific or group[:1])
    return kept


KEYS = {
    (): "meta, logo, color, typography, charts, footer",
    ("meta",): "name",
    ("color",): "palette, primary, secondary",
    ("typography",): "base, headings",
    ("charts",): "palette",
}


def _describe(detail: Any, loc: YamlPath) -> Message:
    kind = str(detail["type"])
    if kind == "extra_forbidden":
        used = KEYS.get(tuple(part for part in loc[:-1] if isinstance(part, str)))
        if used:
            return Message("unknown key; remove it or correct its name (sebrief reads {keys})", keys=used)
        return Message("unknown key; remove it or correct its name")
    if kind == "string_pattern_mismatch" and loc and loc[0] == "typography":
        got = field_errors.show(detail.get("input"))
        return Message("{got} is not a font family name; write it as fc-list lists it, e.g. DejaVu Sans", got=got)
    return field_errors.describe(detail, "")
