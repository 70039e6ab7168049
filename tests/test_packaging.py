"""The installed command: a wheel that carries its data, and help that shows an example.

The wheel test builds sebrief, installs it into a fresh virtual environment and runs it from
outside the checkout, so that it can only find the bundled dataset inside the wheel.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import sebrief
from sebrief.cli import COMMANDS, main
from sebrief.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]


# --- help and version ----------------------------------------------------------------------


def command_names() -> list[str]:
    with click.Context(main) as ctx:
        return main.list_commands(ctx)


def test_commands_are_listed() -> None:
    names = command_names()
    assert {"validate", "schema"} <= set(names)
    assert set(names) <= set(COMMANDS)


def test_main_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == ExitCode.OK
    assert "Example" in result.stdout
    for name in command_names():
        assert name in result.stdout


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == ExitCode.OK
    assert result.stdout.strip() == f"sebrief, version {sebrief.__version__}"
    assert sebrief.__version__ == importlib.metadata.version("sebrief")


@pytest.mark.parametrize("name", command_names())
def test_command_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == ExitCode.OK, result.output
    usage = result.stdout.splitlines()[0]
    assert usage.startswith("Usage: ") and f" {name} " in usage
    assert "Example" in result.stdout


# --- the wheel ---------------------------------------------------------------------------


def run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def clean_env(venv: Path) -> dict[str, str]:
    """The environment of a user of the venv: no PYTHONPATH, the venv's bin first on PATH."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT], cwd=out)
    (built,) = out.glob("sebrief-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_the_bundled_data_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("dataset.yaml", "rows.csv", "source.txt"):
        assert f"sebrief/_bundled/data/sv-221-2017-2018/{name}" in names
    assert "sebrief/_bundled/data/dataset.schema.json" in names
    assert any(name.startswith("sebrief/_bundled/templates/") for name in names)
    assert "sebrief/py.typed" in names
    assert not any("__pycache__" in name for name in names)


@pytest.mark.slow
def test_installed_wheel_validates_the_bundled_dataset(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--system-site-packages", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    env = clean_env(venv)
    # --ignore-installed: the editable sebrief of the system site-packages must not count as installed.
    run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", "--ignore-installed", wheel],
        cwd=tmp_path,
        env=env,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()

    where = run(
        [
            python,
            "-I",
            "-c",
            "import sebrief, sebrief.resources as r; print(sebrief.__file__, r.bundled_root(), sep='\\n')",
        ],
        cwd=work,
        env=env,
    ).stdout.splitlines()
    assert Path(where[0]).is_relative_to(venv), f"sebrief imported from {where[0]}, not from the wheel"
    assert Path(where[1]).is_relative_to(venv), f"bundled data found at {where[1]}, not in the wheel"

    result = run([venv / "bin" / "sebrief", "validate"], cwd=work, env=env)
    assert result.stdout.startswith("sv-221-2017-2018: geldig\n  Rijen: 17 (")
    assert result.stderr == ""

    result = run([venv / "bin" / "sebrief", "--version"], cwd=work, env=env)
    assert result.stdout.strip() == f"sebrief, version {sebrief.__version__}"
