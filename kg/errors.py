"""The errors kg reports to users; the CLI turns each into one line and an exit code."""
from __future__ import annotations


class KgError(Exception):
    """Base of every error a user can cause; its message is shown as is."""

    exit_code = 1


class InputError(KgError):
    """An input file or folder that cannot be read as an article."""

    exit_code = 2


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run."""

    exit_code = 2


class QueryTooComplex(QueryError):
    """A query kg does not give to Oxigraph: nested too deeply, or too long, for its stack."""


class QueryForbidden(QueryError):
    """A query or update the server does not run: one that calls another server (SERVICE, LOAD)."""


class StoreError(KgError):
    """A store that cannot be opened or written."""


class StoreDamaged(StoreError):
    """A store whose files kg cannot read (a missing or truncated file of RocksDB, a garbled
    journal): kg changes nothing in its folder, so what is left can still be saved."""
