"""``kg serve``'s HTTP server: the WSGI application of ``handler`` in waitress, a maintained
server that gets the framing right where the standard library's left it to kg (a negative,
non-numeric or repeated Content-Length is a 400, a body over the limit a 413 before it is
read, a body sent with a GET is that request's body, never a second request), holds slow
clients without a thread each, and closes a connection silent for ``CLIENT_TIMEOUT`` seconds."""
from __future__ import annotations

import waitress

from ..store import Store
from .endpoint import MAX_BODY, Endpoint, Settings
from .handler import App

CLIENT_TIMEOUT = 30
"""Seconds a client may stay silent (a slow or stalled client) before its connection is closed."""
MAX_CONNECTIONS = 500


class Server:
    """The server of one store: ``serve_forever`` answers until ``shutdown``."""

    def __init__(self, endpoint: Endpoint, host: str, port: int) -> None:
        self.endpoint = endpoint
        # threads beyond the query workers: requests for pages and graphs, and those waiting for a worker
        self._server = waitress.create_server(
            App(endpoint), host=host, port=port, threads=max(8, 2 * endpoint.settings.workers + 2),
            max_request_body_size=MAX_BODY, channel_timeout=CLIENT_TIMEOUT, connection_limit=MAX_CONNECTIONS,
            ident="kg-serve", expose_tracebacks=False, clear_untrusted_proxy_headers=True)
        self.server_address = (self._server.effective_host, self._server.effective_port)

    def serve_forever(self) -> None:
        self._server.run()

    def shutdown(self) -> None:
        self._server.close()

    def server_close(self) -> None:
        self._server.close()
        self._server.task_dispatcher.shutdown()


def make_server(store: Store, host: str = "127.0.0.1", port: int = 7878, settings: Settings = Settings()) -> Server:
    """An HTTP server for ``store`` (call ``serve_forever``); port 0 picks a free one."""
    pool = None
    if settings.update_token is None and getattr(store, "read_only", False) and store.path is not None:
        from ..query.pool import QueryPool  # a read-only store: queries in worker processes that can be stopped

        pool = QueryPool(store.path, settings.workers)
    return Server(Endpoint(store, settings, pool), host, port)
