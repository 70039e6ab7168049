"""Question 1 (parts a, b, c): the convenant's sub-actions grouped by how they are organised now."""

from __future__ import annotations

from sebrief.analysis.labels import label
from sebrief.brief import Evidence, Question1, Question1Group, SubActionAnswer
from sebrief.i18n import Translator
from sebrief.model import Basis, Dataset, Mode
from sebrief.quotes import SourceText

# Which part of question 1 a mode answers; subsidy calls and plans are groups the answer adds.
MODE_GROUP = {
    Mode.ADMINISTRATION: "1a",
    Mode.PUBLIC_CONTRACT: "1b",
    Mode.SUBSIDY_CALL: "subsidy_call",
    Mode.PLANNED: "planned",
    Mode.NOT_ADDRESSED: "1c",
}
GROUP_ORDER = ("1a", "1b", "subsidy_call", "planned", "1c")


def evidence_for(dataset: Dataset, source: SourceText, passage_id: str) -> Evidence:
    passage = dataset.passage(passage_id)
    lines = source.locate(passage.text) or (0, 0)
    return Evidence(passage.id, passage.text, passage.part, lines[0], lines[1])


def sub_action_answers(dataset: Dataset, source: SourceText, t: Translator) -> tuple[SubActionAnswer, ...]:
    answers = []
    for action in dataset.main.convenant_actions:
        for sub in action.sub_actions:
            groups = tuple(dict.fromkeys(MODE_GROUP[mode] for mode in sub.modes))
            answers.append(
                SubActionAnswer(
                    action_id=action.id,
                    action_number=action.number,
                    action_text=action.text,
                    pillar=action.pillar,
                    sub_action_id=sub.id,
                    text=sub.text,
                    modes=tuple(label(t, "mode", mode.value) for mode in sub.modes),
                    basis=label(t, "basis", sub.basis.value),
                    question_parts=tuple(group for group in groups if group in ("1a", "1b", "1c")),
                    evidence=tuple(evidence_for(dataset, source, pid) for pid in sub.evidence),
                    rows=sub.rows,
                    note=sub.note.get(t.lang),
                )
            )
    return tuple(answers)


def _group_summary(group_id: str, members: tuple[SubActionAnswer, ...], t: Translator) -> str:
    stated = sum(1 for m in members if m.basis.code == Basis.STATED)
    inferred = sum(1 for m in members if m.basis.code == Basis.INFERRED)
    count = len(members)
    if group_id == "1c":
        if not count:
            return t("The answer addresses every sub-action of the convenant.")
        return t(
            "The answer does not say that any task is no longer offered. It does not address "
            "{count} of the convenant's sub-actions: whether they are still offered is open.",
            count=count,
        )
    if not count:
        return t("No sub-action of the convenant is organised this way according to the answer.")
    if group_id == "1a" and not stated:
        return t(
            "The answer does not say which tasks the Flemish government takes on itself. "
            "{count} sub-action(s) are placed here by inference: organised, with no contract for them "
            "in the table.",
            count=count,
        )
    return t(
        "{count} sub-action(s): {stated} stated in the answer, {inferred} inferred from the answer and its table.",
        count=count,
        stated=stated,
        inferred=inferred,
    )


def question1(dataset: Dataset, source: SourceText, t: Translator) -> Question1:
    matrix = sub_action_answers(dataset, source, t)
    subparts = {sub.id: sub.text for part in dataset.main.question.parts for sub in part.subparts}
    titles = {
        "1a": t("1a. Tasks the Flemish government takes on itself"),
        "1b": t("1b. Tasks outsourced through public contracts"),
        "subsidy_call": t("Tasks supported through subsidy calls"),
        "planned": t("Tasks planned but not yet organised"),
        "1c": t("1c. Tasks no longer offered or not addressed"),
    }
    mode_of_group = {group: mode for mode, group in MODE_GROUP.items()}
    groups = []
    for group_id in GROUP_ORDER:
        mode = mode_of_group[group_id]
        members = tuple(m for m in matrix if mode.value in {label.code for label in m.modes})
        rows = tuple(dict.fromkeys(row for m in members for row in m.rows))
        groups.append(
            Question1Group(
                group_id=group_id,
                title=titles[group_id],
                question=subparts.get(group_id),
                summary=_group_summary(group_id, members, t),
                sub_actions=members,
                rows=rows,
            )
        )
    answer = dataset.main.answer
    initiatives = tuple((dataset.passage(i.passage).text, i.summary.get(t.lang), i.pillars) for i in answer.initiatives)
    return Question1(
        intro=t(
            "The answer does not take parts 1a, 1b and 1c in turn. It names the five pillars of the "
            "support decree, the initiatives already started and a table of calls and contracts. "
            "Below, each sub-action of the convenant is placed by what the answer says or lets us "
            "infer, with its basis; an inference is ours, not the minister's statement."
        ),
        groups=tuple(groups),
        matrix=matrix,
        pillars=tuple((p.number, p.text) for p in answer.pillars),
        initiatives=initiatives,
    )
