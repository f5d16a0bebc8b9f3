"""kg builds a knowledge graph of Vietnamese official news; this is its library side.

A notebook session::

    import kg
    store = kg.open_store("kg-store", must_exist=False)   # a folder, or sparql+http://HOST:PORT/PATH
    print(kg.build(["data/articles"], store))             # read, extract, map to RDF, write
    for row in kg.query(store, "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } LIMIT 5"):
        print(row["name"].value)

``kg.run_named(store, "event-attendees")`` runs a query of ``schema/queries`` and gives a
table (``kg.format_table(table, "table")`` prints it); ``kg.extract(article)`` gives the
Record of one Article, and ``kg.extract_paths(["data/articles"])`` the Records of every
article under the paths, with no store. docs/architecture.md shows the stages and which
folder holds each.

``kg.extract`` and ``kg.query`` are the functions above; what else their packages hold is
imported from them by name (``from kg.query.pool import QueryPool``).
"""
from __future__ import annotations

from .errors import DISTRIBUTION
from .extract import extract
from .query import format_table, run_named
from .query import run_query as query
from .store import Store, open_store

_PIPELINE = ("build", "extract_paths", "read_inputs")
__all__ = ["Store", "__version__", "extract", "format_table", "open_store", "query", "run_named", *_PIPELINE]


def __getattr__(name: str):
    """The reading and building entry points and the version, looked up when first asked
    for: the pipeline brings the worker pool, and the version importlib.metadata, which
    ``kg --help``, the query workers and ``kg serve`` do without."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(DISTRIBUTION)
        except PackageNotFoundError:  # run from a source tree that was not installed
            return "0+unknown"
    if name in ("build", "extract_paths"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "read_inputs":
        from .read import read_inputs

        return read_inputs
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
