"""The brief's header: the question, who asked it, who answered, and the source."""

from __future__ import annotations

from sebrief.dataset.model import Dataset
from sebrief.engine.brief_values import Header, Person
from sebrief.i18n import Translator


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
