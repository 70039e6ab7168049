"""The corpus from Python, for notebooks: ``sebrief.corpus.open(DB).rows()`` gives a pandas DataFrame.

Amounts stay exact: the ``amount`` column holds ``decimal.Decimal`` values (or None), never
floats. pandas is in the ``corpus`` extra (``pip install 'sebrief[corpus]'``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sebrief.corpus.store import CorpusError, connect
from sebrief.errors import ExitCode, Message

if TYPE_CHECKING:
    import pandas as pd

    from sebrief.dataset.model import Dataset

ORDER = "ORDER BY date_asked, dataset_id, row_order"


class Corpus:
    """A corpus file opened read-only."""

    def __init__(self, db: str | Path):
        self.path = Path(db)
        self._connection = connect(self.path, read_only=True)

    def rows(self) -> pd.DataFrame:
        """Every row with its question, in the order of the questions' dates and the answers' rows."""
        return self.query(f"SELECT * FROM corpus_rows {ORDER}")

    def questions(self) -> pd.DataFrame:
        return self.query("SELECT * FROM questions ORDER BY date_asked, dataset_id")

    def query(self, sql: str) -> pd.DataFrame:
        """The result of a read-only SQL query, decimals (amounts) kept exact as ``Decimal``."""
        import duckdb

        try:
            result = self._connection.execute(sql)
            columns = [column[0] for column in result.description or ()]
            return _frame(columns, result.fetchall())
        except duckdb.Error as error:
            raise CorpusError(Message("the query failed: {error}", error=str(error)), ExitCode.USAGE) from error

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _frame(columns: list[str], lines: list[tuple[Any, ...]]) -> pd.DataFrame:
    import pandas as pd

    # coerce_float=False: a Decimal stays a Decimal (an object column), never a float
    return pd.DataFrame.from_records(lines, columns=columns, coerce_float=False)


def dataset_rows(dataset: Dataset) -> pd.DataFrame:
    """The rows of one loaded dataset as the corpus keeps them (without its question's columns)."""
    from sebrief.corpus.store import ROW_COLUMNS, _row_columns

    columns = _row_columns(dataset)
    names = [name for name, _ in ROW_COLUMNS]
    values = {name: columns[name] for name in names}
    values["amount"] = [None if value is None else Decimal(value) for value in values["amount"]]
    return _frame(names, list(zip(*(values[name] for name in names), strict=True)))


class OneDataset:
    """One dataset, loaded and validated: ``sebrief.open(DATASET).rows()``."""

    def __init__(self, path: str | Path):
        from sebrief.dataset.load import load_dataset

        self.dataset = load_dataset(Path(path))

    def rows(self) -> pd.DataFrame:
        return dataset_rows(self.dataset)
