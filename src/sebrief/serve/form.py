"""dataset.yaml as the editor's form: sections, groups (a part, a block, a kind...) and fields,
labelled in the user's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sebrief.dataset.locations import path_text
from sebrief.i18n import Translator, _
from sebrief.serve.items import ITEM_LISTS
from sebrief.serve.workspace import Field, _is_scalar, _kind, _shown, list_text

LABELS = {
    "id": _("Id"),
    "language": _("Language"),
    "metadata": _("The question"),
    "parliament": _("Parliament"),
    "document_type": _("Document type"),
    "number": _("Number"),
    "session_year": _("Session year"),
    "date_asked": _("Date asked"),
    "date_answered": _("Date answered"),
    "asker": _("Asker"),
    "minister": _("Minister"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "portfolio": _("Portfolio"),
    "title": _("Title"),
    "source": _("Source"),
    "file": _("File"),
    "url": _("Web address"),
    "description": _("Description"),
    "question": _("Parts of the question"),
    "introduction": _("Introduction"),
    "parts": _("Part"),
    "subparts": _("Subpart"),
    "text": _("Text (verbatim)"),
    "answered_by": _("Answered by (block ids)"),
    "kinds": _("Kind of row"),
    "label": _("Label"),
    "plural": _("Plural"),
    "procurement": _("Public procurement"),
    "groupings": _("Grouping"),
    "values": _("Value"),
    "multiple": _("Several values per row"),
    "answer": _("The answer"),
    "passages": _("Passage"),
    "blocks": _("Block"),
    "kind": _("Kind"),
    "binds": _("Bound subpart"),
    "part": _("Part"),
    "column": _("Column"),
    "rows": _("Rows"),
    "categories": _("Category"),
    "items": _("Item"),
    "answers": _("Answers"),
    "status": _("Status"),
    "basis": _("Basis"),
    "note": _("Note"),
    "reason": _("Reason"),
    "evidence": _("Evidence (passage ids)"),
    "figures": _("Figure"),
    "value": _("Value"),
    "unit": _("Unit"),
    "vat_basis": _("VAT basis"),
    "period_text": _("Period (verbatim)"),
    "curation_notes": _("Curation notes"),
    "summary": _("Summary"),
    "follow_up": _("Follow-up question"),
    "not_addressed": _("Not addressed"),
    "sheet": _("Sheet"),
    "in_part": _("In part"),
    "dimensions": _("Dimensions"),
    "period": _("Period"),
    "start": _("Start"),
    "end": _("End"),
    "precision": _("Precision"),
    "points": _("Point"),
    "passage": _("Passage"),
    "unit_label": _("Unit (label)"),
    "group": _("Group"),
    "groups": _("Groups"),
    "intro": _("Introduction"),
}
# What a table's columns hold, above their names in the grid
COLUMNS = {
    "id": _("Row id"),
    "kind": _("Kind"),
    "description": _("Description (verbatim)"),
    "description_source": _("Description in fragments"),
    "period_start": _("Start"),
    "period_end": _("End"),
    "period_precision": _("Precision"),
    "period_text": _("Period (verbatim)"),
    "status": _("Status"),
    "beneficiary": _("Beneficiary (verbatim)"),
    "beneficiary_count": _("Number of beneficiaries"),
    "amount": _("Amount (exact)"),
    "amount_text": _("Amount (verbatim)"),
    "vat_basis": _("VAT basis"),
    "vat_text": _("VAT (verbatim)"),
    "procedure": _("Procedure (verbatim)"),
    "source_ref": _("Place in the source"),
    "note_nl": _("Note (NL)"),
    "note_en": _("Note (EN)"),
}

# The values a field or a table's column takes, offered as the user types (the check names others).
CHOICES = {
    "status": ("answered", "partly", "not_answered"),
    "basis": ("stated", "inferred", "not_addressed"),
    "unit": ("eur", "count", "fte", "percent", "other"),
    "vat_basis": ("excl_vat", "incl_vat", "not_stated"),
    "language": ("nl", "en"),
    "row_status": ("awarded", "in_procedure"),
    "period_precision": ("day", "month"),
    "grouping_basis": ("stated", "inferred"),
}
BOOL_KEYS = ("procurement", "multiple", "not_addressed")  # yes or no, offered as such while still empty
SECTIONS = ("metadata", "question", "kinds", "groupings", "answer", "curation_notes")


@dataclass
class Group:
    key: str
    label: str
    line: int
    children: list[Group | Field] = field(default_factory=list)
    small: bool = False  # a label in two languages, a name: shown open
    list_path: tuple[str | int, ...] | None = None  # a list of items: items can be added
    item_path: tuple[str | int, ...] | None = None  # an item of a list: it can be removed
    blocks: bool = False  # the answer's blocks: a new one is of a kind the user picks


def label(key: str, t: Translator) -> str:
    if key in ("nl", "en"):
        return key.upper()
    message = LABELS.get(key)
    return t(message) if message else key.replace("_", " ").capitalize()


def sections(document: CommentedMap, t: Translator) -> list[Group]:
    """The form: one section per top part of dataset.yaml, the dataset's own id and language first."""
    top = Group("", t("Dataset"), 1)
    found = [top]
    for key, value in document.items():
        if key == "schema_version" or not isinstance(key, str):
            continue
        line = document.lc.data.get(key, (0,))[0] + 1
        if key in SECTIONS and isinstance(value, (CommentedMap, CommentedSeq)):
            section = Group(key, label(key, t), line, list_path=_listed(value, (key,)))
            _fill(section, value, (key,), t)
            found.append(section)
        elif _is_scalar(value):
            top.children.append(Field((key,), _shown(value), _kind(value), line))
    return found


def _fill(group: Group, node: Any, path: tuple[str | int, ...], t: Translator) -> None:
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if not isinstance(key, str):
                continue
            line = node.lc.data.get(key, (0,))[0] + 1
            here = (*path, key)
            hint = _comment(node, key)
            if _is_scalar(value):
                kind = "bool" if key in BOOL_KEYS and value in (None, True, False) else _kind(value)
                group.children.append(Field(here, _shown(value), kind, line, hint))
            elif isinstance(value, CommentedSeq) and not value and key in ITEM_LISTS:
                inner = Group(path_text(here), label(key, t), line, list_path=here, blocks=here == ("answer", "blocks"))
                group.children.append(inner)
            elif isinstance(value, CommentedSeq) and all(_is_scalar(item) for item in value):
                group.children.append(Field(here, list_text(value), "list", line, hint))
            elif isinstance(value, CommentedMap) and all(_is_scalar(item) for item in value.values()):
                # a label in two languages, a name: a small group of its own
                inner = Group(path_text(here), label(key, t), line, small=True)
                _fill(inner, value, here, t)
                group.children.append(inner)
            else:
                inner = Group(path_text(here), label(key, t), line, list_path=_listed(value, here))
                inner.blocks = here == ("answer", "blocks")
                _fill(inner, value, here, t)
                group.children.append(inner)
        if _wants_reason(node, path):  # an answer drafted without a reason: a place to give one
            line = node.lc.data.get("status", (group.line - 1,))[0] + 1
            inner = Group(path_text((*path, "reason")), label("reason", t), line, small=True)
            inner.children += [Field((*path, "reason", lang), "", _kind(None), line) for lang in ("nl", "en")]
            group.children.append(inner)
    elif isinstance(node, CommentedSeq):
        name = str(path[-1])
        for index, value in enumerate(node):
            here = (*path, index)
            line = node.lc.data.get(index, (0,))[0] + 1 if index in node.lc.data else group.line
            ident = value.get("id") if isinstance(value, CommentedMap) else None
            title = f"{label(name, t)} {ident}" if ident not in (None, "") else f"{label(name, t)} {index + 1}"
            inner = Group(path_text(here), title, line, item_path=here if isinstance(value, CommentedMap) else None)
            if isinstance(value, (CommentedMap, CommentedSeq)):
                _fill(inner, value, here, t)
            else:
                inner.children.append(Field(here, _shown(value), _kind(value), line))
            group.children.append(inner)


def _wants_reason(node: CommentedMap, path: tuple[str | int, ...]) -> bool:
    """An answer item (a block's answers[n]) with no reason: the form offers one, to give unless answered."""
    return len(path) >= 2 and path[-2] == "answers" and "status" in node and "reason" not in node


def _comment(node: CommentedMap, key: str) -> str:
    """The comment at the end of ``key``'s line, if any."""
    tokens = node.ca.items.get(key)
    token = tokens[2] if tokens and len(tokens) > 2 else None
    text = getattr(token, "value", "") or ""
    first = text.strip().split("\n", 1)[0].strip()
    return first[1:].strip() if first.startswith("#") else ""


def _listed(value: Any, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """``path`` if ``value`` is a list of items (mappings), or the answer's blocks (possibly none yet)."""
    if not isinstance(value, CommentedSeq):
        return None
    if (not value and path[-1] in ITEM_LISTS) or (value and all(isinstance(item, CommentedMap) for item in value)):
        return path
    return None


def choices_of(item: Field) -> str:
    """The id of the list of values offered for a field, or ''."""
    last = item.path[-1]
    return f"choices-{last}" if isinstance(last, str) and last in CHOICES else ""


def column_choices(column: str, groupings: set[str]) -> str:
    """The id of the list of values offered for a column of a table, or ''."""
    if column == "kind":
        return "choices-kinds"
    if column == "status":
        return "choices-row_status"
    if column in ("vat_basis", "period_precision"):
        return f"choices-{column}"
    if column.endswith("_basis") and column[: -len("_basis")] in groupings:
        return "choices-grouping_basis"
    return ""


def column_label(column: str, t: Translator) -> str:
    message = COLUMNS.get(column)
    return t(message) if message else ""


def field_label(item: Field, t: Translator) -> str:
    last = next((step for step in reversed(item.path) if isinstance(step, str)), "")
    return label(last, t)
