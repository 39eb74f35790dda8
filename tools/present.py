#!/usr/bin/env python3
"""Serve the course's what-if views for projecting in class (``make present``).

The what-if lessons (05-07 and 09) build their views in ``counterprop.views``, which lists them in
a module-level registry ``VIEWS``. This script writes one page holding every view of the
registry, ``work/present/what-if-views.ipynb`` (``work/`` is git-ignored), and serves it with
Voila on 127.0.0.1: code is hidden, sliders and charts stay live, and nothing is fetched from
the internet except two icon stylesheets Voila links to (without them the chart toolbar shows
no icons; everything else works).

The registry contract: ``VIEWS`` maps a short name to a callable that takes no arguments and
returns the view at its default values (an ipywidgets widget, an object whose ``.widget`` is
one, or anything IPython can display): in the course, a ``ModelView`` class. A view's ``title``
(or its docstring's first line) heads its section; its docstring is the caption.

The page wears the course stylesheet (tools/course.css: Arabic right to left, English and code
left to right) through a small Voila template, ``course``, written next to the page: it is the
standard ``lab`` template plus that stylesheet, served from the template's own static folder.

Usage::

    python tools/present.py                 # build the page and serve it on http://127.0.0.1:8866/
    python tools/present.py --port 9000     # another port (it must be free: no silent fallback)
    python tools/present.py --build-only    # only write work/present/what-if-views.ipynb

Stop the server with Ctrl-C.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "work" / "present"
PAGE = "what-if-views.ipynb"
DEFAULT_MODULE = "counterprop.views"
DEFAULT_PORT = 8866
STYLESHEET = ROOT / "tools" / "course.css"
TEMPLATE = "course"
TEMPLATE_FILES = {
    "conf.json": '{"base_template": "lab"}\n',
    "index.html.j2": (
        "{%- extends 'lab/index.html.j2' -%}\n"
        "{#- The lab template plus the course stylesheet (tools/course.css). -#}\n"
        "{%- block notebook_css -%}\n"
        "{{ super() }}\n"
        '{{ resources.include_css("static/course.css") }}\n'
        "{%- endblock notebook_css -%}\n"
    ),
}

SETUP = '''\
%matplotlib widget
import ipywidgets
from IPython.display import display

from counterprop import style
import {module} as views

style.apply()  # the course's chart theme, as in the lessons


def show(name):
    """Build the view called `name` at its default values and display it."""
    entry = views.VIEWS[name]
    view = entry() if callable(entry) and not isinstance(entry, ipywidgets.Widget) else entry
    widget = getattr(view, "widget", None)
    if isinstance(widget, ipywidgets.Widget):
        view = widget
    if view is not None:
        display(view)'''


class NoViews(LookupError):
    """There is no what-if view to present yet."""


def registry(module: str = DEFAULT_MODULE) -> dict:
    """The ``VIEWS`` registry of ``module``; raises :class:`NoViews` when there is none yet."""
    try:
        views = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and module.startswith(error.name):
            raise NoViews(f"{module} does not exist yet: the what-if views arrive with lessons 05-07 and 09") from None
        raise
    found = getattr(views, "VIEWS", None)
    if not found:
        raise NoViews(f"{module} has no views in its VIEWS registry yet")
    return dict(found)


def _describe(name: str, entry: object) -> tuple[str, str]:
    """Heading and caption of a view: its ``title`` (or docstring's first line), then the rest."""
    own_doc = entry.__doc__ if inspect.isroutine(entry) or inspect.isclass(entry) else None
    first, _, rest = inspect.cleandoc(own_doc or "").partition("\n")
    title = getattr(entry, "title", None)
    if not isinstance(title, str) or not title.strip():
        title = first.strip().rstrip(".") or name.replace("_", " ").capitalize()
    elif first:
        rest = f"{first}\n{rest}"
    return title.strip(), " ".join(rest.split())


def build(out_dir: Path = OUT_DIR, module: str = DEFAULT_MODULE) -> Path:
    """Write the presenter page for every view of ``module.VIEWS`` and return its path."""
    views = registry(module)
    sections = [(name, *_describe(name, entry)) for name, entry in views.items()]
    contents = "\n".join(f"- {title}" for _, title, _ in sections)
    cells = [
        nbformat.v4.new_markdown_cell(
            "# What-if views\n\n"
            "Move a slider with the mouse, or click its handle and use the arrow keys; the chart "
            "redraws in place. Each parameter shows its status: empirical (cited), derived "
            "(formula shown) or illustrative (an assumption); a result computed from values you "
            "chose is illustrative.\n\n" + contents
        ),
        nbformat.v4.new_code_cell(SETUP.format(module=module)),
    ]
    for name, title, caption in sections:
        cells.append(nbformat.v4.new_markdown_cell(f"## {title}" + (f"\n\n{caption}" if caption else "")))
        cells.append(nbformat.v4.new_code_cell(f"show({name!r})"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / PAGE
    nbformat.write(nb, path)
    write_template(out_dir)
    return path


def data_dir(page: Path) -> Path:
    """The Jupyter data folder, next to ``page``, that holds the presenter's Voila template."""
    return page.parent / "share" / "jupyter"


def write_template(out_dir: Path) -> Path:
    """Write the ``course`` Voila template (lab + tools/course.css) under ``out_dir``; return its folder."""
    folder = data_dir(out_dir / PAGE) / "voila" / "templates" / TEMPLATE
    (folder / "static").mkdir(parents=True, exist_ok=True)
    for name, text in TEMPLATE_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copyfile(STYLESHEET, folder / "static" / STYLESHEET.name)
    return folder


def voila_env(page: Path, env: dict | None = None) -> dict:
    """``env`` (default: this process's environment) with the presenter's template on JUPYTER_PATH."""
    env = dict(os.environ if env is None else env)
    paths = [str(data_dir(page))] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    return env


def voila_command(page: Path, port: int, python: str = sys.executable) -> list[str]:
    """The Voila command that serves ``page`` on 127.0.0.1:``port`` with code hidden."""
    return [
        python, "-m", "voila", str(page),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",    # a taken port fails loudly instead of moving silently
        "--show_tracebacks=True",    # an instructor sees what went wrong, not a blank cell
        "--strip_sources=True",      # code hidden
        f"--template={TEMPLATE}",    # lab + the course stylesheet; needs voila_env(page)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--module", default=DEFAULT_MODULE, help="where VIEWS lives (default: %(default)s)")
    parser.add_argument("--build-only", action="store_true", help="write the page, do not serve it")
    args = parser.parse_args(argv)
    try:
        page = build(module=args.module)
    except NoViews as reason:
        print(f"Nothing to present yet: {reason}.")
        return 1
    print(f"Wrote {page.relative_to(ROOT) if page.is_relative_to(ROOT) else page}.")
    if args.build_only:
        return 0
    print(f"Presenter view: http://127.0.0.1:{args.port}/  (first load runs the views: a few seconds; "
          "Ctrl-C stops the server)")
    try:
        return subprocess.call(voila_command(page, args.port), cwd=page.parent, env=voila_env(page))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
