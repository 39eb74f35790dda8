#!/usr/bin/env python3
"""Pack your exercise notebooks into one archive to hand in (``make submit``).

The archive, ``work/submission-YYYYMMDD-HHMMSS.zip``, holds every notebook of ``exercises/``
exactly as it is saved on disk, and a ``manifest.json`` with the course version, the time, and
each file's size and SHA-256 hash, so the grader can tell that nothing changed on the way.
Nothing leaves this computer: hand the file in the way your instructor asked.

The archive format is read back by ``tools/grade.py`` through :func:`read_archive`.

Usage::

    python tools/submit.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = "manifest.json"
ARCHIVE_FORMAT = 1
COURSE = "Counter-Propaganda Analytics"
NOTEBOOK_NAME = re.compile(r"^exercises/(?P<name>[^/\\]+\.ipynb)$")
MAX_NOTEBOOK_BYTES = 50_000_000
"""A notebook larger than this (50 MB) is not read from an archive."""


def package_version(root: Path = ROOT) -> str:
    """``counterprop.__version__`` as written in ``counterprop/__init__.py``."""
    init = root / "counterprop" / "__init__.py"
    if not init.exists():  # a partial copy of the course (tests): the installed package
        import counterprop

        init = Path(counterprop.__file__)
    match = re.search(r'^__version__ = "([^"]+)"', init.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ValueError(f"{init.name} has no __version__ = \"…\" line")
    return match[1]


def content_hash(root: Path = ROOT) -> str:
    """12 hex digits that change when an exercise notebook is regenerated or a check changes.

    Each exercise notebook contributes the fingerprint recorded when it was generated (a
    learner's answers do not change it); each check module contributes its source text.
    """
    digest = hashlib.sha256()
    for path in sorted((root / "exercises").glob("*.ipynb")):
        digest.update(path.name.encode())
        digest.update(recorded_fingerprint(path.read_bytes()).encode())
    checks = root / "counterprop" / "checks"
    if not checks.is_dir():
        import counterprop

        checks = Path(counterprop.__file__).parent / "checks"
    for path in sorted(checks.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_text(encoding="utf-8").replace("\r\n", "\n").encode())
    return digest.hexdigest()[:12]


def recorded_fingerprint(notebook: bytes) -> str:
    """The fingerprint ``tools/make_exercises.py`` recorded in a notebook, or ``""``."""
    try:
        meta = json.loads(notebook)["metadata"]["counterprop"]
        return str(meta.get("fingerprint", ""))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return ""


def course_version(root: Path = ROOT) -> str:
    """The package version plus the content hash, e.g. ``0.1.0+c3f9a0e12b4d``."""
    return f"{package_version(root)}+{content_hash(root)}"


def git_commit(root: Path = ROOT) -> str | None:
    """The commit the course folder is at, when it is a git clone and git is installed."""
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                             text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = out.stdout.strip()
    return commit if out.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", commit) else None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack(root: Path = ROOT, now: dt.datetime | None = None) -> Path:
    """Write the archive of ``root/exercises`` into ``root/work`` and return its path."""
    notebooks = sorted((root / "exercises").glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no notebooks in {root / 'exercises'}; expected NN-name.ipynb "
                                "files")
    now = now or dt.datetime.now(dt.UTC)
    contents = {f"exercises/{p.name}": p.read_bytes() for p in notebooks}
    manifest = {
        "course": COURSE,
        "format": ARCHIVE_FORMAT,
        "course_version": course_version(root),
        "git_commit": git_commit(root),
        "created": now.isoformat(timespec="seconds"),
        "files": [{"path": name, "bytes": len(data), "sha256": sha256(data)}
                  for name, data in contents.items()],
    }
    out = root / "work" / f"submission-{now.strftime('%Y%m%d-%H%M%S')}.zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
        for name, data in contents.items():
            archive.writestr(name, data)
    return out


@dataclass
class Archive:
    """What :func:`read_archive` found: the manifest, the notebooks, and any problem."""

    manifest: dict | None
    notebooks: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_archive(path: Path) -> Archive:
    """Read a submission archive without extracting it to disk; never raises on bad input.

    Only ``exercises/<name>.ipynb`` entries are read. Every problem (not a zip file, no
    manifest, a hash that does not match, an entry that is not an exercise notebook) is
    described in ``problems``, in words an instructor can act on.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            manifest = None
            problems: list[str] = []
            if MANIFEST in names:
                try:
                    manifest = json.loads(archive.read(MANIFEST))
                    if not isinstance(manifest, dict):
                        raise ValueError("not a JSON object")
                except ValueError as error:
                    problems.append(f"its {MANIFEST} is not readable ({error})")
                    manifest = None
            else:
                problems.append(f"it has no {MANIFEST}, so it was not made by `make submit`")
            notebooks: dict[str, bytes] = {}
            for info in infos:
                match = NOTEBOOK_NAME.match(info.filename)
                if info.filename == MANIFEST or info.is_dir():
                    continue
                if not match:
                    problems.append(f"{info.filename} is not an exercise notebook; not graded")
                elif info.file_size > MAX_NOTEBOOK_BYTES:
                    problems.append(f"{info.filename} is {info.file_size:,} bytes, over the "
                                    f"{MAX_NOTEBOOK_BYTES:,}-byte limit; not graded")
                else:
                    notebooks[match["name"]] = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        return Archive(None, {}, [f"it is not a readable zip archive ({error})"])
    if manifest is not None:
        listed = {f.get("path"): f.get("sha256") for f in manifest.get("files", [])
                  if isinstance(f, dict)}
        for name, data in notebooks.items():
            recorded = listed.get(f"exercises/{name}")
            if recorded is None:
                problems.append(f"exercises/{name} is not listed in its manifest")
            elif recorded != sha256(data):
                problems.append(f"exercises/{name} changed after it was packed (hash differs)")
    return Archive(manifest, notebooks, problems)


def human_size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 100_000 else f"{n_bytes / 1e3:.0f} kB"


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    try:
        out = pack(root)
    except FileNotFoundError as error:
        print(f"❌ {error}. Run `make exercises` to create them.")
        return 1
    with zipfile.ZipFile(out) as archive:
        count = sum(NOTEBOOK_NAME.match(n) is not None for n in archive.namelist())
    print("The archive holds your notebooks as saved on disk: save them first in JupyterLab "
          "(File ▸ Save All), then run `make submit` again if you had unsaved changes.")
    print(f"✅ Packed {count} exercise notebooks into {out.relative_to(root)} "
          f"({human_size(out.stat().st_size)}).")
    print("Nothing has been sent anywhere: hand this file in the way your instructor asked.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
