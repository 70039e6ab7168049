"""The brief's two charts as SVG: amounts per beneficiary and the timeline of the rows.

Drawn with matplotlib's object API (no pyplot state). Text stays text (``svg.fonttype: none``)
in DejaVu Sans, the font matplotlib measures it with: WeasyPrint then draws it with the same
font, embeds it like the body's fonts, and the chart labels are searchable. Turning text into
paths instead doubles WeasyPrint's drawing time. The SVG is deterministic: fixed hash salt and
no date.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Literal

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from sebrief.brief import GroupTotal, RowEntry, Timeline
from sebrief.i18n import Translator

MM = 1 / 25.4  # inches per millimetre
WIDTH = 170 * MM  # the text width of an A4 page with the brief's margins
SUBSIDY, CONTRACT, ASKED, GRID = "#d58a1c", "#1f4e79", "#b3261e", "#d9d9d9"


@contextmanager
def chart_style() -> Iterator[None]:
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


def svg_data_uri(figure: Figure) -> str:
    """The figure as a data: URI, without the date matplotlib would otherwise write into it."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.02)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def beneficiary_bars(groups: tuple[GroupTotal, ...]) -> list[tuple[str, Decimal, str]]:
    """One bar per beneficiary and VAT basis: the two bases are never stacked into one bar."""
    bars = []
    for group in groups:
        if group.subsidy_amount:
            bars.append((group.label, group.subsidy_amount, SUBSIDY))
        if group.contract_amount_excl_vat:
            bars.append((group.label, group.contract_amount_excl_vat, CONTRACT))
    return bars


def beneficiary_chart(groups: tuple[GroupTotal, ...], t: Translator, labels: Mapping[str, str]) -> str:
    bars = beneficiary_bars(groups)
    with chart_style():
        figure = Figure(figsize=(WIDTH, (14 + 6.2 * len(bars)) * MM))
        axes = figure.subplots()
        positions = range(len(bars))
        axes.barh(positions, [float(amount) for _, amount, _ in bars], color=[c for _, _, c in bars], height=0.62)
        axes.set_yticks(list(positions), [name for name, _, _ in bars])
        axes.invert_yaxis()
        top = max((float(amount) for _, amount, _ in bars), default=1.0)
        for position, (_, amount, _) in zip(positions, bars, strict=True):
            axes.text(float(amount) + top * 0.01, position, t.money(amount), va="center", fontsize=7)
        axes.set_xlim(0, top * 1.22)
        axes.xaxis.set_major_formatter(lambda value, _: t.number(Decimal(round(value)), 0))
        _plain_axes(axes, grid_axis="x")
        _legend(axes, [(SUBSIDY, labels["chart_subsidy"]), (CONTRACT, labels["chart_contract"])])
        return svg_data_uri(figure)


def timeline_chart(rows: tuple[RowEntry, ...], timeline: Timeline, t: Translator, labels: Mapping[str, str]) -> str:
    with chart_style():
        figure = Figure(figsize=(WIDTH, (22 + 6.4 * len(rows)) * MM))
        axes = figure.subplots()
        for position, row in enumerate(rows):
            _timeline_bar(axes, position, row, timeline, labels)
        axes.set_yticks(range(len(rows)), [f"{row.id}  {_short(row.description)}" for row in rows])
        axes.set_ylim(len(rows) - 0.4, -0.6)
        ticks = [*timeline.months, _next_month(timeline.months[-1])]
        axes.set_xlim(_day(ticks[0]), _day(ticks[-1]))
        axes.set_xticks([_day(m) for m in ticks[:-1]], [t.month_short(m) for m in ticks[:-1]])
        asked = _day(timeline.date_asked)
        axes.axvline(asked, color=ASKED, linewidth=1.1)
        axes.annotate(labels["chart_asked"], (asked, -0.6), xytext=(3, 2), textcoords="offset points",
                      color=ASKED, fontsize=7, annotation_clip=False)  # fmt: skip
        _plain_axes(axes, grid_axis="x")
        _legend(axes, [(SUBSIDY, labels["chart_subsidy"]), (CONTRACT, labels["chart_contract"])], dashed=labels)
        return svg_data_uri(figure)


def _timeline_bar(axes: Axes, position: int, row: RowEntry, timeline: Timeline, labels: Mapping[str, str]) -> None:
    colour = SUBSIDY if row.kind.code == "subsidy_call" else CONTRACT
    if row.start is None or row.end is None:
        axes.text(_day(timeline.span_start) + 2, position, labels["chart_in_procedure"], va="center",
                  fontsize=7, style="italic", color="#555555")  # fmt: skip
        return
    start, end = _day(row.start), _day(row.end + dt.timedelta(days=1))
    if row.precision == "month":
        axes.barh(position, end - start, left=start, height=0.6, color=colour, alpha=0.45,
                  edgecolor=colour, linestyle=(0, (2, 1.5)), linewidth=0.9)  # fmt: skip
    else:
        axes.barh(position, end - start, left=start, height=0.6, color=colour)


def _legend(axes: Axes, entries: list[tuple[str, str]], dashed: Mapping[str, str] | None = None) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=colour, label=text) for colour, text in entries]
    if dashed is not None:
        handles.append(Patch(facecolor="#ffffff", edgecolor="#555555", linestyle=(0, (2, 1.5)),
                             label=dashed["chart_month_precision"]))  # fmt: skip
    # Below the tick labels, at a distance in font sizes, so that it never overlaps them.
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=2.2,
                ncols=len(handles), frameon=False, fontsize=7)  # fmt: skip


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


def _short(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
