"""pydantic's errors as messages that say what is wrong and how to fix it, and where they stand
(the path of the field, the line of dataset.yaml); an error of a kind the loader does not expect
keeps pydantic's own English words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from sebrief.dataset.fields import AMOUNT_HINT, NotAnAmount, not_an_amount, shorten
from sebrief.dataset.reading import YamlPath
from sebrief.errors import Message


def line_of(loc: YamlPath, lines: dict[YamlPath, int]) -> int:
    for end in range(len(loc), -1, -1):
        for path in (loc[:end], (*loc[: end - 1], str(loc[end - 1])) if end else ()):
            if path in lines:
                return lines[path]
    return 1


def dotted(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def relevant(error: ValidationError) -> list[Any]:
    """The errors to report: pydantic adds "too short" to a list whose items failed, drop that."""
    return [
        detail
        for detail in error.errors()
        if not (
            detail["type"] == "too_short"
            and isinstance(detail.get("input"), (list, tuple))
            and len(detail["input"]) >= (detail.get("ctx") or {}).get("min_length", 0)
        )
    ]


def error_loc(detail: Any) -> YamlPath:
    """Where a validation error is: its loc, or for a rule on a whole object, the field it names."""
    loc = tuple(detail["loc"])
    field = (detail.get("ctx") or {}).get("field")
    return (*loc, field) if isinstance(field, str) else loc


# What each constrained kind of string looks like, by field name, for pattern mismatches.
_PATTERN_HINTS = {
    "id": Message(
        "an id starts with a letter or digit and holds only letters, digits, '.', '_' and '-', e.g. R01 or A1.2"
    ),
    "file": Message("name a .txt file in the dataset folder, e.g. source.txt"),
    "session_year": Message("write two consecutive years, like 2017-2018"),
    "url": Message("write a full https:// address"),
}
_DATASET_ID_HINT = Message("a dataset id holds lowercase letters, digits and '-', e.g. sv-221-2017-2018")
_ENUM_RE = re.compile(r"<\w+\.\w+: ('[^']*')>")
_OR_RE = re.compile(r"^(.*) or ('[^']*')$")


def describe(detail: Any, field: str, name: str = "", amount_hint: Message | None = None) -> Message:
    """A message for one pydantic error: what is wrong, and how to fix it.

    ``field`` is the dotted path shown before the message (empty for a CSV cell); ``name`` is the
    field or column name, for hints (by default the last part of ``field``); ``amount_hint`` says
    how to write an amount where it is written otherwise than in dataset.yaml.
    """
    text = _error_text(detail, field, name, amount_hint or AMOUNT_HINT)
    return Message("{field}: {text}", field=field, text=text) if field else text


def _error_text(detail: Any, field: str, name: str, amount_hint: Message) -> Message:
    kind = str(detail["type"])
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    got = show(value)
    if kind in ("value_error", "assertion_error", "rule"):
        error = ctx.get("error")
        if isinstance(error, NotAnAmount):
            return not_an_amount(error.got, amount_hint)
        said = ctx.get("said") if kind == "rule" else getattr(error, "said", None)
        if isinstance(said, Message):
            return said
        return Message("{message}", message=str(detail["msg"]).removeprefix("Value error, "))
    if kind == "missing":
        return Message("required field is missing; add it")
    if kind == "extra_forbidden":
        return Message("unknown field; remove it or correct its name (`sebrief schema` lists the fields)")
    if kind == "invalid_key":
        return Message("the key {got} is not a field name; field names are text (`sebrief schema` lists them)", got=got)
    if value is None or kind == "string_too_short":
        return Message("is empty; fill it in")
    if kind in ("enum", "literal_error"):
        listed = _ENUM_RE.sub(r"\1", str(ctx.get("expected", "")))
        alternatives = _OR_RE.fullmatch(listed)
        expected: Message | str = listed
        if alternatives:
            expected = Message("{first} or {last}", first=alternatives.group(1), last=alternatives.group(2))
        return Message("{got} is not allowed; use {expected}", got=got, expected=expected)
    if kind.startswith("date"):
        return Message("{got} is not a date; write it as YYYY-MM-DD (for example 2018-01-19)", got=got)
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return Message("{got} is not a whole number; write digits only (for example 14)", got=got)
    if kind in ("decimal_parsing", "decimal_type", "finite_number"):
        return not_an_amount(got, amount_hint)
    if kind == "decimal_max_places":
        return Message(
            "{got} has more than {places} decimals; amounts are exact to the cent ({hint})",
            got=got,
            places=ctx.get("decimal_places", 2),
            hint=amount_hint,
        )
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return Message(
            "{got} has more than {digits} digits; check the amount", got=got, digits=ctx.get("max_digits", 15)
        )
    if kind == "greater_than_equal":
        minimum = ctx.get("ge")
        if minimum == 0:
            return Message("{got} is negative; it must be 0 or more", got=got)
        return Message("{got} is less than {minimum}; use {minimum} or more", got=got, minimum=str(minimum))
    if kind == "less_than_equal":
        return Message("{got} is more than {maximum}; use at most {maximum}", got=got, maximum=str(ctx.get("le")))
    if kind == "string_too_long":
        return Message("is longer than {limit} characters; shorten it", limit=ctx.get("max_length"))
    if kind == "too_short":
        return Message.plural(
            "needs at least {count} item; add it", "needs at least {count} items; add them", ctx.get("min_length", 1)
        )
    if kind == "string_pattern_mismatch":
        name = name or field.rsplit(".", 1)[-1]
        hint: Message = (
            _DATASET_ID_HINT
            if field == "id"
            else _PATTERN_HINTS.get(name, Message("it must match {pattern}", pattern=str(ctx.get("pattern"))))
        )
        return Message("{got} is not allowed here; {hint}", got=got, hint=hint)
    if kind == "string_type":
        return Message("should be text, not {got}; put it in quotes", got=got)
    if kind in ("tuple_type", "list_type"):
        return Message("should be a list, like [a, b], not {got}", got=got)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Message("should be a mapping of fields (key: value), not {got}", got=got)
    # A kind of error the loader does not expect: pydantic's own words, in English.
    return Message("{message} (got {got})", message=str(detail["msg"]), got=got)


def show(value: Any) -> Message | str:
    if isinstance(value, dict):
        return Message("a mapping")
    if isinstance(value, (list, tuple)):
        return Message("a list")
    return shorten(repr(value))


def kind_of(value: Any) -> Message:
    """What a YAML document holds instead of a mapping."""
    if isinstance(value, list):
        return Message("a list")
    if isinstance(value, str):
        return Message("a single text")
    return Message("a {type}", type=type(value).__name__)
