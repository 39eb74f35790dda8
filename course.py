#!/usr/bin/env python3
"""The course's commands, the same on Windows, macOS and Linux: ``python course.py <command>``.

    python course.py lab        open the course in JupyterLab (sets up .venv first when needed)
    python course.py test       run the whole test suite (sets up .venv first when needed);
                                pytest options may follow: `test -x`, `test -- -k views`

On Windows, type ``py course.py lab``. ``make lab`` and ``make test`` call this same file, so the
two routes never drift apart. Run ``python course.py --help`` for every command.

Only the Python standard library is used here, so this file runs before anything is installed.
The environment lives in ``.venv/`` next to this file, created from the exact versions in
``requirements.txt``. It is refreshed whenever ``requirements.txt``, ``pyproject.toml`` or the
course stylesheet ``tools/course.css`` changes (a fingerprint of them is kept in
``.venv/.installed``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

MIN_PYTHON = (3, 11)
UV_PIN = "uv==0.13.9"
ROOT = Path(__file__).resolve().parent
REQUIREMENTS = ("requirements.txt", "pyproject.toml", "tools/course.css")
LAB_PORT = 8888
PRESENT_PORT = 8866


# ---------------------------------------------------------------------------------------------
# Platform differences, kept in small pure functions so the tests can check every platform
# ---------------------------------------------------------------------------------------------


def venv_scripts(venv: Path, os_name: str = os.name) -> Path:
    """The folder of a virtual environment's programs: ``Scripts`` on Windows, ``bin`` elsewhere."""
    return venv / ("Scripts" if os_name == "nt" else "bin")


def executable(venv: Path, name: str, os_name: str = os.name) -> Path:
    """The path of program ``name`` inside ``venv`` (``python`` → ``python.exe`` on Windows)."""
    suffix = ".exe" if os_name == "nt" and not name.endswith(".exe") else ""
    return venv_scripts(venv, os_name) / f"{name}{suffix}"


def root_flag(geteuid: Callable[[], int] | None = getattr(os, "geteuid", None)) -> list[str]:
    """``["--allow-root"]`` when running as root on a POSIX system, where Jupyter refuses to start
    without it (containers, CI); nothing on Windows, which has no root user id."""
    return ["--allow-root"] if geteuid is not None and geteuid() == 0 else []


def python_is_supported(version: Sequence[int] = tuple(sys.version_info[:3])) -> bool:
    """True for the Python versions the course supports (3.11 or newer)."""
    return tuple(version[:2]) >= MIN_PYTHON


def fingerprint(root: Path) -> str:
    """A hash of the files that define the environment: when it changes, ``.venv`` is refreshed."""
    digest = hashlib.sha256()
    for name in REQUIREMENTS:
        digest.update(name.encode())
        digest.update((root / name).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` yet."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class CourseError(Exception):
    """A problem the learner can fix; its message says how."""


@dataclass(frozen=True)
class Course:
    """The course folder and its environment."""

    root: Path = ROOT

    @property
    def venv(self) -> Path:
        return self.root / ".venv"

    @property
    def stamp(self) -> Path:
        return self.venv / ".installed"

    def program(self, name: str) -> Path:
        return executable(self.venv, name)

    @property
    def python(self) -> Path:
        return self.program("python")

    def lab_settings(self) -> Path:
        return self.venv / "share" / "jupyter" / "lab" / "settings"

    def is_up_to_date(self) -> bool:
        return (
            self.python.exists()
            and self.stamp.exists()
            and self.stamp.read_text(encoding="utf-8").strip() == fingerprint(self.root)
        )


# ---------------------------------------------------------------------------------------------
# Running things
# ---------------------------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, flush=True)


def run(command: Sequence[str | Path], course: Course, **kwargs) -> int:
    """Run ``command`` (a list: no shell, so spaces and non-ASCII letters in paths are safe)."""
    args = [str(part) for part in command]
    return subprocess.call(args, cwd=course.root, **kwargs)


def run_or_fail(command: Sequence[str | Path], course: Course, what: str) -> None:
    code = run(command, course)
    if code != 0:
        raise CourseError(f"{what} failed (exit code {code}); the messages above say why.")


def setup(course: Course, *, quiet: bool = False) -> None:
    """Create ``.venv`` and install the pinned environment, unless it is already up to date."""
    if not python_is_supported():
        found = ".".join(map(str, sys.version_info[:3]))
        raise CourseError(
            f"The course needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is Python "
            f"{found}. Install a newer Python, then run this command with it "
            "(for example `python3.12 course.py lab`, or `py -3.12 course.py lab` on Windows)."
        )
    if course.is_up_to_date():
        return
    if not course.python.exists():
        say(f"Creating the course environment in {course.venv.name}/ ...")
        code = run([sys.executable, "-m", "venv", course.venv], course)
        if code != 0 or not course.python.exists():
            raise CourseError(
                "Python could not create a virtual environment. On Debian or Ubuntu, install "
                "`python3-venv` (sudo apt install python3-venv), then try again."
            )
    say(f"Installing the pinned environment into {course.venv.name}/ (first time: about a minute) ...")
    pip = [course.python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    uv = course.program("uv")
    installed = (
        run([*pip, UV_PIN], course) == 0
        # --compile-bytecode: compiled once here, as pip does, rather than on every import where
        # Python may not write its cache (PYTHONDONTWRITEBYTECODE, a read-only folder); every
        # kernel, server and test process then starts about two seconds sooner.
        and run([uv, "pip", "install", "--quiet", "--compile-bytecode", "--python", course.python,
                 "-r", "requirements.txt", "-e", "."], course) == 0
    )
    if not installed:
        say("uv could not install the environment; trying pip instead ...")
        if run([*pip, "-r", "requirements.txt", "-e", "."], course) != 0:
            raise CourseError(
                "The pinned packages could not be installed. The first install downloads them "
                "from PyPI: check your internet connection (or proxy), then run the command again. "
                "After that first install the course runs offline."
            )
    settings = course.lab_settings()
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(course.root / "tools" / "jupyterlab-overrides.json", settings / "overrides.json")
    # tools/course.css: Arabic-first blocks right to left in JupyterLab
    run_or_fail([course.python, "tools/lab_style.py"], course, "Installing the course stylesheet")
    run_or_fail([course.python, "tools/check_env.py"], course, "The environment check")
    course.stamp.write_text(fingerprint(course.root) + "\n", encoding="utf-8")


def require_free_port(port: int, option: str) -> None:
    if not port_is_free(port):
        raise CourseError(
            f"Port {port} on 127.0.0.1 is already in use (is the course already open in another "
            f"window?). Stop that server, or choose another port: `python course.py {option} {port + 1}`."
        )


# ---------------------------------------------------------------------------------------------
# The commands
# ---------------------------------------------------------------------------------------------


def cmd_setup(course: Course, args: argparse.Namespace) -> int:
    setup(course)
    say("The course environment is ready.")
    return 0


def cmd_lab(course: Course, args: argparse.Namespace) -> int:
    setup(course)
    require_free_port(args.port, "lab --port")
    say(f"Opening JupyterLab on http://127.0.0.1:{args.port} (Ctrl-C stops it) ...")
    return run([course.program("jupyter"), "lab", "--ip=127.0.0.1", f"--port={args.port}",
                *root_flag(), "notebooks/00-welcome.ipynb"], course)


PARALLEL = ("-n", "2", "--dist", "loadscope", "--no-loadscope-reorder")
"""Both cores; each test file (and each notebook, as nbval needs) kept on one worker, in the
order they are collected: conftest.py puts the longest files first, so the rest packs around
them."""

TEST_COMMAND: tuple[str, ...] = (
    "-m", "pytest", "-p", "no:cacheprovider", *PARALLEL, "tests", "notebooks", "solutions",
    "exercises", "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg", "--durations=15",
)
"""The test suite, in one session: unit, data, lint and browser tests, nbval on the lessons and
solutions (their saved outputs must match), and the exercise notebooks, which are saved without
outputs, run as nbval-lax does (every cell must run; conftest.py switches off the comparison)."""


def cmd_test(course: Course, args: argparse.Namespace) -> int:
    setup(course)
    return run([course.python, *TEST_COMMAND, *args.rest], course)


def _tool(script: str, *extra: str) -> Callable[[Course, argparse.Namespace], int]:
    """A command that runs ``tools/<script>`` in the course environment."""

    def command(course: Course, args: argparse.Namespace) -> int:
        setup(course)
        return run([course.python, f"tools/{script}", *extra, *getattr(args, "rest", [])], course)

    return command


def cmd_execute(course: Course, args: argparse.Namespace) -> int:
    setup(course)
    code = run([course.python, "tools/execute.py", *args.rest], course)
    return code or run([course.python, "tools/make_exercises.py"], course)


def cmd_cells(course: Course, args: argparse.Namespace) -> int:
    setup(course)
    for script in ("lesson_cells.py", "make_glossary.py", "make_exercises.py"):
        code = run([course.python, f"tools/{script}"], course)
        if code:
            return code
    return 0


def cmd_present(course: Course, args: argparse.Namespace) -> int:
    setup(course)
    require_free_port(args.port, "present --port")
    return run([course.python, "tools/present.py", f"--port={args.port}"], course)


def cmd_clean(course: Course, args: argparse.Namespace) -> int:
    for name in (".venv", ".pytest_cache", ".hypothesis", "build"):
        path = course.root / name
        if path.exists():
            say(f"Removing {name}/")
            shutil.rmtree(path)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python course.py",
        description="Counter-Propaganda Analytics: the course's commands (the same as `make <command>`).",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="command")
    passed_on: set[str] = set()

    def add(name: str, func: Callable, help: str, rest: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        if rest:
            p.add_argument("rest", nargs=argparse.REMAINDER, help="passed on to the tool")
            passed_on.add(name)
        return p

    add("setup", cmd_setup, "create .venv from requirements.txt when it is missing or stale")
    add("lab", cmd_lab, "open the course in JupyterLab").add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", LAB_PORT)), help=f"default {LAB_PORT}")
    add("test", cmd_test, "run the whole test suite; options after it go to pytest", rest=True)
    add("execute", cmd_execute, "re-run lessons and solutions, then regenerate exercises", rest=True)
    add("exercises", _tool("make_exercises.py"), "regenerate exercises/ from solutions/", rest=True)
    add("cells", cmd_cells, "refresh lesson headers, course maps and the glossary page")
    add("check-env", _tool("check_env.py", "--verbose"), "check the environment and say what is wrong")
    add("site", _tool("build_site.py"), "build the static site in site/ (opens from disk)", rest=True)
    add("present", cmd_present, "serve the what-if views for projecting").add_argument(
        "--port", type=int, default=int(os.environ.get("PRESENT_PORT", PRESENT_PORT)),
        help=f"default {PRESENT_PORT}")
    add("submit", _tool("submit.py"), "(learners) pack exercises/ into one archive in work/", rest=True)
    add("grade", _tool("grade.py"), "(instructors) grade a class: grade SUBMISSIONS --out OUT", rest=True)
    add("clean", cmd_clean, "remove .venv and caches")
    top.set_defaults(passed_on=frozenset(passed_on))
    return top


def split_passed_on(argv: Sequence[str],
                    passed_on: frozenset[str]) -> tuple[list[str], list[str] | None]:
    """``(the command, what it hands on to its tool)``, or ``(argv, None)``.

    For a command in ``passed_on`` (``test``, ``grade``, ...), everything after its name goes to
    the tool unread, options first or not (``test --durations=30``), and a leading ``--`` is
    dropped (``test -- -x``). ``test -h`` alone still shows this command's own help.
    """
    argv = list(argv)
    if not argv or argv[0] not in passed_on or argv[1:] in (["-h"], ["--help"]):
        return argv, None
    rest = argv[1:]
    return argv[:1], rest[1:] if rest[:1] == ["--"] else rest


def main(argv: Sequence[str] | None = None, course: Course | None = None) -> int:
    top = parser()
    command, rest = split_passed_on(sys.argv[1:] if argv is None else argv,
                                    top.get_default("passed_on"))
    args = top.parse_args(command)
    if rest is not None:
        args.rest = rest
    try:
        return args.func(course or Course(), args)
    except CourseError as problem:
        print(f"❌ {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
