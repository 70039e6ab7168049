"""The JSON Schema of a dataset's main file, generated from the pydantic model."""

from __future__ import annotations

from typing import Any

from sebrief.load import ROW_COLUMNS
from sebrief.model import DatasetFile

SCHEMA_ID = "https://sebrief.invalid/schema/dataset-1.schema.json"


def dataset_json_schema() -> dict[str, Any]:
    schema = DatasetFile.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "$comment": (
            "Schema of dataset.yaml. The table rows are in rows.csv beside it, with the columns "
            + ", ".join(ROW_COLUMNS)
            + ". Validate the whole dataset with `sebrief validate`."
        ),
        **schema,
    }
