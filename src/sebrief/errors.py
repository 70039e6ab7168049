"""Exceptions and exit codes shared by every stage and the CLI."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``sebrief`` command (documented in the README)."""

    OK = 0
    FAILURE = 1  # an unexpected error inside sebrief: please report it
    USAGE = 2  # wrong command-line usage (click's own code)
    INVALID_DATASET = 3  # the dataset could not be read or did not validate
    OUTPUT_ERROR = 4  # an output could not be written; earlier outputs are left as they were
    PARTIAL_BUILD = 5  # `sebrief build`: some datasets failed, the others were built


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a dataset: where it is, what is wrong, and how to fix it."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, {self.location}" if self.location else self.file
        return f"{where}: {self.message}"


class SebriefError(Exception):
    """Base class of the errors the CLI reports without a traceback."""

    exit_code: ExitCode = ExitCode.FAILURE


MAX_SHOWN = 100  # problems listed in a message; the rest are counted


class DatasetError(SebriefError):
    """The dataset could not be read or is invalid; ``problems`` lists every problem found."""

    exit_code = ExitCode.INVALID_DATASET

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, _location_key(p.location), p.message))
        count = len(self.problems)
        header = f"the dataset has {count} problem{'s' if count != 1 else ''}:"
        shown = [f"  {problem}" for problem in self.problems[:MAX_SHOWN]]
        if count > MAX_SHOWN:
            shown.append(f"  … and {count - MAX_SHOWN} more problems; fix these first and run sebrief validate again")
        super().__init__("\n".join([header, *shown]))


class OutputError(SebriefError):
    """An output could not be written."""

    exit_code = ExitCode.OUTPUT_ERROR


def _location_key(location: str) -> tuple[int, str]:
    match = re.search(r"\d+", location)
    return (int(match.group()) if match else 0, location)
