"""What the templates receive: the brief, its labels, formatters, charts and layout lookups.

Nothing here computes a figure of the analysis: it gathers what the templates place, by name: the
document's metadata, the sections and their cross-references (``anchors``), the layout of each
table (``tables``), of each classification and figure, and the charts, each as SVG in the colour
of its kind.
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
from sebrief.brand import Brand
from sebrief.engine.brief import (
    BlockView,
    Brief,
    ClassificationView,
    FiguresView,
    FigureView,
    ItemGroupView,
    ItemView,
    Label,
    TableView,
    Totals,
)
from sebrief.engine.vocabulary import label as vocabulary_label
from sebrief.i18n import LOCALES, Translator
from sebrief.reference import LayoutRules, layout_rules
from sebrief.render import Attachment
from sebrief.render.pdf.anchors import (
    Section,
    answered_in,
    evidence_layout,
    follow_up_refs,
    part_layout,
    ref_targets,
    shown_signals,
    toc,
)
from sebrief.render.pdf.charts import (
    PALETTE,
    DeferredCharts,
    Drawing,
    beneficiary_drawings,
    charted_figures,
    colour,
    data_uri,
    figures_drawings,
    timeline_drawings,
    timeline_month_drawings,
)
from sebrief.render.pdf.house import house_style
from sebrief.render.pdf.labels import labels as brief_labels
from sebrief.render.pdf.tables import TableLayout, table_layout, upper_first

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
    brand: Brand | None = None,
    deferred_charts: DeferredCharts | None = None,
) -> dict[str, Any]:
    """Everything the templates receive, by name. ``full_listing``: list every row of every table
    (compact above the detailed threshold); ``brand``: a house style (colours, logo, footer);
    ``deferred_charts``: the charts named by URL and kept there to be drawn, not drawn now."""
    t = Translator(brief.header.lang)
    text = brief_labels(brief, t)
    rules = layout_rules()
    sections, others = part_layout(brief, text)
    chart_palette = brand.chart_palette if brand is not None and brand.chart_palette else PALETTE
    palette = colours(brief.totals, chart_palette)
    tables = {
        b.id: table_layout(brief, b, text, rules, t, full_listing) for b in brief.blocks if isinstance(b, TableView)
    }
    listed = {row_id for b in brief.blocks if isinstance(b, TableView) and tables[b.id].mode != "aggregated"
              for row_id in b.row_ids}  # fmt: skip
    monthly = len(brief.rows) > rules.detailed_rows
    document = document_context(brief, t, text, timestamp, attachments)
    if brand is not None and brand.organisation:  # the PDF's author: the organisation, not the tool
        document["doc"] = dataclasses.replace(document["doc"], author=brand.organisation)
    return {
        **document,
        "house_style": house_style(brand),
        **block_context(brief, t, text, sections, others),
        "tables": tables,
        "listed_rows": listed,  # rows with an anchor in the brief: links to the others are plain ids
        "timeline_monthly": monthly,
        **reference_context(brief, text, rules, listed),
        "charted": {
            b.id: len(charted_figures(b.figures)) for b in brief.blocks if isinstance(b, FiguresView) and b.chart
        },
        "charts": charts(brief, t, text, palette, tables, monthly, chart_palette, deferred_charts),
    }


def document_context(
    brief: Brief,
    t: Translator,
    text: dict[str, str],
    timestamp: dt.datetime | None,
    attachments: Sequence[Attachment],
) -> dict[str, Any]:
    """The brief, its language, labels and formatters, the document's metadata and its attachments."""
    return {
        "brief": brief,
        "fmt": t,
        "labels": text,
        "doc": document_info(brief, text, timestamp),
        "source_lang": brief.header.source_lang,
        "source_language": language_name(brief.header.source_lang, brief.header.lang),
        "page_of": counter_parts(text["page_of"]),
        "basis_legend": tuple((code, text[f"legend_{code}"]) for code in BASES),
        "basis_labels": basis_labels(t),
        "grouping_text": GroupingText(brief),
        "vat_rate": t.percent(brief.totals.vat_rate, 0) if brief.totals else "",
        "workbook_name": next((a.filename for a in attachments if a.filename.endswith(".xlsx")), None),
        "attachments": tuple(attachments),
    }


def block_context(
    brief: Brief, t: Translator, text: dict[str, str], sections: tuple[Section, ...], others: tuple[BlockView, ...]
) -> dict[str, Any]:
    """The sections and the blocks they lay out, the contents, and the layout of classifications and figures."""
    return {
        "sections": sections,
        "other_blocks": others,
        "timeline_in_others": brief.timeline is not None and not any(s.timeline for s in sections),
        "toc": toc(brief, text, sections, others),
        "coverage": {part.part_id: part for part in brief.coverage},
        "classifications": {b.id: classification_layout(b) for b in brief.blocks if isinstance(b, ClassificationView)},
        "figure_values": {
            b.id: {f.id: figure_value(f, t) for f in b.figures} for b in brief.blocks if isinstance(b, FiguresView)
        },
        **evidence_layout(brief, sections, others),
    }


def reference_context(brief: Brief, text: dict[str, str], rules: LayoutRules, listed: set[str]) -> dict[str, Any]:
    """Where each part is answered, the points of attention printed, and what each follow-up question
    follows up on; a row not in ``listed`` is named without a link."""
    targets = ref_targets(brief)
    shown = shown_signals(brief, rules.clusters_shown)
    return {
        "answered_in": answered_in(brief),
        "signal_numbers": {signal.id: number for number, signal in enumerate(brief.signals, start=1)},
        "signals_shown": shown,
        "signals_hidden": len(brief.signals) - len(shown),
        "refs": {q.number: follow_up_refs(targets, q.follows_up_on, text, listed, shown) for q in brief.follow_up},
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


def basis_labels(t: Translator) -> dict[str, Label]:
    """The label of each basis in the brief's language, in the analysis's own words."""
    return {code: vocabulary_label(t, "basis", code) for code in BASES}


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


def colours(totals: Totals | None, chart_palette: Sequence[str] = PALETTE) -> dict[str, str]:
    """A colour per money column of the whole brief, and per kind (the colour of its first column)."""
    palette: dict[str, str] = {}
    for index, column in enumerate(totals.columns if totals else ()):
        palette[column.key] = colour(index, chart_palette)
        palette.setdefault(f"kind:{column.kind.code}", colour(index, chart_palette))
    return palette


def charts(
    brief: Brief,
    t: Translator,
    text: dict[str, str],
    palette: dict[str, str],
    tables: dict[str, TableLayout] | None = None,
    monthly: bool = False,
    chart_palette: Sequence[str] = PALETTE,
    deferred: DeferredCharts | None = None,
) -> dict[str, tuple[str, ...]]:
    """Each chart as one or more SVG data URIs (or URLs of ``deferred``, which keeps them to be drawn):
    a long chart is split into pieces that fit a page, on one scale; a chart of many beneficiaries
    shows the largest and the others together, and the timeline of many rows counts them per month
    (``monthly``)."""
    drawn: dict[str, tuple[Drawing, ...]] = {}
    for block in brief.blocks:
        if isinstance(block, TableView) and any(any(g.amounts) for g in block.totals.per_beneficiary):
            shown = tables[block.id].beneficiaries if tables else block.totals.per_beneficiary
            drawn[f"beneficiaries:{block.id}"] = beneficiary_drawings(shown, block.totals.columns, palette, t)
        if isinstance(block, FiguresView) and block.chart:
            drawn[f"figures:{block.id}"] = figures_drawings(block.figures, t, chart_palette)
    if brief.timeline is not None and brief.totals is not None:
        kinds = {
            kind.kind.code: (palette[f"kind:{kind.kind.code}"], upper_first(kind.kind.label))
            for kind in brief.totals.per_kind
            if f"kind:{kind.kind.code}" in palette
        }
        if monthly:
            drawn["timeline"] = timeline_month_drawings(brief.totals.per_kind, brief.timeline, kinds, t, text)
        else:
            drawn["timeline"] = timeline_drawings(brief.rows, brief.timeline, kinds, t, text)
    place = deferred.add if deferred is not None else (lambda drawing: data_uri(drawing()))
    return {name: tuple(place(drawing) for drawing in drawings) for name, drawings in drawn.items()}
