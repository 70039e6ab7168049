"""What the templates receive: the brief, its labels, formatters, charts and layout lookups.

Nothing here computes a figure of the analysis: it groups and cross-references what the analysis
decided (which blocks a part's section lays out, where an item is shown in full, which anchor an id
links to, which colour a kind has in the charts), so that the templates only place values.

A table is laid out by its size (thresholds in ``data/reference/layout.yaml``): in detail, as a
compact listing of one line a row in page-sized tables, or, for the largest, as totals only, with
the workbook holding every row. For the last two, the beneficiaries beyond the largest are shown
together as "others", and the largest also shows its rows per year of start: both as the analysis
added them up (``Totals.beneficiary_others``, ``Totals.per_year``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from babel import Locale

from sebrief import __version__
from sebrief.dataset.fields import shorten
from sebrief.engine.analyse import label as vocabulary_label
from sebrief.engine.brief import (
    BlockView,
    Brief,
    ClassificationView,
    Evidence,
    FiguresView,
    FigureView,
    GroupTotal,
    ItemGroupView,
    ItemView,
    KindTotal,
    Label,
    PartSection,
    RowEntry,
    TableView,
    TextView,
    Totals,
)
from sebrief.i18n import LOCALES, Translator
from sebrief.reference import LayoutRules, layout_rules
from sebrief.render import Attachment
from sebrief.render.pdf.charts import (
    beneficiary_charts,
    charted_figures,
    colour,
    figures_charts,
    timeline_charts,
    timeline_month_charts,
)
from sebrief.render.pdf.labels import labels as brief_labels

BASES = ("stated", "inferred", "not_addressed")


@dataclass(frozen=True)
class DocumentInfo:
    """The document's metadata, written into the HTML head and from there into the PDF."""

    title: str
    description: str
    author: str
    keywords: str
    generator: str
    created: str | None  # W3C date-time, as WeasyPrint reads it from <meta name="dcterms.created">


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    level: int


@dataclass(frozen=True)
class Ref:
    """A link to a place in the brief: what a follow-up question follows up on, where a part is answered."""

    kind: str
    text: str
    anchor: str


@dataclass(frozen=True)
class Section:
    """A part of the question as the brief lays it out: the part, and the blocks shown in its section."""

    part: PartSection
    anchor: str
    title: str
    blocks: tuple[BlockView, ...]
    timeline: bool  # the timeline of the rows follows the section's blocks
    large: bool  # holds a table or a classification: starts on a new page


@dataclass(frozen=True)
class TableLayout:
    """A table block's rows under the total of their kind, and its column headers."""

    groups: tuple[tuple[KindTotal, tuple[RowEntry, ...]], ...]
    columns: tuple[tuple[str, str], ...]  # (column, header) in the order of the question's subparts
    money_headers: tuple[str, ...]  # one per money column of the table's totals
    amount_index: int | None  # the position of the amount column among ``columns``
    show_share: bool
    notes: dict[str, int]  # row id -> number of its note
    pending: Label | None  # the status of rows still in procedure, when the table has any
    estimates: bool  # a total carries an estimate incl. VAT
    converted: bool  # a row's amount incl. VAT is shown converted to excl. VAT
    mode: str = "detailed"  # detailed | listed (one line a row) | aggregated (totals only)
    chunks: tuple[ListingChunk, ...] = ()  # the compact listing, in tables of a page or less
    id_width_mm: float = 13.0  # of the compact listing's first column: its longest row id in bold
    mixed_bases: bool = False  # some amounts of the listing say their own VAT basis: a wider column
    beneficiaries: tuple[GroupTotal, ...] = ()  # as shown: every one, or the largest and "others"
    other_beneficiaries: int = 0  # how many are counted together under "others"
    years: tuple[GroupTotal, ...] = ()  # the rows per year of start (aggregated layout)
    year_total: GroupTotal | None = None


@dataclass(frozen=True)
class ListedRow:
    """A row on one line of the compact listing; the full texts are in the workbook."""

    row: RowEntry
    description: str  # cut with an ellipsis where too long
    period: str
    beneficiary: str
    amount: str  # formatted; with its VAT basis where the piece's heading cannot say it
    cut: bool  # the description or the beneficiary was cut


@dataclass(frozen=True)
class ListingPiece:
    """Consecutive rows of one kind in one table of the compact listing."""

    kind: KindTotal
    vat_basis: Label | None  # of every amount of the piece; None when they differ (each amount says its own)
    continued: bool  # the kind began in the table before
    rows: tuple[ListedRow, ...]


ListingChunk = tuple[ListingPiece, ...]


@dataclass(frozen=True)
class ClassificationLayout:
    items: dict[str, ItemView]
    home: dict[str, str]  # item id -> the category it is shown in full under (its first)
    category_labels: dict[str, str]
    matrix: tuple[tuple[ItemGroupView | None, tuple[ItemView, ...]], ...]


def template_context(
    brief: Brief,
    *,
    attachments: Sequence[Attachment] = (),
    timestamp: dt.datetime | None = None,
    full_listing: bool = False,
) -> dict[str, Any]:
    """``full_listing``: list every row of every table (compact above the detailed threshold)."""
    t = Translator(brief.header.lang)
    text = brief_labels(brief, t)
    rules = layout_rules()
    sections, others = part_layout(brief, text)
    palette = colours(brief.totals)
    tables = {
        b.id: table_layout(brief, b, text, rules, t, full_listing) for b in brief.blocks if isinstance(b, TableView)
    }
    listed = {row_id for b in brief.blocks if isinstance(b, TableView) and tables[b.id].mode != "aggregated"
              for row_id in b.row_ids}  # fmt: skip
    monthly = len(brief.rows) > rules.detailed_rows
    targets = ref_targets(brief)
    shown = shown_signals(brief, rules.clusters_shown)
    return {
        "brief": brief,
        "fmt": t,
        "labels": text,
        "doc": document_info(brief, text, timestamp),
        "source_lang": brief.header.source_lang,
        "source_language": language_name(brief.header.source_lang, brief.header.lang),
        "page_of": counter_parts(text["page_of"]),
        "sections": sections,
        "other_blocks": others,
        "timeline_in_others": brief.timeline is not None and not any(s.timeline for s in sections),
        "toc": toc(brief, text, sections, others),
        "answered_in": answered_in(brief),
        "coverage": {part.part_id: part for part in brief.coverage},
        "basis_legend": tuple((code, text[f"legend_{code}"]) for code in BASES),
        "basis_labels": basis_labels(t),
        "grouping_text": GroupingText(brief),
        "tables": tables,
        "listed_rows": listed,  # rows with an anchor in the brief: links to the others are plain ids
        "timeline_monthly": monthly,
        "workbook_name": next((a.filename for a in attachments if a.filename.endswith(".xlsx")), None),
        "classifications": {b.id: classification_layout(b) for b in brief.blocks if isinstance(b, ClassificationView)},
        "figure_values": {
            b.id: {f.id: figure_value(f, t) for f in b.figures} for b in brief.blocks if isinstance(b, FiguresView)
        },
        **evidence_layout(brief, sections, others),
        "charted": {
            b.id: len(charted_figures(b.figures)) for b in brief.blocks if isinstance(b, FiguresView) and b.chart
        },
        "charts": charts(brief, t, text, palette, tables, monthly),
        "signal_numbers": {signal.id: number for number, signal in enumerate(brief.signals, start=1)},
        "signals_shown": shown,
        "signals_hidden": len(brief.signals) - len(shown),
        "refs": {q.number: follow_up_refs(targets, q.follows_up_on, text, listed, shown) for q in brief.follow_up},
        "vat_rate": t.percent(brief.totals.vat_rate, 0) if brief.totals else "",
        "attachments": tuple(attachments),
    }


def document_info(brief: Brief, text: dict[str, str], timestamp: dt.datetime | None) -> DocumentInfo:
    header = brief.header
    keywords = (header.parliament, header.document_type, header.reference, header.title, header.session_year,
                header.asker.name, header.minister.name, text["document_type"])  # fmt: skip
    return DocumentInfo(
        title=f"{header.reference}: {header.title}",
        description=f"{text['document_type']}: {text['subtitle']} ({header.parliament}, {header.reference})",
        author="sebrief",
        keywords=", ".join(word.replace(",", " ") for word in keywords),
        generator=f"sebrief {__version__}",
        created=timestamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp else None,
    )


def language_name(code: str, lang: str) -> str:
    """The source's language in the brief's language ('Nederlands', 'Dutch'), or its code if unknown."""
    try:
        name = Locale.parse(LOCALES[lang]).languages.get(code.split("-")[0].lower())
    except (ValueError, LookupError):
        name = None
    return str(name) if name else code


def counter_parts(message: str) -> tuple[tuple[str, str], ...]:
    """'page {page} of {pages}' as text and counter parts, for a page number drawn by CSS."""
    parts = re.split(r"\{(page|pages)\}", message)
    return tuple(("counter" if index % 2 else "text", part) for index, part in enumerate(parts) if part)


# --- parts and blocks ----------------------------------------------------------------------


def part_layout(brief: Brief, text: dict[str, str]) -> tuple[tuple[Section, ...], tuple[BlockView, ...]]:
    """The sections in the question's order, each with the blocks it lays out (its own, then its
    subparts'), and the blocks no part names (shown after the parts, so that nothing is left out)."""
    placed: list[str] = []
    laid_out: list[tuple[PartSection, tuple[str, ...]]] = []
    for part in brief.parts:
        ids = [*part.block_ids, *(b for sub in part.subparts for b in sub.block_ids)]
        here = tuple(b for b in dict.fromkeys(ids) if b not in placed)
        placed.extend(here)
        laid_out.append((part, here))
    others = tuple(block for block in brief.blocks if block.id not in placed)
    order = [*placed, *(block.id for block in others)]
    tables = [block_id for block_id in order if isinstance(brief.block(block_id), TableView)]
    last_table = tables[-1] if tables and brief.timeline is not None else None
    sections = tuple(
        Section(
            part=part,
            anchor=f"part-{part.part_id}",
            title=text["part_title"].format(part=part.part_id),
            blocks=tuple(brief.block(b) for b in ids),
            timeline=last_table in ids,
            large=any(isinstance(brief.block(b), TableView | ClassificationView) for b in ids),
        )
        for part, ids in laid_out
    )
    return sections, others


def block_anchor(block_id: str) -> str:
    return f"block-{block_id}"


def category_anchor(block_id: str, category_id: str) -> str:
    return f"category-{block_id}-{category_id}"


def answered_in(brief: Brief) -> dict[str, tuple[Ref, ...]]:
    """For each part and subpart: links to the blocks that answer it, or to the category of a
    classification that answers it."""
    out: dict[str, tuple[Ref, ...]] = {}
    parts = [section for part in brief.parts for section in (part, *part.subparts)]
    for part in parts:
        refs = []
        for block_id in (*part.block_ids, *part.see_also):
            block = brief.block(block_id)
            category = (
                next((c for c in block.categories if c.part_id == part.part_id), None)
                if isinstance(block, ClassificationView)
                else None
            )
            if category is not None:
                refs.append(Ref(block.title, category.label, category_anchor(block.id, category.id)))
            else:
                refs.append(Ref(block.title, "", block_anchor(block.id)))
        out[part.part_id] = tuple(refs)
    return out


class GroupingText:
    """``grouping_text(groupings)`` in the templates: 'Theme: Research · Region 2, Region 4'.

    A grouping's name is left out where its values already carry it ('Region 2').
    """

    def __init__(self, brief: Brief) -> None:
        self.names = {
            label.code: label.label
            for block in brief.blocks
            if isinstance(block, TableView)
            for label in block.groupings
        }

    def __call__(self, groupings: tuple[tuple[str, tuple[Label, ...]], ...]) -> str:
        parts = []
        for grouping_id, values in groupings:
            if not values:
                continue
            text = ", ".join(value.label for value in values)
            name = self.names.get(grouping_id)
            if name and not all(value.label.casefold().startswith(name.casefold()) for value in values):
                text = f"{name}: {text}"
            parts.append(text)
        return " · ".join(parts)


def evidence_layout(
    brief: Brief, sections: tuple[Section, ...], others: tuple[BlockView, ...]
) -> dict[str, dict[str, Any]]:
    """``block_evidence``: the passages each block quotes as a whole, in the order the brief lays the
    blocks out, less those an earlier block quoted already; ``evidence_above``: for a block whose
    passages were all quoted before, a link to the block that quotes them."""
    quoted_in: dict[str, BlockView] = {}
    own: dict[str, tuple[Evidence, ...]] = {}
    above: dict[str, Ref] = {}
    for block in (*(block for section in sections for block in section.blocks), *others):
        passages = block_evidence(block)
        own[block.id] = tuple(e for e in passages if e.passage_id not in quoted_in)
        earlier = {quoted_in[e.passage_id].id: quoted_in[e.passage_id] for e in passages if e.passage_id in quoted_in}
        if passages and not own[block.id] and len(earlier) == 1:
            (first,) = earlier.values()
            above[block.id] = Ref(first.title, "", block_anchor(first.id))
        for evidence in passages:
            quoted_in.setdefault(evidence.passage_id, block)
    return {"block_evidence": own, "evidence_above": above}


def block_evidence(block: BlockView) -> tuple[Evidence, ...]:
    """The passages a block rests on as a whole, less those quoted under its points or items."""
    if isinstance(block, TextView):
        quoted = {point.evidence.passage_id for point in block.points}
    elif isinstance(block, ClassificationView):
        quoted = {evidence.passage_id for item in block.items for evidence in item.evidence}
    else:
        quoted = set()
    return tuple(evidence for evidence in block.evidence if evidence.passage_id not in quoted)


def basis_labels(t: Translator) -> dict[str, Label]:
    """The label of each basis in the brief's language, in the analysis's own words."""
    return {code: vocabulary_label(t, "basis", code) for code in BASES}


def toc(
    brief: Brief, text: dict[str, str], sections: tuple[Section, ...], others: tuple[BlockView, ...]
) -> tuple[TocEntry, ...]:
    entries = [TocEntry("key-points", text["key_points"], 1)]
    if brief.changes is not None:
        entries.append(TocEntry("changes", text["changes"], 1))
    if brief.introduction:
        entries.append(TocEntry("introduction", text["introduction"], 1))
    for section in sections:
        entries.append(TocEntry(section.anchor, section.title, 1))
        entries += [TocEntry(block_anchor(block.id), block.title, 2) for block in section.blocks]
        if section.timeline:
            entries.append(TocEntry("timeline", text["timeline"], 2))
    if others:
        entries.append(TocEntry("other-blocks", text["other_blocks"], 1))
        entries += [TocEntry(block_anchor(block.id), block.title, 2) for block in others]
        if brief.timeline is not None and not any(section.timeline for section in sections):
            entries.append(TocEntry("timeline", text["timeline"], 2))
    entries += [
        TocEntry("signals", text["signals"], 1),
        TocEntry("follow-up", text["follow_up"], 1),
        TocEntry("method", text["method"], 1),
    ]
    return tuple(entries)


def table_layout(
    brief: Brief,
    table: TableView,
    text: dict[str, str],
    rules: LayoutRules | None = None,
    t: Translator | None = None,
    full_listing: bool = False,
) -> TableLayout:
    rows = tuple(brief.row(row_id) for row_id in table.row_ids)
    groups = tuple(
        (kind, tuple(row for row in rows if row.kind.code == kind.kind.code)) for kind in table.totals.per_kind
    )
    columns = tuple(
        (column.column, text["column_part"].format(column=upper_first(column.label), part=column.part_id))
        for column in table.columns
        if column.column not in ("kind", "status")  # the kind heads its rows; the status shows in their cells
    )
    bound = {column for column, _ in columns}
    if "description" not in bound:  # every row is named by its description, asked for or not
        columns = (("description", text["description"]), *columns)
    if "amount" not in bound and any(brief.row(row_id).amount is not None for row_id in table.row_ids):
        columns += (("amount", text["amount"]),)
    if table.has_procedure and "procedure" not in bound:
        columns += (("procedure", text["procedure"]),)
    rules = rules or layout_rules()
    t = t or Translator(brief.header.lang)
    mode = rules.mode(len(rows), full_listing)
    with_notes = [row.id for row in rows if row.note] if mode == "detailed" else []
    shown, hidden = (
        top_beneficiaries(table.totals, rules.top_n, text) if mode != "detailed" else (table.totals.per_beneficiary, 0)
    )
    years = per_year(table.totals, text) if mode == "aggregated" else ()
    chunks = listing_chunks(groups, rules, t) if mode == "listed" else ()
    return TableLayout(
        groups=groups,
        columns=columns,
        money_headers=money_headers(table.totals),
        amount_index=next((i for i, (column, _) in enumerate(columns) if column == "amount"), None),
        show_share=any(group.procurement_share is not None for group in table.totals.per_beneficiary),
        notes={row_id: number for number, row_id in enumerate(with_notes, start=1)},
        pending=next((row.status for row in rows if row.status.code == "in_procedure"), None),
        converted=any(row.converted and row.amount_excl_vat is not None for row in rows),
        estimates=any(a.incl_vat_estimate is not None for kind in table.totals.per_kind for a in kind.amounts),
        mode=mode,
        chunks=chunks,
        id_width_mm=id_width(rows),
        mixed_bases=any(
            piece.vat_basis is None and any(line.amount for line in piece.rows) for chunk in chunks for piece in chunk
        ),
        beneficiaries=shown,
        other_beneficiaries=hidden,
        years=years,
        year_total=table.totals.year_total if years else None,
    )


def listing_chunks(
    groups: tuple[tuple[KindTotal, tuple[RowEntry, ...]], ...], rules: LayoutRules, t: Translator
) -> tuple[ListingChunk, ...]:
    """The rows, a line each, in tables of ``chunk_rows`` rows: WeasyPrint lays a table out in more
    than linear time in its rows; separate tables keep the whole listing linear. A piece is the run
    of rows of one kind in one table; its heading names their VAT basis when they share one, and
    otherwise each amount says its own."""
    lines = [(kind, compact_row(row, rules, t)) for kind, rows in groups for row in rows]
    chunks: list[ListingChunk] = []
    previous: KindTotal | None = None
    for at in range(0, len(lines), rules.chunk_rows):
        pieces: list[tuple[KindTotal, bool, list[ListedRow]]] = []
        for kind, line in lines[at : at + rules.chunk_rows]:
            if pieces and pieces[-1][0] is kind:
                pieces[-1][2].append(line)
            else:
                pieces.append((kind, kind is previous and not pieces, [line]))
            previous = kind
        chunks.append(tuple(listing_piece(kind, continued, rows) for kind, continued, rows in pieces))
    return tuple(chunks)


def listing_piece(kind: KindTotal, continued: bool, rows: list[ListedRow]) -> ListingPiece:
    priced = [line.row.vat_basis for line in rows if line.amount]
    if len({basis.code for basis in priced}) <= 1:  # a row without an amount has no basis to say
        return ListingPiece(kind, priced[0] if priced else None, continued, tuple(rows))
    said = (dataclasses.replace(line, amount=f"{line.amount} {line.row.vat_basis.label}") if line.amount else line
            for line in rows)  # fmt: skip
    return ListingPiece(kind, None, continued, tuple(said))


CUT_END = " ,;:-–"  # taken off a cell's text where it is cut, before the ellipsis
ID_CHAR_MM = 1.9  # the widest bold character of a row id at the listing's 7.5 pt, with room to spare


def id_width(rows: Sequence[RowEntry]) -> float:
    """The width of the compact listing's id column: its longest id, however the dataset numbers rows."""
    longest = max((len(row.id) for row in rows), default=3)
    return round(min(max(longest, 3) * ID_CHAR_MM + 1.0, 40.0), 1)


def compact_row(row: RowEntry, rules: LayoutRules, t: Translator) -> ListedRow:
    description = cell_text(row.description, rules.description_chars)
    beneficiary = cell_text(row.beneficiary or "", rules.beneficiary_chars)
    return ListedRow(
        row=row,
        description=description,
        period=compact_period(row),
        beneficiary=beneficiary,
        amount=t.money(row.amount) if row.amount is not None else "",
        cut=description.endswith("…") or beneficiary.endswith("…"),
    )


def cell_text(text: str, limit: int) -> str:
    """``text`` on one line, cut after a word with an ellipsis where longer than ``limit``."""
    return shorten(" ".join(text.split()), limit, at_word=True, strip=CUT_END)


def compact_period(row: RowEntry) -> str:
    """'01/12/2017–30/06/2018', or '02/2019–09/2019' for a period in months: one short line."""
    if row.start is None or row.end is None:
        return ""
    if row.precision == "month":
        first, last = f"{row.start:%m/%Y}", f"{row.end:%m/%Y}"
    else:
        first, last = f"{row.start:%d/%m/%Y}", f"{row.end:%d/%m/%Y}"
    return first if first == last else f"{first}–{last}"


def top_beneficiaries(totals: Totals, top_n: int, text: dict[str, str]) -> tuple[tuple[GroupTotal, ...], int]:
    """The ``top_n`` beneficiaries with the largest amounts and the others together (as the analysis
    ranks and adds them up), when there are more than one more; and how many the others are."""
    others = totals.other_beneficiaries(top_n)
    if others is None or others.count == 1:  # the one more is shown rather than "others (1)"
        return totals.per_beneficiary, 0
    label = text["others"].format(count=others.count)
    return (*totals.per_beneficiary[:top_n], dataclasses.replace(others.total, label=label)), others.count


def per_year(totals: Totals, text: dict[str, str]) -> tuple[GroupTotal, ...]:
    """The rows per year of their start, as the analysis counts them; the rows without a period named
    the brief's way."""
    return tuple(
        dataclasses.replace(year, label=text["no_start"]) if year.key == "" else year for year in totals.per_year
    )


def money_headers(totals: Totals) -> tuple[str, ...]:
    return tuple(f"{upper_first(c.kind.label)} ({c.vat_basis.label})" for c in totals.columns)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def classification_layout(block: ClassificationView) -> ClassificationLayout:
    items = {item.id: item for item in block.items}
    home: dict[str, str] = {}
    for category in block.categories:
        for item_id in category.item_ids:
            home.setdefault(item_id, category.id)
    groups = {group.id: group for group in block.groups}
    matrix: dict[str | None, list[ItemView]] = {}
    for item in block.items:
        matrix.setdefault(item.group_id if item.group_id in groups else None, []).append(item)
    return ClassificationLayout(
        items=items,
        home=home,
        category_labels={category.id: category.label for category in block.categories},
        matrix=tuple((groups.get(key) if key is not None else None, tuple(members)) for key, members in matrix.items()),
    )


def figure_value(figure: FigureView, t: Translator) -> str:
    """A figure's value the Belgian way, with as many decimals as the answer gives it (its unit has a column)."""
    if figure.unit.code == "eur":
        return t.money(figure.value)
    return t.number(figure.value, max(0, -int(figure.value.as_tuple().exponent)))


# --- charts --------------------------------------------------------------------------------


def colours(totals: Totals | None) -> dict[str, str]:
    """A colour per money column of the whole brief, and per kind (the colour of its first column)."""
    palette: dict[str, str] = {}
    for index, column in enumerate(totals.columns if totals else ()):
        palette[column.key] = colour(index)
        palette.setdefault(f"kind:{column.kind.code}", colour(index))
    return palette


def charts(
    brief: Brief,
    t: Translator,
    text: dict[str, str],
    palette: dict[str, str],
    tables: dict[str, TableLayout] | None = None,
    monthly: bool = False,
) -> dict[str, tuple[str, ...]]:
    """Each chart as one or more SVG data URIs: a long chart is split into pieces that fit a page, on
    one scale; a chart of many beneficiaries shows the largest and the others together, and the
    timeline of many rows counts them per month (``monthly``)."""
    drawn: dict[str, tuple[str, ...]] = {}
    for block in brief.blocks:
        if isinstance(block, TableView) and any(any(g.amounts) for g in block.totals.per_beneficiary):
            shown = tables[block.id].beneficiaries if tables else block.totals.per_beneficiary
            drawn[f"beneficiaries:{block.id}"] = beneficiary_charts(shown, block.totals.columns, palette, t)
        if isinstance(block, FiguresView) and block.chart:
            drawn[f"figures:{block.id}"] = figures_charts(block.figures, t)
    if brief.timeline is not None and brief.totals is not None:
        kinds = {
            kind.kind.code: (palette[f"kind:{kind.kind.code}"], upper_first(kind.kind.label))
            for kind in brief.totals.per_kind
            if f"kind:{kind.kind.code}" in palette
        }
        if monthly:
            drawn["timeline"] = timeline_month_charts(brief.totals.per_kind, brief.timeline, kinds, t, text)
        else:
            drawn["timeline"] = timeline_charts(brief.rows, brief.timeline, kinds, t, text)
    return drawn


# --- follow-up -----------------------------------------------------------------------------


def follow_up_refs(
    targets: dict[str, tuple[str, str | None]],
    ids: tuple[str, ...],
    text: dict[str, str],
    listed: set[str] | None = None,
    signals: set[str] | None = None,
    shown: int = 20,
) -> tuple[Ref, ...]:
    """Links from a follow-up question to the parts, items, rows and points of attention it follows up on;
    a row the brief does not list (``listed``) is named without a link. Past ``shown`` references, one
    more says how many others there are (every one of them is in the workbook)."""
    refs: list[Ref] = []
    for ref_id in ids:
        if len(refs) == shown:
            refs.append(Ref("", text["and_more"].format(count=len(ids) - shown), ""))
            break
        kind, anchor_of = targets.get(ref_id, ("", None))
        if kind == "part":
            refs.append(Ref(text["ref_part"], ref_id, f"part-{ref_id}"))
        elif kind == "item" and anchor_of is not None:
            refs.append(Ref(text["ref_item"], ref_id, item_anchor(anchor_of, ref_id)))
        elif kind == "row":
            anchor = f"row-{ref_id}" if listed is None or ref_id in listed else ""
            refs.append(Ref(text["ref_row"], ref_id, anchor))
        elif kind == "signal" and anchor_of is not None:
            anchor = f"signal-{ref_id}" if signals is None or ref_id in signals else ""
            refs.append(Ref(text["ref_signal"], anchor_of, anchor))
    return tuple(refs)


def shown_signals(brief: Brief, clusters: int) -> set[str]:
    """The points of attention the brief prints: every one, but of the groups of overlapping awards to
    one supplier only the ``clusters`` largest (the others are counted; the workbook has them all)."""
    grouped = [s for s in brief.signals if s.kind.code == "same_supplier_cluster"]
    largest = sorted(grouped, key=lambda s: (-(s.amount or 0), s.id))[:clusters]
    return {s.id for s in brief.signals if s not in grouped} | {s.id for s in largest}


def ref_targets(brief: Brief) -> dict[str, tuple[str, str | None]]:
    """What each id a follow-up question may name is (part, item, row, signal), with its anchor's key."""
    targets: dict[str, tuple[str, str | None]] = {row.id: ("row", None) for row in brief.rows}
    for block in brief.blocks:
        if isinstance(block, ClassificationView):
            targets.update({item.id: ("item", block.id) for item in block.items})
    targets.update({signal.id: ("signal", str(n)) for n, signal in enumerate(brief.signals, start=1)})
    targets.update({part.part_id: ("part", None) for part in brief.coverage})
    return targets


def item_anchor(block_id: str, item_id: str) -> str:
    return f"item-{block_id}-{item_id}"
