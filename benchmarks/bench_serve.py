"""How fast `sebrief serve`'s preview follows a change, on the bundled dataset (target: under 1 s).

Run as a script (several runs, medians):

    python benchmarks/bench_serve.py [--runs 9]

A real server (uvicorn on 127.0.0.1, a free port, in a thread) opens a copy of the bundled
dataset. Measured, each run changing a kind's Dutch plural (our own text, shown in the brief):

- **edit**: the browser's save of a field (POST /api/field: saved atomically, checked) and the
  preview asked for at once (GET /preview), until the preview holds the new label;
- **on disk**: dataset.yaml rewritten as an editor would, then the page's poll (GET /api/state,
  every 50 ms here) until the change is seen, then GET /preview; the page polls every 0.5 s, so
  the worst case in the browser is this plus 0.5 s;
- **floor**: the same work in process without the server: load_dataset, analyse and
  render_html of the changed folder.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from sebrief.dataset.load import load_dataset
from sebrief.engine.analyse import analyse
from sebrief.render.pdf import render_html
from sebrief.serve.app import Server, create_app
from sebrief.serve.security import cookie_name

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
TOKEN = "bench-token"
LABEL = "Subsidieoproepen"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "sv-221-2017-2018"
        shutil.copytree(BUNDLED, folder)
        server = Server(Path(scratch))
        server.open(folder)
        port = free_port()
        config = uvicorn.Config(
            create_app(server, TOKEN, {f"127.0.0.1:{port}"}), host="127.0.0.1", port=port, log_level="warning"
        )
        running = uvicorn.Server(config)
        thread = threading.Thread(target=running.run, daemon=True)
        thread.start()
        while not running.started:
            time.sleep(0.05)
        try:
            client = httpx.Client(base_url=f"http://127.0.0.1:{port}", cookies={cookie_name(TOKEN): TOKEN}, timeout=60)
            client.get("/preview")  # warm: the first render imports the renderer
            edits, disks, floors = [], [], []
            path = folder / "dataset.yaml"
            for run in range(runs):
                label = f"{LABEL} {run}a"
                start = time.perf_counter()
                response = client.post("/api/field", json={"path": ["kinds", 0, "plural", "nl"], "value": label})
                assert response.json()["valid"], response.text
                assert label in client.get("/preview").text
                edits.append(time.perf_counter() - start)

                label = f"{LABEL} {run}b"
                signature = client.get("/api/state").json()["signature"]
                text = path.read_text(encoding="utf-8")
                start = time.perf_counter()
                path.write_text(text.replace(f"{LABEL} {run}a", label), encoding="utf-8")
                while client.get("/api/state").json()["signature"] == signature:
                    time.sleep(0.05)
                assert label in client.get("/preview").text
                disks.append(time.perf_counter() - start)

                start = time.perf_counter()
                render_html(analyse(load_dataset(folder), "nl"))
                floors.append(time.perf_counter() - start)
        finally:
            running.should_exit = True
            thread.join()
            server.close()
    edit, disk, floor = (statistics.median(times) for times in (edits, disks, floors))
    print(f"runs: {runs}, medians")
    print(f"edit in the browser to refreshed preview: {edit:.3f} s (max {max(edits):.3f} s)")
    poll = "+ up to 0.5 s of the page's poll"
    print(f"change on disk to refreshed preview:     {disk:.3f} s (max {max(disks):.3f} s; {poll})")
    print(f"floor, load + analyse + render_html:     {floor:.3f} s; ratio edit/floor {edit / floor:.2f}")


if __name__ == "__main__":
    main()
