"""kg's benchmarks at growing sizes, printed as one table (Markdown).

    python bench/run.py ARTICLES_DIR [--work DIR] [--sizes 1000,10000,50000]
        [--build-sizes 1000,10000,50000] [--rdflib-sizes 1000,10000] [--runs 20] [--jobs N]
        [--steps extract,build,load,queries] [--reuse]

ARTICLES_DIR holds the real articles (../shared/corpus/articles); bench/generate.py scales
them to the largest size, and the smaller sizes are its first articles. Measured, each step
in a process of its own (its memory is the peak resident size of that process and its
workers, sampled every 0.1 s):

1. extraction only (records) and extraction with mapping (N-Triples), articles per second,
   on one core and on all cores (worker processes, as ``kg build`` runs them);
2. the whole build (``kg.pipeline.build``) into an embedded store on disk, articles and
   triples per second, peak memory, and the cost of each thousand articles as the store grows;
3. bulk load of each size's N-Triples dump (the union of its article graphs) into a new
   embedded store, and into rdflib's in-memory Graph, the baseline;
4. the named queries of schema/queries (with the example value of their parameter, and without
   it; the first page, as ``kg query --name`` gives it, with the count of the rest) and three
   heavier ones, p50 and p95 over ``--runs`` runs, on the embedded store of each size (the
   store its build made; without a build, its article graphs and their merged graph
   bulk-loaded from the quads a build writes) and
   on rdflib's Graph holding the same triples (a query stops early after ``--query-budget``
   seconds, and is given up after ``--query-timeout``);
5. how the figures grow with the size.

Wall-clock figures depend on what else the machine runs: the table gives the load average
and, for the build, CPU seconds per article as well. Results are kept in WORK/results;
``--reuse`` prints them again without measuring what is already there.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DEFAULT_BASE = "https://w3id.org/kg-vn/id/"
HEAVY_QUERIES = {
    "2-hop join: person -> post -> organisation": """
        SELECT ?name ?organization WHERE {
          ?person org:holds ?post . ?post org:postIn ?unit .
          ?person schema:name ?name . ?unit skos:prefLabel ?organization .
        }""",
    "GROUP BY over all people (articles per person)": """
        SELECT ?person (COUNT(DISTINCT ?article) AS ?articles) WHERE {
          ?article schema:mentions ?person . ?person a schema:Person .
        } GROUP BY ?person ORDER BY DESC(?articles) ?person LIMIT 20""",
    "name prefix search ('Nguyễn Văn')": """
        SELECT DISTINCT ?person ?name WHERE {
          ?person a schema:Person ; schema:name ?name .
          FILTER(STRSTARTS(?name, "Nguyễn Văn"))
        } ORDER BY ?name""",
}


# ----------------------------------------------------------------------------- steps
# Each runs in a child process: ``bench/run.py --step JSON`` prints one JSON object.

def step_extract(paths: list[str], jobs: int, stage: str) -> dict:
    """Records (``extract_article``) or records mapped to N-Triples (``map_article``) of the
    articles under ``paths``, read beforehand; workers are started and their lexicons loaded
    before the clock starts."""
    from functools import partial

    from kg.pipeline import extract_article, map_article, start_worker
    from kg.read import ReadFailure, read_inputs

    articles = [item for item in read_inputs(paths) if not isinstance(item, ReadFailure)]
    work = extract_article if stage == "records" else partial(map_article, base=DEFAULT_BASE)
    failures = 0
    if jobs == 1:
        start_worker()  # as kg build's workers start
        work(articles[0])
        started, cpu = time.perf_counter(), time.process_time()
        for article in articles:
            failures += isinstance(work(article), ReadFailure)
        return _rate(len(articles), started, cpu, failures=failures)
    with _pool(jobs) as pool:
        started, cpu = time.perf_counter(), _cpu_with_children()
        for result in pool.map(work, articles, chunksize=8):
            failures += isinstance(result, ReadFailure)
        result = _rate(len(articles), started, cpu, failures=failures, children=True)
    return result


def step_dump(paths: list[str], jobs: int, out: str) -> dict:
    """The article graphs of ``paths`` as N-Quads, one file per folder (bench/generate.py
    writes a thousand articles a folder): what a build writes, for the loads and queries."""
    from functools import partial

    from kg.pipeline import map_article
    from kg.read import ReadFailure, read_inputs

    Path(out).mkdir(parents=True, exist_ok=True)
    articles = [item for item in read_inputs(paths) if not isinstance(item, ReadFailure)]
    quads = failures = 0
    files: dict[str, object] = {}
    with _pool(jobs) as pool:
        started, cpu = time.perf_counter(), _cpu_with_children()
        for article, mapped in zip(articles, pool.map(partial(map_article, base=DEFAULT_BASE), articles,
                                                      chunksize=8)):
            if isinstance(mapped, ReadFailure):
                failures += 1
                continue
            folder = Path(article.source).parent.name
            if folder not in files:
                files[folder] = open(Path(out) / f"{folder}.nq", "w", encoding="utf-8")
            files[folder].write(mapped.ntriples.replace(" .\n", f" <{mapped.iri}> .\n"))
            quads += mapped.triples
        for handle in files.values():
            handle.close()
        result = _rate(len(articles), started, cpu, failures=failures, children=True)
    result["quads"] = quads
    return result


def step_build(paths: list[str], jobs: int, store: str) -> dict:
    """``kg.pipeline.build`` into a new store on disk, with the time of every thousand articles."""
    from kg.pipeline import build
    from kg.store import Store

    shutil.rmtree(store, ignore_errors=True)
    target = Store(store)
    marks: list[tuple[int, float, float]] = []
    done = 0

    def on_article(_source: str) -> None:
        nonlocal done
        done += 1
        if done % 1000 == 0:
            marks.append((done, time.perf_counter(), _cpu_with_children()))

    started, cpu = time.perf_counter(), _cpu_with_children()
    report = build(paths, target, jobs=jobs, on_article=on_article)
    result = _rate(report.added, started, cpu, failures=len(report.failed), children=True)
    result["quads"] = len(target)
    previous = (0, started, cpu)
    result["segments"] = []
    for mark in marks:
        count = mark[0] - previous[0]
        result["segments"].append({"articles": mark[0], "wall_ms": 1000 * (mark[1] - previous[1]) / count,
                                   "cpu_ms": 1000 * (mark[2] - previous[2]) / count})
        previous = mark
    return result


def step_load_oxigraph(source: str, store: str, format: str) -> dict:
    """Bulk load of a file into a new embedded store on disk: an N-Triples file with Oxigraph's
    ``Store.bulk_load``; an N-Quads file of article graphs with ``kg.store.Store.bulk_load_articles``,
    which adds their merged graph (the default graph kg's queries read) as ``kg build`` does.
    ``triples``: the quads of the article graphs, or the triples of the N-Triples file."""
    import pyoxigraph as ox

    shutil.rmtree(store, ignore_errors=True)
    if format == "nq":
        from kg.store import Store

        target = Store(store)
        started, cpu = time.perf_counter(), time.process_time()
        target.bulk_load_articles(source)
    else:
        target = ox.Store(store)
        started, cpu = time.perf_counter(), time.process_time()
        target.bulk_load(path=source, format=ox.RdfFormat.N_TRIPLES)
    target.flush()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    count = len(target)
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "triples": count, "per_second": count / seconds,
            "peak_rss_mb": _own_peak_rss()}


def step_load_rdflib(source: str) -> dict:
    """rdflib's in-memory Graph parsing an N-Triples file."""
    from rdflib import Graph

    graph = Graph()
    started, cpu = time.perf_counter(), time.process_time()
    graph.parse(source, format="nt")
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "triples": len(graph),
            "per_second": len(graph) / seconds, "peak_rss_mb": _own_peak_rss()}


def step_queries(engine: str, source: str, runs: int, budget: float, timeout: float, skip: list[str]) -> dict:
    """p50 and p95 of every query: on the embedded store in folder ``source`` through
    kg.query (as ``kg query`` runs them), or on rdflib's Graph of the N-Triples file ``source``.
    A named query's run is its first page as ``kg query --name`` gives it: the default limit's
    rows (one more asked, to know there are more), then, only when there are, their count (up
    to ``kg.query.COUNT_CAP`` rows past the page).
    Each query runs in a process of its own, forked, and is given up after ``timeout``
    seconds; those in ``skip`` (given up at a smaller size) are not run."""
    from kg.rdf.namespaces import PREFIXES
    from kg.query import (COUNT_CAP, bind_literals, check_params, counted, named_queries, paged, run_select,
                          search_words, with_given)
    from kg.query.tables import NAMED_LIMIT

    queries: dict[str, tuple[str, ...]] = {}
    for name, query in named_queries().items():
        example = check_params(query, {param: _example(description) for param, description in query.params.items()})
        for params in [example, {}] if example else [{}]:  # a query with parameters: also its unfiltered list
            text, bound = with_given(query.text, params), {**params, **search_words(params)}
            label = "".join(f" ({value})" for value in params.values()) or (", every row" if example else "")
            queries[f"{name}{label}"] = (bind_literals(paged(text, NAMED_LIMIT + 1), bound),
                                         bind_literals(counted(text, NAMED_LIMIT + COUNT_CAP), bound))
    queries.update((name, (sparql,)) for name, sparql in HEAVY_QUERIES.items())
    if engine == "oxigraph":
        opened = []

        def run(sparql: str) -> list:
            """The store is opened once in each forked process (its threads are not forked), as a
            server keeps it open: the runs time the query, not the opening of the database."""
            if not opened:
                from kg.store import Store

                opened.append(Store(source, read_only=True))
            return run_select(opened[0], sparql).rows
    else:
        from rdflib import Graph

        graph = Graph()
        graph.parse(source, format="nt")

        def run(sparql: str) -> list:
            return [[None if cell is None else str(cell) for cell in row]
                    for row in graph.query(sparql, initNs=PREFIXES)]

    def answer(texts: tuple[str, ...]) -> int:
        """How many rows the query has: a named query's first page, then its count if there are more."""
        rows = run(texts[0])
        if len(texts) == 1 or len(rows) <= NAMED_LIMIT:
            return len(rows)
        return int(run(texts[1])[0][0])

    results = {}
    for name, texts in queries.items():
        if name in skip:
            results[name] = {"skipped": True}
            continue
        results[name] = _in_fork(lambda: _repeat(answer, texts, runs, budget), timeout) or {"timed_out": timeout}
        print(f"  {engine} {name}: {results[name]}", file=sys.stderr, flush=True)
    return {"queries": results, "peak_rss_mb": _own_peak_rss()}


def _repeat(run, query, runs: int, budget: float) -> dict:
    """A warm-up run, then up to ``runs`` timed runs, fewer when they pass ``budget`` seconds."""
    rows = run(query)
    times: list[float] = []
    spent = time.perf_counter()
    while len(times) < runs and (not times or time.perf_counter() - spent < budget):
        started = time.perf_counter()
        run(query)
        times.append(1000 * (time.perf_counter() - started))
    return {"rows": rows, "runs": len(times), "p50_ms": statistics.median(times), "p95_ms": _percentile(times, 95)}


def _in_fork(work, timeout: float) -> dict | None:
    """``work()`` in a forked process; None when it takes longer than ``timeout`` seconds."""
    import select
    import signal

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            os.write(write, json.dumps(work()).encode())
        finally:
            os._exit(0)
    os.close(write)
    ready, _, _ = select.select([read], [], [], timeout)
    if not ready:
        os.kill(pid, signal.SIGKILL)
    data = b""
    while ready and (chunk := os.read(read, 65536)):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    return json.loads(data) if data else None


def _example(description: str) -> str:
    """The example value a named query's parameter description ends with: '... (Bộ Công an)'."""
    match = re.search(r"\(([^()]+)\)\s*$", description)
    return match.group(1) if match else ""


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def _pool(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.pipeline import start_worker

    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker)
    list(pool.map(abs, range(4 * jobs)))  # every worker started and warmed up before the clock starts
    return pool


def _cpu_with_children() -> float:
    """CPU seconds of this process, its ended children and its live descendants (workers)."""
    times = os.times()
    live = sum(_cpu_of(pid) for pid in _descendants(os.getpid()) if pid != os.getpid())
    return times.user + times.system + times.children_user + times.children_system + live


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _rate(count: int, started: float, cpu: float, *, failures: int = 0, children: bool = False) -> dict:
    seconds = time.perf_counter() - started
    cpu_seconds = (_cpu_with_children() if children else time.process_time()) - cpu
    return {"articles": count, "failures": failures, "seconds": seconds, "cpu_seconds": cpu_seconds,
            "per_second": count / seconds, "cpu_ms_per_article": 1000 * cpu_seconds / max(count, 1)}


def _own_peak_rss() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


STEP_KINDS = ("extract", "build", "load", "queries")
STEPS = {"extract": step_extract, "dump": step_dump, "build": step_build, "load_oxigraph": step_load_oxigraph,
         "load_rdflib": step_load_rdflib, "queries": step_queries}


# ----------------------------------------------------------------------- orchestration

class Bench:
    def __init__(self, args) -> None:
        self.args = args
        self.work: Path = args.work
        self.results_dir = self.work / "results"
        self.results_dir.mkdir(parents=True, exist_ok=True)
        self.results: dict[str, dict] = {}

    def step(self, key: str, name: str, **spec) -> dict:
        """Run a step in a child process (or take its kept result with --reuse)."""
        kept = self.results_dir / f"{key}.json"
        if self.args.reuse and kept.exists():
            self.results[key] = json.loads(kept.read_text())
            return self.results[key]
        print(f"[{time.strftime('%H:%M:%S')}] {key} ...", file=sys.stderr, flush=True)
        load_before = os.getloadavg()[0]
        child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--step",
                                  json.dumps({"name": name, **spec})], stdout=subprocess.PIPE, text=True)
        peak = _watch_rss(child)
        out, _ = child.communicate()
        if child.returncode != 0:
            raise SystemExit(f"Error: the step {key} failed (exit code {child.returncode})")
        result = json.loads(out.strip().splitlines()[-1])
        result["tree_peak_rss_mb"] = peak()
        result["load_average"] = [load_before, os.getloadavg()[0]]
        kept.write_text(json.dumps(result, ensure_ascii=False, indent=1))
        self.results[key] = result
        return result

    def corpus(self) -> Path:
        """The generated corpus of the largest size (generated once per source, size and seed)."""
        folder = self.work / "corpus"
        stamp = folder / "GENERATED"
        wanted = f"{self.args.articles_dir.resolve()} {max(self.args.sizes)} seed={self.args.seed}"
        if not stamp.exists() or stamp.read_text().strip() != wanted:
            shutil.rmtree(folder, ignore_errors=True)
            print(f"[{time.strftime('%H:%M:%S')}] generating {max(self.args.sizes)} articles ...", file=sys.stderr)
            subprocess.run([sys.executable, str(BENCH / "generate.py"), str(self.args.articles_dir), str(folder),
                            "--articles", str(max(self.args.sizes)), "--seed", str(self.args.seed)], check=True)
            stamp.write_text(wanted + "\n")
        return folder

    def paths(self, size: int) -> list[str]:
        return [str(self.work / "corpus" / f"{index:03d}") for index in range(size // 1000)]

    def files(self, size: int) -> tuple[Path, Path]:
        """The size's article graphs as N-Quads and their union as N-Triples (no duplicates)."""
        quads, triples = self.work / "dumps" / f"{size}.nq", self.work / "dumps" / f"{size}.nt"
        if not (quads.exists() and triples.exists()):
            with open(quads, "wb") as out:
                for index in range(size // 1000):
                    with open(self.work / "dumps" / "chunks" / f"{index:03d}.nq", "rb") as chunk:
                        shutil.copyfileobj(chunk, out)
            strip = subprocess.Popen(["sed", "-E", r"s/ <[^>]*> \.$/ ./", str(quads)], stdout=subprocess.PIPE)
            with open(triples, "wb") as out:
                subprocess.run(["sort", "-u", "-S", "25%", "-T", str(self.work)], stdin=strip.stdout, stdout=out,
                               env={**os.environ, "LC_ALL": "C"}, check=True)
            strip.wait()
        return quads, triples

    def run(self) -> None:
        args, jobs, steps = self.args, self.args.jobs, self.args.steps
        self.corpus()
        largest = max(args.sizes)
        if "extract" in steps:
            for size in args.extract_sizes:
                for stage in ("records", "mapped"):
                    if size <= args.one_core_max:
                        self.step(f"extract-{stage}-1-{size}", "extract", paths=self.paths(size), jobs=1, stage=stage)
                    self.step(f"extract-{stage}-{jobs}-{size}", "extract", paths=self.paths(size), jobs=jobs,
                              stage=stage)
        if "build" in steps:
            for size in args.build_sizes:
                self.step(f"build-{size}", "build", paths=self.paths(size), jobs=jobs,
                          store=str(self.work / f"build-{size}"))
                if "queries" not in steps:
                    shutil.rmtree(self.work / f"build-{size}", ignore_errors=True)
        if not {"load", "queries"} & set(steps):
            return
        (self.work / "dumps").mkdir(exist_ok=True)
        self.step(f"dump-{largest}", "dump", paths=self.paths(largest), jobs=jobs,
                  out=str(self.work / "dumps" / "chunks"))
        for size in args.sizes:
            quads, triples = self.files(size)
            if "load" in steps:
                self.step(f"load-oxigraph-nt-{size}", "load_oxigraph", source=str(triples),
                          store=str(self.work / "nt-store"), format="nt")
                shutil.rmtree(self.work / "nt-store", ignore_errors=True)
                if size in args.rdflib_sizes:
                    self.step(f"load-rdflib-{size}", "load_rdflib", source=str(triples))
            if "queries" not in steps:
                continue
            store = self.work / f"build-{size}"  # the store kg build made, else the same quads bulk-loaded
            measured = self.args.reuse and (self.results_dir / f"queries-oxigraph-{size}.json").exists()
            if not measured and (not (store / "CURRENT").is_file() or f"build-{size}" not in self.results):
                store = self.work / f"store-{size}"
                self.step(f"load-oxigraph-nq-{size}", "load_oxigraph", source=str(quads), store=str(store), format="nq")
            self.step(f"queries-oxigraph-{size}", "queries", engine="oxigraph", source=str(store),
                      runs=args.runs, budget=args.query_budget, timeout=args.query_timeout,
                      skip=self.given_up("oxigraph", size))
            if size in args.rdflib_sizes:
                self.step(f"queries-rdflib-{size}", "queries", engine="rdflib", source=str(triples), runs=args.runs,
                          budget=args.query_budget, timeout=args.query_timeout, skip=self.given_up("rdflib", size))
            if not args.keep:
                shutil.rmtree(store, ignore_errors=True)

    def given_up(self, engine: str, size: int) -> list[str]:
        """Queries that timed out, or were skipped, at a smaller size on ``engine``."""
        return sorted({name for key, result in self.results.items()
                       if key.startswith(f"queries-{engine}-") and int(key.rsplit("-", 1)[1]) < size
                       for name, query in result["queries"].items() if "p50_ms" not in query})

    def table(self) -> str:
        return report(self.args, self.results, machine())


def _watch_rss(child: subprocess.Popen):
    """Sample the resident memory of ``child`` and its descendants; the peak, in MB."""
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while child.poll() is None:
            peak = max(peak, _tree_rss(child.pid))
            time.sleep(0.1)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    return lambda: (watcher.join(), peak)[1]


def _descendants(root: int) -> set[int]:
    """``root`` and the processes under it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    tree, waiting = {root}, [root]
    while waiting:
        for child in children.get(waiting.pop(), []):
            if child not in tree:
                tree.add(child)
                waiting.append(child)
    return tree


def _tree_rss(root: int) -> float:
    total = 0.0
    for pid in _descendants(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    import pyoxigraph
    import rdflib

    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "memory_gb": memory / 1024 / 1024,
            "python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__}


# ------------------------------------------------------------------------------ report

def report(args, results: dict[str, dict], host: dict) -> str:
    sizes, jobs = args.sizes, args.jobs
    header = ["measure", *[_size(size) for size in sizes], "target"]
    rows: list[list[str]] = []

    def row(label: str, values: dict[int, str], target: str = "") -> None:
        rows.append([label, *[values.get(size, "–") for size in sizes], target])

    def get(key: str) -> dict | None:
        return results.get(key)

    def per_size(template: str, field: str, fmt: str = "{:,.0f}") -> dict[int, str]:
        out = {}
        for size in sizes:
            result = get(template.format(size=size))
            if result is not None:
                out[size] = fmt.format(result[field])
        return out

    largest = max(sizes)
    dump = get(f"dump-{largest}")
    for stage, label in (("records", "extraction only (records)"), ("mapped", "extraction + mapping")):
        row(f"(1) {label}, 1 core: articles/s", per_size(f"extract-{stage}-1-{{size}}", "per_second", "{:,.1f}"),
            ">= 300" if stage == "mapped" else "")
        values = per_size(f"extract-{stage}-{jobs}-{{size}}", "per_second", "{:,.1f}")
        if stage == "mapped" and dump is not None:
            values.setdefault(largest, f"{dump['per_second']:,.1f}")
        row(f"(1) {label}, {jobs} cores: articles/s", values, "scales with cores" if stage == "mapped" else "")
        row(f"(1) {label}: CPU ms per article", per_size(f"extract-{stage}-1-{{size}}", "cpu_ms_per_article", "{:,.1f}"))
    row("(2) build into the embedded store: articles/s", per_size("build-{size}", "per_second", "{:,.1f}"),
        ">= 100 at 50k")
    row("(2) build: quads/s into the article graphs (their merged graph written besides)",
        {size: f"{r['quads'] / r['seconds']:,.0f}" for size in sizes if (r := get(f"build-{size}"))})
    row("(2) build: quads in the article graphs", per_size("build-{size}", "quads"))
    row("(2) build: peak RSS, MB (main process and workers)", per_size("build-{size}", "tree_peak_rss_mb"),
        "<= 1,500 at 50k")
    row("(2) build: wall ms per article", {size: f"{1000 * r['seconds'] / r['articles']:,.1f}"
                                           for size in sizes if (r := get(f"build-{size}"))})
    row("(2) build: CPU ms per article (all processes)", per_size("build-{size}", "cpu_ms_per_article", "{:,.1f}"))
    row("(3) bulk load of the N-Triples dump, embedded store: s", per_size("load-oxigraph-nt-{size}", "seconds", "{:,.1f}"))
    row("(3) bulk load, embedded store: triples/s", per_size("load-oxigraph-nt-{size}", "per_second"), ">= 150,000")
    row("(3) bulk load, embedded store: peak RSS, MB", per_size("load-oxigraph-nt-{size}", "tree_peak_rss_mb"))
    row("(3) bulk load, embedded store: triples", per_size("load-oxigraph-nt-{size}", "triples"))
    row("(3) rdflib Graph parse of the same dump: s", per_size("load-rdflib-{size}", "seconds", "{:,.1f}"))
    row("(3) rdflib Graph: triples/s", per_size("load-rdflib-{size}", "per_second"))
    row("(3) rdflib Graph: peak RSS, MB", per_size("load-rdflib-{size}", "tree_peak_rss_mb"))
    row("(3) bulk load of the article graphs (N-Quads), embedded: quads/s", per_size("load-oxigraph-nq-{size}",
                                                                                    "per_second"))
    names = next((list(r["queries"]) for size in sizes if (r := get(f"queries-oxigraph-{size}"))), [])
    for name in names:
        embedded, baseline, speedup = {}, {}, {}
        for size in sizes:
            ours = (get(f"queries-oxigraph-{size}") or {}).get("queries", {}).get(name)
            theirs = (get(f"queries-rdflib-{size}") or {}).get("queries", {}).get(name)
            if ours:
                embedded[size] = _timing(ours, args.runs)
            if theirs:
                baseline[size] = _timing(theirs, args.runs)
            if ours and theirs and "p50_ms" in ours and "p50_ms" in theirs:
                speedup[size] = f"{theirs['p50_ms'] / max(ours['p50_ms'], 1e-3):,.0f}x"
            elif ours and theirs and "p50_ms" in ours:
                speedup[size] = "rdflib gave up"
        heavy = name in HEAVY_QUERIES
        page = "" if heavy else " first page"
        target = "" if heavy else "p50 <= 20, p95 <= 1,000 at 50k" if "(" in name else "p50 <= 100, p95 <= 1,000 at 50k"
        row(f"(4) {name}:{page} embedded p50 / p95 ms", embedded, target)
        row(f"(4) {name}:{page} rdflib p50 / p95 ms", baseline)
        row(f"(4) {name}: rdflib p50 / embedded p50", speedup,
            ">= 20x" if heavy and not name.startswith("name") else "")
    first, last = min(sizes), largest
    growth = {}
    for key, label in (("build-{size}", "(5) build CPU ms per article"),
                       ("load-oxigraph-nt-{size}", "(5) bulk load s per million triples")):
        a, b = get(key.format(size=first)), get(key.format(size=last))
        if a and b:
            if "cpu_ms_per_article" in a:
                growth[label] = b["cpu_ms_per_article"] / a["cpu_ms_per_article"]
            else:
                growth[label] = (b["seconds"] / b["triples"]) / (a["seconds"] / a["triples"])
    build_sizes = [size for size in sizes if get(f"build-{size}")]
    if build_sizes:
        segments = get(f"build-{max(build_sizes)}")["segments"]
        if segments:
            marks = {1000: segments[0]}
            for segment in segments:
                marks[segment["articles"]] = segment
            picked = {size: marks[size] for size in sizes if size in marks}
            row(f"(5) build of {_size(max(build_sizes))}: CPU ms per article for the thousand ending at the size",
                {size: f"{s['cpu_ms']:,.1f}" for size, s in picked.items()}, "flat within 25%")
    for label, ratio in growth.items():
        rows.append([f"{label}: {_size(last)} / {_size(first)}", *["" for _ in sizes[:-1]], f"{ratio:.2f}",
                     "<= 1.25"])
    lines = [
        f"Machine: {host['nproc']} cores ({host['cpu']}), {host['memory_gb']:.0f} GB; Python {host['python']}, "
        f"pyoxigraph {host['pyoxigraph']}, rdflib {host['rdflib']}.",
        f"Load average (1 min) while measuring: {_load_range(results)}.",
        f"Corpus: bench/generate.py from {args.articles_dir} (seed {args.seed}), ~5 KB articles.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(cells) + " |" for cells in rows),
    ]
    return "\n".join(lines)


def _timing(query: dict, runs: int) -> str:
    """'p50 / p95 (rows)' of a query, or why there is none."""
    if "timed_out" in query:
        return f"> {query['timed_out']:,.0f} s, given up"
    if "skipped" in query:
        return "not run (given up at a smaller size)"
    fewer = "" if query["runs"] >= runs else f", {query['runs']} runs"
    return f"{query['p50_ms']:,.1f} / {query['p95_ms']:,.1f} ({query['rows']:,} rows{fewer})"


def _size(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def _load_range(results: dict[str, dict]) -> str:
    loads = [value for result in results.values() for value in result.get("load_average", [])]
    return f"{min(loads):.1f} to {max(loads):.1f}" if loads else "not recorded"


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    if any(size <= 0 or size % 1000 for size in sizes):
        raise argparse.ArgumentTypeError("sizes are positive multiples of 1000")
    return sizes


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--step":
        spec = json.loads(sys.argv[2])
        print(json.dumps(STEPS[spec.pop("name")](**spec)))
        return
    from kg.pipeline import default_jobs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles_dir", type=Path, help="the real articles (../shared/corpus/articles)")
    parser.add_argument("--work", type=Path, default=Path("bench-work"), help="where corpora, dumps and stores go")
    parser.add_argument("--sizes", type=_sizes, default=_sizes("1000,10000,50000"))
    parser.add_argument("--extract-sizes", type=_sizes, default=_sizes("1000,10000"),
                        help="sizes for the extraction-only measures (the largest size's extraction with "
                             "mapping is measured while its dump is made)")
    parser.add_argument("--one-core-max", type=int, default=1000, help="largest size measured on one core")
    parser.add_argument("--build-sizes", type=_sizes, help="sizes of the whole builds (default: every size)")
    parser.add_argument("--rdflib-sizes", type=_sizes, default=_sizes("1000,10000"),
                        help="sizes loaded and queried in rdflib too (it holds about 1.3 KB per triple)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--query-budget", type=float, default=30.0,
                        help="seconds after which a query's timed runs stop early")
    parser.add_argument("--query-timeout", type=float, default=120.0,
                        help="seconds after which a query is given up (and not run at larger sizes)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: all cores)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=lambda text: [part for part in text.split(",") if part],
                        default=list(STEP_KINDS), help="which measures to take, of " + ",".join(STEP_KINDS)
                        + " (all by default; with --reuse, a run can be taken in parts)")
    parser.add_argument("--reuse", action="store_true", help="keep results already in WORK/results")
    parser.add_argument("--keep", action="store_true", help="keep the stores of each size in WORK")
    args = parser.parse_args()
    if set(args.steps) - set(STEP_KINDS):
        raise SystemExit(f"Error: --steps takes some of {','.join(STEP_KINDS)}")
    if not args.articles_dir.is_dir():
        raise SystemExit(f"Error: {args.articles_dir}: not a folder of articles")
    args.build_sizes = args.build_sizes or args.sizes
    for option in ("extract_sizes", "build_sizes", "rdflib_sizes"):
        setattr(args, option, [size for size in getattr(args, option) if size <= max(args.sizes)])
    bench = Bench(args)
    bench.run()
    table = bench.table()
    (args.work / "table.md").write_text(table + "\n", encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
