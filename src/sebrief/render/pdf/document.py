"""The brief's HTML laid out as an archival PDF: PDF/A-3a, tagged, with its files embedded.

The output depends only on its inputs: creation and modification dates come from the
timestamp (through the HTML's dcterms meta tags and the attachments' dates), the PDF's /ID is
a digest of its content, and the fonts are stamped with the timestamp too (see
``source_date``), so the same brief gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pydyf  # type: ignore[import-untyped]  # ships no type hints
import weasyprint
import weasyprint.document

from sebrief.errors import OutputError
from sebrief.render import Attachment, Packed
from sebrief.render.pdf.embed import pack
from sebrief.render.pdf.fetcher import TemplateFetcher

PDF_VARIANT = "pdf/a-3a"


ATTACHMENT_SCHEME = "sebrief-attachment"


def attachment_url(attachment: Attachment) -> str:
    """The URL the fetcher serves ``attachment`` under, with its media type, from memory: no copy
    of a large workbook or dataset is made on the way (as a data: URI would, in base64)."""
    return f"{ATTACHMENT_SCHEME}:{quote(attachment.filename)}"


def embedded_file(attachment: Attachment, fetcher: TemplateFetcher, timestamp: dt.datetime) -> weasyprint.Attachment:
    """One attachment for WeasyPrint, which reads a stand-in (see ``stand_in``); the fetcher gives
    its media type to the PDF, and ``_PutPacked`` then puts the packed file in the stand-in's place."""
    return weasyprint.Attachment(
        url=attachment_url(attachment),
        url_fetcher=fetcher,
        name=attachment.filename,
        description=attachment.description,
        created=timestamp,
        modified=timestamp,
        relationship=attachment.relationship,
    )


def stand_in(attachment: Attachment, index: int) -> bytes:
    """What WeasyPrint embeds for an attachment until the packed file replaces it: distinct per
    attachment, since WeasyPrint tells the attachments apart by the MD5 of what it read."""
    return f"sebrief attachment {index}: {attachment.filename}".encode()


def packed(attachment: Attachment) -> Packed:
    return attachment.data if isinstance(attachment.data, Packed) else pack(attachment.data)


class _PackedStream(pydyf.Stream):  # type: ignore[misc]  # pydyf ships no type hints
    """An embedded file's stream, its bytes compressed already (pydyf would compress them each
    time it reads the stream: once for the file identifier's digest, once to write it)."""

    def __init__(self, original: pydyf.Stream, packed: Packed) -> None:
        super().__init__(extra=original.extra, compress=True)
        self.number, self.offset, self.generation, self.free = (
            original.number, original.offset, original.generation, original.free)  # fmt: skip
        self.deflated = packed.deflated
        params = self.extra["Params"]
        params["CheckSum"] = f"<{packed.md5}>"
        params["Size"] = packed.size

    @property
    def data(self) -> bytes:
        extra = pydyf.Dictionary(self.extra.copy())
        extra["Filter"] = "/FlateDecode"
        extra["Length"] = len(self.deflated)
        return b"\n".join((extra.data, b"stream", self.deflated, b"endstream"))


class _OnceStream(pydyf.Stream):  # type: ignore[misc]
    """A stream whose bytes are made (and compressed) once: pydyf makes every object's bytes twice,
    to write it and for the file identifier's digest."""

    @property
    def data(self) -> bytes:
        made: bytes | None = self.__dict__.get("_made")
        if made is None:
            made = self.__dict__["_made"] = pydyf.Stream.data.fget(self)
        return made


class _OnceDictionary(pydyf.Dictionary):  # type: ignore[misc]
    """A dictionary whose bytes are made once (see ``_OnceStream``)."""

    @property
    def data(self) -> bytes:
        made: bytes | None = self.__dict__.get("_made")
        if made is None:
            made = self.__dict__["_made"] = pydyf.Dictionary.data.fget(self)
        return made


_ONCE = {pydyf.Stream: _OnceStream, pydyf.Dictionary: _OnceDictionary}


class _PutPacked:
    """WeasyPrint's finisher: each stand-in's stream replaced by its packed file, and every other
    stream and dictionary made into bytes once (nothing changes them once the finisher runs)."""

    def __init__(self, listed: Sequence[Attachment], arriving: Callable[[], Sequence[Attachment]] | None) -> None:
        self.listed = listed
        self.arriving = arriving

    def __call__(self, document: weasyprint.document.Document, pdf: pydyf.PDF) -> None:
        files = self.arriving() if self.arriving is not None else self.listed
        if [a.filename for a in files] != [a.filename for a in self.listed]:
            raise ValueError("the attachments that came are not the ones the brief lists")
        # By the CheckSum of each stand-in, as WeasyPrint wrote it.
        by_stand_in = {f"<{md5(stand_in(a, index))}>": packed(a) for index, a in enumerate(files)}
        placed = 0
        for index, item in enumerate(pdf.objects):
            if isinstance(item, pydyf.Stream) and item.extra.get("Type") == "/EmbeddedFile":
                packed_file = by_stand_in.get(str(item.extra["Params"]["CheckSum"]))
                if packed_file is not None:
                    pdf.objects[index] = _PackedStream(item, packed_file)
                    placed += 1
                    continue
            once = _ONCE.get(type(item))
            if once is not None:
                item.__class__ = once
        if placed != len(files):
            raise RuntimeError(f"{len(files) - placed} of the PDF's attachments could not be embedded")


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


@contextmanager
def source_date(timestamp: dt.datetime) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to ``timestamp`` while WeasyPrint writes the PDF.

    Without HarfBuzz's subsetter, WeasyPrint subsets fonts with fontTools, which writes the
    current time into each font's 'head' table unless SOURCE_DATE_EPOCH is set. The variable is
    process-wide: two renders with different timestamps must not run in parallel threads.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(timestamp.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


# Collections of the middle generation between two full collections of the cycle collector while
# WeasyPrint works: 10 by default (a full collection per 70,000 allocations that last). Its boxes
# are many small objects that live until the PDF is written, and every full collection scanned them
# all again, with every other object of the process: about 0.2 of the bundled brief's 2.5 CPU
# seconds in a fresh process, 0.3 in a process that has rendered before (its heap holds every
# library). At 100, a tenth of that. The young collections are left as they are: spacing them out
# too (10,000 allocations instead of 700) saved as much but raised the peak memory of a process
# rendering brief after brief by a fifth; this does not.
LAYOUT_FULL_COLLECTIONS = 100
_collector_lock = threading.Lock()
_collector_depth = 0
_collector_thresholds = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The cycle collector's full collections spaced out while a brief is laid out and written.

    Garbage in cycles is still freed, by the younger collections as before. Process-wide like the
    collector: with renders in several threads, the thresholds come back when the last one ends.
    """
    global _collector_depth, _collector_thresholds
    with _collector_lock:
        if _collector_depth == 0:
            _collector_thresholds = gc.get_threshold()
            young, middle, full = _collector_thresholds
            gc.set_threshold(young, middle, max(full, LAYOUT_FULL_COLLECTIONS))
        _collector_depth += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_depth -= 1
            if _collector_depth == 0:
                gc.set_threshold(*_collector_thresholds)


class LayoutError(OutputError):
    """WeasyPrint could not lay the brief out: a limit of the layout engine, or of memory."""


def lay_out(
    html: str, *, folders: Sequence[Path], charts: Callable[[], Mapping[str, bytes]] | None = None
) -> weasyprint.document.Document:
    """The brief's HTML laid out in pages, ready to be written (the costly part of a render).

    ``charts`` gives the charts the HTML names by URL (``sebrief-chart:N``), as SVG; it is called
    when the layout first needs one.

    The HTML is ours and has been rendered already: an error here is the layout engine's, and is
    reported as such (the workbook, made apart, still holds every figure), never as a crash.
    """
    fetcher = TemplateFetcher(folders, charts=charts)
    document = weasyprint.HTML(string=html, base_url=fetcher.base_url, url_fetcher=fetcher)
    try:
        with fewer_collections():
            return document.render(pdf_variant=PDF_VARIANT)
    except MemoryError as error:
        raise LayoutError(
            "the brief is too large to lay out in the memory available; build the workbook alone "
            "(sebrief xlsx), which holds every row, or the brief without --full-listing"
        ) from error
    except Exception as error:
        raise LayoutError(
            f"WeasyPrint could not lay the brief out ({type(error).__name__}{': ' if str(error) else ''}{error}); "
            "the workbook (sebrief xlsx) still holds every figure. Please report this with the dataset."
        ) from error


def write_document(
    document: weasyprint.document.Document,
    *,
    folders: Sequence[Path],
    attachments: Sequence[Attachment],
    timestamp: dt.datetime,
    arriving: Callable[[], Sequence[Attachment]] | None = None,
) -> bytes:
    """A laid-out brief as PDF/A-3a bytes with ``attachments`` embedded.

    With ``arriving``, ``attachments`` only name the files (their bytes may be empty) and
    ``arriving()`` gives the same files with their bytes once the pages are drawn and the fonts
    subset: the PDF is mostly made while the files are still being made elsewhere.
    """
    stand_ins = [stand_in(attachment, index) for index, attachment in enumerate(attachments)]
    fetcher = TemplateFetcher(
        folders, {attachment_url(a): (data, a.media_type) for a, data in zip(attachments, stand_ins, strict=True)}
    )
    finisher = _PutPacked(attachments, arriving)
    with source_date(timestamp), warnings.catch_warnings(), fewer_collections():
        # WeasyPrint opens its sRGB output-intent profile for PDF/A and never closes the file.
        warnings.filterwarnings("ignore", r"unclosed file .*sRGB2014\.icc", ResourceWarning)
        pdf = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            attachments=[embedded_file(a, fetcher, timestamp) for a in attachments],
            finisher=finisher,
        )
    assert isinstance(pdf, bytes)
    return pdf


def pdf_document(
    html: str,
    *,
    folders: Sequence[Path],
    attachments: Sequence[Attachment],
    timestamp: dt.datetime,
) -> bytes:
    laid_out = lay_out(html, folders=folders)
    return write_document(laid_out, folders=folders, attachments=attachments, timestamp=timestamp)
