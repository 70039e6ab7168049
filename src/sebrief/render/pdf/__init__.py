"""Render stage, PDF: the brief as HTML (Jinja templates) and as an archival PDF (WeasyPrint).

``render_html`` gives the HTML for a preview; ``render_pdf`` lays the same HTML out as a tagged
PDF/A-3a with the given files embedded. Both read the frozen brief and return text or bytes.

The package itself imports neither Jinja nor matplotlib nor WeasyPrint: ``sebrief build``'s layout
process imports only what lays the HTML out (``document``), not what makes it (``html``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sebrief.render.pdf.errors import TemplateError

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from sebrief.brand import Brand
    from sebrief.engine.brief import Brief
    from sebrief.render import Attachment

__all__ = ["TemplateError", "render_html", "render_pdf"]


def render_html(
    brief: Brief, *, template_dir: Path | None = None, full_listing: bool = False, brand: Brand | None = None
) -> str:
    """The brief as one self-contained HTML document (styles and charts inline), in ``brand``'s house style."""
    from sebrief.render.pdf.html import html_for

    return html_for(brief, template_dir=template_dir, full_listing=full_listing, brand=brand)


def render_pdf(
    brief: Brief,
    *,
    attachments: Sequence[Attachment],
    timestamp: dt.datetime,
    template_dir: Path | None = None,
    full_listing: bool = False,
    brand: Brand | None = None,
) -> bytes:
    """The brief as PDF/A-3a bytes with ``attachments`` embedded, dated ``timestamp``; with
    ``full_listing``, every row of every table listed, whatever its size; in ``brand``'s house style."""
    from sebrief.render.pdf.document import pdf_document
    from sebrief.render.pdf.html import html_for, template_folders

    html = html_for(brief, template_dir=template_dir, attachments=attachments, timestamp=timestamp,
                    full_listing=full_listing, brand=brand)  # fmt: skip
    return pdf_document(html, folders=template_folders(template_dir), attachments=attachments, timestamp=timestamp)
