#!/usr/bin/env python3
"""Install the course stylesheet (tools/course.css) into JupyterLab's custom CSS (``make setup``).

JupyterLab has no right-to-left mode, so the course brings its own rules (see tools/course.css).
JupyterLab >= 4.1 links ``custom/custom.css`` into its page when ``LabApp.custom_css`` is on,
and Jupyter Server looks for that file in ``<config dir>/custom/`` (the user's ``~/.jupyter``)
and then in its own package folder. This script writes into the environment only, never the
user's home:

- ``<env>/etc/jupyter/jupyter_lab_config.json`` turns ``LabApp.custom_css`` on for
  every JupyterLab started from this environment;
- the stylesheet is copied to ``jupyter_server/static/custom/custom.css`` inside the environment.

A learner's own ``~/.jupyter/custom/custom.css``, if any, is found first and wins.

Usage::

    .venv/bin/python tools/lab_style.py      # what `make setup` runs
    python tools/lab_style.py --check         # exit 1 (with the reason) if not installed or stale
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STYLESHEET = ROOT / "tools" / "course.css"
CONFIG_NAME = "jupyter_lab_config.json"    # read by every JupyterLab started from the environment
CONFIG = {"LabApp": {"custom_css": True}}


def config_path(prefix: Path = Path(sys.prefix)) -> Path:
    """The JupyterLab config file of the environment at ``prefix``: it enables custom CSS."""
    return prefix / "etc" / "jupyter" / CONFIG_NAME


def custom_css_path() -> Path:
    """Where Jupyter Server of this environment looks for custom.css after the user's config dir."""
    from jupyter_server import DEFAULT_STATIC_FILES_PATH

    return Path(DEFAULT_STATIC_FILES_PATH) / "custom" / "custom.css"


def _read(config: Path) -> dict | None:
    """The settings in ``config``, or None when it is missing or not a JSON object."""
    try:
        settings = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return settings if isinstance(settings, dict) else None


def install(prefix: Path = Path(sys.prefix)) -> list[Path]:
    """Enable custom CSS and copy the course stylesheet; return the files written."""
    config = config_path(prefix)
    config.parent.mkdir(parents=True, exist_ok=True)
    settings = _read(config) or {}                 # keep any other setting already there
    settings.setdefault("LabApp", {}).update(CONFIG["LabApp"])
    config.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    css = custom_css_path()
    css.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STYLESHEET, css)
    return [config, css]


def problems(prefix: Path = Path(sys.prefix)) -> list[str]:
    """What keeps JupyterLab from loading the current course stylesheet (empty when all is well)."""
    found = []
    config = config_path(prefix)
    settings = _read(config)
    if settings is None:
        found.append(f"{config} is missing or not JSON")
    elif (settings.get("LabApp") or {}).get("custom_css") is not True:
        found.append(f"{config} does not set LabApp.custom_css to true")
    css = custom_css_path()
    if not css.exists():
        found.append(f"{css} is missing")
    elif css.read_bytes() != STYLESHEET.read_bytes():
        found.append(f"{css} is older than tools/course.css")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; do not write anything")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for problem in found:
            print(f"JupyterLab course stylesheet: {problem}. Run `make setup`.")
        return 1 if found else 0
    install()
    return 0


if __name__ == "__main__":
    sys.exit(main())
