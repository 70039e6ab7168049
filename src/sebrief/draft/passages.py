"""The running text of a question or an answer as passages: paragraphs, the sentence that leads a
list in, and list items ('1.', '1°', 'a)', '-') with their depth.

Lines are first gathered into blocks (``text_blocks``): a list marker at a line start begins an
item; a blank line begins a paragraph only after a sentence end and before a line that does not
start in lower case, because the text layer of a PDF also has blank lines inside sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sebrief.draft.lines import Joined, Line, join
from sebrief.draft.structure import Located, Passage, PassageKind

MARKER_RE = re.compile(
    r"^\s*(?P<marker>(?P<num>\d{1,2})[.)]|(?P<deg>\d{1,2})°|(?P<alpha>[a-z])\)|(?P<dash>[-–•▪·*]))(?:\s+|$)"
)
RANGE_MARKER_RE = re.compile(
    r"^\s*(?P<marker>(?:vraag\s+)?(?P<a>\d{1,2})\s*(?:en|tot(?:\s+en\s+met)?|t\.e\.m\.|[-–,])\s*(?P<b>\d{1,2})"
    r"\s*[.):])(?:\s+|$)",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.?!][\"”’)]?\s+(?=[A-ZÀ-Ý0-9‘“\"'(])")


@dataclass
class Block:
    """Lines that belong together: a paragraph or a list item, with its marker."""

    marker: str | None
    kind: str | None  # 'num', 'deg', 'alpha', 'dash' or None
    number: int | None
    letter: str | None
    line: int  # where the block starts
    pieces: list[tuple[int, str]] = field(default_factory=list)
    range_to: int | None = None
    before_table: bool = False

    def joined(self) -> Joined:
        return join(self.pieces)


def located(joined: Joined) -> Located:
    return Located(joined.text, joined.first_line, joined.last_line)


def _marker_of(text: str) -> tuple[str | None, str | None, int | None, str | None, int | None, str]:
    ranged = RANGE_MARKER_RE.match(text)
    if ranged:
        return ranged.group("marker"), "num", int(ranged.group("a")), None, int(ranged.group("b")), text[ranged.end() :]
    match = MARKER_RE.match(text)
    if not match:
        return None, None, None, None, None, text
    rest = text[match.end() :]
    if match.group("num"):
        return match.group("marker"), "num", int(match.group("num")), None, None, rest
    if match.group("deg"):
        return match.group("marker"), "deg", int(match.group("deg")), None, None, rest
    if match.group("alpha"):
        return match.group("marker"), "alpha", None, match.group("alpha"), None, rest
    return match.group("marker"), "dash", None, None, None, rest


def text_blocks(lines: Sequence[Line | None]) -> list[Block]:
    """Paragraphs and list items. ``None`` in ``lines`` (a table) ends the block before it.

    A list marker at a line start begins an item; a blank line begins a paragraph only after a
    sentence end ('.', '?', '!', ':') and before a line that does not start in lower case: the
    text layer of a PDF also has blank lines inside sentences.
    """
    blocks: list[Block] = []
    blank = True
    broken = True
    for line in lines:
        if line is None:
            if blocks and not broken:
                blocks[-1].before_table = True
            broken = blank = True
            continue
        text = line.text.strip()
        if not text:
            blank = True
            continue
        marker, kind, number, letter, range_to, rest = _marker_of(text)
        previous = blocks[-1] if blocks and not broken else None
        # the block's last piece ends it (joining all its pieces on every line would take the square of its length)
        last = previous.pieces[-1][1].rstrip() if previous is not None and previous.pieces else ""
        ends_sentence = last.endswith((".", "?", "!", ":"))
        if marker is not None:
            pieces = [(line.number, rest)] if rest else []
            blocks.append(Block(marker, kind, number, letter, line.number, pieces, range_to))
        elif previous is None or (blank and ends_sentence and not text[0].islower()):
            blocks.append(Block(None, None, None, None, line.number, [(line.number, text)]))
        else:
            previous.pieces.append((line.number, text))
        blank = broken = False
    return blocks


def block_passages(blocks: Sequence[Block], part: str | None = None, first_plain: bool = False) -> list[Passage]:
    """Passages of blocks: list depth from the markers, the sentence ending in ':' before a list or table apart."""
    passages: list[Passage] = []
    open_lists: list[str] = []
    for i, block in enumerate(blocks):
        joined = block.joined()
        if not joined.text:
            continue
        if block.kind is None or (first_plain and i == 0):
            open_lists = []
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            introduces = block.before_table or (following is not None and following.kind is not None)
            passages.extend(_paragraph(joined, introduces, part))
            continue
        if block.kind in open_lists:
            del open_lists[open_lists.index(block.kind) + 1 :]
        else:
            open_lists.append(block.kind)
        passages.append(
            Passage(
                joined.text, joined.first_line, joined.last_line, PassageKind.ITEM, block.marker, len(open_lists), part
            )
        )
    return passages


def _paragraph(joined: Joined, introduces: bool, part: str | None) -> list[Passage]:
    """A paragraph; when it introduces a list or a table, its last sentence (ending in ':') apart as the lead."""
    if not (introduces and joined.text.endswith(":")):
        return [Passage(joined.text, joined.first_line, joined.last_line, part=part)]
    passages = []
    ends = list(_SENTENCE_END_RE.finditer(joined.text))
    if ends:
        cut = ends[-1].end()
        before = joined.slice(0, cut)
        passages.append(Passage(before.text, before.first_line, before.last_line, part=part))
        joined = joined.slice(cut, len(joined.text))
    passages.append(Passage(joined.text, joined.first_line, joined.last_line, PassageKind.LEAD, part=part))
    return passages
