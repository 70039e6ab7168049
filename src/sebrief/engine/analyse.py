"""Analyse a version 2 dataset into the brief both renderers lay out.

``analyse`` composes the brief from the engine's parts, each computed in a module of its own:
the header, the parts of the question, the rows, the totals, the blocks, the timeline, the points
of attention, the follow-up questions, the key points, the method and the changes since a
previous version.
"""

from __future__ import annotations

from sebrief.collector import cycle_collection_paused
from sebrief.dataset.model import Dataset, TableBlock
from sebrief.dataset.verbatim import take_normalised
from sebrief.engine.blocks import block_view
from sebrief.engine.brief import BlockView, Brief
from sebrief.engine.changes import changes_since
from sebrief.engine.coverage import part_statuses
from sebrief.engine.evidence import cited_quotes
from sebrief.engine.follow_up import follow_up_questions
from sebrief.engine.header import header
from sebrief.engine.key_points import key_points
from sebrief.engine.method import method
from sebrief.engine.money import awards
from sebrief.engine.parts import part_coverage, part_sections
from sebrief.engine.rows import row_entries
from sebrief.engine.signals import clusters_by_amount, points_of_attention
from sebrief.engine.tally import rows_by_table
from sebrief.engine.timeline import timeline
from sebrief.engine.totals import table_totals
from sebrief.i18n import Translator
from sebrief.quotes import Located, SourceText
from sebrief.reference import LayoutRules, ProcurementRules, layout_rules, procurement_rules


def analyse(
    dataset: Dataset,
    lang: str = "nl",
    rules: ProcurementRules | None = None,
    previous: Dataset | None = None,
    layout: LayoutRules | None = None,
) -> Brief:
    """The brief for a version 2 ``dataset`` in language ``lang`` ("nl" or "en").

    With ``previous`` (an earlier version of the dataset), the brief also says what changed since.
    ``layout``: the layout rules whose numbers of groups listed the totals add up the others for.
    """
    with cycle_collection_paused():
        return _analyse(dataset, lang, rules, previous, layout)


def _analyse(
    dataset: Dataset,
    lang: str,
    rules: ProcurementRules | None,
    previous: Dataset | None,
    layout: LayoutRules | None,
) -> Brief:
    t = Translator(lang)
    rules = rules or procurement_rules()
    layout = layout or layout_rules()
    rate = rules.vat.standard_rate
    # The source as validation normalised it (not normalised again); its lines found as the rows ask.
    source = SourceText.of(dataset.source_text, take_normalised(dataset))
    tables = rows_by_table(dataset.rows)
    statuses = part_statuses(dataset, t, tables)
    rows = row_entries(dataset, source, rate, t)
    # The rest of the brief gives the lines of passages and figures: looked up now, and the source let go
    # of while the totals are made (a long table's normalised source: 37 MB).
    cites = Located(source, cited_quotes(dataset))
    del source
    found, left_out = awards(dataset, rate)
    signals = points_of_attention(found, rules, t)
    line = timeline(dataset, rows, t)
    months = line.months if line else ()
    totals = table_totals(dataset, dataset.rows, rate, t, months, layout) if dataset.rows else None

    def table_view(block: TableBlock) -> BlockView:
        rows = tables.get(block.id, ())
        # A table with every row of the dataset has the dataset's totals: the same rows, in the same order.
        same = totals if len(rows) == len(dataset.rows) else None
        return block_view(dataset, block, cites, rate, t, months, layout, rows=rows, totals=same)

    coverage = part_coverage(statuses, t)
    follow_up = follow_up_questions(dataset, statuses, signals, t)
    return Brief(
        header=header(dataset, t),
        introduction=tuple(intro.text for intro in dataset.main.question.introduction),
        parts=part_sections(dataset, statuses, t),
        blocks=tuple(
            table_view(block) if isinstance(block, TableBlock) else block_view(dataset, block, cites, rate, t)
            for block in dataset.main.answer.blocks
        ),
        rows=rows,
        totals=totals,
        timeline=line,
        signals=signals,
        clusters=clusters_by_amount(signals),
        coverage=coverage,
        follow_up=follow_up,
        key_points=key_points(dataset, totals, signals, coverage, t),
        method=method(dataset, cites, rules, [row.id for row in left_out], found, t),
        changes=changes_since(previous, dataset, t) if previous is not None else None,
    )
