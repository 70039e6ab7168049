"""Sheet "Timeline": a month grid with each row's period shaded and the date asked marked.

Only when some row has a period. The shading is conditional formatting on the row's own start
and end dates, so it follows the dates if a reader corrects one; the month of the question is a
red column with a note above. Rows of every table, in the answer's order, one colour per kind.

Above the layout rules' ``grid_rows`` rows a grid of every row would be unreadable (and huge): the
sheet then counts, per month and kind, the rows whose period starts, ends and runs in the month,
live from the tables of rows (an array formula per kind and date over the whole column, and the
running rows month by month from those), with a chart of the rows running, and says so. The
cached results are the analysis' counts (``KindTotal.per_month``).
"""

from __future__ import annotations

import math

from openpyxl.chart import LineChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

import sebrief.render.xlsx.names as names
import sebrief.render.xlsx.styles as styles
from sebrief.engine.brief import Brief, MonthCount, RowEntry, Timeline
from sebrief.reference import LayoutRules
from sebrief.render.xlsx.formulas import added, count_rows, literal, matching
from sebrief.render.xlsx.plan import TableLayout
from sebrief.render.xlsx.writer import Book, SheetWriter, absolute, ref

LEGEND_ROW = 3
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
ID, KIND, DESCRIPTION, START, END, STATE = range(1, 7)
FIRST_MONTH = STATE + 1
MONTH_WIDTH = 7.5
NARROW_MONTH_WIDTH = 3.2  # for a long span: the month's name turned upright
NARROW_FROM = 25  # months
UPRIGHT = Alignment(horizontal="center", vertical="bottom", textRotation=90)
MONTH = 1  # the aggregated timeline: a line per month, two columns per kind from column B
COUNT_WIDTH = 14.0
CHART_WIDTH, CHART_HEIGHT = 18.0, 10.0  # cm
CHART_COLUMNS = 8  # the columns the chart spans, at least, for the print area
CM_PER_ROW = 0.53  # a row of default height


def aggregated(brief: Brief, rules: LayoutRules) -> bool:
    """Whether the timeline counts the rows per month rather than showing each row."""
    return len(brief.rows) > rules.grid_rows


def add_timeline(book: Book) -> None:
    timeline = book.brief.timeline
    if timeline is None or book.plan.timeline is None:
        return
    t, sheet = book.t, book.sheet(book.plan.timeline)
    sheet.title(1, t("Timeline of the rows"))
    if aggregated(book.brief, book.rules):
        add_month_counts(book, sheet, timeline)
        return
    last_col = FIRST_MONTH + len(timeline.months) - 1
    sheet.paragraph(
        2,
        t(
            "Each row's period shaded month by month, in the colour of its kind. The red column is the month in which "
            "the question was asked ({date}): the state column gives each row's state on that day. A period given in "
            "months covers those whole months. Rows in procedure have no period.",
            date=t.date(timeline.date_asked),
        ),
        1,
        min(last_col, 10),
        font=styles.NOTE_FONT,
    )
    legend = add_legend(book, sheet, timeline)
    sheet.header(
        HEADER_ROW,
        [
            t("ID"),
            t("Kind"),
            t("Description"),
            t("Start"),
            t("End"),
            t("State on {date}", date=t.date(timeline.date_asked)),
        ],
    )
    narrow = len(timeline.months) >= NARROW_FROM
    for col, month in enumerate(timeline.months, start=FIRST_MONTH):
        cell = sheet.date(HEADER_ROW, col, month, book.formats.month_short, base=styles.HEADER_STYLE)
        if narrow:
            cell.alignment = UPRIGHT

    for r, row in enumerate(book.brief.rows, start=FIRST_ROW):
        write_row(sheet, r, row)
    last_row = FIRST_ROW + len(book.brief.rows) - 1
    shade_periods(sheet, legend, last_row, last_col)
    mark_date_asked(sheet, timeline, last_row)
    states_end = add_states(book, sheet, timeline, last_row + 2, DESCRIPTION)
    month_width = NARROW_MONTH_WIDTH if narrow else MONTH_WIDTH
    widths = {col: month_width for col in range(FIRST_MONTH, last_col + 1)} | {DESCRIPTION: 40.0}
    sheet.finish(
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        freeze=f"{get_column_letter(FIRST_MONTH)}{FIRST_ROW}",
        max_widths=widths,
    )
    sheet.ws.print_area = f"A1:{get_column_letter(last_col)}{states_end}"
    if narrow:  # room for the upright month names
        header = sheet.ws.row_dimensions[HEADER_ROW]
        header.height = max(header.height or 0, 48)


def kind_colours(book: Book) -> dict[str, tuple[str, str]]:
    """Each kind of the rows (in the analysis' order of kinds) with its label and colour."""
    labels = {row.kind.code: row.kind.label for row in book.brief.rows}
    order = [kind.kind.code for kind in book.brief.totals.per_kind] if book.brief.totals else []
    codes = sorted(labels, key=lambda code: order.index(code) if code in order else len(order))
    return {code: (labels[code], book.look.colour(index)) for index, code in enumerate(codes)}


def add_legend(book: Book, sheet: SheetWriter, timeline: Timeline) -> dict[str, tuple[str, str]]:
    """The legend: a cell per kind, in its colour (the criteria of the shading rules), and the date asked."""
    t = book.t
    sheet.text(LEGEND_ROW, ID, t("Legend"), font=styles.BOLD)
    cells = {}
    kinds = kind_colours(book)
    for col, (code, (label, colour)) in enumerate(kinds.items(), start=KIND):
        sheet.text(LEGEND_ROW, col, label, fill=PatternFill("solid", fgColor=colour), font=styles.BOLD, measure=False)
        cells[code] = (absolute(LEGEND_ROW, col), colour)
    sheet.text(LEGEND_ROW + 1, KIND, t("Date asked"), fill=styles.ASKED_FILL, font=styles.ASKED_FONT, measure=False)
    sheet.date(LEGEND_ROW + 1, DESCRIPTION, timeline.date_asked, font=styles.BOLD, alignment=styles.LEFT_TOP)
    book.define(names.DATE_ASKED, sheet.ws.title, absolute(LEGEND_ROW + 1, DESCRIPTION))
    return cells


def write_row(sheet: SheetWriter, r: int, row: RowEntry) -> None:
    formats = sheet.book.formats
    date_format = formats.month if row.precision == "month" else formats.date
    sheet.text(r, ID, row.id)
    sheet.text(r, KIND, row.kind.label)
    sheet.text(r, DESCRIPTION, row.description)
    sheet.date(r, START, row.start, date_format)
    sheet.date(r, END, row.end, date_format)
    sheet.text(r, STATE, row.state_at_question.label, alignment=styles.AFTER_FIGURE)


def shade_periods(sheet: SheetWriter, legend: dict[str, tuple[str, str]], last_row: int, last_col: int) -> None:
    """One rule per kind: the month overlaps the row's period and the row is of that kind (exactly)."""
    month = f"{get_column_letter(FIRST_MONTH)}${HEADER_ROW}"
    start, end, kind = (f"${get_column_letter(col)}{FIRST_ROW}" for col in (START, END, KIND))
    area = f"{ref(FIRST_ROW, FIRST_MONTH)}:{ref(last_row, last_col)}"
    for cell, colour in legend.values():
        formula = f'AND(EXACT({kind},{cell}),{start}<>"",{month}<={end},EOMONTH({month},0)>={start})'
        fill = PatternFill(start_color=colour, end_color=colour, fill_type="solid")
        sheet.ws.conditional_formatting.add(area, FormulaRule(formula=[formula], fill=fill, stopIfTrue=False))


def mark_date_asked(sheet: SheetWriter, timeline: Timeline, last_row: int) -> None:
    asked = timeline.date_asked.replace(day=1)
    if asked not in timeline.months:
        return
    col = FIRST_MONTH + timeline.months.index(asked)
    header = sheet.ws.cell(row=HEADER_ROW, column=col)
    header.fill, header.font = styles.ASKED_FILL, styles.ASKED_FONT
    for r in range(HEADER_ROW, last_row + 1):
        sheet.ws.cell(row=r, column=col).border = styles.ASKED_BORDER


def add_states(book: Book, sheet: SheetWriter, timeline: Timeline, top: int, label_col: int) -> int:
    """How many rows of every table were in each state on the date asked (states compared exactly)."""
    t = book.t
    sheet.section(top, t("Rows per state on {date}", date=t.date(timeline.date_asked)))
    sheet.header(top + 1, [t("State"), t("Rows")], first_col=label_col)
    r = top + 1
    for r, (state, count) in enumerate(timeline.states, start=top + 2):
        sheet.text(r, label_col, state.label)
        terms = (count_rows(matching(table.names.state, ref(r, label_col))) for table in book.plan.tables.values())
        sheet.formula(r, label_col + 1, added(terms), count, styles.COUNT_FORMAT)
    return r


# --- counts per month, for many rows ------------------------------------------------------------

STARTS, ENDS, RUNS = range(3)  # a kind's three columns


def month_counts(book: Book) -> dict[str, tuple[MonthCount, ...]]:
    """Per kind, per month of the timeline, the rows starting, ending and running as the analysis
    counts them (the sheet's formulas count the same from the rows' dates)."""
    return {kind.kind.code: kind.per_month for kind in book.brief.totals.per_kind} if book.brief.totals else {}


def frequency(table: TableLayout, kind: str, dates: str, months: str) -> str:
    """Per month of the range ``months`` (first days), the rows of one table and kind whose date in
    column ``dates`` ("start" or "end") falls in it: an array formula over the whole column, once
    per kind, not a formula per month (FREQUENCY counts per bin, the last day of each month)."""
    names = table.names
    start, end = names.column("start"), names.column("end")
    dated = f"EXACT({names.kind},{literal(kind)})*ISNUMBER({start})*ISNUMBER({end})*({start}<={end})"
    last_days = f"{months}+31-DAY({months}+31)"
    return f'FREQUENCY(IF({dated},{names.column(dates)},""),{last_days})'


def add_month_counts(book: Book, sheet: SheetWriter, timeline: Timeline) -> None:
    """A line per month: per kind, the rows starting, ending and running; a chart of the rows running."""
    t = book.t
    kinds = kind_colours(book)
    last_col = MONTH + 3 * len(kinds)
    sheet.paragraph(
        2,
        t(
            "The tables have {rows} rows: too many to show each row's period in a month grid (the grid is made up "
            "to {limit} rows). Per month and kind, this sheet counts the rows whose period starts in the month, "
            "ends in it, and runs in it (for at least a day), live from the tables of rows; filter a table of rows "
            "by its dates to see the rows themselves. The red month is the month in which the question was asked "
            "({date}). A period given in months covers those whole months. Rows in procedure have no period and "
            "are not counted.",
            rows=t.number(len(book.brief.rows), 0),
            limit=t.number(book.rules.grid_rows, 0),
            date=t.date(timeline.date_asked),
        ),
        MONTH,
        max(last_col, 8),
        font=styles.NOTE_FONT,
    )
    headers = [t("Month")]
    for label, _ in kinds.values():
        headers += [
            t("{kind}: starts in the month", kind=label),
            t("{kind}: ends in the month", kind=label),
            t("{kind}: runs in the month", kind=label),
        ]
    sheet.header(HEADER_ROW, headers)
    asked = timeline.date_asked.replace(day=1)
    last_row = FIRST_ROW + len(timeline.months) - 1
    for r, month in enumerate(timeline.months, start=FIRST_ROW):
        cell = sheet.date(r, MONTH, month, book.formats.month, alignment=styles.LEFT_TOP)
        if month == asked:
            cell.fill, cell.font = styles.ASKED_FILL, styles.ASKED_FONT
    months = f"{absolute(FIRST_ROW, MONTH)}:{absolute(last_row, MONTH)}"
    counts = month_counts(book)
    for offset, (code, (label, _)) in enumerate(kinds.items()):
        per_month = counts[code]
        of_kind = [table for table in book.plan.tables.values() if code in table.kinds]
        col = MONTH + 1 + 3 * offset
        starts, ends = [month.starts for month in per_month], [month.ends for month in per_month]
        for dates, column, cached in (("start", col + STARTS, starts), ("end", col + ENDS, ends)):
            formula = "+".join(frequency(table, label, dates, months) for table in of_kind)
            sheet.array_formula(FIRST_ROW, column, formula, cached, styles.COUNT_FORMAT)
        for r, cached_runs in enumerate((month.running for month in per_month), start=FIRST_ROW):
            formula = ref(r, col + STARTS)
            if r > FIRST_ROW:
                formula = f"{ref(r - 1, col + RUNS)}+{formula}-{ref(r - 1, col + ENDS)}"
            sheet.formula(r, col + RUNS, formula, cached_runs, styles.COUNT_FORMAT)
    states_end = add_states(book, sheet, timeline, last_row + 2, MONTH)
    chart_end = add_month_chart(book, sheet, kinds, last_row, states_end + 3)
    widths = {MONTH: 24.0} | {col: COUNT_WIDTH for col in range(MONTH + 1, last_col + 1)}
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"B{FIRST_ROW}", max_widths=widths)
    sheet.ws.print_area = f"A1:{get_column_letter(max(last_col, CHART_COLUMNS))}{chart_end}"


def add_month_chart(book: Book, sheet: SheetWriter, kinds: dict[str, tuple[str, str]], last_row: int, top: int) -> int:
    """The rows running per month, a line per kind, on a page of its own below the counts; returns
    the last row it covers."""
    chart = LineChart()
    chart.title = book.t("Rows running per month")
    for offset, (_, colour) in enumerate(kinds.values()):
        col = MONTH + 1 + 3 * offset + RUNS
        chart.add_data(Reference(sheet.ws, min_col=col, min_row=HEADER_ROW, max_row=last_row), titles_from_data=True)
        series = chart.series[-1]
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 20000  # EMU: 1.6 pt
        series.smooth = False
    chart.set_categories(Reference(sheet.ws, min_col=MONTH, min_row=HEADER_ROW + 1, max_row=last_row))
    chart.x_axis.number_format = book.formats.month_short
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0
    chart.y_axis.number_format = "#,##0"
    chart.y_axis.majorGridlines = None
    chart.legend.position = "b"
    chart.width, chart.height = CHART_WIDTH, CHART_HEIGHT
    sheet.ws.add_chart(chart, f"A{top}")
    sheet.ws.row_breaks.append(Break(id=top - 1))
    return top + math.ceil(CHART_HEIGHT / CM_PER_ROW)
