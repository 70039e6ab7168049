"""A readable terminal summary of the brief (``sebrief analyse`` without --json)."""

from __future__ import annotations

from sebrief.brief import Brief
from sebrief.i18n import Translator


def summary_text(brief: Brief) -> str:
    t = Translator(brief.header.lang)
    h = brief.header
    lines = [f"{h.reference}: {h.title}", f"{h.asker.name} → {h.minister.name}, {t.date(h.date_asked)}", ""]
    lines += [t("Key points")] + [f"  {k.label}: {k.value}. {k.detail}" for k in brief.key_points] + [""]
    lines.append(t("Coverage of the question"))
    lines += [f"  {c.part_id}: {c.status.label}. {c.reason}" for c in brief.coverage]
    lines.append("")
    for group in brief.question1.groups:
        lines.append(group.title)
        lines += [f"  {s.sub_action_id} {s.text} [{s.basis.label}]" for s in group.sub_actions] or ["  –"]
    lines += ["", t("Totals")]
    for kind in brief.totals.per_kind:
        lines.append(f"  {kind.kind.label}: {t.money(kind.amount)} ({kind.vat_basis.label}), {kind.rows}")
    lines += ["", t("Points of attention")] + [f"  {s.title}" for s in brief.signals]
    lines += ["", t("Follow-up questions")] + [f"  {q.number}. {q.text}" for q in brief.follow_up]
    return "\n".join(lines)
