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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

_YAML_PRINTABLE = re.compile(r"[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_YAML_BREAKS = re.compile(r"[\x85\u2028\u2029\ufeff]")
WIDTH = 104


@dataclass
class Entry:
    """One entry of a mapping (``key`` set) or of a sequence, with its comments."""

    key: str | None
    value: Any  # None, a scalar, Flow, or a list of Entry (a mapping when its entries have keys)
    comment: str | None = None  # on the entry's line
    above: tuple[str, ...] = ()  # comment lines before it
    below: tuple[str, ...] = ()  # comment lines after it (and after its children)


@dataclass
class Flow:
    """A short list of scalars written on one line: [a, b]."""

    items: list[Any]


def entry(key: str | None, value: Any, comment: str | None = None, **kwargs: Any) -> Entry:
    return Entry(key, value, comment, **kwargs)


def item(*entries: Entry, comment: str | None = None) -> Entry:
    """An item of a sequence that is a mapping of ``entries``."""
    return Entry(None, list(entries), comment)


def mapping(key: str, *entries: Entry) -> Entry:
    return Entry(key, list(entries))


def to_fill(key: str, value: Any, hint: str | None) -> Entry:
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


def _comment(text: str | None) -> str:
    return f"  # {text}" if text else ""


def _comment_lines(lines: Sequence[str], indent: int) -> list[str]:
    return [(" " * indent + f"# {line}").rstrip() if line else " " * indent + "#" for line in lines]


def _render_entries(entries: Sequence[Entry], indent: int) -> list[str]:
    out: list[str] = []
    for entry in entries:
        out.extend(_comment_lines(entry.above, indent))
        if entry.key is None:
            out.extend(_render_item(entry, indent))
        else:
            out.extend(_render_keyed(entry, indent))
        out.extend(_comment_lines(entry.below, indent))
    return out


def _render_keyed(entry: Entry, indent: int) -> list[str]:
    head = " " * indent + f"{entry.key}:"
    value = entry.value
    if isinstance(value, list):
        if not value:
            return [head + " []" + _comment(entry.comment)]
        nested = indent + 2 if value[0].key is not None else indent
        return [head + _comment(entry.comment), *_render_entries(value, nested)]
    text, block = _scalar_lines(value, indent + 2)
    return [(head + (f" {text}" if text else "") + _comment(entry.comment)).rstrip(), *block]


def _render_item(entry: Entry, indent: int) -> list[str]:
    value = entry.value
    if isinstance(value, list) and value and value[0].key is not None:
        assert not value[0].above, "the first entry of a sequence item carries no comment above it"
        lines = _render_entries(value, indent + 2)
        lines[0] = " " * indent + "- " + lines[0][indent + 2 :] + _comment(entry.comment)
        return lines
    text, block = _scalar_lines(value, indent + 2)
    return [(" " * indent + f"- {text}" + _comment(entry.comment)).rstrip(), *block]


def render_yaml(entries: Sequence[Entry], header: Sequence[str] = ()) -> str:
    return "\n".join([*_comment_lines(header, 0), *_render_entries(entries, 0)]) + "\n"


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
