"""The JSON Schema of a dataset's main file (format version 2), generated from the pydantic model."""

from __future__ import annotations

from typing import Any

from sebrief.dataset.load import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from sebrief.dataset.model import SCHEMA_VERSION, DatasetFile, RowStatus

SCHEMA_ID = f"https://sebrief.invalid/schema/dataset-{SCHEMA_VERSION}.schema.json"


def dataset_json_schema() -> dict[str, Any]:
    schema = DatasetFile.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "$comment": (
            f"Schema of dataset.yaml, format version {SCHEMA_VERSION}. The rows of each table block are in the "
            "CSV file or the .xlsx workbook (its first sheet, or `sheet`) it names (`file`), with the columns "
            + ", ".join(REQUIRED_COLUMNS)
            + ", optionally "
            + ", ".join(OPTIONAL_COLUMNS)
            + ", and for each grouping the table carries a column named after it and optionally <grouping>_basis; "
            + "status is one of "
            + ", ".join(status.value for status in RowStatus)
            + " (in_house: done by the administration itself, without an amount). "
            "Validate the whole dataset with `sebrief validate`."
        ),
        **schema,
    }
