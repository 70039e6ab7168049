"""What a shared template folder or dataset folder can reach: nothing outside itself.

Templates from ``--template-dir`` are rendered in Jinja's sandbox: an expression that reaches for
Python internals (to run a command, open a file or read the environment) is an error, not an
effect. A template file, a partial or a dataset file that is a symbolic link out of its folder is
refused with a message that names it, and nothing of the file it points to is shown. A header
with a huge number of columns is reported in a few lines, with a count of what is left out.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sebrief.cli import main
from sebrief.errors import ExitCode
from sebrief.resources import templates_dir
from tests.conftest import BUNDLED

ROW_COLUMNS = tuple((BUNDLED / "rows.csv").read_text(encoding="utf-8").splitlines()[0].split(","))

# WeasyPrint warns on import where the HarfBuzz subsetter library is missing (see test_pdf.py).
pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")

CANARY = "canary-5f0c1e"
SECRET = "SECRET-FIRST-LINE-7d2a"
PASSWD_TEXT = "root:x:0:0:root:/root:/bin/bash\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_clean_failure(result: Result, code: ExitCode) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.output.startswith("error: ")


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A file outside every template and dataset folder, standing for /etc/passwd."""
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(PASSWD_TEXT + f"{SECRET},x\n", encoding="utf-8")
    return path


@pytest.fixture
def template_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "house-style"
    folder.mkdir()
    return folder


def html(template_folder: Path, tmp_path: Path) -> tuple[Result, Path]:
    target = tmp_path / "brief.html"
    return invoke("html", "-o", str(target), "--template-dir", str(template_folder)), target


def seen(result: Result, target: Path) -> str:
    """Everything the user gets to see: the command's output and the file it wrote, if any."""
    return result.output + (target.read_text(encoding="utf-8") if target.exists() else "")


# --- templates: the sandbox ----------------------------------------------------------------

HOSTILE_TEMPLATES = {
    "popen-via-lipsum": "{{ lipsum.__globals__.os.popen('touch MARKER').read() }}",
    "popen-via-cycler": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "popen-via-subclasses": "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
    "{% if c.__name__ == 'Popen' %}{{ c(['touch', 'MARKER']) }}{% endif %}{% endfor %}",
    "popen-via-self": "{{ self._TemplateReference__context.lipsum.__globals__.os.popen('touch MARKER') }}",
    "open-via-builtins": "{{ lipsum.__globals__.__builtins__.open('SECRET_PATH').read() }}",
    "open-via-builtins-item": "{{ lipsum.__globals__['__builtins__']['open']('SECRET_PATH').read() }}",
    "environ-via-fill": '{{ "{x.__globals__[os].environ[SEBRIEF_CANARY]}"|fill(x=lipsum) }}',
    "environ-via-fmt": '{{ fmt("{x.__globals__[os].environ[SEBRIEF_CANARY]}", x=lipsum) }}',
    "environ-via-plural": '{{ fmt.plural("{x.__globals__[os].environ[SEBRIEF_CANARY]}", "y", 1, x=lipsum) }}',
    "environ-via-format": '{{ "{0.__globals__[os].environ[SEBRIEF_CANARY]}".format(lipsum) }}',
    "mutate-the-labels": "{{ labels.clear() }}{{ labels.update({'x': 1}) }}",
}


@pytest.mark.parametrize("payload", HOSTILE_TEMPLATES.values(), ids=HOSTILE_TEMPLATES.keys())
def test_hostile_template_expressions_do_not_run(
    payload: str, template_folder: Path, tmp_path: Path, secret_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEBRIEF_CANARY", CANARY)
    marker = tmp_path / "pwned"
    template = payload.replace("MARKER", str(marker)).replace("SECRET_PATH", str(secret_file))
    (template_folder / "brief.html").write_text(f"<p>before</p>\n{template}\n<p>after</p>\n", encoding="utf-8")
    result, target = html(template_folder, tmp_path)
    assert not marker.exists(), "the template ran a command"
    shown = seen(result, target)
    assert "root:" not in shown and SECRET not in shown, "the template read a file outside the template folders"
    assert CANARY not in shown, "the template read the environment"
    assert_clean_failure(result, ExitCode.USAGE)
    assert "unsafe" in result.output
    assert not target.exists()


def test_hostile_template_does_not_run_in_the_pdf_command(
    template_folder: Path, tmp_path: Path, secret_file: Path
) -> None:
    marker = tmp_path / "pwned"
    (template_folder / "_footer.html").write_text(
        f"{{{{ lipsum.__globals__.os.popen('touch {marker}').read() }}}}"
        f"{{{{ lipsum.__globals__.__builtins__.open('{secret_file}').read() }}}}\n",
        encoding="utf-8",
    )
    target = tmp_path / "brief.pdf"
    result = invoke("pdf", "-o", str(target), "--template-dir", str(template_folder))
    assert not marker.exists()
    assert_clean_failure(result, ExitCode.USAGE)
    assert "root:" not in result.output and not target.exists()


def test_a_copy_of_the_built_in_templates_renders_the_same_html(tmp_path: Path) -> None:
    """The sandbox and the confined loader change nothing for ordinary templates."""
    copy = tmp_path / "copy"
    shutil.copytree(templates_dir(), copy)
    # one partial linked to another file inside the folder: links that stay inside are fine
    (copy / "_footer.html").rename(copy / "footer-2018.html")
    (copy / "_footer.html").symlink_to("footer-2018.html")
    built_in, user = tmp_path / "built-in.html", tmp_path / "user.html"
    assert invoke("html", "-o", str(built_in)).exit_code == 0
    result = invoke("html", "-o", str(user), "--template-dir", str(copy))
    assert result.exit_code == 0, result.output
    assert user.read_bytes() == built_in.read_bytes()


# --- templates: files outside the template folders -----------------------------------------


def test_partial_linked_outside_the_template_folders_is_refused(
    template_folder: Path, tmp_path: Path, secret_file: Path
) -> None:
    (template_folder / "_footer.html").symlink_to(secret_file)
    result, target = html(template_folder, tmp_path)
    assert "root:" not in seen(result, target) and SECRET not in seen(result, target)
    assert_clean_failure(result, ExitCode.USAGE)
    assert "_footer.html" in result.output
    assert "outside the template folders" in result.output
    assert not target.exists()


def test_title_partial_linked_to_a_passwd_file_is_refused(
    template_folder: Path, tmp_path: Path, secret_file: Path
) -> None:
    (template_folder / "_title.html").symlink_to(secret_file)  # a stand-in: never a link to the system's own
    result, target = html(template_folder, tmp_path)
    assert "root:" not in seen(result, target) and SECRET not in seen(result, target)
    assert_clean_failure(result, ExitCode.USAGE)
    assert "_title.html" in result.output and "outside the template folders" in result.output


def test_main_template_and_stylesheet_linked_outside_are_refused(
    template_folder: Path, tmp_path: Path, secret_file: Path
) -> None:
    for name in ("brief.html", "brief.css"):
        for path in template_folder.iterdir():
            path.unlink()
        (template_folder / name).symlink_to(secret_file)
        result, target = html(template_folder, tmp_path)
        assert "root:" not in seen(result, target) and SECRET not in seen(result, target), name
        assert_clean_failure(result, ExitCode.USAGE)
        assert name in result.output and "outside the template folders" in result.output


def test_dangling_link_outside_is_refused_not_skipped(template_folder: Path, tmp_path: Path) -> None:
    """A link to a file that is gone must not silently fall back to the built-in partial."""
    (template_folder / "_footer.html").symlink_to(tmp_path / "elsewhere" / "missing.html")
    result, _ = html(template_folder, tmp_path)
    assert_clean_failure(result, ExitCode.USAGE)
    assert "_footer.html" in result.output and "outside the template folders" in result.output


def test_include_through_a_linked_folder_is_refused(template_folder: Path, tmp_path: Path, secret_file: Path) -> None:
    (template_folder / "shared").symlink_to(secret_file.parent, target_is_directory=True)
    (template_folder / "_footer.html").write_text('{% include "shared/passwd" %}\n', encoding="utf-8")
    result, target = html(template_folder, tmp_path)
    assert "root:" not in seen(result, target) and SECRET not in seen(result, target)
    assert_clean_failure(result, ExitCode.USAGE)
    assert "passwd" in result.output and "outside the template folders" in result.output


def test_include_that_climbs_out_is_refused(template_folder: Path, tmp_path: Path, secret_file: Path) -> None:
    (template_folder / "_footer.html").write_text('{% include "../outside/passwd" %}\n', encoding="utf-8")
    result, target = html(template_folder, tmp_path)
    assert "root:" not in seen(result, target) and SECRET not in seen(result, target)
    assert_clean_failure(result, ExitCode.USAGE)


def test_pdf_command_refuses_a_linked_partial(template_folder: Path, tmp_path: Path, secret_file: Path) -> None:
    (template_folder / "_footer.html").symlink_to(secret_file)
    target = tmp_path / "brief.pdf"
    result = invoke("pdf", "-o", str(target), "--template-dir", str(template_folder))
    assert_clean_failure(result, ExitCode.USAGE)
    assert "_footer.html" in result.output and "outside the template folders" in result.output
    assert "root:" not in result.output and not target.exists()


def test_template_that_is_not_utf8_is_a_clear_error(template_folder: Path, tmp_path: Path) -> None:
    (template_folder / "_footer.html").write_bytes(b"<p>caf\xe9</p>\n")
    result, _ = html(template_folder, tmp_path)
    assert_clean_failure(result, ExitCode.USAGE)
    assert "_footer.html" in result.output and "UTF-8" in result.output


# --- datasets: files outside the dataset folder --------------------------------------------


def validate(path: Path) -> Result:
    return invoke("validate", str(path), "--lang", "en")


@pytest.mark.parametrize("name", ["rows.csv", "source.txt", "dataset.yaml"])
def test_dataset_file_linked_outside_the_folder_is_refused(name: str, dataset_copy: Path, secret_file: Path) -> None:
    (dataset_copy / name).unlink()
    (dataset_copy / name).symlink_to(secret_file)
    result = validate(dataset_copy)
    assert_clean_failure(result, ExitCode.INVALID_DATASET)
    assert "root:" not in result.output and SECRET not in result.output
    assert f"  {name}: " in result.output
    assert "outside the dataset folder" in result.output and "copy" in result.output


@pytest.mark.parametrize("name", ["rows.csv", "source.txt", "dataset.yaml"])
def test_a_good_file_linked_from_outside_is_refused_too(name: str, dataset_copy: Path, tmp_path: Path) -> None:
    """Even the right content is not read through a link out of the folder."""
    moved = tmp_path / "elsewhere" / name
    moved.parent.mkdir()
    (dataset_copy / name).rename(moved)
    (dataset_copy / name).symlink_to(moved)
    result = validate(dataset_copy)
    assert_clean_failure(result, ExitCode.INVALID_DATASET)
    assert f"  {name}: " in result.output and "outside the dataset folder" in result.output


def test_dataset_yaml_named_through_a_link_elsewhere_is_refused(dataset_copy: Path, tmp_path: Path) -> None:
    """The dataset folder is the folder the user named; its dataset.yaml must be in it."""
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(dataset_copy / "rows.csv", other / "rows.csv")
    shutil.copy(dataset_copy / "source.txt", other / "source.txt")
    (other / "dataset.yaml").symlink_to(dataset_copy / "dataset.yaml")
    result = validate(other / "dataset.yaml")
    assert_clean_failure(result, ExitCode.INVALID_DATASET)
    assert "  dataset.yaml: " in result.output and "outside the dataset folder" in result.output


def test_links_inside_the_dataset_folder_are_fine(dataset_copy: Path, tmp_path: Path) -> None:
    (dataset_copy / "rows.csv").rename(dataset_copy / "rows-2018.csv")
    (dataset_copy / "rows.csv").symlink_to("rows-2018.csv")
    (tmp_path / "current").symlink_to(dataset_copy, target_is_directory=True)  # the named folder may be a link
    for path in (dataset_copy, tmp_path / "current", tmp_path / "current" / "dataset.yaml"):
        result = validate(path)
        assert result.exit_code == 0, result.output


def test_bad_header_of_a_linked_file_does_not_echo_it(dataset_copy: Path, tmp_path: Path) -> None:
    """The reported bug: a header error echoed the first line of the file the link pointed to."""
    outside = tmp_path / "private.csv"
    outside.write_text(f"{SECRET},password,iban\nvalue,1,2\n", encoding="utf-8")
    (dataset_copy / "rows.csv").unlink()
    (dataset_copy / "rows.csv").symlink_to(outside)
    result = validate(dataset_copy)
    assert_clean_failure(result, ExitCode.INVALID_DATASET)
    assert SECRET not in result.output and "password" not in result.output


# --- rows.csv: a huge header ---------------------------------------------------------------


def write_header(folder: Path, names: list[str]) -> None:
    rows = (folder / "rows.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    (folder / "rows.csv").write_text(",".join(names) + "\n" + rows, encoding="utf-8")


def test_header_with_100000_unknown_columns_is_reported_briefly(dataset_copy: Path) -> None:
    names = [*ROW_COLUMNS, *(f"extra_{index}" for index in range(100_000 - len(ROW_COLUMNS)))]
    write_header(dataset_copy, names)
    result = validate(dataset_copy)
    assert_clean_failure(result, ExitCode.INVALID_DATASET)
    assert len(result.output) < 3000, f"{len(result.output)} characters"
    assert "rows.csv, line 1: header: unknown columns extra_0, extra_1" in result.output
    unknown = 100_000 - len(ROW_COLUMNS)
    shown = len(re.findall(r"extra_\d+", result.output))
    assert f"and {unknown - shown:,} more" in result.output


def test_header_with_100000_repeated_columns_is_reported_briefly(dataset_copy: Path) -> None:
    twice = [f"dup_{index}" for index in range((100_000 - len(ROW_COLUMNS)) // 2)]
    write_header(dataset_copy, [*ROW_COLUMNS, *twice, *twice])
    result = validate(dataset_copy)
    assert_clean_failure(result, ExitCode.INVALID_DATASET)
    assert len(result.output) < 3000, f"{len(result.output)} characters"
    repeated = result.output.split("repeated columns ", 1)[1].split(";", 1)[0]
    shown = len(re.findall(r"dup_\d+", repeated))
    assert 0 < shown < len(twice) and repeated.endswith(f" and {len(twice) - shown:,} more")


def test_header_with_very_long_column_names_is_reported_briefly(dataset_copy: Path) -> None:
    names = [*ROW_COLUMNS, *(f"{index}_" + "y" * 5000 for index in range(500))]
    write_header(dataset_copy, names)
    result = validate(dataset_copy)
    assert_clean_failure(result, ExitCode.INVALID_DATASET)
    assert len(result.output) < 3000, f"{len(result.output)} characters"
    assert "and 490 more" in result.output


# --- quotes: each distinct quote is searched once ------------------------------------------


def test_a_quote_repeated_in_many_rows_is_searched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A search costs up to the length of the source (5 MiB at most): thousands of rows repeating
    one text must not multiply it."""
    import sebrief.quotes
    from sebrief.quotes import SourceText

    source = SourceText.from_text("De minister antwoordt:\nhet be-\nleid loopt door.\n")
    searches: list[str] = []
    fragments = sebrief.quotes.quote_fragments  # split and normalised once per search
    monkeypatch.setattr(sebrief.quotes, "quote_fragments", lambda quote: searches.append(quote) or fragments(quote))
    for _ in range(1000):
        assert source.locate("het be-leid loopt") == (2, 3)
        assert source.locate("niet in de bron") is None
    assert searches == ["het be-leid loopt", "niet in de bron"]
