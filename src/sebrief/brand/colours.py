"""Colours of a house style: read as hex, mixed with white for tints, and checked for contrast (WCAG 2.1)."""

from __future__ import annotations

import re

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
WHITE = "#ffffff"
TEXT_CONTRAST = 4.5  # WCAG 2.1, 1.4.3: normal text on its background
GRAPHIC_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: rules, bars and other graphics against white


def normalised(value: str) -> str:
    """'#1F3A5F' and '#13f' as '#1f3a5f' and '#1133ff'."""
    digits = value.lstrip("#").lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return f"#{digits}"


def channels(value: str) -> tuple[int, int, int]:
    digits = normalised(value)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def mix_with_white(value: str, share: float) -> str:
    """``share`` of the colour and the rest white: the pale tint of a panel behind text."""
    red, green, blue = (round(255 - (255 - channel) * share) for channel in channels(value))
    return f"#{red:02x}{green:02x}{blue:02x}"


def luminance(value: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in channels(value))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str = WHITE) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
