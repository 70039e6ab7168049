"""A draft written out as a dataset in format version 2: dataset.yaml, one CSV file per table, source.txt.

``draft_files`` turns a ``Draft`` into the files' bytes; ``write_draft`` reads a document, drafts
it and writes the files into a new folder, all of them or none.

What the document states is drafted: the metadata, the question (introduction, parts and
subparts, verbatim, with the ids the question numbers them by), the answer's passages with the
part of the answer each stands in, each table of the answer as a table block (its rows in a
CSV file, the subparts whose words name a column's role bound to that column) with the kinds of
row the source labels, and for each part answered without a table a figures block (the figures
it lists) or a text block (its passages). ``source.txt`` is the text the draft was read from, so that ``sebrief
validate`` can check every quote against it.

What only a person can decide is left empty, with a YAML comment on the line saying what to fill
in: how well a block answers its part and on what basis, the English labels, the kinds' plurals not
found in the source and whether a kind is public procurement, a kind the source does not give.
``sebrief validate`` then lists each of them by line. Nothing is guessed: the date of the answer
is drafted only when the document gives it. What the drafter could not find or wants checked is
returned as ``gaps``, on top of what ``sebrief validate`` lists.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sebrief.dataset.reading import MAIN_FILE
from sebrief.draft.commented_yaml import plain_data, render_yaml
from sebrief.draft.dataset_plan import plan_dataset
from sebrief.draft.dataset_yaml import SOURCE_FILE, dataset_entries, header_comment
from sebrief.draft.rows_csv import table_csv
from sebrief.draft.structure import Draft, Gap
from sebrief.errors import Message, OutputError


@dataclass(frozen=True)
class DraftFiles:
    """The files of a draft dataset, by name, and what the drafter could not find or decide."""

    files: dict[str, bytes]
    gaps: tuple[Gap, ...]  # the parser's (``Draft.gaps``), then the emitter's
    data: dict[str, Any]  # what dataset.yaml reads as
    parser_gaps: tuple[Gap, ...] = ()
    rows: int = 0
    tables: int = 0
    passages: int = 0


def draft_files(
    draft: Draft, source_text: str, source_name: str, folder_name: str = "", lang: str = "nl"
) -> DraftFiles:
    """The files of the draft dataset of ``draft``, read from ``source_text`` (the file ``source_name``);
    the comments of dataset.yaml in ``lang`` (the gaps are put in a language when shown)."""
    from sebrief.i18n import Translator

    source_name = _clean_name(source_name)
    plan = plan_dataset(draft)
    entries = dataset_entries(plan, source_text, source_name, folder_name)
    text = render_yaml(entries, header_comment(source_name), Translator(lang))
    files = {MAIN_FILE: text.encode("utf-8")}
    for table in plan.tables:
        files[table.file] = table_csv(plan, table).encode("utf-8")
    files[SOURCE_FILE] = source_text.encode("utf-8")
    return DraftFiles(
        files,
        (*draft.gaps, *plan.gaps),
        plain_data(entries),
        parser_gaps=draft.gaps,
        rows=sum(len(table.table.rows) for table in plan.tables),
        tables=len(plan.tables),
        passages=len(plan.passage_ids),
    )


class FolderError(OutputError):
    """The folder to draft into is a file or not empty; the message in the language of the command."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message

    def describe(self, lang: str = "en") -> str:
        from sebrief.i18n import Translator

        return self.message.text(Translator(lang))

    def report(self, lang: str = "en") -> str:
        from sebrief.i18n import Translator

        t = Translator(lang)
        return t("error: {text}", text=self.message.text(t))


def _clean_name(name: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", "?", name) or "?"


def iter_files(files: DraftFiles, folder: Path) -> Iterator[tuple[Path, bytes]]:
    for name, data in files.files.items():
        yield folder / name, data


def write_draft(source: Path, folder: Path, lang: str = "nl") -> DraftFiles:
    """Draft the document ``source`` (PDF, Word, HTML or text) into the new folder ``folder``, the
    comments of its dataset.yaml in ``lang``; what could not be read from it comes first in the
    gaps, as ``source``.

    Raises ``SourceError`` when the document cannot be read and ``OutputError`` when ``folder`` is
    a file or not empty, or a file cannot be written (then nothing is left written).
    """
    from sebrief.draft.extract import read_document
    from sebrief.draft.parse import parse_document
    from sebrief.write import write_together

    if folder.exists() and not folder.is_dir():
        raise FolderError(Message("cannot draft into {folder}: it is a file; give a new folder", folder=str(folder)))
    if folder.is_dir() and any(folder.iterdir()):
        raise FolderError(Message("{folder} is not empty; sebrief new never overwrites files: give a new or an empty "
                                  "folder", folder=str(folder)))  # fmt: skip
    document = read_document(source)
    draft = parse_document(document.text)
    notes = tuple(Gap(Message("source"), source.name, note) for note in document.notes)
    draft = dataclasses.replace(draft, gaps=(*notes, *draft.gaps))
    files = draft_files(draft, document.text, source.name, folder.resolve().name, lang)
    created = not folder.exists()
    try:
        write_together(list(iter_files(files, folder)))
    except OutputError:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return files
