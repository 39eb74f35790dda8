"""course.py: the course's commands without make, the same on Windows, macOS and Linux.

The platform differences live in small pure functions, so each platform's answer is checked
here on any operating system; the commands themselves are checked against fakes of what they
would run (no install, no server), and the Makefile is checked to delegate every target.
"""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def _load_course_module():
    spec = importlib.util.spec_from_file_location("course_launcher", ROOT / "course.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


course = _load_course_module()


# --- platform differences ---------------------------------------------------------------------


@pytest.mark.parametrize(("os_name", "folder"), [("nt", "Scripts"), ("posix", "bin")])
def test_the_venv_programs_folder_follows_the_platform(os_name, folder):
    assert course.venv_scripts(Path("v"), os_name) == Path("v") / folder


@pytest.mark.parametrize(
    ("os_name", "name", "expected"),
    [
        ("nt", "python", Path("v/Scripts/python.exe")),
        ("nt", "jupyter", Path("v/Scripts/jupyter.exe")),
        ("nt", "uv.exe", Path("v/Scripts/uv.exe")),
        ("posix", "python", Path("v/bin/python")),
        ("posix", "jupyter", Path("v/bin/jupyter")),
    ],
)
def test_programs_get_the_platform_suffix(os_name, name, expected):
    assert course.executable(Path("v"), name, os_name) == expected


@pytest.mark.parametrize(("geteuid", "flag"), [(None, []), (lambda: 0, ["--allow-root"]),
                                                (lambda: 1000, [])])
def test_the_root_flag_only_where_it_applies(geteuid, flag):
    """Windows has no os.geteuid (None here); on POSIX only user id 0 needs --allow-root."""
    assert course.root_flag(geteuid) == flag


@pytest.mark.parametrize(("version", "ok"), [((3, 10, 12), False), ((3, 11, 0), True),
                                             ((3, 14, 1), True), ((2, 7, 18), False)])
def test_supported_pythons(version, ok):
    assert course.python_is_supported(version) is ok


def _fake_course(root: Path) -> Path:
    """A course folder with the files the launcher reads, and an 'installed' environment."""
    (root / "tools").mkdir(parents=True)
    (root / "requirements.txt").write_text("pandas==3.1.1  # tables\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (root / "tools" / "course.css").write_text("p { unicode-bidi: plaintext; }\n", encoding="utf-8")
    python = course.executable(root / ".venv", "python")
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")
    (root / ".venv" / ".installed").write_text(course.fingerprint(root), encoding="utf-8")
    return root


def test_the_environment_is_refreshed_when_the_pins_change(tmp_path):
    fake = course.Course(_fake_course(tmp_path / "c"))
    assert fake.is_up_to_date()
    (fake.root / "requirements.txt").write_text("pandas==3.1.2  # tables\n", encoding="utf-8")
    assert not fake.is_up_to_date()


def test_line_endings_do_not_count_as_a_change(tmp_path):
    root = _fake_course(tmp_path / "c")
    before = course.fingerprint(root)
    (root / "requirements.txt").write_bytes(b"pandas==3.1.1  # tables\r\n")
    assert course.fingerprint(root) == before


# --- paths with spaces and non-ASCII letters ---------------------------------------------------


def test_arguments_reach_a_program_intact_whatever_the_path(tmp_path):
    """No shell is involved: a path with spaces and Arabic letters arrives as one argument."""
    root = tmp_path / "my course" / "دورة تحليل"
    root.mkdir(parents=True)
    out = root / "argv.txt"
    script = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(repr(sys.argv[1:]), encoding='utf-8')"
    code = course.run([sys.executable, "-c", script, out, "a b"], course.Course(root))
    assert code == 0
    assert out.read_text(encoding="utf-8") == repr([str(out), "a b"])


def test_the_launcher_runs_from_a_folder_with_spaces_and_arabic_letters(tmp_path):
    folder = tmp_path / "my course" / "الدورة"
    folder.mkdir(parents=True)
    (folder / "course.py").write_bytes((ROOT / "course.py").read_bytes())
    result = subprocess.run([sys.executable, "course.py", "--help"], cwd=folder,
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "lab" in result.stdout and "test" in result.stdout


# --- clear messages for what is missing --------------------------------------------------------


def test_an_old_python_is_named_with_what_to_do(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(course, "python_is_supported", lambda *a: False)
    code = course.main(["setup"], course.Course(_fake_course(tmp_path / "c")))
    err = capsys.readouterr().err
    assert code == 1
    assert "needs Python 3.11 or newer" in err and sys.version.split()[0] in err


def test_no_network_on_first_install_says_so(monkeypatch, tmp_path, capsys):
    root = _fake_course(tmp_path / "c")
    (root / ".venv" / ".installed").unlink()
    monkeypatch.setattr(course, "run", lambda command, c, **kw: 1)  # every download fails
    code = course.main(["setup"], course.Course(root))
    err = capsys.readouterr().err
    assert code == 1
    assert "could not be installed" in err and "internet connection" in err


def test_a_port_in_use_is_named_with_another_to_try(tmp_path, capsys):
    fake = course.Course(_fake_course(tmp_path / "c"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert not course.port_is_free(port)
        code = course.main(["lab", "--port", str(port)], fake)
    err = capsys.readouterr().err
    assert code == 1
    assert f"Port {port}" in err and "already in use" in err and f"--port {port + 1}" in err


def test_lab_runs_jupyter_from_the_venv_with_the_root_flag_only_as_root(monkeypatch, tmp_path):
    fake = course.Course(_fake_course(tmp_path / "c"))
    calls = []
    monkeypatch.setattr(course, "run", lambda command, c, **kw: calls.append([str(p) for p in command]) or 0)
    monkeypatch.setattr(course, "root_flag", lambda: ["--allow-root"])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert course.main(["lab", "--port", str(port)], fake) == 0
    (command,) = calls
    assert command[0] == str(fake.program("jupyter"))
    assert f"--port={port}" in command and "--ip=127.0.0.1" in command and "--allow-root" in command


def test_test_runs_one_session_and_returns_its_exit_status(monkeypatch, tmp_path):
    fake = course.Course(_fake_course(tmp_path / "c"))
    calls = []
    monkeypatch.setattr(course, "run", lambda command, c, **kw: calls.append(command) or 3)
    assert course.main(["test"], fake) == 3
    (command,) = calls
    assert str(command[0]) == str(fake.python)
    assert {"tests", "notebooks", "solutions", "exercises", "--nbval"} <= set(command)
    assert "--nbval-lax" not in command  # conftest.py runs exercises/ lax inside the session


@pytest.mark.parametrize(("extra", "expected"), [
    (["--durations=30"], ["--durations=30"]),           # an option first: no argparse error
    (["--", "-x"], ["-x"]),                              # the "--" is not handed on
    (["-k", "launcher", "-x"], ["-k", "launcher", "-x"]),
    (["--", "--", "-x"], ["--", "-x"]),                  # only the first "--" is the separator
    (["tests/test_launcher.py"], ["tests/test_launcher.py"]),
])
def test_extra_pytest_options_reach_pytest_either_way(monkeypatch, tmp_path, extra, expected):
    fake = course.Course(_fake_course(tmp_path / "c"))
    calls = []
    monkeypatch.setattr(course, "run", lambda command, c, **kw: calls.append(command) or 0)
    assert course.main(["test", *extra], fake) == 0
    (command,) = calls
    assert command[-len(expected):] == expected
    assert command[:-len(expected)] == [fake.python, *course.TEST_COMMAND]


def test_a_tool_gets_its_options_even_when_they_come_first(monkeypatch, tmp_path):
    fake = course.Course(_fake_course(tmp_path / "c"))
    calls = []
    monkeypatch.setattr(course, "run", lambda command, c, **kw: calls.append([str(p) for p in command]) or 0)
    assert course.main(["site", "--out", "elsewhere"], fake) == 0
    assert course.main(["grade", "--", "in", "--out", "out"], fake) == 0
    assert calls[0][1:] == ["tools/build_site.py", "--out", "elsewhere"]
    assert calls[1][1:] == ["tools/grade.py", "in", "--out", "out"]


def test_test_help_is_the_commands_own_help(capsys):
    with pytest.raises(SystemExit) as stop:
        course.main(["test", "--help"])
    assert stop.value.code == 0
    assert "options after it go to pytest" in capsys.readouterr().out


REPORT_CHECK = """
def pytest_collection_finish(session):
    for item in session.items:
        print("COMPARES", item.nodeid, item.options["check"])
"""


def test_exercise_notebooks_are_collected_lax_and_lessons_strict(tmp_path):
    """The root conftest.py: in one session, nbval compares the saved outputs of lessons and
    solutions (as --nbval does) and not those of exercises (as --nbval-lax does)."""
    import nbformat

    (tmp_path / "conftest.py").write_bytes((ROOT / "conftest.py").read_bytes())
    (tmp_path / "report_check.py").write_text(REPORT_CHECK, encoding="utf-8")
    cells = [nbformat.v4.new_code_cell('print("today")'),
             nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint(1)")]
    for folder in ("exercises", "notebooks", "solutions"):
        (tmp_path / folder).mkdir()
        nbformat.write(nbformat.v4.new_notebook(cells=cells), tmp_path / folder / "n.ipynb")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "nbval.plugin",
         "-p", "report_check", "--collect-only", "-q", "--nbval", "--nbval-current-env",
         "exercises", "notebooks", "solutions"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,   # only nbval, no other plugin
        env={**os.environ, "PYTHONPATH": str(tmp_path), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    compares = dict(line.removeprefix("COMPARES ").rsplit(" ", 1)
                    for line in done.stdout.splitlines() if line.startswith("COMPARES "))
    assert compares == {
        "exercises/n.ipynb::Cell 0": "False", "exercises/n.ipynb::Cell 1": "False",
        "notebooks/n.ipynb::Cell 0": "True", "notebooks/n.ipynb::Cell 1": "False",
        "solutions/n.ipynb::Cell 0": "True", "solutions/n.ipynb::Cell 1": "False",
    }


def test_files_marked_long_module_are_collected_first():
    import importlib.util

    spec = importlib.util.spec_from_file_location("course_root_conftest", ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    class Item:
        def __init__(self, name: str, long: bool) -> None:
            self.name, self.long = name, long

        def get_closest_marker(self, name: str):
            return object() if self.long and name == "long_module" else None

    items = [Item("a1", False), Item("b1", True), Item("a2", False), Item("c1", True),
             Item("b2", True)]
    module.pytest_collection_modifyitems(items)
    assert [i.name for i in items] == ["b1", "c1", "b2", "a1", "a2"]
    assert module.runs_lax(ROOT / "exercises" / "00-welcome.ipynb", ROOT)
    assert not module.runs_lax(ROOT / "notebooks" / "00-welcome.ipynb", ROOT)
    assert not module.runs_lax(ROOT.parent / "exercises" / "x.ipynb", ROOT)


# --- one source of truth -----------------------------------------------------------------------


def _make_targets() -> dict[str, str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return dict(re.findall(r"^([a-z-]+):[^\n]*\n\t@?(.*)$", text, re.M))


def test_every_make_target_calls_course_py_with_its_own_name():
    targets = _make_targets()
    assert {"lab", "test", "setup"} <= set(targets)
    for name, recipe in targets.items():
        assert recipe.startswith(f"$(COURSE) {name}"), f"make {name} does not call course.py {name}"


def test_every_course_command_is_a_make_target():
    subparsers = next(a for a in course.parser()._actions if a.dest == "command")
    assert set(subparsers.choices) == set(_make_targets())


def test_the_readme_shows_both_ways_and_the_windows_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in ("make lab", "make test", "python course.py lab", "python course.py test",
                 "py course.py lab"):
        assert text in readme, text
