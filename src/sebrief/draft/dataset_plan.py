"""Where a draft's parts go in a dataset: the ids of the answer's passages and of the tables' rows,
the file and block of each table, the passage that leads it in (and the period it gives for all the
rows, ``sebrief.draft.table_period``) and the subparts bound to its columns.

``plan_dataset`` computes it once; the writers of dataset.yaml and of the CSV files read it. What
could not be placed (a table before the first numbered part, a table no subpart names) is added to
``DatasetPlan.gaps``, the list the writers add their own gaps to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sebrief.draft.answer_blocks import BlockPlan, plan_blocks
from sebrief.draft.structure import (
    AnswerPart,
    ColumnRole,
    Draft,
    Gap,
    PassageKind,
    QuestionPart,
    Table,
    at_line,
    at_lines,
)
from sebrief.draft.table_period import SharedPeriod, shared_period
from sebrief.errors import Message

SINGLE_TABLE_FILE = "rows.csv"
TABLE_FILE = "table-{n}.csv"

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


@dataclass
class TablePlan:
    table: Table
    owner: AnswerPart | None
    block_id: str
    file: str
    row_ids: list[str]
    lead: str | None = None  # the id of the passage that leads the table in
    lead_text: str | None = None
    binds: list[tuple[str, ColumnRole]] = field(default_factory=list)
    answers_whole: str | None = None  # a part without subparts that the table answers as a whole
    period: SharedPeriod | None = None  # the period the lead sentence gives for all its rows


@dataclass
class DatasetPlan:
    draft: Draft
    passage_ids: dict[int, str] = field(default_factory=dict)  # id(passage) -> its id
    passages_of: dict[str, list[str]] = field(default_factory=dict)  # part id -> ids of its answer's passages
    answered: set[str] = field(default_factory=set)  # question part ids with an answer numbered for them
    tables: list[TablePlan] = field(default_factory=list)
    blocks: list[BlockPlan] = field(default_factory=list)  # figures and text blocks of parts without a table
    gaps: list[Gap] = field(default_factory=list)  # what could not be placed or decided, in the order found

    @property
    def parts(self) -> dict[str, QuestionPart]:
        return {p.id: p for p in self.draft.question.parts}

    @property
    def subparts(self) -> dict[str, QuestionPart]:
        return {s.id: s for p in self.draft.question.parts for s in p.subparts}

    def tables_answering(self, part_id: str) -> list[str]:
        """The block ids of the tables that answer a part (as a whole, or by a bound column), then of
        the figures or text blocks drafted for it."""
        return [
            plan.block_id
            for plan in self.tables
            if part_id == plan.answers_whole or any(bound == part_id for bound, _ in plan.binds)
        ] + [block.block_id for block in self.blocks if part_id in block.parts]


def plan_dataset(draft: Draft) -> DatasetPlan:
    plan = DatasetPlan(draft)
    _plan_passages(plan)
    _plan_tables(plan)
    parts = plan.draft.question.parts
    by_tables = {
        part.id
        for part in parts
        if plan.tables_answering(part.id) or (part.subparts and all(plan.tables_answering(s.id) for s in part.subparts))
    }
    plan.blocks = plan_blocks(plan.draft.answer, parts, by_tables, plan.passage_ids)
    return plan


def part_label(ids: Sequence[str]) -> str:
    """How an answer numbered for several parts is named: '1-2'; '0' before the first number."""
    if not ids:
        return "0"
    return ids[0] if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


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


def _plan_passages(plan: DatasetPlan) -> None:
    counters: dict[str, int] = {}
    subparts = plan.subparts
    for part in plan.draft.answer.parts:
        plan.answered.update(part.ids)
        for passage in part.passages:
            label = passage.part or part_label(part.ids)
            counters[label] = counters.get(label, 0) + 1
            passage_id = f"P-{label}-{counters[label]}"
            plan.passage_ids[id(passage)] = passage_id
            owners = [passage.part] if passage.part in subparts else list(part.ids)
            for owner in owners:
                plan.passages_of.setdefault(owner, []).append(passage_id)


def _plan_tables(plan: DatasetPlan) -> None:
    owners = {id(table): part for part in plan.draft.answer.parts for table in part.tables}
    tables = plan.draft.answer.tables
    previous_end = 0
    for n, table in enumerate(tables, start=1):
        owner = owners.get(id(table))
        table_plan = _table_plan(table, owner, n, single=len(tables) == 1)
        if owner is not None:
            _plan_lead(plan, table_plan, owner, previous_end)
            _plan_binds(plan, table_plan, owner)
        else:
            hint = Message("it stands before the answer's first numbered part: name the part(s) it answers")
            plan.gaps.append(Gap(Message("table {table}", table=n), at_line(table.first_line), hint))
        previous_end = table.last_line
        plan.tables.append(table_plan)


def _table_plan(table: Table, owner: AnswerPart | None, n: int, single: bool) -> TablePlan:
    width = max(2, len(str(len(table.rows))))
    prefix = "R" if single else f"T{n}-R"
    return TablePlan(
        table,
        owner,
        "T-ROWS" if single else f"T-{n}",
        SINGLE_TABLE_FILE if single else TABLE_FILE.format(n=n),
        [f"{prefix}{row.index:0{width}d}" for row in table.rows],
    )


def _plan_lead(plan: DatasetPlan, table_plan: TablePlan, owner: AnswerPart, previous_end: int) -> None:
    """The sentence ending in ':' that leads the table in, between the table before and this one."""
    first = table_plan.table.first_line
    leads = [p for p in owner.passages if p.kind is PassageKind.LEAD and previous_end < p.last_line < first]
    if leads:
        table_plan.lead = plan.passage_ids[id(leads[-1])]
        table_plan.lead_text = leads[-1].text.rstrip(" :")
        shared = shared_period(leads[-1].text, table_plan.table)
        if shared is not None and shared.doubt is not None:
            where = at_lines(leads[-1].first_line, leads[-1].last_line)
            what = Message("period of table {table}", table=table_plan.block_id)
            plan.gaps.append(Gap(what, where, shared.doubt))
        elif shared is not None:
            table_plan.period = shared


def _plan_binds(plan: DatasetPlan, table_plan: TablePlan, owner: AnswerPart) -> None:
    roles = {column.role for column in table_plan.table.columns}
    parts = plan.parts
    for part in (parts[i] for i in owner.ids if i in parts):
        if not part.subparts and len(owner.ids) == 1:
            table_plan.answers_whole = part.id
        for sub in part.subparts:
            role = subpart_role(sub.text)
            if role is not None and role in roles:
                table_plan.binds.append((sub.id, role))
    if not table_plan.binds and table_plan.answers_whole is None:
        plan.gaps.append(
            Gap(
                Message("table {table}", table=table_plan.block_id),
                at_lines(table_plan.table.first_line, table_plan.table.last_line),
                Message(
                    "no subpart of the question names one of its columns: name the part(s) it answers "
                    "(binds or answers) in dataset.yaml"
                ),
            )
        )
