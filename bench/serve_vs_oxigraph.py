"""kg serve beside Oxigraph's own server on the same store and the same queries.

    python bench/serve_vs_oxigraph.py STORE [STORE ...] [--runs 15] [--whole people-posts,event-attendees]

Starts ``kg serve --store STORE`` (read-only: queries in its worker pool) and
``oxigraph serve-read-only --location STORE`` (PyPI ``oxigraph``) on free loopback ports,
both reading the same store at once, and sends each the named queries of schema/queries as
``kg query --name`` sends them: the first page (its LIMIT) with the example value of each
parameter, and, for the queries named by ``--whole``, the whole answer. Requests go one at a
time over one kept-alive connection to each server, alternately (the two share the machine's
noise), asking for SPARQL JSON results; each server answers every query once before the
timed runs. Prints a Markdown table: rows, p50 and p95 in ms for each server and the ratio
of the p50s (kg / Oxigraph); the answers must have the same rows.
"""
from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ACCEPT = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} ended before it answered: {' '.join(command)}")
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{' '.join(command)}: no answer on port {port} within 120 s")


def ask(connection: http.client.HTTPConnection, path: str, sparql: str) -> tuple[float, int]:
    """Seconds to the last byte of the answer to a query POSTed to ``path``, and its rows."""
    body = urllib.parse.urlencode({"query": sparql})
    started = time.perf_counter()
    try:
        connection.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
    except OSError:  # the server closed a connection idle past its limit (kg serve: 30 s): connect again
        connection.close()
        started = time.perf_counter()
        connection.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
    response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise SystemExit(f"{connection.host}:{connection.port} answered {response.status}: {data[:300]!r}")
    return elapsed, len(json.loads(data)["results"]["bindings"])


def queries(whole: list[str]) -> dict[str, str]:
    """The named queries as kg query --name sends them (its first page), and the whole answers asked for."""
    from kg.query import named_queries, named_sparql
    from kg.query.tables import NAMED_LIMIT

    found = {}
    for name, query in named_queries().items():
        params = {param: _example(text) for param, text in query.params.items()}
        label = name + "".join(f" ({value})" for value in params.values())
        found[f"{label}, first page"] = named_sparql(name, params, limit=NAMED_LIMIT + 1)
        if name in whole:
            found[f"{label}, whole answer"] = named_sparql(name, params)
    return found


def _example(description: str) -> str:
    match = re.search(r"\(([^()]+)\)\s*$", description)
    return match.group(1) if match else ""


def measure(store: Path, runs: int, whole: list[str]) -> list[dict]:
    kg_port, ox_port = free_port(), free_port()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    servers = [start([sys.executable, "-c", "from kg.cli import main; main()", "serve", "--store", str(store), "--port", str(kg_port), "-q",
                      "--max-rows", "10000000", "--timeout", "600"], kg_port),
               start([oxigraph, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{ox_port}"],
                     ox_port)]
    try:
        kg = http.client.HTTPConnection("127.0.0.1", kg_port, timeout=600)
        ox = http.client.HTTPConnection("127.0.0.1", ox_port, timeout=600)
        rows = []
        for label, sparql in queries(whole).items():
            kg_rows, ox_rows = ask(kg, "/sparql", sparql)[1], ask(ox, "/query", sparql)[1]  # warm both
            if kg_rows != ox_rows:
                raise SystemExit(f"{label}: kg serve gave {kg_rows} rows, Oxigraph {ox_rows}")
            kg_times, ox_times = [], []
            for _ in range(runs):
                kg_times.append(ask(kg, "/sparql", sparql)[0] * 1000)
                ox_times.append(ask(ox, "/query", sparql)[0] * 1000)
            rows.append({"query": label, "rows": kg_rows, "kg": _figures(kg_times), "oxigraph": _figures(ox_times)})
            print(f"  {store.name} {label}: {rows[-1]}", file=sys.stderr, flush=True)
        return rows
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def _figures(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50": statistics.median(ordered), "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]}


def table(store: Path, rows: list[dict]) -> str:
    lines = [f"### {store}", "", "| query | rows | kg serve p50 / p95 ms | oxigraph p50 / p95 ms | kg / oxigraph (p50) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for row in rows:
        kg, ox = row["kg"], row["oxigraph"]
        lines.append(f"| {row['query']} | {row['rows']:,} | {kg['p50']:,.1f} / {kg['p95']:,.1f} | "
                     f"{ox['p50']:,.1f} / {ox['p95']:,.1f} | {kg['p50'] / ox['p50']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stores", nargs="+", type=Path, help="embedded kg stores (kg build ... --store DIR)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each query on each server (default 15)")
    parser.add_argument("--whole", default="people-posts,event-attendees",
                        help="named queries also timed for their whole answer (comma-separated)")
    args = parser.parse_args()
    whole = [name for name in args.whole.split(",") if name]
    for store in args.stores:
        print(table(store, measure(store, args.runs, whole)), flush=True)
        print()


if __name__ == "__main__":
    main()
