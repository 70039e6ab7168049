"""sebrief serve: the rules every request passes (token, host, origin, paths, sizes), the saves
(atomic, comments kept) and the problems shown beside their fields."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from sebrief.dataset.load import load_dataset
from sebrief.i18n import Translator
from sebrief.serve.app import Server, create_app
from sebrief.serve.security import cookie_name
from tests.conftest import BUNDLED

TOKEN = "test-token-0123456789"
HOST = "127.0.0.1:8765"
ORIGIN = f"http://{HOST}"


def client_for(server: Server) -> TestClient:
    app = create_app(server, TOKEN, {HOST})
    return TestClient(app, base_url=ORIGIN, raise_server_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "work" / "sv-221-2017-2018"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def server(folder: Path) -> Iterator[Server]:
    server = Server(folder.parent)
    server.open(folder)
    yield server
    server.close()


@pytest.fixture
def client(server: Server) -> TestClient:
    client = client_for(server)
    client.cookies.set(cookie_name(TOKEN), TOKEN)
    return client


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text


# --- the token -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/preview", "/api/state", "/static/serve.css", "/download/xlsx"])
def test_a_request_without_the_token_is_refused(server: Server, path: str) -> None:
    response = client_for(server).get(path)
    assert response.status_code == 403
    assert "token" in response.text and "Toegang geweigerd" in response.text


def test_a_wrong_token_is_refused_in_the_query_and_in_the_cookie(server: Server) -> None:
    client = client_for(server)
    assert client.get("/?token=guess").status_code == 403
    client.cookies.set(cookie_name(TOKEN), "guess")
    assert client.get("/api/state").status_code == 403


def test_the_token_in_the_address_becomes_an_http_only_strict_cookie(server: Server) -> None:
    client = client_for(server)
    response = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"  # the token leaves the address bar
    cookie = response.headers["set-cookie"]
    assert f"{cookie_name(TOKEN)}={TOKEN}" in cookie
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert client.get("/api/state").status_code == 200


def test_a_post_cannot_pass_the_token_in_the_query(server: Server) -> None:
    response = client_for(server).post(f"/api/baseline?token={TOKEN}", json={})
    assert response.status_code == 403


def test_a_request_for_another_host_name_is_refused(client: TestClient) -> None:
    # A page of another site reaching 127.0.0.1 through its own name (DNS rebinding).
    response = client.get("/api/state", headers={"host": "evil.example:8765"})
    assert response.status_code == 400


# --- the origin ------------------------------------------------------------------------------------


def test_a_change_from_another_origin_is_refused(client: TestClient, folder: Path) -> None:
    before = (folder / "dataset.yaml").read_bytes()
    body = {"path": ["metadata", "number"], "value": "999"}
    response = client.post("/api/field", json=body, headers={"origin": "http://evil.example"})
    assert response.status_code == 403
    response = client.post("/api/field", json=body, headers={"referer": "http://evil.example/page"})
    assert response.status_code == 403
    assert (folder / "dataset.yaml").read_bytes() == before
    assert client.post("/api/field", json=body, headers={"origin": ORIGIN}).status_code == 200
    assert "number: 999" in (folder / "dataset.yaml").read_text(encoding="utf-8")


# --- paths -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../secret.csv", "/etc/passwd", "..", "sub/rows.csv", "..\\secret.csv"])
def test_a_table_file_outside_the_folder_is_refused(client: TestClient, folder: Path, name: str) -> None:
    (folder.parent / "secret.csv").write_text("id,kind\nS1,secret\n", encoding="utf-8")
    for response in (
        client.get("/fragment/grid", params={"file": name}),
        client.post("/api/cells", json={"file": name, "cells": [[0, "id", "X"]]}),
    ):
        assert response.status_code in (403, 404)
        assert "S1" not in response.text and "root:" not in response.text
    assert (folder.parent / "secret.csv").read_text(encoding="utf-8") == "id,kind\nS1,secret\n"


def test_a_table_file_that_is_a_link_out_of_the_folder_is_refused(client: TestClient, folder: Path) -> None:
    outside = folder.parent / "elsewhere.csv"
    outside.write_text((folder / "rows.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "rows.csv").unlink()
    os.symlink(outside, folder / "rows.csv")
    before = outside.read_bytes()
    page = client.get("/")  # the page still opens, without the table's rows
    assert page.status_code == 200 and "275342.98" not in page.text  # R01's amount, in rows.csv only
    assert client.get("/fragment/grid", params={"file": "rows.csv"}).status_code == 403
    assert client.post("/api/cells", json={"file": "rows.csv", "cells": [[0, "id", "X"]]}).status_code == 403
    assert outside.read_bytes() == before


def test_a_link_inside_the_folder_is_followed(client: TestClient, folder: Path) -> None:
    (folder / "rows.csv").rename(folder / "rows-real.csv")
    os.symlink(folder / "rows-real.csv", folder / "rows.csv")
    assert client.get("/fragment/grid", params={"file": "rows.csv"}).status_code == 200


def test_only_a_listed_dataset_folder_can_be_opened(tmp_path: Path, folder: Path) -> None:
    server = Server(folder.parent)
    client = client_for(server)
    client.cookies.set(cookie_name(TOKEN), TOKEN)
    for name in ("..", "/etc", "../..", str(tmp_path)):
        assert client.post("/api/open", json={"folder": name}).status_code == 403
    assert server.workspace is None
    assert client.post("/api/open", json={"folder": folder.name}).status_code == 200
    assert server.workspace is not None and server.workspace.folder == folder.resolve()
    server.close()


def test_only_the_page_s_own_assets_are_served(client: TestClient) -> None:
    assert client.get("/static/serve.js").status_code == 200
    for name in ("..%2Fapp.py", "app.py", "%2E%2E%2F%2E%2E%2Fapp.py"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 404
        assert "import" not in response.text


# --- malformed requests and sizes ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url,body",
    [
        ("/api/field", b"{not json"),
        ("/api/field", b"[1, 2]"),
        ("/api/field", b'{"path": "metadata", "value": "x"}'),
        ("/api/field", b'{"path": ["metadata", "nothing_here"], "value": "x"}'),
        ("/api/field", b'{"path": ["metadata"], "value": "x"}'),
        ("/api/field", b'{"path": [true], "value": "x"}'),
        ("/api/field", b"\xff\xfe"),
        ("/api/cells", b'{"file": "rows.csv", "cells": [[0, "no_such_column", "x"]]}'),
        ("/api/cells", b'{"file": "rows.csv", "cells": [["a", "id", "x"]]}'),
        ("/api/cells", b'{"file": "rows.csv", "cells": "x"}'),
        ("/api/open", b"{}"),
    ],
)
def test_a_malformed_request_gets_a_4xx_without_a_traceback(client: TestClient, url: str, body: bytes) -> None:
    response = client.post(url, content=body, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500
    no_traceback(response.text)


def test_an_upload_over_the_limit_is_refused(folder: Path) -> None:
    server = Server(folder.parent, upload_limit=1000)
    client = client_for(server)
    client.cookies.set(cookie_name(TOKEN), TOKEN)
    response = client.post("/api/draft", params={"filename": "vraag.txt"}, content=b"x" * 5000)
    assert response.status_code == 413
    assert not (folder.parent / "vraag").exists()


def test_an_upload_of_another_kind_of_file_is_refused(client: TestClient, folder: Path) -> None:
    response = client.post("/api/draft", params={"filename": "vraag.xlsx"}, content=b"echo")
    assert response.status_code == 415
    response = client.post("/api/draft", params={"filename": "a.txt", "folder": "../out"}, content=b"x")
    assert response.status_code == 400
    assert not (folder.parent.parent / "out").exists()


def test_an_error_inside_gets_a_500_without_a_traceback(client: TestClient, server: Server) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("secret detail")

    assert server.workspace is not None
    server.workspace.set_field = broken  # type: ignore[method-assign]
    response = client.post("/api/field", json={"path": ["id"], "value": "x"})
    assert response.status_code == 500
    assert "secret detail" not in response.text
    no_traceback(response.text)


# --- saving ----------------------------------------------------------------------------------------


def test_a_field_saved_keeps_the_comments_and_the_rest_of_the_file(client: TestClient, folder: Path) -> None:
    path = folder / "dataset.yaml"
    before = path.read_text(encoding="utf-8")
    response = client.post("/api/field", json={"path": ["metadata", "date_answered"], "value": "2018-02-20"})
    assert response.status_code == 200
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("date_answered: null", "date_answered: 2018-02-20")
    assert str(load_dataset(folder).metadata.date_answered) == "2018-02-20"
    client.post("/api/field", json={"path": ["metadata", "date_answered"], "value": ""})
    assert path.read_text(encoding="utf-8") == before  # emptied again: `null`, as the file wrote it


def test_a_save_is_atomic(client: TestClient, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that fails half-way leaves the file as it was, and no temporary file behind."""
    path = folder / "dataset.yaml"
    before = path.read_bytes()

    def failing(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing)
    response = client.post("/api/field", json={"path": ["metadata", "number"], "value": "1"})
    assert response.status_code == 500
    no_traceback(response.text)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["dataset.yaml", "rows.csv", "source.txt"]


def test_cells_saved_keep_the_csv_file_as_it_was_elsewhere(client: TestClient, folder: Path) -> None:
    path = folder / "rows.csv"
    before = path.read_text(encoding="utf-8")
    assert client.post("/api/cells", json={"file": "rows.csv", "cells": []}).status_code == 200
    assert path.read_text(encoding="utf-8") == before  # written back byte for byte
    # R02's amount in the source: "40.000 euro"
    assert "40000.00,40.000 euro" in before
    response = client.post("/api/cells", json={"file": "rows.csv", "cells": [[1, "amount_text", "40.000 EUR"]]})
    assert response.status_code == 200
    assert path.read_text(encoding="utf-8") == before.replace("40000.00,40.000 euro", "40000.00,40.000 EUR")


def test_an_excel_csv_is_written_back_as_excel_wrote_it(client: TestClient, folder: Path) -> None:
    path = folder / "rows.csv"
    text = path.read_text(encoding="utf-8")
    excel = text.replace(",", ";").replace("\n", "\r\n")  # a naive stand-in: only the header and R17 are used
    header, *_rows = excel.split("\r\n")
    path.write_bytes(("\ufeff" + header + "\r\n").encode("utf-8"))
    client.post("/api/cells", json={"file": "rows.csv", "cells": [[0, "id", "R99"]]})
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    assert data.decode("utf-8-sig").split("\r\n")[1].startswith("R99;")


def test_pasted_rows_past_the_end_are_added(client: TestClient, folder: Path) -> None:
    cells = [[17, "id", "R18"], [17, "kind", "subsidy_call"], [18, "id", "R19"]]
    assert client.post("/api/cells", json={"file": "rows.csv", "cells": cells}).status_code == 200
    lines = (folder / "rows.csv").read_text(encoding="utf-8").splitlines()
    assert lines[-2].startswith("R18,subsidy_call,") and lines[-1].startswith("R19,")


# --- problems beside their fields ------------------------------------------------------------------


def test_a_problem_stands_beside_its_field_in_the_words_of_validate(client: TestClient, folder: Path) -> None:
    response = client.post("/api/field", json={"path": ["kinds", 0, "procurement"], "value": ""})
    state = response.json()
    assert state["valid"] is False
    try:
        load_dataset(folder)
    except Exception as error:  # the words of `sebrief validate`
        # in the page's language, Dutch by default, as `sebrief validate` says them
        expected = [problem.text(Translator("nl")) for problem in error.problems]  # type: ignore[attr-defined]
    assert [problem["text"] for problem in state["problems"]] == expected
    assert state["problems"][0]["key"] == "kinds[0].procurement"


def test_a_cell_s_problem_names_its_row_and_column(client: TestClient) -> None:
    response = client.post("/api/cells", json={"file": "rows.csv", "cells": [[2, "amount", "veel"]]})
    problem = response.json()["problems"][0]
    assert problem["text"].startswith("rows.csv, regel 4, kolom amount: 'veel' is geen bedrag")
    assert problem["cell"] == {"file": "rows.csv", "row": 2, "column": "amount"}


def test_the_page_labels_fields_in_dutch_and_escapes_the_data(client: TestClient) -> None:
    client.post("/api/field", json={"path": ["metadata", "asker", "first_name"], "value": "<script>x()</script>"})
    page = client.get("/").text
    assert "Datum van het antwoord" in page and "PDF downloaden" in page
    assert "<script>x()</script>" not in page and "&lt;script&gt;x()&lt;/script&gt;" in page
    assert "content-security-policy" in client.get("/").headers


def test_the_preview_follows_a_change_on_disk(client: TestClient, folder: Path) -> None:
    assert "Collectieve ondersteuning" in client.get("/preview").text
    path = folder / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    signature = client.get("/api/state").json()["signature"]
    # another title of the same source (its heading), as an editor would save it
    path.write_text(text.replace("title: Sociale economie - Collectieve ondersteuning", "title: Sociale economie"))
    state = client.get("/api/state").json()
    assert state["signature"] != signature and state["valid"]
    assert "Collectieve ondersteuning</h1>" not in client.get("/preview").text


def test_the_workbook_downloads_with_the_dataset_s_name(client: TestClient) -> None:
    response = client.get("/download/xlsx")
    assert response.status_code == 200
    assert 'filename="sv-221-2017-2018.xlsx"' in response.headers["content-disposition"]
    assert response.content[:2] == b"PK"


def test_the_changes_since_the_kept_version_are_those_of_diff(client: TestClient) -> None:
    cells = [[1, "note_nl", "Nagekeken."], [1, "note_en", "Checked."]]
    assert client.post("/api/cells", json={"file": "rows.csv", "cells": cells}).json()["valid"]
    text = client.get("/fragment/changes").text
    assert "R02" in text
    client.post("/api/baseline", json={})
    assert "geen verschillen" in client.get("/fragment/changes").text


# --- the command -----------------------------------------------------------------------------------


def test_serve_listens_on_127_0_0_1_and_prints_its_address_with_a_token(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn
    from click.testing import CliRunner

    from sebrief.cli import main

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    result = CliRunner().invoke(main, ["serve", str(folder), "--no-browser", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8765
    line = next(line for line in result.output.splitlines() if line.startswith("sebrief serve: "))
    assert line.startswith("sebrief serve: http://127.0.0.1:8765/?token=")
    assert len(line.split("token=")[1]) >= 32
    assert "warning" not in result.output


def test_serve_on_another_address_warns(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner

    from sebrief.cli import main

    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    result = CliRunner().invoke(main, ["serve", str(folder), "--no-browser", "--port", "8765", "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0" in result.output


def test_serve_drafts_a_source_into_a_new_folder_beside_it(tmp_path: Path) -> None:
    from sebrief.serve.run import prepare_server

    source = tmp_path / "vraag.txt"
    shutil.copy(Path(__file__).parent / "fixtures" / "draft" / "no-table-refusal.txt", source)
    (tmp_path / "vraag").mkdir()  # taken: the draft goes to vraag-2
    server = prepare_server(source, "nl")
    try:
        assert server.workspace is not None
        assert server.workspace.folder == (tmp_path / "vraag-2").resolve()
        assert (tmp_path / "vraag-2" / "dataset.yaml").is_file()
        assert not any((tmp_path / "vraag").iterdir())
    finally:
        server.close()


def test_an_answer_drafted_without_a_reason_gets_one_from_the_form(tmp_path: Path, folder: Path) -> None:
    from sebrief.serve.run import prepare_server
    from sebrief.serve.workspace import Workspace

    # a dataset that writes an empty value as `null` is saved first: its way stays its own
    saved = Workspace(folder)
    saved.set_field(["metadata", "date_answered"], "")
    saved.close()
    assert "date_answered: null" in (folder / "dataset.yaml").read_text(encoding="utf-8")
    source = tmp_path / "vraag.txt"
    shutil.copy(Path(__file__).parent / "fixtures" / "draft" / "no-table-refusal.txt", source)
    server = prepare_server(source, "nl")
    try:
        client = client_for(server)
        client.cookies.set(cookie_name(TOKEN), TOKEN)
        path = tmp_path / "vraag" / "dataset.yaml"
        assert "reason:" not in path.read_text(encoding="utf-8")  # the draft asks for one, in a comment
        page = client.get("/").text
        assert 'id="f-answer-blocks-0-answers-0-reason-nl"' in page
        assert 'id="f-answer-blocks-0-answers-0-reason-en"' in page
        reason = ["answer", "blocks", 0, "answers", 0, "reason", "nl"]
        state = client.post("/api/field", json={"path": reason, "value": "Geen cijfers."}).json()
        keys = [problem.get("key") for problem in state["problems"]]
        assert "answer.blocks[0].answers[0].reason.en" in keys  # the other language is still to write
        text = path.read_text(encoding="utf-8")
        basis = text.index("      basis:", text.index("- part: '1'"))
        after = text[text.index("\n", basis) + 1 :]
        assert after.startswith("      reason:\n        nl: Geen cijfers.\n        en:\n    - part: '2'")
    finally:
        server.close()


# --- items added and removed -----------------------------------------------------------------------


def test_a_block_added_from_the_form_lists_what_to_fill_in_and_goes_again(client: TestClient, folder: Path) -> None:
    path = folder / "dataset.yaml"
    before = path.read_text(encoding="utf-8")
    blocks = len(load_dataset(folder).main.answer.blocks)
    state = client.post("/api/add", json={"path": ["answer", "blocks"], "kind": "text"}).json()
    texts = [problem["text"] for problem in state["problems"]]
    assert f"answer.blocks[{blocks}].id: is leeg; vul het in" in " ".join(texts)
    assert any(problem.get("key") == f"answer.blocks[{blocks}].answers[0].status" for problem in state["problems"])
    assert "#" in path.read_text(encoding="utf-8").split("\n", 1)[0]  # the comments stay
    state = client.post("/api/remove", json={"path": ["answer", "blocks", blocks]}).json()
    assert state["valid"]
    assert path.read_text(encoding="utf-8") == before


def test_a_subpart_added_takes_the_shape_of_the_last_one(client: TestClient, folder: Path) -> None:
    client.post("/api/add", json={"path": ["question", "parts", 0, "subparts"]})
    text = (folder / "dataset.yaml").read_text(encoding="utf-8")
    assert "    - id: ''\n      text: ''\n      answered_by: []\n" in text


@pytest.mark.parametrize(
    "url,body",
    [
        ("/api/add", {"path": ["answer", "blocks"], "kind": "poem"}),
        ("/api/add", {"path": ["metadata"]}),
        ("/api/add", {"path": ["nothing"]}),
        ("/api/remove", {"path": ["answer", "blocks", 99]}),
        ("/api/remove", {"path": ["metadata"]}),
        ("/api/remove", {"path": "answer"}),
    ],
)
def test_a_wrong_item_is_refused(client: TestClient, folder: Path, url: str, body: dict[str, object]) -> None:
    before = (folder / "dataset.yaml").read_bytes()
    response = client.post(url, json=body)
    assert response.status_code == 400
    assert (folder / "dataset.yaml").read_bytes() == before


def test_a_yes_or_no_field_left_empty_by_the_draft_is_chosen_from_a_list(client: TestClient, folder: Path) -> None:
    path = folder / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("procurement: false", "procurement:", 1), encoding="utf-8")
    page = client.get("/").text
    assert '<option value="" selected>(kies)</option>' in page
    state = client.post("/api/field", json={"path": ["kinds", 0, "procurement"], "value": "false"}).json()
    assert state["valid"]
    assert path.read_text(encoding="utf-8") == text


def test_a_table_block_added_gets_its_file_with_the_first_row(client: TestClient, folder: Path) -> None:
    client.post("/api/add", json={"path": ["answer", "blocks"], "kind": "table"})
    assert client.get("/").status_code == 200  # a table without a file yet
    index = (folder / "dataset.yaml").read_text(encoding="utf-8").count("- kind: ") - 1
    client.post("/api/field", json={"path": ["answer", "blocks", index, "file"], "value": "extra.csv"})
    assert "extra.csv" in client.get("/").text
    assert not (folder / "extra.csv").exists()
    client.post("/api/cells", json={"file": "extra.csv", "cells": [[0, "id", "E1"], [0, "amount", "12.50"]]})
    lines = (folder / "extra.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,kind,description,") and "amount_text" in lines[0]
    assert lines[1].startswith("E1,")


def test_text_of_dataset_yaml_that_is_not_yaml_leaves_the_page_open_with_the_problem(
    client: TestClient, folder: Path
) -> None:
    state = client.post("/api/yaml", json={"text": "id: [unclosed\n"}).json()
    assert not state["valid"]
    assert state["problems"][0]["text"].startswith("dataset.yaml, regel")
    page = client.get("/")
    assert page.status_code == 200
    assert "dataset.yaml kan niet als YAML gelezen worden" in page.text
    assert (folder / "dataset.yaml").read_text(encoding="utf-8") == "id: [unclosed\n"


def test_the_host_names_answered() -> None:
    from sebrief.serve.run import allowed_hosts

    assert allowed_hosts("127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}
    assert allowed_hosts("0.0.0.0", 8765) is None  # reached by other machines under their own name


def test_the_page_in_english_with_lang_en(folder: Path) -> None:
    server = Server(folder.parent, lang="en")
    server.open(folder)
    try:
        client = client_for(server)
        client.cookies.set(cookie_name(TOKEN), TOKEN)
        page = client.get("/").text
        assert "Date answered" in page and "Download workbook" in page
        assert "Datum van het antwoord" not in page
        assert "Access refused" in client_for(server).get("/").text
    finally:
        server.close()


def test_another_dataset_is_opened_from_the_start_page(client: TestClient, server: Server, folder: Path) -> None:
    other = folder.parent / "other"
    shutil.copytree(folder, other)
    page = client.get("/start").text
    assert 'data-folder="other"' in page and 'data-folder="sv-221-2017-2018"' in page
    assert client.post("/api/open", json={"folder": "other"}).status_code == 200
    assert server.workspace is not None and server.workspace.folder == other.resolve()


def test_two_servers_on_one_address_keep_their_own_cookie(server: Server) -> None:
    other = "another-token-9876543210"
    assert cookie_name(TOKEN) != cookie_name(other)
    client = client_for(server)
    client.cookies.set(cookie_name(other), other)  # the other server's cookie opens nothing here
    assert client.get("/api/state").status_code == 403
    client.cookies.set(cookie_name(TOKEN), TOKEN)
    assert client.get("/api/state").status_code == 200


def test_a_document_the_drafter_cannot_read_is_said_so_and_nothing_is_written(folder: Path) -> None:
    server = Server(folder.parent)
    client = client_for(server)
    client.cookies.set(cookie_name(TOKEN), TOKEN)
    response = client.post("/api/draft", params={"filename": "vraag.pdf", "folder": "nieuw"}, content=b"no PDF")
    assert response.status_code == 422
    assert "PDF" in response.text
    no_traceback(response.text)
    assert not (folder.parent / "nieuw").exists() and server.workspace is None


def test_a_document_is_drafted_into_the_folder_named(folder: Path) -> None:
    server = Server(folder.parent)
    client = client_for(server)
    client.cookies.set(cookie_name(TOKEN), TOKEN)
    text = (Path(__file__).parent / "fixtures" / "draft" / "no-table-refusal.txt").read_bytes()
    response = client.post("/api/draft", params={"filename": "vraag 12.txt", "folder": "sv-12"}, content=text)
    assert response.status_code == 200, response.text
    try:
        assert sorted(p.name for p in (folder.parent / "sv-12").iterdir()) == ["dataset.yaml", "source.txt"]
        assert server.workspace is not None and server.workspace.folder == (folder.parent / "sv-12").resolve()
        assert (
            client.post("/api/draft", params={"filename": "a.txt", "folder": "sv-12"}, content=text).status_code == 409
        )
    finally:
        server.close()


def test_a_column_is_added_to_a_table_s_file(client: TestClient, folder: Path) -> None:
    import csv
    import io

    path = folder / "rows.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    at = rows[0].index("procedure")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([row[:at] + row[at + 1 :] for row in rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert "Procedure (letterlijk) (procedure)" in client.get("/fragment/grid", params={"file": "rows.csv"}).text
    assert client.post("/api/column", json={"file": "rows.csv", "column": "evil"}).status_code == 400
    assert client.post("/api/column", json={"file": "rows.csv", "column": "amount"}).status_code == 400
    assert client.post("/api/column", json={"file": "rows.csv", "column": "procedure"}).status_code == 200
    header = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    assert header.index("procedure") == header.index("source_ref") - 1


@pytest.mark.parametrize("name", ["studies-2019-2021.docx", "studies-2019-2021.html"])
def test_a_word_or_web_page_answer_is_drafted_with_its_tables(folder: Path, name: str) -> None:
    server = Server(folder.parent)
    client = client_for(server)
    client.cookies.set(cookie_name(TOKEN), TOKEN)
    document = (Path(__file__).parent / "fixtures" / "draft" / name).read_bytes()
    response = client.post("/api/draft", params={"filename": name, "folder": "studies"}, content=document)
    assert response.status_code == 200, response.text
    try:
        drafted = sorted(p.name for p in (folder.parent / "studies").iterdir())
        assert "source.txt" in drafted and "dataset.yaml" in drafted
        assert [p for p in drafted if p.endswith(".csv")]  # the document's tables became the rows' files
    finally:
        server.close()
