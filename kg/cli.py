"""The ``kg`` command: a thin click layer over the library.

Each command opens the store, calls one library function and prints the result; a
KgError becomes one line on standard error and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .console import KgGroup, open_store, output_option, quiet, quiet_option, say, store_option
from .errors import DISTRIBUTION, KgError
from .export import BINARY_FORMATS
from .export import FORMATS as EXPORT_FORMATS
from .cli_docs import docs
from .cli_bulk import bulk_load
from .cli_options import parse_params, read_options, reading_options, selection_of, selection_options, shard_options
from .read import MAX_ARTICLE_TRIPLES, ReadFailure
from .query.tables import NAMED_LIMIT, TABLE_WIDTH
from .store import DEFAULT_STORE, is_remote
from .store import open_store as open_any_store

# Each command imports the rest of kg (pipeline, SHACL, layout, pictures) when it runs, so
# that 'kg --help' and 'kg query' start in a fraction of a second.


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name=DISTRIBUTION)
@click.option("--debug", is_flag=True, help="Show the traceback of unexpected errors.")
def main(debug: bool) -> None:
    """Build a knowledge graph of Vietnamese official news and query it.

    \b
    Example:
      kg build data/ && kg stats && kg query --name event-attendees
    """
    if debug:
        os.environ["KG_DEBUG"] = "1"  # the pipeline prints the traceback of an article that fails


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None,
              help="json: one pretty record (a list for several articles); jsonl: one record a line. "
                   "Default: json for one article, jsonl for several.")
@read_options
@quiet_option
def extract(paths: tuple[str, ...], fmt: str | None, input_format: str, jsonl_fields: tuple[str, ...]) -> None:
    """Print the extraction record of each article, without touching a store.

    Reads plain text (.txt), saved web pages (.html, .htm), JSON Lines (.jsonl, .ndjson:
    one article a line), archives (.zip, .tar.gz, .tgz) and folders of them; '-' reads
    standard input.

    \b
    Example:
      kg extract data/000_1b1701c52a3f4772.txt
      kg extract saved-page.html
      kg extract --format jsonl articles/ > records.jsonl
      kg extract export.jsonl --jsonl-field text=body --jsonl-field published=date
      curl -s URL | kg extract - --input-format html
    """
    from .pipeline import extract_paths

    options = reading_options(input_format, jsonl_fields)
    records, failures = [], []
    for item in extract_paths(paths, options):
        if isinstance(item, ReadFailure):
            failures.append(item)
            if _fail_fast():
                break
        else:
            records.append(item.to_json())
            if fmt == "jsonl" or (fmt is None and len(paths) > 1) or (fmt is None and Path(paths[0]).is_dir()):
                click.echo(json.dumps(records.pop(), ensure_ascii=False))
    if records:
        click.echo(json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=2))
    _report_failures(failures)


def _fail_fast() -> bool:
    return bool(click.get_current_context().meta.get("kg.fail_fast"))


def _report_failures(failures: list[ReadFailure]) -> None:
    for failure in failures:
        click.echo(f"Error: {failure.source}: {failure.reason}", err=True)
    if failures and _fail_fast():
        click.echo("stopped at the first failure (--fail-fast); the inputs after it were not read", err=True)
    if failures:
        sys.exit(2)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@store_option(writes=True)
@click.option("--base", default=None, help="Base IRI for entities (default: https://w3id.org/kg-vn/id/).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that extract articles (default: all cores).")
@click.option("--max-triples", type=click.IntRange(min=1), default=MAX_ARTICLE_TRIPLES, show_default=True,
              help="The most triples one article may add; one that would add more is reported, unwritten.")
@shard_options
@read_options
@quiet_option
def build(paths: tuple[str, ...], store_path: str, base: str | None, jobs: int | None, max_triples: int,
          nquads_out: str | None, shard_quads: int, input_format: str, jsonl_fields: tuple[str, ...]) -> None:
    """Extract articles, map them to RDF and write them into the store.

    Takes what 'kg extract' takes: text, web pages, JSON Lines, archives, folders
    (walked for those endings) and '-'. Each article is its own named graph, named from
    its canonical URL when it has one; building an unchanged article again changes nothing
    (it is skipped before extraction). Articles are extracted on all cores and written in
    batches; the report says how many were added, replaced, unchanged and failed, and why
    each failure failed.

    \b
    --nquads-out DIR then writes the whole store (article graphs, the identity pass's
    decisions, links, the merged graph) as gzip N-Quads shards for a SPARQL server's bulk
    loader: 'kg bulk-load DIR' loads them into Virtuoso.

    \b
    Examples:
      kg build data/ --store kg-store --jobs 2
      kg build data/ --nquads-out shards/
      KG_SPARQL_USER=dba KG_SPARQL_PASSWORD=... kg build data/ \\
        --store sparql+http://127.0.0.1:8890/sparql --update-url http://127.0.0.1:8890/sparql-auth
    """
    from tqdm import tqdm

    from .pipeline import build as build_store
    from .pipeline import count_articles, default_jobs

    options = reading_options(input_format, jsonl_fields)
    if nquads_out and is_remote(store_path):
        raise KgError(f"--nquads-out writes the shards from an embedded store: give a folder as --store, "
                      f"not {store_path}")
    new_store = not is_remote(store_path) and not Path(store_path).exists()
    store = open_store(store_path, must_exist=False)
    shown = sys.stderr.isatty() and not quiet()
    with tqdm(desc="articles", unit=" art", total=count_articles(paths) if shown else None, disable=not shown,
              file=sys.stderr, mininterval=0.2) as bar:
        bar.refresh()  # at once: the workers take a few seconds to start
        report = build_store(paths, store, base=base, jobs=jobs or default_jobs(), on_article=lambda _: bar.update(),
                             read_options=options, fail_fast=_fail_fast(), max_triples=max_triples)
    made = not new_store or report.added or report.replaced
    if made:
        say(f"{report.summary} -> {store_path}", err=False)
    try:
        if nquads_out and made:
            from .store.shards import write_shards

            shards = write_shards(store, nquads_out, shard_quads=shard_quads)
            say(f"{len(shards.shards)} shards, {shards.quads:,} quads, {shards.bytes:,} bytes -> {nquads_out}",
                err=False)
    finally:
        del store  # closed now: the exit below keeps this frame alive, and an open writer compacts under later readers
    if not made:
        # the folder this build made and wrote nothing into goes: a mistyped input leaves nothing behind
        import shutil

        shutil.rmtree(store_path, ignore_errors=True)
        say(f"{report.summary}; no store made at {store_path}" + ("; no shards written" if nquads_out else ""),
            err=False)
    _report_failures(report.failed)


@main.command()
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.File(encoding="utf-8"), help="Read the query from a file.")
@click.option("--name", help="Run a named query from schema/queries (see --list).")
@click.option("--param", "bindings", multiple=True, metavar="NAME=VALUE", callback=parse_params,
              help="A value for a named query's parameter, bound as a literal.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table: for reading, IRIs with their prefixes, 100 columns wide; csv; json: SPARQL 1.1 JSON results.")
@click.option("--wide", is_flag=True, help="table: every cell whole, however wide the table gets.")
@click.option("--limit", type=click.IntRange(min=0), default=NAMED_LIMIT, show_default=True,
              help="--name: the most rows to print (0: all); the table says how many more there are.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="--name: rows to pass over first (the next page: --offset 100).")
@store_option(writes=False)
@quiet_option
def query(sparql, query_file, name, bindings, list_queries, fmt, wide, limit, offset, store_path) -> None:
    """Run SPARQL over all articles in the store.

    \b
    Examples:
      kg query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }'
      kg query --name people-by-rank --param rank_label="Trung tướng"
      kg query --name people-posts --limit 20 --offset 20
      kg query --file my-query.rq --format csv
    """
    import pyoxigraph as ox

    from .query import format_table, more_rows, named_queries, run_named, run_query, to_table

    if list_queries:
        for query_ in named_queries().values():
            params_text = ", ".join(f"{k}: {v}" for k, v in query_.params.items()) or "no parameters"
            click.echo(f"{query_.name}\n    {query_.description or query_.title}\n    params: {params_text}")
        return
    given = [x for x in (sparql, query_file, name) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of: a SPARQL string, --file, --name")
    if not name and (offset or click.get_current_context().get_parameter_source("limit").name == "COMMANDLINE"):
        raise click.UsageError("--limit and --offset page a named query (--name); write LIMIT and OFFSET in SPARQL")
    store = open_any_store(store_path, read_only=True)
    if name:
        table = run_named(store, name, bindings, limit=limit or None, offset=offset)
        if table.more and fmt != "table":
            say(f"{len(table.rows)} rows{more_rows(table)}")
    else:
        text = query_file.read() if query_file else sparql
        result = run_query(store, text, bindings)
        if isinstance(result, ox.QueryBoolean):
            click.echo(json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json"
                       else "true" if bool(result) else "false")
            return
        if not isinstance(result, ox.QuerySolutions):  # CONSTRUCT or DESCRIBE: triples
            click.echo(ox.serialize(result, format=ox.RdfFormat.TURTLE).decode("utf-8"))
            return
        table = to_table(result)
    text = format_table(table, fmt, width=None if wide else TABLE_WIDTH)
    if fmt == "table" and quiet():
        text = text.rsplit("\n", 1)[0]  # the row count is a message
    click.echo(text)


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="ttl", show_default=True)
@output_option(None, "Write to this file (default: standard output).")
@selection_options
@store_option(writes=False)
@quiet_option
def export(fmt: str, output: str | None, view_name: str, article: str | None, around: str | None,
           depth: int | None, store_path: str) -> None:
    """Write the graph as RDF (ttl, nt, nq, trig, jsonld), for graph tools (graphml, gexf,
    cytoscape, json, dot) or as a picture for reports (png, svg).

    Graph formats and pictures have entities as nodes with readable names and relations
    named in Vietnamese and English ("giữ chức"/"holds post", "trích dẫn"/"cites");
    --view, --article and --around choose what to include.

    \b
    Examples:
      kg export --format graphml -o kg.graphml              # open in Gephi
      kg export --format trig -o kg.trig                    # one named graph per article
      kg export --format png --view people -o people.png    # a picture for a report
      kg export --format json --around "Tran Vi Dan" --depth 2
    """
    from .export import export as export_graph

    selection = selection_of(view_name, article, around, depth)
    binary = fmt in BINARY_FORMATS
    if binary and not output and sys.stdout.isatty():
        raise click.UsageError(f"{fmt} is a picture: write it to a file with -o FILE")
    data = export_graph(open_any_store(store_path, read_only=True), fmt, **selection)
    if output:
        Path(output).write_bytes(data)
        say(f"wrote {output} ({len(data)} bytes)")
    elif binary:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@main.command()
@selection_options
@output_option("graph.html", "The HTML file to write.")
@store_option(writes=False)
@quiet_option
def view(view_name: str, article: str | None, around: str | None, depth: int | None, output: str,
         store_path: str) -> None:
    """Write the graph as one HTML page to explore in a browser, offline.

    The page needs nothing else (Cytoscape.js is inside it): search names with or without
    diacritics, filter by type, click a node for its attributes, relations and the sentences
    it was read from, with links to the articles.

    \b
    Examples:
      kg view --view people -o people.html
      kg view --around "Trần Vi Dân" --depth 2 -o tran-vi-dan.html
    """
    from .export.viewer import viewer_html
    from .export.views import to_networkx

    graph = to_networkx(open_any_store(store_path, read_only=True), **selection_of(view_name, article, around, depth))
    Path(output).write_text(viewer_html(graph), encoding="utf-8")
    say(f"wrote {output} ({graph.number_of_nodes()} entities, {graph.number_of_edges()} relations)")


@main.command()
@store_option(writes=False)
@click.option("--verbose", "-v", is_flag=True, help="Also list the warnings when the store conforms.")
@quiet_option
def validate(store_path: str, verbose: bool) -> None:
    """Check the store against the SHACL shapes in schema/shapes.ttl.

    Exit code 0 when it conforms (warnings allowed), 1 when it does not.

    \b
    Example:
      kg validate --store kg-store
    """
    from .query.validate import validate_store

    report = validate_store(open_any_store(store_path, read_only=True))
    if report.conforms:
        if verbose and report.warnings:
            click.echo(report.text)
        listed = " (kg validate -v lists them)" if report.warnings and not verbose else ""
        say(f"conforms: no violations, {report.warnings} warning(s){listed}", err=False)
        return
    click.echo(report.text)
    click.echo(f"{report.violations} violation(s), {report.warnings} warning(s)", err=True)
    sys.exit(1)


@main.command()
@store_option(writes=False)
@quiet_option
def stats(store_path: str) -> None:
    """Count what is in the store by class.

    \b
    Example:
      kg stats --store kg-store
    """
    from .pipeline import stats as store_stats

    for name, count in store_stats(open_any_store(store_path, read_only=True)).items():
        click.echo(f"{name:14} {count:>8}")


@main.command()
@click.argument("articles", nargs=-1, required=True)
@store_option(writes=True)
@quiet_option
def remove(articles: tuple[str, ...], store_path: str) -> None:
    """Remove articles from the store: each one's named graph, and so every entity that no
    other article mentions. Name an article by its IRI, content hash, source file or URL.

    \b
    Example:
      kg remove data/articles/000_1b1701c52a3f4772.txt --store kg-store
    """
    from .pipeline import remove as remove_articles

    for article in remove_articles(open_store(store_path), articles):
        say(f"removed {article}", err=False)


@main.command()
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--append", is_flag=True, help="Add to the links loaded before instead of replacing them.")
@store_option(writes=True)
@quiet_option
def link(csv_file: str, append: bool, store_path: str) -> None:
    """Load owl:sameAs links to other datasets from a CSV file with the columns kg (a kg IRI,
    or a name), kind (person, organization, place, document, event: what the name names)
    and external (an IRI), into the store's graph of links: it replaces the links loaded
    before, and builds and removals of articles leave it alone. A row that gives no link is
    reported with its row number (the file's line) and the others are loaded.

    \b
    Example:
      kg link wikidata.csv --store kg-store
    """
    from .links import link as load_links

    report = load_links(open_store(store_path), csv_file, append=append)
    say(f"{report.links} links -> {store_path}", err=False)
    _report_failures(report.failed)


@main.command()
@click.option("--store", "store_path", default=DEFAULT_STORE, show_default=True,
              type=click.Path(file_okay=False), help="Folder of the embedded store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines in.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0: any free port.")
@click.option("--update-token", envvar="KG_UPDATE_TOKEN", show_envvar=True, default=None,
              help="Allow writes from clients sending 'Authorization: Bearer TOKEN' (ps shows it: prefer the env var).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run before the client gets 503.")
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(min=1),
              help="Largest answer in rows (or triples); a larger one is an error, never cut short.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE and LOAD, which make the server call other servers.")
@quiet_option
def serve(store_path: str, host: str, port: int, update_token: str | None, timeout: float, max_rows: int,
          allow_service: bool) -> None:
    """Serve the store over the SPARQL 1.1 Protocol (/sparql), the Graph Store Protocol
    (/store), a query page (/) and the graph viewer of 'kg view' (/view?view=people).
    Read-only unless --update-token is given.

    \b
    Examples:
      kg serve --store kg-store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/sparql
    """
    from .serve import Settings, make_server

    if is_remote(store_path):
        raise KgError(f"{store_path}: kg serve serves an embedded store; a SPARQL server answers by itself")
    settings = Settings(update_token=update_token or None, timeout=timeout, max_rows=max_rows,
                        allow_service=allow_service)
    # Without a token the store is opened read-only and queries run in worker processes (kg.query.pool).
    server = make_server(open_any_store(store_path, read_only=not update_token), host, port, settings)
    bound_host, bound_port = server.server_address[:2]
    if not host.startswith("127.") and host not in ("localhost", "::1"):
        click.echo(f"warning: listening on {host}, reachable from other machines", err=True)  # even with --quiet
    mode = "updates with the token" if update_token else "read-only"
    say(f"serving {store_path} at http://{bound_host}:{bound_port}/sparql ({mode}); Ctrl-C stops")
    if update_token and click.get_current_context().get_parameter_source("update_token").name == "COMMANDLINE":
        click.echo("warning: --update-token is visible to every user of this machine (ps); set KG_UPDATE_TOKEN "
                   "instead", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.endpoint.close()


main.add_command(docs)
main.add_command(bulk_load)
