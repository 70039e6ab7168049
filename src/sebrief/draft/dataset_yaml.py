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
from sebrief.draft.commented_yaml import Entry, Flow, entry, item, mapping, to_fill
from sebrief.draft.dataset_plan import DatasetPlan, TablePlan, part_label
from sebrief.draft.structure import ColumnRole, Draft, Gap, Passage, PassageKind, QuestionPart

SOURCE_FILE = "source.txt"
MAX_QUOTE = 5000  # the longest quote a dataset takes (sebrief.dataset.fields.Quote)

# Which rows must have a column filled for its subpart to be answered: a row in procedure has no
# beneficiary and no amount yet.
_AWARDED_ONLY = (ColumnRole.BENEFICIARY, ColumnRole.AMOUNT)
_PROCUREMENT = (
    "true if these rows are public procurement (their amounts are compared with the procurement "
    "thresholds, excl. VAT), false if not (subsidies, grants, work in house)"
)


def header_comment(source_name: str) -> list[str]:
    """The comment lines that open dataset.yaml."""
    return [
        f"Draft dataset (format version {SCHEMA_VERSION}) written by `sebrief new` from {source_name}.",
        f"{SOURCE_FILE} is the text read from it: every field named `text`, the title and the verbatim",
        "columns of the tables' CSV files are quotes of it, as the drafter read them; check them against",
        "the published document.",
        "What only a person can decide is left empty, with a comment saying what to fill in:",
        "`sebrief validate <this folder>` lists each one by line. `sebrief schema` prints the format.",
    ]


def dataset_entries(plan: DatasetPlan, source_text: str, source_name: str, folder_name: str) -> list[Entry]:
    """The entries of dataset.yaml, in the format's order."""
    return [
        entry("schema_version", SCHEMA_VERSION),
        _dataset_id(plan.draft, folder_name),
        entry("language", "nl"),
        entry("metadata", _metadata(plan.draft, source_name)),
        entry("question", _question(plan)),
        _kinds(plan, source_text),
        entry(
            "groupings",
            [],
            above=(
                "",
                "None drafted: what rows are totalled by (a theme, a region, a year...) is for a person to define.",
                "A grouping a table uses is listed in its `groupings` and gets a column of that name in its CSV.",
            ),
        ),
        entry("answer", [_passages(plan), _blocks(plan)]),
        entry("curation_notes", _notes(plan)),
    ]


def _hint(draft: Draft, what: str, default: str) -> str:
    """The parser's hint for what it could not find, else ``default``."""
    return next((gap.hint for gap in draft.gaps if gap.what == what), default)


def _dataset_id(draft: Draft, folder_name: str) -> Entry:
    if draft.document_type == "schriftelijke vraag" and draft.number and draft.session_year:
        return entry("id", f"sv-{draft.number}-{draft.session_year}")
    if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", folder_name):
        return entry("id", folder_name, "named after the folder: check it")
    return entry("id", None, "the dataset's id: lowercase letters, digits and hyphens, e.g. sv-305-2018-2019")


def _metadata(d: Draft, source_name: str) -> list[Entry]:
    asker, minister = d.asker, d.minister
    unanswered = (
        "the document gives no date for the answer: fill it in (YYYY-MM-DD) from the parliament's record, "
        "or leave it empty; never guess it"
    )
    return [
        to_fill("parliament", d.parliament, _hint(d, "parliament", "e.g. Vlaams Parlement")),
        to_fill("document_type", d.document_type, "e.g. schriftelijke vraag: " + _hint(d, "document type", "")),
        to_fill("number", d.number, _hint(d, "number", "the question's number")),
        to_fill("session_year", d.session_year, "the parliamentary year of the question, e.g. 2021-2022"),
        to_fill("date_asked", d.date_asked, "YYYY-MM-DD: " + _hint(d, "date asked", "the date of the question")),
        to_fill("date_answered", d.date_answered, unanswered),
        entry("asker", [
            to_fill("first_name", asker and asker.first_name, _hint(d, "asker", "who asked the question")),
            to_fill("last_name", asker and asker.last_name, None),
        ]),
        entry("minister", [
            to_fill("first_name", minister and minister.first_name, _hint(d, "minister", "who answers")),
            to_fill("last_name", minister and minister.last_name, None),
            to_fill("portfolio", minister and minister.portfolio, "the minister's title as the document gives it"),
        ]),
        to_fill("title", d.title and d.title.text, "the question's title, verbatim: " + _hint(d, "title", "")),
        entry("source", [
            entry("file", SOURCE_FILE),
            entry("description", _source_description(source_name)),
            entry("url", None, "https://... of the published document, if there is one"),
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


def _passage_note(passage: Passage) -> str | None:
    if passage.kind is PassageKind.LEAD:
        return "leads in a list or a table"
    if passage.kind is PassageKind.ITEM:
        return f"list item {passage.marker}" if passage.marker else "list item"
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
        first = entry("id", "1", "no numbered parts were found: copy the question's parts from the source")
        parts = [item(first, entry("text", None, "part 1 of the question, verbatim"), entry("answered_by", Flow([])))]
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
        return entry("answered_by", Flow([]), f"its subparts are answered by {', '.join(answered)}")
    number = part.id if top else part.id.rstrip("abcdefghijklmnopqrstuvwxyz") or part.id
    quoting = [block.block_id for block in plan.blocks if number in block.parts]
    if not top and quoting:
        return entry(
            "answered_by",
            None,
            f"{', '.join(quoting)} quotes answer {number}: name it here if it answers {part.id} too, or write [] if "
            "the answer is silent on it",
        )
    near = [table.block_id for table in plan.tables if table.owner and number in table.owner.ids]
    if not top and near:
        return entry(
            "answered_by",
            None,
            f"{', '.join(near)} stands in answer {number}, but none of its columns was matched to this subpart's "
            f"words: bind the column that answers it (binds: [{{part: {part.id}, column: ...}}]) and name the "
            "table here, or name another block, or write [] if the answer is silent on it",
        )
    return entry(
        "answered_by",
        None,
        f"{_what_answers(plan, part.id, number)}; name the block(s) that answer part {part.id} (add them to "
        "answer.blocks), or write [] if the answer is silent on it",
    )


def _what_answers(plan: DatasetPlan, part_id: str, number: str) -> str:
    passages = plan.passages_of.get(part_id, [])
    if passages:
        shown = passages[0] if len(passages) == 1 else f"{passages[0]} … {passages[-1]}"
        return f"the answer's passages for it: {shown}"
    if number in plan.answered:
        return f"no passage of answer {number} is marked for it"
    return f"no answer numbered {number} was found"


# --- kinds ---------------------------------------------------------------------------------------


def _plural(label: str, words: set[str]) -> str | None:
    """The plural of a label, when the source uses it: 'Overheidsopdracht' -> 'Overheidsopdrachten'."""
    lower = label.lower()
    for ending in ("en", "s", "'s", lower[-1:] + "en"):
        if lower + ending in words:
            return label + ending
    return None


def _kinds(plan: DatasetPlan, source_text: str) -> Entry:
    """The kinds the source labels rows with, then one to define for each table whose rows have none."""
    words = set(re.findall(r"[^\W\d_][\w'-]*", source_text.lower()))
    kinds = _labelled_kinds(plan)
    entries = [_labelled_kind(kind_id, label, _plural(label, words)) for kind_id, label in kinds.items()]
    for table in plan.tables:
        if not any(row.kind for row in table.table.rows):
            hint = "the source gives no kind for its rows: define the kind(s) in dataset.yaml and fill in the kind "
            plan.gaps.append(Gap(f"kind of the rows of {table.file}", f"table {table.block_id}", hint + "column"))
            entries.append(_kind_to_define(table))
    above = ["", "The kinds of the tables' rows"]
    above[1] += ", from the labels the source puts before the rows' descriptions." if kinds else "."
    return entry("kinds", entries, above=tuple(above))


def _labelled_kinds(plan: DatasetPlan) -> dict[str, str]:
    """Kind id -> label of the kinds the rows are labelled with; a gap for each unlabelled row among them."""
    kinds: dict[str, str] = {}
    for table in plan.tables:
        labelled = any(row.kind for row in table.table.rows)
        for row_id, row in zip(table.row_ids, table.table.rows, strict=True):
            if row.kind:
                kinds.setdefault(row.kind, row.kind_text or row.kind)
            elif labelled:
                plan.gaps.append(
                    Gap(
                        f"row {row_id} kind",
                        f"{table.file}, line {row.first_line} of the source",
                        "the source gives no kind for this row: fill in its kind column",
                    )
                )
    return kinds


def _labelled_kind(kind_id: str, label: str, plural: str | None) -> Entry:
    return item(
        entry("id", kind_id),
        mapping("label", entry("nl", label), entry("en", None, "the label in English")),
        mapping("plural", to_fill("nl", plural, "the plural in Dutch (not found in the source)"),
                entry("en", None, "the plural in English")),
        entry("procurement", None, _PROCUREMENT),
    )  # fmt: skip


def _kind_to_define(table: TablePlan) -> Entry:
    return item(
        entry("id", None, f"the source gives no kind for the rows of {table.file}: give one (e.g. study) and "
              "write it in the kind column of each of its rows"),
        mapping("label", entry("nl", None, "the label in Dutch"), entry("en", None, "the label in English")),
        mapping("plural", entry("nl", None, "the plural in Dutch"), entry("en", None, "the plural in English")),
        entry("procurement", None, _PROCUREMENT),
    )  # fmt: skip


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


def _text_block_example(plan: DatasetPlan, open_parts: list[str]) -> tuple[str, ...]:
    """The comment below the blocks: the parts no table answers, and a text block to answer one with."""
    example = open_parts[0]
    evidence = plan.passages_of.get(example, [])[:3] or ["P-..."]
    many = len(open_parts) > 1
    parts = f"Parts {', '.join(open_parts)} have" if many else f"Part {example} has"
    them = "them (and their subparts)" if many else "it (and its subparts)"
    return (
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
        comment = "the period the sentence that leads the table in gives for every row without one of its own"
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
    entries.append(entry("binds", binds, None if binds else "no subpart names one of its columns"))
    if table.answers_whole is not None:
        status = (
            f"does the table answer part {table.answers_whole} in full (answered) or in part (partly)? "
            "Give a reason {nl: ..., en: ...} when partly"
        )
        answer = item(entry("part", table.answers_whole), entry("status", None, status), entry("basis", "stated"))
        entries.append(entry("answers", [answer]))
    return item(*entries)


def _table_title(table: TablePlan, n: int) -> list[Entry]:
    if table.lead_text:
        return [
            entry("nl", table.lead_text, "from the sentence that leads the table in"),
            entry("en", None, "the title in English"),
        ]
    return [entry("nl", f"Tabel {n}", "our title: better words are welcome"), entry("en", f"Table {n}")]


def _notes(plan: DatasetPlan) -> list[Entry]:
    """A curation note for each row a page break split (and a gap asking to check it)."""
    notes = []
    for table in plan.tables:
        for row_id, row in zip(table.row_ids, table.table.rows, strict=True):
            if not row.split_by_page_break:
                continue
            lines = f"{table.file}, lines {row.first_line}-{row.last_line} of the source"
            hint = "split by a page break and joined: check the joined description and period"
            plan.gaps.append(Gap(f"row {row_id}", lines, hint))
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
