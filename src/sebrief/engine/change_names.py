"""The words a change is told in: sections of the dataset, kinds of change, and the dataset's
fields as a reader knows them (message ids, translated where they are used)."""

from __future__ import annotations

from sebrief.engine.diff import ChangeKind, Section
from sebrief.i18n import _

SECTIONS = {
    Section.DATASET: _("Dataset"),
    Section.METADATA: _("Metadata"),
    Section.INTRODUCTION: _("Introduction to the question"),
    Section.QUESTION: _("Question"),
    Section.KIND: _("Kind of row"),
    Section.GROUPING: _("Grouping"),
    Section.GROUPING_VALUE: _("Grouping value"),
    Section.PASSAGE: _("Passage"),
    Section.BLOCK: _("Answer block"),
    Section.CATEGORY: _("Category"),
    Section.ITEM_GROUP: _("Heading"),
    Section.ITEM: _("Item"),
    Section.FIGURE: _("Figure"),
    Section.TEXT_POINT: _("Point"),
    Section.ROW: _("Table row"),
    Section.CURATION_NOTE: _("Curation note"),
    Section.SOURCE: _("Source text"),
}
KINDS = {
    ChangeKind.ADDED: _("added"),
    ChangeKind.REMOVED: _("removed"),
    ChangeKind.CHANGED: _("changed"),
    ChangeKind.AWARDED: _("awarded"),
}
# The dataset's field names as a reader knows them; first by section, then for any section.
SECTION_FIELDS = {
    (Section.DATASET, "id"): _("dataset id"),
    (Section.DATASET, "language"): _("language of the source"),
    (Section.QUESTION, "part"): _("part it belongs to"),
    (Section.KIND, "label"): _("name"),
    (Section.KIND, "plural"): _("name in the plural"),
    (Section.KIND, "procurement"): _("public procurement"),
    (Section.GROUPING, "label"): _("name"),
    (Section.GROUPING, "multiple"): _("several values per row"),
    (Section.GROUPING_VALUE, "label"): _("name"),
    (Section.GROUPING_VALUE, "text"): _("the answer's words"),
    (Section.PASSAGE, "part"): _("part of the answer"),
    (Section.BLOCK, "kind"): _("kind of block"),
    (Section.BLOCK, "binds"): _("columns that answer the parts"),
    (Section.BLOCK, "groupings"): _("groupings"),
    (Section.BLOCK, "intro"): _("introduction"),
    (Section.CATEGORY, "label"): _("name"),
    (Section.CATEGORY, "answers"): _("part it answers"),
    (Section.CATEGORY, "not_addressed"): _("items not addressed"),
    (Section.CATEGORY, "follow_up"): _("follow-up question"),
    (Section.ITEM, "group"): _("heading"),
    (Section.FIGURE, "label"): _("what it counts"),
    (Section.FIGURE, "text"): _("value as written"),
    (Section.FIGURE, "unit_label"): _("unit"),
}
FIELDS = {
    "table": _("table"),
    "kind": _("kind"),
    "description": _("description"),
    "description_source": _("description as written"),
    "period": _("period"),
    "period_text": _("period as written"),
    "status": _("status"),
    "beneficiary": _("beneficiary"),
    "beneficiary_count": _("number of beneficiaries"),
    "amount": _("amount"),
    "amount_text": _("amount as written"),
    "vat_basis": _("basis of the amount (VAT)"),
    "vat_text": _("VAT as written"),
    "procedure": _("procedure"),
    "source_ref": _("place in the source"),
    "note": _("note"),
    "text": _("text"),
    "title": _("title"),
    "answered_by": _("answered by"),
    "file": _("file"),
    "evidence": _("evidence"),
    "categories": _("categories"),
    "basis": _("basis"),
    "rows": _("linked rows"),
    "number": _("heading number"),
    "value": _("value"),
    "unit": _("unit"),
    "summary": _("summary"),
}
METADATA_FIELDS = {
    "parliament": _("parliament"),
    "document_type": _("kind of document"),
    "number": _("number of the question"),
    "session_year": _("session year"),
    "date_asked": _("date asked"),
    "date_answered": _("date of the answer"),
    "asker.first_name": _("first name of the member"),
    "asker.last_name": _("last name of the member"),
    "minister.first_name": _("first name of the minister"),
    "minister.last_name": _("last name of the minister"),
    "minister.portfolio": _("portfolio of the minister"),
    "title": _("title"),
    "source.file": _("source file"),
    "source.description": _("description of the source"),
    "source.url": _("address of the source"),
}
BLOCK_KINDS = {
    "table": _("table"),
    "classification": _("classification"),
    "figures": _("figures"),
    "text": _("text"),
}
EMPTY = "–"
# Sections whose changed items are named by the dataset's title or label besides their id.
NAMED = (Section.BLOCK, Section.KIND, Section.GROUPING)
SHORT = 80
