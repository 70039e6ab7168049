"""Saving the workbook as reproducible bytes: fixed dates, document properties, cached results.

openpyxl stamps the current time into docProps/core.xml and every zip entry; here both come
from the build timestamp, so the same dataset gives a byte-identical file. Formula cells get
the value the analysis computed as their cached result, for readers that do not recalculate.
The rows of the tables (``StreamedRows``) go into their sheets as the file is written, a chunk at
a time: the rows' XML is never held whole in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from sebrief.render.xlsx.writer import CachedValue, StreamedRows

APP_PROPERTIES = "docProps/app.xml"
ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest date a zip entry can carry
# A formula cell without its result; the formula may be an array formula (<f t="array" ref="...">).
FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f((?: [^>]*)?)>(.*?)</f>(?:<v\s*/>|<v></v>)</c>', re.DOTALL)
ROW_ELEMENT = re.compile(rb'<row r="([0-9]+)"')
ROW_BYTES = 4096  # an upper estimate of one streamed row's XML, to decide on ZIP64 before writing


def naive_utc(timestamp: dt.datetime) -> dt.datetime:
    if timestamp.tzinfo is not None:
        timestamp = timestamp.astimezone(dt.UTC).replace(tzinfo=None)
    return timestamp


def save(
    workbook: Workbook,
    timestamp: dt.datetime,
    cached: dict[tuple[str, str], CachedValue],
    streams: Iterable[StreamedRows] = (),
    company: str | None = None,
) -> bytes:
    """The workbook as xlsx bytes that depend on its content and ``timestamp`` only; ``company``
    (a house style's organisation) goes into the extended properties, where spreadsheets show it."""
    when = naive_utc(timestamp)
    workbook.properties.created = workbook.properties.modified = when
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which would stamp the current time as 'modified'.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    sheets = {ws.path.lstrip("/"): ws.title for ws in workbook.worksheets}
    streamed = {stream.sheet: stream for stream in streams}
    out = io.BytesIO()
    date_time = zip_date(max(when, ZIP_EPOCH))
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = entry_info(entry.filename, date_time)
            data = source.read(entry)
            if entry.filename == APP_PROPERTIES and company:
                data = with_company(data, company)
            title = sheets.get(entry.filename)
            if title is not None:
                data = with_cached(data, title, cached)
            stream = streamed.get(title) if title is not None else None
            if stream is None:
                target.writestr(info, data)
                continue
            head, tail = split_after_row(data, stream.after_row)
            info.file_size = len(head) + len(tail) + stream.rows * ROW_BYTES  # corrected when written
            with target.open(info, "w") as sheet:
                sheet.write(head)
                for chunk in stream.chunks():
                    sheet.write(chunk)
                sheet.write(tail)
    return out.getvalue()


def with_company(xml: bytes, company: str) -> bytes:
    """The extended properties with the organisation as their Company (openpyxl writes none)."""
    element = b"<Company>%s</Company>" % escape(company).encode("utf-8")
    return xml.replace(b"</Properties>", element + b"</Properties>", 1)


def zip_date(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def entry_info(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and the same attributes whatever the machine."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def split_after_row(xml: bytes, row: int) -> tuple[bytes, bytes]:
    """A sheet's XML cut where rows after ``row`` begin: before the first later row, or at the end
    of the sheet's data."""
    for match in ROW_ELEMENT.finditer(xml):
        if int(match.group(1)) > row:
            return xml[: match.start()], xml[match.start() :]
    end = xml.index(b"</sheetData>")
    return xml[:end], xml[end:]


def with_cached(xml: bytes, sheet: str, cached: dict[tuple[str, str], CachedValue]) -> bytes:
    """Writes each formula's known result into its empty <v> element."""

    def fill(match: re.Match[bytes]) -> bytes:
        coordinate, attributes, kind, formula = match.group(1), match.group(2), match.group(3), match.group(4)
        value = cached.get((sheet, coordinate.decode()))
        if value is None:
            return match.group(0)
        if isinstance(value, str):
            attributes += b' t="str"'
            text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        else:
            text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return b'<c r="%s"%s><f%s>%s</f><v>%s</v></c>' % (coordinate, attributes, kind, formula, text.encode())

    return FORMULA_CELL.sub(fill, xml)
