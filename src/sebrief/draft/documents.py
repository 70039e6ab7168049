"""The text of an answer written in Word (.docx) or published as a web page (HTML).

Both are read into blocks, paragraphs and tables with their cells, and written as the text the
drafter reads and the quotes are checked against (``source.txt``): a paragraph on a line of its
own with a blank line after it, a table as one line per row with its cells separated by ' | '
(the *delimited* shape ``sebrief.draft.tables`` reads, as for a PDF's tables). A cell's
paragraphs and line breaks are joined with one space; a '|' in a cell is written '/'.

A Word paragraph of a numbered or bulleted list gets the marker Word shows before it ('1.', 'a)',
'-'; ``sebrief.draft.docx_numbering``) unless its text starts with one. HTML is read with the
standard library's parser: scripts, styles and the head are left out, character references
decoded, a list item gets the marker its list gives it ('1.', 'a)', '-'). Nothing is fetched. What
cannot be read as text (images, a table inside a table) is listed as a note, with where it stands.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO

from sebrief.draft.docx_numbering import Numbering
from sebrief.draft.passages import MARKER_RE, RANGE_MARKER_RE
from sebrief.draft.table_columns import DELIMITER
from sebrief.errors import Message

TableRows = list[list[str]]
Block = str | TableRows  # a paragraph's text, or a table's rows of cells


@dataclass
class DocumentText:
    """The text of a document and what could not be read from it."""

    text: str
    notes: list[Message] = field(default_factory=list)  # put in the user's language when shown


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def blocks_text(blocks: Iterable[Block]) -> str:
    """Paragraphs each on a line with a blank line after it; tables one row a line, cells ' | '."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            if block.strip():
                out += [_clean(block), ""]
            continue
        rows = [[_clean(cell).replace("|", "/") for cell in row] for row in block]
        rows = [row for row in rows if any(row)]
        if not rows:
            continue
        for row in rows:
            while len(row) > 1 and not row[-1]:  # no empty cells at the end of a row: the reader pads it
                row = row[:-1]
            out.append(DELIMITER.join(row))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- Word ----------------------------------------------------------------------------------------


def docx_text(data: bytes) -> DocumentText:
    """The paragraphs and tables of a .docx in document order (its body; headers and footers left out)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ValueError(str(error)) from None
    notes: list[Message] = []
    blocks: list[Block] = []
    numbering = Numbering(document)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            marker = numbering.marker(item)
            typed = MARKER_RE.match(item.text) or RANGE_MARKER_RE.match(item.text)
            blocks.append(f"{marker} {item.text}" if marker and item.text.strip() and not typed else item.text)
            if item._p.xpath(".//w:drawing | .//w:pict"):
                notes.append(Message("paragraph {paragraph}: an image or drawing is not read; copy what it shows by "
                                     "hand", paragraph=len(blocks)))  # fmt: skip
        elif isinstance(item, Table):
            blocks.append(_docx_rows(item, len(blocks) + 1, notes))
    return DocumentText(blocks_text(blocks), list(dict.fromkeys(notes)))


def _docx_rows(table: object, at: int, notes: list[Message]) -> TableRows:
    from docx.table import Table

    assert isinstance(table, Table)
    rows: TableRows = []
    above: list[object] = []  # the cells of the rows read: a cell merged down is given again below
    for row in table.rows:
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):  # merged across: its text in its first column only
                cells.append("")
                continue
            if any(cell._tc is other for other in above):  # merged down: its text in its first row only
                notes.append(Message("table {table}: a cell merged over several rows is read in its first row only; "
                                     "check the rows below it", table=at))  # fmt: skip
                cells.append("")
                continue
            seen.append(cell._tc)
            if cell.tables:
                notes.append(Message("table {table}: a table inside a cell is read as its text only", table=at))
            cells.append(" ".join(paragraph.text for paragraph in cell.paragraphs))
        above += seen
        rows.append(cells)
    return rows


# --- HTML ----------------------------------------------------------------------------------------

# left out: what is not text, and a site's navigation and footer around the question and answer
_SKIPPED = {"script", "style", "head", "noscript", "template", "svg", "button", "nav", "footer", "aside", "form"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "main", "blockquote",
           "pre", "dd", "dt", "dl", "figure", "figcaption", "address", "ul", "ol", "li", "br", "hr",
           "body"}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}


def _number(text: str | None) -> int:
    return min(int(text), 100) if text and text.strip().isdigit() and int(text) > 0 else 1


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and b"<body" in data[:65536].lower())


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.notes: list[Message] = []
        self.text: list[str] = []
        self.skip = 0
        self.lists: list[list[object]] = []  # per open list: [kind, next number]
        self.tables: list[TableRows] = []  # open tables (a table in a cell is read as text)
        self.cell: list[str] | None = None
        self.span = (1, 1)  # the open cell's colspan and rowspan
        self.spans: dict[int, int] = {}  # column -> rows below still covered by a cell above

    # paragraphs
    def _flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        if text.strip():
            self.blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += tag not in _VOID
            return
        if self.skip:
            return
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            described = f"'{alt}'" if alt else Message("no text")
            self.notes.append(Message("an image ({alt}) is not read; copy what it shows by hand", alt=described))
            return
        if tag == "table":
            if self.tables:
                self.notes.append(Message("a table inside a table cell is read as its text only"))
                self._text(" ")
            else:
                self._flush()
            self.tables.append([])
            return
        if self.tables and len(self.tables) == 1:
            if tag == "tr":
                if self.tables[0]:
                    self._fill_spans()
                self.tables[0].append([])
                return
            if tag in ("td", "th"):
                if not self.tables[0]:
                    self.tables[0].append([])
                self._fill_spans()
                attributes = dict(attrs)
                self.span = (_number(attributes.get("colspan")), _number(attributes.get("rowspan")))
                self.cell = []
                return
        if tag in ("ul", "ol"):
            attributes = dict(attrs)
            kind = "-" if tag == "ul" else (attributes.get("type") or "1")
            start = attributes.get("start") or "1"
            self.lists.append([kind, int(start) if start.isdigit() else 1])
        if tag in _BLOCKS:
            if self.cell is not None:
                self.cell.append(" ")
                return
            self._flush()
        if tag == "li" and self.lists and self.cell is None:
            self.text.append(self._marker() + " ")

    def _fill_spans(self) -> None:
        """Empty cells where a cell of a row above reaches down (rowspan)."""
        row = self.tables[0][-1]
        while self.spans.get(len(row), 0) > 0:
            self.spans[len(row)] -= 1
            row.append("")

    def _marker(self) -> str:
        kind, number = self.lists[-1]
        assert isinstance(number, int)
        self.lists[-1][1] = number + 1
        if kind == "-":
            return "-"
        if kind in ("a", "A"):
            letter = chr(ord("a") + (number - 1) % 26)
            return f"{letter if kind == 'a' else letter.upper()})"
        return f"{number}."

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table" and self.tables:
            table = self.tables.pop()
            if not self.tables:
                self.blocks.append(table)
                self.spans = {}
            return
        if self.tables and len(self.tables) == 1 and tag in ("td", "th") and self.cell is not None:
            row = self.tables[0][-1]
            across, down = self.span
            if down > 1:
                self.notes.append(Message("a cell that spans several rows (rowspan) is read in its first row only; "
                                          "check the rows below it"))  # fmt: skip
            for k in range(across):  # a cell over several columns: its text in the first, the others empty
                if down > 1:
                    self.spans[len(row)] = down - 1
                row.append("".join(self.cell) if k == 0 else "")
            self.cell = None
            return
        if self.tables and len(self.tables) == 1 and tag == "tr" and self.tables[0]:
            self._fill_spans()
            return
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS and self.cell is None and not self.tables:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._text(data)

    def _text(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif not self.tables:
            self.text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        while self.tables:
            self.blocks.append(self.tables.pop(0))


def html_text(data: bytes) -> DocumentText:
    """The paragraphs and tables of an HTML page (UTF-8, or the charset its head declares)."""
    reader = _read_html(data)
    return DocumentText(blocks_text(reader.blocks), list(dict.fromkeys(reader.notes)))


def html_blocks(data: bytes) -> list[Block]:
    """The paragraphs (a list item with its marker) and tables of an HTML page."""
    return _read_html(data).blocks


def _read_html(data: bytes) -> _Reader:
    reader = _Reader()
    reader.feed(_decode(data))
    reader.close()
    return reader


def _decode(data: bytes) -> str:
    declared = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    encodings: Sequence[str] = ["utf-8-sig"]
    if declared:
        encodings = [declared.group(1).decode("ascii").lower(), "utf-8-sig"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1252", errors="replace")
