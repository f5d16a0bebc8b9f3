"""The library's entry points in ``kg/__init__.py``, as its docstring's notebook session uses them."""
from __future__ import annotations

import subprocess
import sys

import kg
from kg.query import run_query
from kg.records import Record

from conftest import REPO, SEED


def test_the_notebook_session_of_the_docstring(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = kg.open_store("kg-store", must_exist=False)
    assert kg.build([SEED], store).added == 1
    names = {row["name"].value for row in kg.query(store, "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }")}
    assert "Trần Vi Dân" in names
    assert "Trần Vi Dân" in kg.format_table(kg.run_named(store, "event-attendees"), "table")
    assert [type(record) for record in kg.extract_paths([SEED])] == [Record]


def test_extract_and_query_are_the_functions_and_their_packages_still_import():
    assert callable(kg.extract) and kg.query is run_query
    from kg.extract.layout import parse_layout  # noqa: F401
    from kg.query.pool import QueryPool  # noqa: F401


def test_the_version_is_the_installed_one():
    shown = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "--version"], capture_output=True, text=True, cwd=REPO)
    assert kg.__version__ in shown.stdout
