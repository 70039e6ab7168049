"""Render stage: lay the brief model out as a workbook (``xlsx``) or a PDF brief (``pdf``).

Renderers read a frozen ``Brief`` and return bytes; they compute nothing of their own, and
writing to disk is ``sebrief.write``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Packed:
    """A file's bytes compressed as a PDF embeds them (``sebrief.render.pdf.embed``)."""

    deflated: bytes  # a zlib stream (the PDF's FlateDecode)
    size: int  # of the file itself
    md5: str  # of the file itself, in hexadecimal (the PDF's CheckSum)


XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The URLs a brief's HTML names its charts by when they are drawn after it (``sebrief build``):
# ``sebrief-chart:N``, served to WeasyPrint from memory once they come.
CHART_SCHEME = "sebrief-chart"


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (the workbook, the dataset as JSON): its bytes, or them packed."""

    filename: str
    data: bytes | Packed
    description: str
    media_type: str
    relationship: str = "Data"  # PDF/A-3 AFRelationship: Source, Data, Alternative, Supplement

    def content(self) -> bytes:
        """The file's own bytes, as a reader detaches them from the PDF."""
        if isinstance(self.data, Packed):
            import zlib

            return zlib.decompress(self.data.deflated)
        return self.data
