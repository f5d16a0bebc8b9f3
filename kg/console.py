"""What every ``kg`` command shares: errors as one line, --quiet, --store and its server
options, and -o paths checked before any work is done."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import KgError, OutputError, missing_extra
from .store import DEFAULT_STORE
from .store import open_store as open_any_store

STORE_HELP = ("Folder of the embedded store, or sparql+http://HOST:PORT/PATH for the query endpoint "
              "of a SPARQL server.")


class KgGroup(click.Group):
    """Turns library errors into 'Error: ...' lines and their exit codes; anything unexpected
    also becomes one line, unless --debug asks for the traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as error:
            fail(error)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away ('kg export | head'): stop quietly, as shell tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except Exception as error:  # noqa: BLE001 - the user sees one line, not a traceback
            if ctx.params.get("debug") or os.environ.get("KG_DEBUG"):
                raise
            if isinstance(error, ModuleNotFoundError) and (extra := missing_extra(error)):
                fail(extra)
            click.echo(f"Error: internal error: {type(error).__name__}: {error} "
                       "(run 'kg --debug ...' for the traceback)", err=True)
            sys.exit(3)


def fail(error: KgError) -> None:
    click.echo(f"Error: {error}", err=True)
    sys.exit(error.exit_code)


def remember(ctx: click.Context, param: click.Parameter, value) -> None:
    """Keep an option in the context for the helper that reads it (a SPARQL server option for
    open_store, a read option, --quiet for say), so commands need no parameter for it."""
    ctx.meta[f"kg.{param.name}"] = value


def quiet_option(function):
    """--quiet: no progress bar and no messages, only results and errors."""
    return click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=remember,
                        help="Print only results and errors: no progress bar, no messages.")(function)


def quiet() -> bool:
    return bool(click.get_current_context().meta.get("kg.quiet"))


def say(message: str, *, err: bool = True) -> None:
    """A message for the user (what was written, what was done), unless --quiet."""
    if not quiet():
        click.echo(message, err=err)


def store_option(*, writes: bool):
    """--store; for a command that writes, also what a SPARQL server needs for updates: the
    update endpoint and the credentials (a query needs none)."""
    def decorate(function):
        if writes:
            for name, env, text in reversed([
                ("--update-url", "KG_SPARQL_UPDATE_URL", "SPARQL server: the update endpoint, when not the query "
                                                         "endpoint (Virtuoso: http://HOST:PORT/sparql-auth)."),
                ("--user", "KG_SPARQL_USER", "SPARQL server: the user for updates (HTTP Digest or Basic)."),
                ("--password", "KG_SPARQL_PASSWORD", "SPARQL server: the password (better given in the environment)."),
            ]):
                function = click.option(name, envvar=env, show_envvar=True, expose_value=False, callback=remember,
                                        help=text)(function)
        return click.option("--store", "store_path", default=DEFAULT_STORE, show_default=True,
                            help=STORE_HELP)(function)
    return decorate


def open_store(path: str, *, must_exist: bool = True):
    """The store at ``path``, with the server options the command was given."""
    meta = click.get_current_context().meta
    return open_any_store(path, must_exist=must_exist, update_url=meta.get("kg.update_url"),
                          user=meta.get("kg.user"), password=meta.get("kg.password"))


def _writable(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and value != "-":
        check_output_path(value)
    return value


def check_output_path(path: str) -> None:
    """OutputError, before any work, for a file that cannot be written where it is named."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist" if not folder.exists()
                          else f"{path}: {folder} is not a folder")
    if Path(path).is_dir():
        raise OutputError(f"{path}: is a folder; name a file to write")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: the folder {folder} is not writable")


def output_option(default: str | None, help_text: str):
    """-o/--output, checked before the command does any work."""
    return click.option("-o", "--output", default=default, show_default=default is not None, callback=_writable,
                        help=help_text)
