"""The only way a brief's HTML reaches a resource: files of the template folders, data: URIs and
the brief's own attachments and charts (held in memory).

Everything else (http, ftp, a file elsewhere on disk, a path that climbs out with ``..`` or a
symbolic link) is refused with an ordinary exception, which WeasyPrint logs and skips: the
resource is simply left out, rendering goes on, and nothing outside the templates is read.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from sebrief.render import CHART_SCHEME


class ResourceRefused(ValueError):
    """A URL outside what a brief may read; WeasyPrint skips the resource."""


class TemplateFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Serves files from ``folders`` (searched in order, like the template loader) and data: URIs.

    A relative URL resolves against the first folder (the base URL); when the file is not there,
    the same relative path is looked up in the next folders, so a user's template folder can
    override a built-in asset and fall back to the others.
    """

    def __init__(
        self,
        folders: Sequence[Path],
        files: Mapping[str, tuple[bytes, str]] | None = None,
        charts: Callable[[], Mapping[str, bytes]] | None = None,
    ) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=False)
        self.folders = tuple(Path(os.path.abspath(folder)) for folder in folders)
        self.files = dict(files or {})  # in-memory files by URL (the attachments): bytes and media type
        # The charts drawn after the HTML (``sebrief-chart:N`` -> SVG): waited for when first asked.
        self.charts = charts

    @property
    def base_url(self) -> str:
        return self.folders[0].as_uri() + "/"

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        if url in self.files:
            data, media_type = self.files[url]
            return URLFetcherResponse(url, data, {"Content-Type": media_type})
        scheme = url.split(":", 1)[0].lower()
        if scheme == CHART_SCHEME and self.charts is not None:
            return URLFetcherResponse(url, self.charts()[url], {"Content-Type": "image/svg+xml"})
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise ResourceRefused(f"refused {url!r}: a brief fetches nothing from the network")
        path = self.template_file(url)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})

    def template_file(self, url: str) -> Path:
        """The file a file: URL names, if it lies inside one of the template folders."""
        requested = Path(os.path.normpath(url2pathname(urlsplit(url).path)))
        relative = next((requested.relative_to(f) for f in self.folders if requested.is_relative_to(f)), None)
        if relative is None:
            raise ResourceRefused(f"refused {url!r}: only files inside the template folders are read")
        for folder in self.folders:
            candidate = (folder / relative).resolve()
            if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
                return candidate
        raise ResourceRefused(f"refused {url!r}: no such file in the template folders")
