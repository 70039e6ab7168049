"""``sebrief init``: the files of a new, empty dataset (format version 2), ready to be curated.

The skeleton is deliberately invalid: its fields are empty, so that ``sebrief validate`` lists
each one still to fill in, by name and line. One example of each kind of answer block (table,
classification, figures, text), of a row kind and of a grouping stands in comments, with
placeholder values that are nobody's data: the curator copies what the answer needs.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from sebrief.dataset.model import SCHEMA_VERSION
from sebrief.dataset.reading import MAIN_FILE
from sebrief.errors import OutputError
from sebrief.schema import dataset_json_schema

SCHEMA_FILE = "dataset.schema.json"
SOURCE_FILE = "source.txt"
ROWS_FILE = "rows.csv"
README_FILE = "README.md"

# The columns of a new table's CSV file, in a readable order (a grouping adds its own columns).
ROW_COLUMNS = (
    "id", "kind", "description", "description_source", "period_start", "period_end", "period_precision",
    "period_text", "status", "beneficiary", "beneficiary_count", "amount", "amount_text", "vat_basis", "vat_text",
    "procedure", "source_ref", "note_nl", "note_en",
)  # fmt: skip

DATASET_YAML = f"""\
# yaml-language-server: $schema={SCHEMA_FILE}
#
# A new sebrief dataset (format version {SCHEMA_VERSION}). Every empty field below is still to be filled in;
# README.md in this folder explains the format. Run `sebrief validate <this folder>` until it reports
# the dataset valid: it names each field still empty, by line.
# Fields named `text` are verbatim passages of {SOURCE_FILE} (white space may differ). Texts of our
# own (labels, titles, notes, reasons) are written in both languages: {{nl: ..., en: ...}}.

schema_version: {SCHEMA_VERSION}
id:                  # e.g. sv-305-2018-2019: lowercase letters, digits and hyphens
language: nl         # nl or en: the language of the source

metadata:
  parliament:        # e.g. Vlaams Parlement
  document_type:     # e.g. schriftelijke vraag
  number:            # the question's number, e.g. 305 (unique within its session year)
  session_year:      # e.g. 2018-2019
  date_asked:        # YYYY-MM-DD
  date_answered: null  # YYYY-MM-DD; leave null when the source does not give it (never guess)
  asker:
    first_name:
    last_name:
  minister:
    first_name:
    last_name:
    portfolio:       # the minister's title as the source gives it
  title:             # the question's title, verbatim
  source:
    file: {SOURCE_FILE}
    description:     # what the source text is, in Dutch and English
      nl:            # e.g. "Tekstlaag van de gepubliceerde pdf van ..."
      en:            # e.g. "Text layer of the published PDF of ..."
    url: null        # https://... of the published document, if there is one

question:
  introduction: []   # passages before the question's parts: [{{id: Q-INTRO, text: ...}}]
  parts:             # the question's parts, numbered as the source numbers them
    - id: "1"
      text:          # part 1 of the question, verbatim
      answered_by: []  # ids of the answer blocks (answer.blocks) that answer it; [] if the answer is silent
      subparts: []   # [{{id: 1a, text: ..., answered_by: [...]}}], verbatim

# The kinds of table rows the answer lists. `procurement: true` for public contracts: their amounts
# are compared with the procurement thresholds (excl. VAT). Needed only when the answer has a table.
kinds: []
#  - id: study
#    label: {{nl: Studie, en: Study}}
#    plural: {{nl: Studies, en: Studies}}
#    procurement: true

# What rows (and text points, item groups) are totalled by: a region, a year, a policy line...
# A table that carries a grouping has a CSV column named after it (and optionally <id>_basis:
# stated or inferred). `multiple: true` lets a row have several values ("1;3"); their totals overlap.
groupings: []
#  - id: year
#    label: {{nl: Jaar, en: Year}}
#    multiple: false
#    values:
#      - id: "2019"
#        label: {{nl: "2019", en: "2019"}}

answer:
  passages: []       # passages of the answer cited as evidence: [{{id: P-..., part: "1", text: ...}}]
  blocks: []         # how the answer answers the parts; one example of each kind follows
  # - kind: table            # rows in a CSV file, one column per subpart asked column by column
  #   id: T-ROWS
  #   title: {{nl: ..., en: ...}}
  #   file: {ROWS_FILE}
  #   evidence: []           # passages that introduce the table
  #   binds:                 # the subpart each column answers; rows: awarded when only awarded rows need it
  #     - {{part: 1a, column: description}}
  #     - {{part: 1b, column: amount, rows: awarded}}
  #   groupings: []          # ids of groupings its rows carry
  #   period: {{start: 2018-01-01, end: 2018-12-31, precision: month}}  # optional: one period for all rows
  #   period_text: In 2018   # ... as the answer gives it once (verbatim); a row's own period wins
  # - kind: classification   # items (tasks, measures) sorted into categories, each answering a subpart
  #   id: C-ITEMS
  #   title: {{nl: ..., en: ...}}
  #   categories:
  #     - {{id: done, label: {{nl: ..., en: ...}}, answers: 1a}}
  #     - {{id: silent, label: {{nl: ..., en: ...}}, answers: 1b, not_addressed: true}}
  #   items:
  #     - id: I1
  #       text: ...          # verbatim
  #       categories: [done]
  #       basis: stated      # stated, inferred (our reading) or not_addressed
  #       evidence: [P-...]
  #       note: {{nl: ..., en: ...}}
  # - kind: figures          # numbers the answer gives: each verbatim, with its exact value and unit
  #   id: F-FIGURES
  #   title: {{nl: ..., en: ...}}
  #   answers: [{{part: "1", status: answered, basis: stated}}]
  #   figures:
  #     - id: F1
  #       label: {{nl: ..., en: ...}}
  #       text: ...          # verbatim, e.g. the amount as written
  #       value: "0.00"      # exact, with a dot
  #       unit: eur          # eur (with vat_basis), count, fte, percent or other (with unit_label)
  #       vat_basis: not_stated
  # - kind: text             # passages that answer a part in words, or refuse to
  #   id: X-TEXT
  #   title: {{nl: ..., en: ...}}
  #   answers: [{{part: "1", status: not_answered, basis: stated, reason: {{nl: ..., en: ...}}}}]
  #   points: [{{passage: P-..., summary: {{nl: ..., en: ...}}}}]

curation_notes: []   # decisions a reader of the outputs should know about: [{{nl: ..., en: ...}}]
"""

SOURCE_TXT = """\
Paste here the text of the published written question and of the minister's answer, as it comes
out of the PDF (for example with `pdftotext`), and replace these lines with it.

Every field named `text` in dataset.yaml and the verbatim columns of the tables' CSV files are
checked against this file by `sebrief validate`.
"""

# What each CSV column of a table holds.
COLUMN_HELP = {
    "id": "unique row id across all tables, e.g. `R01`",
    "kind": "a kind `id` from `kinds` in `dataset.yaml`",
    "description": "the row's description, verbatim (fragments joined when split in the source)",
    "description_source": "only when the description is split in the source: the fragments with `[…]`",
    "period_start": "ISO date (YYYY-MM-DD); empty when the answer gives no period",
    "period_end": "ISO date (YYYY-MM-DD); empty when the answer gives no period",
    "period_precision": "`day`, or `month` (a month period runs from the first to the last day of its months)",
    "period_text": "the period as the source writes it; `sebrief validate` checks it against the dates",
    "status": "`awarded`, `in_procedure`, or `in_house` (done by the administration itself: no amount; "
    "the beneficiary, such as the team that does it, may be given)",
    "beneficiary": "verbatim; empty while in procedure",
    "beneficiary_count": 'for a group such as "14 ondernemingen": how many (14)',
    "amount": "exact decimal in euro with a dot, at most two decimals (`9835.60`); empty while in procedure",
    "amount_text": "the amount as the source writes it (`9.835,6 €`, `1,2 miljoen euro`); checked against `amount`",
    "vat_basis": "`excl_vat`, `incl_vat` or `not_stated`, as the source states it",
    "vat_text": "the source's words for the VAT basis, e.g. `(excl. BTW)`; needed unless `not_stated`",
    "procedure": "the award procedure, verbatim, when the answer gives it",
    "source_ref": "where the row stands in the source, e.g. `Antwoord 2, tabel, rij 3`",
    "note_nl": "curation note in Dutch (fill in both languages or neither)",
    "note_en": "curation note in English (fill in both languages or neither)",
}

README_HEAD = f"""\
# A sebrief dataset

This folder holds one written question and its answer, curated by hand for sebrief (dataset
format version {SCHEMA_VERSION}):

- `{MAIN_FILE}`: the question's metadata, the question's parts and subparts, the kinds of rows
  and the groupings the answer uses, the answer's passages and its **answer blocks**, and curation
  notes. `{SCHEMA_FILE}` is its JSON Schema: editors that read the first line of `{MAIN_FILE}`
  check the fields while you type.
- one CSV file per table in the answer (e.g. `{ROWS_FILE}`): one line per row of that table
  (UTF-8, the header row first).
- `{SOURCE_FILE}`: the text of the published question and answer, so that every quote can be
  checked against it.

Curate in this order: paste the source text into `{SOURCE_FILE}`; fill in the metadata and the
question's parts; add a block for each way the answer answers a part and name it in the part's
`answered_by`; add the tables' rows to their CSV files; run `sebrief validate <this folder>` and
fix what it lists (each problem names the file, the line and the field) until it reports the
dataset valid. Write down what the source says, never what it leaves out: an unknown date stays
`null`, a part the answer ignores has `answered_by: []`.

Fields named `text` in `{MAIN_FILE}`, and the CSV columns `description` (or
`description_source`), `period_text`, `beneficiary`, `amount_text`, `vat_text` and `procedure`,
are verbatim passages of the source. They are compared with white space normalised and words
hyphenated at a line end joined. Where a passage is split in the source (a page break inside a
table row), write `[…]` between its fragments in `description_source` or `period_text`.

## `{MAIN_FILE}` fields

| field | meaning |
| --- | --- |
| `schema_version` | `{SCHEMA_VERSION}` |
| `id` | the dataset's id: lowercase letters, digits and hyphens, e.g. `sv-305-2018-2019` |
| `language` | `nl` or `en`: the language of the source |
| `metadata.parliament`, `metadata.document_type` | e.g. `Vlaams Parlement`, `schriftelijke vraag` |
| `metadata.number`, `metadata.session_year` | number and session year (`2018-2019`): together they identify it |
| `metadata.date_asked`, `metadata.date_answered` | `YYYY-MM-DD`; `date_answered` stays `null` if the source lacks it |
| `metadata.asker`, `metadata.minister` | `first_name`, `last_name`; the minister also `portfolio` |
| `metadata.title` | the question's title, verbatim |
| `metadata.source` | `file` (`{SOURCE_FILE}`), `description` of the text in `nl` and `en`, optional `url` |
| `question.introduction` | passages before the parts: `id`, `text` |
| `question.parts` | the parts: `id`, `text`, `answered_by` (block ids), `subparts` (`id`, `text`, `answered_by`) |
| `kinds` | the kinds of table rows: `id`, `label` and `plural`, `procurement` (`true` for public contracts) |
| `groupings` | what rows are totalled by: `id` (the CSV column), `label`, `multiple`, `values` (see below) |
| `answer.passages` | passages of the answer cited as evidence: `id`, `part` (where it stands), `text` |
| `answer.blocks` | the answer's blocks, each with `kind`, `id`, `title`, `evidence` (passage ids); see below |
| `curation_notes` | decisions a reader of the outputs should know about, in `nl` and `en` |

A grouping's `values` each have an `id` (what the CSV cells hold), a `label` and, when the answer
names the value in its own words, a verbatim `text`. Labels, titles and notes are our words, in
both languages: `{{nl: ..., en: ...}}`.

`sebrief schema` prints the complete schema with every field's type.

### Answer blocks

Each part or subpart names in `answered_by` the blocks that answer it; a block that answers a
part must be named there, and a part the answer ignores has `answered_by: []`.

- **`table`**: rows in the CSV file named in `file`. `binds` binds a subpart to the column that
  answers it (`description`, `period`, `beneficiary`, `amount`, `procedure`, `kind`, `status`),
  with `rows: awarded` when only awarded rows need it; how far the subpart is answered is counted
  from the rows. `groupings` lists the groupings its rows carry (a CSV column each). Where the
  answer gives one period for all the rows ("In 2018 ..."), `period` and `period_text` (verbatim)
  give it once: every row without a period of its own has it.
- **`classification`**: `items` (tasks, measures, actions; each `text` verbatim) sorted into
  `categories` the dataset defines. A category `answers` a subpart, or none when the answer adds
  it; `not_addressed: true` marks the category of the items the answer is silent about. Each item
  has a `basis`: `stated` (the answer says so), `inferred` (our reading; never presented as the
  minister's words) or `not_addressed`, with `evidence` (passage ids), the `rows` it links to and
  a `note`. Items may belong to a `group` (a heading of the question or the answer).
- **`figures`**: numbers the answer gives: `label`, `text` (verbatim), exact `value`, `unit`
  (`eur` with `vat_basis`, `count`, `fte`, `percent`, `other` with `unit_label`), optional
  `period` and `dimensions` (e.g. `{{province: Limburg, year: "2021"}}`).
- **`text`**: passages that answer a part in words, or refuse to: `evidence` and `points`
  (a `passage` with an optional `summary` of ours).

Where the coverage of a part is a judgement rather than a count (figures, text, or a part a table
answers as a whole), the block says it in `answers`: `part`, `status` (`answered`, `partly`,
`not_answered`), `basis` and a `reason` in both languages.

## Table columns (`{ROWS_FILE}` and any other table file)

| column | meaning |
| --- | --- |
"""

README_TAIL = """\
| `<grouping id>` | for each grouping in the table's `groupings`: the value id(s), separated by `;` when `multiple` |
| `<grouping id>_basis` | optional: `stated` (the answer links the row to the value) or `inferred` (our reading) |

Required columns: `id`, `kind`, `description`, `status`, `vat_basis`, `source_ref`; the others may
be left out of the header when no row needs them.
"""


def readme_text() -> str:
    """The README of a new dataset, with one line per column of a table's CSV file."""
    rows = [f"| `{column}` | {COLUMN_HELP[column]} |" for column in ROW_COLUMNS]
    return README_HEAD + "\n".join(rows) + "\n" + README_TAIL


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
