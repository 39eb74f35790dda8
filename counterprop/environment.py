"""Check that the course environment is complete, with a helpful message for each problem.

It prints one line per check (what is wrong and how to fix it) and returns True when all pass:

>>> from counterprop.environment import check_environment
>>> check_environment()  # doctest: +SKIP
True

The same checks run from the command line as ``python tools/check_env.py``.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
MINIMUM_PYTHON = (3, 11)


@dataclass(frozen=True)
class Check:
    """One environment check: what was checked, whether it passed, and what to do if not."""

    name: str
    ok: bool
    detail: str


def pinned_versions(requirements: Path | None = None) -> dict[str, str]:
    """The exact pins of ``requirements.txt`` as ``{normalised name: version}``."""
    path = requirements or ROOT / "requirements.txt"
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.+\-]+)", line)
        if not match:
            raise ValueError(f"requirements.txt line {line!r} is not an exact pin 'name==version'")
        pins[normalise(match[1])] = match[2]
    return pins


def normalise(name: str) -> str:
    """PEP 503 name normalisation: ``PyYAML`` and ``pyyaml`` are the same package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _check_python() -> Check:
    found = sys.version_info[:2]
    return Check(
        "Python",
        found >= MINIMUM_PYTHON,
        f"{sys.version.split()[0]}"
        + ("" if found >= MINIMUM_PYTHON else " is too old: pandas 3 needs Python 3.11 or newer"),
    )


def _check_package(name: str, wanted: str) -> Check:
    try:
        found = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return Check(name, False, f"not installed (wanted {wanted}); run `make lab` to install it")
    ok = Version(found) == Version(wanted)
    hint = "" if ok else f" but requirements.txt pins {wanted}; run `make lab` to refresh .venv"
    return Check(name, ok, f"{found}{hint}")


def _check_widget_frontend() -> Check:
    extension = Path(sys.prefix) / "share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager"
    ok = extension.is_dir()
    return Check(
        "widget front end",
        ok,
        "JupyterLab's widget manager is installed in this environment"
        if ok
        else "jupyterlab_widgets is missing from this environment, so sliders would show "
        "'Loading widget...'; install JupyterLab and ipywidgets in the SAME environment",
    )


def _check_arabic_font() -> Check:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from counterprop.style import ARABIC_FONT, has_native_arabic_shaping

    path = font_manager.findfont(ARABIC_FONT, fallback_to_default=False)
    font = FT2Font(path)
    missing = [ch for ch in "داعش تويتر ٧٦١" if ch != " " and font.get_char_index(ord(ch)) == 0]
    shaping = has_native_arabic_shaping()
    ok = not missing and shaping
    if ok:
        detail = f"{ARABIC_FONT} has Arabic glyphs and matplotlib shapes Arabic natively"
    elif missing:
        detail = f"{ARABIC_FONT} lacks glyphs for {''.join(missing)!r}"
    else:
        detail = "matplotlib was built without libraqm and cannot shape Arabic; use the PyPI wheel"
    return Check("Arabic font", ok, detail)


def run_checks(requirements: Path | None = None) -> list[Check]:
    """Run every check and return the results (nothing is printed)."""
    checks = [_check_python()]
    checks += [_check_package(n, v) for n, v in pinned_versions(requirements).items()]
    checks += [_check_widget_frontend(), _check_arabic_font()]
    return checks


def check_environment(verbose: bool = False) -> bool:
    """Print a short report of the environment checks and return True when all pass.

    With ``verbose=True`` every package version is listed; otherwise passing package checks
    are summarised in one line, so the report reads the same on every machine.
    """
    checks = run_checks()
    packages = [c for c in checks if c.name not in {"Python", "widget front end", "Arabic font"}]
    failed = [c for c in checks if not c.ok]
    for check in checks:
        if check in packages and check.ok and not verbose:
            continue
        if check.name == "Python" and check.ok and not verbose:
            print("✅ Python: 3.11 or newer")
            continue
        print(f"{'✅' if check.ok else '❌'} {check.name}: {check.detail}")
    if not verbose:
        passed = sum(c.ok for c in packages)
        print(f"{'✅' if passed == len(packages) else '❌'} packages: {passed} of {len(packages)} "
              "match requirements.txt")
    print("All set: the course environment is complete." if not failed
          else f"{len(failed)} problem(s) above; each line says what to do.")
    return not failed
