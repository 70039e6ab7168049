"""The house style file, ``brand.yaml``, as pydantic models: the keys of Quarto's ``_brand.yml``
where they fit (``meta.name``, ``logo``, ``color``, ``typography``), and two of sebrief's own
(``charts.palette`` and ``footer``).

Keys of ``_brand.yml`` that sebrief does not use (``meta.links``, ``typography.fonts``,
``color.background``, ``defaults``...) are accepted and ignored, so that an organisation's
existing file can be copied; any other key is refused, so that a misspelt key is never silently
ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, InstanceOf, StringConstraints

from sebrief.errors import Problem

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
# A font family as fontconfig names it: letters, digits, spaces, '-' and '_' (never quotes or ';',
# since the name is written into the stylesheet).
Family = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")]
ColourValue = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
PaletteName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,39}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class NameParts(Strict):
    full: Text
    short: Text | None = None


class Meta(Strict):
    name: Text | NameParts  # the organisation, as the title block and the documents' properties name it
    links: Any = None  # Quarto's; not used


class LogoSizes(Strict):
    """Quarto's logo mapping: a file (or a name in ``images``) per size; sebrief uses ``medium``,
    else ``large``, else ``small``."""

    images: dict[PaletteName, str] | None = None
    small: str | None = None
    medium: str | None = None
    large: str | None = None


class Colour(Strict):
    """Colours: hex values (#1f3a5f) or names of ``palette``."""

    palette: dict[PaletteName, ColourValue] = Field(default_factory=dict)
    primary: ColourValue | None = None  # headings, rules, table headers: the main colour
    secondary: ColourValue | None = None  # the accent: the title's rule, markers
    # Quarto's, not used by sebrief: the colours of states keep their meaning whatever the house style.
    tertiary: Any = None
    foreground: Any = None
    background: Any = None
    success: Any = None
    info: Any = None
    warning: Any = None
    danger: Any = None
    light: Any = None
    dark: Any = None


class FontRole(Strict):
    family: Family
    weight: Any = None  # Quarto's, not used
    style: Any = None
    size: Any = None
    line_height: Any = Field(default=None, alias="line-height")
    color: Any = None


class Typography(Strict):
    base: Family | FontRole | None = None  # body text
    headings: Family | FontRole | None = None
    fonts: Any = None  # Quarto's font sources; sebrief uses fonts installed on the machine only
    monospace: Any = None
    link: Any = None


class Charts(Strict):
    palette: tuple[ColourValue, ...] = Field(min_length=1, max_length=12)  # one colour per series, in order


class BrandFile(Strict):
    """``brand.yaml`` as written."""

    meta: Meta | None = None
    logo: str | LogoSizes | None = None
    color: Colour | None = None
    typography: Typography | None = None
    charts: Charts | None = None
    footer: Text | None = None  # a line in every page's footer of the brief
    defaults: Any = None  # Quarto's settings per tool; not used


class Logo(Strict):
    """A logo read from the brand file's folder."""

    filename: str
    media_type: str  # image/svg+xml or image/png
    data: bytes


class Brand(Strict):
    """A house style, resolved: colours as #rrggbb, the logo read, fonts checked.

    Without a brand file every field is None and every output is what it is without a house style.
    """

    source: Path | None = None  # the brand file
    organisation: str | None = None
    logo: Logo | None = None
    primary: str | None = None
    accent: str | None = None
    chart_palette: tuple[str, ...] | None = None
    base_font: str | None = None
    heading_font: str | None = None
    footer: str | None = None
    # What the user should know (a font not installed, a low contrast), put in the user's language when shown.
    warnings: tuple[InstanceOf[Problem], ...] = ()

    @property
    def is_default(self) -> bool:
        return self.source is None
