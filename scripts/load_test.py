"""A bounded load test of ``kg serve`` on loopback: CLIENTS threads send queries for SECONDS.

    python scripts/load_test.py STORE [--clients 20] [--seconds 30] [--timeout 5]

Starts ``kg serve`` (read-only, as a public endpoint runs) on a free port of 127.0.0.1 for
STORE, and has each client send, one after another, a mix of the named queries and small
ad-hoc ones, except the first client, which sends nothing but a cross join that outruns the
server's --timeout, to check that the limits hold under load and cost the others nothing. Prints requests per second, latency
percentiles, the answers by HTTP status, and the memory of the server and its query
workers (sampled every half second); exits 1 when a request failed other than by a stated
limit (503 for the cross join) or the server stopped answering.
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

QUERIES = [
    "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?org ?label WHERE { ?org a org:Organization ; skos:prefLabel ?label } LIMIT 50",
    "ASK { ?e a schema:Event }",
    "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }",
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, status: int | str, expected: tuple, what: str) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] += 1
            if status not in expected:
                self.unexpected.append(f"{status} for {what[:60]}")


def named_query_texts() -> list[str]:
    """The shipped named queries without parameters set, as a user's tool would send them."""
    from kg.query import named_queries

    return [query.text for query in named_queries().values()]


def start_server(store: Path, timeout: float) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--store", str(store), "--port", "0",
         "--timeout", str(timeout)], stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    if not line.startswith("serving "):
        process.kill()
        raise SystemExit(f"kg serve did not start: {line}{process.stderr.read()}")
    threading.Thread(target=process.stderr.read, daemon=True).start()  # its request log, unread
    return process, line.split(" at ", 1)[1].split(" ", 1)[0]


def memory_kb(pid: int) -> int:
    """Resident memory of a process and its children (the query workers), in kB."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = dict(line.split(":", 1) for line in (entry / "status").read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if int(entry.name) == pid or int(status.get("PPid", "0")) == pid:
            total += int(status.get("VmRSS", "0 kB").split()[0])
    return total


def client(url: str, queries: list[str], until: float, tally: Tally, timeout: float, runaway: bool) -> None:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout + 30)
    sent = 0
    while time.monotonic() < until:
        sparql = RUNAWAY if runaway else queries[sent % len(queries)]
        sent += 1
        body = urllib.parse.urlencode({"query": sparql})
        started = time.monotonic()
        try:
            connection.request("POST", parts.path, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                          "Accept": "application/sparql-results+json, text/turtle"})
            response = connection.getresponse()
            response.read()
            status: int | str = response.status
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            connection.close()
        tally.add(time.monotonic() - started, status, (503,) if runaway else (200,), sparql)


def run(store: Path, clients: int, seconds: float, timeout: float) -> dict:
    """The figures of one load test; the server is started and stopped here."""
    process, url = start_server(store, timeout)
    queries = QUERIES + named_query_texts()
    tally = Tally()
    samples: list[int] = []
    try:
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(url, queries[i:] + queries[:i], until, tally, timeout, i == 0))
                   for i in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            samples.append(memory_kb(process.pid))
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        alive = process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=30)
    latencies = sorted(tally.latencies)
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "latency_ms": {"median": round(statistics.median(latencies) * 1000, 1),
                       "p95": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
                       "max": round(latencies[-1] * 1000, 1)} if latencies else {},
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items(), key=str)},
        "unexpected": tally.unexpected[:20], "unexpected_count": len(tally.unexpected),
        "memory_mb": {"first": round(samples[0] / 1024, 1) if samples else None,
                      "max": round(max(samples) / 1024, 1) if samples else None,
                      "last": round(samples[-1] / 1024, 1) if samples else None},
        "server_alive": alive,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path, help="a kg store folder (kg build ... --store STORE)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--timeout", type=float, default=5, help="the server's --timeout")
    args = parser.parse_args()
    figures = run(args.store, args.clients, args.seconds, args.timeout)
    print(json.dumps(figures, indent=2))
    sys.exit(0 if figures["server_alive"] and not figures["unexpected_count"] else 1)


if __name__ == "__main__":
    main()
