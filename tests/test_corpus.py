"""The corpus (issue 21): many fictional datasets in one DuckDB file, queried across questions.

The datasets are the fictional ones of tests/fixtures/datasets, and a copy of one of them as
another question in which the supplier "Fictief Media nv" is renamed "Fictief Advies B.V.": the
same firm as "Fictief Advies bv" of the studies question, under a legal form written with dots,
on the other VAT basis (the copy's amounts are excl. VAT, the studies' incl. VAT).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("duckdb")

from sebrief.cli import main
from sebrief.corpus.names import match_names, name_key
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset, VatBasis
from sebrief.engine.money import kind_sums, stated_totals

FIXTURES = Path(__file__).parent / "fixtures" / "datasets"
STUDIES = "fictional-studies-2021-2023"
CAMPAIGNS = "fictional-campaigns-2018-2019"
COPY = "fictional-campaigns-copy-2018-2019"
# From the fixtures' CSV files: studies A01 and B06 (incl. VAT), campaigns C01 (excl. VAT).
ADVIES_INCL = Decimal("72600.00") + Decimal("96800.00")
ADVIES_EXCL = Decimal("48000.00")


def copy_campaigns(
    folder: Path,
    dataset_id: str,
    number: int,
    replace: Sequence[tuple[str, str]],
    asker: tuple[str, str] | None = None,
) -> None:
    """The campaigns fixture copied to ``folder`` as question nr. ``number`` (id ``dataset_id``): each
    (old, new) of ``replace`` in every file, and ``asker`` (first and last name) asking it, if given."""
    shutil.copytree(FIXTURES / CAMPAIGNS, folder)
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        for old, new in replace:
            text = text.replace(old, new)
        if path.name == "dataset.yaml":
            text = text.replace(f"id: {CAMPAIGNS}", f"id: {dataset_id}", 1).replace(
                "number: 318", f"number: {number}", 1
            )
            if asker is not None:
                text = text.replace("first_name: Mia", f"first_name: {asker[0]}")
                text = text.replace("last_name: Verzonnen", f"last_name: {asker[1]}")
        path.write_text(text, encoding="utf-8")


def _copy_as_other_question(folder: Path) -> None:
    """The campaigns dataset as question nr. 319, its "Fictief Media nv" renamed "Fictief Advies B.V."."""
    copy_campaigns(folder, COPY, 319, [("Fictief Media nv", "Fictief Advies B.V.")])


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    """A folder of three dataset folders (searched for their dataset.yaml by `corpus add`)."""
    folder = tmp_path / "datasets"
    folder.mkdir()
    for name in (STUDIES, CAMPAIGNS):
        shutil.copytree(FIXTURES / name, folder / name)
    _copy_as_other_question(folder / "copy")
    return folder


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path, datasets: Path) -> Path:
    path = tmp_path / "corpus.duckdb"
    code, _, err = _run("corpus", "add", path, datasets)
    assert code == 0, err
    return path


def _query(db: Path, sql: str) -> list[dict[str, object]]:
    code, out, err = _run("corpus", "query", "--json", db, sql)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def _stated(dataset: Dataset, names: set[str] | None = None) -> dict[str, Decimal]:
    """A dataset's own totals per VAT basis (the engine's, of every kind), of the rows of ``names``."""
    rows = tuple(row for row in dataset.rows if names is None or row.beneficiary in names)
    out: dict[str, Decimal] = {}
    for kind in kind_sums(dataset, rows, Decimal("0.21")):  # stated totals convert nothing
        for basis, amount in kind.stated:
            out[basis.value] = out.get(basis.value, Decimal("0")) + amount
    return out


def test_totals_per_question_are_the_datasets_own(db: Path, datasets: Path) -> None:
    found: dict[str, dict[str, Decimal]] = {}
    for line in _query(db, "SELECT dataset_id, vat_basis, sum(amount) AS total FROM corpus_rows GROUP BY ALL"):
        if line["total"] is not None:
            found.setdefault(str(line["dataset_id"]), {})[str(line["vat_basis"])] = Decimal(str(line["total"]))
    expected = {}
    for folder in sorted(datasets.iterdir()):
        dataset = load_dataset(folder)
        expected[dataset.id] = _stated(dataset)
    assert found == expected
    assert set(expected) == {STUDIES, CAMPAIGNS, COPY}


def test_a_supplier_across_questions_on_each_vat_basis(db: Path, datasets: Path) -> None:
    code, out, err = _run("corpus", "supplier", "--json", db, "fictief advies")
    assert code == 0, err
    report = json.loads(out)
    totals = {line["vat_basis"]: Decimal(line["amount"]) for line in report["totals"]}
    assert totals == {"incl_vat": ADVIES_INCL, "excl_vat": ADVIES_EXCL}  # never one sum of both
    # the same as the datasets' own analyses of the rows of those names, to the cent
    names = {"Fictief Advies bv", "Fictief Advies B.V."}
    own: dict[str, Decimal] = {}
    for folder in datasets.iterdir():
        for basis, amount in _stated(load_dataset(folder), names).items():
            own[basis] = own.get(basis, Decimal("0")) + amount
    assert totals == own
    per_question = {(line["group"], line["vat_basis"]): line["amount"] for line in report["per_question"]}
    assert per_question == {(STUDIES, "incl_vat"): "169400.00", (COPY, "excl_vat"): "48000.00"}
    assert {line["group"] for line in report["per_minister"]} == {"Jan Fictief", "Mia Verzonnen"}
    assert {name["name"] for name in report["names_taken"]} == names
    assert [name["name"] for name in report["also_similar"]] == ["Fictief Media nv"]
    assert [question["dataset_id"] for question in report["questions"]] == [COPY, STUDIES]
    assert {row["row_id"] for row in report["rows"]} == {"A01", "B06", "C01"}


def test_the_supplier_in_dutch_shows_what_was_taken_and_what_not(db: Path) -> None:
    code, out, err = _run("corpus", "supplier", db, "Fictief Advies")
    assert code == 0, err
    assert "€ 169.400,00" in out.replace("\xa0", " ")
    assert "€ 48.000,00" in out.replace("\xa0", " ")
    assert "excl. btw" in out and "incl. btw" in out
    taken, similar = out.split("Ook gelijkaardig")
    assert "Fictief Advies B.V." in taken and "Fictief Media nv" not in taken
    assert "Fictief Media nv" in similar.split("\n\n")[0]
    assert "€ 217.400,00" not in out.replace("\xa0", " ")  # incl. and excl. VAT never added up


def test_naming_a_similar_name_too_counts_it(db: Path) -> None:
    code, out, err = _run("corpus", "supplier", "--json", db, "Fictief Advies", "Fictief Media")
    assert code == 0, err
    report = json.loads(out)
    assert {name["name"] for name in report["names_taken"]} == {
        "Fictief Advies bv",
        "Fictief Advies B.V.",
        "Fictief Media nv",
    }
    assert {line["vat_basis"]: line["amount"] for line in report["totals"]} == {
        "excl_vat": "96000.00",
        "incl_vat": "169400.00",
    }


def test_adding_again_replaces(db: Path, datasets: Path) -> None:
    before = _query(db, "SELECT dataset_id, count(*) AS n FROM answer_rows GROUP BY ALL ORDER BY 1")
    yaml = datasets / "copy" / "dataset.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("last_name: Verzonnen", "last_name: Anders"), "utf-8")
    code, out, err = _run("corpus", "add", db, datasets / "copy", datasets / STUDIES)
    assert code == 0, err
    assert f"{COPY}: vervangen (8 rijen)" in out
    assert _query(db, "SELECT dataset_id, count(*) AS n FROM answer_rows GROUP BY ALL ORDER BY 1") == before
    ministers = _query(db, "SELECT dataset_id, minister FROM questions ORDER BY 1")
    assert ministers == [
        {"dataset_id": CAMPAIGNS, "minister": "Mia Verzonnen"},
        {"dataset_id": COPY, "minister": "Mia Anders"},
        {"dataset_id": STUDIES, "minister": "Jan Fictief"},
    ]


def test_an_invalid_dataset_is_refused_the_others_added(tmp_path: Path, datasets: Path) -> None:
    broken = datasets / "copy" / "dataset.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("number: 319", "number: nul"), "utf-8")
    db = tmp_path / "c.duckdb"
    code, _, err = _run("corpus", "add", db, datasets)
    assert code == 5
    assert "copy: niet toegevoegd" in err and "metadata.number" in err
    assert {line["dataset_id"] for line in _query(db, "SELECT dataset_id FROM questions")} == {STUDIES, CAMPAIGNS}
    code, _, err = _run("corpus", "add", "--lang", "en", tmp_path / "d.duckdb", datasets / "copy")
    assert code == 3
    assert "copy: not added" in err and "the dataset has 1 problem" in err


def test_the_rows_keep_their_question_and_source(db: Path) -> None:
    (row,) = _query(db, f"SELECT * FROM corpus_rows WHERE dataset_id = '{STUDIES}' AND row_id = 'B06'")
    assert row["amount"] == "96800.00" and row["vat_basis"] == "incl_vat" and row["status"] == "awarded"
    assert row["number"] == 907 and row["session_year"] == "2023-2024" and row["date_asked"] == "2024-02-14"
    assert (
        row["minister"] == "Jan Fictief" and row["asker"] == "An Voorbeeld" and row["parliament"] == "Vlaams Parlement"
    )
    assert row["source_ref"] == "Antwoord 2, tabel B, rij 6"
    (column,) = _query(db, "SELECT data_type FROM information_schema.columns WHERE column_name = 'amount' "
                       "AND table_name = 'answer_rows'")  # fmt: skip
    assert column["data_type"] == "DECIMAL(15,2)"


def test_sql_is_read_only(db: Path, tmp_path: Path) -> None:
    code, _, err = _run("corpus", "query", db, "UPDATE answer_rows SET amount = 0")
    assert code == 2 and "de query is mislukt" in err and "read-only" in err
    code, _, err = _run("corpus", "query", db, f"COPY answer_rows TO '{tmp_path / 'out.csv'}'")
    assert code == 2 and not (tmp_path / "out.csv").exists()
    assert _query(db, "SELECT count(*) AS n FROM answer_rows WHERE amount = 0") == [{"n": 0}]
    code, _, err = _run("corpus", "query", tmp_path / "none.duckdb", "SELECT 1")
    assert code == 3 and "sebrief corpus add" in err


def test_the_python_api_keeps_amounts_exact(db: Path, datasets: Path) -> None:
    import sebrief.corpus

    with sebrief.corpus.open(db) as corpus:
        rows = corpus.rows()
    priced = rows[rows["amount"].notna()]
    assert all(isinstance(value, Decimal) for value in priced["amount"])
    studies = priced[(priced["dataset_id"] == STUDIES) & (priced["vat_basis"] == "incl_vat")]
    assert sum(studies["amount"], Decimal("0")) == _stated(load_dataset(datasets / STUDIES))["incl_vat"]
    assert len(rows) == sum(len(load_dataset(folder).rows) for folder in datasets.iterdir())


@pytest.mark.parametrize(
    "names",
    [
        ("Fictief Advies bv", "Fictief Advies BV", "Fictief Advies B.V.", "fictief advies", "FICTIEF ADVIES b.v"),
        ("Kenniscentrum Denkbeeld vzw", "Kenniscentrum Denkbeeld V.Z.W.", "VZW Kenniscentrum Denkbeeld"),
        ("Société Générale S.A.", "Societe Generale SA", "société générale"),
        ("Klankbord Proefstudio bvba", "Klankbord Proefstudio B.V.B.A.", "Klankbord-Proefstudio BVBA"),
        ("Droomland Consult CVBA", "Droomland Consult c.v.b.a.", "Droomland Consult CV"),
        ("Les Amis ASBL", "A.S.B.L. Les Amis", "Les Amis SPRL"),
    ],
)
def test_legal_forms_accents_and_punctuation_are_one_name(names: tuple[str, ...]) -> None:
    assert len({name_key(name) for name in names}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Fictief Advies bv", "Fictief Media nv"),
        ("Studiebureau Verzinsel", "Reclamebureau Verzinsel bv"),
        ("Deloitte Consulting & Advisory CVBA", "Deloitte Consulting"),
        ("Bureau Luchtkasteel", "Bureau Luchtkasteel Oost"),
        ("NV", "SA"),
    ],
)
def test_different_firms_stay_apart(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_names_that_look_alike_are_shown_not_taken() -> None:
    names = ["Deloitte Consulting & Advisory CVBA", "Deloitte Consulting BV", "Deloitte Fiscalisten", "Ernst & Young"]
    match = match_names(["deloitte consulting"], names)
    assert match.taken == ("Deloitte Consulting BV",)
    assert set(match.similar) == {"Deloitte Consulting & Advisory CVBA", "Deloitte Fiscalisten"}


def test_vat_bases_are_the_models(db: Path) -> None:
    bases = {line["vat_basis"] for line in _query(db, "SELECT DISTINCT vat_basis FROM answer_rows")}
    assert bases <= {basis.value for basis in VatBasis} and {"incl_vat", "excl_vat", "not_stated"} <= bases
    assert stated_totals([]) == ()


def test_one_dataset_from_python(datasets: Path) -> None:
    import sebrief

    rows = sebrief.open(datasets / "copy").rows()
    assert list(rows["row_id"]) == [row.id for row in load_dataset(datasets / "copy").rows]
    excl = rows[rows["vat_basis"] == "excl_vat"]["amount"]
    assert all(isinstance(value, Decimal) for value in excl)
    assert sum(excl, Decimal("0")) == _stated(load_dataset(datasets / "copy"))["excl_vat"]


def test_the_corpus_as_parquet(tmp_path: Path, datasets: Path) -> None:
    import duckdb

    code, out, err = _run("corpus", "add", tmp_path / "c.duckdb", datasets, "--parquet", tmp_path / "shared")
    assert code == 0, err
    assert "answer_rows.parquet" in out
    rows = tmp_path / "shared" / "answer_rows.parquet"
    assert (tmp_path / "shared" / "questions.parquet").is_file()
    found = duckdb.sql(
        f"SELECT vat_basis, sum(amount) FROM '{rows}' WHERE dataset_id = '{STUDIES}' AND amount IS NOT NULL "
        "GROUP BY ALL"
    ).fetchall()
    assert dict(found) == _stated(load_dataset(datasets / STUDIES))
    assert duckdb.sql(f"SELECT typeof(amount) FROM '{rows}' LIMIT 1").fetchall() == [("DECIMAL(15,2)",)]


def test_the_supplier_in_english_and_a_name_not_found(db: Path) -> None:
    code, out, err = _run("corpus", "supplier", "--lang", "en", db, "FICTIEF ADVIES N.V.")
    assert code == 0, err
    assert "€169,400.00" in out and "€48,000.00" in out and "incl. VAT" in out and "excl. VAT" in out
    code, out, err = _run("corpus", "supplier", db, "Niemand Anders bv")
    assert code == 0, err
    assert "Geen enkele rij van het corpus heeft deze naam" in out and "Totalen" not in out


def test_reading_in_parallel_gives_the_same_corpus(tmp_path: Path, datasets: Path) -> None:
    broken = datasets / "copy" / "dataset.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("number: 319", "number: nul"), "utf-8")
    results = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.duckdb"
        code, out, err = _run("corpus", "add", "--jobs", jobs, db, datasets)
        assert code == 5 and "copy: niet toegevoegd" in err
        results[jobs] = (
            out.replace(str(db), "DB"),
            _query(db, "SELECT * FROM corpus_rows ORDER BY dataset_id, row_order"),
        )
    assert results["1"] == results["2"]
    assert len(results["2"][1]) == 15 + 8


@pytest.mark.parametrize("pandas", [True, False], ids=["pandas", "without-pandas"])
def test_stored_in_batches_or_one_at_a_time_the_corpus_is_the_same(
    tmp_path: Path, datasets: Path, pandas: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sebrief.corpus.store import Batches, connect, dataset_folders, prepare

    prepared = [prepare(load_dataset(folder)) for folder in dataset_folders([datasets])]
    assert _run("corpus", "add", tmp_path / "cli.duckdb", datasets)[0] == 0  # with pandas
    cli = connect(tmp_path / "cli.duckdb", read_only=True)
    expected = cli.execute("SELECT * FROM corpus_rows ORDER BY dataset_id, row_order").fetchall()
    cli.close()
    if not pandas:
        monkeypatch.setitem(sys.modules, "pandas", None)  # pandas is an extra: `corpus add` stores without it
    results = {}
    for limit in (1, 100_000):
        connection = connect(tmp_path / f"batch{limit}.duckdb")
        batches = Batches(connection, rows=limit)
        stored = [done for one in prepared for done in batches.add(one)] + batches.flush()
        stored += batches.add(prepared[1]) + batches.add(prepared[1]) + batches.flush()  # named again, twice
        rows = connection.execute("SELECT * FROM corpus_rows ORDER BY dataset_id, row_order").fetchall()
        questions = connection.execute("SELECT * FROM questions ORDER BY dataset_id").fetchall()
        connection.close()
        results[limit] = ([(done.dataset_id, replaced) for done, replaced in stored], rows, questions)
    ids = [one.dataset_id for one in prepared]
    assert results[1][0] == [(ids[0], False), (ids[1], False), (ids[2], False), (ids[1], True), (ids[1], True)]
    assert results[1] == results[100_000]
    assert results[1][1] == expected and len(expected) == 15 + 8 + 8 and len(results[1][2]) == 3


def test_a_dataset_named_twice_in_one_add_is_replaced(tmp_path: Path, datasets: Path) -> None:
    db = tmp_path / "twice.duckdb"
    code, out, err = _run("corpus", "add", db, datasets / "copy", datasets / STUDIES, datasets / "copy")
    assert code == 0, err
    assert out.splitlines()[:3] == [
        f"{COPY}: toegevoegd (8 rijen)",
        f"{STUDIES}: toegevoegd (15 rijen)",
        f"{COPY}: vervangen (8 rijen)",
    ]
    assert _query(db, "SELECT count(*) AS n FROM answer_rows") == [{"n": 15 + 8}]


def _doc_sql(marker: str, folder: Path) -> list[str]:
    """The statements of the SQL block of docs/corpus.md that holds ``marker``, on ``folder``."""
    import re

    path = Path(__file__).parent.parent / "docs" / "corpus.md"
    if not path.is_file():  # an sdist without docs/
        pytest.skip("docs/corpus.md is not here")
    doc = path.read_text(encoding="utf-8")
    block = next(text for text in re.findall(r"```sql\n(.*?)```", doc, re.S) if marker in text)
    lines = [line for line in block.splitlines() if not line.lstrip().startswith("--")]
    text = "\n".join(lines).replace("//server/share/corpus/", f"{folder.as_posix()}/")
    return [statement for statement in text.split(";") if statement.strip()]


def test_the_documented_parquet_recipes_give_the_corpus_totals(tmp_path: Path, datasets: Path) -> None:
    import duckdb

    shared = tmp_path / "shared"
    assert _run("corpus", "add", tmp_path / "c.duckdb", datasets, "--parquet", shared)[0] == 0
    reader = duckdb.connect()
    for statement in _doc_sql("CREATE VIEW questions", shared)[:-1]:
        reader.execute(statement)
    *_, select = _doc_sql("CREATE VIEW questions", shared)
    found = reader.execute(select).fetchall()
    # per minister: the studies' two rows incl. VAT (Jan Fictief), the copy's one excl. VAT (Mia Verzonnen)
    assert found == [("Jan Fictief", "incl_vat", 2, ADVIES_INCL), ("Mia Verzonnen", "excl_vat", 1, ADVIES_EXCL)]
    own = tmp_path / "my-corpus.duckdb"
    writer = duckdb.connect(str(own))
    for statement in _doc_sql("duckdb my-corpus.duckdb", shared):
        writer.execute(statement)
    writer.close()
    code, out, err = _run("corpus", "supplier", own, "Fictief Advies", "--json")
    assert code == 0, err
    report = json.loads(out)
    totals = {item["vat_basis"]: Decimal(item["amount"]) for item in report["totals"]}
    assert totals == {"incl_vat": ADVIES_INCL, "excl_vat": ADVIES_EXCL}


def test_many_datasets_read_by_workers_come_back_in_the_order_named(tmp_path: Path) -> None:
    from sebrief.corpus.loading import FEW, default_jobs, read_all

    source = FIXTURES / CAMPAIGNS
    text = (source / "dataset.yaml").read_text(encoding="utf-8")
    folders = []
    for index in range(40):  # more groups than the workers may have in flight at once
        folder = tmp_path / f"q{index:02d}"
        shutil.copytree(source, folder)
        number = "nul" if index == 17 else str(index + 1)  # one that does not validate, in the middle
        changed = text.replace(f"id: {CAMPAIGNS}", f"id: q{index:02d}", 1).replace("number: 318", f"number: {number}")
        (folder / "dataset.yaml").write_text(changed, encoding="utf-8")
        folders.append(folder)
    results = list(read_all(folders, "nl", 2))
    assert [folder for folder, _, _ in results] == folders
    assert [index for index, (_, prepared, _) in enumerate(results) if prepared is None] == [17]
    assert all(prepared.dataset_id == folder.name for folder, prepared, _ in results if prepared is not None)
    assert "nul" in str(results[17][2])
    assert default_jobs(FEW - 1) == 1 and default_jobs(FEW) >= 1
