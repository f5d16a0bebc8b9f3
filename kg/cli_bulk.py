"""``kg bulk-load``: the shards of 'kg build --nquads-out' into Virtuoso with its bulk loader
(kg.store.virtuoso does it), or the isql statements that do, printed."""
from __future__ import annotations

import click

from .console import quiet_option, say


@click.command("bulk-load")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--isql", "address", metavar="HOST:PORT", default=None,
              help="Load now, through isql, into the Virtuoso server whose SQL port this is ([Parameters] ServerPort "
                   "in virtuoso.ini, 1111 by default). Without it: print the isql statements.")
@click.option("--user", default="dba", show_default=True, help="The isql user (the loader is dba's).")
@click.option("--password", envvar="KG_ISQL_PASSWORD", show_envvar=True, default=None,
              help="The isql user's password (better in the environment; isql shows it to ps while it runs).")
@click.option("--loaders", type=click.IntRange(min=1), default=1, show_default=True,
              help="Loader sessions at once (rdf_loader_run() in isql sessions of their own), for a server "
                   "with cores to spare.")
@click.option("--server-dir", default=None, metavar="PATH",
              help="The folder as the server's machine sees it (default: FOLDER's absolute path here).")
@click.option("--isql-command", default=None, metavar="PROGRAM", help="isql to run (default: isql-vt, else isql).")
@quiet_option
def bulk_load(folder: str, address: str | None, user: str, password: str | None, loaders: int,
              server_dir: str | None, isql_command: str | None) -> None:
    """Load the shards 'kg build PATHS --nquads-out FOLDER' wrote into a Virtuoso server with
    its bulk loader (ld_add, rdf_loader_run, checkpoint), into a database that holds none of
    kg's graphs yet, then check every shard loaded and the server holds as many quads as the
    shards. The server reads the files itself: FOLDER must be under DirsAllowed in its
    virtuoso.ini. Query it afterwards with --store sparql+http://HOST:8890/sparql.

    \b
    Examples:
      kg bulk-load shards/ > load.sql          # the statements, for isql-vt 1111 dba PASSWORD < load.sql
      KG_ISQL_PASSWORD=... kg bulk-load shards/ --isql 127.0.0.1:1111 --loaders 2
    """
    from .store.shards import read_shards
    from .store.virtuoso import bulk_load as load, load_script

    shards = read_shards(folder)
    if address is None:
        click.echo(load_script(shards, server_folder=server_dir), nl=False)
        return
    if password is None:
        raise click.UsageError("--isql needs the user's password: --password or KG_ISQL_PASSWORD")
    report = load(shards, address=address, user=user, password=password, isql=isql_command, loaders=loaders,
                  server_folder=server_dir)
    say(f"loaded {report.shards} shards, {report.quads:,} quads, into {address} in {report.seconds:.1f} s "
        f"({report.quads / max(report.seconds, 1e-9):,.0f} quads/s)", err=False)
