"""Periods and counts as Dutch texts write them: '1 december 2017 – 30 juni 2018', 'maart 2018',
'14 ondernemingen'."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from sebrief.dataset.fields import Precision

MONTHS_NL = {
    name: number
    for number, name in enumerate(
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
         "oktober", "november", "december"],
        start=1,
    )
}  # fmt: skip
_DATE_RE = re.compile(r"^(?:(\d{1,2})\s+)?([a-zé]+)\s+(\d{4})$")


_LEAD_RE = re.compile(r"^(?:in|op|per|tijdens)\s+(?:het\s+jaar\s+)?", re.IGNORECASE)
# 'van 1 januari 2017 tot 31 december 2018', '... tot en met ...', '... t.e.m. ...': a dash in words.
_FROM_UNTIL_RE = re.compile(r"^(?:van\s+)?(.+?)\s+(?:tot(?:\s+en\s+met)?|t\.e\.m\.)\s+(.+)$", re.IGNORECASE)
_YEAR_RE = re.compile(r"^(\d{4})$")
_DASH_RE = re.compile(r"\s*[–-]\s*")
_COUNT_RE = re.compile(r"^([0-9]{1,9})\s")


# A long table repeats a few period texts in thousands of rows; the result is immutable.
@lru_cache(maxsize=4096)
def parse_period_text(text: str) -> tuple[dt.date, dt.date, Precision] | None:
    """Start, end and precision of a Dutch period such as '1 december 2017 – 30 juni 2018', 'van 1
    januari 2017 tot 31 december 2018', 'maart 2018', 'op 1 oktober 2019' or 'in 2021' (a year:
    January to December, to the month). A period that ends before it starts is not read."""
    body = _LEAD_RE.sub("", text.strip().rstrip(".,;:"))
    body = _FROM_UNTIL_RE.sub(r"\1 – \2", body)
    year = _YEAR_RE.match(body)
    if year:
        number = int(year.group(1))
        return (dt.date(number, 1, 1), dt.date(number, 12, 31), Precision.MONTH) if number >= dt.MINYEAR else None
    parts = [part.strip().lower() for part in _DASH_RE.split(body)]
    if not 1 <= len(parts) <= 2:
        return None
    matches = [_DATE_RE.match(part) for part in parts]
    if not all(matches) or any(m.group(2) not in MONTHS_NL for m in matches if m):
        return None
    days = [m.group(1) for m in matches if m]
    if any(days) and not all(days):
        return None
    first, last = matches[0], matches[-1]
    assert first is not None and last is not None
    try:
        start = dt.date(int(first.group(3)), MONTHS_NL[first.group(2)], int(first.group(1) or 1))
        end_year, end_month = int(last.group(3)), MONTHS_NL[last.group(2)]
        end_day = int(last.group(1)) if last.group(1) else calendar.monthrange(end_year, end_month)[1]
        end = dt.date(end_year, end_month, end_day)
    except ValueError:
        return None
    if end < start:
        return None
    return start, end, Precision.DAY if all(days) else Precision.MONTH


def leading_count(text: str | None) -> int | None:
    match = _COUNT_RE.match(text or "")
    return int(match.group(1)) if match else None
