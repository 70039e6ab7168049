"""The timeline of the rows: its span around the date the question was asked, its months, and the
rows in each state on that date."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sebrief.dataset.model import Dataset
from sebrief.engine.brief_totals import RowEntry
from sebrief.engine.brief_values import Timeline
from sebrief.engine.vocabulary import STATE_ORDER, label
from sebrief.i18n import Translator, _

# How many rows were in each state on the date asked, for a sentence: "13 running, 1 finished".
STATE_COUNTS = {
    "running": _("{count} running"),
    "finished": _("{count} finished"),
    "not_started": _("{count} not started yet"),
    "in_procedure": _("{count} in procedure"),
    "no_period": _("{count} without a period"),
}


def timeline(dataset: Dataset, rows: tuple[RowEntry, ...], t: Translator) -> Timeline | None:
    dated = [row for row in rows if row.start and row.end]
    if not dated:
        return None
    asked = dataset.metadata.date_asked
    span_start = min([row.start for row in dated if row.start] + [asked])
    span_end = max([row.end for row in dated if row.end] + [asked])
    states = Counter(row.state_at_question.code for row in rows)
    counts = {code: states[code] for code in STATE_ORDER}
    return Timeline(
        date_asked=asked,
        span_start=span_start,
        span_end=span_end,
        months=month_starts(span_start, span_end),
        states=tuple((label(t, "state", code), count) for code, count in counts.items() if count),
        states_text=", ".join(
            t(STATE_COUNTS[code], count=t.number(counts[code], 0)) for code in STATE_COUNTS if counts[code]
        ),
        undated=sum(1 for row in rows if row.start is None),
    )


def month_starts(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return tuple(months)
