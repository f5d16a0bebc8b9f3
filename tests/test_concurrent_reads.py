"""Reads never block reads: every command that only reads opens the store read-only, beside
a running ``kg serve`` and other readers; a writer (a build) beside a reader is refused in
one line, as is a reader beside a writer (RocksDB's read-only instance cannot follow one)."""
import json
import subprocess
import sys
import threading
import urllib.parse
import urllib.request

import pytest

from articles import write_small_articles
from kg.errors import StoreError
from kg.pipeline import build
from kg.store import Store

PEOPLE = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }"
IN_USE = "the store is in use by another kg process"


def kg(*args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *args], capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def store_path(tmp_path, seed_path):
    path = tmp_path / "store"
    store = Store(path)
    assert build([seed_path, *write_small_articles(tmp_path / "articles", 2)], store).added == 3
    del store  # closed: the writer's lock goes with it
    return path


def start_server(store_path):
    process = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "serve", "--store",
                                str(store_path), "--port", "0"], stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    assert line.startswith("serving "), line + process.stderr.read()
    threading.Thread(target=process.stderr.read, daemon=True).start()
    return process, line.split(" at ", 1)[1].split(" ", 1)[0]


@pytest.fixture
def server(store_path):
    process, url = start_server(store_path)
    yield url
    process.terminate()
    process.wait(timeout=30)


def served_people(url: str) -> int:
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': PEOPLE})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return int(json.load(answer)["results"]["bindings"][0]["n"]["value"])


def people_in(store_path) -> int:
    done = kg("query", PEOPLE, "--store", str(store_path), "--format", "csv")
    assert done.returncode == 0, done.stderr
    return int(done.stdout.splitlines()[1])


def test_query_and_stats_work_while_kg_serve_runs_on_the_store(store_path, server):
    people = served_people(server)
    assert people_in(store_path) == people > 0
    stats = kg("stats", "--store", str(store_path))
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.split("\n")[0].split() == ["articles", "3"]
    named = kg("query", "--name", "people-by-rank", "--store", str(store_path))
    assert named.returncode == 0 and "rows" in named.stdout, named.stderr
    assert served_people(server) == people  # the server still answers after them


def test_every_reading_command_works_beside_a_server(store_path, server, tmp_path):
    for args in (["export", "--format", "nt", "-o", str(tmp_path / "g.nt")], ["validate"],
                 ["view", "-o", str(tmp_path / "g.html")]):
        done = kg(*args, "--store", str(store_path))
        assert IN_USE not in done.stderr and "writing the store" not in done.stderr, (args, done.stderr)
        assert done.returncode in (0, 1), (args, done.stderr)  # validate: 1 when the store does not conform
    assert (tmp_path / "g.nt").stat().st_size > 0 and (tmp_path / "g.html").stat().st_size > 0


def test_two_readers_at_once(store_path):
    held = Store(store_path, read_only=True)  # one reader holds the store open ...
    expected = people_in(store_path)
    readers = [subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "query", PEOPLE,
                                 "--store", str(store_path), "--format", "csv"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]  # ... while two more read
    for reader in readers:
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err
        assert int(out.splitlines()[1]) == expected
    assert int(next(iter(held.query(PEOPLE)))["n"].value) == expected


def test_a_build_beside_a_server_is_refused_in_one_line_and_goes_through_after_it(store_path, tmp_path):
    process, url = start_server(store_path)
    before = served_people(url)
    new = write_small_articles(tmp_path / "more", 2, start=5)
    try:
        refused = kg("build", *map(str, new), "--store", str(store_path))
        assert refused.returncode == 1
        assert len(refused.stderr.strip().splitlines()) == 1 and IN_USE in refused.stderr
        assert served_people(url) == before  # nothing was written, the server answers as before
    finally:
        process.terminate()
        process.wait(timeout=30)
    built = kg("build", *map(str, new), "--store", str(store_path))
    assert built.returncode == 0, built.stderr
    process, url = start_server(store_path)
    try:
        assert served_people(url) > before  # a server started after the build sees the new articles
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_reader_beside_a_writer_is_refused_in_one_line(store_path):
    writer = Store(store_path)  # as a build holds it
    done = kg("query", PEOPLE, "--store", str(store_path))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Error: {store_path}: a kg process is writing the store (a build, or kg serve --update-token); read it when "
        "that ends, or through the server (--store sparql+http://HOST:PORT/sparql)"]
    del writer
    assert people_in(store_path) > 0


def test_a_writer_is_refused_while_a_reader_holds_the_store(store_path):
    subprocess_reader = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from kg.store import Store; s = Store(sys.argv[1], read_only=True); "
         "print('open', flush=True); time.sleep(60)", str(store_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert subprocess_reader.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=IN_USE):
            Store(store_path)
    finally:
        subprocess_reader.kill()
        subprocess_reader.wait()
    assert len(Store(store_path).articles()) == 3  # the reader gone, the writer opens
