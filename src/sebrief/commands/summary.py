"""A readable terminal summary of the engine's brief (``sebrief analyse`` without --json).

It lays out what the brief decided, part by part in the question's order with the blocks that
answer each, then the totals, the points of attention and the follow-up questions; it computes
nothing of its own.
"""

from __future__ import annotations

from sebrief.engine.brief import (
    BlockView,
    Brief,
    ClassificationView,
    FiguresView,
    FigureView,
    KeyPoint,
    PartSection,
    TableView,
    TextView,
    Totals,
)
from sebrief.i18n import Translator

INDENT = "  "


def summary_text(brief: Brief) -> str:
    t = Translator(brief.header.lang)
    h = brief.header
    lines = [f"{h.reference}: {h.title}", f"{h.asker.name} → {h.minister.name}, {t.date(h.date_asked)}", ""]
    lines.append(t("Key points"))
    lines += [_key_point(point) for point in brief.key_points]
    lines += ["", t("The question, part by part")]
    shown_under = {block_id: part.part_id for part in _all_parts(brief.parts) for block_id in part.block_ids}
    for part in brief.parts:
        lines += _part(brief, part, shown_under, t, 1)
    if brief.totals is not None:
        lines += ["", t("Totals of all tables")]
        lines += _totals(brief.totals, t, 1)
    lines += ["", t("Points of attention")]
    lines += [f"{INDENT}{s.title}" for s in brief.signals] or [f"{INDENT}{t('none')}"]
    lines += ["", t("Follow-up questions")]
    lines += [f"{INDENT}{q.number}. {q.text}" for q in brief.follow_up] or [f"{INDENT}{t('none')}"]
    return "\n".join(lines) + "\n"


def _key_point(point: KeyPoint) -> str:
    """A key point on one line; a count of none lists nothing ("Points of attention: 0")."""
    if point.count == 0 or not point.detail:
        return f"{INDENT}{point.label}: {point.value}"
    return f"{INDENT}{point.label}: {point.value}. {point.detail}"


def _all_parts(parts: tuple[PartSection, ...]) -> list[PartSection]:
    """Every part and subpart, in the question's order."""
    return [every for part in parts for every in (part, *_all_parts(part.subparts))]


def _part(brief: Brief, part: PartSection, shown_under: dict[str, str], t: Translator, depth: int) -> list[str]:
    pad = INDENT * depth
    lines = [f"{pad}{part.part_id}: {part.status.label} ({part.basis.label}). {part.reason}".rstrip()]
    for block_id in part.block_ids:
        lines += _block(brief, brief.block(block_id), t, depth + 1)
    for block_id in part.see_also:  # shown under an earlier part: named by its title, with where it is
        title = brief.block(block_id).title
        lines.append(
            f"{pad}{INDENT}"
            + t("Also answered by “{block}”: see part {part}.", block=title, part=shown_under.get(block_id, "?"))
        )
    for sub in part.subparts:
        lines += _part(brief, sub, shown_under, t, depth + 1)
    return lines


def _block(brief: Brief, block: BlockView, t: Translator, depth: int) -> list[str]:
    pad = INDENT * depth
    lines = [f"{pad}[{block.id}] {block.title}"]
    inner = pad + INDENT
    if isinstance(block, TableView):
        lines += _totals(block.totals, t, depth + 1, per_grouping=False)
    elif isinstance(block, ClassificationView):
        for category in block.categories:
            part = f" ({category.part_id})" if category.part_id else ""
            lines.append(f"{inner}{category.label}{part}: {', '.join(category.item_ids) or '–'}")
    elif isinstance(block, FiguresView):
        for figure in block.figures:
            when = f" ({figure.period_label})" if figure.period_label else ""
            lines.append(f"{inner}{figure.label}{when}: {_figure_value(figure, t)}")
    elif isinstance(block, TextView):
        for point in block.points:
            lines.append(f"{inner}{point.summary or point.evidence.text}")
    return lines


def _totals(totals: Totals, t: Translator, depth: int, per_grouping: bool = True) -> list[str]:
    pad = INDENT * depth
    lines = []
    for kind in totals.per_kind:
        amounts = "; ".join(f"{t.money(a.amount)} ({a.column.vat_basis.label})" for a in kind.amounts) or "–"
        lines.append(
            f"{pad}{kind.kind.label}: {amounts}, "
            + t.plural(
                "{count} row, {pending} in procedure",
                "{count} rows, {pending} in procedure",
                kind.rows,
                pending=kind.in_procedure,
            )
            + (t("; {count} done in house", count=kind.in_house) if kind.in_house else "")
        )
    if per_grouping:
        for grouping in totals.per_grouping:
            lines.append(f"{pad}{grouping.grouping.label}")
            for group in grouping.groups:
                amounts = "; ".join(
                    f"{t.money(amount)} ({column.kind.label}, {column.vat_basis.label})"
                    for amount, column in zip(group.amounts, totals.columns, strict=True)
                    if amount
                )
                lines.append(f"{pad}{INDENT}{group.label}: {amounts or '–'}")
            if grouping.note:
                lines.append(f"{pad}{INDENT}{grouping.note}")
    return lines


def _figure_value(figure: FigureView, t: Translator) -> str:
    """A figure's value the local way, with its unit (and VAT basis for an amount in euro)."""
    if figure.unit.code == "eur":
        basis = f" ({figure.vat_basis.label})" if figure.vat_basis else ""
        return t.money(figure.value) + basis
    exponent = figure.value.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    number = t.number(figure.value, decimals)
    if figure.unit.code == "count":  # the figure's label says what is counted: "Studies ordered: 5"
        return number
    return f"{number}\u00a0%" if figure.unit.code == "percent" else f"{number} {figure.unit.label}"
