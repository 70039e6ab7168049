"""The pipeline: load -> validate -> analyse -> render (xlsx | pdf) -> write.

Each command calls one of these functions; everything a command does can be done from Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sebrief.brand import Brand
from sebrief.engine.brief import Brief
from sebrief.render import XLSX_MEDIA_TYPE, Attachment, Packed
from sebrief.write import build_timestamp, default_output, write_atomic

if TYPE_CHECKING:
    from sebrief.dataset.model import Dataset


@dataclass(frozen=True)
class Prepared:
    """A dataset analysed: its brief in one language, and what the outputs need of the dataset itself.

    The dataset is not kept: a table of 100,000 rows is held once, in the brief, while rendering.
    """

    brief: Brief
    timestamp: dt.datetime
    dataset_id: str
    dataset_json: Packed | None  # the dataset as the PDF attaches it (JSON, packed); None when not asked for


def prepare(dataset_path: Path, lang: str = "nl", previous: Path | None = None, attach: bool = True) -> Prepared:
    """Load and analyse a dataset; with ``previous``, also what changed since that version.

    ``attach`` keeps the dataset as JSON, for the PDF's attachment.
    """
    prepared, dataset = analysed(dataset_path, lang, previous)
    return with_dataset_json(prepared, dataset) if attach else prepared


def analysed(dataset_path: Path, lang: str = "nl", previous: Path | None = None) -> tuple[Prepared, Dataset]:
    """The dataset loaded and analysed, without its JSON yet (``with_dataset_json``), and the dataset."""
    from sebrief.dataset.load import load_dataset
    from sebrief.engine.analyse import analyse

    dataset = load_dataset(dataset_path)
    earlier = load_dataset(previous) if previous is not None else None
    brief = analyse(dataset, lang, previous=earlier)
    return Prepared(brief, build_timestamp(dataset.metadata.date_asked), dataset.id, None), dataset


def with_dataset_json(prepared: Prepared, dataset: Dataset) -> Prepared:
    """``prepared`` with ``dataset`` as the JSON the PDF attaches, packed as it is made (it is
    never held whole: 135,000 rows make 90 MB of JSON, about 6 MB packed)."""
    from sebrief.export.tabular import dataset_json_chunks
    from sebrief.render.pdf.embed import pack_chunks

    return dataclasses.replace(prepared, dataset_json=pack_chunks(dataset_json_chunks(dataset)))


def workbook_bytes(prepared: Prepared, brand: Brand | None = None) -> bytes:
    from sebrief.render.xlsx import render_workbook

    return render_workbook(prepared.brief, timestamp=prepared.timestamp, brand=brand)


def attachments(prepared: Prepared, workbook: bytes | Packed) -> tuple[Attachment, ...]:
    """The files the PDF embeds: the workbook and the dataset as JSON."""
    dataset_json = prepared.dataset_json
    if dataset_json is None:
        raise ValueError("the dataset was prepared without its JSON: prepare(..., attach=True)")
    return _attachments(prepared, workbook, dataset_json)


def attachment_listing(prepared: Prepared) -> tuple[Attachment, ...]:
    """The files the PDF embeds as the brief lists them: their names and descriptions, no bytes."""
    return _attachments(prepared, b"", b"")


def _attachments(prepared: Prepared, workbook: bytes | Packed, dataset_json: bytes | Packed) -> tuple[Attachment, ...]:
    from sebrief.i18n import Translator

    t = Translator(prepared.brief.header.lang)
    stem = prepared.dataset_id
    return (
        Attachment(f"{stem}.xlsx", workbook, t("Workbook with the figures of this brief"), XLSX_MEDIA_TYPE),
        Attachment(f"{stem}.json", dataset_json, t("The curated dataset (JSON)"), "application/json", "Source"),
    )


def html_text(
    prepared: Prepared,
    template_dir: Path | None = None,
    attachments: tuple[Attachment, ...] | None = None,
    full_listing: bool = False,
    brand: Brand | None = None,
) -> str:
    """The brief as HTML: for a preview, or (with ``attachments``) exactly as the PDF lays it out;
    in ``brand``'s house style (``sebrief.brand.load_brand``), or sebrief's own."""
    from sebrief.render.pdf import render_html
    from sebrief.render.pdf.html import html_for

    if attachments is None:
        return render_html(prepared.brief, template_dir=template_dir, full_listing=full_listing, brand=brand)
    return html_for(prepared.brief, template_dir=template_dir, attachments=attachments, timestamp=prepared.timestamp,
                    full_listing=full_listing, brand=brand)  # fmt: skip


def pdf_bytes(
    prepared: Prepared,
    template_dir: Path | None = None,
    workbook: bytes | None = None,
    full_listing: bool = False,
    brand: Brand | None = None,
) -> bytes:
    from sebrief.render.pdf import render_pdf

    files = attachments(prepared, workbook if workbook is not None else workbook_bytes(prepared, brand))
    return render_pdf(prepared.brief, attachments=files, timestamp=prepared.timestamp, template_dir=template_dir,
                      full_listing=full_listing, brand=brand)  # fmt: skip


def write_output(
    data: bytes, output: Path | None, prepared: Prepared, suffix: str, out_dir: Path | None = None
) -> Path:
    return write_atomic(output or default_output(prepared.dataset_id, suffix, out_dir), data)
