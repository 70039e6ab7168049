"""What lets ``sebrief build`` lay a brief out sooner, with the same bytes: the charts drawn after the
HTML and named in it by URL, a layout process that imports only WeasyPrint, and the cycle collector's
full collections spaced out while WeasyPrint works.

That the PDF itself does not change is checked end to end by
``test_build.py::test_one_dataset_on_two_cores_gives_the_same_bytes`` (slow).
"""

from __future__ import annotations

import base64
import gc
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sebrief.pipeline import Prepared, prepare
from sebrief.render import CHART_SCHEME
from sebrief.render.pdf import charts as charts_module
from sebrief.render.pdf.charts import DeferredCharts
from sebrief.render.pdf.html import html_for
from sebrief.resources import bundled_dataset, templates_dir

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"
DATASETS = [bundled_dataset(), *sorted(path for path in FIXTURES.iterdir() if path.is_dir())]
DATA_URI = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")


@pytest.fixture(scope="module", params=DATASETS, ids=lambda path: path.name)
def prepared(request: pytest.FixtureRequest) -> Prepared:
    return prepare(request.param, attach=False)


def test_deferred_charts_are_named_by_url_where_the_html_holds_them_inline(
    prepared: Prepared, monkeypatch: pytest.MonkeyPatch
) -> None:
    inline = html_for(prepared.brief)
    drawn: list[bytes] = []
    draw = charts_module.svg

    def counted(figure: object) -> bytes:
        drawn.append(draw(figure))  # type: ignore[arg-type]
        return drawn[-1]

    monkeypatch.setattr(charts_module, "svg", counted)
    charts = DeferredCharts()
    deferred = html_for(prepared.brief, deferred_charts=charts)
    assert drawn == []  # named, not drawn
    svgs = charts.draw()
    assert list(svgs) == [f"{CHART_SCHEME}:{index}" for index in range(len(svgs))]
    assert list(svgs.values()) == drawn
    # The same HTML, each URL where the data: URI of the same drawing was.
    assert [base64.b64decode(payload) for payload in DATA_URI.findall(inline)] == drawn
    urls = iter(svgs)
    assert DATA_URI.sub(lambda _: next(urls), inline) == deferred
    assert "data:image/svg+xml" not in deferred


def test_the_bundled_brief_has_charts_to_defer() -> None:
    charts = DeferredCharts()
    html_for(prepare(bundled_dataset(), attach=False).brief, deferred_charts=charts)
    assert len(charts.drawings) == 2  # the beneficiaries' bars and the timeline


def test_the_fetcher_waits_for_the_charts_only_when_one_is_asked_for() -> None:
    from sebrief.render.pdf.fetcher import ResourceRefused, TemplateFetcher

    asked: list[int] = []

    def arriving() -> dict[str, bytes]:
        asked.append(1)
        return {f"{CHART_SCHEME}:0": b"<svg/>"}

    fetcher = TemplateFetcher([templates_dir()], charts=arriving)
    assert fetcher.fetch("data:text/plain;base64,aGFsbG8=").read() == b"hallo"
    assert asked == []
    response = fetcher.fetch(f"{CHART_SCHEME}:0")
    assert response.content_type == "image/svg+xml" and response.read() == b"<svg/>"
    assert asked == [1]
    with pytest.raises(ResourceRefused):  # without charts coming, the URL is nothing a brief may read
        TemplateFetcher([templates_dir()]).fetch(f"{CHART_SCHEME}:0")


def imported(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_the_layout_imports_neither_jinja_nor_matplotlib() -> None:
    code = (
        "import sys\nimport sebrief.render.pdf.document\n"
        "print(sorted(m for m in ('jinja2', 'matplotlib', 'babel') if m in sys.modules))"
    )
    assert imported(code) == "[]"


def test_the_html_is_made_without_matplotlib_until_its_charts_are_drawn() -> None:
    code = (
        "import sys\nfrom sebrief.pipeline import analysed\nfrom sebrief.render.pdf.charts import DeferredCharts\n"
        "from sebrief.render.pdf.html import html_for\nfrom sebrief.resources import bundled_dataset\n"
        "prepared, _ = analysed(bundled_dataset())\ncharts = DeferredCharts()\n"
        "html_for(prepared.brief, deferred_charts=charts)\nbefore = 'matplotlib' in sys.modules\ncharts.draw()\n"
        "print(before, 'matplotlib' in sys.modules)"
    )
    assert imported(code) == "False True"


def test_the_collector_is_spaced_out_while_a_brief_is_laid_out_and_then_put_back() -> None:
    from sebrief.render.pdf.document import LAYOUT_FULL_COLLECTIONS, fewer_collections

    before = gc.get_threshold()
    with fewer_collections():
        during = gc.get_threshold()
        with fewer_collections():
            assert gc.get_threshold() == during
        assert gc.get_threshold() == during  # the inner one ending does not put them back yet
    assert during == (*before[:2], max(before[2], LAYOUT_FULL_COLLECTIONS))
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the layout failed")
    assert gc.get_threshold() == before
