"""Every fixed text of the PDF brief, in the brief's language.

The templates receive these as ``labels``; they are written here with ``t(...)`` so that
``scripts/update-catalogs.sh`` extracts them into ``locale/nl/LC_MESSAGES/pdf.po``. None of them
knows the words of a particular question: what a question asks and what its answer holds comes
from the brief.
"""

from __future__ import annotations

from sebrief.engine.brief import Brief
from sebrief.i18n import Translator


def labels(brief: Brief, t: Translator) -> dict[str, str]:
    """The labels of every part of the brief, some with the brief's own values filled in."""
    return {
        **document_labels(t),
        **part_labels(t),
        **block_labels(t),
        **table_labels(brief, t),
        **closing_labels(t),
    }


def document_labels(t: Translator) -> dict[str, str]:
    return {
        "document_type": t("Policy brief"),
        "subtitle": t("The written question and the minister's answer, point by point"),
        "date_asked": t("Question asked"),
        "date_answered": t("Answer dated"),
        "date_answered_missing": t("not stated in the source"),
        "asker": t("Asked by"),
        "minister": t("Addressed to"),
        "dataset": t("Dataset"),
        "key_points": t("Key points"),
        "contents": t("Contents"),
        "page_of": t("page {page} of {pages}"),
        "footer_note": t("Analysis made with sebrief from the published question and answer; not an official text."),
        "reading_guide_title": t("How to read this brief"),
        "reading_guide": t(
            "What the minister says is quoted with its line numbers in the source; what we infer is marked "
            "as such and never presented as the minister's words. Amounts are exact to the cent and always "
            "carry their VAT basis."
        ),
        "legend_stated": t("the answer says so in words; the passage is quoted with its lines in the source."),
        "legend_inferred": t("our reading of the answer, with the passages it rests on; not the minister's words."),
        "legend_not_addressed": t("the answer says nothing about it."),
        "coverage": t("Does the answer answer the question?"),
        "source_line": t("source, l. {line}"),
        "source_lines": t("source, ll. {first}–{last}"),
        "source_line_unknown": t("source, line not found"),
        "source_language_note": t("Quotes are in the language of the source ({lang}), as the source has them."),
        "introduction": t("The question's introduction"),
        "introduction_note": t("The member's introduction to the question, quoted as the source has it."),
        "changes": t("Changes since the previous version"),
        "key_figure": t("Key figure"),
        "previous_version": t("Previous version"),
        "this_version": t("This version"),
        "change": t("Change"),
        "more_changes": t("… and {count} more changes (the workbook lists every one)"),
    }


def part_labels(t: Translator) -> dict[str, str]:
    return {
        "part_title": t("Question {part}"),
        "part_words": t("The question ({part})"),
        "subpart_words": t("Part {part}"),
        "subparts": t("The parts of the question"),
        "status": t("Status"),
        "basis": t("Basis"),
        "reason": t("Why"),
        "basis_gloss_stated": t("the answer says so in so many words."),
        "basis_gloss_inferred": t("our reading of the answer, never the minister's words."),
        "basis_gloss_not_addressed": t("the answer does not go into it."),
        "worked_out_in": t("Answered in"),
        "no_block": t("No part of the answer goes into this question."),
        "other_blocks": t("Other parts of the answer"),
        "part": t("Part"),
    }


def block_labels(t: Translator) -> dict[str, str]:
    return {
        "evidence_lead": t("The answer says:"),
        "evidence_above": t("The answer's words on this are quoted above, under"),
        "basis_stated_lead": t("The answer says:"),
        "basis_inferred_lead": t("Inferred from:"),
        "basis_not_addressed_lead": t("The answer says nothing about this item."),
        "note": t("Note"),
        "our_reading": t("Our reading"),
        "rows_linked": t("Rows in the table"),
        "also_under": t("Also under {category}"),
        "see_item": t("described under {category}"),
        "no_items": t("No item belongs here."),
        "item": t("Item"),
        "matrix": t("Overview: every item by category"),
        "matrix_caption": t(
            "Each item of the answer's classification, the categories it falls under and on what basis."
        ),
        "matrix_mark": t("yes"),
        "figure": t("Figure"),
        "in_the_answer": t("In the answer"),
        "value": t("Value"),
        "unit": t("Unit"),
        "period": t("Period"),
        "figures_caption": t("The figures as the answer gives them, with the words it uses."),
        "figures_chart_alt": t("Bar chart of the figures; the same figures are in the table above it."),
        "figures_chart_cells": t(
            "{shown} of the {total} figures as bars: the cells along every dimension. The totals over them are in "
            "the table only, so that they do not dwarf the cells."
        ),
        "summary": t("In short"),
    }


def table_labels(brief: Brief, t: Translator) -> dict[str, str]:
    asked = t.date(brief.header.date_asked)
    return {
        "rows_caption": t("The answer's table: {count} rows, in the order of the answer."),
        "row_number": t("No."),
        "column_part": t("{column} ({part})"),
        "procedure": t("Procedure"),
        "description": t("Description"),
        "kind": t("Kind"),
        "subtotal": t("Subtotal {kind} ({vat})"),
        "month": t("{months} month"),  # a duration of exactly one month: "1.0 month"
        "months": t("{months} months"),
        "state_on": t("on {date}: {state}"),
        "in_procedure_mark": t("still in procedure when the question was answered: not yet awarded"),
        "in_house_mark": t("awarded to no one, so without an amount"),
        "table_period_note": t(
            "A period in italics is the one the answer gives once for the whole table, “{text}” ({period}), "
            "for the rows without a period of their own."
        ),
        "converted": t("≈ {amount} excl. VAT"),
        "converted_note": t(
            "≈: the amount incl. VAT converted to excl. VAT at the standard rate of {rate}, as thresholds and "
            "points of attention use it."
        ),
        "row_notes": t("Notes on the rows"),
        "totals": t("Totals per kind"),
        "totals_caption": t(
            "Each kind on its own VAT basis; amounts on different bases or of different kinds are never added up."
        ),
        "row_count": t("Rows"),
        "awarded": t("Awarded"),
        "in_procedure": t("In procedure"),
        "in_house": t("In house"),  # a narrow column's header
        "amount": t("Amount"),
        "vat_basis": t("VAT basis"),
        "incl_vat_estimate": t("Incl. VAT (estimate)"),
        "converted_rows": t("{count} converted from incl. VAT"),
        "not_applicable": t("–"),
        "per_beneficiary": t("Amounts per beneficiary"),
        "per_beneficiary_caption": t(
            "Awarded amounts per beneficiary, one bar per kind and VAT basis: bars of different bases are never "
            "stacked."
        ),
        "beneficiary": t("Beneficiary"),
        "share": t("Share of procurement value excl. VAT"),
        "per_grouping": t("Amounts per {grouping}"),
        "overlap": t("Overlapping totals"),
        "total": t("Total"),
        "timeline": t("Timeline of the rows"),
        "timeline_caption": t(
            "Duration of each row; the vertical line marks the date the question was asked ({date}). "
            "Rows with a period in months are drawn from the first to the last day of those months.",
            date=asked,
        ),
        "states_on": t("On {date}:", date=asked),
        "chart_beneficiaries_alt": t(
            "Bar chart of the awarded amounts per beneficiary; the same figures are in the table below it."
        ),
        "chart_timeline_alt": t(
            "Timeline of the rows of the answer's tables, with the date the question was asked marked; "
            "the same periods are in the tables."
        ),
        "chart_asked": t("question asked {date}", date=asked),
        "chart_month_precision": t("period given in months"),
        "chart_in_procedure": t("in procedure: no period"),
        "chart_no_period": t("no period given"),
        "chart_running": t("Rows running in the month"),
        "chart_starting": t("Rows starting in the month"),
        "timeline_monthly_caption": t(
            "The {count} rows counted per month, per kind: above, the rows running for some or all of the month; "
            "below, the rows starting in it. Too many rows to draw each one: every row's period is in the "
            "workbook. The vertical line marks the date the question was asked ({date})."
        ),
        "timeline_no_period": t("{count} rows without a period are not counted."),
        "per_beneficiary_top_caption": t(
            "The {top} beneficiaries with the largest awarded amounts; the other {others} are shown together as one "
            "group. Every beneficiary is in the workbook."
        ),
        "others": t("others ({count} beneficiaries)"),
        "no_start": t("no period"),
        "per_year": t("Rows per year of start"),
        "per_year_caption": t(
            "The rows by the year their period starts, each amount on the VAT basis of its kind's totals; "
            "the years add up to the table's totals."
        ),
        "year": t("Year of start"),
        "compact_caption": t(
            "The answer's table: {count} rows, one line a row, in the order of the answer. A description or "
            "beneficiary cut short (…) is in full in the workbook, with every column of the row."
        ),
        "continued": t("continued"),
        "amounts_on_basis": t("amounts {basis}"),
        "rows_in_workbook": t(
            "The answer's table has {count} rows: too many to list in this brief. Every row, with its description, "
            "period, beneficiary and amount, is in the workbook {name} attached to this PDF; below are their "
            "totals per kind, per beneficiary, per grouping and per year. A brief listing every row can be asked "
            "for with the option --full-listing."
        ),
        "rows_in_workbook_preview": t(
            "The answer's table has {count} rows: too many to list in this brief. Every row, with its description, "
            "period, beneficiary and amount, is in the workbook of this brief (sebrief xlsx); below are their "
            "totals per kind, per beneficiary, per grouping and per year. A brief listing every row can be asked "
            "for with the option --full-listing."
        ),
    }


def closing_labels(t: Translator) -> dict[str, str]:
    return {
        "signals": t("Points of attention"),
        "signals_intro": t(
            "Signals from procurement-integrity indicators that deserve a question. They are not findings: "
            "each can have a good explanation. Only public procurement counts, on amounts excl. VAT."
        ),
        "signal_n": t("Point of attention {number}"),
        "signal_rows": t("Rows concerned"),
        "and_more": t("and {count} more (all of them in the workbook)"),
        "signals_more": t(
            "{count} more groups of overlapping awards to one supplier, smaller than those above, are points of "
            "attention too; the workbook lists every one of them."
        ),
        "definition": t("Definition"),
        "source": t("Source"),
        "signals_none": t("No point of attention."),
        "follow_up": t("Follow-up questions"),
        "follow_up_intro": t("Questions drawn from what the answer leaves open, ready to be asked."),
        "follows_up_on": t("Follows up on"),
        "ref_part": t("part"),
        "ref_item": t("item"),
        "ref_row": t("row"),
        "ref_signal": t("point of attention"),
        "method": t("Sources and method"),
        "source_text": t("The source"),
        "passages": t("Passages of the answer cited"),
        "passage": t("Passage"),
        "lines": t("Lines"),
        "curation_notes": t("Notes on the curation"),
        "definitions": t("Definitions"),
        "thresholds": t("Procurement thresholds used"),
        "threshold": t("Threshold"),
        "threshold_amount": t("Amount excl. VAT"),
        "valid": t("Valid"),
        "valid_from_to": t("{start} to {end}"),
        "valid_from": t("from {start}"),
        "notes": t("Limits of this analysis"),
        "amounts_vat": t("Amounts and VAT"),
        "attachments": t("Files embedded in this PDF"),
        "attachments_intro": t(
            "Open the attachments panel of your PDF reader to save them; they hold the figures of this brief."
        ),
    }
