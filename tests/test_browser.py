"""The course in a real browser: JupyterLab runs each what-if lesson, and the presenter view works.

What a learner and an instructor see, checked in headless Chromium driven by Playwright:

- **JupyterLab.** A server on a free 127.0.0.1 port serves a throw-away copy of each what-if
  lesson (so nothing here can save over the course's notebooks). For every lesson the test runs
  all cells, checks that no cell shows an error (cells tagged ``raises-exception`` teach through
  errors on purpose) and that every widget renders, then, for every view (a widget output holding
  an ipympl canvas), moves a slider with the keyboard and checks that the chart redraws.
- **The presenter view** (``make present``): the same on the Voila page of ``tools/present.py``,
  with the code hidden.
- **Arabic reads right to left** (tools/course.css). Every lesson is opened in JupyterLab with its
  saved outputs, and the presenter page is loaded; in each, the Arabic-first blocks (paragraphs,
  list items, headings, table cells, output lines) must be laid out right to left, English blocks
  left to right, and code left to right. The definitions and the measurement are in
  ``tests/direction.py``; tests/test_site.py does the same for every page of the static site.

A what-if lesson is a lesson notebook marked ``what_if: true`` in ``notebooks/lessons.yml`` or
whose code uses ``views.``. A failure leaves a screenshot in ``work/screenshots/`` (git-ignored);
``COURSE_SCREENSHOTS=1`` also keeps one of every step (each view before and after its slider
moves, each page), to look the views over by eye.

Skipped, with the reason, when Debian's Chromium is missing (``apt-get install
chromium-headless-shell`` or ``chromium``; CI installs the first in ``.ci/run`` and sets
``COURSE_REQUIRE_BROWSER=1``, which turns the skip into a failure) or before the what-if lessons
and ``counterprop.views`` exist. Playwright never downloads a browser here: it drives the
Chromium ``conftest.chromium_path()`` names (``COURSE_CHROMIUM`` chooses another).

To try the test on other notebooks, e.g. while writing a view::

    COURSE_BROWSER_NOTEBOOKS=work/demo/lesson.ipynb COURSE_VIEWS_MODULE=my_views \\
      PYTHONPATH=work/demo .venv/bin/python -m pytest -m browser tests/test_browser.py
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import NEEDS_CHROMIUM, ROOT, chromium_path, notebooks, read
from direction import add, measure, summary

import lab_style
import lesson_cells
import present

CHROMIUM = chromium_path()
SHOTS = ROOT / "work" / "screenshots"
EVERY_SHOT = bool(os.environ.get("COURSE_SCREENSHOTS"))   # else only failures are photographed
VIEWS_MODULE = os.environ.get("COURSE_VIEWS_MODULE", present.DEFAULT_MODULE)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.long_module,        # one JupyterLab server and one Voila server for the file
    NEEDS_CHROMIUM,
]

# Every wait has a deadline, so a broken page fails the test instead of hanging `make test`.
SERVER_START = 40      # s: JupyterLab answers after about 3 s, Voila after about 2 s
RUN_ALL = 60_000       # ms: a lesson executes in <= 10 s; generous for a loaded CI machine
WAIT = 20_000          # ms: default for every other Playwright wait
REDRAW = 10_000        # ms: a slider move redraws the chart in well under a second
POLL = 50              # ms between two checks of a wait's condition (see wait_for)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
USES_VIEWS = re.compile(r"\bviews\.\w|counterprop\.views|import[^\n]*\bviews\b")


# --- which lessons ---------------------------------------------------------------------------

def what_if_lessons() -> list[Path]:
    """Lesson notebooks marked ``what_if: true`` in lessons.yml or whose code uses ``views.``."""
    override = os.environ.get("COURSE_BROWSER_NOTEBOOKS")
    if override:
        return [Path(p).resolve() for p in override.split(os.pathsep) if p]
    flagged = {lesson["stem"] for lesson in lesson_cells.load_lessons() if lesson.get("what_if")}
    return [
        path for path in notebooks("notebooks")
        if path.stem in flagged or any(
            cell.cell_type == "code" and USES_VIEWS.search(cell.source) for cell in read(path).cells)
    ]


LESSONS = what_if_lessons()
NO_LESSON = pytest.param(None, id="no-what-if-lesson", marks=pytest.mark.skip(
    reason="no what-if lesson yet: lessons 05-07 and 09 (marked what_if: true in notebooks/lessons.yml, "
    "or using counterprop.views) are tested here as soon as they exist"))


# --- servers -----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(command: list[str], log: Path, cwd: Path, env: dict) -> subprocess.Popen:
    """Start a server in the background, its output going to ``log``."""
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def wait_until_up(proc: subprocess.Popen, url: str, log: Path) -> None:
    """Wait until ``url`` answers; stop the server and fail with its log if it does not."""
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:     # it answered, even if with an error status
            return
        except OSError:
            time.sleep(0.2)
    stop(proc)
    pytest.fail(f"{proc.args[2]} did not start within {SERVER_START} s:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server and every process it started (kernels run in their own sessions)."""
    import psutil

    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    proc.terminate()                       # servers shut their kernels down on SIGTERM
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    _, alive = psutil.wait_procs(children, timeout=5)
    for child in alive:
        child.kill()


def isolated_env(home: Path) -> dict:
    """The environment for the servers: the course's Python, no personal Jupyter settings."""
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR",
                 "JUPYTER_RUNTIME_DIR"):
        env[name] = str(home / name.lower())
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing: `make setup`")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def new_page(browser, allowed_origin: str, outside: list):
    """A page that may load only from ``allowed_origin``; anything else is aborted and recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 1300})   # a whole view fits
    page.set_default_timeout(WAIT)

    def route(r):
        url = r.request.url
        if url.startswith((allowed_origin, "data:", "blob:")):
            r.continue_()
        else:
            outside.append((r.request.resource_type, url))
            r.abort()

    page.route("**/*", route)
    return page


def shoot(target, name: str, shots: list[str] | None = None, *, failed: bool = False) -> None:
    """Save a screenshot of a failure, or of a step when ``COURSE_SCREENSHOTS`` is set; the name
    of a step's screenshot is appended to ``shots``."""
    if not (failed or EVERY_SHOT):
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(SHOTS / name))
    if shots is not None:
        shots.append(name)


# An ipympl figure draws the chart on its largest canvas (a second one of the same size, on top,
# holds the zoom rectangle and is transparent); hash its pixels and count the painted pixels that
# are not white ("ink"), so "the chart is drawn" and "the chart changed" are both checkable.
CANVAS_SIGNATURE = """(el) => {
  const canvas = Array.from(el.querySelectorAll('.jupyter-matplotlib canvas'))
    .filter(c => c.width > 0 && c.height > 0)
    .sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!canvas) return null;
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let hash = 0, ink = 0, opaque = 0;
  for (let i = 0; i < d.length; i += 4) {
    hash = (Math.imul(hash, 31) + d[i] * 3 + d[i + 1] * 5 + d[i + 2] * 7 + d[i + 3]) >>> 0;
    if (d[i + 3] > 0) opaque++;
    if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) ink++;
  }
  // A drawn figure paints its whole background; an undrawn canvas is transparent.
  return hash + ':' + (opaque > d.length / 8 ? ink : 0);
}"""


# What the canvases of a view hold, for failure messages ("0x0" = never sized nor drawn).
CANVASES = """(el) => Array.from(el.querySelectorAll('.jupyter-matplotlib canvas')).map(c => {
  if (!c.width || !c.height) return `${c.width}x${c.height}`;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let opaque = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]) opaque++;
  return `${c.width}x${c.height}, ${opaque} opaque pixels`;
})"""


def wait_for(page, expression: str, **options):
    """``page.wait_for_function``, checking the condition every ``POLL`` ms. Playwright's default
    checks it on every animation frame, 60 times a second: FINISHED serialises every output and
    CANVAS_SIGNATURE reads every pixel, so a long wait kept a core of Chromium busy."""
    return page.wait_for_function(expression, polling=POLL, **options)


def signature(view) -> str | None:
    return view.evaluate(CANVAS_SIGNATURE)


def settle(view, seconds: float = 3.0) -> None:
    """Wait until the chart stops changing (each key press may redraw it once)."""
    deadline, last = time.monotonic() + seconds, signature(view)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = signature(view)
        if now == last:
            return
        last = now


def check_views(page, views, prefix: str) -> list[str]:
    """For every view: its chart is drawn, and a keyboard slider move redraws it."""
    shots = []
    for k in range(views.count()):
        view = views.nth(k)
        view.scroll_into_view_if_needed()
        try:
            drawn = (f"(el) => ({CANVAS_SIGNATURE})(el) "
                     f"&& +({CANVAS_SIGNATURE})(el).split(':')[1] > 0")
            wait_for(page, drawn, arg=view.element_handle(), timeout=REDRAW)
        except Exception:  # noqa: BLE001
            shoot(page, f"{prefix}-view{k + 1}-FAILED.png", failed=True)
            pytest.fail(f"{prefix}: the chart of view {k + 1} is not drawn; its canvases: "
                        f"{view.evaluate(CANVASES)}")
        shoot(view, f"{prefix}-view{k + 1}-before.png", shots)
        sliders = view.locator(".widget-slider")
        assert sliders.count() >= 1, f"{prefix}: view {k + 1} has a chart but no slider"
        before = signature(view)
        moved = None
        for s in range(sliders.count()):
            slider = sliders.nth(s)
            readout = slider.locator(".widget-readout").first
            start_value = readout.inner_text()
            handle = slider.locator(".noUi-handle").first
            for key in ("ArrowRight", "ArrowLeft"):       # at the maximum, ArrowRight cannot move
                handle.focus()
                for _ in range(3):
                    page.keyboard.press(key)
                try:
                    wait_for(page, "([el, v]) => el.innerText !== v", timeout=3000,
                             arg=[readout.element_handle(), start_value])
                except Exception:  # noqa: BLE001 - try the other direction, then the next slider
                    continue
                moved = f"slider {s + 1}: {start_value} -> {readout.inner_text()} ({key} x3)"
                break
            if moved:
                break
        assert moved, f"{prefix}: no slider of view {k + 1} moved with the arrow keys"
        try:
            wait_for(page, f"([el, before]) => ({CANVAS_SIGNATURE})(el) !== before",
                     arg=[view.element_handle(), before], timeout=REDRAW)
        except Exception:  # noqa: BLE001
            shoot(page, f"{prefix}-view{k + 1}-FAILED.png", failed=True)
            pytest.fail(f"{prefix}: view {k + 1}: {moved}, but the chart did not change")
        settle(view)
        shoot(view, f"{prefix}-view{k + 1}-after.png", shots)
    return shots


# --- JupyterLab ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser, presenter_server):
    """JupyterLab on a free port, serving a copy of the what-if lessons; yields an open Lab page.

    It asks for ``presenter_server`` only so that Voila boots while the lessons run.
    """
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    (root / "work").mkdir()
    (root / "data").symlink_to(ROOT / "data")   # lessons read data/ through the package anyway
    for path in [*notebooks("notebooks"), *LESSONS]:     # every lesson, for the direction test
        shutil.copy(path, root / "notebooks" / path.name)
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--port-retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True", "--ServerApp.allow_root=True",
    ]
    server = launch(command, root / "lab.log", root, isolated_env(root))
    outside: list = []
    page = None
    try:
        wait_until_up(server, f"{base}/api/status?token={token}", root / "lab.log")
        page = new_page(browser, base, outside)
        page.goto(f"{base}/lab?reset&token={token}")
        wait_for(page, "() => window.jupyterapp && window.jupyterapp.started", timeout=WAIT)
        page.evaluate("() => window.jupyterapp.started")
        page.evaluate("() => { const shell = window.jupyterapp.shell; "
                      "shell.collapseLeft(); shell.collapseRight(); }")    # room for wide views
        yield page, outside
    finally:
        if page is not None:
            page.close()
        stop(server)


OPEN_AND_RUN = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  return panel.id;
}"""

FINISHED = """(id) => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || panel.id !== id) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const done = cells.every(c => c.model.executionCount !== null);
  const stopped = cells.some(c => !(c.model.getMetadata('tags') || []).includes('raises-exception')
    && c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  return done || stopped;
}"""

CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .map((c, i) => [i, c.model]).filter(([i, m]) => m.type === 'code')
  .map(([i, m]) => ({i, tags: m.getMetadata('tags') || [], count: m.executionCount,
                     outputs: m.outputs.toJSON()}))"""

CLOSE = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.sessionContext.shutdown();
  panel.dispose();
}"""


@pytest.mark.parametrize("lesson", LESSONS or [NO_LESSON], ids=lambda p: getattr(p, "stem", p))
def test_what_if_lesson_runs_in_jupyterlab(lab, lesson):
    """Run all cells in JupyterLab: no error, every widget renders, every view's chart redraws."""
    page, outside = lab
    prefix = f"lab-{lesson.stem}"
    started = time.monotonic()
    panel = page.evaluate(OPEN_AND_RUN, f"notebooks/{lesson.name}")
    page.locator(f"#{panel} .jp-Cell").first.click()      # run-all acts on the focused notebook
    page.wait_for_selector(f"#{panel} .jp-Notebook-ExecutionIndicator[data-status=idle]",
                           state="attached")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    wait_for(page, FINISHED, arg=panel, timeout=RUN_ALL)
    ran = time.monotonic() - started
    try:
        cells = page.evaluate(CELLS)
        errors = [
            f"cell {c['i']}: {o.get('ename')}: {o.get('evalue')}"
            for c in cells if "raises-exception" not in c["tags"]
            for o in c["outputs"] if o["output_type"] == "error"
        ]
        assert not errors, f"{lesson.name} shows errors in JupyterLab: {errors}"
        assert all(c["count"] is not None for c in cells), "some cells did not run"

        widgets = sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                      for c in cells for o in c["outputs"])
        notebook = page.locator(f"#{panel}")
        wait_for(page, "(el) => !/Loading widget/.test(el.innerText)",
                 arg=notebook.element_handle())
        assert "Error displaying widget" not in notebook.inner_text(), \
            f"{lesson.name}: a widget failed to render"
        wait_for(
            page, f"() => document.querySelectorAll('#{panel} .jupyter-matplotlib').length > 0")
        views = notebook.locator(".jp-OutputArea-output:has(.jupyter-matplotlib)")
        assert views.count() >= 1, f"{lesson.name} is a what-if lesson but shows no live view"
        assert widgets >= views.count()

        shots = check_views(page, views, prefix)
        views.first.scroll_into_view_if_needed()
        shoot(page, f"{prefix}-page.png", shots)
        assert not outside, f"JupyterLab requested resources outside 127.0.0.1: {outside}"
        print(f"{lesson.name}: ran in {ran:.1f} s; {views.count()} view(s); screenshots {shots}")
    finally:
        page.evaluate(CLOSE)


# --- Arabic right to left in JupyterLab (tools/course.css) -------------------------------------

OPEN = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook',
    kernelPreference: {shouldStart: false, shouldReuse: false}});   // saved outputs need no kernel
  await panel.context.ready;
  await panel.revealed;
  app.shell.activateById(panel.id);
  return panel.id;
}"""

# Every Markdown cell rendered and every saved output on the page.
RENDERED = """(id) => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || panel.id !== id) return false;
  return panel.content.widgets.every(c => {
    if (c.model.type === 'markdown') {
      const md = c.node.querySelector('.jp-RenderedMarkdown');
      return !c.model.sharedModel.getSource().trim() || (c.rendered && md && md.childElementCount > 0);
    }
    if (c.model.type === 'code') return c.outputArea.widgets.length === c.model.outputs.length;
    return true;
  });
}"""

# Every image of the panel decoded (or 5 s gone by), then two animation frames: the layout the
# reader sees.
SETTLED = """async (id) => {
  const images = [...document.querySelectorAll(`#${id} img`)];
  const decoded = Promise.all(images.map((img) => img.decode().catch(() => null)));
  await Promise.race([decoded, new Promise((done) => setTimeout(done, 5000))]);
  for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(done));
}"""

# Where the screenshots look: an Arabic output line and a DataFrame with Arabic cells.
SHOW = {"00-welcome": "td:text-is('داعش')", "01-the-raw-article": "pre:has-text('ديسمبر2016.')",
        "08-strategy-lab": "pre:has-text('The current situation')"}


def test_arabic_reads_right_to_left_in_jupyterlab(lab):
    """Every lesson, saved outputs: Arabic-first blocks right to left, English and code left to right."""
    page, outside = lab
    stale = lab_style.problems()
    assert not stale, f"JupyterLab will not load the course stylesheet: {stale}; run `make setup`"
    total: dict = {}
    per_lesson = {}
    for lesson in notebooks("notebooks"):
        panel = page.evaluate(OPEN, f"notebooks/{lesson.name}")
        try:
            wait_for(page, RENDERED, arg=panel, timeout=RUN_ALL)
            page.evaluate(SETTLED, panel)                   # images decoded, layout done
            counts = measure(page, f"#{panel}")
            assert counts["stylesheet"] == "loaded", "tools/course.css did not reach JupyterLab's page"
            per_lesson[lesson.stem] = counts["arabic_rtl"] + counts["arabic_ltr"]
            add(total, counts)
            if lesson.stem in SHOW:
                target = page.locator(f"#{panel} {SHOW[lesson.stem]}").first
                target.scroll_into_view_if_needed()
                shoot(page, f"rtl-lab-{lesson.stem}.png")
        finally:
            page.evaluate(CLOSE)
    print(f"JupyterLab, {len(per_lesson)} lessons: {summary(total)}; Arabic-first blocks per lesson {per_lesson}")
    assert total["arabic_rtl"] > 0, "no Arabic-first block found: the measurement is not looking at the lessons"
    assert total["latin_ltr"] > 0 and total["code_ltr"] > 0
    assert total["unmeasured"] <= total["arabic_rtl"] // 20, f"too many blocks could not be measured: {summary(total)}"
    wrong = total["arabic_ltr"] + total["latin_rtl"] + total["code_rtl"] + total["code_cell_rtl"]
    assert wrong == 0, f"JupyterLab lays text out the wrong way: {summary(total)}; e.g. {total['wrong']}"
    assert not outside, f"JupyterLab requested resources outside 127.0.0.1: {outside}"


# --- the presenter view (make present) ---------------------------------------------------------

@pytest.fixture(scope="module")
def presenter_server(tmp_path_factory):
    """Voila serving the page of ``make present`` on a free port, started in the background.

    Yields ``(server, base URL, log, number of views)``, or the reason there is nothing to present.
    """
    folder = tmp_path_factory.mktemp("present")
    try:
        page_file = present.build(folder, VIEWS_MODULE)
    except present.NoViews as reason:
        yield f"presenter view not tested yet: {reason}"
        return
    port = free_port()
    log = folder / "voila.log"
    server = launch(present.voila_command(page_file, port), log, folder,
                    present.voila_env(page_file, isolated_env(folder)))
    try:
        yield server, f"http://127.0.0.1:{port}", log, len(present.registry(VIEWS_MODULE))
    finally:
        stop(server)


@pytest.fixture(scope="module")
def presenter(presenter_server, browser):
    """The presenter page, open in Chromium; yields (page, requests outside, number of views)."""
    if isinstance(presenter_server, str):
        pytest.skip(presenter_server)
    server, base, log, count = presenter_server
    # Voila runs the notebook on each page request, so probe a path that is not the page.
    wait_until_up(server, f"{base}/api/status", log)
    outside: list = []
    page = new_page(browser, base, outside)
    try:
        page.goto(f"{base}/", timeout=RUN_ALL)
        yield page, outside, count
    finally:
        page.close()


# Every view's live canvas is on the presenter page (``count`` views).
VIEWS_LIVE = "(count) => document.querySelectorAll('.jupyter-matplotlib').length >= count"


def test_presenter_view_serves_live_views_with_code_hidden(presenter):
    """`make present`: every view of VIEWS is live, code is hidden, no error, no remote script."""
    page, outside, count = presenter
    wait_for(page, VIEWS_LIVE, arg=count, timeout=RUN_ALL)
    text = page.locator("body").inner_text()
    assert "def show" not in text and page.locator(".jp-InputArea-editor:visible").count() == 0, \
        "the presenter view shows code"
    for marker in ("Traceback", "Error displaying widget", "There was an error when executing"):
        assert marker not in text, f"the presenter view shows an error: {marker}"
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0, \
        "the presenter view shows warnings or errors"
    views = page.locator(".jp-OutputArea-output:has(.jupyter-matplotlib)")
    assert views.count() == count, f"{count} views in VIEWS, {views.count()} on the page"
    shots = check_views(page, views, "present")
    page.locator("h1").first.scroll_into_view_if_needed()
    shoot(page, "present-page.png", shots)
    # Voila links two Font Awesome stylesheets from a CDN (chart toolbar icons); nothing else
    # may come from outside, and never a script.
    scripts = [(kind, url) for kind, url in outside if kind not in ("stylesheet", "font")]
    assert not scripts, f"the presenter view needs resources from outside 127.0.0.1: {scripts}"
    print(f"presenter: {count} view(s); screenshots {shots}; blocked outside requests {outside}")


# Samples placed into the presenter's own Markdown and output containers, because its views carry
# no Arabic text yet: the article's claim c09 as a sentence, a table cell and an output line,
# each beside its English. Together with the blocks already on the page they must resolve the
# right way; without the course stylesheet the three Arabic samples are laid out left to right.
SAMPLES = """() => {
  const ar = 'وحذف235 ألف حساب اضافي في ديسمبر2016.';
  const en = '...and deleted 235,000 additional accounts in December 2016.';
  const markdown = document.querySelector('.jp-RenderedMarkdown');
  const output = document.querySelector('.jp-OutputArea');
  if (!markdown || !output) return 0;
  const md = document.createElement('div');
  md.setAttribute('data-course-sample', '');
  md.innerHTML = `<p>${ar}</p><p>${en}</p><table><tbody><tr><td>${ar}</td><td>${en}</td></tr></tbody></table>`;
  markdown.appendChild(md);
  const child = document.createElement('div');        // the shape of a print() output
  child.className = 'jp-OutputArea-child';
  child.setAttribute('data-course-sample', '');
  child.innerHTML = '<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>'
    + '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stdout"><pre></pre></div>';
  child.querySelector('pre').textContent = ar + '\\n' + en + '\\n';
  output.appendChild(child);
  return 3;
}"""


def test_presenter_reads_arabic_right_to_left(presenter):
    """The presenter page carries the course stylesheet, and Arabic on it reads right to left."""
    page, outside, count = presenter
    wait_for(page, VIEWS_LIVE, arg=count, timeout=RUN_ALL)
    shown = measure(page)
    assert shown["stylesheet"] == "loaded", "tools/course.css did not reach the presenter page"
    samples = page.evaluate(SAMPLES)
    assert samples == 3, "the presenter page has no Markdown or output area to check"
    try:
        counts = measure(page)
        page.locator("[data-course-sample]").first.scroll_into_view_if_needed()
        shoot(page, "rtl-present.png")
    finally:
        page.evaluate("() => document.querySelectorAll('[data-course-sample]').forEach(e => e.remove())")
    print(f"presenter: on the page {summary(shown)}; with {samples} Arabic samples {summary(counts)}")
    assert counts["arabic_rtl"] == shown["arabic_rtl"] + samples and counts["arabic_ltr"] == 0, summary(counts)
    assert counts["latin_rtl"] == 0 and counts["code_rtl"] == 0, f"{summary(counts)}; e.g. {counts['wrong']}"
    assert counts["latin_ltr"] >= shown["latin_ltr"] + 3
