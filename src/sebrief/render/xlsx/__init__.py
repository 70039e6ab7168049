"""Render stage, workbook: lay the brief out as an Excel workbook a researcher can filter and reuse.

``render_workbook`` returns the xlsx bytes; each sheet has its own module. The workbook holds
live formulas for every total, with the analysis' figures as their cached results.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.workbook.properties import CalcProperties
from openpyxl.workbook.workbook import Workbook

from sebrief.brief import Brief
from sebrief.i18n import Translator
from sebrief.render.xlsx.attention import add_follow_up, add_points_of_attention
from sebrief.render.xlsx.changes import add_changes
from sebrief.render.xlsx.groups import add_beneficiaries, add_themes
from sebrief.render.xlsx.method import add_method
from sebrief.render.xlsx.names import SheetNames
from sebrief.render.xlsx.overview import add_overview
from sebrief.render.xlsx.package import save
from sebrief.render.xlsx.question1 import add_question1
from sebrief.render.xlsx.question2 import add_question2
from sebrief.render.xlsx.styles import number_formats, register_styles
from sebrief.render.xlsx.timeline import add_timeline
from sebrief.render.xlsx.writer import Book

__all__ = ["render_workbook"]

BUILDERS = (
    add_overview,
    add_question1,
    add_question2,
    add_beneficiaries,
    add_themes,
    add_timeline,
    add_points_of_attention,
    add_follow_up,
    add_method,
)


def render_workbook(brief: Brief, *, timestamp: dt.datetime) -> bytes:
    """The workbook of ``brief`` as xlsx bytes; the same brief and timestamp give the same bytes."""
    t = Translator(brief.header.lang)
    workbook = Workbook()
    workbook.remove(workbook.active)
    register_styles(workbook)
    book = Book(brief, t, number_formats(t.locale), SheetNames.translated(t), workbook)
    builders = list(zip(book.names.in_order(), BUILDERS, strict=True))
    if brief.changes is not None:  # a previous version was given: its changes come second
        builders.insert(1, (book.names.changes, add_changes))
    sheets = [(build, book.add_sheet(name)) for name, build in builders]
    for build, sheet in sheets:
        build(book, sheet)
    set_properties(book)
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    workbook.active = 0
    return save(workbook, timestamp, book.cached)


def set_properties(book: Book) -> None:
    t, header = book.t, book.brief.header
    props = book.workbook.properties
    props.title = f"{header.reference}: {header.title}"
    props.subject = t("The written question and the minister's answer, point by point, with the figures")
    props.keywords = ", ".join(
        [
            header.parliament,
            header.document_type,
            header.reference,
            header.session_year,
            t("public contracts"),
            t("subsidy calls"),
            "sebrief",
        ]
    )
    props.description = t("Made by sebrief from the dataset {dataset}.", dataset=header.dataset_id)
    props.language = t.locale.replace("_", "-")
    props.creator = props.lastModifiedBy = "sebrief"  # the dates are set when saving
