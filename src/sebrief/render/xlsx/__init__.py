"""Render stage, workbook: lay the brief out as an Excel workbook a researcher can filter and reuse.

``render_workbook`` returns the xlsx bytes. The sheets follow the question: an overview, a sheet
per part of the question (in its order) with the blocks of the answer that address it, a sheet of
rows per table of the answer, totals per beneficiary and per grouping, a timeline when rows have
periods, points of attention, follow-up questions, and sources and method. Every total is a live
formula, with the analysis' figure as its cached result.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.workbook.properties import CalcProperties
from openpyxl.workbook.workbook import Workbook

from sebrief.brand import Brand
from sebrief.engine.brief import Brief
from sebrief.i18n import Translator
from sebrief.reference import LayoutRules, layout_rules
from sebrief.render.xlsx.attention import add_follow_up, add_points_of_attention
from sebrief.render.xlsx.changes import add_changes
from sebrief.render.xlsx.groups import add_beneficiaries, add_groupings
from sebrief.render.xlsx.method import add_method
from sebrief.render.xlsx.names import Identifiers
from sebrief.render.xlsx.overview import add_overview
from sebrief.render.xlsx.package import save
from sebrief.render.xlsx.parts import add_part_sheets
from sebrief.render.xlsx.plan import make_plan
from sebrief.render.xlsx.rows import add_rows_sheets
from sebrief.render.xlsx.styles import look, number_formats, register_styles
from sebrief.render.xlsx.timeline import add_timeline
from sebrief.render.xlsx.writer import Book

__all__ = ["render_workbook"]

# The order sheets are written in: a part's sheet records where each block stands before the
# overview links to it; the sheets' order in the workbook is the plan's.
BUILDERS = (
    add_method,
    add_rows_sheets,
    add_part_sheets,
    add_beneficiaries,
    add_groupings,
    add_timeline,
    add_points_of_attention,
    add_follow_up,
    add_changes,
    add_overview,
)


def render_workbook(
    brief: Brief, *, timestamp: dt.datetime, rules: LayoutRules | None = None, brand: Brand | None = None
) -> bytes:
    """The workbook of ``brief`` as xlsx bytes; the same brief and timestamp give the same bytes.

    ``rules``: the layout rules the brief was analysed with (by default those of ``layout.yaml``);
    ``brand``: a house style (header fill, title colours and fonts, chart colours, the organisation).
    """
    t = Translator(brief.header.lang)
    workbook = Workbook()
    workbook.remove(workbook.active)
    house = look(brand)
    register_styles(workbook, house)
    identifiers = Identifiers()
    plan = make_plan(brief, t, identifiers)
    book = Book(brief, t, number_formats(t.locale), plan, identifiers, workbook, rules or layout_rules(), house)
    for name in book.plan.in_order():
        book.add_sheet(name)
    for build in BUILDERS:
        build(book)
    set_properties(book)
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    workbook.active = 0
    return save(workbook, timestamp, book.cached, book.streams, company=house.organisation)


def set_properties(book: Book) -> None:
    t, header = book.t, book.brief.header
    props = book.workbook.properties
    props.title = f"{header.reference}: {header.title}"
    props.subject = t("The written question and the minister's answer, point by point, with the figures")
    kinds = [kind.kind.label for kind in book.brief.totals.per_kind] if book.brief.totals else []
    props.keywords = ", ".join(
        [header.parliament, header.document_type, header.reference, header.session_year, *kinds, "sebrief"]
    )
    props.description = t("Made by sebrief from the dataset {dataset}.", dataset=header.dataset_id)
    props.language = t.locale.replace("_", "-")
    props.creator = props.lastModifiedBy = "sebrief"  # the dates are set when saving
    if book.look.organisation:  # a house style's: the organisation made it, with sebrief
        props.creator = book.look.organisation
