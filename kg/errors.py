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


class OutputError(KgError):
    """A file kg was asked to write that cannot be written (its folder is missing, say)."""

    exit_code = 2


class MissingExtra(KgError):
    """A feature whose optional packages are not installed."""

    exit_code = 2


DISTRIBUTION = "kg-vn-news"
"""kg's name on PyPI (``kg`` there is another project); the command is ``kg``."""
EXTRAS = {
    "trafilatura": ("html", "reading saved web pages"),
    "lxml": ("html", "reading saved web pages"),
    "numpy": ("pictures", "laying out the graph (kg view, png, svg)"),
    "scipy": ("pictures", "laying out the graph (kg view, png, svg)"),
    "matplotlib": ("pictures", "drawing png and svg pictures"),
    "pyshacl": ("validate", "kg validate"),
}
"""The optional packages: the extra that installs each, and what needs it."""


def missing_extra(error: ModuleNotFoundError) -> MissingExtra | None:
    """What a missing optional package means to the user, and how to install it; None for a
    module that is not one of kg's extras (a broken installation, which stays an internal error)."""
    package = (error.name or "").partition(".")[0]
    if package not in EXTRAS:
        return None
    extra, feature = EXTRAS[package]
    return MissingExtra(f"{feature} needs {package}, which is not installed: pip install '{DISTRIBUTION}[{extra}]'")
