"""Analyse stage: turn a validated dataset into the frozen brief model both renderers lay out."""

from __future__ import annotations

from sebrief.analysis.followup import coverage, follow_up_questions, key_points
from sebrief.analysis.question1 import evidence_for, question1
from sebrief.analysis.signals import awarded_contracts, points_of_attention, thresholds_used
from sebrief.analysis.table import row_entries, timeline, totals
from sebrief.brief import Brief, Definition, Header, Method, Person, QuestionText
from sebrief.i18n import Translator
from sebrief.model import Dataset
from sebrief.quotes import SourceText
from sebrief.reference import ProcurementRules, procurement_rules


def analyse(
    dataset: Dataset, lang: str = "nl", rules: ProcurementRules | None = None, previous: Dataset | None = None
) -> Brief:
    """The brief for ``dataset`` in language ``lang`` ("nl" or "en").

    Format version 1 only; ``previous`` is no longer used here: the changes since a previous
    version are computed on format version 2 by ``sebrief.engine.analyse``.
    """
    t = Translator(lang)
    rules = rules or procurement_rules()
    source = SourceText.from_text(dataset.source_text)
    q1 = question1(dataset, source, t)
    rows = row_entries(dataset, source, rules, t)
    sums = totals(dataset, rules, t)
    signals = points_of_attention(awarded_contracts(dataset), rules, t)
    parts = coverage(dataset, q1, rows, t)
    return Brief(
        header=header(dataset, t),
        questions=tuple(
            QuestionText(p.id, p.text, tuple(QuestionText(s.id, s.text, ()) for s in p.subparts))
            for p in dataset.main.question.parts
        ),
        key_points=key_points(q1, sums, signals, parts, t),
        question1=q1,
        rows=rows,
        totals=sums,
        timeline=timeline(dataset, rows, t),
        signals=signals,
        coverage=parts,
        follow_up=follow_up_questions(q1, rows, signals, parts, t),
        method=method(dataset, source, rules, t),
        changes=None,
    )


def header(dataset: Dataset, t: Translator) -> Header:
    meta = dataset.metadata
    return Header(
        dataset_id=dataset.id,
        parliament=meta.parliament,
        document_type=meta.document_type,
        number=meta.number,
        session_year=meta.session_year,
        reference=t("Written question no. {number} ({session})", number=meta.number, session=meta.session_year),
        title=meta.title,
        date_asked=meta.date_asked,
        date_answered=meta.date_answered,
        asker=Person(meta.asker.full_name, t("Member of parliament")),
        minister=Person(meta.minister.full_name, meta.minister.portfolio),
        source_file=meta.source.file,
        source_description=meta.source.description.get(t.lang),
        lang=t.lang,
        source_lang=dataset.main.language,
    )


def method(dataset: Dataset, source: SourceText, rules: ProcurementRules, t: Translator) -> Method:
    definitions = (
        Definition(t("Stated in the answer"), t("The minister's answer says so in words; the passage is quoted."), ""),
        Definition(
            t("Inferred"),
            t("Our reading of the answer and its table, with the reason given; never the minister's statement."),
            "",
        ),
        Definition(t("Not addressed"), t("The answer says nothing about it."), ""),
        Definition(
            t("Point of attention"),
            t("A signal from a procurement-integrity indicator that deserves a question; never a finding of fact."),
            t("World Bank / indicatortoolbox.eu; IACRC; DIGIWHIST / opentender.eu"),
        ),
        Definition(t("VAT"), rules.vat.note.get(t.lang), rules.vat.source),
    )
    return Method(
        curation_notes=tuple(note.get(t.lang) for note in dataset.main.curation_notes),
        definitions=definitions,
        thresholds=thresholds_used(awarded_contracts(dataset), rules, t.lang),
        passages=tuple(evidence_for(dataset, source, p.id) for p in dataset.main.answer.passages),
        notes=(
            t("Subsidy calls are not public contracts: procurement thresholds and supplier signals leave them out."),
            t("The answer's date is not in the source text and is not given here."),
            t(
                "Open Contracting's red flags such as 'single bid' need bid-level data this dataset does not have; "
                "they are not computed."
            ),
        ),
    )
