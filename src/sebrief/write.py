"""Write stage: the one place that puts outputs on disk, atomically.

Renderers return bytes; ``write_atomic`` writes them to a temporary file beside the target and
renames it into place, so a failure leaves no partial file and keeps the previous one.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from sebrief.errors import OutputError

REPORTS_DIR = Path("reports")


def build_timestamp(default: dt.date | None = None) -> dt.datetime:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH if set, else a fixed date.

    Outputs never carry the time they were made, so that the same dataset gives the same bytes.
    ``default`` is typically the date the question was asked.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError) as error:
            raise OutputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp in seconds") from error
    day = default or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def default_output(dataset_id: str, suffix: str, out_dir: Path | None = None) -> Path:
    return (out_dir or REPORTS_DIR) / f"{dataset_id}{suffix}"


def write_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` all at once; on failure the previous file stays as it was."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(
            f"cannot write {target}: {error.strerror or error}; check the folder and its permissions"
        ) from error
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
        raise
    return target
