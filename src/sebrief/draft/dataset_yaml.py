"""The entries of a drafted dataset.yaml: metadata, question, kinds, the answer's passages and
blocks, curation notes, each field the drafter cannot fill left empty with a comment saying what
to fill in (written out by ``sebrief.draft.commented_yaml``).

Where the draft's passages and tables go (ids, files, bindings) comes from
``sebrief.draft.dataset_plan``; the gaps found while writing are added to the plan's.
"""

from __future__ import annotations

import re

from sebrief.dataset.model import SCHEMA_VERSION
from sebrief.draft.answer_blocks import block_entry
from sebrief.draft.commented_yaml import Entry, Flow, entry, item, to_fill
from sebrief.draft.dataset_plan import DatasetPlan, TablePlan, part_label
from sebrief.draft.kinds_yaml import kinds_entry
from sebrief.draft.structure import ColumnRole, Draft, Gap, Passage, PassageKind, QuestionPart
from sebrief.errors import Message

SOURCE_FILE = "source.txt"
MAX_QUOTE = 5000  # the longest quote a dataset takes (sebrief.dataset.fields.Quote)

# Which rows must have a column filled for its subpart to be answered: a row in procedure has no
# beneficiary and no amount yet.
_AWARDED_ONLY = (ColumnRole.BENEFICIARY, ColumnRole.AMOUNT)


def header_comment(source_name: str) -> list[Message]:
    """The comment lines that open dataset.yaml (each wrapped to the width when written)."""
    return [
        Message(
            "Draft dataset (format version {version}) written by `sebrief new` from {source}. {file} is the "
            "text read from it: every field named `text`, the title and the verbatim columns of the tables' CSV "
            "files are quotes of it, as the drafter read them; check them against the published document.",
            version=SCHEMA_VERSION,
            source=source_name,
            file=SOURCE_FILE,
        ),
        Message(
            "What only a person can decide is left empty, with a comment saying what to fill in: `sebrief "
            "validate <this folder>` lists each one by line. `sebrief schema` prints the format."
        ),
    ]


def dataset_entries(plan: DatasetPlan, source_text: str, source_name: str, folder_name: str) -> list[Entry]:
    """The entries of dataset.yaml, in the format's order."""
    return [
        entry("schema_version", SCHEMA_VERSION),
        _dataset_id(plan.draft, folder_name),
        entry("language", "nl"),
        entry("metadata", _metadata(plan.draft, source_name)),
        entry("question", _question(plan)),
        kinds_entry(plan, source_text),
        entry(
            "groupings",
            [],
            above=(
                "",
                Message(
                    "None drafted: what rows are totalled by (a theme, a region, a year...) is for a person to "
                    "define. A grouping a table uses is listed in its `groupings` and gets a column of that name "
                    "in its CSV."
                ),
            ),
        ),
        entry("answer", [_passages(plan), _blocks(plan)]),
        entry("curation_notes", _notes(plan)),
    ]


def _hint(draft: Draft, what: str, default: Message) -> Message | str:
    """The parser's hint for what it could not find (``what``, in English), else ``default``."""
    return next((gap.advice for gap in draft.gaps if gap.what == what), default)


def _dataset_id(draft: Draft, folder_name: str) -> Entry:
    if draft.document_type == "schriftelijke vraag" and draft.number and draft.session_year:
        return entry("id", f"sv-{draft.number}-{draft.session_year}")
    if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", folder_name):
        return entry("id", folder_name, Message("named after the folder: check it"))
    return entry("id", None, Message("the dataset's id: lowercase letters, digits and hyphens, e.g. sv-305-2018-2019"))


def _metadata(d: Draft, source_name: str) -> list[Entry]:
    asker, minister = d.asker, d.minister
    unanswered = Message(
        "the document gives no date for the answer: fill it in (YYYY-MM-DD) from the parliament's record, "
        "or leave it empty; never guess it"
    )
    document_type = Message("e.g. schriftelijke vraag: {hint}", hint=_hint(d, "document type", Message("its type")))
    date_asked = Message("YYYY-MM-DD: {hint}", hint=_hint(d, "date asked", Message("the date of the question")))
    title = Message("the question's title, verbatim: {hint}", hint=_hint(d, "title", Message("copy it")))
    return [
        to_fill("parliament", d.parliament, _hint(d, "parliament", Message("e.g. Vlaams Parlement"))),
        to_fill("document_type", d.document_type, document_type),
        to_fill("number", d.number, _hint(d, "question number", Message("the question's number"))),
        to_fill("session_year", d.session_year, Message("the parliamentary year of the question, e.g. 2021-2022")),
        to_fill("date_asked", d.date_asked, date_asked),
        to_fill("date_answered", d.date_answered, unanswered),
        entry("asker", [
            to_fill("first_name", asker and asker.first_name, _hint(d, "asker", Message("who asked the question"))),
            to_fill("last_name", asker and asker.last_name, None),
        ]),
        entry("minister", [
            to_fill("first_name", minister and minister.first_name, _hint(d, "minister", Message("who answers"))),
            to_fill("last_name", minister and minister.last_name, None),
            to_fill("portfolio", minister and minister.portfolio,
                    Message("the minister's title as the document gives it")),
        ]),
        to_fill("title", d.title and d.title.text, title),
        entry("source", [
            entry("file", SOURCE_FILE),
            entry("description", _source_description(source_name)),
            entry("url", None, Message("https://... of the published document, if there is one")),
        ]),
    ]  # fmt: skip


def _source_description(name: str) -> list[Entry]:
    pdf = name.lower().endswith(".pdf")
    document = name.lower().endswith((".docx", ".html", ".htm"))
    nl_how = " (alinea's en tabellen, een tabelrij per regel met ' | ' tussen de cellen)" if document else ""
    en_how = " (paragraphs and tables, a table row a line with ' | ' between the cells)" if document else ""
    return [
        entry("nl", f"{'Tekstlaag' if pdf else 'Tekst'} van {name}{nl_how}: de schriftelijke vraag en het antwoord "
              "van de minister, in dit ontwerp van dataset omgezet door `sebrief new`."),
        entry("en", f"{'Text layer' if pdf else 'Text'} of {name}{en_how}: the written question and the minister's "
              "answer, drafted into this dataset by `sebrief new`."),
    ]  # fmt: skip


# --- the question --------------------------------------------------------------------------------


def _pieces(text: str, limit: int = MAX_QUOTE) -> list[str]:
    """A text cut at sentence ends into pieces a dataset can quote (at most ``limit`` characters)."""
    if len(text) <= limit:
        return [text]
    cut_pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        ends = [m.end() for m in re.finditer(r"[.;:?!] ", rest[:limit])]
        cut = ends[-1] if ends else rest.rfind(" ", 0, limit) + 1 or limit
        cut_pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return [*cut_pieces, rest] if rest else cut_pieces


def _passage_note(passage: Passage) -> Message | None:
    if passage.kind is PassageKind.LEAD:
        return Message("leads in a list or a table")
    if passage.kind is PassageKind.ITEM:
        return Message("list item {marker}", marker=passage.marker) if passage.marker else Message("list item")
    return None


def _question(plan: DatasetPlan) -> list[Entry]:
    intro: list[Entry] = []
    for n, passage in enumerate(plan.draft.question.introduction, start=1):
        for k, piece in enumerate(_pieces(passage.text)):
            suffix = f".{k + 1}" if k else ""
            entries = (entry("id", f"Q-INTRO-{n}{suffix}"), entry("text", piece))
            intro.append(item(*entries, comment=_passage_note(passage)))
    parts = [_part(plan, part) for part in plan.draft.question.parts]
    if not parts:
        first = entry("id", "1", Message("no numbered parts were found: copy the question's parts from the source"))
        text = entry("text", None, Message("part 1 of the question, verbatim"))
        parts = [item(first, text, entry("answered_by", Flow([])))]
    return [entry("introduction", intro), entry("parts", parts)]


def _part(plan: DatasetPlan, part: QuestionPart, top: bool = True) -> Entry:
    entries = [entry("id", part.id), entry("text", part.text), _answered_by(plan, part, top)]
    if top and part.subparts:
        entries.append(entry("subparts", [_part(plan, sub, top=False) for sub in part.subparts]))
    return entry(None, entries)


def _answered_by(plan: DatasetPlan, part: QuestionPart, top: bool) -> Entry:
    """The tables that answer a part; else empty, with a comment on what the answer says of it."""
    tables = plan.tables_answering(part.id)
    if tables:
        return entry("answered_by", Flow(tables))
    if top and part.subparts and all(plan.tables_answering(sub.id) for sub in part.subparts):
        answered = sorted({t for sub in part.subparts for t in plan.tables_answering(sub.id)})
        return entry(
            "answered_by", Flow([]), Message("its subparts are answered by {blocks}", blocks=", ".join(answered))
        )
    number = part.id if top else part.id.rstrip("abcdefghijklmnopqrstuvwxyz") or part.id
    quoting = [block.block_id for block in plan.blocks if number in block.parts]
    if not top and quoting:
        return entry(
            "answered_by",
            None,
            Message(
                "{blocks} quotes answer {number}: name it here if it answers {part} too, or write [] if the answer "
                "is silent on it",
                blocks=", ".join(quoting),
                number=number,
                part=part.id,
            ),
        )
    near = [table.block_id for table in plan.tables if table.owner and number in table.owner.ids]
    binding = f"{{part: {part.id}, column: ...}}"
    if not top and near:
        return entry(
            "answered_by",
            None,
            Message(
                "{tables} stands in answer {number}, but none of its columns was matched to this subpart's words: "
                "bind the column that answers it (binds: [{binding}]) and name the table here, or name another "
                "block, or write [] if the answer is silent on it",
                tables=", ".join(near),
                number=number,
                binding=binding,
            ),
        )
    return entry(
        "answered_by",
        None,
        Message(
            "{found}; name the block(s) that answer part {part} (add them to answer.blocks), or write [] if the "
            "answer is silent on it",
            found=_what_answers(plan, part.id, number),
            part=part.id,
        ),
    )


def _what_answers(plan: DatasetPlan, part_id: str, number: str) -> Message:
    passages = plan.passages_of.get(part_id, [])
    if passages:
        shown = passages[0] if len(passages) == 1 else f"{passages[0]} … {passages[-1]}"
        return Message("the answer's passages for it: {passages}", passages=shown)
    if number in plan.answered:
        return Message("no passage of answer {number} is marked for it", number=number)
    return Message("no answer numbered {number} was found", number=number)


# --- the answer ----------------------------------------------------------------------------------


def _passages(plan: DatasetPlan) -> Entry:
    entries: list[Entry] = []
    for part in plan.draft.answer.parts:
        for passage in part.passages:
            passage_id = plan.passage_ids[id(passage)]
            label = passage.part or part_label(part.ids)
            for k, piece in enumerate(_pieces(passage.text)):
                fields = (
                    entry("id", passage_id + (f".{k + 1}" if k else "")),
                    entry("part", label),
                    entry("text", piece),
                )
                entries.append(item(*fields, comment=_passage_note(passage)))
    return entry("passages", entries)


def _blocks(plan: DatasetPlan) -> Entry:
    blocks = [_table_block(table, n) for n, table in enumerate(plan.tables, start=1)]
    blocks += [block_entry(block) for block in plan.blocks]
    open_parts = [
        part.id
        for part in plan.draft.question.parts
        if not plan.tables_answering(part.id)
        and not (part.subparts and all(plan.tables_answering(s.id) for s in part.subparts))
    ]
    return entry("blocks", blocks, below=_text_block_example(plan, open_parts) if open_parts else ())


def _text_block_example(plan: DatasetPlan, open_parts: list[str]) -> tuple[Message | str, ...]:
    """The comment below the blocks: the parts no table answers, and a text block to answer one with."""
    example = open_parts[0]
    evidence = plan.passages_of.get(example, [])[:3] or ["P-..."]
    if len(open_parts) > 1:
        intro = Message(
            "Parts {parts} have no table in the answer: which blocks answer them (and their subparts) is for a "
            "person to decide.",
            parts=", ".join(open_parts),
        )
    else:
        intro = Message(
            "Part {part} has no table in the answer: which blocks answer it (and its subparts) is for a person to "
            "decide.",
            part=example,
        )
    example_text = Message(
        "A text block that quotes the answer, for example (a figures block for numbers, a classification block "
        "for items sorted into categories; `sebrief init` shows each):"
    )
    block_id = f"X-{example}"
    status = Message(
        "status: answered, partly or not_answered; basis: stated, inferred or not_addressed; with a reason {reason} "
        "when not answered in full. Then name {block} in the part's answered_by.",
        reason="{nl: ..., en: ...}",
        block=block_id,
    )
    return (
        intro,
        example_text,
        "- kind: text",
        f"  id: X-{example}",
        "  title: {nl: ..., en: ...}",
        f"  evidence: [{', '.join(evidence)}]",
        f"  answers: [{{part: '{example}', status: answered, basis: stated}}]",
        status,
    )


def _table_block(table: TablePlan, n: int) -> Entry:
    entries = [
        entry("kind", "table"),
        entry("id", table.block_id),
        entry("title", _table_title(table, n)),
        entry("file", table.file),
        entry("evidence", Flow([table.lead] if table.lead else [])),
    ]
    if table.period is not None:
        period = table.period
        comment = Message("the period the sentence that leads the table in gives for every row without one of its own")
        dates = [entry("start", period.start), entry("end", period.end), entry("precision", period.precision)]
        entries += [entry("period", dates, comment), entry("period_text", period.text)]
    binds = [
        item(
            entry("part", part),
            entry("column", role.value),
            *([entry("rows", "awarded")] if role in _AWARDED_ONLY else []),
        )
        for part, role in table.binds
    ]
    entries.append(entry("binds", binds, None if binds else Message("no subpart names one of its columns")))
    if table.answers_whole is not None:
        status = Message(
            "does the table answer part {part} in full (answered) or in part (partly)? Give a reason {reason} when "
            "partly",
            part=table.answers_whole,
            reason="{nl: ..., en: ...}",
        )
        answer = item(entry("part", table.answers_whole), entry("status", None, status), entry("basis", "stated"))
        entries.append(entry("answers", [answer]))
    return item(*entries)


def _table_title(table: TablePlan, n: int) -> list[Entry]:
    if table.lead_text:
        return [
            entry("nl", table.lead_text, Message("from the sentence that leads the table in")),
            entry("en", None, Message("the title in English")),
        ]
    return [entry("nl", f"Tabel {n}", Message("our title: better words are welcome")), entry("en", f"Table {n}")]


def _notes(plan: DatasetPlan) -> list[Entry]:
    """A curation note for each row a page break split (and a gap asking to check it)."""
    notes = []
    for table in plan.tables:
        for row_id, row in zip(table.row_ids, table.table.rows, strict=True):
            if not row.split_by_page_break:
                continue
            lines = Message(
                "{file}, lines {first}-{last} of the source", file=table.file, first=row.first_line, last=row.last_line
            )
            hint = Message("split by a page break and joined: check the joined description and period")
            plan.gaps.append(Gap(Message("row {row}", row=row_id), lines, hint))
            nl = (
                f"Rij {row_id} is in de bron gesplitst door een paginaovergang; de delen zijn hier samengevoegd "
                "en de bronvelden tonen ze met […]."
            )
            en = (
                f"Row {row_id} is split by a page break in the source; its fragments are joined here and the "
                "source fields show them with […]."
            )
            notes.append(entry(None, [entry("nl", nl), entry("en", en)]))
    return notes
