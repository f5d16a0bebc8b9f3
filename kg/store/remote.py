"""A SPARQL 1.1 server as the store: the same named graphs, written and read over HTTP.

``sparql+http://HOST:PORT/PATH`` names the query endpoint ``http://HOST:PORT/PATH``.
Updates go to the same URL unless ``update_url`` (or KG_SPARQL_UPDATE_URL) names another
(Virtuoso: ``/sparql-auth``); credentials come from the options or KG_SPARQL_USER and
KG_SPARQL_PASSWORD, sent as HTTP Digest or Basic, whichever the server asks for.

Where servers part from the standard, kg does not trust them:

- results are read as SPARQL XML: Virtuoso's JSON writes ``true`` as ``"1"``; a false ASK
  that comes back as an empty SELECT is taken for false; a SELECT DISTINCT is made distinct
  here too (Virtuoso keeps repeats that differ only by unbound values);
- a server may cut results at a row limit without saying so in the results (Virtuoso's
  ``ResultSetMaxRows``): a result that comes with ``X-SPARQL-MaxRows`` is an error, not a
  short answer, and kg's own reads go a page or one article graph at a time;
- the server's default graph may hold graphs that are not kg's (Virtuoso's own), so kg's
  reads keep to graphs that hold an article (``kgo:contentHash``);
- a server need not apply an update as one transaction (Virtuoso does not): a batch that
  fails half-way leaves some articles dropped, and the next build writes them again.

The merged graph (each triple of the article graphs once, see ``kg.store``) is the graph
``MERGED_GRAPH`` on the server, kept by the same updates that write and drop articles, and
queries get it as their default graph through the protocol's ``default-graph-uri``, except
a query with a FROM of its own (the protocol's dataset would override it) or with
``GRAPH <IRI>`` (Virtuoso finds nothing in a graph named so when a default graph is given):
those see the server's default graph as before, the union of all graphs. ``GRAPH ?g`` sees
the merged graph as one more graph (and Virtuoso tries an OPTIONAL inside ``GRAPH ?g`` in
every graph: kg's own queries put it outside). A server whose articles were written before the merged
graph existed is queried as before until the next write, which fills the merged graph first.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

import pyoxigraph as ox
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth
from rdflib import Literal

from ..errors import QueryError, StoreError
from ..rdf.namespaces import KGO, PREFIX_MAP
from .base import LINKS_GRAPH, MERGED_GRAPH, GraphStore, StoredArticle, WriteRejected, drop_update, write_update
from .sparql import NOT_CODE, keyword, query_form, results_json, selects_distinct

PAGE_ROWS = 5000
_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIX_MAP.items())
_RESULTS_XML = "application/sparql-results+xml"
_TRIPLES = "application/n-triples, text/turtle;q=0.5"
_OWN_DATASET = re.compile(keyword("FROM").pattern + r"|" + keyword("GRAPH").pattern + r"\s*(?:<>|[\w.-]*:)",
                          re.IGNORECASE)
_CONTENT_HASH = str(KGO.contentHash)


class RemoteStore(GraphStore):
    """The article graphs on a SPARQL server, through the SPARQL 1.1 Protocol, and their
    merged graph ``MERGED_GRAPH``."""

    merged_graph = MERGED_GRAPH

    def __init__(self, location: str, *, update_url: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 600.0) -> None:
        self.location = location
        self.query_url = location.removeprefix("sparql+")
        self.update_url = update_url or os.environ.get("KG_SPARQL_UPDATE_URL") or self.query_url
        user = user or os.environ.get("KG_SPARQL_USER")
        password = password if password is not None else os.environ.get("KG_SPARQL_PASSWORD", "")
        self._credentials = (user, password) if user else None
        self._update_auth: requests.auth.AuthBase | None = None
        self._session = requests.Session()
        self._timeout = timeout
        self._merged: bool | None = None  # whether the server holds the merged graph (None: not asked yet)

    def query(self, sparql: str):
        """SELECT and ASK answers as pyoxigraph results, CONSTRUCT and DESCRIBE as a list of triples."""
        merged = not _OWN_DATASET.search(NOT_CODE.sub(_keep_iri, sparql)) and self._has_merged_graph()
        return self._query(sparql, MERGED_GRAPH if merged else None)

    def _query(self, sparql: str, default_graph: str | None):
        form = query_form(sparql)
        triples = form in ("CONSTRUCT", "DESCRIBE")
        request = {"query": _PROLOGUE + sparql}
        if default_graph:
            request["default-graph-uri"] = default_graph
        response = self._post(self.query_url, request, accept=_TRIPLES if triples else _RESULTS_XML)
        if response.status_code == 400:
            raise QueryError(f"invalid SPARQL: {_message(response)}")
        if not response.ok:
            raise QueryError(f"query failed: {self.query_url} answered {response.status_code}: {_message(response)}")
        if "X-SPARQL-MaxRows" in response.headers:
            raise QueryError(f"{self.query_url} cut the result at {response.headers['X-SPARQL-MaxRows']} rows "
                             "(its ResultSetMaxRows); add a LIMIT or raise the server's limit")
        media_type = response.headers.get("Content-Type", "")
        try:
            if triples:
                return list(ox.parse(response.content, format=ox.RdfFormat.from_media_type(media_type)
                                     or ox.RdfFormat.N_TRIPLES))
            results = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.from_media_type(media_type)
                                             or ox.QueryResultsFormat.XML)
        except SyntaxError as error:
            raise QueryError(f"{self.query_url} sent a result kg cannot read ({media_type}): {error}") from None
        if isinstance(results, ox.QuerySolutions) and form == "ASK":
            return _boolean(results)
        if isinstance(results, ox.QuerySolutions) and selects_distinct(sparql):
            return _distinct(results)
        return results

    def _has_merged_graph(self) -> bool:
        """Whether the server holds the merged graph, or nothing yet (asked once)."""
        if self._merged is None:
            self._merged = bool(self._query(f"ASK {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }}", None)) or \
                not bool(self._query(f"ASK {{ GRAPH ?g {{ ?g <{_CONTENT_HASH}> ?hash }} }}", None))
        return self._merged

    def merge(self) -> None:
        """Fill the merged graph from the article graphs: once, for a server whose articles were
        written before kg kept it."""
        self.update(f"INSERT {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?g <{_CONTENT_HASH}> ?hash . "
                    f"?s ?p ?o }} FILTER (?g != <{MERGED_GRAPH}>) }}")
        self._merged = True

    def write_articles(self, writes) -> None:
        """Write a batch of article graphs with one update; the merged graph loses only what
        graphs the server holds state (a query first asks which: deleting from the merged
        graph what an absent graph states costs Virtuoso more)."""
        if not writes:
            return
        if not self._has_merged_graph():
            self.merge()
        graphs = list(dict.fromkeys(iri for write in writes for iri in (write.iri, *write.replaces)))
        self.update(write_update(writes, merged_graph=MERGED_GRAPH, stored=self._stored(graphs)))

    def remove_articles(self, articles) -> None:
        if not articles:
            return
        if not self._has_merged_graph():
            self.merge()
        graphs = list(dict.fromkeys(str(article) for article in articles))
        self.update(" ;\n".join(drop_update(graphs, merged_graph=MERGED_GRAPH, stored=self._stored(graphs))))

    def _stored(self, graphs: list[str]) -> set[str]:
        """Those of ``graphs`` that hold a triple on the server."""
        values = " ".join(f"<{iri}>" for iri in graphs)
        rows = self.query(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}")
        return {row["g"].value for row in rows}

    def update(self, sparql: str) -> None:
        response = self._post(self.update_url, sparql.encode("utf-8"),
                              content_type="application/sparql-update; charset=utf-8", authenticate=True)
        if response.ok:
            return
        if response.status_code == 401:
            who = "refused the credentials" if self._credentials else \
                "wants credentials: --user/--password or KG_SPARQL_USER/KG_SPARQL_PASSWORD"
            raise StoreError(f"{self.update_url} {who}")
        if response.status_code in (400, 413):
            raise WriteRejected(f"{self.update_url} refused the update: {_message(response)}")
        raise StoreError(f"{self.update_url} answered {response.status_code} to an update: {_message(response)}")

    def catalogue(self) -> list[StoredArticle]:
        """Every article, a page at a time, in IRI order (no OFFSET: Virtuoso refuses deep ones)."""
        found: list[StoredArticle] = []
        after = ""
        while True:
            # the OPTIONAL outside GRAPH: inside, Virtuoso also tries it in the merged graph, which
            # holds the same triple, and adds a row without ?source
            page = (f"SELECT ?article ?hash ?source WHERE {{ GRAPH ?article {{ ?article kgo:contentHash ?hash }} "
                    f"OPTIONAL {{ GRAPH ?article {{ ?article kgo:sourcePath ?source }} }} "
                    f"FILTER (STR(?article) > {Literal(after).n3()}) }} ORDER BY STR(?article) LIMIT {PAGE_ROWS}")
            rows = [StoredArticle(row["article"].value, row["hash"].value,
                                  row["source"].value if row["source"] is not None else None)
                    for row in self.query(page)]
            found += rows
            if len(rows) < PAGE_ROWS:
                return found
            after = rows[-1].iri

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of each article graph, one request per article, and of the graph of links."""
        for name in [*self.articles(), LINKS_GRAPH]:
            graph = ox.NamedNode(name)
            for row in self.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"):
                yield ox.Quad(row["s"], row["p"], row["o"], graph)

    def __len__(self) -> int:
        """The number of quads in the article graphs and the graph of links."""
        articles = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g kgo:contentHash ?hash . ?s ?p ?o } }")
        links = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s ?p ?o }} }}")
        return sum(int(next(iter(rows))["n"].value) for rows in (articles, links))

    def _post(self, url: str, data, *, accept: str = _RESULTS_XML, content_type: str | None = None,
              authenticate: bool = False) -> requests.Response:
        headers = {"Accept": accept}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            response = self._session.post(url, data=data, headers=headers, timeout=self._timeout,
                                          auth=self._update_auth if authenticate else None)
            if response.status_code == 401 and authenticate and self._credentials and self._update_auth is None:
                self._update_auth = _auth_for(response, *self._credentials)
                response = self._session.post(url, data=data, headers=headers, timeout=self._timeout,
                                              auth=self._update_auth)
        except requests.RequestException as error:
            raise StoreError(f"{url}: cannot reach the SPARQL server ({error})") from None
        return response


def _keep_iri(match: re.Match) -> str:
    """An IRI as ``<>``, a string or comment as a space: what is left is the query's code."""
    return "<>" if match.group().startswith("<") else " "


def _boolean(results: ox.QuerySolutions) -> ox.QueryBoolean:
    """An ASK answer that came as solutions: Virtuoso sometimes answers a false ASK as a
    SELECT of ``__ASK_RETVAL`` with no row."""
    data = json.dumps(results_json([], [], boolean=any(True for _ in results))).encode("utf-8")
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)


def _distinct(results: ox.QuerySolutions) -> ox.QuerySolutions:
    """The solutions without repeats. Virtuoso's DISTINCT takes two unbound values for
    different (as SQL's NULLs), so an OPTIONAL that binds nothing repeats rows."""
    variables = [variable.value for variable in results.variables]
    rows = list(dict.fromkeys(tuple(solution[name] for name in variables) for solution in results))
    data = json.dumps(results_json(variables, rows)).encode("utf-8")
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)


def _auth_for(challenge: requests.Response, user: str, password: str) -> requests.auth.AuthBase:
    """Digest or Basic authentication, as the server's challenge asks."""
    if challenge.headers.get("WWW-Authenticate", "").lower().startswith("digest"):
        return HTTPDigestAuth(user, password)
    return HTTPBasicAuth(user, password)


def _message(response: requests.Response, limit: int = 400) -> str:
    """The server's error message, without the query it echoes back (Virtuoso does)."""
    text = response.text.split("\n\nSPARQL query:", 1)[0].strip() or response.reason
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
