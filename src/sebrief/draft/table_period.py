"""The period a table's lead sentence gives once for all its rows: 'In 2017 voerde het departement
de volgende campagnes:', 'Tijdens het jaar 2019 ...', 'In de periode van 1 maart 2018 tot 31
december 2018 ...'.

The period is drafted only when the sentence opens with it in one of those forms, names no other
year, and no row of the table has a period of its own; its text is quoted as the source writes it
and read as ``sebrief validate`` reads it, so that the two agree. A sentence that names a year in
another way, or rows of which only some have a period, are listed for a person instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sebrief.dataset.periods import parse_period_text
from sebrief.draft.structure import Table
from sebrief.draft.values import DATE_PATTERN, NONE_TEXTS
from sebrief.errors import Message

_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_UNTIL = r"(?:tot(?:\s+en\s+met)?|t\.e\.m\.)"
# 'In 2017', 'Tijdens het jaar 2019', 'In het jaar 2019' at the start of the sentence.
_YEAR_LEAD_RE = re.compile(r"^(?:in|tijdens)\s+(?:het\s+jaar\s+)?(?:19|20)\d\d(?=[\s,])", re.IGNORECASE)
# 'In de periode van 1 maart 2018 tot 31 december 2018', 'Van 1 maart 2018 tot en met ...': the
# quote is 'van ... tot ...', which the dataset reads.
_RANGE_LEAD_RE = re.compile(
    rf"^(?:(?:in|tijdens)\s+de\s+periode\s+)?(?P<range>van\s+{DATE_PATTERN}\s+{_UNTIL}\s+{DATE_PATTERN})(?=[\s,])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SharedPeriod:
    text: str | None  # verbatim from the lead sentence; None when left to a person
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None  # the dataset's: day or month
    doubt: Message | None = None  # why it is left to a person


def shared_period(lead: str | None, table: Table) -> SharedPeriod | None:
    """The period ``lead`` gives for every row of ``table``; None when it gives none."""
    if not lead or not _YEAR_RE.search(lead):
        return None
    text, after = None, 0
    if match := _YEAR_LEAD_RE.match(lead):
        text, after = match.group(0), match.end()
    elif ranged := _RANGE_LEAD_RE.match(lead):
        text, after = ranged.group("range"), ranged.end()
    read = parse_period_text(text) if text else None
    rest = lead[after:]
    own = [row for row in table.rows if row.period is not None or (row.period_text or "").strip() not in NONE_TEXTS]
    if text is None or read is None or _YEAR_RE.search(rest):
        if own and len(own) == len(table.rows):
            return None  # every row has its own period: a year in the sentence cannot be theirs
        hint = Message(
            "the sentence that leads it in ('{lead}') names a year: if it gives one period for all its rows, "
            "add the table's period and period_text (the source's words for it)",
            lead=lead,
        )
        return SharedPeriod(None, doubt=hint)
    if own:
        if len(own) == len(table.rows):
            return None
        rows = ", ".join(str(row.index) for row in own[:10])
        hint = Message(
            "the sentence that leads it in gives '{text}' but rows {rows} have a period of their own: add the "
            "table's period and period_text if it is the period of the others",
            text=text,
            rows=rows,
        )
        return SharedPeriod(None, doubt=hint)
    start, end, precision = read
    return SharedPeriod(text, start, end, precision.value)
