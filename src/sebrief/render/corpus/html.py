"""The corpus report as HTML (templates/corpus_report.html, with the brief's stylesheet), and as PDF.

The template places what this module prepares: every figure already worded and formatted in
the report's language (Belgian Dutch numbers by default), every amount beside its question and
source line. Nothing here computes a figure: they all come from the ``CorpusReport``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sebrief import __version__
from sebrief.brand import Brand
from sebrief.corpus.report import CorpusReport, Total
from sebrief.i18n import Translator
from sebrief.render import Attachment
from sebrief.render.corpus import text
from sebrief.render.pdf.house import house_style
from sebrief.render.pdf.html import TemplateTranslator, environment, rendered, template_folders

TEMPLATE = "corpus_report.html"
SHOWN_REFS = 24  # rows named in a total's "made of" before "and N more"


def render_html(report: CorpusReport, lang: str, db_name: str, timestamp: dt.datetime | None = None,
                attachments: Sequence[Attachment] = (), brand: Brand | None = None,
                template_dir: Path | None = None) -> str:  # fmt: skip
    """The report as one HTML document, in ``brand``'s house style (colours, fonts, logo, footer);
    ``template_dir``: a folder of templates searched before the built-in ones, as for a brief."""
    env = environment(template_folders(template_dir))
    t = Translator(lang)
    context = report_context(report, t, db_name, timestamp, attachments)
    context["house_style"] = house_style(brand)
    context["fmt"] = TemplateTranslator(t, env)
    return rendered(env, TEMPLATE, context, template_dir)


def render_pdf(report: CorpusReport, lang: str, db_name: str, timestamp: dt.datetime,
               attachments: Sequence[Attachment] = (), brand: Brand | None = None,
               template_dir: Path | None = None) -> bytes:  # fmt: skip
    """The report as PDF/A-3a bytes with ``attachments`` embedded, dated ``timestamp``."""
    from sebrief.render.pdf.document import pdf_document

    html = render_html(report, lang, db_name, timestamp, attachments, brand, template_dir)
    return pdf_document(html, folders=template_folders(template_dir), attachments=attachments, timestamp=timestamp)


def report_context(
    report: CorpusReport, t: Translator, db_name: str, timestamp: dt.datetime | None,
    attachments: Sequence[Attachment],
) -> dict[str, Any]:  # fmt: skip
    labels = text.labels(t)
    questions = {question.dataset_id: question for question in report.questions}
    qlabel = {dataset_id: text.question_label(t, question) for dataset_id, question in questions.items()}
    anchors = {row.ref: f"r{index}" for index, row in enumerate(report.rows, start=1)}
    supplier = text.supplier_name(report)

    def refs(members: Sequence[tuple[str, str]]) -> list[tuple[str, list[tuple[str, str]]]]:
        """The rows a total is made of, by question: [(question, [(anchor, row id)...])...]."""
        grouped: dict[str, list[tuple[str, str]]] = {}
        for ref in members[:SHOWN_REFS]:
            grouped.setdefault(qlabel[ref[0]], []).append((anchors[ref], ref[1]))
        return list(grouped.items())

    def more(members: Sequence[tuple[str, str]]) -> str:
        hidden = len(members) - SHOWN_REFS
        return t.plural("and {count} more row", "and {count} more rows", hidden) if hidden > 0 else ""

    def total_lines(items: tuple[Total, ...], name: Any) -> list[dict[str, Any]]:
        return [
            {
                "group": name(item.group),
                "basis": text.vat(t, item.vat_basis),
                "rows": item.rows,
                "priced": item.priced,
                "amount": text.money(t, item.amount),
                "refs": refs(item.members),
                "more": more(item.members),
            }
            for item in items
        ]

    ministers_of = {question.dataset_id: question.minister for question in report.questions}
    return {
        "lang": t.lang,
        "labels": labels,
        "house_style": house_style(None),
        "doc": {
            "title": t("{supplier} across the corpus", supplier=supplier),
            "description": labels["subtitle"],
            "created": timestamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp else None,
            "generator": f"sebrief {__version__}",
        },
        "supplier": supplier,
        "heading": t.plural(
            "{supplier} in {count} question",
            "{supplier} in {count} questions",
            len(report.questions),
            supplier=supplier,
        ),
        "footer": labels["made"].format(db=db_name),
        "page_of": _page_of(labels["page_of"]),
        "facts": [
            (labels["names_asked"], ", ".join(report.asked)),
            (
                labels["corpus"],
                t.plural("{db}: {count} question", "{db}: {count} questions", report.corpus_questions, db=db_name),
            ),
            (labels["questions_seen"], ", ".join(qlabel[q.dataset_id] for q in report.questions)),
            (labels["ministers"], ", ".join(report.ministers)),
        ],
        "totals": total_lines(report.totals, lambda group: labels["whole_corpus"]),
        "per_question": [
            {
                **line,
                "minister": ministers_of[str(item.group)],
                "date": t.date(questions[str(item.group)].date_asked),
            }
            for line, item in zip(
                total_lines(report.by["question"], lambda g: qlabel[g]), report.by["question"], strict=True
            )
        ],
        "per_minister": total_lines(report.by["minister"], str),
        "per_year": total_lines(report.by["year"], lambda g: labels["no_period"] if g is None else str(g)),
        "rows": [
            {
                "anchor": anchors[row.ref],
                "question": qlabel[row.dataset_id],
                "minister": row.minister,
                "date": t.date(questions[row.dataset_id].date_asked),
                "row": row.row_id,
                "name": row.name,
                "kind": text.kind(t, row),
                "status": text.status(t, row.status),
                "basis": text.vat(t, row.vat_basis),
                "amount": text.money(t, row.amount),
                "amount_text": row.amount_text or "",
                "period": row.period_text or "",
                "source": row.source_ref,
            }
            for row in report.rows
        ],
        "taken": report.taken,
        "similar": report.similar,
        "similar_how": labels["names_similar_how"].format(name=report.similar[0][0]) if report.similar else "",
        "below": [
            {
                "title": text.below_title(t, report, signal),
                "text": text.below_text(t, report, signal),
                "question": text.below_question(t, signal),
                "definition": text.below_definition(t),
                "source": text.below_source(t, signal),
                "rows": [
                    {
                        "anchor": anchors[row.ref],
                        "question": qlabel[row.ref[0]],
                        "row": row.ref[1],
                        "amount": t.money(row.amount),
                        "basis": text.vat(t, row.vat_basis),
                        "excl": t.money(row.excl_vat),
                        "threshold": t.money(row.threshold.amount),
                        "source": row.source_ref,
                    }
                    for row in signal.rows
                ],
            }
            for signal in report.below
        ],
        "unchecked": [
            {
                "anchor": anchors[item.ref],
                "row": f"{qlabel[item.ref[0]]} {item.ref[1]}",
                "reason": text.unchecked_reason(t, item),
            }
            for item in report.unchecked
        ],
        "shares": [
            {
                "minister": share.minister,
                "basis": text.vat(t, share.vat_basis),
                "amount": t.money(share.amount),
                "total": t.money(share.total),
                "share": t.percent(share.share),
                "text": text.share_text(t, report, share, ", ".join(_numbers(share.questions, qlabel))),
            }
            for share in report.shares
        ],
        "shares_definition": t(
            "A supplier's share of a buyer's contract value (DIGIWHIST / opentender.eu): here, of the amounts the "
            "answers in this corpus state for one minister, on one VAT basis. It describes, it does not judge."
        ),
        "shares_source": text.DIGIWHIST,
        "method": text.method_lines(t, report),
        "thresholds": sorted(
            {
                (
                    row.threshold.name(t.lang),
                    t.money(row.threshold.amount),
                    t.date(row.threshold.valid_from),
                    row.threshold.source.get(t.lang),
                )
                for signal in report.below
                for row in signal.rows
            }
        ),
        "attachments": [(attachment.filename, attachment.description) for attachment in attachments],
    }


def _numbers(ids: Sequence[str], qlabel: dict[str, str]) -> list[str]:
    """The questions' labels, those outside the report (the minister's other questions) by dataset id."""
    return [qlabel.get(dataset_id, dataset_id) for dataset_id in ids]


def _page_of(message: str) -> list[tuple[str, str]]:
    """'page {page} of {pages}' as pieces: text, and the page counters CSS fills in."""
    out: list[tuple[str, str]] = []
    rest = message
    while rest:
        start = rest.find("{")
        if start < 0:
            out.append(("text", rest))
            break
        if start:
            out.append(("text", rest[:start]))
        end = rest.index("}", start)
        out.append(("counter", rest[start + 1 : end]))
        rest = rest[end + 1 :]
    return out
