#!/usr/bin/env python3
"""Build the course as a static website that opens from disk, offline (``make site``).

The site holds the whole course, in course order: the front page (README.md), every lesson,
exercise notebook and worked solution with their saved outputs, the instructor guide and the
other pages of ``docs/``, the glossary (from ``data/glossary.csv``) and the data notes. It is
built with Jupyter Book 1 (Sphinx + myst-nb) from the committed outputs: nothing is executed,
so it takes seconds and shows exactly what ``make execute`` saved.

Offline by design:

- **No remote scripts.** The widget manager, require.js and Thebe, which Jupyter Book would load
  from CDNs, are switched off (``nb_ipywidgets_js``, ``launch_buttons``); ``$…$`` maths
  parsing is off too, so no page needs MathJax from a CDN. ``tests/test_site.py`` checks that
  no page references a remote script or stylesheet, and that a lesson opened from disk in
  Chromium requests nothing outside the file system.
- **Arabic reads right to left.** The course stylesheet, tools/course.css, goes into the site's
  ``_static/`` folder, which Jupyter Book links from every page.
- **Widgets appear as their static image.** A live view cannot run without a kernel; each
  view also saves a PNG of its default state, which the site shows. The widget's text stand-in
  (``VBox(children=…)``) becomes a one-line note saying where the view runs.

Usage::

    python tools/build_site.py               # writes site/ (git-ignored); open site/index.html
    python tools/build_site.py --out ../course-site  # somewhere else
"""

from __future__ import annotations

import argparse
import csv
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import lesson_cells  # noqa: E402

SITE = ROOT / "site"
STYLESHEET = ROOT / "tools" / "course.css"       # Arabic right to left, English and code left to right
TITLE = "Counter-Propaganda Analytics"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KINDS = (("notebooks", "Lessons"), ("exercises", "Exercises"), ("solutions", "Worked solutions"))


# --- widgets: keep the static image, drop the live part ----------------------------------------

def _widget_class_names() -> frozenset[str]:
    """ipywidgets' and ipympl's widget classes, and the course's view classes (counterprop.views)."""
    import ipywidgets

    names = {"Canvas", "Toolbar"}                                  # ipympl's figure widgets
    stack: list[type] = [ipywidgets.Widget]
    try:
        from counterprop import views
    except ImportError:                                            # before the views exist
        pass
    else:
        stack += [v if isinstance(v, type) else type(v) for v in getattr(views, "VIEWS", {}).values()]
    while stack:
        cls = stack.pop()
        names.add(cls.__name__)
        stack.extend(cls.__subclasses__())
    return frozenset(names)


_WIDGET_REPR: re.Pattern | None = None


def is_widget_output(output: dict) -> bool:
    """True for an output that is a live widget (or the text stand-in of one saved without state).

    ``tools/execute.py`` drops the widget view (it cannot render without saved state) and keeps
    its text form, e.g. ``VBox(children=(FloatSlider(value=0.5, …), Canvas(…)))``.
    """
    global _WIDGET_REPR
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        return True
    if set(data) != {"text/plain"}:
        return False
    if _WIDGET_REPR is None:
        names = "|".join(sorted(map(re.escape, _widget_class_names()), key=len, reverse=True))
        _WIDGET_REPR = re.compile(rf"^(?:(?:{names})\(|\w+\((?:children|layout)=)")
    text = data["text/plain"]
    return bool(_WIDGET_REPR.match(text if isinstance(text, str) else "".join(text)))


LIVE_VIEW_NOTE = (
    '<p class="live-view-note"><em>Interactive view: open this notebook in JupyterLab '
    "(<code>make lab</code>) to move its sliders. This page shows its default state as an "
    "image.</em></p>"
)


def static_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as the site shows it: no live widgets, no widget state, links into the site.

    A widget output becomes a one-line note saying where the view runs; the view's static
    image, a separate output, stays.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            outputs = []
            for output in cell.get("outputs", []):
                if is_widget_output(output):
                    output = nbformat.v4.new_output("display_data", data={"text/html": LIVE_VIEW_NOTE})
                outputs.append(output)
            cell.outputs = outputs
        elif cell.cell_type == "markdown":
            cell.source = _site_links(cell.source)
    return nb


def _site_links(text: str) -> str:
    """README.md is the site's front page, index.md."""
    return re.sub(r"\]\(((?:\.\./)*)README\.md", r"](\1index.md", text)


# --- the pages ---------------------------------------------------------------------------------

def glossary_page() -> str:
    """docs/glossary.md, generated from data/glossary.csv when the course does not ship one."""
    with (ROOT / "data" / "glossary.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    lessons = {int(lesson["number"]): lesson for lesson in lesson_cells.load_lessons()}

    def cell(text: str) -> str:
        return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")

    lines = [
        "# Glossary",
        "",
        "Every Arabic term the lessons rely on, with its transliteration, an English gloss and what "
        "it means in the course. The table is `data/glossary.csv`.",
        "",
        "| Arabic | Transliteration | English | Meaning | First met in |",
        "|---|---|---|---|---|",
    ]
    for row in sorted(rows, key=lambda r: (int(r["first_lesson"] or 0), r["transliteration"].lower())):
        number = int(row["first_lesson"] or 0)
        lesson = lessons.get(number)
        first = cell(f"{lesson['number']} {lesson['title']}") if lesson else cell(row["first_lesson"])
        if lesson and (ROOT / "notebooks" / f"{lesson['stem']}.ipynb").exists():
            first = f"[{first}](../notebooks/{lesson['stem']}.ipynb)"
        lines.append(
            f'| <span lang="ar">{cell(row["term_ar"])}</span> | *{cell(row["transliteration"])}* '
            f"| {cell(row['english'])} | {cell(row['meaning'])} | {first} |"
        )
    return "\n".join(lines) + "\n"


def stage(src: Path) -> dict:
    """Copy the course's pages into ``src`` and return the table of contents."""
    (src / "_static").mkdir()                      # Jupyter Book links every stylesheet here
    shutil.copy(STYLESHEET, src / "_static" / STYLESHEET.name)
    shutil.copy(ROOT / "README.md", src / "index.md")
    index = src / "index.md"
    index.write_text(_site_links(index.read_text(encoding="utf-8")), encoding="utf-8")
    parts = []
    lessons = lesson_cells.load_lessons()
    for folder, caption in KINDS:
        (src / folder).mkdir()
        chapters = []
        for lesson in lessons:
            path = ROOT / folder / f"{lesson['stem']}.ipynb"
            if path.exists():
                nb = static_notebook(nbformat.read(path, as_version=4))
                nbformat.write(nb, src / folder / path.name)
                chapters.append({"file": f"{folder}/{lesson['stem']}"})
        if chapters:
            parts.append({"caption": caption, "chapters": chapters})

    (src / "docs").mkdir()
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = _site_links(page.read_text(encoding="utf-8"))
        (src / "docs" / page.name).write_text(text, encoding="utf-8")
    if not (src / "docs" / "glossary.md").exists():
        (src / "docs" / "glossary.md").write_text(glossary_page(), encoding="utf-8")
    if (src / "docs" / "instructor-guide.md").exists():
        parts.append({"caption": "For instructors", "chapters": [{"file": "docs/instructor-guide"}]})
    guides = [{"file": f"docs/{page.stem}"} for page in sorted((src / "docs").glob("*.md"))
              if page.stem not in {"instructor-guide", "glossary"}]
    if guides:
        parts.append({"caption": "Guides", "chapters": guides})
    reference = [{"file": "docs/glossary"}]
    if (ROOT / "data" / "README.md").exists():
        (src / "data").mkdir()
        shutil.copy(ROOT / "data" / "README.md", src / "data" / "README.md")
        reference.append({"file": "data/README"})
    parts.append({"caption": "Reference", "chapters": reference})
    return {"format": "jb-book", "root": "index", "parts": parts}


CONFIG = {
    "title": TITLE,
    "author": "the course authors",
    "copyright": "",
    "only_build_toc_files": True,
    "execute": {"execute_notebooks": "off"},       # the saved outputs, exactly as committed
    "parse": {
        # No dollarmath/amsmath: a page with maths would need MathJax from a CDN.
        "myst_enable_extensions": ["colon_fence", "deflist", "html_image", "substitution"],
    },
    "html": {
        "use_repository_button": False,
        "use_issues_button": False,
        "use_edit_page_button": False,
        "use_multitoc_numbering": False,
        "home_page_in_navbar": True,
        "extra_footer": "Course text and code: MIT. Course tables: CC BY 4.0. Built for reading offline.",
    },
    "launch_buttons": {                             # no Binder/Colab/Thebe buttons: no kernels here
        "notebook_interface": "classic",
        "binderhub_url": "",
        "jupyterhub_url": "",
        "colab_url": "",
        "thebe": False,
    },
    "sphinx": {
        "config": {
            "nb_ipywidgets_js": {},                # no widget manager or require.js from a CDN
            "myst_heading_anchors": 3,             # [Course map](index.md#course-map) links work
            "html_show_copyright": False,
            "html_last_updated_fmt": None,
            # Exercise headings are H3 under the lesson's H1 (by design); tracebacks that
            # teach through errors do not always lex as Python.
            "suppress_warnings": ["mystnb.unknown_mime_type", "myst.header", "misc.highlighting_failure"],
        },
    },
}


# Jupyter Book's own builder (what `jupyter-book build` runs), in a separate process because it
# patches docutils globals.
SPHINX = """\
import sys
from pathlib import Path
from jupyter_book.sphinx import build_sphinx
src = Path(sys.argv[1])
sys.exit(build_sphinx(src, sys.argv[2], noconfig=True, path_config=str(src / "_config.yml"),
                      confoverrides={"external_toc_path": str(src / "_toc.yml"), "latex_individualpages": False},
                      builder="html", keep_going=True))
"""


def build(out: Path = SITE, quiet: bool = True) -> Path:
    """Build the site into ``out`` (replaced) and return the path of its index page."""
    with tempfile.TemporaryDirectory(prefix="course-site-") as tmp:
        src = Path(tmp) / "book"
        src.mkdir()
        toc = stage(src)
        (src / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
        (src / "_config.yml").write_text(yaml.safe_dump(CONFIG, sort_keys=False, allow_unicode=True), encoding="utf-8")
        built = Path(tmp) / "out" / "html"
        command = [sys.executable, "-c", SPHINX, str(src), str(built)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600,
                                env={**os.environ, "NO_COLOR": "1"})
        if result.returncode != 0 or not (built / "index.html").exists():
            raise RuntimeError(f"jupyter-book build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
        warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
        if warnings and not quiet:
            print(f"{len(warnings)} warning(s) from Sphinx:")
            print("\n".join(f"  {w.replace(str(src) + '/', '')}" for w in warnings))
        for junk in (".buildinfo", ".doctrees", "_sources/.doctrees"):
            target = built / junk
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(built, out)
    return out / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SITE, help="output folder (default: site/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    index = build(args.out.resolve(), quiet=False)
    pages = len(list(index.parent.rglob("*.html")))
    shown = index.relative_to(ROOT) if index.is_relative_to(ROOT) else index
    print(f"Built {pages} pages in {time.perf_counter() - started:.1f} s. Open {shown} in a browser "
          "(no server or network needed).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
