"""Table rows built directly from their records when they are plainly well-formed.

Validating each row of a long table with pydantic costs more than reading its file. A record whose
every cell is plainly what its column takes (an id of letters and digits, a known status, an
amount of digits with at most two decimals, complete periods and notes, rows that keep the rules
of ``Row``) makes the very row validation would make, built here without it. Anything else (a cell
in doubt, a rule broken, a column out of the ordinary) gives None, and the loader validates the
record in full: so every problem is found, and said, by the one validation there is.

Records come in batches and are checked a column at a time: a long table repeats most of its
values (a few kinds, statuses and periods, a thousand suppliers), so each distinct value is judged
once, and the work on a column is done by the interpreter's own loops (``set``, ``map``) rather
than a step of Python per cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal
from itertools import compress, filterfalse
from typing import Any, cast

from sebrief.dataset.fields import Basis, Localized, Period, RowStatus, VatBasis, shared_fields_set
from sebrief.dataset.model import Row, TableBlock
from sebrief.dataset.table_rows import ROW_FIELDS, rows_from_columns

__all__ = ["DirectRows"]

_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")  # the ``Identifier`` type, in ASCII
_COUNT = re.compile(r"[1-9][0-9]{0,17}")
# At most 13 whole digits and 2 decimals: an ``Amount`` of at most 15 digits, without leading zeros.
_AMOUNT = re.compile(r"(?:0|[1-9][0-9]{0,12})(?:\.[0-9]{1,2})?")
MAX_TEXT = 5000  # the longest ``Text`` and ``Quote``
_STATUS = {status.value: status for status in RowStatus}
_VAT = {basis.value: basis for basis in VatBasis}
_BASIS = {Basis.STATED.value: Basis.STATED, Basis.INFERRED.value: Basis.INFERRED}
_COLUMNS = (
    "id", "kind", "description", "description_source", "period_start", "period_end", "period_precision",
    "period_text", "status", "beneficiary", "beneficiary_count", "amount", "amount_text", "vat_basis", "vat_text",
    "procedure", "source_ref", "note_nl", "note_en",
)  # fmt: skip
assert tuple(Localized.model_fields) == ("nl", "en"), "direct notes out of step with Localized"

_new = object.__new__
_set = object.__setattr__
_identifier = _IDENTIFIER.fullmatch
_count = _COUNT.fullmatch
_amount = _AMOUNT.fullmatch
_AWARDED, _IN_HOUSE = RowStatus.AWARDED, RowStatus.IN_HOUSE
# Each of those patterns matching every line of a text: a column's distinct cells judged in one pass.
_EVERY: dict[Callable[[str], object], Callable[[str], object]] = {
    plain: re.compile(f"(?:{pattern.pattern})(?:\n(?:{pattern.pattern}))*").fullmatch
    for plain, pattern in ((_identifier, _IDENTIFIER), (_count, _COUNT), (_amount, _AMOUNT))
}


class DirectRows:
    """Builds the rows of one table from its records, or says (None) that one needs validating."""

    def __init__(self, table: TableBlock, valid_period: Callable[[str | None, str | None, str | None], Period | None]):
        self.table = table
        self.valid_period = valid_period
        self.groupings = tuple(table.groupings)
        self.columns = frozenset((*_COLUMNS, *self.groupings, *(f"{g}_basis" for g in self.groupings)))
        reserved = {*_COLUMNS, *ROW_FIELDS}
        # A grouping named like a column or a field is left to the validation, as is a table whose id
        # or period would not pass it again.
        self.usable = (
            not any(g in reserved or f"{g}_basis" in reserved for g in self.groupings)
            and _IDENTIFIER.fullmatch(table.id) is not None
            and (table.period is None or table.period_text is not None)
        )
        self.note_fields = shared_fields_set(("nl", "en"))
        # One object for each value a table repeats (kinds, periods, suppliers, words for VAT, notes,
        # grouping values and their combinations): a row holds the table's, not a copy of its own.
        self.shared: dict[Hashable, Any] = {}

    def build(self, record: dict[str, str]) -> Row | None:
        """The row of ``record``, as validating it would make it; None when it needs validating."""
        return self.build_batch(tuple(record), [list(record.values())])[0]

    def build_batch(self, names: Sequence[str], records: Sequence[Sequence[str]]) -> list[Row | None]:
        """The rows of ``records`` (their values in the order of ``names``), as validating each would
        make it; None for each record that needs validating."""
        made = self.columns_batch(names, records)
        return [None] * len(records) if made is None else rows_from_columns(*made)

    def columns_batch(
        self, names: Sequence[str], records: Sequence[Sequence[str]]
    ) -> tuple[dict[str, list[Any]], bytearray] | None:
        """The fields of the rows of ``records`` (their values in the order of ``names``), a column
        for each field of ``Row``, as validating each record would make them, and a mark (1) for each
        record that needs validating (its values in the columns are then not to be used); None when
        every record needs it."""
        count = len(records)
        if not count or not self.usable or not set(names) <= self.columns or len(set(names)) != len(names):
            return None
        raw = dict(zip(names, zip(*records, strict=True), strict=True))
        bad = bytearray(count)  # 1: the record needs validating
        absent = [None] * count
        column = {name: self._stripped(bad, cells, name not in _OWN) for name, cells in raw.items()}.get

        def cells(name: str) -> list[Any]:
            return column(name) or absent

        ids, kinds, descriptions, refs = cells("id"), cells("kind"), cells("description"), cells("source_ref")
        for values in (ids, kinds, descriptions, refs):  # required
            if None in values:
                _mark(bad, (value is None for value in values))
        for values in (ids, kinds):
            _check(bad, values, _identifier)
        statuses, vat_bases = self._mapped(bad, cells("status"), _STATUS), self._mapped(bad, cells("vat_basis"), _VAT)
        periods, texts, from_table = self._periods(bad, cells)
        notes = self._notes(bad, cells("note_nl"), cells("note_en"))
        groupings, bases = self._groupings(bad, cells, count)
        numbers = self._converted(bad, cells("beneficiary_count"), _count, int)
        amounts = self._converted(bad, cells("amount"), _amount, Decimal)
        beneficiaries, words = cells("beneficiary"), cells("amount_text")
        # The rules of ``Row._check_status``: a row that breaks one is validated, which says which.
        for index, (status, amount, beneficiary, number, word, period, text) in enumerate(
            zip(statuses, amounts, beneficiaries, numbers, words, periods, texts, strict=True)
        ):
            if status is _AWARDED:
                flaw = amount is None or beneficiary is None
            elif status is _IN_HOUSE:
                flaw = amount is not None
            else:
                flaw = amount is not None or beneficiary is not None or number is not None
            if flaw or (amount is not None and word is None) or (period is not None and text is None):
                bad[index] = 1
        fields = {
            "id": ids,
            "table": [self.table.id] * count,
            "kind": kinds,
            "description": descriptions,
            "description_source": cells("description_source"),
            "period": periods,
            "period_text": texts,
            "status": statuses,
            "beneficiary": beneficiaries,
            "beneficiary_count": numbers,
            "amount": amounts,
            "amount_text": words,
            "vat_basis": vat_bases,
            "vat_text": cells("vat_text"),
            "procedure": cells("procedure"),
            "groupings": groupings,
            "grouping_basis": bases,
            "source_ref": refs,
            "note": notes,
            "period_from_table": from_table,
        }
        return fields, bad

    def _stripped(self, bad: bytearray, cells: Sequence[str], repeated: bool) -> list[str | None]:
        """The cells of a column stripped, an empty one None; in a column of values a table repeats,
        each is the table's one string for it. A record with a cell longer than a text may be is marked
        (stripping never makes a cell longer)."""
        if not repeated:
            if max(map(len, cells)) > MAX_TEXT:
                _mark(bad, (len(cell) > MAX_TEXT for cell in cells))
            stripped: list[str | None] = list(map(str.strip, cells))
            return [cell or None for cell in stripped] if "" in stripped else stripped
        distinct = set(cells)
        if max(map(len, distinct)) > MAX_TEXT:
            _mark(bad, (len(cell) > MAX_TEXT for cell in cells))
        shared = self.shared.setdefault
        table = {cell: (text if (text := cell.strip()) == "" else shared(text, text)) or None for cell in distinct}
        return list(map(table.__getitem__, cells))

    def _mapped(self, bad: bytearray, cells: list[Any], values: dict[str, Any]) -> list[Any]:
        """The cells as the column's values (a status, a VAT basis); a record with another is marked."""
        mapped = list(map(values.get, cells))
        if None in mapped:
            _mark(bad, (value is None for value in mapped))
        return mapped

    def _converted(
        self, bad: bytearray, cells: list[str | None], plain: Callable[[str], object], convert: Callable[[str], Any]
    ) -> list[Any]:
        """An optional column's cells converted (a count, an amount) where they are plainly well-formed;
        a record with another is marked."""
        wrong = _check(bad, cells, plain)
        if all(cell is None for cell in cells):
            return cells
        return [None if cell is None or cell in wrong else convert(cell) for cell in cells]

    def _periods(self, bad: bytearray, cells: Callable[[str], list[Any]]) -> tuple[list[Any], list[Any], list[bool]]:
        """The period of each record, its words, and whether they are the table's."""
        count = len(bad)
        texts = cells("period_text")
        triples = list(zip(cells("period_start"), cells("period_end"), cells("period_precision"), strict=True))
        periods: dict[tuple[Any, ...], Period | None] = {}
        for start, end, precision in set(triples):
            if start is None and end is None and precision is None:
                periods[start, end, precision] = None
            elif start is None or end is None or precision is None:
                periods[start, end, precision] = _BAD
            else:
                periods[start, end, precision] = self.valid_period(start, end, precision) or _BAD
        row_periods = list(map(periods.__getitem__, triples))
        if _BAD in periods.values():
            _mark(bad, (period is _BAD for period in row_periods))
        table = self.table
        if table.period is None or all(row_periods):  # (a period is never false, None is)
            return row_periods, texts, [False] * count
        own, texts, from_table = row_periods, list(texts), [False] * count
        for index, (period, text) in enumerate(zip(own, texts, strict=True)):
            if period is None and text is None:
                own[index], texts[index], from_table[index] = table.period, table.period_text, True
        return own, texts, from_table

    def _notes(self, bad: bytearray, dutch: list[str | None], english: list[str | None]) -> list[Localized | None]:
        """The note of each record, one for each distinct pair of texts."""
        pairs = list(zip(dutch, english, strict=True))
        notes: dict[tuple[str | None, str | None], Localized | None] = {}
        for nl, en in set(pairs):
            if nl is None and en is None:
                notes[nl, en] = None
            elif nl is None or en is None:
                notes[nl, en] = _BAD
            else:
                note = _new(Localized)
                _set(note, "__dict__", {"nl": nl, "en": en})
                _set(note, "__pydantic_fields_set__", self.note_fields)
                _set(note, "__pydantic_extra__", None)
                _set(note, "__pydantic_private__", None)
                notes[nl, en] = self.shared.setdefault(("note", nl, en), note)
        row_notes = list(map(notes.__getitem__, pairs))
        if _BAD in notes.values():
            _mark(bad, (note is _BAD for note in row_notes))
        return row_notes

    def _groupings(
        self, bad: bytearray, cells: Callable[[str], list[Any]], count: int
    ) -> tuple[list[dict[str, tuple[str, ...]]], list[dict[str, Basis]]]:
        """The grouping values and their bases of each record: one dict for each distinct combination."""
        if not self.groupings:
            empty: dict[Any, Any] = self.shared.setdefault(("groupings",), {})
            return [empty] * count, [empty] * count
        shared = self.shared.setdefault
        values: list[list[Any]] = []
        bases: list[list[Any]] = []
        for grouping in self.groupings:
            parsed: dict[str | None, Any] = {}
            column = cells(grouping)
            for raw in set(column):
                parsed[raw] = None if raw is None else _grouping_values(raw, shared)
            values.append(row_values := list(map(parsed.__getitem__, column)))
            if _BAD in parsed.values():
                _mark(bad, (value is _BAD for value in row_values))
            basis_column = cells(f"{grouping}_basis")
            judged = {raw: None if raw is None else _BASIS.get(raw, _BAD) for raw in set(basis_column)}
            bases.append(row_bases := list(map(judged.__getitem__, basis_column)))
            if _BAD in judged.values():
                _mark(bad, (basis is _BAD for basis in row_bases))
        return self._combined(values), self._combined(bases)

    def _combined(self, columns: list[list[Any]]) -> list[dict[str, Any]]:
        """One dict of the groupings that have a value, for each distinct combination of the columns."""
        combined: dict[tuple[Any, ...], dict[str, Any]] = {}
        groupings, shared = self.groupings, self.shared.setdefault
        for combination in set(zip(*columns, strict=True)):
            items = {g: v for g, v in zip(groupings, combination, strict=True) if v is not None and v is not _BAD}
            combined[combination] = shared(("combination", *items.items()), items)
        return list(map(combined.__getitem__, zip(*columns, strict=True)))


# The columns of values of a row's own (the rest are values a table repeats: kinds, periods, suppliers...).
_OWN = frozenset(("id", "description", "amount", "amount_text", "source_ref"))
_BAD: Any = object()  # a value that cannot be built directly


def _mark(bad: bytearray, flaws: Iterable[bool]) -> None:
    """Mark the records a column finds wrong."""
    for index in compress(range(len(bad)), flaws):
        bad[index] = 1


def _check(bad: bytearray, cells: list[str | None], plain: Callable[[str], object]) -> set[str]:
    """Mark the records whose cell (not None) is not plainly well-formed; those cells."""
    distinct = set(cells)
    distinct.discard(None)
    every = _EVERY.get(plain)
    if every is not None and distinct:
        # All at once, as one text of a cell a line (a cell with a line break of its own is judged alone).
        joined = "\n".join(cast(set[str], distinct))
        if joined.count("\n") == len(distinct) - 1 and every(joined):
            return set()
    wrong = set(filterfalse(plain, cast(set[str], distinct)))
    if wrong:
        _mark(bad, (cell in wrong for cell in cells))
    return wrong


def _grouping_values(raw: str, shared: Callable[[str, str], str]) -> tuple[str, ...] | Any:
    """The values of a grouping cell ("1;4"), or _BAD."""
    if ";" in raw:
        parts = tuple(part.strip() for part in raw.split(";") if part.strip())
        if not all(_identifier(part) for part in parts):
            return _BAD
        return tuple(shared(part, part) for part in parts)
    return (shared(raw, raw),) if _identifier(raw) else _BAD
