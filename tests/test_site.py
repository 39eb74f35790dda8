"""The static site (``make site``): the whole course, readable from disk with no network, with
Arabic laid out right to left (tools/course.css; definitions and measurement in tests/direction.py).

The site is built once per test run (about 10-20 s) into a temporary folder, never over site/.
``COURSE_SCREENSHOTS=1`` keeps screenshots of a few pages in ``work/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import csv
import html
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import build_site
import lesson_cells
import nbformat
import pytest
from conftest import NEEDS_CHROMIUM, ROOT, chromium_path
from direction import add, measure, summary

pytestmark = pytest.mark.long_module  # the site is built once, for the whole file

CHROMIUM = chromium_path()
SHOTS = ROOT / "work" / "screenshots"
EVERY_SHOT = bool(os.environ.get("COURSE_SCREENSHOTS"))
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)     # http://, https://, //cdn…


class Page(HTMLParser):
    """The resources and links of one HTML page."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []      # <script src>
        self.styles: list[str] = []       # <link href> of stylesheets, preloads and icons
        self.images: list[str] = []       # <img src>
        self.links: list[str] = []        # <a href>
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "link" and a.get("href") and {"stylesheet", "preload", "icon", "modulepreload"} & set(
                (a.get("rel") or "").split()):
            self.styles.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.images.append(a["src"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site.build(out)
    return out


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Headless Chromium, started once for the tests of this file that need it."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def offline_page(browser: Any) -> Iterator[Any]:
    """A new page (in a fresh browser context) that can load only from disk: any other request
    is aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.route(re.compile(r"^(?!file:|data:|blob:)"), lambda route: route.abort())
        yield page
    finally:
        context.close()


def pages(site: Path) -> list[Path]:
    """Every page of the site (``_static/`` holds the theme's template snippets, not pages)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def course_files(folder: str) -> list[str]:
    """Stems of the course's notebooks in ``folder``, in course order."""
    return [lesson["stem"] for lesson in lesson_cells.load_lessons()
            if (ROOT / folder / f"{lesson['stem']}.ipynb").exists()]


# --- fast checks of the widget handling (no build needed) ---------------------------------------

@pytest.mark.parametrize("text", [
    "VBox(children=(FloatSlider(value=0.5, description='share removed', max=1.0), Canvas(toolbar=…",
    "IntSlider(value=3, description='factor', max=10, min=1)",
    "Canvas(toolbar=Toolbar(toolitems=[('Home', 'Reset original view', 'home', 'home'), …",
    "HBox(children=(HTML(value='<b>What-if I</b>'), …",
    "MyPanel(children=(IntSlider(value=3),), layout=Layout(width='50%'))",
])
def test_widget_stand_ins_are_recognised(text):
    assert build_site.is_widget_output({"output_type": "execute_result", "data": {"text/plain": text}})


@pytest.mark.parametrize("text", [
    "Check(name='pandas', ok=True, detail='3.1.1')",
    "   source_id  year\n0  ahram_2017  2017",
    "<Figure size 640x480 with 1 Axes>",
    "Label the bars(value)",
])
def test_ordinary_outputs_are_kept(text):
    assert not build_site.is_widget_output({"output_type": "execute_result", "data": {"text/plain": text}})


def test_the_course_views_are_recognised_by_their_repr():
    views = pytest.importorskip("counterprop.views", reason="counterprop.views does not exist yet")
    for cls in views.VIEWS.values():
        if isinstance(cls, type):
            text = f"{cls.__name__}(3 sliders: a, b, c; all at their defaults)"
            assert build_site.is_widget_output({"data": {"text/plain": text}}), cls.__name__


def test_a_view_keeps_its_static_image_and_loses_its_live_part():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("view", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/plain": "VBox(children=(IntSlider(value=3),))"}, execution_count=1)]),
        nbformat.v4.new_code_cell("view.static", outputs=[nbformat.v4.new_output(
            "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<IPython.core.display.Image object>"})]),
        nbformat.v4.new_markdown_cell("[Course map](../README.md#course-map)"),
    ])
    shown = build_site.static_notebook(nb)
    assert shown.cells[0].outputs[0]["data"] == {"text/html": build_site.LIVE_VIEW_NOTE}
    assert "image/png" in shown.cells[1].outputs[0]["data"]
    assert shown.cells[2].source == "[Course map](../index.md#course-map)"


# --- the built site -------------------------------------------------------------------------------

def test_index_links_every_lesson_exercise_and_solution(site):
    index = Page(site / "index.html")
    targets = {urlsplit(link).path for link in index.links}
    for folder in ("notebooks", "exercises", "solutions"):
        for stem in course_files(folder):
            assert (site / folder / f"{stem}.html").exists(), f"no page for {folder}/{stem}.ipynb"
            assert f"{folder}/{stem}.html" in targets, f"index.html does not link {folder}/{stem}"


def test_instructor_guide_glossary_and_data_notes_are_pages(site):
    assert (site / "docs" / "instructor-guide.html").exists()
    assert (site / "data" / "README.html").exists()
    glossary = (site / "docs" / "glossary.html").read_text(encoding="utf-8")
    with (ROOT / "data" / "glossary.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            assert row["term_ar"] in glossary, f"{row['term_ar']} is missing from the glossary page"


def test_no_page_references_a_remote_script_stylesheet_or_image(site):
    remote = []
    for path in pages(site):
        page = Page(path)
        remote += [(path.relative_to(site).as_posix(), url)
                   for url in page.scripts + page.styles + page.images if REMOTE.match(url)]
    for path in site.rglob("*.css"):
        for url in re.findall(r"""(?:@import\s+|url\()\s*['"]?((?:https?:)?//[^'")\s]+)""", path.read_text(errors="replace")):
            remote.append((path.relative_to(site).as_posix(), url))
    assert not remote, f"pages need resources from the network: {remote[:10]}"


def test_every_local_link_and_image_resolves(site):
    broken = []
    for path in pages(site):
        page = Page(path)
        for url in page.scripts + page.styles + page.images + page.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "#", "mailto:")) or not parts.path:
                continue
            if not (path.parent / unquote(parts.path)).exists():
                broken.append((path.relative_to(site).as_posix(), url))
    assert not broken, f"broken local links: {broken[:10]}"


def test_widgets_appear_as_their_static_image(site):
    for folder in ("notebooks", "solutions"):
        for stem in course_files(folder):
            nb = nbformat.read(ROOT / folder / f"{stem}.ipynb", as_version=4)
            outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
            html_text = (site / folder / f"{stem}.html").read_text(encoding="utf-8")
            assert "Loading widget" not in html_text and "Error displaying widget" not in html_text
            for output in filter(build_site.is_widget_output, outputs):
                stand_in = "".join(output["data"].get("text/plain", ""))
                assert stand_in[:40] not in html_text and html.escape(stand_in[:40]) not in html_text, \
                    f"{folder}/{stem}.html shows a widget's text stand-in instead of its image"
                assert "Interactive view: open this notebook in JupyterLab" in html_text
            images = sum(any(k in o.get("data", {}) for k in ("image/png", "image/svg+xml")) for o in outputs)
            assert len(Page(site / folder / f"{stem}.html").images) >= images


@pytest.mark.browser
@NEEDS_CHROMIUM
def test_pages_opened_from_disk_request_nothing_outside_the_file_system(site, chromium):
    lessons = course_files("notebooks")
    opened = ["index.html"] + [f"notebooks/{stem}.html" for stem in lessons[-2:]] + ["docs/glossary.html"]
    requests: list[str] = []
    with offline_page(chromium) as page:
        page.on("request", lambda r: requests.append(r.url))
        for name in opened:
            page.goto((site / name).as_uri(), wait_until="load")
            assert page.locator("h1").count() >= 1, f"{name} has no title"
            broken = page.evaluate(
                "() => Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
            assert not broken, f"{name}: images that did not load: {broken}"
            if name.startswith("notebooks/"):
                if page.locator("img").count():
                    page.locator("img").first.scroll_into_view_if_needed()
                if EVERY_SHOT:
                    SHOTS.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(SHOTS / f"site-{Path(name).stem}.png"))
    outside = [url for url in requests if not url.startswith(("file:", "data:", "blob:"))]
    assert not outside, f"the site requested: {outside}"


def test_the_site_ships_the_course_stylesheet(site):
    assert (site / "_static" / "course.css").read_bytes() == build_site.STYLESHEET.read_bytes()
    for path in pages(site):
        styles = [urlsplit(url).path for url in Page(path).styles]
        assert any(url.endswith("_static/course.css") for url in styles), \
            f"{path.relative_to(site)} does not link the course stylesheet"


@pytest.mark.browser
@NEEDS_CHROMIUM
def test_arabic_reads_right_to_left_on_every_page(site, chromium):
    """Every page: Arabic-first blocks right to left, English blocks and code left to right."""
    total: dict = {}
    per_page = {}
    with offline_page(chromium) as page:
        for path in pages(site):
            page.goto(path.as_uri(), wait_until="load")
            counts = measure(page)
            name = path.relative_to(site).as_posix()
            assert counts["stylesheet"] == "loaded", f"{name}: the course stylesheet is not applied"
            if counts["arabic_rtl"] + counts["arabic_ltr"]:
                per_page[name] = counts["arabic_rtl"] + counts["arabic_ltr"]
            add(total, counts)
            if name == "notebooks/01-the-raw-article.html":
                page.locator("pre:has-text('ديسمبر2016.')").first.scroll_into_view_if_needed()
                if EVERY_SHOT:
                    SHOTS.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(SHOTS / "rtl-site-01-the-raw-article.png"))
    print(f"site, {len(pages(site))} pages: {summary(total)}; Arabic-first blocks per page {per_page}")
    assert total["arabic_rtl"] > 0 and "docs/glossary.html" in per_page, \
        "no Arabic-first block found: the measurement is not looking at the pages"
    assert total["unmeasured"] <= total["arabic_rtl"] // 20, f"too many blocks could not be measured: {summary(total)}"
    wrong = total["arabic_ltr"] + total["latin_rtl"] + total["code_rtl"]
    assert wrong == 0, f"the site lays text out the wrong way: {summary(total)}; e.g. {total['wrong']}"
