"""Sheet names in the workbook's language, and the defined names formulas refer to.

Sheet names come from the message catalog or from the dataset (a part's number, a table's title,
a grouping's label); ``SheetNames`` makes each one valid (at most 31 characters, none of
``[]:*?/\\``, no apostrophe at either end) and unique, as Excel compares them: case-insensitively.
Defined names are identifiers, the same in every language, so that a formula reads the same
whichever language the workbook is in.
"""

from __future__ import annotations

import re

from sebrief.dataset.fields import shorten
from sebrief.i18n import _

# Sheet names from the catalog ("{part}" and "{grouping}" come from the dataset).
OVERVIEW = _("Overview")
CHANGES = _("Changes")
QUESTION = _("Question {part}")
BENEFICIARIES = _("Per beneficiary")
GROUPING = _("Per {grouping}")
TIMELINE = _("Timeline")
ATTENTION = _("Points of attention")
FOLLOW_UP = _("Follow-up questions")
METHOD = _("Sources and method")

# Defined names of cells every sheet may use.
VAT_RATE = "VAT_rate"
DATE_ASKED = "Date_asked"

MAX_SHEET_NAME = 31
FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
NOT_IN_IDENTIFIER = re.compile(r"[^A-Za-z0-9_.]")


def valid_sheet_name(wanted: str) -> str:
    """``wanted`` as a sheet name Excel accepts: forbidden characters become spaces, and a name too
    long is cut at a word (with "…")."""
    name = " ".join(FORBIDDEN_IN_SHEET_NAME.sub(" ", wanted).split()).strip("'").strip()
    return shorten(name, MAX_SHEET_NAME, at_word=True, strip=" '.,;-") or "-"


class SheetNames:
    """Hands out valid sheet names, each unique in the workbook."""

    def __init__(self) -> None:
        self._taken: set[str] = {"history"}  # Excel reserves "History"

    def add(self, wanted: str) -> str:
        base = valid_sheet_name(wanted)
        name, number = base, 1
        while name.casefold() in self._taken:
            number += 1
            suffix = f" ({number})"
            name = valid_sheet_name(base[: MAX_SHEET_NAME - len(suffix)].rstrip("…")) + suffix
        self._taken.add(name.casefold())
        return name


class Identifiers:
    """Hands out defined names and table names: letters, digits, '_' and '.', unique in the workbook.

    Each starts with a word of ours ("Rows_...") and holds an underscore, so none can be read as a
    cell reference.
    """

    def __init__(self) -> None:
        self._taken: set[str] = {VAT_RATE.casefold(), DATE_ASKED.casefold()}

    def add(self, prefix: str, text: str) -> str:
        base = f"{prefix}_{NOT_IN_IDENTIFIER.sub('_', text)}"[:200]
        name, number = base, 1
        while name.casefold() in self._taken:
            number += 1
            name = f"{base}_{number}"
        self._taken.add(name.casefold())
        return name


def lower_first(label: str) -> str:
    """A label inside a sentence or name: "Thema" -> "thema", but "BTW-code" stays as it is."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]
