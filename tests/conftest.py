"""Shared fixtures: the bundled dataset, and copies of it that a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
STUDIES = ROOT / "tests" / "fixtures" / "datasets" / "fictional-studies-2021-2023"


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(BUNDLED)


@pytest.fixture(scope="session")
def sv221(dataset: Dataset) -> Dataset:
    """The bundled dataset (a dataset is frozen: tests share it)."""
    return dataset


@pytest.fixture(scope="session")
def studies() -> Dataset:
    """The fictional studies dataset: two tables incl. VAT, figures per year."""
    return load_dataset(STUDIES)


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled dataset folder."""
    target = tmp_path / "sv-221-2017-2018"
    shutil.copytree(BUNDLED, target)
    return target
