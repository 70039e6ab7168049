"""Table rows built directly from their records when they are plainly well-formed.

Validating each row of a long table with pydantic costs more than reading its file. A record whose
every cell is plainly what its column takes (an id of letters and digits, a known status, an
amount of digits with at most two decimals, complete periods and notes, rows that keep the rules
of ``Row``) makes the very row validation would make, built here without it. Anything else (a cell
in doubt, a rule broken, a column out of the ordinary) gives None, and the loader validates the
record in full: so every problem is found, and said, by the one validation there is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from sebrief.dataset.fields import Basis, Localized, Period, RowStatus, VatBasis, shared_fields_set
from sebrief.dataset.model import Row, TableBlock

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
_ROW_FIELDS = (
    "id", "table", "kind", "description", "description_source", "period", "period_text", "status", "beneficiary",
    "beneficiary_count", "amount", "amount_text", "vat_basis", "vat_text", "procedure", "groupings",
    "grouping_basis", "source_ref", "note", "period_from_table",
)  # fmt: skip
assert tuple(Row.model_fields) == _ROW_FIELDS, "direct rows out of step with Row"
assert tuple(Localized.model_fields) == ("nl", "en"), "direct notes out of step with Localized"

_new = object.__new__
_set = object.__setattr__
_identifier = _IDENTIFIER.fullmatch
_count = _COUNT.fullmatch
_amount = _AMOUNT.fullmatch
_AWARDED, _IN_HOUSE = RowStatus.AWARDED, RowStatus.IN_HOUSE


class DirectRows:
    """Builds the rows of one table from its records, or says (None) that one needs validating."""

    def __init__(self, table: TableBlock, valid_period: Callable[[str | None, str | None, str | None], Period | None]):
        self.table = table
        self.valid_period = valid_period
        self.groupings = tuple(table.groupings)
        self.grouping_columns = tuple((grouping, f"{grouping}_basis") for grouping in self.groupings)
        self.columns = frozenset((*_COLUMNS, *self.groupings, *(f"{g}_basis" for g in self.groupings)))
        reserved = {*_COLUMNS, *_ROW_FIELDS}
        # A grouping named like a column or a field is left to the validation, as is a table whose id
        # or period would not pass it again.
        self.usable = (
            not any(g in reserved or f"{g}_basis" in reserved for g in self.groupings)
            and _IDENTIFIER.fullmatch(table.id) is not None
            and (table.period is None or table.period_text is not None)
        )
        self.row_fields = shared_fields_set(_ROW_FIELDS)
        # One string for each value a table repeats (kinds, periods, suppliers, words for VAT, grouping
        # values): a row holds the table's, not a copy from its own line (as validation's rows do).
        self.shared: dict[str, str] = {}
        self.note_fields = shared_fields_set(("nl", "en"))

    def build(self, record: dict[str, str]) -> Row | None:
        """The row of ``record``, as validating it would make it; None when it needs validating."""
        if not self.usable or not record.keys() <= self.columns:
            return None
        cells = record.values()
        # No cell longer than a text may be (a cell is never longer than it was before stripping); the
        # cells' total length says so at once for almost every record.
        if len("".join(cells)) > MAX_TEXT and max(map(len, cells)) > MAX_TEXT:
            return None
        values = {column: (raw.strip() or None) for column, raw in record.items()}
        get, shared = values.get, self.shared.setdefault
        row_id, kind, description, source_ref = get("id"), get("kind"), get("description"), get("source_ref")
        status, vat_basis = _STATUS.get(get("status")), _VAT.get(get("vat_basis"))  # type: ignore[arg-type]
        if row_id is None or kind is None or description is None or source_ref is None:
            return None
        if status is None or vat_basis is None or not _identifier(row_id) or not _identifier(kind):
            return None
        start, end, precision = get("period_start"), get("period_end"), get("period_precision")
        period: Period | None = None
        if start is not None or end is not None or precision is not None:
            if start is None or end is None or precision is None:
                return None
            period = self.valid_period(start, end, precision)
            if period is None:
                return None
        period_text, from_table = get("period_text"), False
        table = self.table
        if period is None and period_text is None and table.period is not None:
            period, period_text, from_table = table.period, table.period_text, True
        nl, en = get("note_nl"), get("note_en")
        note: Localized | None = None
        if nl is not None or en is not None:
            if nl is None or en is None:
                return None
            note = _new(Localized)
            _set(note, "__dict__", {"nl": nl, "en": en})
            _set(note, "__pydantic_fields_set__", self.note_fields)
            _set(note, "__pydantic_extra__", None)
            _set(note, "__pydantic_private__", None)
        groupings: dict[str, tuple[str, ...]] = {}
        grouping_basis: dict[str, Basis] = {}
        for grouping, basis_column in self.grouping_columns:
            raw = get(grouping)
            if raw is not None:
                if ";" in raw:
                    parts = tuple(part.strip() for part in raw.split(";") if part.strip())
                    if not all(_identifier(part) for part in parts):
                        return None
                    groupings[grouping] = tuple(shared(part, part) for part in parts)
                elif _identifier(raw):
                    groupings[grouping] = (shared(raw, raw),)
                else:
                    return None
            raw = get(basis_column)
            if raw is not None:
                basis = _BASIS.get(raw)
                if basis is None:
                    return None
                grouping_basis[grouping] = basis
        count_text, amount_text = get("beneficiary_count"), get("amount")
        count: int | None = None
        if count_text is not None:
            if not _count(count_text):
                return None
            count = int(count_text)
        amount: Decimal | None = None
        if amount_text is not None:
            if not _amount(amount_text):
                return None
            amount = Decimal(amount_text)
        beneficiary, words = get("beneficiary"), get("amount_text")
        vat_words, procedure = get("vat_text"), get("procedure")
        # The rules of ``Row._check_status``: a row that breaks one is validated, which says which.
        if status is _AWARDED:
            if amount is None or beneficiary is None:
                return None
        elif status is _IN_HOUSE:
            if amount is not None:
                return None
        elif amount is not None or beneficiary is not None or count is not None:
            return None
        if (amount is not None and words is None) or (period is not None and period_text is None):
            return None
        row = _new(Row)
        _set(
            row,
            "__dict__",
            {
                "id": row_id,
                "table": table.id,
                "kind": shared(kind, kind),
                "description": description,
                "description_source": get("description_source"),
                "period": period,
                "period_text": period_text if from_table or period_text is None else shared(period_text, period_text),
                "status": status,
                "beneficiary": beneficiary if beneficiary is None else shared(beneficiary, beneficiary),
                "beneficiary_count": count,
                "amount": amount,
                "amount_text": words,
                "vat_basis": vat_basis,
                "vat_text": None if vat_words is None else shared(vat_words, vat_words),
                "procedure": None if procedure is None else shared(procedure, procedure),
                "groupings": groupings,
                "grouping_basis": grouping_basis,
                "source_ref": source_ref,
                "note": note,
                "period_from_table": from_table,
            },
        )
        _set(row, "__pydantic_fields_set__", self.row_fields)
        _set(row, "__pydantic_extra__", None)
        _set(row, "__pydantic_private__", None)
        return row
