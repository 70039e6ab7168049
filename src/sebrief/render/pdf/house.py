"""A house style as the brief's templates use it: the stylesheet's :root variables it sets again,
the organisation's name and logo for the title block, and its footer line.

Without a house style there is nothing to set: the stylesheet's own values apply, and the brief is
what it is without one.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from markupsafe import Markup

from sebrief.brand import Brand
from sebrief.brand.colours import mix_with_white

DEFAULT_FONTS = '"Liberation Sans", "DejaVu Sans", sans-serif'  # brief.css's --font-base
TINT, PALE, QUOTE_RULE = 0.08, 0.12, 0.45  # shares of the main colour in its tints (brief.css's, near enough)


@dataclass(frozen=True)
class HouseStyle:
    """``house_style`` in the templates."""

    css: Markup  # a :root block, or empty
    organisation: str | None
    logo: str | None  # a data: URI
    footer: str | None


def house_style(brand: Brand | None) -> HouseStyle:
    if brand is None or brand.is_default:
        return HouseStyle(Markup(""), None, None, None)
    logo = None
    if brand.logo is not None:
        logo = f"data:{brand.logo.media_type};base64,{base64.b64encode(brand.logo.data).decode('ascii')}"
    return HouseStyle(root_block(brand), brand.organisation, logo, brand.footer)


def css_variables(brand: Brand) -> tuple[tuple[str, str], ...]:
    """The variables of brief.css that ``brand`` sets, with their values."""
    values: list[tuple[str, str]] = []
    if brand.primary:
        values += [
            ("primary", brand.primary),
            ("link", brand.primary),
            ("primary-tint", mix_with_white(brand.primary, TINT)),
            ("primary-pale", mix_with_white(brand.primary, PALE)),
            ("quote-rule", mix_with_white(brand.primary, QUOTE_RULE)),
        ]
    if brand.accent:
        values.append(("accent", brand.accent))
    # Family names are checked when the brand file is read (letters, digits, spaces, '-', '_'):
    # quoted, they are safe in the stylesheet.
    if brand.base_font:
        values.append(("font-base", f'"{brand.base_font}", {DEFAULT_FONTS}'))
    if brand.heading_font or brand.base_font:
        values.append(("font-headings", f'"{brand.heading_font or brand.base_font}", {DEFAULT_FONTS}'))
    return tuple(values)


def root_block(brand: Brand) -> Markup:
    lines = [f"  --{name}: {value};" for name, value in css_variables(brand)]
    return Markup("\n".join(["/* The house style (brand.yaml or --brand) */", ":root {", *lines, "}"]) if lines else "")
