"""The viewer page of ``/view``, drawn in a process of its own: a view of a whole store can take
a minute of CPU and gigabytes, and a thread cannot be stopped, so the drawing process is killed
once the server's timeout is up (or memory is exhausted), and at most ``workers`` draw at once."""
from __future__ import annotations

import importlib
import multiprocessing
import resource
import signal
import threading
from dataclasses import dataclass
from http import HTTPStatus

from ..errors import KgError
from ..store import Store
from .endpoint import HttpError


START_SECONDS = 60
"""How long a drawing process may take to start (Python, the libraries, the store) before its time runs."""


@dataclass(frozen=True, slots=True)
class Selection:
    """What ``/view`` shows, as ``kg view`` takes it."""

    view: str = "all"
    article: str | None = None
    around: str | None = None
    depth: int = 1


def draw(store: Store, selection: Selection) -> str:
    """The page of ``selection``; KgError for an unknown view, article or name, or an empty selection."""
    from ..export.viewer import viewer_html
    from ..export.views import to_networkx

    return viewer_html(to_networkx(store, selection.view, article=selection.article, around=selection.around,
                                   depth=selection.depth))


class Drawer:
    """Draws pages for a server: in a process each (killed past ``timeout``), or here for a
    store held in memory, which no other process can open."""

    def __init__(self, store: Store, timeout: float, workers: int, memory: int) -> None:
        self.store, self.timeout, self.memory = store, timeout, memory
        self._slots = threading.BoundedSemaphore(workers)

    def page(self, selection: Selection) -> str:
        if self.store.path is None:
            return self._here(selection)
        if not self._slots.acquire(blocking=False):
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, "every viewer process is busy; ask again soon",
                            {"Retry-After": "10"})
        try:
            kind, payload = self._in_process(selection)
        finally:
            self._slots.release()
        if kind == "error":
            raise HttpError(HTTPStatus.BAD_REQUEST, payload)
        return payload

    def _here(self, selection: Selection) -> str:
        try:
            return draw(self.store, selection)
        except KgError as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, str(error)) from None

    def _in_process(self, selection: Selection) -> tuple[str, str]:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=False)
        process = context.Process(target=_draw_and_send, args=(theirs, str(self.store.path), selection, self.memory),
                                  daemon=True, name="kg-view")
        process.start()
        theirs.close()
        try:
            if not ours.poll(START_SECONDS) or ours.recv() != ("ready", ""):
                raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, "the process that draws views did not start")
            if not ours.poll(self.timeout):
                raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE,
                                f"the view took longer than {self.timeout:g} s (the server's --timeout) and was "
                                "stopped; narrow it with ?around=NAME or ?article=IRI")
            return ours.recv()
        except EOFError:
            raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, "the view stopped the process that drew it (over the "
                                                              f"{self.memory >> 20} MB a view may use)") from None
        finally:
            if process.is_alive():
                process.kill()
            process.join()
            ours.close()


def _draw_and_send(connection, store_path: str, selection: Selection, memory: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops this
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    for module in ("kg.export.viewer", "kg.export.views"):  # what drawing needs, loaded before its time starts
        importlib.import_module(module)

    try:
        store = Store(store_path, read_only=True)
    except KgError as error:
        connection.send(("ready", ""))
        connection.send(("error", str(error)))
        return
    connection.send(("ready", ""))
    try:
        connection.send(("page", draw(store, selection)))
    except KgError as error:
        connection.send(("error", str(error)))
