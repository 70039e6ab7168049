"""sebrief.write, the one place that puts outputs on disk: a file replaced at once or not at all, the
PDF and the workbook of a dataset replaced together, a killed write undone by the next one, targets
that are not regular files written through, SOURCE_DATE_EPOCH.

Every file is written in a temporary folder of the test (never a system file); none of them renders
a PDF, so they stay quick.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import io
import os
import select
import signal
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief import build as build_module
from sebrief.build import Rendered
from sebrief.cli import main
from sebrief.errors import ExitCode, OutputError
from sebrief.write import build_timestamp, recover, write_atomic, write_together


def old_outputs(folder: Path) -> Path:
    """A report folder with the outputs of an earlier build of dataset ``q``."""
    folder.mkdir()
    (folder / "q.pdf").write_bytes(b"old pdf")
    (folder / "q.xlsx").write_bytes(b"old xlsx")
    return folder


def new_outputs() -> Rendered:
    return Rendered(Path("q"), b"new pdf", b"new xlsx")


def assert_old_outputs_only(folder: Path, *others: str) -> None:
    assert (folder / "q.pdf").read_bytes() == b"old pdf"
    assert (folder / "q.xlsx").read_bytes() == b"old xlsx"
    assert sorted(p.name for p in folder.iterdir()) == sorted(["q.pdf", "q.xlsx", *others])


# --- the PDF and the workbook of a dataset are replaced together, or not at all -------------


def test_full_disk_on_the_workbook_replaces_neither_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = old_outputs(tmp_path / "out")
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:  # the disk fills up while the workbook is flushed
        if ".xlsx." in os.path.basename(os.readlink(f"/proc/self/fd/{descriptor}")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    outcome = build_module._write(new_outputs(), out, "q")
    assert outcome.exit_code == ExitCode.OUTPUT_ERROR and "No space left on device" in (outcome.error or "")
    assert_old_outputs_only(out)


def test_failed_second_rename_puts_the_first_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = old_outputs(tmp_path / "out")
    real_replace = os.replace

    def replace(source: str, destination: str) -> None:
        if str(destination).endswith(".xlsx") and os.path.basename(source).startswith("."):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    outcome = build_module._write(new_outputs(), out, "q")
    assert outcome.exit_code == ExitCode.OUTPUT_ERROR
    assert_old_outputs_only(out)


KILLED_AT = """
import os, signal, sys
from pathlib import Path
from sebrief import build
point, real = sys.argv[2], getattr(os, sys.argv[2])
def die_at_the_workbook(*args):
    name = str(args[-1]) if point == "replace" else os.readlink(f"/proc/self/fd/{args[0]}")
    if ".xlsx" in os.path.basename(name):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args)
setattr(os, point, die_at_the_workbook)
build._write(build.Rendered(Path("q"), b"new pdf", b"new xlsx"), Path(sys.argv[1]), "q")
"""


@pytest.mark.parametrize("point", ["replace", "fsync"])
def test_kill_during_a_write_is_undone_by_the_next_write(tmp_path: Path, point: str) -> None:
    """Killed between the two renames ("replace") or while the workbook is written ("fsync")."""
    out = old_outputs(tmp_path / "out")
    legacy = out / ".q.pdf.k3j4h5g6.tmp"  # left by an earlier version killed while writing
    legacy.write_bytes(b"partial")
    os.utime(legacy, (time.time() - 7200, time.time() - 7200))
    killed = subprocess.run([sys.executable, "-c", KILLED_AT, str(out), point], capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    write_atomic(out / "notes.txt", b"the next write in this folder")
    assert_old_outputs_only(out, "notes.txt")


# --- output targets that are not regular files ----------------------------------------------


def read_fifo(path: Path, into: bytearray, stop: threading.Event) -> None:
    """Read a FIFO until its writer closes it (or ``stop`` is set), without blocking forever."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = select.poll()
        poller.register(descriptor, select.POLLIN | select.POLLHUP)
        while not stop.is_set():
            if not poller.poll(100):
                continue
            chunk = os.read(descriptor, 1 << 16)
            if not chunk:
                return
            into.extend(chunk)
    finally:
        os.close(descriptor)


def test_output_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "workbook.xlsx"
    os.mkfifo(fifo)
    received = bytearray()
    stop = threading.Event()
    reader = threading.Thread(target=read_fifo, args=(fifo, received, stop))
    reader.start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "sebrief", "xlsx", "-o", str(fifo)], capture_output=True, text=True, timeout=120
        )
        reader.join(timeout=5)
    finally:
        stop.set()
        reader.join()
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO was replaced by a regular file"
    with zipfile.ZipFile(io.BytesIO(bytes(received))) as workbook:
        assert "xl/workbook.xml" in workbook.namelist()
    assert [p.name for p in tmp_path.iterdir()] == ["workbook.xlsx"]


def test_output_to_a_device_is_written_through(tmp_path: Path) -> None:
    """Like ``-o /dev/null`` as root, on a device node of our own (never the real /dev/null)."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device
    except OSError:
        pytest.skip("creating a device node needs root (CAP_MKNOD)")
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(device)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(device).st_mode), "the device was replaced by a regular file"
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


@pytest.mark.parametrize(("command", "start"), [("xlsx", b"PK\x03\x04"), ("html", b"<!DOCTYPE html>")])
def test_dash_writes_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, start: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [command, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(start)
    assert list(tmp_path.iterdir()) == []


# --- SOURCE_DATE_EPOCH ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["4354819200", "99999999999999999999", "abc", "1.5e9", "-1"])
def test_unusable_source_date_epoch_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    runner = CliRunner()
    for arguments in (["xlsx", "-o", str(tmp_path / "w.xlsx")], ["build", "--out-dir", str(tmp_path), "-j", "1"]):
        result = runner.invoke(main, arguments)
        assert result.exit_code == ExitCode.USAGE, result.output
        assert f"SOURCE_DATE_EPOCH={value!r}" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_last_date_a_workbook_can_hold_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819199")  # 2107-12-31 23:59:59 UTC
    result = CliRunner().invoke(main, ["xlsx", "-o", str(tmp_path / "w.xlsx")])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "w.xlsx") as workbook:
        assert workbook.infolist()[0].date_time == (2107, 12, 31, 23, 59, 58)  # zip dates count two seconds


# --- write_atomic and write_together, called directly ------------------------------------------


def test_a_file_is_replaced_at_once_not_rewritten_in_place(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old brief")
    with target.open("rb") as reader:  # a viewer that has the old brief open
        assert write_atomic(target, b"new brief") == target
        assert reader.read() == b"old brief"  # its file was replaced by another, not overwritten
    assert target.read_bytes() == b"new brief"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_every_file_is_flushed_to_disk_before_it_replaces_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A power cut after the rename must not leave an empty file where the old one stood."""
    out = old_outputs(tmp_path / "out")
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append(("fsync", os.path.basename(os.readlink(f"/proc/self/fd/{descriptor}"))))
        real_fsync(descriptor)

    def replace(source: str, destination: str) -> None:
        events.append(("replace", os.path.basename(destination)))
        real_replace(source, destination)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(out / "notes.txt", b"notes")
    build_module._write(new_outputs(), out, "q")
    for name in ("notes.txt", "q.pdf", "q.xlsx"):
        renamed = events.index(("replace", name))
        flushed = [i for i, (what, file) in enumerate(events) if what == "fsync" and file.startswith(f".{name}.")]
        assert flushed and flushed[0] < renamed, f"{name} was renamed into place before it was flushed"
        assert ("fsync", "out") in events[renamed:], f"the rename of {name} was not made durable"
    assert (out / "q.pdf").read_bytes() == b"new pdf" and (out / "q.xlsx").read_bytes() == b"new xlsx"


@pytest.mark.parametrize("fault", ["fsync", "replace"])
def test_a_failed_write_leaves_the_earlier_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    target = tmp_path / "workbook.xlsx"
    target.write_bytes(b"the earlier workbook")

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, fault, full_disk)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"a new workbook")
    monkeypatch.undo()
    assert str(caught.value) == f"cannot write {target}: No space left on device"
    assert target.read_bytes() == b"the earlier workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["workbook.xlsx"]


TOO_LARGE = """
import resource, signal, sys
from pathlib import Path
from sebrief.errors import OutputError
from sebrief.write import write_atomic
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    write_atomic(Path(sys.argv[1]), b"x" * 100_000)
except OutputError as error:
    print(error)
"""


def test_a_file_that_cannot_be_written_in_full_leaves_the_earlier_one(tmp_path: Path) -> None:
    """The write itself fails half-way (here the process may write no more than 4 KB to a file)."""
    target = tmp_path / "workbook.xlsx"
    target.write_bytes(b"the earlier workbook")
    result = subprocess.run(
        [sys.executable, "-c", TOO_LARGE, str(target)], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout == f"cannot write {target}: File too large\n"
    assert target.read_bytes() == b"the earlier workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["workbook.xlsx"]


def test_a_failed_first_write_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError):
        write_together([(tmp_path / "q.pdf", b"new pdf"), (tmp_path / "q.xlsx", b"new xlsx")])
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_as_target_and_files_in_two_folders_are_refused(tmp_path: Path) -> None:
    (tmp_path / "brief.pdf").mkdir()
    with pytest.raises(OutputError, match=r"it is a folder; give a file name"):
        write_atomic(tmp_path / "brief.pdf", b"pdf")
    with pytest.raises(ValueError, match="in one folder"):
        write_together([(tmp_path / "a" / "q.pdf", b"pdf"), (tmp_path / "b" / "q.xlsx", b"xlsx")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_a_missing_folder_is_made(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "2018" / "q.pdf"
    write_atomic(target, b"pdf")
    assert target.read_bytes() == b"pdf"


def test_a_fifo_and_a_file_written_together(tmp_path: Path) -> None:
    """A FIFO is written through (after the regular files), the regular file replaced."""
    fifo = tmp_path / "q.pdf"
    os.mkfifo(fifo)
    (tmp_path / "q.xlsx").write_bytes(b"old xlsx")
    received = bytearray()
    stop = threading.Event()
    reader = threading.Thread(target=read_fifo, args=(fifo, received, stop))
    reader.start()
    try:
        write_together([(fifo, b"new pdf"), (tmp_path / "q.xlsx", b"new xlsx")])
        reader.join(timeout=5)
    finally:
        stop.set()
        reader.join()
    assert bytes(received) == b"new pdf"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert (tmp_path / "q.xlsx").read_bytes() == b"new xlsx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.pdf", "q.xlsx"]


# What a write killed between its renames leaves (see sebrief.write): its journal, which lists the
# targets and whether each existed, a backup of each target that existed, and the new files not yet
# renamed. The token is that of a process that has ended; nothing holds the journal's lock.
TOKEN = "4242-0badcafe"


def killed_write(folder: Path, *, journal: bytes | None = None) -> Path:
    """q.pdf renamed into place (its backup kept), q.xlsx not yet, new.csv (a new file) renamed."""
    folder.mkdir()
    (folder / f".sebrief-{TOKEN}.txn").write_bytes(
        journal if journal is not None else b'{"targets": [["q.pdf", true], ["q.xlsx", true], ["new.csv", false]]}\n'
    )
    (folder / f".q.pdf.sebrief-{TOKEN}.old").write_bytes(b"old pdf")
    (folder / "q.pdf").write_bytes(b"new pdf")
    (folder / "q.xlsx").write_bytes(b"old xlsx")
    os.link(folder / "q.xlsx", folder / f".q.xlsx.sebrief-{TOKEN}.old")
    (folder / f".q.xlsx.sebrief-{TOKEN}.new").write_bytes(b"new xlsx")
    (folder / "new.csv").write_bytes(b"new csv")
    return folder


def test_the_journal_of_a_killed_write_is_undone_by_the_next_write(tmp_path: Path) -> None:
    out = killed_write(tmp_path / "out")
    write_atomic(out / "notes.txt", b"the next write in this folder")
    assert_old_outputs_only(out, "notes.txt")  # new.csv did not exist before: it goes too


def test_a_journal_written_in_part_puts_nothing_back(tmp_path: Path) -> None:
    """Killed while the journal was written: no target was touched yet, so none is put back."""
    out = killed_write(tmp_path / "out", journal=b'{"targets": [["q.pdf", tr')
    (out / f".q.pdf.sebrief-{TOKEN}.old").unlink()
    (out / "q.pdf").write_bytes(b"old pdf")
    (out / "new.csv").unlink()
    write_atomic(out / "notes.txt", b"notes")
    assert_old_outputs_only(out, "notes.txt")


def test_the_journal_of_a_write_under_way_is_left_alone(tmp_path: Path) -> None:
    out = killed_write(tmp_path / "out")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    descriptor = os.open(out / f".sebrief-{TOKEN}.txn", os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # the other write still holds its journal
        recover(out)
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    finally:
        os.close(descriptor)
    recover(out)
    assert_old_outputs_only(out)


def test_temporary_files_of_earlier_versions_go_once_an_hour_old(tmp_path: Path) -> None:
    old, recent = tmp_path / ".q.pdf.k3j4h5g6.tmp", tmp_path / ".q.xlsx.a1b2c3d4.tmp"
    for path in (old, recent):
        path.write_bytes(b"partial")
    os.utime(old, (time.time() - 3700, time.time() - 3700))
    write_atomic(tmp_path / "q.pdf", b"pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".q.xlsx.a1b2c3d4.tmp", "q.pdf"]


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [("1516320000", dt.datetime(2018, 1, 19, tzinfo=dt.UTC)), ("0", dt.datetime(1970, 1, 1, tzinfo=dt.UTC))],
)
def test_source_date_epoch_is_the_timestamp_of_the_outputs(
    monkeypatch: pytest.MonkeyPatch, epoch: str, expected: dt.datetime
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_timestamp(dt.date(2017, 12, 6)) == expected


def test_without_source_date_epoch_the_timestamp_is_the_date_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_timestamp(dt.date(2017, 12, 6)) == dt.datetime(2017, 12, 6, tzinfo=dt.UTC)
    assert build_timestamp() == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
