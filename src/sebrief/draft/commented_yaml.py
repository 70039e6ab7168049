"""A small YAML writer that keeps comments: the drafted dataset.yaml says, beside each field left
empty, what a person has to fill in.

A document is a list of ``Entry``: a key (or none, in a sequence), a value (a scalar, a ``Flow``
list on one line, or a list of entries: a mapping when they have keys) and comments on its line,
above it and below it. ``render_yaml`` writes the text; ``plain_data`` is what that text reads back
as. Long texts are written as folded blocks (``>-``) of at most 104 characters a line; a text that a
folded block would not give back unchanged is written quoted on one line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from sebrief.errors import Message

if TYPE_CHECKING:
    from sebrief.i18n import Translator

Comment = Message | str  # a Message is put in the reader's language (and a long one wrapped); a str is as it is

_YAML_PRINTABLE = re.compile(r"[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_YAML_BREAKS = re.compile(r"[\x85\u2028\u2029\ufeff]")
WIDTH = 104


@dataclass
class Entry:
    """One entry of a mapping (``key`` set) or of a sequence, with its comments."""

    key: str | None
    value: Any  # None, a scalar, Flow, or a list of Entry (a mapping when its entries have keys)
    comment: Comment | None = None  # on the entry's line
    above: tuple[Comment, ...] = ()  # comment lines before it
    below: tuple[Comment, ...] = ()  # comment lines after it (and after its children)


@dataclass
class Flow:
    """A short list of scalars written on one line: [a, b]."""

    items: list[Any]


def entry(key: str | None, value: Any, comment: Comment | None = None, **kwargs: Any) -> Entry:
    return Entry(key, value, comment, **kwargs)


def item(*entries: Entry, comment: Comment | None = None) -> Entry:
    """An item of a sequence that is a mapping of ``entries``."""
    return Entry(None, list(entries), comment)


def mapping(key: str, *entries: Entry) -> Entry:
    return Entry(key, list(entries))


def to_fill(key: str, value: Any, hint: Comment | None) -> Entry:
    """A field with its value, or left empty with a comment saying what to fill in."""
    return Entry(key, value or None, None if value else hint)


def _one_line(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Flow):
        if not value.items:
            return "[]"
        plain = not any(isinstance(item, str) and _YAML_BREAKS.search(item) for item in value.items)
        return yaml.safe_dump(value.items, allow_unicode=plain, width=1_000_000, default_flow_style=True).strip()
    text = str(value)
    # Characters YAML reads as line breaks or a byte-order mark are written escaped, so they read back.
    dumped = yaml.safe_dump(text, allow_unicode=not _YAML_BREAKS.search(text), width=1_000_000)
    dumped = dumped.removesuffix("\n...\n").rstrip("\n")
    if "\n" in dumped:
        return json.dumps(text, ensure_ascii=False)
    return dumped


def _foldable(text: str) -> bool:
    """A text that reads back the same from a folded block (>-): single spaces, printable, no '#' issues."""
    return (
        len(text) > 90
        and text == text.strip()
        and "  " not in text
        and not re.search(r"[\t\n\r\x85\u2028\u2029\ufeff]", text)
        and _YAML_PRINTABLE.fullmatch(text) is not None
    )


def _scalar_lines(value: Any, indent: int, width: int = WIDTH) -> tuple[str, list[str]]:
    """The scalar after 'key:' and the lines of a folded block below it, if any."""
    if isinstance(value, str) and _foldable(value):
        lines: list[str] = []
        current = ""
        for word in value.split(" "):
            if current and indent + len(current) + 1 + len(word) > width:
                lines.append(" " * indent + current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        lines.append(" " * indent + current)
        return ">-", lines
    return _one_line(value), []


class _Writer:
    """Writes entries as YAML text, their comments in the language of ``t`` (in English without one)."""

    def __init__(self, t: Translator | None) -> None:
        self.t = t

    def comment(self, text: Comment | None) -> str:
        shown = self.text(text)
        return f"  # {shown}" if shown else ""

    def text(self, text: Comment | None) -> str:
        return text.text(self.t) if isinstance(text, Message) else text or ""

    def comment_lines(self, lines: Sequence[Comment], indent: int) -> list[str]:
        out: list[str] = []
        for line in lines:
            texts = [self.text(line)]
            if isinstance(line, Message):  # prose: wrapped to the width, whatever the language's words
                width = WIDTH - indent - 2
                texts = textwrap.wrap(texts[0], width, break_on_hyphens=False, break_long_words=False) or [""]
            out += [(" " * indent + f"# {text}").rstrip() if text else " " * indent + "#" for text in texts]
        return out

    def entries(self, entries: Sequence[Entry], indent: int) -> list[str]:
        out: list[str] = []
        for entry in entries:
            out.extend(self.comment_lines(entry.above, indent))
            if entry.key is None:
                out.extend(self.item(entry, indent))
            else:
                out.extend(self.keyed(entry, indent))
            out.extend(self.comment_lines(entry.below, indent))
        return out

    def keyed(self, entry: Entry, indent: int) -> list[str]:
        head = " " * indent + f"{entry.key}:"
        value = entry.value
        if isinstance(value, list):
            if not value:
                return [head + " []" + self.comment(entry.comment)]
            nested = indent + 2 if value[0].key is not None else indent
            return [head + self.comment(entry.comment), *self.entries(value, nested)]
        text, block = _scalar_lines(value, indent + 2)
        return [(head + (f" {text}" if text else "") + self.comment(entry.comment)).rstrip(), *block]

    def item(self, entry: Entry, indent: int) -> list[str]:
        value = entry.value
        if isinstance(value, list) and value and value[0].key is not None:
            assert not value[0].above, "the first entry of a sequence item carries no comment above it"
            lines = self.entries(value, indent + 2)
            lines[0] = " " * indent + "- " + lines[0][indent + 2 :] + self.comment(entry.comment)
            return lines
        text, block = _scalar_lines(value, indent + 2)
        return [(" " * indent + f"- {text}" + self.comment(entry.comment)).rstrip(), *block]


def render_yaml(entries: Sequence[Entry], header: Sequence[Comment] = (), t: Translator | None = None) -> str:
    """The YAML text of ``entries`` after the comment lines ``header``, comments in the language of ``t``."""
    writer = _Writer(t)
    return "\n".join([*writer.comment_lines(header, 0), *writer.entries(entries, 0)]) + "\n"


def plain_data(entries: Sequence[Entry]) -> Any:
    """What the entries read back as (the value yaml.safe_load gives for the rendered text)."""

    def value_of(value: Any) -> Any:
        if isinstance(value, Flow):
            return list(value.items)
        if isinstance(value, list):
            if value and value[0].key is not None:
                return {e.key: value_of(e.value) for e in value}
            return [value_of(e.value) for e in value]
        return value

    return value_of(list(entries))
