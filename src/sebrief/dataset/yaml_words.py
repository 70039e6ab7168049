"""PyYAML's words for a syntax error in dataset.yaml, in the user's language where they are known
(``sebrief.dataset.reading`` says where the error is)."""

from __future__ import annotations

import re

from sebrief.errors import Message
from sebrief.i18n import _

__all__ = ["yaml_words"]

# PyYAML's words for the syntax errors met most, in the user's language; others stay in English.
_YAML_WORDS = {
    text: Message(text)
    for text in (
        _("mapping values are not allowed here"),
        _("found unexpected end of stream"),
        _("could not find expected ':'"),
        _("did not find expected key"),
        _("did not find expected '-' indicator"),
        _("found unexpected ':'"),
        _("syntax error"),
        _("while scanning a quoted scalar"),
        _("while scanning a simple key"),
        _("while scanning a plain scalar"),
        _("while scanning for the next token"),
        _("while parsing a block mapping"),
        _("while parsing a block collection"),
        _("while parsing a flow sequence"),
        _("while parsing a flow mapping"),
        _("while parsing a flow node"),
        _("while parsing a block node"),
    )
}


_YAML_TOKENS = {
    "'<stream end>'": Message("the end of the file"),
    "'<block end>'": Message("the end of a block"),
    "'<block mapping start>'": Message("the start of fields (key: value)"),
    "'<block sequence start>'": Message("the start of a list"),
    "'<scalar>'": Message("a value"),
}
_YAML_EXPECTED = re.compile(r"expected (.+?), but (?:found|got) (.+)")


def yaml_words(text: str) -> Message | str:
    """PyYAML's words for a syntax error, in the user's language where they are known."""
    expected = _YAML_EXPECTED.fullmatch(text)
    if expected is None:
        return _YAML_WORDS.get(text, text)
    wanted: Message | str = _YAML_TOKENS.get(expected.group(1), expected.group(1))
    alternatives = re.fullmatch(r"('[^']*') or ('[^']*')", expected.group(1))
    if alternatives:
        wanted = Message("{first} or {last}", first=alternatives.group(1), last=alternatives.group(2))
    found = _YAML_TOKENS.get(expected.group(2), expected.group(2))
    return Message("expected {expected}, but found {found}", expected=wanted, found=found)
