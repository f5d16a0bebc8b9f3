"""``kg serve``: the store over the SPARQL 1.1 Protocol and the Graph Store Protocol.

- ``/sparql``: queries by GET (``?query=``) or POST (an urlencoded form or an
  ``application/sparql-query`` body), with ``default-graph-uri``/``named-graph-uri``;
  answers as SPARQL JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, JSON-LD or
  RDF/XML, as the Accept header asks. Updates (``update=`` or
  ``application/sparql-update``) need the server's update token.
- ``/store``: the Graph Store Protocol; GET or HEAD ``?graph=IRI`` (an article's graph) or
  ``?default`` (the merged graph: each triple of the article graphs once); PUT, POST and
  DELETE of a named graph need the token.
- ``/``: the query page, YASGUI (bundled, offline) with kg's prefixes and the named queries
  as examples; entities in its results open ``/view`` around them (``pages``). ``/table``: a
  query box and the answer as a table, for a browser without scripts.
- ``/view``: the interactive graph viewer of ``kg view``, for ``?view=``, ``?article=``,
  ``?around=`` and ``?depth=`` as ``kg view`` takes them, drawn in a process of its own
  (``views``) that is killed past ``timeout``.

Read-only unless started with an update token, which a writer sends as
``Authorization: Bearer TOKEN`` (401 without it, 403 with another). Queries read the store's
merged graph as their default graph; an update is applied and the merged graph brought in
line with the named graphs in the same transaction (``Store.update_and_merge``), so the
default graph is never written directly: write into a named graph. Each query runs in a
worker thread and the client gets 503 when it takes longer than ``timeout``: Oxigraph
cannot stop a query from outside, so the worker stops at its next row and a query that
computes long before its first row runs on unseen, holding one of ``workers`` threads. An
answer of more than ``max_rows`` rows (or triples) is an error, never a silent cut.
SERVICE (a query that calls another endpoint) and LOAD (an update that fetches a document)
are refused unless ``allow_service``, as rdflib's parse of the request finds them.

``handler`` is the WSGI application, ``server`` runs it in waitress, which reads the HTTP
framing (the standard library's server left Content-Length to kg, and got it wrong).
"""
from __future__ import annotations

from .endpoint import Answer, Endpoint, HttpError, Settings
from .handler import App
from .server import Server, make_server

__all__ = ["Answer", "App", "Endpoint", "HttpError", "Server", "Settings", "make_server"]
