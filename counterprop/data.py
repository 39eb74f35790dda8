"""Load the course tables by name, typed and validated against ``data/datapackage.json``.

>>> from counterprop import data
>>> sources = data.load("sources")
>>> sources.loc[0, "source_id"]
'ahram_2017'

Every table the course uses is described in ``data/datapackage.json`` (a Frictionless Data
Package). ``load`` reads the CSV file, checks each value against its field's type and
constraints, and returns a DataFrame whose columns have the matching pandas dtypes:

=========  ====================
schema     pandas dtype
=========  ====================
string     ``str``
integer    ``Int64`` (nullable)
number     ``Float64`` (nullable)
boolean    ``boolean``
date       ``datetime64``
=========  ====================

A value that breaks the schema raises :class:`SchemaError`, whose message names the table,
the field, the row and the value. The full check, including foreign keys between tables,
runs in the test suite with the ``frictionless`` library.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
"""The course's ``data/`` folder (lessons read it and never write into it)."""

_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}


class SchemaError(ValueError):
    """A course table does not match its description in ``datapackage.json``."""


def descriptor(data_dir: Path | str | None = None) -> dict[str, Any]:
    """Return the parsed ``datapackage.json``."""
    path = Path(data_dir or DATA_DIR) / "datapackage.json"
    return json.loads(path.read_text(encoding="utf-8"))


def table_names(data_dir: Path | str | None = None) -> list[str]:
    """Names of every table (tabular resource) in the data package, in package order."""
    return [r["name"] for r in descriptor(data_dir)["resources"] if "schema" in r]


def read_article(data_dir: Path | str | None = None) -> str:
    """Return the course article exactly as published (UTF-8, one paragraph)."""
    return (Path(data_dir or DATA_DIR) / "article" / "ar.txt").read_text(encoding="utf-8")


def recorded_article_sha256(data_dir: Path | str | None = None) -> str:
    """The article's sha256 as recorded in the data package (the reference checksum)."""
    for resource in descriptor(data_dir)["resources"]:
        if resource["name"] == "article_text":
            return resource["hash"].removeprefix("sha256:")
    raise SchemaError("the data package has no 'article_text' resource with a hash")


def sha256_of_file(path: Path | str) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load the course table ``name`` as a typed DataFrame, validated against its schema.

    Parameters
    ----------
    name:
        A table name from ``data/datapackage.json``, e.g. ``"sources"``.
    data_dir:
        Another folder laid out like ``data/`` (used by the tests); defaults to the course's.

    Raises
    ------
    KeyError
        ``name`` is not a table of the package (the message suggests the closest name).
    SchemaError
        A column is missing or unexpected, or a value breaks its field's type or constraints.
    """
    if not isinstance(name, str):
        raise TypeError(f"load expects a table name (str), got {type(name).__name__}: {name!r}")
    resources = {r["name"]: r for r in descriptor(data_dir)["resources"] if "schema" in r}
    if name not in resources:
        close = difflib.get_close_matches(name, resources, n=1)
        suggestion = f"did you mean {close[0]!r}? " if close else ""
        raise KeyError(f"no course table named {name!r}; {suggestion}data.table_names() lists them all")
    resource = resources[name]
    path = Path(data_dir or DATA_DIR) / resource["path"]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    fields = resource["schema"]["fields"]
    _check_columns(name, list(raw.columns), [f["name"] for f in fields])
    table = pd.DataFrame({f["name"]: _typed_column(name, f, raw[f["name"]]) for f in fields})
    _check_primary_key(name, table, resource["schema"].get("primaryKey"))
    return table


def _check_columns(table: str, found: list[str], expected: list[str]) -> None:
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    if missing or extra:
        raise SchemaError(
            f"table {table!r}: columns do not match the schema"
            + (f"; missing field(s): {', '.join(missing)}" if missing else "")
            + (f"; unexpected field(s): {', '.join(extra)}" if extra else "")
        )
    if found != expected:
        raise SchemaError(f"table {table!r}: columns are {found}, the schema orders them {expected}")


def _fail(table: str, field: str, row: int, value: str, expected: str) -> SchemaError:
    # Row numbers count like a spreadsheet: the header is row 1, the first record row 2.
    return SchemaError(
        f"table {table!r}, field {field!r}, row {row + 2}: got {value!r}, expected {expected}"
    )


def _typed_column(table: str, field: dict[str, Any], column: pd.Series) -> pd.Series:
    """Convert one CSV column (all strings) to its schema type, checking constraints."""
    name, kind = field["name"], field.get("type", "string")
    constraints = field.get("constraints", {})
    missing = column == ""
    if constraints.get("required"):
        for row in column.index[missing]:
            raise _fail(table, name, row, "", "a value (the field is required)")
    for row, value in column[~missing].items():
        if kind == "integer" and not re.fullmatch(r"[+-]?\d+", value):
            raise _fail(table, name, row, value, "an integer")
        if kind == "number":
            try:
                float(value)
            except ValueError:
                raise _fail(table, name, row, value, "a number") from None
        if kind == "boolean" and value not in _TRUE | _FALSE:
            raise _fail(table, name, row, value, "true or false")
        if kind == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise _fail(table, name, row, value, "a date written YYYY-MM-DD")
        if "enum" in constraints and value not in [str(v) for v in constraints["enum"]]:
            raise _fail(table, name, row, value, f"one of {constraints['enum']}")
        if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
            raise _fail(table, name, row, value, f"text matching {constraints['pattern']}")
    typed = pd.Series(_convert(column.where(~missing, None), kind), index=column.index, name=name)
    for bound, ok in (("minimum", lambda v, b: v >= b), ("maximum", lambda v, b: v <= b)):
        if bound in constraints and kind in ("integer", "number"):
            for row, value in typed.dropna().items():
                if not ok(value, constraints[bound]):
                    raise _fail(table, name, row, column[row], f"{bound} {constraints[bound]}")
    if constraints.get("unique"):
        dupes = typed[typed.duplicated(keep="first") & typed.notna()]
        for row, value in dupes.items():
            raise _fail(table, name, row, column[row], "a unique value (it repeats an earlier row)")
    return typed


def _convert(column: pd.Series, kind: str) -> pd.Series | pd.api.extensions.ExtensionArray:
    # An empty cell arrives as None or NaN (pandas' str dtype turns None into NaN): keep it missing.
    values = [v if isinstance(v, str) else None for v in column]
    if kind == "integer":
        return pd.array([None if v is None else int(v) for v in values], dtype="Int64")
    if kind == "number":
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    if kind == "boolean":
        return pd.array([None if v is None else v in _TRUE for v in values], dtype="boolean")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    return column.astype("str")  # missing values stay missing (NaN) in pandas' str dtype


def _check_primary_key(table: str, frame: pd.DataFrame, key: list[str] | str | None) -> None:
    if not key:
        return
    columns = [key] if isinstance(key, str) else list(key)
    dupes = frame[frame.duplicated(subset=columns, keep="first")]
    if len(dupes):
        row = dupes.index[0]
        value = tuple(frame.loc[row, columns])
        raise SchemaError(
            f"table {table!r}, primary key {columns}, row {row + 2}: {value!r} repeats an earlier row"
        )
