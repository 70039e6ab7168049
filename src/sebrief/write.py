"""Write stage: the one place that puts outputs on disk, atomically.

Renderers return bytes; ``write_atomic`` (one file) and ``write_together`` (several files in one
folder, such as the PDF and the workbook of a dataset) put them in place so that a reader, a full
disk or a kill never leaves a partial file, nor a new file beside an old one:

1. every file is written in full to a temporary file beside its target and flushed to disk;
2. a journal lists the targets, and each existing target is kept as a backup (a hard link);
3. the temporary files are renamed over their targets; if a rename fails, the targets already
   renamed get their backups back;
4. the journal goes (from then on the new files stand), then the backups.

Every name is hidden and carries ``.sebrief-<token>``; the journal is locked while its write is
under way. Each write first cleans up what a killed write left in its folder: a journal whose
lock is free has its targets put back as they were before, and temporary files and backups of a
finished or abandoned write are removed.

A target that exists and is not a regular file (a FIFO, a device, a terminal) is written to
directly, and ``-`` (or ``/dev/stdout``) is standard output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sebrief.errors import ExitCode, OutputError, SebriefError

REPORTS_DIR = Path("reports")
STANDARD_OUTPUT = ("-", "/dev/stdout")

# The zip format of the workbook dates its entries from 1980 to the end of 2107.
LAST_TIMESTAMP = int(dt.datetime(2107, 12, 31, 23, 59, 59, tzinfo=dt.UTC).timestamp())

_TOKEN = r"[0-9]+-[0-9a-f]{8}"
_JOURNAL = re.compile(rf"\.sebrief-(?P<token>{_TOKEN})\.txn")
_TEMPORARY = re.compile(rf"\..+\.sebrief-(?P<token>{_TOKEN})\.(?:new|old)")
# Left by earlier versions of sebrief (tempfile.mkstemp), removed once they are an hour old.
_LEGACY = re.compile(r"\..+\.(?:pdf|xlsx|html|json|csv)\.[a-z0-9_]{8}\.tmp")
_LEGACY_AGE = 3600


class SettingError(SebriefError):
    """An environment variable sebrief reads has a value it cannot use (a usage error)."""

    exit_code = ExitCode.USAGE


def build_timestamp(default: dt.date | None = None) -> dt.datetime:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH if set, else a fixed date.

    Outputs never carry the time they were made, so that the same dataset gives the same bytes.
    ``default`` is typically the date the question was asked.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        seconds = epoch.strip()
        if not (re.fullmatch(r"[0-9]{1,12}", seconds) and int(seconds) <= LAST_TIMESTAMP):
            raise SettingError(
                f"SOURCE_DATE_EPOCH={epoch!r} cannot be used: give a whole number of seconds since "
                f"1970-01-01 00:00 UTC, at most {LAST_TIMESTAMP} (2107-12-31 23:59:59, the last date a "
                "workbook can carry), or unset it"
            )
        return dt.datetime.fromtimestamp(int(seconds), tz=dt.UTC)
    day = default or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def default_output(dataset_id: str, suffix: str, out_dir: Path | None = None) -> Path:
    return (out_dir or REPORTS_DIR) / f"{dataset_id}{suffix}"


def is_standard_output(target: Path | str) -> bool:
    return str(target) in STANDARD_OUTPUT


def write_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` all at once; on failure the previous file stays as it was.

    ``-`` or ``/dev/stdout`` is standard output; a FIFO or a device is written to as it is.
    """
    return write_together([(target, data)])[0]


def write_together(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write files of one folder so that all of them are replaced, or none.

    Raises ``OutputError`` when a file cannot be written; the previous files are then in place.
    Targets that are not regular files (standard output, a FIFO, a device) are written to
    directly, after the others.
    """
    through = [_written_through(target) for target, _ in files]
    direct = [file for file, directly in zip(files, through, strict=True) if directly]
    replaced = [file for file, directly in zip(files, through, strict=True) if not directly]
    if replaced:
        folder = replaced[0][0].parent
        if any(os.path.abspath(target.parent) != os.path.abspath(folder) for target, _ in replaced):
            raise ValueError("files written together are in one folder")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            target = replaced[0][0]
            raise OutputError(
                f"cannot write {target}: {error.strerror or error}; check the folder and its permissions"
            ) from error
        recover(folder)
        _Replacement(folder, replaced).run()
    for target, data in direct:
        _write_through(target, data)
    return [target for target, _ in files]


def _written_through(target: Path) -> bool:
    """Whether ``target`` is written to directly: standard output, or an existing non-regular file."""
    if is_standard_output(target):
        return True
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {target}: it is a folder; give a file name")
    return not stat.S_ISREG(mode)


def _write_through(target: Path, data: bytes) -> None:
    """Write into standard output, a FIFO, a device or a terminal, as they are."""
    if is_standard_output(target):
        try:
            stream = sys.stdout.buffer
            stream.write(data)
            stream.flush()
        except (OSError, ValueError) as error:
            raise OutputError(f"cannot write to standard output: {_reason(error)}") from error
        return
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        with open(descriptor, "wb", closefd=True) as handle:
            handle.write(data)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {_reason(error)}") from error


def _reason(error: BaseException) -> str:
    return str(error.strerror) if isinstance(error, OSError) and error.strerror else str(error)


def _journal_name(token: str) -> str:
    return f".sebrief-{token}.txn"


def _temporary_name(target: str, token: str, kind: str) -> str:
    return f".{target}.sebrief-{token}.{kind}"


class _Replacement:
    """One write of one or more regular files in ``folder`` (see the module's docstring)."""

    def __init__(self, folder: Path, files: Sequence[tuple[Path, bytes]]):
        self.folder = folder
        self.files = files
        self.token = ""
        self.journal = -1
        self.temporaries: list[Path] = []
        self.backups: dict[Path, Path] = {}

    def run(self) -> None:
        self._open_journal()
        renamed: list[Path] = []
        entries: list[tuple[str, bool]] = []
        current = self.files[0][0]
        try:
            for target, data in self.files:
                current = target
                self._write_temporary(target, data)
            entries = [(target.name, os.path.lexists(target)) for target, _ in self.files]
            if len(self.files) > 1:  # one rename is atomic on its own: nothing to put back
                current = self.files[0][0]
                self._record(entries)
                for target, _ in self.files:
                    current = target
                    self._back_up(target)
                _sync_folder(self.folder)  # the journal and the backups stand before any rename
            for (target, _), temporary in zip(self.files, self.temporaries, strict=True):
                current = target
                os.replace(temporary, target)
                renamed.append(target)
            _sync_folder(self.folder)
        except BaseException as error:
            restored = self._put_back(renamed, dict(entries))
            self._finish(keep_journal=not restored)
            if isinstance(error, OSError):
                later = "" if restored else "; the previous files are put back by the next write in that folder"
                raise OutputError(f"cannot write {current}: {_reason(error)}{later}") from error
            raise
        self._finish(keep_journal=False)

    def _open_journal(self) -> None:
        """Create this write's journal, locked; its lock tells others the write is under way."""
        for _ in range(10):
            self.token = f"{os.getpid()}-{secrets.token_hex(4)}"
            path = self.folder / _journal_name(self.token)
            try:
                descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            except FileExistsError:
                continue
            except OSError as error:
                raise OutputError(
                    f"cannot write {self.files[0][0]}: {_reason(error)}; check the folder and its permissions"
                ) from error
            with contextlib.suppress(OSError):  # no locks here (ENOLCK): then no write recovers another
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            if _same_file(path, descriptor):  # else another write cleaned it up before we locked it
                self.journal = descriptor
                return
            os.close(descriptor)
        raise OutputError(f"cannot write {self.files[0][0]}: no free name for a temporary file")

    def _write_temporary(self, target: Path, data: bytes) -> None:
        temporary = self.folder / _temporary_name(target.name, self.token, "new")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        self.temporaries.append(temporary)
        with open(descriptor, "wb", closefd=True) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)

    def _record(self, entries: list[tuple[str, bool]]) -> None:
        """Write the journal: the targets, and whether each existed (it is then backed up)."""
        text = json.dumps({"targets": entries}).encode("utf-8") + b"\n"
        view = memoryview(text)
        while view:
            view = view[os.write(self.journal, view) :]
        os.fsync(self.journal)

    def _back_up(self, target: Path) -> None:
        if not os.path.lexists(target):
            return
        backup = self.folder / _temporary_name(target.name, self.token, "old")
        try:
            os.link(target, backup, follow_symlinks=False)
        except OSError:  # a file system without hard links
            shutil.copy2(target, backup, follow_symlinks=False)
        self.backups[target] = backup

    def _put_back(self, renamed: list[Path], existed: dict[str, bool]) -> bool:
        """Undo the renames done; whether every target is as it was."""
        restored = True
        for target in renamed:
            try:
                if target in self.backups:
                    os.replace(self.backups.pop(target), target)
                elif not existed.get(target.name, True):
                    target.unlink(missing_ok=True)
            except OSError:
                restored = False
        return restored

    def _finish(self, keep_journal: bool) -> None:
        """Remove the journal (unless a failed undo leaves it to the next write), then the rest."""
        if not keep_journal:
            try:
                os.unlink(self.folder / _journal_name(self.token))
            except OSError:  # an empty journal is an abandoned one: nothing is put back
                with contextlib.suppress(OSError):
                    os.ftruncate(self.journal, 0)
        os.close(self.journal)
        if keep_journal:
            return
        for path in [*self.temporaries, *self.backups.values()]:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        _sync_folder(self.folder)


def recover(folder: Path) -> None:
    """Clean up after writes in ``folder`` that were killed: put their targets back, remove the rest."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _JOURNAL.fullmatch(name)
        if match:
            _recover_journal(folder, match["token"])
    now = time.time()
    for name in names:
        path = folder / name
        match = _TEMPORARY.fullmatch(name)
        # A temporary file or backup outlives its journal only when its write has ended.
        abandoned = match is not None and not os.path.lexists(folder / _journal_name(match["token"]))
        with contextlib.suppress(OSError):
            if abandoned or (_LEGACY.fullmatch(name) and path.is_file() and now - path.stat().st_mtime > _LEGACY_AGE):
                path.unlink()


def _recover_journal(folder: Path, token: str) -> None:
    path = folder / _journal_name(token)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # that write is still under way
        if not _same_file(path, descriptor):
            return
        with open(descriptor, "rb", closefd=False) as handle:
            text = handle.read()
        try:
            entries = [(str(name), bool(existed)) for name, existed in json.loads(text)["targets"]]
        except (ValueError, KeyError, TypeError):
            entries = []  # the journal was not written in full: no target was touched yet
        for name, existed in entries:
            target = folder / name
            backup = folder / _temporary_name(name, token, "old")
            temporary = folder / _temporary_name(name, token, "new")
            if os.path.lexists(backup):
                os.replace(backup, target)
            elif not existed and not os.path.lexists(temporary):
                target.unlink(missing_ok=True)  # it was renamed into place: it was not there before
        os.unlink(path)
        _sync_folder(folder)
    except OSError:
        return  # left for a later write
    finally:
        os.close(descriptor)


def _same_file(path: Path, descriptor: int) -> bool:
    try:
        named, held = os.stat(path), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the file system allows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
