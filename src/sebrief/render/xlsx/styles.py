"""Workbook look: colours, fonts, fills and number formats, decided once for every sheet.

Number formats carry the workbook language for month names (``[$-813]`` is Dutch (Belgium));
thousands and decimal separators come from the reader's own locale, as spreadsheets do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.chart import BarChart
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.workbook.workbook import Workbook

from sebrief.brand import Brand
from sebrief.brand.colours import mix_with_white

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


def colour(index: int, palette: Sequence[str] = PALETTE) -> str:
    return palette[index % len(palette)]


@dataclass(frozen=True)
class Look:
    """What a house style changes in the workbook: the header fill and fonts, the titles' and
    groups' colour, the chart and timeline colours, and the organisation in the properties. The
    colours of what the minister said and what sebrief infers (``BASIS_FILLS``) and of the date
    asked stay as they are."""

    header_fill: PatternFill = HEADER_FILL
    header_font: Font = HEADER_FONT
    title_font: Font = TITLE_FONT
    section_font: Font = SECTION_FONT
    group_font: Font = GROUP_FONT
    group_fill: PatternFill = GROUP_FILL
    palette: tuple[str, ...] = field(default=PALETTE)
    organisation: str | None = None

    def colour(self, index: int) -> str:
        return colour(index, self.palette)


DEFAULT_LOOK = Look()
GROUP_TINT = 0.16  # the share of the main colour in the groups' fill


def look(brand: Brand | None) -> Look:
    """The workbook's look in ``brand``'s house style; without one, sebrief's own."""
    if brand is None or brand.is_default:
        return DEFAULT_LOOK
    header_font, title_font, section_font, group_font = HEADER_FONT, TITLE_FONT, SECTION_FONT, GROUP_FONT
    header_fill, group_fill = HEADER_FILL, GROUP_FILL
    if brand.primary:
        primary = brand.primary.lstrip("#").upper()
        header_fill = PatternFill("solid", fgColor=primary)
        title_font = Font(bold=True, size=14, color=primary)
        section_font = Font(bold=True, size=12, color=primary)
        group_font = Font(bold=True, color=primary)
        group_fill = PatternFill("solid", fgColor=mix_with_white(brand.primary, GROUP_TINT).lstrip("#").upper())
    family = brand.heading_font or brand.base_font
    if family:  # the headings' family, where the workbook has headings
        header_font, title_font, section_font = (
            Font(name=family, bold=True, color=header_font.color),
            Font(name=family, bold=True, size=14, color=title_font.color),
            Font(name=family, bold=True, size=12, color=section_font.color),
        )
    palette = tuple(value.lstrip("#").upper() for value in brand.chart_palette) if brand.chart_palette else PALETTE
    return Look(header_fill, header_font, title_font, section_font, group_font, group_fill, palette,
                brand.organisation)  # fmt: skip


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


def colour_series(chart: BarChart, look: Look = DEFAULT_LOOK) -> None:
    """Each series of ``chart`` in the workbook's colours, in order, without outline."""
    for index, series in enumerate(chart.series):
        series.graphicalProperties.solidFill = look.colour(index)
        series.graphicalProperties.line.noFill = True


def register_styles(workbook: Workbook, look: Look = DEFAULT_LOOK) -> None:
    workbook.add_named_style(NamedStyle(TEXT_STYLE, alignment=WRAP))
    workbook.add_named_style(NamedStyle(FIGURE_STYLE, alignment=NUMBER_ALIGNMENT))
    workbook.add_named_style(
        NamedStyle(HEADER_STYLE, font=look.header_font, fill=look.header_fill, alignment=HEADER_ALIGNMENT)
    )


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
