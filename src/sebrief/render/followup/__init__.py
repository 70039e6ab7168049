"""Render stage, follow-up: the brief's follow-up questions as a draft written question.

``render_followup`` lays the chosen follow-up questions of a frozen ``Brief`` out as a Word
document (``docx``, python-docx), an OpenDocument text (``odt``, written directly), Markdown
(``md``) or plain text (``txt``), and returns the bytes. The texts are composed in ``letter``;
the question texts and what each builds on are the analysis' own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from sebrief.engine.brief import Brief
from sebrief.render.followup.letter import Letter, UnknownQuestions, chosen, compose

Format = Literal["docx", "odt", "md", "txt"]
FORMATS: tuple[Format, ...] = ("docx", "odt", "md", "txt")

__all__ = ["FORMATS", "Format", "Letter", "UnknownQuestions", "chosen", "compose", "render_followup"]


def render_followup(
    brief: Brief,
    *,
    fmt: Format = "docx",
    numbers: Sequence[int] | None = None,
    attachments: Sequence[str],
    timestamp: dt.datetime,
) -> bytes:
    """The follow-up question as ``fmt`` bytes: the questions numbered ``numbers`` (all without it).

    ``attachments``: the file names of the brief (PDF) and the workbook, named as attachments.
    ``timestamp`` is the date written into the document's properties and its zip entries.
    Raises ``UnknownQuestions`` when a number is not one of the brief's follow-up questions.
    """
    letter = compose(brief, numbers, attachments, timestamp)
    if fmt == "docx":
        from sebrief.render.followup.word import word_bytes

        return word_bytes(letter)
    if fmt == "odt":
        from sebrief.render.followup.odf import odt_bytes

        return odt_bytes(letter)
    from sebrief.render.followup.plain import markdown_bytes, text_bytes

    return markdown_bytes(letter) if fmt == "md" else text_bytes(letter)
