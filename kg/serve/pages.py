"""The query page of ``kg serve`` and the files it loads: YASGUI (bundled in ``static/yasgui``,
MIT, served from here so the page works offline) set up by ``static/query.js`` with kg's
prefixes and the named queries of ``schema/queries`` as examples."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from ..query import named_queries
from ..rdf.namespaces import PREFIX_MAP

EXAMPLE = "SELECT ?person ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name LIMIT 20"

STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

QUERY_PAGE_HEADERS = {
    # scripts and styles from this server only (YASGUI sets inline styles); queries go to this server only
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
}


@lru_cache(maxsize=1)
def query_page() -> bytes:
    """The page, its data (prefixes, named queries, the first query) as JSON it does not run."""
    data = {
        "prefixes": PREFIX_MAP,
        "example": EXAMPLE,
        "queries": [{"name": q.name, "title": q.title, "description": q.description, "params": q.params,
                     "text": q.text} for q in named_queries().values()],
    }
    page = resources.files(__package__).joinpath("static", "query.html").read_text(encoding="utf-8")
    return page.replace("/*kg:data*/", json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")).encode("utf-8")


def static_file(path: str) -> tuple[str, bytes] | None:
    """(media type, bytes) of a file under ``static/`` (``/static/yasgui/yasgui.min.js``), or None:
    only the files kg ships, by name, never a path out of the folder."""
    parts = path.split("/")
    suffix = "." + path.rsplit(".", 1)[-1]
    if suffix not in STATIC_TYPES or any(part in ("", ".", "..") for part in parts):
        return None
    entry = resources.files(__package__).joinpath("static", *parts)
    if not entry.is_file():
        return None
    return STATIC_TYPES[suffix], entry.read_bytes()
