"""Every example in the helper package's docstrings runs and shows what it says.

A docstring example that has gone stale teaches the wrong thing; running them all keeps the
documentation honest. Modules are found by walking the package, so a new module's examples are
checked without anyone listing it here.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import counterprop


def modules_with_examples() -> list[str]:
    names = ["counterprop"] + [
        info.name for info in pkgutil.walk_packages(counterprop.__path__, "counterprop.")
    ]
    return [n for n in names if ">>> " in (importlib.util.find_spec(n).loader.get_source(n) or "")]


def test_the_walk_finds_the_modules_with_examples():
    found = modules_with_examples()
    assert {"counterprop.models.weighing", "counterprop.views.png", "counterprop.text"} <= set(found)


@pytest.mark.parametrize("name", modules_with_examples())
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has '>>> ' but doctest found no example"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples fail in {name}"
