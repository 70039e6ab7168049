"""``sebrief init``: the files of a new, empty dataset, ready to be curated.

The skeleton is deliberately invalid: its fields are empty, so that ``sebrief validate`` lists
each one still to fill in, by name and line. Nothing in it is an example passed off as data.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from sebrief.errors import OutputError
from sebrief.load import MAIN_FILE, ROW_COLUMNS, ROWS_FILE
from sebrief.schema import dataset_json_schema

SCHEMA_FILE = "dataset.schema.json"
SOURCE_FILE = "source.txt"
README_FILE = "README.md"

DATASET_YAML = f"""\
# yaml-language-server: $schema={SCHEMA_FILE}
#
# A new sebrief dataset. Every empty field below is still to be filled in; README.md in this
# folder explains each one. Then run `sebrief validate <this folder>` until it reports no problems.
# Fields named `text` are verbatim passages of {SOURCE_FILE} (white space may differ).

schema_version: 1
id:                  # e.g. sv-221-2017-2018: lowercase letters, digits and hyphens
language: nl         # nl or en: the language of the source

metadata:
  parliament:        # e.g. Vlaams Parlement
  document_type:     # e.g. schriftelijke vraag
  number:            # the question's number, e.g. 221 (unique within its session year)
  session_year:      # e.g. 2017-2018
  date_asked:        # YYYY-MM-DD
  date_answered: null  # YYYY-MM-DD; leave null when the source does not give it (never guess)
  asker:
    first_name:
    last_name:
  minister:
    first_name:
    last_name:
    portfolio:       # the minister's title as the source gives it
  title:             # the question's title
  source:
    file: {SOURCE_FILE}
    description:     # what the source text is, in Dutch and English
      nl:            # e.g. "Tekstlaag van de gepubliceerde pdf van ..."
      en:            # e.g. "Text layer of the published PDF of ..."
    url: null        # https://... of the published document, if there is one

question:
  introduction: []   # passages before the question's parts: {{id: Q-INTRO, text: ...}}
  parts:
    - id: "1"
      text:          # part 1 of the question, verbatim
      subparts: []   # {{id: 1a, text: ...}}, verbatim

# The convenant's actions and sub-actions, if the question lists them; README.md shows the fields.
convenant_actions: []

answer:
  pillars:           # the pillars the answer names, at least one
    - number:
      text:
  passages: []       # passages of the answer cited as evidence: {{id: P-..., part: "1", text: ...}}
  initiatives: []

curation_notes: []
"""

SOURCE_TXT = """\
Paste here the text of the published written question and of the minister's answer, as it comes
out of the PDF (for example with `pdftotext`), and replace these lines with it.

Every field named `text` in dataset.yaml and the verbatim columns of rows.csv are checked
against this file by `sebrief validate`.
"""

# What each rows.csv column holds (the project README has the same table).
COLUMN_HELP = {
    "id": "unique row id, e.g. `R01`",
    "kind": "`subsidy_call` or `public_contract`",
    "description": "the row's description, verbatim (fragments joined when split in the source)",
    "description_source": "only when the description is split in the source: the fragments with `[…]`",
    "theme": "`innovation`, `starters`, `research`, `communication`, `guide` or `other`",
    "period_start": "ISO date (YYYY-MM-DD); empty for a row still in procedure",
    "period_end": "ISO date (YYYY-MM-DD); empty for a row still in procedure",
    "period_precision": "`day`, or `month` (a month period runs from the first to the last day of its months)",
    "period_text": "the period as the source writes it; `sebrief validate` checks it against the dates",
    "status": "`awarded` or `in_procedure`",
    "beneficiary": "verbatim; empty while in procedure",
    "beneficiary_count": 'for a group such as "14 ondernemingen (BW, SW, LDE)": how many (14)',
    "amount": "exact decimal in euro with a dot, at most two decimals (`9835.60`); empty while in procedure",
    "amount_text": "the amount as the source writes it (`9.835,6 €`); checked against `amount`",
    "vat_basis": "`excl_vat`, `incl_vat` or `not_stated`, as the source states it",
    "vat_text": "the source's words for the VAT basis, e.g. `(excl. BTW)`",
    "pillars": "the pillar numbers the row serves, separated by `;`",
    "pillar_basis": "`stated` (the answer links the row to the pillar) or `inferred` (our reading)",
    "source_ref": "where the row stands in the source, e.g. `Antwoord 2, tabel, rij 3`",
    "note": "curation note",
    "note_nl": "curation note in Dutch (fill in both languages or neither)",
    "note_en": "curation note in English (fill in both languages or neither)",
}

README_HEAD = f"""\
# A sebrief dataset

This folder holds one written question and its answer, curated by hand for sebrief:

- `{MAIN_FILE}`: the question's metadata, the question text (parts and sub-parts), the convenant's
  actions and sub-actions with how each is organised since, the answer's pillars, passages and
  initiatives, and curation notes. `{SCHEMA_FILE}` is its JSON Schema: editors that read the
  first line of `{MAIN_FILE}` check the fields while you type.
- `{ROWS_FILE}`: one line per row of the answer's table (UTF-8, the header row first).
- `{SOURCE_FILE}`: the text of the published question and answer, so that every quote can be
  checked against it.

Curate in this order: paste the source text into `{SOURCE_FILE}`; fill in `{MAIN_FILE}`; add the
table's rows to `{ROWS_FILE}`; run `sebrief validate <this folder>` and fix what it lists (each
problem names the file, the line and the field) until it reports the dataset valid. Write down
what the source says, never what it leaves out: an unknown date stays `null`, a silent answer is
`not_addressed`.

Fields named `text` in `{MAIN_FILE}`, and the CSV columns `description` (or
`description_source`), `period_text`, `beneficiary`, `amount_text` and `vat_text`, are verbatim
passages of the source. They are compared with white space normalised and words hyphenated at a
line end joined. Where a passage is split in the source (a page break inside a table row), write
`[…]` between its fragments in `description_source` or `period_text`.

## `{MAIN_FILE}` fields

| field | meaning |
| --- | --- |
| `schema_version` | `1` |
| `id` | the dataset's id: lowercase letters, digits and hyphens, e.g. `sv-221-2017-2018` |
| `language` | `nl` or `en`: the language of the source |
| `metadata.parliament`, `metadata.document_type` | e.g. `Vlaams Parlement`, `schriftelijke vraag` |
| `metadata.number`, `metadata.session_year` | number and session year (`2017-2018`): together they identify it |
| `metadata.date_asked`, `metadata.date_answered` | `YYYY-MM-DD`; `date_answered` stays `null` if the source lacks it |
| `metadata.asker`, `metadata.minister` | `first_name`, `last_name`; the minister also `portfolio` |
| `metadata.title` | the question's title |
| `metadata.source` | `file` (`{SOURCE_FILE}`), `description` of the text, optional `url` |
| `question.introduction` | passages before the parts: `id`, `text` |
| `question.parts` | the question's parts: `id`, `text`, and `subparts` (`id`, `text`) |
| `convenant_actions` | the convenant's actions (`id`, `number`, `pillar`, `text`) and their `sub_actions` (below) |
| `answer.pillars` | the pillars the answer names: `number`, `text` |
| `answer.passages` | passages of the answer cited as evidence: `id`, `part` (the question part it answers), `text` |
| `answer.initiatives` | initiatives the answer lists: `id`, `passage`, `pillars`, `summary` |
| `curation_notes` | decisions a reader of the outputs should know about |

`sebrief schema` prints the complete schema with every field's type.

### How a sub-action is classified

Each sub-action has `id`, `text` (verbatim), `modes`, `basis`, `evidence` (ids of
`answer.passages`), `rows` (ids of `{ROWS_FILE}`) and a `note`. `modes` lists how it is organised
now: `administration` (by the administration itself: part 1a), `public_contract` (outsourced:
1b), `subsidy_call`, `planned`, or `not_addressed` (1c: the answer is silent). `basis` says on what
ground: `stated` (the answer says so), `inferred` (our reading of the answer and its table; never
presented as the minister's words) or `not_addressed`.

## `{ROWS_FILE}` columns

| column | meaning |
| --- | --- |
"""


def readme_text() -> str:
    """The README of a new dataset, with one line per column of ``rows.csv``."""
    rows = [f"| `{column}` | {COLUMN_HELP.get(column, 'see the sebrief README')} |" for column in ROW_COLUMNS]
    return README_HEAD + "\n".join(rows) + "\n"


def skeleton_files() -> dict[str, bytes]:
    """The files of a new dataset, by name: all text in UTF-8 with ``\\n`` line endings."""
    schema = json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False) + "\n"
    texts = {
        MAIN_FILE: DATASET_YAML,
        SCHEMA_FILE: schema,
        ROWS_FILE: ",".join(ROW_COLUMNS) + "\n",
        SOURCE_FILE: SOURCE_TXT,
        README_FILE: readme_text(),
    }
    return {name: text.encode("utf-8") for name, text in texts.items()}


def write_skeleton(folder: Path) -> list[Path]:
    """Write a new dataset into ``folder`` (created if needed), which must be empty or absent.

    Raises ``OutputError`` when ``folder`` is a file or holds anything, and when a file cannot be
    written; in that case the files already written are removed again.
    """
    from sebrief.write import write_atomic

    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot create the dataset in {folder}: it is a file; give a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise OutputError(f"{folder} is not empty; sebrief init never overwrites files: give a new or an empty folder")
    created = not folder.exists()
    written: list[Path] = []
    try:
        for name, data in skeleton_files().items():
            written.append(write_atomic(folder / name, data))
    except OutputError:
        for path in written:
            path.unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return written
