"""Faults: a full disk, a kill at the wrong moment, odd output targets, odd input, odd settings.

Each test names the fault it guards against; none of them renders a PDF (the layout is stubbed
or the process is killed first), so they stay quick.
"""

from __future__ import annotations

import errno
import io
import os
import select
import shutil
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
from sebrief.build import Rendered, output_stems
from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.errors import ExitCode
from sebrief.write import write_atomic

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"


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


# --- the layout process ends with the command that started it -------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    "arguments",
    [
        ["build", "--jobs", "2", "--out-dir", "out"],  # one dataset: laid out in a second process
        ["build", str(BUNDLED), str(BUNDLED), "--jobs", "2", "--out-dir", "out"],  # a pool of workers
        ["pdf", "-o", "brief.pdf"],
    ],
    ids=["build", "build-pool", "pdf"],
)
def test_child_processes_end_when_their_parent_is_killed(tmp_path: Path, arguments: list[str]) -> None:
    if arguments[0] == "pdf" and (os.cpu_count() or 1) < 2:
        pytest.skip("sebrief pdf lays out in a second process only on two cores or more")
    parent = subprocess.Popen(
        [sys.executable, "-m", "sebrief", *arguments],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    forked: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not forked and parent.poll() is None and time.monotonic() < deadline:
            forked = children(parent.pid)
            time.sleep(0.02)
        assert forked, "no child process was started"
        time.sleep(0.5)  # a pool starts its workers one after the other
        forked = sorted({*forked, *children(parent.pid)})
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in forked) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in forked), "a child process outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in forked:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


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


# --- invalid YAML is an invalid dataset in every command --------------------------------------


@pytest.mark.parametrize("value", ["!!int abc", "1" * 100_000, "!!timestamp 2018-13-45"], ids=["int", "digits", "date"])
def test_build_reports_bad_yaml_as_validate_does(tmp_path: Path, value: str) -> None:
    source = tmp_path / "q"
    shutil.copytree(BUNDLED, source)
    main_file = source / "dataset.yaml"
    main_file.write_text(main_file.read_text(encoding="utf-8").replace("  number: 221", f"  number: {value}", 1))
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", str(source)])
    assert checked.exit_code == ExitCode.INVALID_DATASET
    problem = checked.stderr.splitlines()[1].strip()
    assert problem.startswith("dataset.yaml, line 16, column 11: cannot read")
    built = runner.invoke(main, ["build", str(source), "--out-dir", str(tmp_path / "out"), "-j", "1"])
    assert built.exit_code == ExitCode.INVALID_DATASET, built.stderr
    assert problem in built.stderr and "internal error" not in built.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(
    ("jobs", "broken_part", "reported"),
    [
        ("1", "sebrief.pipeline.workbook_bytes", "internal error: RuntimeError: it broke"),
        # With two jobs, the brief is laid out in a second process, which reports its traceback.
        ("2", "sebrief.render.pdf.document.lay_out", "the PDF could not be rendered: RuntimeError: it broke"),
    ],
    ids=["in-process", "layout-process"],
)
@pytest.mark.parametrize("debug", ["", "1"], ids=["quiet", "debug"])
def test_debug_shows_the_traceback_of_a_failed_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debug: str, jobs: str, broken_part: str, reported: str
) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("it broke")

    monkeypatch.setattr(broken_part, broken)
    monkeypatch.setenv("SEBRIEF_DEBUG", debug)
    result = CliRunner().invoke(main, ["build", "--out-dir", str(tmp_path), "-j", jobs])
    assert result.exit_code == ExitCode.FAILURE
    assert reported in result.stderr
    assert ("Traceback (most recent call last)" in result.stderr) == bool(debug)
    assert ('in broken\n    raise RuntimeError("it broke")' in result.stderr) == bool(debug)
    assert list(tmp_path.iterdir()) == []


# --- one id, one name -------------------------------------------------------------------------


def test_date_like_id_names_the_outputs_in_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "folder-name"
    shutil.copytree(BUNDLED, source)
    main_file = source / "dataset.yaml"
    main_file.write_text(main_file.read_text(encoding="utf-8").replace("id: sv-221-2017-2018", "id: 2018-01-19", 1))
    assert load_dataset(source).id == "2018-01-19"  # the loader reads it as a string
    assert output_stems([source]) == ["2018-01-19"]

    def stub_pdf(*args: object, **kwargs: object) -> bytes:
        return b"%PDF-stub"

    monkeypatch.setattr("sebrief.pipeline.pdf_bytes", stub_pdf)  # no layout: only the names matter here
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for arguments in (["build", "-j", "1"], ["pdf"], ["xlsx"]):
        result = runner.invoke(main, [*arguments, str(source)])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["2018-01-19.pdf", "2018-01-19.xlsx"]


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


@pytest.mark.parametrize("error", [AssertionError(), MemoryError()])
def test_a_layout_engine_failure_is_reported_not_a_crash(
    error: BaseException, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint failing on a brief (an assertion of its own, or memory) says so, exit 4, no traceback,
    and leaves no file: in `sebrief pdf` (layout in a second process) and in `sebrief build`."""
    import weasyprint

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(weasyprint.HTML, "render", fail)
    for args in (["pdf", "-o", str(tmp_path / "brief.pdf")], ["build", "--jobs", "1", "--out-dir", str(tmp_path)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == ExitCode.OUTPUT_ERROR, result.output
        assert "internal error" not in result.output and "Traceback" not in result.output
        assert ("could not lay the brief out" in result.output) or ("too large to lay out" in result.output)
        assert not list(tmp_path.glob("*.pdf"))
