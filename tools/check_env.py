#!/usr/bin/env python3
"""Check that the course environment is complete; exit 1 with a helpful message if not.

Checks Python >= 3.11, every pin of requirements.txt, JupyterLab's widget front end, and a
font with Arabic glyphs plus matplotlib's native Arabic shaping. Instructors can hand it out
before a workshop: ``python tools/check_env.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if sys.version_info < (3, 11):  # before any import that would fail with a cryptic error
    sys.exit(f"❌ Python {sys.version.split()[0]} is too old: the course needs Python 3.11 or newer.")

try:
    from counterprop.environment import check_environment
except ImportError as error:
    sys.exit(f"❌ {error}. Run `make lab` or `python course.py lab` from the course folder: they install "
             "everything into .venv.")

if __name__ == "__main__":
    sys.exit(0 if check_environment(verbose="--verbose" in sys.argv) else 1)
