"""A house style as the follow-up documents use it: a letterhead (the organisation's logo and name)
at the top of every page, headings in the main colour, the house fonts, and the footer line.

Without a house style there is nothing here (``letterhead`` gives None) and the documents are what
they are without one. Markdown and plain text take none of it: they are pasted into the
parliament's web form, where a letterhead line would become part of the question.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from xml.etree import ElementTree

from sebrief.brand import Brand, Logo

PNG = "image/png"
SVG = "image/svg+xml"
LOGO_HEIGHT_MM = 12.0  # the logo's height in the letterhead
LOGO_WIDTH_MM = 50.0  # at most; a wider logo is scaled down to this width
NUMBER = re.compile(r"\s*([0-9]*\.?[0-9]+)")


@dataclass(frozen=True)
class Picture:
    """The logo as the letterhead shows it: its bytes, media type and size in millimetres."""

    filename: str
    media_type: str
    data: bytes
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class Letterhead:
    organisation: str | None
    logo: Picture | None
    primary: str | None  # "#rrggbb": the headings' colour and the letterhead's rule
    base_font: str | None
    heading_font: str | None
    footer: str | None


def letterhead(brand: Brand | None, media_types: frozenset[str]) -> Letterhead | None:
    """The letterhead of ``brand`` (None without a house style); its logo only if its media type is one
    of ``media_types`` (those the document's format can hold)."""
    if brand is None or brand.is_default:
        return None
    logo = brand.logo
    picture = _picture(logo) if logo is not None and logo.media_type in media_types else None
    return Letterhead(
        organisation=brand.organisation,
        logo=picture,
        primary=brand.primary,
        base_font=brand.base_font,
        heading_font=brand.heading_font or brand.base_font,
        footer=brand.footer,
    )


def logo_left_out(brand: Brand | None, media_types: frozenset[str]) -> Logo | None:
    """The house style's logo, when the format (which holds ``media_types``) cannot hold it."""
    if brand is None or brand.logo is None or brand.logo.media_type in media_types:
        return None
    return brand.logo


def _picture(logo: Logo) -> Picture | None:
    ratio = _png_ratio(logo.data) if logo.media_type == PNG else _svg_ratio(logo.data)
    if ratio is None:
        return None
    width, height = LOGO_HEIGHT_MM * ratio, LOGO_HEIGHT_MM
    if width > LOGO_WIDTH_MM:
        width, height = LOGO_WIDTH_MM, LOGO_WIDTH_MM / ratio
    return Picture(logo.filename, logo.media_type, logo.data, round(width, 2), round(height, 2))


def _png_ratio(data: bytes) -> float | None:
    """Width over height, from the PNG's header."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width / height if width and height else None


def _svg_ratio(data: bytes) -> float | None:
    """Width over height, from the SVG's viewBox, else its width and height; 3:1 when it gives neither.
    (The brand file's reader refuses an SVG that declares entities or refers to other files.)"""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = 0.0
        if width > 0 and height > 0:
            return width / height
    sizes = [NUMBER.match(root.get(name, "")) for name in ("width", "height")]
    if sizes[0] and sizes[1]:
        width, height = float(sizes[0].group(1)), float(sizes[1].group(1))
        if width > 0 and height > 0:
            return width / height
    return 3.0
