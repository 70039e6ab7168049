"""A corpus report's workbook saved as reproducible bytes: fixed dates, and each formula's result
cached beside it (the figure of the report), for readers that do not recalculate."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

Cached = Decimal | int | str | bool
ZIP_EPOCH = dt.datetime(1980, 1, 1)
FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)</c>', re.DOTALL)


def save(workbook: Workbook, timestamp: dt.datetime, cached: dict[tuple[str, str], Cached]) -> bytes:
    """The workbook as xlsx bytes that depend on its content and ``timestamp`` only."""
    when = timestamp.astimezone(dt.UTC).replace(tzinfo=None) if timestamp.tzinfo else timestamp
    workbook.properties.created = workbook.properties.modified = when
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # not Workbook.save, which stamps the current time
    sheets = {sheet.path.lstrip("/"): sheet.title for sheet in workbook.worksheets}
    stamp = max(when, ZIP_EPOCH)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 0, 0
            data = source.read(entry)
            title = sheets.get(entry.filename)
            if title is not None:
                data = with_cached(data, title, cached)
            target.writestr(info, data)
    return out.getvalue()


def with_cached(xml: bytes, sheet: str, cached: dict[tuple[str, str], Cached]) -> bytes:
    """Each formula's known result written into its empty <v> element."""

    def fill(match: re.Match[bytes]) -> bytes:
        coordinate, attributes, formula = match.group(1), match.group(2), match.group(3)
        value = cached.get((sheet, coordinate.decode()))
        if value is None:
            return match.group(0)
        if isinstance(value, bool):
            attributes += b' t="b"'
            text = "1" if value else "0"
        elif isinstance(value, str):
            attributes += b' t="str"'
            text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        else:
            text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return b'<c r="%s"%s><f>%s</f><v>%s</v></c>' % (coordinate, attributes, formula, text.encode())

    return FORMULA_CELL.sub(fill, xml)
