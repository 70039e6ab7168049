"""Workbook look: colours, fonts, fills and number formats, decided once for every sheet.

Number formats carry the workbook language for month names (``[$-813]`` is Dutch (Belgium));
thousands and decimal separators come from the reader's own locale, as spreadsheets do.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.workbook.workbook import Workbook

# Excel locale ids (LCID, hexadecimal) of the languages sebrief writes.
LCID = {"nl_BE": "813", "en_GB": "809"}

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="1F4E79")
SECTION_FONT = Font(bold=True, size=12, color="1F4E79")
GROUP_FONT = Font(bold=True, color="1F4E79")
GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
NOTE_FONT = Font(italic=True, color="595959")
LINK_FONT = Font(color="0563C1", underline="single")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
TOTAL_BORDER = Border(top=Side(style="thin", color="000000"))

# The line between what the minister said and what sebrief infers.
BASIS_FILLS = {
    "stated": PatternFill("solid", fgColor="E2EFDA"),
    "inferred": PatternFill("solid", fgColor="FFF2CC"),
    "not_addressed": PatternFill("solid", fgColor="EDEDED"),
}
INFERRED_FONT = Font(italic=True)

# One colour per kind of row (in the dataset's order of kinds) or money column, in charts and
# the timeline; the date asked is a red column.
PALETTE = ("5B9BD5", "ED7D31", "70AD47", "7030A0", "FFC000", "264478", "9E480E", "636363")
ASKED_COLOUR = "C00000"
ASKED_SIDE = Side(style="medium", color=ASKED_COLOUR)
ASKED_BORDER = Border(left=ASKED_SIDE, right=ASKED_SIDE)
ASKED_FILL = PatternFill("solid", fgColor=ASKED_COLOUR)
ASKED_FONT = Font(bold=True, color="FFFFFF")

TOP = Alignment(vertical="top")
LEFT_TOP = Alignment(horizontal="left", vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
AFTER_FIGURE = Alignment(vertical="top", wrap_text=True, indent=1)  # text right of a right-aligned figure
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
NUMBER_ALIGNMENT = Alignment(horizontal="right", vertical="top", indent=1)  # keeps figures off the next text
CENTRE = Alignment(horizontal="center", vertical="top")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


COUNT_FORMAT = "0"
DURATION_FORMAT = "0.0"
PERCENT_FORMAT = '0.0%;-0.0%;"–"'


# Cell styles registered in the workbook (they show in the spreadsheet's style list); a cell
# takes one of them and only then its own font or fill, which is also much faster to write.
TEXT_STYLE = "sebrief text"
FIGURE_STYLE = "sebrief figure"
HEADER_STYLE = "sebrief header"


def bar_chart(title: str) -> BarChart:
    """A horizontal bar chart in the workbook's look: bars from zero (their lengths compare), in the
    table's order top to bottom, axes shown, no grid lines. ``colour_series`` once it has data."""
    chart = BarChart()
    chart.type, chart.grouping, chart.style, chart.gapWidth = "bar", "clustered", 10, 40
    chart.title = title
    chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.y_axis.number_format = "#,##0"
    chart.y_axis.scaling.min = 0
    chart.y_axis.majorGridlines = None
    return chart


def colour_series(chart: BarChart) -> None:
    """Each series of ``chart`` in the workbook's colours, in order, without outline."""
    for index, series in enumerate(chart.series):
        series.graphicalProperties.solidFill = colour(index)
        series.graphicalProperties.line.noFill = True


def register_styles(workbook: Workbook) -> None:
    workbook.add_named_style(NamedStyle(TEXT_STYLE, alignment=WRAP))
    workbook.add_named_style(NamedStyle(FIGURE_STYLE, alignment=NUMBER_ALIGNMENT))
    workbook.add_named_style(NamedStyle(HEADER_STYLE, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT))


@dataclass(frozen=True)
class NumberFormats:
    """Number formats for one workbook language."""

    money: str
    money_or_dash: str  # zero shown as a dash: "none of this kind"
    date: str
    month: str
    month_short: str


def number_formats(locale: str) -> NumberFormats:
    """Euro amounts and dates with month names in the workbook's language."""
    lcid = LCID[locale]
    return NumberFormats(
        money=f"#,##0.00 [$€-{lcid}];-#,##0.00 [$€-{lcid}]",
        money_or_dash=f'#,##0.00 [$€-{lcid}];-#,##0.00 [$€-{lcid}];"–"',
        date=f"[$-{lcid}]d mmmm yyyy",
        month=f"[$-{lcid}]mmmm yyyy",
        month_short=f"[$-{lcid}]mmm yy",
    )
