"""Export stage: the dataset in formats other tools read (OCDS, CSV, JSON), as bytes.

``export_bytes`` returns the bytes; ``sebrief.write.write_atomic`` puts them on disk.
"""

from __future__ import annotations

from typing import Literal

from sebrief.dataset.model import Dataset

ExportFormat = Literal["ocds", "csv", "json"]
FORMATS: tuple[ExportFormat, ...] = ("ocds", "csv", "json")


def export_bytes(dataset: Dataset, fmt: ExportFormat) -> bytes:
    """The dataset in format ``fmt``: ``ocds`` (release package of the rows of a procurement kind),
    ``csv`` (every table's rows, with a ``table`` column) or ``json`` (the whole dataset)."""
    if fmt == "ocds":
        from sebrief.export.ocds import release_package_bytes

        return release_package_bytes(dataset)
    if fmt == "csv":
        from sebrief.export.tabular import rows_csv_bytes

        return rows_csv_bytes(dataset)
    if fmt == "json":
        from sebrief.export.tabular import dataset_json_bytes

        return dataset_json_bytes(dataset)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
