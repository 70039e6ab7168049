"""The columns of a table of an answer: the role of each from its header's words, and how a line
of a delimited table (cells separated by ' | ') or a stream table's header divides into them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sebrief.draft.lines import Line
from sebrief.draft.structure import Column, ColumnRole

DELIMITER = " | "
DELIMITER_RE = re.compile(r"\s+\|\s+")

_ROLE_WORDS = {
    ColumnRole.DESCRIPTION: "omschrijving beschrijving titel onderwerp opdracht opdrachten project projecten studie "
    "studies naam voorwerp thema initiatief activiteit",
    ColumnRole.PERIOD: "looptijd periode duur termijn datum data jaar uitvoeringstermijn timing startdatum einddatum",
    ColumnRole.BENEFICIARY: "begunstigde begunstigden opdrachtnemer opdrachtnemers uitvoerder leverancier contractant "
    "studiebureau studiebureaus partner ontvanger ontvangers dienstverlener bureau",
    ColumnRole.AMOUNT: "bedrag bedragen totaal kostprijs kost kosten budget prijs subsidiebedrag waarde raming",
    ColumnRole.PROCEDURE: "procedure plaatsingsprocedure gunningsprocedure gunningswijze aanbestedingsprocedure",
}
ROLE_OF_WORD = {word: role for role, words in _ROLE_WORDS.items() for word in words.split()}
_ROLE_PRIORITY = (
    ColumnRole.PROCEDURE,
    ColumnRole.BENEFICIARY,
    ColumnRole.AMOUNT,
    ColumnRole.PERIOD,
    ColumnRole.DESCRIPTION,
)


def word_role(word: str) -> ColumnRole | None:
    return ROLE_OF_WORD.get(re.sub(r"\W", "", word.lower().replace("(n)", "n")))


def cell_role(text: str) -> ColumnRole:
    roles = {word_role(word) for word in text.split()}
    return next((role for role in _ROLE_PRIORITY if role in roles), ColumnRole.OTHER)


def looks_like_header(text: str) -> bool:
    """A stream table's header line: mostly column names of at least two roles, not a sentence."""
    words = text.split()
    if not 2 <= len(words) <= 10 or text.rstrip().endswith((".", ":", ";", "?")) or re.search(r"\d", text):
        return False
    roles = [word_role(word) for word in words]
    known = [role for role in roles if role is not None]
    return len(set(known)) >= 2 and len(known) * 2 >= len(words)


def is_delimited(text: str) -> bool:
    return len(DELIMITER_RE.findall(f" {text.strip()} ")) >= 1 and text.count("|") >= 1


def delimited_cells(line: Line) -> list[str]:
    return [cell.strip() for cell in line.text.split("|")]


def stream_columns(header: str) -> tuple[Column, ...]:
    """Columns of a stream header: a word of a new role starts a column, other words join the last."""
    columns: list[tuple[ColumnRole, list[str]]] = []
    for word in header.split():
        role = word_role(word)
        if role is not None and (not columns or columns[-1][0] is not role):
            columns.append((role, [word]))
        elif columns:
            columns[-1][1].append(word)
        else:
            columns.append((ColumnRole.OTHER, [word]))
    return tuple(Column(role, " ".join(words)) for role, words in columns)


def column_at(columns: Sequence[Column], role: ColumnRole) -> int | None:
    """The index of the first column of ``role``, if there is one."""
    return next((i for i, column in enumerate(columns) if column.role is role), None)
