"""What keeps ``sebrief serve`` a private tool of the person who started it.

- Every request carries the random token printed with the URL: in the query on the first visit,
  then in an HttpOnly, SameSite=Strict cookie (the token then leaves the address bar).
- The Host header must name the address the server listens on (a page on another site cannot
  reach it through a name that resolves to 127.0.0.1: DNS rebinding). Listening on another
  address (``--host``), other machines name it as they reach it: any host, the token still needed.
- A request that changes something (POST, PUT, PATCH, DELETE) coming from a page of another
  origin (its Origin or Referer header) is refused.
- Request bodies have a size limit (413 beyond it).
- Files are named by the client only by their name inside the opened dataset folder; ``inside``
  resolves a name and refuses what lies outside (``..``, an absolute path, a link pointing out).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sebrief.i18n import Translator


def cookie_name(token: str) -> str:
    """The cookie of one server: named after its token, so that two servers (two ports of the same
    address share cookies) never overwrite each other's."""
    return "sebrief-" + hashlib.sha256(token.encode("ascii")).hexdigest()[:12]


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)


class Refused(Exception):
    """A request asks for something it may not have; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def new_token() -> str:
    return secrets.token_urlsafe(24)


def inside(folder: Path, name: str) -> Path:
    """The file ``name`` of ``folder``, resolved; ``Refused`` (403) if it is not a plain name of a
    file in the folder itself or resolves outside it."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name or os.path.isabs(name):
        raise Refused(403, "only a file of the opened dataset folder can be named, by its name")
    root = Path(os.path.realpath(folder))
    real = Path(os.path.realpath(root / name))
    if real.parent != root:
        raise Refused(403, "this file lies outside the opened dataset folder")
    return real


class Guard:
    """ASGI middleware applying the rules of the module's docstring to every request."""

    def __init__(self, app: ASGIApp, token: str, hosts: set[str] | None, body_limit: int, t: Translator | None = None):
        self.app = app
        self.t = t or Translator("en")
        self.token = token
        self.hosts = hosts
        self.body_limit = body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = self._check(request)
        if response is not None:
            await response(scope, receive, send)
            return
        length = request.headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > self.body_limit):
            status = 413 if length.isdigit() else 400
            await _refusal(status, "the request is too large" if status == 413 else "bad request")(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _check(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if not host or (self.hosts is not None and host not in self.hosts):
            return _refusal(400, self.t("Unknown host: open the address that sebrief serve printed."))
        origin = f"http://{host}"
        if request.method not in SAFE_METHODS:
            sender = request.headers.get("origin") or _origin_of(request.headers.get("referer", ""))
            if sender and sender != origin:
                return _refusal(403, self.t("Refused: this request comes from another site."))
        cookie = _cookie_token(request.headers.get("cookie", ""), cookie_name(self.token))
        if cookie is not None and secrets.compare_digest(cookie, self.token):
            return None
        given = request.query_params.get("token")
        if given is not None and secrets.compare_digest(given, self.token) and request.method in SAFE_METHODS:
            rest = [(key, value) for key, value in parse_qsl(request.url.query) if key != "token"]
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            redirect = RedirectResponse(target, status_code=303)
            redirect.set_cookie(cookie_name(self.token), self.token, httponly=True, samesite="strict", path="/")
            return redirect
        return _refusal(
            403, self.t("Access refused: open the address that sebrief serve printed, with its token (token=...).")
        )


def _cookie_token(header: str, name: str) -> str | None:
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(header)
    except Exception:  # a malformed cookie header is no token
        return None
    morsel = cookie.get(name)
    return morsel.value if morsel is not None else None


def _origin_of(url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "invalid"


def _refusal(status: int, message: str) -> Response:
    return PlainTextResponse(message, status_code=status, headers=dict((k.decode(), v.decode()) for k, v in HEADERS))
