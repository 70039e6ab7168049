"""Zip packages (docx, odt) as reproducible bytes: fixed entry dates and attributes, in a fixed order.

A zip entry carries the time it was written; here every entry gets the build timestamp instead
(``SOURCE_DATE_EPOCH`` or the date the question was asked), so the same dataset gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest date a zip entry can carry


def zip_date(timestamp: dt.datetime) -> tuple[int, int, int, int, int, int]:
    when = timestamp.astimezone(dt.UTC).replace(tzinfo=None) if timestamp.tzinfo else timestamp
    when = max(when, ZIP_EPOCH)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def packed(entries: Iterable[tuple[str, bytes]], timestamp: dt.datetime, stored: frozenset[str] = frozenset()) -> bytes:
    """The entries as a zip, in their order, each dated ``timestamp``; ``stored`` ones uncompressed
    (an ODF package's ``mimetype`` must be)."""
    date_time = zip_date(timestamp)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data)
    return out.getvalue()


def repacked(data: bytes, timestamp: dt.datetime) -> bytes:
    """A zip package written by a library, with its entries in their order and dated ``timestamp``."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(entry.filename, source.read(entry)) for entry in source.infolist()]
    return packed(entries, timestamp)
