"""``sebrief build`` (and ``pdf``, ``xlsx``) when something goes wrong: a killed parent ends its
layout processes, invalid YAML is an invalid dataset, a failed build shows its traceback on
request, a layout engine that fails is reported, a date-like id names the outputs.

None of them renders a PDF (the layout is stubbed or the process is killed first), so they stay quick.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief.build import output_stems
from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.errors import ExitCode

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"


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


# --- invalid YAML is an invalid dataset in every command --------------------------------------


@pytest.mark.parametrize("value", ["!!int abc", "1" * 100_000, "!!timestamp 2018-13-45"], ids=["int", "digits", "date"])
def test_build_reports_bad_yaml_as_validate_does(tmp_path: Path, value: str) -> None:
    source = tmp_path / "q"
    shutil.copytree(BUNDLED, source)
    main_file = source / "dataset.yaml"
    main_file.write_text(main_file.read_text(encoding="utf-8").replace("  number: 221", f"  number: {value}", 1))
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", str(source), "--lang", "en"])
    assert checked.exit_code == ExitCode.INVALID_DATASET
    problem = checked.stderr.splitlines()[1].strip()
    assert problem.startswith("dataset.yaml, line 16, column 11: cannot read")
    built = runner.invoke(main, ["build", str(source), "--out-dir", str(tmp_path / "out"), "-j", "1", "--lang", "en"])
    assert built.exit_code == ExitCode.INVALID_DATASET, built.stderr
    assert problem in built.stderr and "internal error" not in built.stderr
    dutch = runner.invoke(main, ["build", str(source), "--out-dir", str(tmp_path / "out"), "-j", "1"])
    assert "dataset.yaml, regel 16, kolom 11: " in dutch.stderr, (
        "build reports problems in its --lang, Dutch by default"
    )
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
