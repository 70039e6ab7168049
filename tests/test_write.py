"""sebrief.write, the one place that puts outputs on disk: a file replaced at once or not at all, the
PDF and the workbook of a dataset replaced together, a killed write undone by the next one, targets
that are not regular files written through, SOURCE_DATE_EPOCH.

Every file is written in a temporary folder of the test (never a system file); none of them renders
a PDF, so they stay quick.
"""

from __future__ import annotations

import errno
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
from sebrief.errors import ExitCode
from sebrief.write import write_atomic


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
