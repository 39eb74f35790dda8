"""One source of versions: requirements.txt, mirrored by environment.yml, installed in .venv."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from conftest import ROOT
from packaging.specifiers import SpecifierSet

from counterprop import environment


def _environment_yml() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def _pip_section(env: dict) -> list[str]:
    return next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)


def test_requirements_are_exact_pins_with_a_reason_each():
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.match(r"^\S+==\S+\s+# \S", line), f"pin without '==' or a comment: {line!r}"


def test_environment_yml_pins_exactly_the_requirements():
    pins = environment.pinned_versions()
    listed = {}
    for item in _pip_section(_environment_yml()):
        if item.startswith("-e"):
            continue
        name, version = item.split("==")
        listed[environment.normalise(name)] = version
    assert listed == pins


def test_environment_yml_python_satisfies_the_package():
    python = next(d for d in _environment_yml()["dependencies"] if isinstance(d, str) and d.startswith("python="))
    version = python.split("=")[1]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert SpecifierSet(requires).contains(version + ".0")


def test_environment_yml_installs_the_helper_package():
    assert "-e ." in _pip_section(_environment_yml())


def test_the_installed_environment_matches_the_pins():
    failed = [c for c in environment.run_checks() if not c.ok]
    assert not failed, failed


def test_a_wrong_version_is_reported_with_what_to_do(tmp_path):
    wrong = tmp_path / "requirements.txt"
    wrong.write_text("pandas==2.3.3  # too old on purpose\n")
    (check,) = [c for c in environment.run_checks(wrong) if c.name == "pandas"]
    assert not check.ok
    assert "pins 2.3.3" in check.detail and "make lab" in check.detail


def test_a_loose_pin_is_refused(tmp_path):
    loose = tmp_path / "requirements.txt"
    loose.write_text("pandas>=3\n")
    with pytest.raises(ValueError, match="not an exact pin"):
        environment.pinned_versions(loose)


def test_the_report_is_short_and_says_all_set(capsys):
    assert environment.check_environment() is True
    out = capsys.readouterr().out
    assert out.strip().endswith("All set: the course environment is complete.")
    assert "❌" not in out
