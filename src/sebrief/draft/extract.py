"""The text of a published question and answer: a PDF's text layer, a Word document (.docx), a web
page (HTML) or a UTF-8 text file. Word and HTML are read by ``sebrief.draft.documents``.

A PDF is read with pdfplumber (pdfminer.six underneath), page by page, top to bottom: one line of
text per printed line, a blank line where a paragraph ends (a gap wider than the line spacing)
and a form feed between pages. Tables become one line per row with their cells separated by
' | ', the shape ``sebrief.draft.tables`` reads as *delimited*:

- a table with ruling lines is found from its lines (pdfplumber's ``find_tables``);
- a table without is found from its header line (column names such as 'Omschrijving',
  'Looptijd', 'Begunstigde', 'Bedrag'): the header's words give the columns' left edges, the
  lines below that fit those columns are the table (not a line of running text that goes from one
  column into the next with a mere space), and a gap wider than the line spacing between two
  lines starts a new row. It goes on at the top of the next page while the lines
  fit the same columns.

A cell's lines are joined with one space, and a word hyphenated at a line end is joined, the
way quotes are compared.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sebrief.draft.documents import DocumentText, docx_text, html_text, looks_like_html
from sebrief.draft.layout_table import delimit_layout
from sebrief.draft.lines import join
from sebrief.draft.table_columns import DELIMITER, looks_like_header, word_role
from sebrief.errors import ExitCode, Message, SebriefError

if TYPE_CHECKING:
    from pdfplumber.page import Page

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"


class SourceError(SebriefError):
    """The source document could not be read: not a PDF or text, encrypted, no text layer; its
    message is put in the language of the command that reports it."""

    exit_code = ExitCode.INVALID_DATASET

    def __init__(self, path: Path, message: Message):
        self.path = path
        self.message = message
        super().__init__(f"{path.name}: {message.text()}")

    def describe(self, lang: str = "en") -> str:
        from sebrief.i18n import Translator

        return f"{self.path.name}: {self.message.text(Translator(lang))}"

    def report(self, lang: str = "en") -> str:
        from sebrief.i18n import Translator

        return Translator(lang)("error: {text}", text=self.describe(lang))


def extract_text(path: str | Path) -> str:
    """The text of ``path``: a PDF through its text layer, a .docx or HTML page read by its
    paragraphs and tables, any other file as UTF-8 text."""
    return read_document(path).text


def read_document(path: str | Path) -> DocumentText:
    """The text of ``path`` (as ``extract_text``) and what could not be read from it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, Message("no such file; check the path")) from None
    except OSError as error:
        raise SourceError(path, Message("cannot be read ({error}); check its permissions",
                                        error=error.strerror or str(error))) from None  # fmt: skip
    if PDF_MAGIC in data[:1024]:
        return DocumentText(_pdf_text(path))
    if data[:4] == ZIP_MAGIC:
        if b"word/document.xml" not in data and path.suffix.lower() != ".docx":
            raise SourceError(
                path, Message("is a ZIP file but not a Word document; give the answer as .docx, PDF or text")
            )
        try:
            return docx_text(data)
        except ValueError as error:
            unread = Message("is not a Word document that can be read ({error})", error=str(error))
            raise SourceError(path, unread) from None
    if path.suffix.lower() == ".pdf":
        raise SourceError(
            path, Message("is not a PDF (it has no PDF header); give the published PDF or its text as .txt")
        )
    if b"\x00" in data[:4096]:
        raise SourceError(
            path,
            Message(
                "is neither a PDF nor a text file (nor a Word .docx or a web page); give the published PDF, the "
                ".docx (save an old .doc as .docx) or its text as UTF-8 .txt"
            ),
        )
    if looks_like_html(data) or (path.suffix.lower() in (".html", ".htm") and b"<" in data[:4096]):
        return html_text(data)
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise SourceError(
            path,
            Message("is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8 and try again", byte=error.start),
        ) from None
    text, tables = delimit_layout(text)
    notes = []
    if tables:
        notes.append(Message.plural(
            "{count} table laid out in columns (as pdftotext -layout writes them) rewritten one row a line, cells "
            "separated by ' | ': source.txt holds that text, check the cells",
            "{count} tables laid out in columns (as pdftotext -layout writes them) rewritten one row a line, cells "
            "separated by ' | ': source.txt holds that text, check the cells",
            tables,
        ))  # fmt: skip
    return DocumentText(text, notes)


_ENCRYPTED = Message(
    "is an encrypted PDF that cannot be read without its password; save an unencrypted copy "
    "(e.g. qpdf --decrypt --password=... in.pdf out.pdf) and try again"
)


def _pdf_text(path: Path) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path, unicode_norm="NFC") as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise SourceError(path, _ENCRYPTED) from None
        raise SourceError(path, Message("is a damaged PDF that cannot be read ({error})", error=str(cause))) from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceError(path, _ENCRYPTED) from None
    if not any(line.strip() for page in pages for line in page):
        raise SourceError(
            path, Message("has no text layer (a scanned document?): run OCR first (e.g. ocrmypdf) and try again")
        )
    return "\n\f\n".join("\n".join(page) for page in pages) + "\n"


# --- one page ----------------------------------------------------------------------------------------


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class _VisualLine:
    words: list[_Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in sorted(self.words, key=lambda w: w.x0))


@dataclass
class _Item:
    """A printed line of running text, or a table (its rows as text lines), at its height on the page."""

    top: float
    bottom: float
    lines: list[str]
    table: bool = False


def _words(page: Page) -> list[_Word]:
    return [
        _Word(str(w["text"]), float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
    ]


def _visual_lines(words: Sequence[_Word]) -> list[_VisualLine]:
    lines: list[_VisualLine] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines and abs(lines[-1].words[0].top - word.top) <= 2.0:
            lines[-1].words.append(word)
        else:
            lines.append(_VisualLine([word]))
    return lines


def _cell_text(fragments: Sequence[str]) -> str:
    return join((i, fragment) for i, fragment in enumerate(fragments)).text


def _row_line(cells: Sequence[str]) -> str:
    return DELIMITER.join(cell.replace("|", "/") for cell in cells)


def _ruled_tables(page: Page) -> list[_Item]:
    """Tables drawn with ruling lines. A row that a page break cuts has no closing line: the lowest
    end of the vertical rules closes it (and the highest opens a row continued from the page before)."""
    verticals = [edge for edge in page.edges if edge["orientation"] == "v"]
    settings: dict[str, Any] = {}
    if verticals:
        ends = {round(float(edge["bottom"]), 1) for edge in verticals} | {
            round(float(edge["top"]), 1) for edge in verticals
        }
        settings["explicit_horizontal_lines"] = [min(ends), max(ends)]
    items = []
    for table in page.find_tables(settings):
        rows = []
        for row in table.extract():
            cells = [_cell_text((cell or "").split("\n")) for cell in row]
            if any(cells):
                rows.append(_row_line(cells))
        if len(rows) >= 1 and len(table.rows[0].cells) >= 2:
            _, top, _, bottom = table.bbox
            items.append(_Item(float(top), float(bottom), rows, table=True))
    return items


@dataclass
class _Columns:
    starts: list[float]  # left edge of each column

    def column_of(self, word: _Word, tolerance: float) -> int | None:
        """The column a word stands in, None when it reaches into the next column."""
        index = max((i for i, start in enumerate(self.starts) if word.x0 >= start - tolerance), default=0)
        if index + 1 < len(self.starts) and word.x1 > self.starts[index + 1] + tolerance:
            return None
        return index


def _header_columns(line: _VisualLine, height: float) -> _Columns:
    starts: list[float] = []
    previous_role = None
    previous_end = None
    for word in sorted(line.words, key=lambda w: w.x0):
        role = word_role(word.text)
        wide_gap = previous_end is not None and word.x0 - previous_end > 1.5 * height
        if not starts or wide_gap or (role is not None and role is not previous_role):
            starts.append(word.x0)
            previous_role = role
        previous_end = word.x1
    return _Columns(starts)


def _row_groups(lines: Sequence[_VisualLine], height: float) -> list[list[_VisualLine]]:
    """Visual lines grouped into table rows: a gap wider than the line spacing starts a row."""
    groups: list[list[_VisualLine]] = []
    for line in lines:
        if not groups or line.top - groups[-1][-1].top > 1.45 * height:
            groups.append([])
        groups[-1].append(line)
    return groups


def _cells(group: Sequence[_VisualLine], columns: _Columns, height: float) -> list[str]:
    cells: list[list[str]] = [[] for _ in columns.starts]
    for line in group:
        for word in sorted(line.words, key=lambda w: w.x0):
            cells[columns.column_of(word, height / 2) or 0].append(word.text)
    return [_cell_text(cell) for cell in cells]


def _running_text(line: _VisualLine, columns: _Columns, height: float) -> bool:
    """Whether a line below a table is running text whose words happen to fit the columns: it goes
    from one column into the next with no more than a space between the words."""
    words = sorted(line.words, key=lambda w: w.x0)
    gaps = [
        word.x0 - before.x1
        for before, word in itertools.pairwise(words)
        if columns.column_of(word, height / 2) != columns.column_of(before, height / 2)
    ]
    return bool(gaps) and max(gaps) < 0.6 * height


def _unruled_tables(lines: Sequence[_VisualLine]) -> tuple[list[_Item], set[int]]:
    """Tables without ruling lines, found from their header line, and the indexes of their lines."""
    if not lines:
        return [], set()
    height = statistics.median(w.bottom - w.top for line in lines for w in line.words)
    items: list[_Item] = []
    used: set[int] = set()
    index = 0
    while index < len(lines):
        if not looks_like_header(lines[index].text):
            index += 1
            continue
        columns = _header_columns(lines[index], height)
        if len(columns.starts) < 2:
            index += 1
            continue
        end = index + 1
        while end < len(lines):
            line = lines[end]
            if line.top - lines[end - 1].bottom > 2.5 * height:
                break
            if any(columns.column_of(word, height / 2) is None for word in line.words):
                break
            if _running_text(line, columns, height):
                break
            end += 1
        groups = _row_groups(lines[index:end], height)
        rows = [_cells(group, columns, height) for group in groups]
        # a last row with only its first cell filled is running text below the table
        while len(rows) > 1 and not any(rows[-1][1:]):
            end -= len(groups.pop())
            rows.pop()
        if len(rows) < 2:
            index += 1
            continue
        items.append(_Item(lines[index].top, lines[end - 1].bottom, [_row_line(row) for row in rows], table=True))
        used.update(range(index, end))
        index = end
    return items, used


def _page_lines(page: Page) -> list[str]:
    ruled = _ruled_tables(page)
    rest: Any = page
    for item in ruled:
        rest = rest.outside_bbox((0, item.top - 0.5, page.width, item.bottom + 0.5))
    visual = _visual_lines(_words(rest))
    unruled, used = _unruled_tables(visual)
    items = ruled + unruled
    items += [_Item(line.top, line.bottom, [line.text]) for i, line in enumerate(visual) if i not in used]
    items.sort(key=lambda item: item.top)
    heights = [item.bottom - item.top for item in items if not item.table]
    height = statistics.median(heights) if heights else 10.0
    out: list[str] = []
    previous: _Item | None = None
    for item in items:
        if previous is not None and (item.table or previous.table or item.top - previous.bottom > 0.45 * height):
            out.append("")
        out.extend(item.lines)
        previous = item
    return out
