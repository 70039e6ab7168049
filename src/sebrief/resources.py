"""Where the bundled dataset, reference data and templates are, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

BUNDLED_DATASET = "sv-221-2017-2018"


@cache
def bundled_root() -> Path:
    """The folder holding ``data/`` and ``templates/``.

    A wheel carries them inside the package (``sebrief/_bundled``); a checkout or an editable
    install finds them at the top of the repository.
    """
    packaged = Path(str(resources.files("sebrief"))) / "_bundled"
    if (packaged / "data").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "data").is_dir():
        return checkout
    raise FileNotFoundError("sebrief's bundled data is missing; reinstall sebrief")


def data_dir() -> Path:
    return bundled_root() / "data"


def bundled_dataset() -> Path:
    return data_dir() / BUNDLED_DATASET


def reference_file(name: str) -> Path:
    return data_dir() / "reference" / name


def templates_dir() -> Path:
    return bundled_root() / "templates"
