"""A draft written out as a dataset in format version 2: dataset.yaml, one CSV file per table, source.txt.

``draft_files`` turns a ``Draft`` into the files' bytes; ``write_draft`` reads a document, drafts
it and writes the files into a new folder, all of them or none.

What the document states is drafted: the metadata, the question (introduction, parts and
subparts, verbatim, with the ids the question numbers them by), the answer's passages with the
part of the answer each stands in, and each table of the answer as a table block (its rows in a
CSV file, the subparts whose words name a column's role bound to that column) with the kinds of
row the source labels. ``source.txt`` is the text the draft was read from, so that ``sebrief
validate`` can check every quote against it.

What only a person can decide is left empty, with a YAML comment on the line saying what to fill
in: the blocks that answer a part without a table, the English labels, the kinds' plurals not
found in the source and whether a kind is public procurement, a kind the source does not give.
``sebrief validate`` then lists each of them by line. Nothing is guessed: the date of the answer
is drafted only when the document gives it. What the drafter could not find or wants checked is
returned as ``gaps``, on top of what ``sebrief validate`` lists.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from sebrief.dataset.model import SCHEMA_VERSION
from sebrief.draft.structure import (
    AnswerPart,
    ColumnRole,
    Draft,
    DraftedPrecision,
    Gap,
    Passage,
    PassageKind,
    QuestionPart,
    Table,
    TableRow,
)

MAIN_FILE = "dataset.yaml"
SOURCE_FILE = "source.txt"
SINGLE_TABLE_FILE = "rows.csv"
TABLE_FILE = "table-{n}.csv"
MAX_QUOTE = 5000  # the longest quote a dataset takes (sebrief.dataset.fields.Quote)
ROW_COLUMNS = (
    "id",
    "kind",
    "description",
    "description_source",
    "period_start",
    "period_end",
    "period_precision",
    "period_text",
    "status",
    "beneficiary",
    "beneficiary_count",
    "amount",
    "amount_text",
    "vat_basis",
    "vat_text",
    "procedure",
    "source_ref",
    "note_nl",
    "note_en",
)

# The words of a subpart that ask for a column of a table ('omschrijving opdracht;', 'de looptijd;').
# A word matches when it is one of these or ends in one ('plaatsingsprocedure', 'kostprijs').
_SUBPART_WORDS = {
    ColumnRole.DESCRIPTION: "omschrijving beschrijving onderwerp titel description subject title",
    ColumnRole.PERIOD: "looptijd periode duur termijn period duration",
    ColumnRole.BENEFICIARY: "begunstigde begunstigden opdrachtnemer opdrachtnemers uitvoerder uitvoerders leverancier "
    "leveranciers ontvanger ontvangers contractant beneficiary beneficiaries contractor supplier",
    ColumnRole.AMOUNT: "bedrag bedragen kostprijs prijs budget kost kosten amount cost",
    ColumnRole.PROCEDURE: "procedure procedures gunningswijze",
}
SUBPART_WORDS = {word: role for role, words in _SUBPART_WORDS.items() for word in words.split()}
# Which rows must have a column filled for its subpart to be answered: a row in procedure has no
# beneficiary and no amount yet.
_AWARDED_ONLY = (ColumnRole.BENEFICIARY, ColumnRole.AMOUNT)

_YAML_PRINTABLE = re.compile(r"[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")


# --- a small YAML writer that keeps comments ----------------------------------------------------------


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


def _e(key: str | None, value: Any, comment: str | None = None, **kwargs: Any) -> Entry:
    return Entry(key, value, comment, **kwargs)


def _item(*entries: Entry, comment: str | None = None) -> Entry:
    """An item of a sequence that is a mapping of ``entries``."""
    return Entry(None, list(entries), comment)


def _map(key: str, *entries: Entry) -> Entry:
    return Entry(key, list(entries))


def _field(key: str, value: Any, hint: str | None) -> Entry:
    """A field with its value, or left empty with a comment saying what to fill in."""
    return Entry(key, value or None, None if value else hint)


_YAML_BREAKS = re.compile(r"[\x85\u2028\u2029\ufeff]")


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


def _scalar_lines(value: Any, indent: int, width: int = 104) -> tuple[str, list[str]]:
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


# --- what the files hold -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftFiles:
    """The files of a draft dataset, by name, and what the drafter could not find or decide."""

    files: dict[str, bytes]
    gaps: tuple[Gap, ...]  # the parser's (``Draft.gaps``), then the emitter's
    data: dict[str, Any]  # what dataset.yaml reads as
    parser_gaps: tuple[Gap, ...] = ()
    rows: int = 0
    tables: int = 0
    passages: int = 0


@dataclass
class _TablePlan:
    table: Table
    owner: AnswerPart | None
    block_id: str
    file: str
    row_ids: list[str]
    lead: str | None = None  # the id of the passage that leads the table in
    lead_text: str | None = None
    binds: list[tuple[str, ColumnRole]] = field(default_factory=list)
    answers_whole: str | None = None  # a part without subparts that the table answers as a whole


def draft_files(draft: Draft, source_text: str, source_name: str, folder_name: str = "") -> DraftFiles:
    """The files of the draft dataset of ``draft``, read from ``source_text`` (the file ``source_name``)."""
    return _Emitter(draft, source_text, _clean_name(source_name), folder_name).run()


def _clean_name(name: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", "?", name) or "?"


def _part_label(ids: Sequence[str]) -> str:
    """How an answer numbered for several parts is named: '1-2'; '0' before the first number."""
    if not ids:
        return "0"
    return ids[0] if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


def _pieces(text: str, limit: int = MAX_QUOTE) -> list[str]:
    """A text cut at sentence ends into pieces a dataset can quote (at most ``limit`` characters)."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        ends = [m.end() for m in re.finditer(r"[.;:?!] ", rest[:limit])]
        cut = ends[-1] if ends else rest.rfind(" ", 0, limit) + 1 or limit
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return [*pieces, rest] if rest else pieces


def subpart_role(text: str) -> ColumnRole | None:
    """The column a subpart asks for, when its words name exactly one role."""
    roles = set()
    for raw in text.split():
        word = re.sub(r"\W", "", raw.lower().replace("(n)", "n"))
        role = SUBPART_WORDS.get(word) or next(
            (SUBPART_WORDS[w] for w in SUBPART_WORDS if len(word) > len(w) + 2 and word.endswith(w)), None
        )
        if role is not None:
            roles.add(role)
    return roles.pop() if len(roles) == 1 else None


def _amount_text(amount: Decimal | None) -> str:
    if amount is None or amount != amount.quantize(Decimal("0.01")):
        return ""
    return f"{amount:.2f}"


def _plural(label: str, words: set[str]) -> str | None:
    """The plural of a label, when the source uses it: 'Overheidsopdracht' -> 'Overheidsopdrachten'."""
    lower = label.lower()
    for ending in ("en", "s", "'s", lower[-1:] + "en"):
        if lower + ending in words:
            return label + ending
    return None


class _Emitter:
    def __init__(self, draft: Draft, source_text: str, source_name: str, folder_name: str) -> None:
        self.draft = draft
        self.source_text = source_text
        self.source_name = source_name
        self.folder_name = folder_name
        self.gaps: list[Gap] = []
        self.passage_ids: dict[int, str] = {}  # id(passage) -> its id
        self.passages_of: dict[str, list[str]] = {}  # question part id -> ids of its answer's passages
        self.answered: set[str] = set()  # question part ids with an answer numbered for them
        self.tables: list[_TablePlan] = []
        self.parts = {p.id: p for p in draft.question.parts}
        self.subparts = {s.id: s for p in draft.question.parts for s in p.subparts}

    # --- planning ---

    def run(self) -> DraftFiles:
        self._plan_passages()
        self._plan_tables()
        entries = self._document()
        header = self._header()
        text = render_yaml(entries, header)
        files = {MAIN_FILE: text.encode("utf-8")}
        for plan in self.tables:
            files[plan.file] = self._csv(plan).encode("utf-8")
        files[SOURCE_FILE] = self.source_text.encode("utf-8")
        data = plain_data(entries)
        return DraftFiles(
            files,
            (*self.draft.gaps, *self.gaps),
            data,
            parser_gaps=self.draft.gaps,
            rows=sum(len(p.table.rows) for p in self.tables),
            tables=len(self.tables),
            passages=len(self.passage_ids),
        )

    def _plan_passages(self) -> None:
        counters: dict[str, int] = {}
        for part in self.draft.answer.parts:
            self.answered.update(part.ids)
            for passage in part.passages:
                label = passage.part or _part_label(part.ids)
                counters[label] = counters.get(label, 0) + 1
                passage_id = f"P-{label}-{counters[label]}"
                self.passage_ids[id(passage)] = passage_id
                owners = [passage.part] if passage.part in self.subparts else list(part.ids)
                for owner in owners:
                    self.passages_of.setdefault(owner, []).append(passage_id)

    def _plan_tables(self) -> None:
        owners = {id(table): part for part in self.draft.answer.parts for table in part.tables}
        tables = self.draft.answer.tables
        single = len(tables) == 1
        previous_end = 0
        for n, table in enumerate(tables, start=1):
            owner = owners.get(id(table))
            width = max(2, len(str(len(table.rows))))
            prefix = "R" if single else f"T{n}-R"
            plan = _TablePlan(
                table,
                owner,
                "T-ROWS" if single else f"T-{n}",
                SINGLE_TABLE_FILE if single else TABLE_FILE.format(n=n),
                [f"{prefix}{row.index:0{width}d}" for row in table.rows],
            )
            if owner is not None:
                leads = [
                    p
                    for p in owner.passages
                    if p.kind is PassageKind.LEAD and previous_end < p.last_line < table.first_line
                ]
                if leads:
                    plan.lead = self.passage_ids[id(leads[-1])]
                    plan.lead_text = leads[-1].text.rstrip(" :")
                self._plan_binds(plan, owner)
            else:
                self.gaps.append(
                    Gap(
                        f"table {n}",
                        f"line {table.first_line}",
                        "it stands before the answer's first numbered part: name the part(s) it answers",
                    )
                )
            previous_end = table.last_line
            self.tables.append(plan)

    def _plan_binds(self, plan: _TablePlan, owner: AnswerPart) -> None:
        roles = {column.role for column in plan.table.columns}
        asked = [self.parts[i] for i in owner.ids if i in self.parts]
        for part in asked:
            if not part.subparts and len(owner.ids) == 1:
                plan.answers_whole = part.id
            for sub in part.subparts:
                role = subpart_role(sub.text)
                if role is not None and role in roles:
                    plan.binds.append((sub.id, role))
        if not plan.binds and plan.answers_whole is None:
            self.gaps.append(
                Gap(
                    f"table {plan.block_id}",
                    f"lines {plan.table.first_line}-{plan.table.last_line}",
                    "no subpart of the question names one of its columns: name the part(s) it answers "
                    "(binds or answers) in dataset.yaml",
                )
            )

    def _tables_answering(self, part_id: str) -> list[str]:
        return [
            plan.block_id
            for plan in self.tables
            if part_id == plan.answers_whole or any(bound == part_id for bound, _ in plan.binds)
        ]

    # --- dataset.yaml ---

    def _header(self) -> list[str]:
        return [
            f"Draft dataset (format version {SCHEMA_VERSION}) written by `sebrief new` from {self.source_name}.",
            f"{SOURCE_FILE} is the text read from it: every field named `text`, the title and the verbatim",
            "columns of the tables' CSV files are quotes of it, as the drafter read them; check them against",
            "the published document.",
            "What only a person can decide is left empty, with a comment saying what to fill in:",
            "`sebrief validate <this folder>` lists each one by line. `sebrief schema` prints the format.",
        ]

    def _document(self) -> list[Entry]:
        return [
            _e("schema_version", SCHEMA_VERSION),
            self._dataset_id(),
            _e("language", "nl"),
            _e("metadata", self._metadata()),
            _e("question", self._question()),
            self._kinds(),
            _e(
                "groupings",
                [],
                above=(
                    "",
                    "None drafted: what rows are totalled by (a theme, a region, a year...) is for a person to define.",
                    "A grouping a table uses is listed in its `groupings` and gets a column of that name in its CSV.",
                ),
            ),
            _e("answer", [self._passages(), self._blocks()]),
            _e("curation_notes", self._notes()),
        ]

    def _hint(self, what: str, default: str) -> str:
        return next((gap.hint for gap in self.draft.gaps if gap.what == what), default)

    def _dataset_id(self) -> Entry:
        draft = self.draft
        if draft.document_type == "schriftelijke vraag" and draft.number and draft.session_year:
            return _e("id", f"sv-{draft.number}-{draft.session_year}")
        if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", self.folder_name):
            return _e("id", self.folder_name, "named after the folder: check it")
        return _e("id", None, "the dataset's id: lowercase letters, digits and hyphens, e.g. sv-305-2018-2019")

    def _metadata(self) -> list[Entry]:
        d, asker, minister = self.draft, self.draft.asker, self.draft.minister
        pdf = self.source_name.lower().endswith(".pdf")
        name = self.source_name
        description = [
            _e("nl", f"{'Tekstlaag' if pdf else 'Tekst'} van {name}: de schriftelijke vraag en het antwoord van de "
               "minister, in dit ontwerp van dataset omgezet door `sebrief new`."),
            _e("en", f"{'Text layer' if pdf else 'Text'} of {name}: the written question and the minister's answer, "
               "drafted into this dataset by `sebrief new`."),
        ]  # fmt: skip
        unanswered = (
            "the document gives no date for the answer: fill it in (YYYY-MM-DD) from the parliament's record, "
            "or leave it empty; never guess it"
        )
        return [
            _field("parliament", d.parliament, self._hint("parliament", "e.g. Vlaams Parlement")),
            _field("document_type", d.document_type, "e.g. schriftelijke vraag: " + self._hint("document type", "")),
            _field("number", d.number, self._hint("number", "the question's number")),
            _field("session_year", d.session_year, "the parliamentary year of the question, e.g. 2021-2022"),
            _field("date_asked", d.date_asked, "YYYY-MM-DD: " + self._hint("date asked", "the date of the question")),
            _field("date_answered", d.date_answered, unanswered),
            _e("asker", [
                _field("first_name", asker and asker.first_name, self._hint("asker", "who asked the question")),
                _field("last_name", asker and asker.last_name, None),
            ]),
            _e("minister", [
                _field("first_name", minister and minister.first_name, self._hint("minister", "who answers")),
                _field("last_name", minister and minister.last_name, None),
                _field("portfolio", minister and minister.portfolio, "the minister's title as the document gives it"),
            ]),
            _field("title", d.title and d.title.text, "the question's title, verbatim: " + self._hint("title", "")),
            _e("source", [
                _e("file", SOURCE_FILE),
                _e("description", description),
                _e("url", None, "https://... of the published document, if there is one"),
            ]),
        ]  # fmt: skip

    def _question(self) -> list[Entry]:
        intro: list[Entry] = []
        for n, passage in enumerate(self.draft.question.introduction, start=1):
            for k, piece in enumerate(_pieces(passage.text)):
                suffix = f".{k + 1}" if k else ""
                entries = (_e("id", f"Q-INTRO-{n}{suffix}"), _e("text", piece))
                intro.append(_item(*entries, comment=_passage_note(passage)))
        parts = [self._part(part) for part in self.draft.question.parts]
        if not parts:
            first = _e("id", "1", "no numbered parts were found: copy the question's parts from the source")
            parts = [_item(first, _e("text", None, "part 1 of the question, verbatim"), _e("answered_by", Flow([])))]
        return [_e("introduction", intro), _e("parts", parts)]

    def _part(self, part: QuestionPart, top: bool = True) -> Entry:
        entries = [_e("id", part.id), _e("text", part.text), self._answered_by(part, top)]
        if top and part.subparts:
            entries.append(_e("subparts", [self._part(sub, top=False) for sub in part.subparts]))
        return _e(None, entries)

    def _answered_by(self, part: QuestionPart, top: bool) -> Entry:
        tables = self._tables_answering(part.id)
        if tables:
            return _e("answered_by", Flow(tables))
        if top and part.subparts and all(self._tables_answering(sub.id) for sub in part.subparts):
            answered = sorted({t for sub in part.subparts for t in self._tables_answering(sub.id)})
            return _e("answered_by", Flow([]), f"its subparts are answered by {', '.join(answered)}")
        number = part.id if top else part.id.rstrip("abcdefghijklmnopqrstuvwxyz") or part.id
        passages = self.passages_of.get(part.id, [])
        near = [plan.block_id for plan in self.tables if plan.owner and number in plan.owner.ids]
        if not top and near:
            return _e(
                "answered_by",
                None,
                f"{', '.join(near)} stands in answer {number}, but none of its columns was matched to this subpart's "
                f"words: bind the column that answers it (binds: [{{part: {part.id}, column: ...}}]) and name the "
                "table here, or name another block, or write [] if the answer is silent on it",
            )
        if passages:
            shown = passages[0] if len(passages) == 1 else f"{passages[0]} … {passages[-1]}"
            said = f"the answer's passages for it: {shown}"
        elif number in self.answered:
            said = f"no passage of answer {number} is marked for it"
        else:
            said = f"no answer numbered {number} was found"
        return _e(
            "answered_by",
            None,
            f"{said}; name the block(s) that answer part {part.id} (add them to answer.blocks), "
            "or write [] if the answer is silent on it",
        )

    def _kinds(self) -> Entry:
        words = set(re.findall(r"[^\W\d_][\w'-]*", self.source_text.lower()))
        kinds: dict[str, str] = {}
        unlabelled: list[_TablePlan] = []
        for plan in self.tables:
            labelled = [row for row in plan.table.rows if row.kind]
            if not labelled:
                unlabelled.append(plan)
            for row_id, row in zip(plan.row_ids, plan.table.rows, strict=True):
                if row.kind:
                    kinds.setdefault(row.kind, row.kind_text or row.kind)
                elif labelled:
                    self.gaps.append(
                        Gap(
                            f"row {row_id} kind",
                            f"{plan.file}, line {row.first_line} of the source",
                            "the source gives no kind for this row: fill in its kind column",
                        )
                    )
        entries: list[Entry] = []
        procurement = (
            "true if these rows are public procurement (their amounts are compared with the procurement "
            "thresholds, excl. VAT), false if not (subsidies, grants, work in house)"
        )
        for kind_id, label in kinds.items():
            plural = _plural(label, words)
            entries.append(_item(
                _e("id", kind_id),
                _map("label", _e("nl", label), _e("en", None, "the label in English")),
                _map("plural", _field("nl", plural, "the plural in Dutch (not found in the source)"),
                     _e("en", None, "the plural in English")),
                _e("procurement", None, procurement),
            ))  # fmt: skip
        for plan in unlabelled:
            hint = "the source gives no kind for its rows: define the kind(s) in dataset.yaml and fill in the kind "
            self.gaps.append(Gap(f"kind of the rows of {plan.file}", f"table {plan.block_id}", hint + "column"))
            entries.append(_item(
                _e("id", None, f"the source gives no kind for the rows of {plan.file}: give one (e.g. study) and "
                   "write it in the kind column of each of its rows"),
                _map("label", _e("nl", None, "the label in Dutch"), _e("en", None, "the label in English")),
                _map("plural", _e("nl", None, "the plural in Dutch"), _e("en", None, "the plural in English")),
                _e("procurement", None, procurement),
            ))  # fmt: skip
        above = ["", "The kinds of the tables' rows"]
        above[1] += ", from the labels the source puts before the rows' descriptions." if kinds else "."
        return _e("kinds", entries, above=tuple(above))

    def _passages(self) -> Entry:
        entries: list[Entry] = []
        for part in self.draft.answer.parts:
            for passage in part.passages:
                passage_id = self.passage_ids[id(passage)]
                label = passage.part or _part_label(part.ids)
                for k, piece in enumerate(_pieces(passage.text)):
                    fields = (_e("id", passage_id + (f".{k + 1}" if k else "")), _e("part", label), _e("text", piece))
                    entries.append(_item(*fields, comment=_passage_note(passage)))
        return _e("passages", entries)

    def _blocks(self) -> Entry:
        blocks = [self._table_block(plan, n) for n, plan in enumerate(self.tables, start=1)]
        open_parts = [
            part.id
            for part in self.draft.question.parts
            if not self._tables_answering(part.id)
            and not (part.subparts and all(self._tables_answering(s.id) for s in part.subparts))
        ]
        below: tuple[str, ...] = ()
        if open_parts:
            example = open_parts[0]
            evidence = self.passages_of.get(example, [])[:3] or ["P-..."]
            many = len(open_parts) > 1
            parts = f"Parts {', '.join(open_parts)} have" if many else f"Part {example} has"
            them = "them (and their subparts)" if many else "it (and its subparts)"
            below = (
                f"{parts} no table in the answer: which blocks answer {them} is for a",
                "person to decide. A text block that quotes the answer, for example (a figures block for",
                "numbers, a classification block for items sorted into categories; `sebrief init` shows each):",
                "- kind: text",
                f"  id: X-{example}",
                "  title: {nl: ..., en: ...}",
                f"  evidence: [{', '.join(evidence)}]",
                f"  answers: [{{part: '{example}', status: answered, basis: stated}}]",
                "status: answered, partly or not_answered; basis: stated, inferred or not_addressed; with a reason",
                f"{{nl: ..., en: ...}} when not answered in full. Then name X-{example} in the part's answered_by.",
            )
        return _e("blocks", blocks, below=below)

    def _table_block(self, plan: _TablePlan, n: int) -> Entry:
        title = (
            [
                _e("nl", plan.lead_text, "from the sentence that leads the table in"),
                _e("en", None, "the title in English"),
            ]
            if plan.lead_text
            else [_e("nl", f"Tabel {n}", "our title: better words are welcome"), _e("en", f"Table {n}")]
        )
        entries = [
            _e("kind", "table"),
            _e("id", plan.block_id),
            _e("title", title),
            _e("file", plan.file),
            _e("evidence", Flow([plan.lead] if plan.lead else [])),
        ]
        binds = [
            _item(
                _e("part", part), _e("column", role.value), *([_e("rows", "awarded")] if role in _AWARDED_ONLY else [])
            )
            for part, role in plan.binds
        ]
        entries.append(_e("binds", binds, None if binds else "no subpart names one of its columns"))
        if plan.answers_whole is not None:
            status = (
                f"does the table answer part {plan.answers_whole} in full (answered) or in part (partly)? "
                "Give a reason {nl: ..., en: ...} when partly"
            )
            answer = _item(_e("part", plan.answers_whole), _e("status", None, status), _e("basis", "stated"))
            entries.append(_e("answers", [answer]))
        return _item(*entries)

    def _notes(self) -> list[Entry]:
        notes = []
        for plan in self.tables:
            for row_id, row in zip(plan.row_ids, plan.table.rows, strict=True):
                if not row.split_by_page_break:
                    continue
                lines = f"{plan.file}, lines {row.first_line}-{row.last_line} of the source"
                hint = "split by a page break and joined: check the joined description and period"
                self.gaps.append(Gap(f"row {row_id}", lines, hint))
                nl = (
                    f"Rij {row_id} is in de bron gesplitst door een paginaovergang; de delen zijn hier samengevoegd "
                    "en de bronvelden tonen ze met […]."
                )
                en = (
                    f"Row {row_id} is split by a page break in the source; its fragments are joined here and the "
                    "source fields show them with […]."
                )
                notes.append(_e(None, [_e("nl", nl), _e("en", en)]))
        return notes

    # --- the CSV files ---

    def _csv(self, plan: _TablePlan) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(ROW_COLUMNS)
        for column in plan.table.columns:
            if column.role is ColumnRole.OTHER:
                self.gaps.append(
                    Gap(
                        f"column {column.header!r}",
                        f"table {plan.block_id}",
                        "a column of no known role: its cells are not drafted; add them as a grouping or "
                        "in the rows' notes if they matter",
                    )
                )
        for row_id, row in zip(plan.row_ids, plan.table.rows, strict=True):
            writer.writerow(self._row(plan, row_id, row))
        return buffer.getvalue()

    def _row(self, plan: _TablePlan, row_id: str, row: TableRow) -> list[str]:
        period = row.period
        precision = "" if period is None else ("day" if period.precision is DraftedPrecision.DAY else "month")
        amount = _amount_text(row.amount)
        if row.amount is not None and not amount:
            self.gaps.append(
                Gap(
                    f"row {row_id} amount",
                    f"{plan.file}",
                    f"{row.amount_text!r} is not exact to the cent: fill in the amount",
                )
            )
        where = _part_label(plan.owner.ids) if plan.owner else ""
        table = "tabel" if len(self.tables) == 1 else f"tabel {plan.block_id.removeprefix('T-')}"
        answer = f"Antwoord {where}" if where and where != "0" else "Antwoord"
        lines = (
            f"regel {row.first_line}" if row.first_line == row.last_line else f"regels {row.first_line}-{row.last_line}"
        )
        values = {
            "id": row_id,
            "kind": row.kind or "",
            "description": row.description,
            "description_source": row.description_source or "",
            "period_start": period.start.isoformat() if period else "",
            "period_end": period.end.isoformat() if period else "",
            "period_precision": precision,
            "period_text": row.period_text or "",
            "status": row.status.value,
            "beneficiary": row.beneficiary or "",
            "beneficiary_count": str(row.beneficiary_count) if row.beneficiary and row.beneficiary_count else "",
            "amount": amount,
            "amount_text": row.amount_text or "",
            "vat_basis": row.vat_basis.value,
            "vat_text": row.vat_text or "",
            "procedure": row.procedure or "",
            "source_ref": f"{answer}, {table}, rij {row.index} ({lines})",
            "note_nl": "Door een paginaovergang gesplitst in de bron; de delen zijn samengevoegd."
            if row.split_by_page_break
            else "",
            "note_en": "Split by a page break in the source; the fragments are joined."
            if row.split_by_page_break
            else "",
        }
        return [values[column] for column in ROW_COLUMNS]


def _passage_note(passage: Passage) -> str | None:
    if passage.kind is PassageKind.LEAD:
        return "leads in a list or a table"
    if passage.kind is PassageKind.ITEM:
        return f"list item {passage.marker}" if passage.marker else "list item"
    return None


# --- writing -----------------------------------------------------------------------------------------


def iter_files(files: DraftFiles, folder: Path) -> Iterator[tuple[Path, bytes]]:
    for name, data in files.files.items():
        yield folder / name, data


def write_draft(source: Path, folder: Path) -> DraftFiles:
    """Draft the document ``source`` (PDF or text) into the new folder ``folder``.

    Raises ``SourceError`` when the document cannot be read and ``OutputError`` when ``folder`` is
    a file or not empty, or a file cannot be written (then nothing is left written).
    """
    from sebrief.draft.extract import extract_text
    from sebrief.draft.parse import parse_document
    from sebrief.errors import OutputError
    from sebrief.write import write_together

    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot draft into {folder}: it is a file; give a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise OutputError(f"{folder} is not empty; sebrief new never overwrites files: give a new or an empty folder")
    text = extract_text(source)
    files = draft_files(parse_document(text), text, source.name, folder.resolve().name)
    created = not folder.exists()
    try:
        write_together(list(iter_files(files, folder)))
    except OutputError:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return files
