"""The brief's charts as SVG: amounts per beneficiary, figures, and the timeline of the rows.

Drawn with matplotlib's object API (no pyplot state). Text stays text (``svg.fonttype: none``)
in DejaVu Sans, the font matplotlib measures it with: WeasyPrint then draws it with the same
font, embeds it like the body's fonts, and the chart labels are searchable. Turning text into
paths instead doubles WeasyPrint's drawing time. The SVG is deterministic: fixed hash salt and
no date.

Colours follow the money columns of the brief (one kind on one VAT basis), in their order, so a
kind has the same colour in every chart; the charts draw the brief's figures and add nothing up.
The colours are ``PALETTE``'s, or a house style's chart palette (``palette``).

Each chart is planned first (its pieces, their bars, one scale) and drawn when its ``Drawing`` is
called: ``sebrief build`` sends the brief's HTML to be laid out with the charts named by URL
(``DeferredCharts``), and imports matplotlib and draws them while the layout begins.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Literal

from sebrief.dataset.fields import shorten
from sebrief.engine.brief import FigureView, GroupTotal, KindTotal, MoneyColumn, RowEntry, Timeline
from sebrief.i18n import Translator
from sebrief.render import CHART_SCHEME

if TYPE_CHECKING:  # matplotlib (0.3 s to import) is imported when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MM = 1 / 25.4  # inches per millimetre
WIDTH = 170 * MM  # the text width of an A4 page with the brief's margins
PALETTE = ("#d58a1c", "#1f4e79", "#2e7d5b", "#7b3f98", "#00838f", "#a33a3a", "#5d6d7e", "#8d6e00")
ASKED, GRID, MUTED = "#b3261e", "#d9d9d9", "#555555"
LABEL_LIMIT = 46
MAX_BARS = 30  # bars in one chart: about 200 mm high, so that a chart and its heading fit on a page
MAX_ROWS = 30  # rows in one timeline chart, for the same reason


Drawing = Callable[[], bytes]  # a chart's SVG, drawn when called


class DeferredCharts:
    """Charts the HTML names by URL (``sebrief-chart:N``), to be drawn once the HTML is on its way."""

    def __init__(self) -> None:
        self.drawings: list[Drawing] = []

    def add(self, drawing: Drawing) -> str:
        self.drawings.append(drawing)
        return f"{CHART_SCHEME}:{len(self.drawings) - 1}"

    def draw(self) -> dict[str, bytes]:
        """Every chart's SVG by its URL."""
        return {f"{CHART_SCHEME}:{index}": drawing() for index, drawing in enumerate(self.drawings)}


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def data_uris(drawings: Sequence[Drawing]) -> tuple[str, ...]:
    """The charts drawn now, as data: URIs."""
    return tuple(data_uri(drawing()) for drawing in drawings)


def colour(index: int, palette: Sequence[str] = PALETTE) -> str:
    return palette[index % len(palette)]


@contextmanager
def chart_style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "sebrief",
            "font.family": "DejaVu Sans",
            "font.size": 7.5,
            "axes.edgecolor": "#666666",
            "axes.linewidth": 0.6,
            "xtick.major.width": 0.6,
            "ytick.major.width": 0.6,
        }
    ):
        yield


def svg(figure: Figure) -> bytes:
    """The figure as SVG, without the date matplotlib would otherwise write into it."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.02)
    return buffer.getvalue()


def _figure(height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH, height))


# --- bars ----------------------------------------------------------------------------------


def beneficiary_bars(
    groups: Sequence[GroupTotal], columns: Sequence[MoneyColumn], colours: Mapping[str, str]
) -> list[tuple[str, Decimal, str]]:
    """One bar per beneficiary and money column: amounts of different kinds or VAT bases are never stacked."""
    bars = []
    for group in groups:
        for column, amount in zip(columns, group.amounts, strict=True):
            if amount:
                bars.append((group.label, amount, colours[column.key]))
    return bars


def beneficiary_drawings(
    groups: Sequence[GroupTotal],
    columns: Sequence[MoneyColumn],
    colours: Mapping[str, str],
    t: Translator,
) -> tuple[Drawing, ...]:
    """The bars of every beneficiary, over as many charts as fit a page each, all on one scale."""
    bars = beneficiary_bars(groups, columns, colours)
    used = [column for index, column in enumerate(columns) if any(group.amounts[index] for group in groups)]
    legend = [(colours[c.key], f"{c.kind.label} ({c.vat_basis.label})") for c in used]
    top = _top(bars)
    return tuple(partial(bar_chart, chunk, t.money, t, legend, top=top) for chunk in _chunks(bars, MAX_BARS))


def figures_drawings(
    figures: Sequence[FigureView], t: Translator, palette: Sequence[str] = PALETTE
) -> tuple[Drawing, ...]:
    """The figures of one unit as bars; figures along two dimensions as bars grouped by the first,
    one colour per value of the second. Over as many charts as fit a page each, all on one scale."""
    charted = charted_figures(figures)
    value_text = figure_formatter(charted, t)
    if charted and len(charted[0].dimensions) >= 2:
        series = list(dict.fromkeys(f.dimensions[1][1] for f in charted))
        fills = {name: colour(index + 1, palette) for index, name in enumerate(series)}
        bars = [(f.dimensions[0][1], f.value, fills[f.dimensions[1][1]]) for f in charted]
        legend = [(fills[name], name) for name in series]
        per_name = max(sum(1 for n, _, _ in bars if n == name) for name, _, _ in bars)
        limit = max(per_name, MAX_BARS * 6 // (4 * per_name + 2) * per_name)
        return tuple(
            partial(bar_chart, chunk, value_text, t, legend, grouped=True, top=_top(bars))
            for chunk in _chunks(bars, limit)
        )
    names = [_figure_name(f, charted) for f in charted]
    bars = [(name, f.value, colour(1, palette)) for name, f in zip(names, charted, strict=True)]
    return tuple(partial(bar_chart, chunk, value_text, t, [], top=_top(bars)) for chunk in _chunks(bars, MAX_BARS))


def _top(bars: Sequence[tuple[str, Decimal, str]]) -> float:
    return max((float(amount) for _, amount, _ in bars), default=1.0) or 1.0


def _chunks(bars: Sequence[tuple[str, Decimal, str]], limit: int) -> list[list[tuple[str, Decimal, str]]]:
    """The bars in pieces of at most ``limit``, never parting the bars of one name."""
    chunks: list[list[tuple[str, Decimal, str]]] = [[]]
    for name in dict.fromkeys(name for name, _, _ in bars):
        mine = [bar for bar in bars if bar[0] == name]
        if chunks[-1] and len(chunks[-1]) + len(mine) > limit:
            chunks.append([])
        chunks[-1].extend(mine)
    return [chunk for chunk in chunks if chunk]


def charted_figures(figures: Sequence[FigureView]) -> tuple[FigureView, ...]:
    """The figures a chart shows: those along the dimensions most figures share (cells of a matrix,
    not its totals, which would dwarf them); all of them when the figures have no dimensions."""
    shapes: dict[tuple[str, ...], list[FigureView]] = {}
    for figure in figures:
        shapes.setdefault(tuple(name for name, _ in figure.dimensions), []).append(figure)
    best = max(shapes.values(), key=len, default=[])
    return tuple(best) if len(best) > 1 else tuple(figures)


def figure_formatter(figures: Sequence[FigureView], t: Translator) -> Callable[[Decimal], str]:
    if figures and figures[0].unit.code == "eur":
        return t.money
    decimals = max((max(0, -int(f.value.as_tuple().exponent)) for f in figures), default=0)
    return lambda value: t.number(value, decimals)


def _figure_name(figure: FigureView, figures: Sequence[FigureView]) -> str:
    labels = [f.label for f in figures]
    if labels.count(figure.label) == 1:
        return figure.label
    if figure.dimensions:
        return " · ".join(value for _, value in figure.dimensions)
    return figure.period_label or figure.id


def bar_chart(
    bars: Sequence[tuple[str, Decimal, str]],
    value_text: Callable[[Decimal], str],
    t: Translator,
    legend: Sequence[tuple[str, str]],
    grouped: bool = False,
    top: float | None = None,
) -> bytes:
    """Horizontal bars with their value written beside them; ``grouped`` bars of one name share a slot.
    ``top`` is the largest value of every chart the bars are part of, so that they share one scale."""
    names = list(dict.fromkeys(name for name, _, _ in bars))
    per_name = max((sum(1 for n, _, _ in bars if n == name) for name in names), default=1) if grouped else 1
    slots = len(names) if grouped else len(bars)
    height = 0.8 / per_name if grouped else 0.62
    with chart_style():
        figure = _figure((12 + (4.6 * per_name + 1.6 if grouped else 6.2) * slots) * MM)
        axes = figure.subplots()
        top = top or _top(bars)
        seen: dict[str, int] = {}
        for index, (name, amount, fill) in enumerate(bars):
            if grouped:
                slot = names.index(name)
                offset = seen.get(name, 0)
                seen[name] = offset + 1
                position = slot - 0.4 + height * (offset + 0.5)
            else:
                position = index
            axes.barh(position, float(amount), color=fill, height=height * (0.9 if grouped else 1))
            axes.text(float(amount) + top * 0.01, position, value_text(amount), va="center",
                      fontsize=6.5 if grouped else 7)  # fmt: skip
        if grouped:
            axes.set_yticks(list(range(len(names))), [shorten(name, LABEL_LIMIT, strip=None) for name in names])
        else:
            axes.set_yticks(list(range(len(bars))), [shorten(name, LABEL_LIMIT, strip=None) for name, _, _ in bars])
        axes.invert_yaxis()
        axes.set_xlim(0, top * 1.24)
        axes.xaxis.set_major_formatter(lambda value, _: t.number(Decimal(round(value)), 0))
        _plain_axes(axes, grid_axis="x")
        if legend:
            _legend(axes, list(legend))
        return svg(figure)


# --- timeline ------------------------------------------------------------------------------


def timeline_drawings(
    rows: Sequence[RowEntry],
    timeline: Timeline,
    kind_colours: Mapping[str, tuple[str, str]],
    t: Translator,
    labels: Mapping[str, str],
) -> tuple[Drawing, ...]:
    """Each row's period as a bar, coloured by kind (``kind_colours``: kind code -> colour, legend),
    over as many charts as fit a page each, all over the same months."""
    return tuple(
        partial(_timeline_chart, rows[at : at + MAX_ROWS], timeline, kind_colours, t, labels)
        for at in range(0, len(rows), MAX_ROWS)
    )


def _timeline_chart(
    rows: Sequence[RowEntry],
    timeline: Timeline,
    kind_colours: Mapping[str, tuple[str, str]],
    t: Translator,
    labels: Mapping[str, str],
) -> bytes:
    with chart_style():
        figure = _figure((22 + 6.4 * len(rows)) * MM)
        axes = figure.subplots()
        for position, row in enumerate(rows):
            _timeline_bar(axes, position, row, timeline, kind_colours, labels)
        axes.set_yticks(range(len(rows)), [f"{row.id}  {shorten(row.description, 40, strip=None)}" for row in rows])
        axes.set_ylim(len(rows) - 0.4, -0.6)
        ticks = [*timeline.months, _next_month(timeline.months[-1])]
        axes.set_xlim(_day(ticks[0]), _day(ticks[-1]))
        step = month_step(len(timeline.months))
        shown = [m for m in timeline.months if (m.year * 12 + m.month - 1) % step == 0] or list(timeline.months[:1])
        axes.set_xticks([_day(m) for m in shown], [t.month_short(m) for m in shown])
        asked = _day(timeline.date_asked)
        axes.axvline(asked, color=ASKED, linewidth=1.1)
        axes.annotate(labels["chart_asked"], (asked, -0.6), xytext=(3, 2), textcoords="offset points",
                      color=ASKED, fontsize=7, annotation_clip=False)  # fmt: skip
        _plain_axes(axes, grid_axis="x")
        used = list(dict.fromkeys(row.kind.code for row in rows if row.kind.code in kind_colours))
        _legend(axes, [kind_colours[code] for code in used], dashed=labels["chart_month_precision"])
        return svg(figure)


def month_step(months: int) -> int:
    """Months between two tick labels, so that they never run into each other."""
    for step, limit in ((1, 14), (2, 26), (3, 40), (6, 80)):
        if months <= limit:
            return step
    return 12


def _timeline_bar(
    axes: Axes,
    position: int,
    row: RowEntry,
    timeline: Timeline,
    kind_colours: Mapping[str, tuple[str, str]],
    labels: Mapping[str, str],
) -> None:
    fill = kind_colours.get(row.kind.code, (MUTED, ""))[0]
    if row.start is None or row.end is None:
        text = (
            labels["chart_in_procedure"] if row.state_at_question.code == "in_procedure" else labels["chart_no_period"]
        )
        axes.text(_day(timeline.span_start) + 2, position, text, va="center", fontsize=7, style="italic", color=MUTED)
        return
    start, end = _day(row.start), _day(row.end + dt.timedelta(days=1))
    if row.precision == "month":
        axes.barh(position, end - start, left=start, height=0.6, color=fill, alpha=0.45,
                  edgecolor=fill, linestyle=(0, (2, 1.5)), linewidth=0.9)  # fmt: skip
    else:
        axes.barh(position, end - start, left=start, height=0.6, color=fill)


# --- shared --------------------------------------------------------------------------------


def _legend(axes: Axes, entries: list[tuple[str, str]], dashed: str | None = None) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=fill, label=text) for fill, text in entries]
    if dashed is not None:
        handles.append(Patch(facecolor="#ffffff", edgecolor=MUTED, linestyle=(0, (2, 1.5)), label=dashed))
    columns = len(handles) if sum(len(text) for _, text in entries) < 90 else 2
    # Below the tick labels, at a distance in font sizes, so that it never overlaps them.
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=2.2,
                ncols=columns, frameon=False, fontsize=7)  # fmt: skip


def _plain_axes(axes: Axes, grid_axis: Literal["x", "y"]) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_axisbelow(True)
    axes.grid(axis=grid_axis, color=GRID, linewidth=0.5)
    axes.tick_params(axis="y", length=0)


def _day(day: dt.date) -> float:
    return float(day.toordinal())


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


# --- timeline of many rows: counted per month ------------------------------------------------


def timeline_month_drawings(
    per_kind: Sequence[KindTotal],
    timeline: Timeline,
    kind_colours: Mapping[str, tuple[str, str]],
    t: Translator,
    labels: Mapping[str, str],
) -> tuple[Drawing, ...]:
    """The rows counted per month (as the analysis counted them), one chart whatever their number:
    above, the rows running in each month, below, the rows starting in it; stacked by kind (counts of
    rows add up, amounts are not drawn)."""
    return (partial(_month_chart, per_kind, timeline, kind_colours, t, labels),)


def _month_chart(
    per_kind: Sequence[KindTotal],
    timeline: Timeline,
    kind_colours: Mapping[str, tuple[str, str]],
    t: Translator,
    labels: Mapping[str, str],
) -> bytes:
    months = list(timeline.months)
    counted = [k for k in per_kind if k.kind.code in kind_colours and any(m.starts for m in k.per_month)]
    kinds = [k.kind.code for k in counted]
    running = {k.kind.code: [m.running for m in k.per_month] for k in counted}
    starting = {k.kind.code: [m.starts for m in k.per_month] for k in counted}
    with chart_style():
        figure = _figure(120 * MM)
        top, bottom = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": (3, 2), "hspace": 0.25})
        positions = [_day(m) + 14 for m in months]
        for axes, counts, title in (
            (top, running, labels["chart_running"]),
            (bottom, starting, labels["chart_starting"]),
        ):
            base = [0] * len(months)
            for code in kinds:
                axes.bar(positions, counts[code], width=26, bottom=base, color=kind_colours[code][0], linewidth=0)
                base = [b + c for b, c in zip(base, counts[code], strict=True)]
            axes.set_title(title, loc="right", fontsize=7.5)
            axes.axvline(_day(timeline.date_asked), color=ASKED, linewidth=1.1)
            axes.yaxis.set_major_formatter(lambda value, _: t.number(Decimal(round(value)), 0))
            _plain_axes(axes, grid_axis="y")
        ticks = [*months, _next_month(months[-1])]
        bottom.set_xlim(_day(ticks[0]), _day(ticks[-1]))
        step = month_step(len(months))
        shown = [m for m in months if (m.year * 12 + m.month - 1) % step == 0] or months[:1]
        bottom.set_xticks([_day(m) for m in shown], [t.month_short(m) for m in shown])
        top.annotate(labels["chart_asked"], (_day(timeline.date_asked), 1), xycoords=("data", "axes fraction"),
                     xytext=(3, 2), textcoords="offset points", color=ASKED, fontsize=7,
                     annotation_clip=False)  # fmt: skip
        _legend(bottom, [kind_colours[code] for code in kinds])
        return svg(figure)
