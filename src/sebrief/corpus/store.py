"""The corpus: many datasets' rows with their questions, in one embedded DuckDB file.

Two tables and a view. ``questions``: one line per dataset (its id, the question's parliament,
document type, number, session year, dates, asker, minister and portfolio, title). ``answer_rows``:
one line per row, with its kind (and the kind's labels), status, VAT basis, exact amount
(DECIMAL(15,2), never a float), the amount as written, beneficiary (and its matching key, see
``sebrief.corpus.names``), period and source reference. ``corpus_rows`` joins them: each row with
its question. Adding a dataset whose id is in the corpus replaces it, in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sebrief.corpus.names import name_key
from sebrief.errors import ExitCode, Message, SebriefError

if TYPE_CHECKING:
    import duckdb

    from sebrief.dataset.model import Dataset

QUESTION_COLUMNS = (
    ("dataset_id", "VARCHAR PRIMARY KEY"),
    ("parliament", "VARCHAR"),
    ("document_type", "VARCHAR"),
    ("number", "INTEGER"),
    ("session_year", "VARCHAR"),
    ("date_asked", "DATE"),
    ("date_answered", "DATE"),
    ("asker", "VARCHAR"),
    ("minister", "VARCHAR"),
    ("portfolio", "VARCHAR"),
    ("title", "VARCHAR"),
    ("row_count", "INTEGER"),
)
ROW_COLUMNS = (
    ("dataset_id", "VARCHAR"),
    ("row_id", "VARCHAR"),
    ("table_id", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("kind_label_nl", "VARCHAR"),
    ("kind_label_en", "VARCHAR"),
    ("procurement", "BOOLEAN"),
    ("description", "VARCHAR"),
    ("status", "VARCHAR"),
    ("vat_basis", "VARCHAR"),
    ("amount", "DECIMAL(15,2)"),
    ("amount_text", "VARCHAR"),
    ("beneficiary", "VARCHAR"),
    ("beneficiary_key", "VARCHAR"),
    ("period_start", "DATE"),
    ("period_end", "DATE"),
    ("period_text", "VARCHAR"),
    ("procedure", "VARCHAR"),
    ("source_ref", "VARCHAR"),
    ("row_order", "INTEGER"),
)
EXPORT_MEMORY = "256MB"
BATCH_ROWS = 20_000  # rows gathered before they are stored (see Batches)
_QUESTION_FIELDS = ", ".join(name for name, _ in QUESTION_COLUMNS if name != "dataset_id")
VIEW = (
    f"CREATE OR REPLACE VIEW corpus_rows AS SELECT r.*, {_QUESTION_FIELDS.replace('row_count, ', '')} "
    "FROM answer_rows r JOIN questions q USING (dataset_id)"
)


class CorpusError(SebriefError):
    """The corpus file could not be opened or written, or a query on it failed."""

    def __init__(self, message: Message, exit_code: ExitCode = ExitCode.INVALID_DATASET):
        super().__init__(message.text())
        self.message = message
        self.exit_code = exit_code

    def describe(self, lang: str = "en") -> str:
        from sebrief.i18n import Translator

        return self.message.text(Translator(lang))

    def report(self, lang: str = "en") -> str:
        from sebrief.i18n import Translator

        t = Translator(lang)
        return t("error: {text}", text=self.message.text(t))


def connect(db: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the corpus file; read-only connections cannot touch other files either."""
    import duckdb

    if read_only and not db.is_file():
        raise CorpusError(Message("no corpus at {db}; make one with `sebrief corpus add {db} DATASET...`", db=str(db)))
    try:
        if read_only:
            return duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})
        connection = duckdb.connect(str(db))
    except duckdb.Error as error:
        raise CorpusError(
            Message("{db} cannot be opened as a corpus: {error}", db=str(db), error=str(error)), ExitCode.OUTPUT_ERROR
        ) from error
    _create(connection)
    return connection


def _create(connection: duckdb.DuckDBPyConnection) -> None:
    questions = ", ".join(f"{name} {sql}" for name, sql in QUESTION_COLUMNS)
    rows = ", ".join(f"{name} {sql}" for name, sql in ROW_COLUMNS)
    connection.execute(f"CREATE TABLE IF NOT EXISTS questions ({questions})")
    connection.execute(f"CREATE TABLE IF NOT EXISTS answer_rows ({rows})")
    connection.execute(VIEW)


@dataclass(frozen=True)
class Prepared:
    """A dataset as the corpus stores it: its question's line and its rows column by column (plain
    values, cheap to send from a worker process)."""

    dataset_id: str
    question: tuple[Any, ...]
    columns: dict[str, list[Any]]
    rows: int


def prepare(dataset: Dataset) -> Prepared:
    meta = dataset.main.metadata
    question = (
        dataset.id, meta.parliament, meta.document_type, meta.number, meta.session_year, meta.date_asked,
        meta.date_answered, meta.asker.full_name, meta.minister.full_name, meta.minister.portfolio, meta.title,
        len(dataset.rows),
    )  # fmt: skip
    return Prepared(dataset.id, question, _row_columns(dataset), len(dataset.rows))


def add_dataset(connection: duckdb.DuckDBPyConnection, dataset: Dataset) -> bool:
    """Put ``dataset`` in the corpus, replacing the dataset of the same id; whether it replaced one."""
    return add_prepared(connection, prepare(dataset))


def add_prepared(connection: duckdb.DuckDBPyConnection, prepared: Prepared) -> bool:
    """Put a prepared dataset in the corpus, in one transaction; whether it replaced one."""
    return add_batch(connection, [prepared])[0]


def add_batch(connection: duckdb.DuckDBPyConnection, batch: list[Prepared]) -> list[bool]:
    """Put prepared datasets of distinct ids in the corpus, in one transaction and one insert per
    table (DuckDB stores many rows at once far faster than a few at a time); for each, whether it
    replaced a dataset of its id."""
    ids = [prepared.dataset_id for prepared in batch]
    if len(set(ids)) != len(ids):
        raise ValueError("a batch holds each dataset id once")
    if not batch:
        return []
    connection.execute("BEGIN TRANSACTION")
    try:
        found = connection.execute("SELECT dataset_id FROM questions WHERE list_contains($1, dataset_id)", [ids])
        existing = {line[0] for line in found.fetchall()}
        if existing:
            replaced_ids = sorted(existing)
            connection.execute("DELETE FROM answer_rows WHERE list_contains($1, dataset_id)", [replaced_ids])
            connection.execute("DELETE FROM questions WHERE list_contains($1, dataset_id)", [replaced_ids])
        questions = [list(column) for column in zip(*(prepared.question for prepared in batch), strict=True)]
        connection.execute(f"INSERT INTO questions SELECT {_unnested(QUESTION_COLUMNS)}", questions)
        if any(prepared.rows for prepared in batch):
            _insert_rows(connection, batch)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return [dataset_id in existing for dataset_id in ids]


def _unnested(columns: tuple[tuple[str, str], ...]) -> str:
    """The select list that turns one list parameter per column into rows of the column's type."""
    return ", ".join(f"CAST(unnest(${index + 1}) AS {sql.split()[0]})" for index, (_, sql) in enumerate(columns))


def _insert_rows(connection: duckdb.DuckDBPyConnection, batch: list[Prepared]) -> None:
    """The rows of ``batch`` in one insert, through a data frame of typed columns that DuckDB reads
    without converting value by value (seven times faster than list parameters); without pandas
    (an extra, ``sebrief[corpus]``), as list parameters."""
    try:
        import pandas as pd
    except ImportError:
        names = [name for name, _ in ROW_COLUMNS]
        columns = [[value for prepared in batch for value in prepared.columns[name]] for name in names]
        connection.execute(f"INSERT INTO answer_rows SELECT {_unnested(ROW_COLUMNS)}", columns)
        return
    dtypes = {"BOOLEAN": "boolean", "INTEGER": "Int64"}
    frame = pd.DataFrame(
        {
            name: pd.Series(
                [value for prepared in batch for value in prepared.columns[name]], dtype=dtypes.get(sql, "string")
            )
            for name, sql in ROW_COLUMNS
        }
    )
    selected = ", ".join(f"CAST({name} AS {sql})" for name, sql in ROW_COLUMNS)
    connection.register("sebrief_batch", frame)
    try:
        connection.execute(f"INSERT INTO answer_rows SELECT {selected} FROM sebrief_batch")
    finally:
        connection.unregister("sebrief_batch")


class Batches:
    """Prepared datasets gathered and stored a batch at a time (``add_batch``): up to ``rows`` rows
    or ``datasets`` datasets, and never one id twice (a dataset named again replaces the first)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, rows: int = BATCH_ROWS, datasets: int = 1000):
        self.connection = connection
        self.limit_rows = rows
        self.limit_datasets = datasets
        self.pending: list[Prepared] = []
        self.ids: set[str] = set()
        self.rows = 0

    def add(self, prepared: Prepared) -> list[tuple[Prepared, bool]]:
        """Gather ``prepared``; the datasets stored now (if a batch was full), each with whether it
        replaced one."""
        stored = self.flush() if prepared.dataset_id in self.ids else []
        self.pending.append(prepared)
        self.ids.add(prepared.dataset_id)
        self.rows += prepared.rows
        if self.rows >= self.limit_rows or len(self.pending) >= self.limit_datasets:
            stored += self.flush()
        return stored

    def flush(self) -> list[tuple[Prepared, bool]]:
        """Store the gathered datasets; each with whether it replaced one."""
        pending, self.pending, self.ids, self.rows = self.pending, [], set(), 0
        return list(zip(pending, add_batch(self.connection, pending), strict=True))


def _row_columns(dataset: Dataset) -> dict[str, list[Any]]:
    """The rows of ``dataset`` column by column; amounts as their exact decimal text."""
    kinds = {kind.id: kind for kind in dataset.main.kinds}
    out: dict[str, list[Any]] = {name: [] for name, _ in ROW_COLUMNS}
    for order, row in enumerate(dataset.rows):
        kind = kinds.get(row.kind)
        values = {
            "dataset_id": dataset.id,
            "row_id": row.id,
            "table_id": row.table,
            "kind": row.kind,
            "kind_label_nl": kind.label.nl if kind else None,
            "kind_label_en": kind.label.en if kind else None,
            "procurement": kind.procurement if kind else False,
            "description": row.description,
            "status": row.status.value,
            "vat_basis": row.vat_basis.value,
            "amount": None if row.amount is None else f"{row.amount:.2f}",
            "amount_text": row.amount_text,
            "beneficiary": row.beneficiary,
            "beneficiary_key": name_key(row.beneficiary) if row.beneficiary else None,
            "period_start": row.period.start.isoformat() if row.period else None,
            "period_end": row.period.end.isoformat() if row.period else None,
            "period_text": row.period_text,
            "procedure": row.procedure,
            "source_ref": row.source_ref,
            "row_order": order,
        }
        for name, value in values.items():
            out[name].append(value)
    return out


def export_parquet(connection: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """The corpus' two tables as Parquet files in ``folder`` (questions.parquet, answer_rows.parquet),
    amounts still DECIMAL(15,2), for DuckDB on shared storage or another database to read."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    # Sorted (the same corpus gives the same files, whatever order its datasets were added in); the
    # sort spills to disk beyond this limit rather than holding a large corpus in memory.
    connection.execute(f"SET memory_limit = '{EXPORT_MEMORY}'")
    try:
        for table in ("questions", "answer_rows"):
            path = folder / f"{table}.parquet"
            temporary = folder / f".sebrief-{table}.parquet"
            order = "dataset_id" if table == "questions" else "dataset_id, row_order"
            quoted = str(temporary).replace("'", "''")
            connection.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{quoted}' (FORMAT parquet)")
            temporary.replace(path)
            written.append(path)
    finally:
        connection.execute("RESET memory_limit")
    return written


def dataset_folders(paths: list[Path]) -> Iterator[Path]:
    """Each dataset named: a dataset folder, its dataset.yaml, or a folder searched for dataset.yaml."""
    for path in paths:
        if path.is_file() or (path / "dataset.yaml").is_file() or not path.is_dir():
            yield path
            continue
        found = sorted(found.parent for found in path.rglob("dataset.yaml"))
        if not found:
            yield path  # loading it says what is missing
        yield from found
