"""Start the server of ``sebrief serve``: open or draft the dataset, print the address, listen."""

from __future__ import annotations

import socket
import threading
import webbrowser
from pathlib import Path

import click

from sebrief.dataset.reading import MAIN_FILE, resolve_folder
from sebrief.i18n import Translator
from sebrief.serve.app import Server, create_app
from sebrief.serve.security import new_token

LOCAL = "127.0.0.1"


def prepare_server(target: Path | None, lang: str) -> Server:
    """The server for what the user named: a dataset folder, a document to draft, or nothing."""
    if target is None:
        return Server(Path.cwd(), lang)
    if target.is_dir() or target.name == MAIN_FILE:
        folder = resolve_folder(target)
        server = Server(folder.resolve().parent, lang)
        server.open(folder)
        return server
    from sebrief.draft.emit import write_draft

    folder = free_folder(target.parent / target.stem)
    files = write_draft(target, folder, lang)
    t = Translator(lang)
    click.echo(
        t("drafted {folder} from {source}: {files}", folder=folder, source=target.name, files=", ".join(files.files))
    )
    server = Server(folder.resolve().parent, lang)
    server.open(folder)
    return server


def free_folder(wanted: Path) -> Path:
    candidate, number = wanted, 1
    while candidate.exists():
        number += 1
        candidate = wanted.with_name(f"{wanted.name}-{number}")
    return candidate


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The Host headers the server answers: its own loopback names, or any on another address."""
    if host not in (LOCAL, "localhost", "::1"):
        return None
    return {f"{name}:{port}" for name in (LOCAL, "localhost", "[::1]")}


def run(
    target: Path | None, *, port: int, host: str, open_browser: bool, lang: str, corpus: Path | None = None
) -> None:
    import uvicorn

    server = prepare_server(target, lang)
    server.corpus = corpus.resolve() if corpus is not None else None
    port = port or free_port(host)
    token = new_token()
    app = create_app(server, token, allowed_hosts(host, port))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/?token={token}"
    if host != LOCAL:
        click.echo(
            f"warning: listening on {host}: other machines that reach this address can use sebrief serve "
            "with the token; use the default 127.0.0.1 unless you mean it",
            err=True,
        )
    click.echo(f"sebrief serve: {url}")
    click.echo("stop with Ctrl+C")
    if open_browser:  # once the server listens
        threading.Timer(0.8, webbrowser.open, [url]).start()
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
    finally:
        server.close()
