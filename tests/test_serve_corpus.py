"""sebrief serve's corpus page: a name looked up across the answers of a corpus file.

The corpus holds two fictional datasets of tests/fixtures/datasets and a copy of the campaigns
one as another question (nr. 319) in which "Fictief Media nv" is renamed "Fictief Advies B.V.":
the same firm as "Fictief Advies bv" of the studies question (rows A01 and B06, incl. VAT), on
the other VAT basis (row C01, excl. VAT). Amounts from the fixtures' CSV files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("duckdb")
from click.testing import CliRunner
from starlette.testclient import TestClient

from sebrief.cli import main
from sebrief.serve.app import Server, create_app
from sebrief.serve.security import cookie_name
from tests.test_corpus import copy_campaigns

FIXTURES = Path(__file__).parent / "fixtures" / "datasets"
STUDIES = "fictional-studies-2021-2023"
CAMPAIGNS = "fictional-campaigns-2018-2019"
TOKEN = "test-token-0123456789"
HOST = "127.0.0.1:8765"
ORIGIN = f"http://{HOST}"
HOSTILE = '<script>alert("x")</script> Fictief Media nv'


def make_corpus(folder: Path, hostile: bool = False) -> Path:
    """corpus.duckdb in ``folder`` from the studies and campaigns datasets and the renamed copy
    (with ``hostile``, the copy's supplier is named ``HOSTILE`` instead)."""
    datasets = folder / "datasets"
    for name in (STUDIES, CAMPAIGNS):
        shutil.copytree(FIXTURES / name, datasets / name)
    renamed = HOSTILE if hostile else "Fictief Advies B.V."
    copy_campaigns(datasets / "copy", "campaigns-copy", 319, [("Fictief Media nv", renamed)])
    db = folder / "corpus.duckdb"
    result = CliRunner().invoke(main, ["corpus", "add", "--jobs", "1", str(db), str(datasets)])
    assert result.exit_code == 0, result.output
    return db


def client_for(server: Server, cookie: bool = True) -> TestClient:
    client = TestClient(create_app(server, TOKEN, {HOST}), base_url=ORIGIN, raise_server_exceptions=False)
    if cookie:
        client.cookies.set(cookie_name(TOKEN), TOKEN)
    return client


@pytest.fixture
def base(tmp_path: Path) -> Path:
    make_corpus(tmp_path)
    return tmp_path


def search(client: TestClient, *names: str) -> str:
    response = client.get("/corpus", params=[("name", name) for name in names])
    assert response.status_code == 200
    assert "Traceback" not in response.text
    return response.text


def section(html: str, id_: str) -> str:
    start = html.index(f'id="{id_}"')
    return html[start : html.find("</section>", start)]


def test_the_page_has_a_search_field_and_is_in_the_navigation(base: Path) -> None:
    client = client_for(Server(base))
    page = client.get("/corpus").text
    assert '<input type="search" id="corpus-name" name="name"' in page
    assert "Een naam opzoeken in alle antwoorden" in page
    assert "3 vragen en 31 rijen in corpus.duckdb" in page  # 15 + 8 + 8 rows
    assert 'href="/corpus"' in client.get("/").text  # the start page links to it


def test_a_name_across_questions_with_totals_per_vat_basis(base: Path) -> None:
    page = search(client_for(Server(base)), "fictief advies")
    names = section(page, "corpus-names")
    assert "Fictief Advies bv" in names and "Fictief Advies B.V." in names  # one firm, two spellings
    totals = section(page, "corpus-totals")
    # never added across bases: 72.600 + 96.800 incl. VAT, 48.000 excl. VAT, in two lines
    assert "€\xa0169.400,00" in totals and "€\xa048.000,00" in totals
    assert "€\xa0217.400,00" not in page
    assert "3 rijen in 2 vragen." in totals
    assert "nr. 907 (2023-2024)" in totals and "nr. 319 (2018-2019)" in totals
    rows = section(page, "corpus-rows")
    assert rows.count("<tr>") == 1 + 3  # the header and three rows
    for text in ("€\xa072.600,00", "€\xa096.800,00", "€\xa048.000,00", "Antwoord 2, tabel B, rij 6", "“96.800 euro”"):
        assert text in rows


def test_similar_names_are_shown_not_counted_and_can_be_added(base: Path) -> None:
    client = client_for(Server(base))
    page = search(client, "Fictief Media")
    names = section(page, "corpus-names")
    assert "Fictief Media nv" in names  # taken: the campaigns question
    similar = names[names.index("NIET meegeteld") :]
    assert "Fictief Advies bv" in similar and "Fictief Advies B.V." in similar
    assert section(page, "corpus-totals").count("€\xa048.000,00") >= 1
    added = search(client, "Fictief Media", "Fictief Advies bv")
    assert "4 rijen in 3 vragen." in section(added, "corpus-totals")  # 1 + 2 + 1
    assert "€\xa0169.400,00" in added and "€\xa096.000,00" in added  # 48.000 excl. VAT twice


def test_no_match_says_so_in_a_sentence(base: Path) -> None:
    page = search(client_for(Server(base)), "Niemand Anders bv")
    assert "Geen enkele rij van het corpus heeft deze naam" in page
    assert 'id="corpus-totals"' not in page and 'id="corpus-rows"' not in page


def test_large_results_are_bounded(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sebrief.serve.corpus.MAX_ROWS", 2)
    page = search(client_for(Server(base)), "fictief advies")
    assert section(page, "corpus-rows").count("<tr>") == 1 + 2
    assert "De eerste 2 van 3 rijen" in page
    assert "3 rijen in 2 vragen." in page  # the totals count them all


def test_a_hostile_name_is_shown_as_text(tmp_path: Path) -> None:
    make_corpus(tmp_path, hostile=True)
    page = search(client_for(Server(tmp_path)), HOSTILE)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Fictief Media nv" in page
    assert "€\xa048.000,00" in section(page, "corpus-rows")


def test_in_english(base: Path) -> None:
    page = search(client_for(Server(base, lang="en")), "fictief advies")
    assert "Look up a name in all answers" in page and "Search the corpus" in page
    assert "€169,400.00" in page and "€48,000.00" in page
    assert "Totals per VAT basis (never added across bases)" in page


def test_without_a_corpus_the_page_says_how_to_make_one(tmp_path: Path) -> None:
    page = search(client_for(Server(tmp_path)), "Fictief Advies")
    assert "Er is geen corpus geopend" in page and "sebrief corpus add" in page and "--corpus" in page
    missing = search(client_for(Server(tmp_path, corpus=tmp_path / "elders.duckdb")), "Fictief Advies")
    assert "elders.duckdb" in missing and "sebrief corpus add" in missing


def test_a_corpus_named_with_the_option_is_the_one_searched(base: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.move(base / "corpus.duckdb", elsewhere / "team.duckdb")
    page = search(client_for(Server(base / "datasets", corpus=elsewhere / "team.duckdb")), "fictief advies")
    assert "in team.duckdb" in page and "€\xa0169.400,00" in page


def test_the_security_checks_apply_to_the_corpus_page(base: Path) -> None:
    server = Server(base)
    assert client_for(server, cookie=False).get("/corpus", params={"name": "x"}).status_code == 403
    client = client_for(server)
    assert client.get("/corpus", headers={"host": "evil.example:8765"}).status_code == 400
    assert client.post("/corpus", headers={"origin": "http://evil.example"}).status_code == 403
    assert client.post("/corpus").status_code == 405  # a page to read, nothing to send
    response = client.get("/corpus")
    assert (
        response.headers["x-frame-options"] == "SAMEORIGIN"
        and "default-src 'self'" in response.headers["content-security-policy"]
    )


def test_many_and_long_names_are_cut_not_refused(base: Path) -> None:
    page = search(client_for(Server(base)), *[f"naam {index}" for index in range(50)], "x" * 5000)
    assert page.count('class="chip"') == 20


def test_the_report_of_a_name_downloads_as_the_command_writes_it(base: Path, tmp_path: Path) -> None:
    """The page's two downloads are the files of `sebrief corpus report` for the same names."""
    import io
    import zipfile

    from openpyxl import load_workbook

    client = client_for(Server(base))
    page = search(client, "fictief advies")
    links = section(page, "corpus-totals")
    assert 'href="/corpus/report.pdf?name=fictief+advies"' in links
    assert 'href="/corpus/report.xlsx?name=fictief+advies"' in links
    pdf = client.get("/corpus/report.pdf", params={"name": "fictief advies"})
    xlsx = client.get("/corpus/report.xlsx", params={"name": "fictief advies"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="corpus-fictief-advies.pdf"'
    assert xlsx.status_code == 200 and zipfile.is_zipfile(io.BytesIO(xlsx.content))
    out = tmp_path / "written"
    result = CliRunner().invoke(
        main, ["corpus", "report", str(base / "corpus.duckdb"), "--supplier", "fictief advies", "--out-dir", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "corpus-fictief-advies.xlsx").read_bytes() == xlsx.content
    assert (out / "corpus-fictief-advies.pdf").read_bytes() == pdf.content
    book = load_workbook(io.BytesIO(xlsx.content))
    values = [cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 72600 in values and 96800 in values and 48000 in values  # the three rows' amounts, from the CSVs


def test_a_report_of_a_name_without_rows_is_refused_in_a_sentence(base: Path) -> None:
    client = client_for(Server(base))
    response = client.get("/corpus/report.pdf", params={"name": "Niemand Anders bv"})
    assert response.status_code == 404 and "Geen enkele rij van het corpus heeft deze naam" in response.text
    assert client.get("/corpus/report.exe", params={"name": "fictief advies"}).status_code == 404
    assert client_for(Server(base), cookie=False).get("/corpus/report.pdf", params={"name": "x"}).status_code == 403
