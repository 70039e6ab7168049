"""Amounts as Belgian texts write them, read exactly.

'275.342,98 euro', '9.835,6 €', '€ 12 500', 'EUR 40.000,00', '1,2 miljoen euro', '3 mio. euro',
'2,5 miljard', and amounts in Dutch words ('twaalfduizend vijfhonderd euro', 'anderhalf miljoen
euro'). The value is a ``Decimal``: no float ever touches it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

MAX_WHOLE_DIGITS = 13  # an amount has at most 15 digits, two of them cents (the dataset's Amount)
_CURRENCY = re.compile(r"(?i)(?:\beuros?\b|\beur\b|€)")
_SPACES_RE = re.compile(r"\s+")
_SEPARATORS_RE = re.compile(r"[ .\u00a0\u202f]")
_CENT = Decimal("0.01")
_SCALES = {
    "duizend": Decimal(1_000),
    "k": Decimal(1_000),
    "miljoen": Decimal(1_000_000),
    "mio": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "miljard": Decimal(1_000_000_000),
    "mld": Decimal(1_000_000_000),
}
# A number in digits the Belgian way: dots or spaces between thousands, a comma before the decimals.
# Any number of decimals: a figure ('14,5 VTE', '0,1234') or a scaled amount ('1,125 miljoen euro')
# may have more than two. That an amount in euro without a scale has at most two (cents) is a rule
# on its value, checked where an amount is read (``parse_amount_text``), not a rule of the pattern.
NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DIGITS_RE = re.compile(rf"^(?P<number>{NUMBER_PATTERN})(?:\s*(?P<scale>[a-z]+)\.?)?$")

_UNITS = {
    "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}  # fmt: skip
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
    "negentig": 90,
}  # fmt: skip


def parse_amount_text(text: str) -> Decimal | None:
    """The amount in ``text``, exactly, or None when it does not read as one amount."""
    body = _CURRENCY.sub(" ", text).strip().lower()
    body = _SPACES_RE.sub(" ", body).strip(" .")
    if not body:
        return None
    return _digits(body) if body[0].isdigit() else _words(body)


# An amount as most tables write it ('275.342,98 euro', '40.000 euro', '1500 euro'), which
# ``parse_amount_text`` reads as this number: read without its steps.
_PLAIN_AMOUNT_RE = re.compile(r"([0-9]{1,3}(?:\.[0-9]{3}){1,4}|[0-9]{1,13})(?:,([0-9]{1,2}))? euro")


def read_amount_text(text: str) -> Decimal | None:
    """``parse_amount_text(text)``, sooner for the amounts most tables write."""
    plain = _PLAIN_AMOUNT_RE.fullmatch(text)
    if plain is None:
        return parse_amount_text(text)
    whole, cents = plain.groups()
    value = Decimal(whole.replace(".", "") + ("." + cents if cents else ""))
    return value if value.adjusted() < MAX_WHOLE_DIGITS else parse_amount_text(text)


# A column of such amounts, one a line: each line one amount as ``_PLAIN_AMOUNT_RE`` reads it in full.
# Possessive: a line read is never read again, so the column is checked in one pass.
_PLAIN_AMOUNT_LINES_RE = re.compile(r"(?:(?:[0-9]{1,3}(?:\.[0-9]{3}){1,4}|[0-9]{1,13})(?:,[0-9]{1,2})? euro\n)*+")


def read_amount_texts(texts: Sequence[str]) -> list[Decimal | None]:
    """``[read_amount_text(text) for text in texts]``, sooner for a long table's column of amounts.

    The texts are taken a line each: a run of lines that are plain amounts (``_PLAIN_AMOUNT_RE``) is
    checked by one match and read by taking the thousands dots out and the decimal comma as a point,
    the very strings ``read_amount_text`` gives ``Decimal``, without a Python step per text; any
    other line is read by ``read_amount_text``."""
    lines = "\n".join(texts) + "\n"
    if lines.count("\n") != len(texts):  # a text of several lines: not a plain amount anyway
        return list(map(read_amount_text, texts))
    values: list[Decimal | None] = []
    at, end_of_lines = 0, len(lines) if texts else 0
    while at < end_of_lines:
        end = _PLAIN_AMOUNT_LINES_RE.match(lines, at).end()  # type: ignore[union-attr]  # (it matches "")
        if end > at:
            plain = lines[at : end - 1]
            read = list(map(Decimal, plain.replace(".", "").replace(",", ".").replace(" euro", "").split("\n")))
            if max(map(Decimal.adjusted, read)) >= MAX_WHOLE_DIGITS:  # past an amount: as read_amount_text says
                read = list(map(read_amount_text, plain.split("\n")))  # type: ignore[arg-type]
            values += read
        if end < end_of_lines:
            stop = lines.index("\n", end)
            values.append(read_amount_text(lines[end:stop]))
            end = stop + 1
        at = end
    return values


_QUANTITY_RE = re.compile(
    rf"(?<![\d.,])(?P<number>{NUMBER_PATTERN})(?![\d]|[.,]\d)(?:\s*(?P<scale>duizend|miljoen|mio|mln|miljard|mld)\b\.?)?",
    re.IGNORECASE,
)


def parse_quantity_text(text: str) -> Decimal | None:
    """The one number in a text that counts or measures something ('1.204 dossiers', '14,5 VTE',
    '12,5 %', '1,2 miljoen inwoners'), exactly; None when the text holds no number in digits, or
    several (then only a person can tell which one is the figure)."""
    matches = list(_QUANTITY_RE.finditer(text))
    if len(matches) != 1:
        return None
    number = _SEPARATORS_RE.sub("", matches[0].group("number")).replace(",", ".")
    scale = (matches[0].group("scale") or "").lower()
    return Decimal(number) * (_SCALES[scale] if scale else 1)


def _digits(body: str) -> Decimal | None:
    match = _DIGITS_RE.match(body)
    if not match:
        return None
    number = _SEPARATORS_RE.sub("", match.group("number")).replace(",", ".")
    scale = match.group("scale")
    if scale is not None and scale not in _SCALES:
        return None
    value = Decimal(number) * (_SCALES[scale] if scale else 1)
    if value.adjusted() >= MAX_WHOLE_DIGITS:  # past what a dataset's amount holds (and Decimal's precision)
        return None
    if scale is None and "," in match.group("number") and len(match.group("number").split(",")[1]) > 2:
        return None  # more than cents: not an amount in euro
    return value if value == value.quantize(_CENT) else None


def _words(body: str) -> Decimal | None:
    """Dutch number words, e.g. 'twaalfduizend vijfhonderd', 'anderhalf miljoen'."""
    return _word_number("".join(body.replace("-", " ").split()))


def _word_number(word: str) -> Decimal | None:
    if not word:
        return None
    for scale_word, scale in (("miljard", Decimal(10**9)), ("miljoen", Decimal(10**6)), ("duizend", Decimal(1000))):
        if scale_word in word:
            head, _, tail = word.partition(scale_word)
            high = Decimal(1) if not head else _below_thousand_or_half(head)
            low = Decimal(0) if not tail else _word_number(tail)
            if high is None or low is None:
                return None
            return high * scale + low
    below = _below_thousand(word)
    return Decimal(below) if below is not None else None


def _below_thousand_or_half(word: str) -> Decimal | None:
    if word == "anderhalf":
        return Decimal("1.5")
    value = _below_thousand(word)
    return Decimal(value) if value is not None else None


def _below_thousand(word: str) -> int | None:
    if "honderd" in word:
        head, _, tail = word.partition("honderd")
        hundreds = 1 if not head else _UNITS.get(head)
        rest = 0 if not tail else _below_hundred(tail)
        if hundreds is None or rest is None:
            return None
        return hundreds * 100 + rest
    return _below_hundred(word)


def _below_hundred(word: str) -> int | None:
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    for tens_word, tens in _TENS.items():
        if word.endswith(tens_word):
            head = word[: -len(tens_word)]
            for joiner in ("ën", "en"):
                if head.endswith(joiner) and head[: -len(joiner)] in _UNITS:
                    return tens + _UNITS[head[: -len(joiner)]]
    return None
