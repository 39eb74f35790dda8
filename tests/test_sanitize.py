"""The output sanitiser (tests/nbval_sanitize.cfg, applied by tools/execute.py and by nbval),
and the other normalising tools/execute.py does to saved outputs.

Saved outputs must not name the machine they ran on, and must still say which file a
traceback passed through: the course folder becomes ``<course>/`` and nothing else changes.
"""

from __future__ import annotations

import execute
import nbformat
import pytest

RULES = execute.sanitize_rules()
ESC = "\x1b"
PANDAS_TAIL = ".venv/lib/python3.12/site-packages/pandas/core/tools/numeric.py:259"


def clean(text: str) -> str:
    return execute.sanitize(text, RULES)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # IPython's verbose traceback colours the path: ESC[32m right before it.
        (f"File {ESC}[32m/srv/class/course/{PANDAS_TAIL}{ESC}[39m, in to_numeric",
         f"File {ESC}[32m<course>/{PANDAS_TAIL}{ESC}[39m, in to_numeric"),
        (f"File /home/ana/counter-propaganda/{PANDAS_TAIL}", f"File <course>/{PANDAS_TAIL}"),
        # IPython writes a path under the home folder as ~/...
        (f"File ~/courses/cp/{PANDAS_TAIL}", f"File <course>/{PANDAS_TAIL}"),
        ('  File "/opt/cp/counterprop/data.py", line 101, in load',
         '  File "<course>/counterprop/data.py", line 101, in load'),
        ("No such file or directory: '/srv/cp/data/article/ar.txt'",
         "No such file or directory: '<course>/data/article/ar.txt'"),
    ],
)
def test_the_course_folder_becomes_course_and_the_rest_of_the_path_stays(raw, expected):
    assert clean(raw) == expected


def test_a_tools_folder_inside_pandas_is_not_taken_for_the_course_folder():
    # The bug this rule had: pandas' own core/tools/ matched too, giving <course>/.venv<course>/tools/.
    out = clean(f"{ESC}[32m/srv/cp/{PANDAS_TAIL}")
    assert out == f"{ESC}[32m<course>/{PANDAS_TAIL}"
    assert out.count("<course>") == 1 and "pandas/core/tools/numeric.py" in out


def test_sanitising_twice_changes_nothing_more():
    # nbval applies the rules to the saved output too, which tools/execute.py already sanitised.
    for raw in (f"{ESC}[32m/srv/cp/{PANDAS_TAIL}", f"~/cp/{PANDAS_TAIL}", "/x/y/counterprop/views/base.py"):
        once = clean(raw)
        assert clean(once) == once


@pytest.mark.parametrize(
    "text",
    [
        "see notebooks/01-the-raw-article.ipynb and data/sentences.csv",  # relative paths
        "https://example.org/data/table.csv",  # a URL is not a path on this machine
        "ratio 3/4 of data/ rows",
    ],
)
def test_text_that_is_not_an_absolute_path_is_left_alone(text):
    assert clean(text) == text


def test_addresses_and_cell_files_are_also_sanitised():
    assert clean("<Figure at 0x7f3a2b1c>") == "<Figure at ADDR>"
    assert clean("/tmp/ipykernel_1234/567.py:3: UserWarning") == "<CELL>:3: UserWarning"


def test_one_print_delivered_in_two_messages_is_saved_as_one_output():
    stream = nbformat.v4.new_output
    outputs = [stream("stream", name="stdout", text="✅ all 13"), stream("stream", name="stdout", text="\n"),
               stream("stream", name="stderr", text="warning\n"),
               stream("execute_result", data={"text/plain": "1"}, execution_count=1),
               stream("stream", name="stdout", text="after\n")]
    joined = execute.join_streams(outputs)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in joined] == [
        ("stream", "stdout", "✅ all 13\n"), ("stream", "stderr", "warning\n"),
        ("execute_result", None, None), ("stream", "stdout", "after\n")]
