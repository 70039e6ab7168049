"""Render stage, follow-up: the brief's follow-up questions as a draft written question.

``render_followup`` lays the chosen follow-up questions of a frozen ``Brief`` out as a Word
document (``docx``, python-docx), an OpenDocument text (``odt``, written directly), Markdown
(``md``) or plain text (``txt``), and returns the bytes. The texts are composed in ``letter``;
the question texts and what each builds on are the analysis' own. A house style (``brand``) gives
the Word and OpenDocument texts a letterhead, its colours, fonts and footer (see ``house``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from sebrief.brand import Brand, Logo
from sebrief.engine.brief import Brief
from sebrief.render.followup.house import PNG, SVG, letterhead, logo_left_out
from sebrief.render.followup.letter import Letter, UnknownQuestions, chosen, compose

Format = Literal["docx", "odt", "md", "txt"]
FORMATS: tuple[Format, ...] = ("docx", "odt", "md", "txt")
# The logos each format holds: python-docx embeds no SVG; an OpenDocument text holds both.
LOGO_TYPES: dict[Format, frozenset[str]] = {"docx": frozenset({PNG}), "odt": frozenset({PNG, SVG})}

__all__ = [
    "FORMATS",
    "Format",
    "Letter",
    "UnknownQuestions",
    "chosen",
    "compose",
    "logo_not_shown",
    "render_followup",
]


def render_followup(
    brief: Brief,
    *,
    fmt: Format = "docx",
    numbers: Sequence[int] | None = None,
    attachments: Sequence[str],
    timestamp: dt.datetime,
    brand: Brand | None = None,
) -> bytes:
    """The follow-up question as ``fmt`` bytes: the questions numbered ``numbers`` (all without it).

    ``attachments``: the file names of the brief (PDF) and the workbook, named as attachments.
    ``timestamp`` is the date written into the document's properties and its zip entries.
    ``brand``: a house style, for docx and odt (md and txt, for the parliament's web form, take none).
    Raises ``UnknownQuestions`` when a number is not one of the brief's follow-up questions.
    """
    letter = compose(brief, numbers, attachments, timestamp)
    if fmt == "docx":
        from sebrief.render.followup.word import word_bytes

        return word_bytes(letter, letterhead(brand, LOGO_TYPES["docx"]))
    if fmt == "odt":
        from sebrief.render.followup.odf import odt_bytes

        return odt_bytes(letter, letterhead(brand, LOGO_TYPES["odt"]))
    from sebrief.render.followup.plain import markdown_bytes, text_bytes

    return markdown_bytes(letter) if fmt == "md" else text_bytes(letter)


def logo_not_shown(brand: Brand | None, fmt: Format) -> Logo | None:
    """The house style's logo when a document in ``fmt`` with a letterhead cannot hold it (an SVG in Word)."""
    types = LOGO_TYPES.get(fmt)
    return logo_left_out(brand, types) if types is not None else None
