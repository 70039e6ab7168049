"""Validate stage: rules that span fields and files, on a dataset that loaded field by field.

Unique ids, references that resolve, quotes that are verbatim in the source, amounts and
periods that agree with the text the source gives for them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sebrief.errors import Problem
from sebrief.model import Dataset, Mode, Precision, RowKind, TableRow, VatBasis
from sebrief.quotes import SourceText, join_fragments

MAIN_FILE = "dataset.yaml"
ROWS_FILE = "rows.csv"

MONTHS_NL = {
    name: number
    for number, name in enumerate(
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
         "oktober", "november", "december"],
        start=1,
    )
}  # fmt: skip
_DATE_RE = re.compile(r"^(?:(\d{1,2})\s+)?([a-zé]+)\s+(\d{4})$")


@dataclass
class Locations:
    """Where things stand in the files: YAML paths to lines and row ids to CSV lines."""

    yaml_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    row_lines: dict[str, int] = field(default_factory=dict)
    row_line_lists: dict[str, list[int]] = field(default_factory=dict)

    def yaml(self, *path: str | int) -> str:
        for end in range(len(path), 0, -1):
            if path[:end] in self.yaml_lines:
                return f"line {self.yaml_lines[path[:end]]}"
        return ""

    def row(self, row_id: str, column: str) -> str:
        line = self.row_lines.get(row_id)
        return f"line {line}, column {column}" if line else f"row {row_id}, column {column}"


def check_dataset(dataset: Dataset, locations: Locations | None = None) -> list[Problem]:
    where = locations or Locations()
    checks = (_unique_ids, _references, _quotes, _row_texts, _session_year)
    return [problem for check in checks for problem in check(dataset, where)]


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(identifier for identifier, count in Counter(ids).items() if count > 1)


def _unique_ids(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    main = dataset.main
    for row_id in _duplicates(row.id for row in dataset.rows):
        lines = where.row_line_lists.get(row_id, [])
        if len(lines) > 1:
            for line in lines[1:]:
                yield Problem(
                    ROWS_FILE,
                    f"line {line}, column id",
                    f"row id {row_id} is already used on line {lines[0]}; make ids unique",
                )
        else:
            yield Problem(
                ROWS_FILE, where.row(row_id, "id"), f"row id {row_id} is used more than once; make ids unique"
            )
    action_ids = [a.id for a in main.convenant_actions] + [s.id for a in main.convenant_actions for s in a.sub_actions]
    groups = {
        "convenant_actions": action_ids,
        "answer.passages": [p.id for p in main.answer.passages],
        "answer.initiatives": [i.id for i in main.answer.initiatives],
        "question.parts": [p.id for p in main.question.parts] + [s.id for p in main.question.parts for s in p.subparts],
        "answer.pillars": [str(p.number) for p in main.answer.pillars],
    }
    for name, ids in groups.items():
        for duplicate in _duplicates(ids):
            yield Problem(
                MAIN_FILE,
                where.yaml(*name.split(".")),
                f"{name}: id {duplicate} is used more than once; make ids unique",
            )


def _references(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    main = dataset.main
    passages = {p.id for p in main.answer.passages}
    rows = {row.id: row for row in dataset.rows}
    pillars = {p.number for p in main.answer.pillars}
    for a, action in enumerate(main.convenant_actions):
        if action.pillar not in pillars:
            yield Problem(
                MAIN_FILE,
                where.yaml("convenant_actions", a, "pillar"),
                f"action {action.id}: pillar {action.pillar} is not among answer.pillars; use one of them or add it",
            )
        for s, sub in enumerate(action.sub_actions):
            path = ("convenant_actions", a, "sub_actions", s)
            for missing in sorted(set(sub.evidence) - passages):
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*path, "evidence"),
                    f"sub-action {sub.id}: evidence {missing} is not an id in answer.passages; "
                    "use one of those ids or add the passage",
                )
            for missing in sorted(set(sub.rows) - set(rows)):
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*path, "rows"),
                    f"sub-action {sub.id}: row {missing} is not an id in {ROWS_FILE}; "
                    "use one of its ids or add the row",
                )
            kinds = {rows[r].kind for r in sub.rows if r in rows}
            for mode, kind in (
                (Mode.PUBLIC_CONTRACT, RowKind.PUBLIC_CONTRACT),
                (Mode.SUBSIDY_CALL, RowKind.SUBSIDY_CALL),
            ):
                if mode in sub.modes and sub.rows and kind not in kinds:
                    yield Problem(
                        MAIN_FILE,
                        where.yaml(*path, "modes"),
                        f"sub-action {sub.id}: mode {mode.value} but none of its rows is a {kind.value}; "
                        "link such a row or change the modes",
                    )
    for i, initiative in enumerate(main.answer.initiatives):
        if initiative.passage not in passages:
            yield Problem(
                MAIN_FILE,
                where.yaml("answer", "initiatives", i, "passage"),
                f"initiative {initiative.id}: passage {initiative.passage} is not an id in answer.passages; "
                "use one of those ids or add the passage",
            )
        for number in sorted(set(initiative.pillars) - pillars):
            yield Problem(
                MAIN_FILE,
                where.yaml("answer", "initiatives", i, "pillars"),
                f"initiative {initiative.id}: pillar {number} is not among answer.pillars; use one of them or add it",
            )
    for row in dataset.rows:
        for number in sorted(set(row.pillars) - pillars):
            yield Problem(
                ROWS_FILE,
                where.row(row.id, "pillars"),
                f"pillar {number} is not among answer.pillars in {MAIN_FILE}; use one of them",
            )


def yaml_quotes(dataset: Dataset) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every verbatim passage of dataset.yaml with its path."""
    main = dataset.main
    for i, intro in enumerate(main.question.introduction):
        yield ("question", "introduction", i, "text"), intro.text
    for p, part in enumerate(main.question.parts):
        yield ("question", "parts", p, "text"), part.text
        for s, sub in enumerate(part.subparts):
            yield ("question", "parts", p, "subparts", s, "text"), sub.text
    for a, action in enumerate(main.convenant_actions):
        yield ("convenant_actions", a, "text"), action.text
        for s, sub_action in enumerate(action.sub_actions):
            yield ("convenant_actions", a, "sub_actions", s, "text"), sub_action.text
    for p, pillar in enumerate(main.answer.pillars):
        yield ("answer", "pillars", p, "text"), pillar.text
    for p, passage in enumerate(main.answer.passages):
        yield ("answer", "passages", p, "text"), passage.text


def row_quotes(row: TableRow) -> Iterator[tuple[str, str]]:
    """Every verbatim field of a table row with its column."""
    yield ("description_source", row.description_source) if row.description_source else ("description", row.description)
    yield "period_text", row.period_text
    yield "amount_text", row.amount_text
    if row.beneficiary:
        yield "beneficiary", row.beneficiary
    if row.vat_text:
        yield "vat_text", row.vat_text


def _quotes(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    source = SourceText.from_text(dataset.source_text)
    hint = "not found verbatim in the source text; copy it exactly (white space may differ)"
    for path, text in yaml_quotes(dataset):
        if source.locate(text) is None:
            yield Problem(MAIN_FILE, where.yaml(*path), f"{_path_text(path)}: {_shorten(text)!r} {hint}")
    for row in dataset.rows:
        for column, text in row_quotes(row):
            if source.locate(text) is None:
                yield Problem(ROWS_FILE, where.row(row.id, column), f"{_shorten(text)!r} {hint}")


def _row_texts(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    for row in dataset.rows:
        if row.description_source and join_fragments(row.description_source) != join_fragments(row.description):
            yield Problem(
                ROWS_FILE,
                where.row(row.id, "description"),
                "description must be description_source with its fragments joined by a space; "
                f"write {_shorten(join_fragments(row.description_source))!r}",
            )
        if row.amount is not None:
            parsed = parse_amount_text(row.amount_text)
            if parsed is None:
                yield Problem(
                    ROWS_FILE,
                    where.row(row.id, "amount_text"),
                    f"cannot read an amount in {row.amount_text!r}; write it as in the source, e.g. '29.440 euro'",
                )
            elif parsed != row.amount:
                yield Problem(
                    ROWS_FILE,
                    where.row(row.id, "amount"),
                    f"amount {row.amount} does not match amount_text {row.amount_text!r}, which reads {parsed}; "
                    "correct one of them",
                )
        if row.vat_basis is VatBasis.EXCL_VAT and not row.vat_text:
            yield Problem(
                ROWS_FILE,
                where.row(row.id, "vat_text"),
                "vat_basis excl_vat needs the source's words for it in vat_text, e.g. '(excl. BTW)'",
            )
        count = _leading_count(row.beneficiary)
        if count is not None and count != row.beneficiary_count:
            yield Problem(
                ROWS_FILE,
                where.row(row.id, "beneficiary_count"),
                f"the beneficiary says {count}; set beneficiary_count to {count}",
            )
        yield from _period_problems(row, where)


def _period_problems(row: TableRow, where: Locations) -> Iterator[Problem]:
    read = parse_period_text(join_fragments(row.period_text))
    if row.period is None or read is None:
        return
    start, end, precision = read
    if (start, end, precision) != (row.period.start, row.period.end, row.period.precision):
        yield Problem(
            ROWS_FILE,
            where.row(row.id, "period_start"),
            f"period {row.period.start} to {row.period.end} ({row.period.precision.value}) does not match "
            f"period_text {row.period_text!r}, which reads {start} to {end} ({precision.value}); "
            "correct the dates or period_text",
        )


def parse_amount_text(text: str) -> Decimal | None:
    """The amount in a Belgian-written text such as '275.342,98 euro' or '9.835,6 €'."""
    digits = re.sub(r"(?i)\s*(euro|eur|€)\s*", "", text).strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d{1,2})?|\d+(,\d{1,2})?", digits):
        return None
    try:
        return Decimal(digits.replace(".", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def parse_period_text(text: str) -> tuple[dt.date, dt.date, Precision] | None:
    """Start, end and precision of a Dutch period such as '1 december 2017 – 30 juni 2018'."""
    parts = [part.strip().lower() for part in re.split(r"\s*[–-]\s*", text.strip())]
    if not 1 <= len(parts) <= 2:
        return None
    matches = [_DATE_RE.match(part) for part in parts]
    if not all(matches) or any(m.group(2) not in MONTHS_NL for m in matches if m):
        return None
    days = [m.group(1) for m in matches if m]
    if any(days) and not all(days):
        return None
    first, last = matches[0], matches[-1]
    assert first is not None and last is not None
    try:
        start = dt.date(int(first.group(3)), MONTHS_NL[first.group(2)], int(first.group(1) or 1))
        end_year, end_month = int(last.group(3)), MONTHS_NL[last.group(2)]
        end_day = int(last.group(1)) if last.group(1) else calendar.monthrange(end_year, end_month)[1]
        end = dt.date(end_year, end_month, end_day)
    except ValueError:
        return None
    return start, end, Precision.DAY if all(days) else Precision.MONTH


def _leading_count(text: str | None) -> int | None:
    match = re.match(r"^([0-9]{1,9})\s", text or "")
    return int(match.group(1)) if match else None


def _session_year(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    meta = dataset.metadata
    first, second = (int(part) for part in meta.session_year.split("-"))
    if meta.date_asked.year not in (first, second):
        yield Problem(
            MAIN_FILE,
            where.yaml("metadata", "date_asked"),
            f"metadata.date_asked {meta.date_asked} is outside session year {meta.session_year}; correct one of them",
        )


def _path_text(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
