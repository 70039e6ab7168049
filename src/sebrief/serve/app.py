"""The web application of ``sebrief serve``: pages rendered on the server, a few JSON calls.

Every route goes through ``security.Guard`` (token, host, origin, size of the body). A request that
asks for something wrong gets a 4xx with a short message; nothing ever answers with a traceback.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from sebrief.dataset.reading import MAIN_FILE
from sebrief.errors import SebriefError
from sebrief.i18n import Translator, _
from sebrief.render import XLSX_MEDIA_TYPE
from sebrief.serve import form
from sebrief.serve.items import add_item, remove_item
from sebrief.serve.security import Guard, Refused
from sebrief.serve.workspace import MAX_GRID_ROWS, Workspace

HERE = Path(__file__).parent
STATIC = {"serve.css": "text/css; charset=utf-8", "serve.js": "text/javascript; charset=utf-8"}
UPLOAD_LIMIT = 50 * 1024 * 1024
JSON_LIMIT = 16 * 1024 * 1024
# What sebrief.draft reads (add .docx and .html here once it reads them).
UPLOAD_SUFFIXES = (".pdf", ".txt", ".docx", ".html", ".htm")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
PREVIEW_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"
# The brief is laid out for paper; on screen it gets a margin.
PREVIEW_SCREEN = (
    "<style>@media screen { body { margin: 1rem 1.5rem 2rem; } .running-page-number { display: none; } }</style>"
)
PAGE_POLICY = "default-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'"


@dataclass
class Server:
    """What the application serves: the base folder, the opened dataset, the language."""

    base: Path
    lang: str = "nl"
    workspace: Workspace | None = None
    upload_limit: int = UPLOAD_LIMIT
    corpus: Path | None = None  # the corpus file named with --corpus (else corpus.duckdb in base)
    last_preview: dict[str, str] = field(default_factory=dict)

    def open(self, folder: Path) -> None:
        if self.workspace is not None:
            self.workspace.close()
        self.workspace = Workspace(folder)
        self.last_preview.clear()

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None

    def candidates(self) -> list[str]:
        """The dataset folders under the base folder (three levels deep), by their relative path."""
        found = []
        base = Path(os.path.realpath(self.base))
        for root, folders, files in os.walk(base):
            depth = len(Path(root).relative_to(base).parts)
            folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in ("node_modules", "reports"))
            if depth >= 3:
                folders[:] = []
            if MAIN_FILE in files and Path(os.path.realpath(root)).is_relative_to(base):
                found.append(Path(root).relative_to(base).as_posix() or ".")
        return sorted(found)[:200]


def create_app(server: Server, token: str, hosts: set[str] | None) -> Starlette:
    environment = SandboxedEnvironment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True, default_for_string=True)
    )
    t = Translator(server.lang)
    environment.globals.update(
        t=t,
        label=form.field_label,
        choices_of=form.choices_of,
        choices=form.CHOICES,
        column_choices=form.column_choices,
        column_label=form.column_label,
        max_rows=MAX_GRID_ROWS,
        words=json.dumps(_words(t)),
    )

    def page(template: str, **values: Any) -> HTMLResponse:
        html = environment.get_template(template).render(lang=server.lang, **values)
        return HTMLResponse(html, headers={"content-security-policy": PAGE_POLICY})

    def workspace() -> Workspace:
        if server.workspace is None:
            raise Refused(409, t("No dataset is open."))
        return server.workspace

    def state(_: Request | None = None) -> dict[str, Any]:
        work = workspace()
        checked = work.checked()
        return {
            "signature": str(hash(work.signature())),
            "valid": checked.dataset is not None,
            "problems": work.places(checked.problems, server.lang),
        }

    async def start_page(request: Request) -> Response:
        return page("start.html", candidates=await run_in_threadpool(server.candidates), base=server.base.name)

    async def index(request: Request) -> Response:
        if server.workspace is None:
            return page("start.html", candidates=server.candidates(), base=server.base.name)
        work = server.workspace
        return page("editor.html", work=work, name=work.folder.name, **await run_in_threadpool(_editor, work, t))

    async def editor_fragment(request: Request) -> Response:
        return page("_form.html", **await run_in_threadpool(_editor, workspace(), t))

    async def grid_fragment(request: Request) -> Response:
        work = workspace()
        grid = await run_in_threadpool(work.grid, request.query_params.get("file", ""))
        editor = await run_in_threadpool(_editor, work, t)
        return page("_grid.html", grid=grid, grouping_ids=editor["grouping_ids"], columns=editor["columns"])

    async def corpus_page(request: Request) -> Response:
        from sebrief.serve.corpus import asked_names, corpus_file, corpus_view

        names = asked_names(request.query_params.getlist("name"))
        db = corpus_file(server.corpus, server.base)
        return page("corpus.html", section="corpus", **await run_in_threadpool(corpus_view, db, names, t))

    async def corpus_report(request: Request) -> Response:
        from sebrief.serve.corpus import asked_names, corpus_file, report_download

        names = asked_names(request.query_params.getlist("name"))
        db = corpus_file(server.corpus, server.base)
        try:
            made = await run_in_threadpool(report_download, db, names, request.path_params["kind"], server.lang)
        except SebriefError as error:
            raise Refused(422, error.describe(server.lang)) from error
        if made is None:
            raise Refused(
                404,
                t("No row of the corpus has this name (compared without case, accents, punctuation and legal form)."),
            )
        name, data = made
        media = "application/pdf" if name.endswith(".pdf") else XLSX_MEDIA_TYPE
        return Response(data, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            raise Refused(404, _("Not found."))
        return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name])

    async def api_state(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(state))

    async def api_field(request: Request) -> Response:
        data = await _json(request)
        if not isinstance(data.get("value"), str) or not isinstance(data.get("path"), list):
            raise Refused(400, "give a path (a list) and a value (text)")
        await run_in_threadpool(workspace().set_field, data["path"], data["value"])
        return JSONResponse(await run_in_threadpool(state))

    async def api_cells(request: Request) -> Response:
        data = await _json(request)
        if not isinstance(data.get("file"), str) or not isinstance(data.get("cells"), list):
            raise Refused(400, "give a file (its name) and cells (a list)")
        await run_in_threadpool(workspace().set_cells, data["file"], data["cells"])
        return JSONResponse(await run_in_threadpool(state))

    async def api_column(request: Request) -> Response:
        data = await _json(request)
        if not isinstance(data.get("file"), str) or not isinstance(data.get("column"), str):
            raise Refused(400, "give a file (its name) and a column")
        await run_in_threadpool(workspace().add_column, data["file"], data["column"])
        return JSONResponse(await run_in_threadpool(state))

    async def api_add(request: Request) -> Response:
        data = await _json(request)
        path, kind = data.get("path"), data.get("kind", "")
        if not isinstance(path, list) or not isinstance(kind, str):
            raise Refused(400, "give the path of a list, and for a block its kind")
        await run_in_threadpool(workspace().change, lambda document: add_item(document, path, kind))
        return JSONResponse(await run_in_threadpool(state))

    async def api_remove(request: Request) -> Response:
        data = await _json(request)
        path = data.get("path")
        if not isinstance(path, list):
            raise Refused(400, "give the path of an item")
        await run_in_threadpool(workspace().change, lambda document: remove_item(document, path))
        return JSONResponse(await run_in_threadpool(state))

    async def api_yaml(request: Request) -> Response:
        data = await _json(request)
        if not isinstance(data.get("text"), str):
            raise Refused(400, "give the text of dataset.yaml")
        await run_in_threadpool(workspace().set_yaml_text, data["text"])
        return JSONResponse(await run_in_threadpool(state))

    async def api_baseline(request: Request) -> Response:
        await run_in_threadpool(workspace().mark_baseline)
        return JSONResponse(await run_in_threadpool(state))

    async def api_open(request: Request) -> Response:
        data = await _json(request)
        folder = data.get("folder")
        if not isinstance(folder, str) or folder not in server.candidates():
            raise Refused(403, t("Only a dataset folder of the list can be opened."))
        await run_in_threadpool(server.open, server.base / folder)
        return JSONResponse({"opened": folder})

    async def api_draft(request: Request) -> Response:
        from sebrief.draft.emit import write_draft

        filename = request.query_params.get("filename", "")
        suffix = Path(filename).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise Refused(415, t("Give the published question as PDF, Word (.docx), web page (.html) or text."))
        wanted = request.query_params.get("folder", "").strip() or _slug(Path(filename).stem)
        if not _NAME.match(wanted):
            raise Refused(400, t("A folder name has letters, digits, '.', '-' and '_' only."))
        target = server.base / wanted
        if target.exists():
            raise Refused(409, t("The folder {folder} exists already; give another name.", folder=wanted))
        body = await _body(request, server.upload_limit)
        with tempfile.TemporaryDirectory(prefix="sebrief-upload-") as scratch:
            source = Path(scratch) / (_slug(Path(filename).stem) + suffix)
            source.write_bytes(body)
            try:
                await run_in_threadpool(write_draft, source, target, server.lang)
            except SebriefError as error:
                raise Refused(422, error.describe(server.lang)) from error
        await run_in_threadpool(server.open, target)
        return JSONResponse({"opened": wanted})

    async def preview(request: Request) -> Response:
        work = workspace()
        html = await run_in_threadpool(work.preview, server.lang)
        if html is not None:
            server.last_preview[server.lang] = html
        else:
            html = server.last_preview.get(server.lang) or bytes(page("_nopreview.html").body).decode("utf-8")
        html = html.replace("</head>", f"{PREVIEW_SCREEN}</head>", 1)
        return HTMLResponse(html, headers={"content-security-policy": PREVIEW_POLICY})

    async def download(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in ("pdf", "xlsx"):
            raise Refused(404, _("Not found."))
        name, data = await run_in_threadpool(workspace().output, kind, server.lang)
        media = "application/pdf" if kind == "pdf" else XLSX_MEDIA_TYPE
        return Response(data, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})

    async def changes(request: Request) -> Response:
        return page("_changes.html", lines=await run_in_threadpool(workspace().changes, server.lang))

    async def source(request: Request) -> Response:
        from sebrief.serve.source import marked_source

        work = workspace()
        return page("_source.html", parts=await run_in_threadpool(marked_source, work))

    async def refused(request: Request, error: Exception) -> Response:
        assert isinstance(error, Refused)
        return PlainTextResponse(t(error.message), status_code=error.status)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return PlainTextResponse(
            t("Not found.") if error.status_code == 404 else "error", status_code=error.status_code
        )

    async def failure(request: Request, error: Exception) -> Response:
        if os.environ.get("SEBRIEF_DEBUG"):
            import traceback

            traceback.print_exception(error)
        return PlainTextResponse(t("Something went wrong in sebrief; the files are as last saved."), status_code=500)

    routes = [
        Route("/", index),
        Route("/start", start_page),
        Route("/corpus", corpus_page),
        Route("/corpus/report.{kind}", corpus_report),
        Route("/fragment/form", editor_fragment),
        Route("/fragment/grid", grid_fragment),
        Route("/fragment/changes", changes),
        Route("/fragment/source", source),
        Route("/static/{name}", static),
        Route("/preview", preview),
        Route("/download/{kind}", download),
        Route("/api/state", api_state),
        Route("/api/field", api_field, methods=["POST"]),
        Route("/api/cells", api_cells, methods=["POST"]),
        Route("/api/yaml", api_yaml, methods=["POST"]),
        Route("/api/add", api_add, methods=["POST"]),
        Route("/api/column", api_column, methods=["POST"]),
        Route("/api/remove", api_remove, methods=["POST"]),
        Route("/api/baseline", api_baseline, methods=["POST"]),
        Route("/api/open", api_open, methods=["POST"]),
        Route("/api/draft", api_draft, methods=["POST"]),
    ]
    limit = max(server.upload_limit, JSON_LIMIT)
    return Starlette(
        debug=False,
        routes=routes,
        middleware=[Middleware(Guard, token=token, hosts=hosts, body_limit=limit, t=t)],
        exception_handlers={Refused: refused, HTTPException: http_error, Exception: failure},
    )


def _words(t: Translator) -> dict[str, str]:
    """What the page's script says, in the user's language."""
    many = 2  # the plural form, with {count} left for the script to fill in
    return {
        "valid": t("Valid: ready to build"),
        "confirm_remove": t("Remove this item from dataset.yaml?"),
        "invalid": t("The dataset does not validate yet: solve the problems first."),
        "building": t("Making the file…"),
        "saving": t("Saving…"),
        "failed": t("Not saved: "),
        "drafting": t("Drafting the dataset…"),
        "choose": t("Choose a file first."),
        "problem_one": t.plural("{count} problem", "{count} problems", 1),
        "problem_many": t.plural("{count} problem", "{count} problems", many).replace(str(many), "{count}"),
        "title_one": t.plural("{count} problem to solve", "{count} problems to solve", 1),
        "title_many": t.plural("{count} problem to solve", "{count} problems to solve", many).replace(
            str(many), "{count}"
        ),
    }


def _editor(work: Workspace, t: Translator) -> dict[str, Any]:
    try:
        document = work.document()
    except Refused as error:
        return {"sections": [], "yaml_error": error.message, "tables": [], "yaml": work.yaml_text(), "kind_ids": [],
                "grouping_ids": set(), "columns": []}  # fmt: skip
    kinds = document.get("kinds")
    groupings = document.get("groupings")
    return {
        "kind_ids": [str(k.get("id")) for k in kinds or [] if isinstance(k, dict) and k.get("id")],
        "grouping_ids": {str(g.get("id")) for g in groupings or [] if isinstance(g, dict) and g.get("id")},
        "sections": form.sections(document, t),
        "columns": work.columns_offered(),
        "yaml_error": "",
        "tables": [(block, title, work.readable_grid(file)) for block, title, file in work.tables()],
        "yaml": work.yaml_text(),
    }


async def _body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, _("The file is too large."))
        chunks.append(chunk)
    return b"".join(chunks)


async def _json(request: Request) -> dict[str, Any]:
    body = await _body(request, JSON_LIMIT)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(400, "the request is not valid JSON") from error
    if not isinstance(data, dict):
        raise Refused(400, "the request is not a JSON object")
    return data


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._")[:60]
    return slug or "vraag"
