"""``sebrief build``: several datasets, a broken one among them, stable names, jobs 1 = jobs 2."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief.build import output_stems
from sebrief.cli import main
from sebrief.errors import ExitCode

pytestmark = pytest.mark.slow


def variant(base: Path, folder: Path, dataset_id: str) -> Path:
    """A copy of the bundled dataset under another id (a real dataset, only renamed)."""
    shutil.copytree(base, folder)
    main_file = folder / "dataset.yaml"
    text = main_file.read_text(encoding="utf-8")
    main_file.write_text(text.replace("id: sv-221-2017-2018", f"id: {dataset_id}", 1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    base = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"
    root = tmp_path_factory.mktemp("batch")
    good_a = variant(base, root / "a", "copy-a")
    good_b = variant(base, root / "b", "copy-b")
    broken = variant(base, root / "broken", "broken-one")
    rows = broken / "rows.csv"
    rows.write_text(rows.read_text(encoding="utf-8").replace("63626.46", "63626.4x"), encoding="utf-8")
    return root, [good_a, broken, good_b]


def test_batch_with_a_broken_dataset(batch: tuple[Path, list[Path]], tmp_path: Path) -> None:
    _, sources = batch
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *map(str, sources), "--out-dir", str(out), "--jobs", "2"])
    assert result.exit_code == ExitCode.PARTIAL_BUILD
    assert sorted(p.name for p in out.iterdir()) == ["copy-a.pdf", "copy-a.xlsx", "copy-b.pdf", "copy-b.xlsx"]
    assert f"Mislukt voor {sources[1]}: " in result.stderr and "rows.csv, regel 14, kolom amount" in result.stderr
    assert f"Klaar voor {sources[0]}: {out / 'copy-a.pdf'}, {out / 'copy-a.xlsx'}" in result.stdout
    assert "2 van 3 datasets gemaakt, 1 mislukt" in result.stderr  # in the language of --lang, Dutch by default
    assert result.stdout.splitlines()[-1].startswith("Voeg de pdf bij om een nota te versturen:")
    assert "Traceback" not in result.output + result.stderr


def test_jobs_one_and_two_give_identical_files(batch: tuple[Path, list[Path]], tmp_path: Path) -> None:
    _, sources = batch
    good = [sources[0], sources[2]]
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["build", *map(str, good), "--out-dir", str(tmp_path / jobs), "-j", jobs])
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "2").iterdir())
    for name in names:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_same_id_never_overwrites(tmp_path: Path) -> None:
    base = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"
    first, second = variant(base, tmp_path / "x" / "q", "same"), variant(base, tmp_path / "y" / "q", "same")
    stems = output_stems([first, second])
    assert len(set(stems)) == 2 and all(stem.startswith("same-") for stem in stems)
    assert stems == output_stems([first, second])  # stable from run to run


def test_single_invalid_dataset_keeps_its_own_exit_code(batch: tuple[Path, list[Path]], tmp_path: Path) -> None:
    _, sources = batch
    result = CliRunner().invoke(main, ["build", str(sources[1]), "--out-dir", str(tmp_path)])
    assert result.exit_code == ExitCode.INVALID_DATASET
    assert list(tmp_path.iterdir()) == []


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom sebrief.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\n"
        "print(sorted(m for m in ('weasyprint', 'pandas', 'matplotlib', 'openpyxl', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_one_dataset_on_two_cores_gives_the_same_bytes(tmp_path: Path) -> None:
    # With --jobs 2 a single dataset is laid out in a second process while the workbook is built.
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["build", "--out-dir", str(tmp_path / jobs), "-j", jobs])
        assert result.exit_code == 0, result.output
    for name in ("sv-221-2017-2018.pdf", "sv-221-2017-2018.xlsx"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_build_ends_with_the_file_to_send(tmp_path: Path) -> None:
    # The PDF carries the workbook and the dataset; many viewers hide attachments, so the build says it.
    for lang, line in [
        ("nl", f"Voeg {tmp_path / 'sv-221-2017-2018.pdf'} bij om de nota te versturen: de werkmap en de dataset"),
        ("en", f"To send the brief, attach {tmp_path / 'sv-221-2017-2018.en.pdf'}: the workbook and the dataset"),
    ]:
        result = CliRunner().invoke(main, ["build", "--out-dir", str(tmp_path), "--lang", lang])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-1].startswith(line)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_pdf_carries_the_workbook_written_and_the_dataset(jobs: str, tmp_path: Path) -> None:
    # Packed before the PDF is written (and, on two cores, in another process): the same bytes.
    import json

    from sebrief.dataset.load import load_dataset
    from sebrief.export.tabular import dataset_json_bytes

    source = Path(__file__).resolve().parent / "fixtures" / "datasets" / "fictional-campaigns-2018-2019"
    result = CliRunner().invoke(main, ["build", str(source), "--out-dir", str(tmp_path), "-j", jobs])
    assert result.exit_code == 0, result.output
    (pdf,) = tmp_path.glob("*.pdf")
    detached = tmp_path / "detached"
    detached.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(detached), str(pdf)], check=True, capture_output=True)
    assert sorted(p.name for p in detached.iterdir()) == [f"{pdf.stem}.json", f"{pdf.stem}.xlsx"]
    assert (detached / f"{pdf.stem}.xlsx").read_bytes() == pdf.with_suffix(".xlsx").read_bytes()
    dataset = load_dataset(source)
    attached = (detached / f"{pdf.stem}.json").read_bytes()
    assert attached == dataset_json_bytes(dataset)
    assert [row["id"] for row in json.loads(attached)["rows"]] == [row.id for row in dataset.rows]
    # The sizes and checksums the PDF gives its files are theirs (PDF/A-3 readers check them).
    for name in (f"{pdf.stem}.json", f"{pdf.stem}.xlsx"):
        data = (detached / name).read_bytes()
        assert f"/CheckSum <{hashlib.md5(data).hexdigest()}>" in uncompressed(pdf)
        assert f"/Size {len(data)}" in uncompressed(pdf)


def uncompressed(pdf: Path) -> str:
    """The PDF's objects as text (qpdf), its streams left out."""
    out = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--stream-data=compress", str(pdf), "-"],
                         check=True, capture_output=True).stdout  # fmt: skip
    return out.decode("latin-1")
