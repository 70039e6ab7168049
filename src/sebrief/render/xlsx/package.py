"""Saving the workbook as reproducible bytes: fixed dates, document properties, cached results.

openpyxl stamps the current time into docProps/core.xml and every zip entry; here both come
from the build timestamp, so the same dataset gives a byte-identical file. Formula cells get
the value the analysis computed as their cached result, for readers that do not recalculate.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal

from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from sebrief.render.xlsx.writer import CachedValue

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest date a zip entry can carry
Transform = Callable[[str, bytes], bytes]
FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)</c>', re.DOTALL)


def naive_utc(timestamp: dt.datetime) -> dt.datetime:
    if timestamp.tzinfo is not None:
        timestamp = timestamp.astimezone(dt.UTC).replace(tzinfo=None)
    return timestamp


def save(workbook: Workbook, timestamp: dt.datetime, cached: dict[tuple[str, str], CachedValue]) -> bytes:
    """The workbook as xlsx bytes that depend on its content and ``timestamp`` only."""
    when = naive_utc(timestamp)
    workbook.properties.created = workbook.properties.modified = when
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which would stamp the current time as 'modified'.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    sheets = {ws.path.lstrip("/"): ws.title for ws in workbook.worksheets}

    def add_cached(name: str, data: bytes) -> bytes:
        return with_cached(data, sheets[name], cached) if name in sheets else data

    return rezip(raw.getvalue(), max(when, ZIP_EPOCH), add_cached)


def rezip(data: bytes, when: dt.datetime, transform: Transform) -> bytes:
    """The same entries in the same order, each with a fixed date and the same attributes."""
    out = io.BytesIO()
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, transform(entry.filename, source.read(entry)))
    return out.getvalue()


def with_cached(xml: bytes, sheet: str, cached: dict[tuple[str, str], CachedValue]) -> bytes:
    """Writes each formula's known result into its empty <v> element."""

    def fill(match: re.Match[bytes]) -> bytes:
        coordinate, attributes, formula = match.group(1), match.group(2), match.group(3)
        value = cached.get((sheet, coordinate.decode()))
        if value is None:
            return match.group(0)
        if isinstance(value, str):
            attributes += b' t="str"'
            text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        else:
            text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return b'<c r="%s"%s><f>%s</f><v>%s</v></c>' % (coordinate, attributes, formula, text.encode())

    return FORMULA_CELL.sub(fill, xml)
