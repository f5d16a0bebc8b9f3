"""Time the path past one machine's store: a built store written as N-Quads shards
(``kg.store.shards``, what ``kg build --nquads-out`` does after the build), then the shards
bulk-loaded into a fresh Virtuoso of this script's own (``kg bulk-load``), and one named
query on both to see the load answers.

    kg build CORPUS --store STORE          # timed on its own (/usr/bin/time)
    python bench/bulk_load.py STORE --work DIR [--buffers-gb 4] [--loaders 1]

It prints the wall and CPU seconds of each step, the shards' size and the server's
database size. DIR is made; its virtuoso/ holds the database (deleted with --clean).
"""
from __future__ import annotations

import argparse
import resource
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path

from kg.query import run_named
from kg.store import Store
from kg.store.remote import RemoteStore
from kg.store.shards import SHARD_QUADS, write_shards
from kg.store.virtuoso import bulk_load, find_isql

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {work}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def server_cpu(folder: Path) -> float:
    """CPU seconds of the server process so far (its pid from the lock file)."""
    pid = next(line.split("=", 1)[1] for line in (folder / "virtuoso.lck").read_text().splitlines()
               if line.startswith("VIRT_PID="))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime, stime in clock ticks (100 a second here)


def size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="a store kg build made")
    parser.add_argument("--work", required=True, help="a new folder: shards/ and virtuoso/ go there")
    parser.add_argument("--buffers-gb", type=float, default=4.0, help="Virtuoso's buffers (8 kB pages), in GB")
    parser.add_argument("--loaders", type=int, default=1)
    parser.add_argument("--shard-quads", type=int, default=SHARD_QUADS)
    parser.add_argument("--clean", action="store_true", help="delete the database and shards at the end")
    args = parser.parse_args()
    work = Path(args.work).resolve()
    work.mkdir(parents=True)
    store = Store(args.store, read_only=True)

    start, cpu = time.perf_counter(), cpu_seconds()
    shards = write_shards(store, work / "shards", shard_quads=args.shard_quads)
    print(f"shards: {len(shards.shards)} files, {shards.articles:,} articles, {shards.quads:,} quads "
          f"({shards.article_quads:,} in article graphs, {shards.merged_triples:,} merged), {shards.bytes:,} bytes; "
          f"{time.perf_counter() - start:.1f} s wall, {cpu_seconds() - cpu:.1f} s CPU")

    folder = work / "virtuoso"
    folder.mkdir()
    buffers = int(args.buffers_gb * (1 << 30) / 8192)
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(folder=folder, work=work, sql_port=sql_port, http_port=http_port,
                                                    buffers=buffers, dirty=buffers * 3 // 4))
    subprocess.run(["virtuoso-t", "-c", "virtuoso.ini", "+wait"], cwd=folder, check=True, capture_output=True)
    password = secrets.token_hex(8)
    subprocess.run([find_isql(), f"127.0.0.1:{sql_port}", "dba", "dba", f"exec=user_set_password('dba', '{password}');"],
                   check=True, capture_output=True)
    try:
        start, cpu = time.perf_counter(), server_cpu(folder)
        report = bulk_load(shards, address=f"127.0.0.1:{sql_port}", user="dba", password=password,
                           loaders=args.loaders)
        total = time.perf_counter() - start
        print(f"bulk load: {report.seconds:.1f} s wall loading and checkpoint ({report.quads / report.seconds:,.0f} "
              f"quads/s), {total:.1f} s with kg's checks before and after; server CPU {server_cpu(folder) - cpu:.1f} s; "
              f"database {size(folder):,} bytes")
        remote = RemoteStore(f"sparql+http://127.0.0.1:{http_port}/sparql")
        for name in ("people-by-rank", "article-summary"):
            start = time.perf_counter()
            rows = run_named(remote, name, {}, limit=None).rows
            same = rows == run_named(store, name, {}, limit=None).rows
            print(f"{name} on the server: {len(rows):,} rows in {time.perf_counter() - start:.1f} s, "
                  f"{'the same as' if same else 'NOT the same as'} the embedded store's")
    finally:
        subprocess.run([find_isql(), f"127.0.0.1:{sql_port}", "dba", password, "exec=shutdown;"], capture_output=True)
        if args.clean:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
