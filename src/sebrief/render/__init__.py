"""Render stage: lay the brief model out as a workbook (``xlsx``) or a PDF brief (``pdf``).

Renderers read a frozen ``Brief`` and return bytes; they compute nothing of their own, and
writing to disk is ``sebrief.write``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (the workbook, the dataset as JSON)."""

    filename: str
    data: bytes
    description: str
    media_type: str
    relationship: str = "Data"  # PDF/A-3 AFRelationship: Source, Data, Alternative, Supplement
