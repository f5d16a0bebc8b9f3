"""The click options that several commands of ``kg.cli`` share: how ``kg extract`` and
``kg build`` read their inputs, which part of the graph ``kg export`` and ``kg view`` write,
and whether it is written for publishing; the parameters of a named query; ``kg build``'s
shards for a server's bulk loader."""
from __future__ import annotations

import click

from .console import remember
from .export.views import VIEWS
from .read import (DEFAULT_MAX_ARTICLE_BYTES, INPUT_FORMATS, JSONL_FIELDS, ReadOptions, format_size, parse_jsonl_fields,
                   parse_size)
from .store.shards import SHARD_QUADS, check_shard_folder


def _remember_size(ctx: click.Context, param: click.Parameter, value: str) -> None:
    try:
        remember(ctx, param, parse_size(value))
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def read_options(function):
    """The options that say how to read inputs, and what to do with a bad one, shared by
    extract and build; kept in the context's meta for reading_options."""
    function = click.option(
        "--max-size", default=format_size(DEFAULT_MAX_ARTICLE_BYTES).replace(".0 ", ""), show_default=True,
        metavar="SIZE", expose_value=False, callback=_remember_size,
        help="The largest article kg reads (a file, page, archive member or JSON line); larger ones are reported.",
    )(function)
    function = click.option(
        "--fail-fast/--keep-going", default=False, show_default=True, expose_value=False, callback=remember,
        help="Stop at the first input that cannot be read or extracted, or go on and list them all at the end.",
    )(function)
    function = click.option(
        "--jsonl-field", "jsonl_fields", multiple=True, metavar="FIELD=NAME",
        help=f"JSON Lines: the export's NAME for kg's FIELD ({', '.join(JSONL_FIELDS)}), e.g. text=body.",
    )(function)
    return click.option(
        "--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
        help="Format of standard input ('-') and of files named directly; auto: by file ending, else by content.",
    )(function)


def reading_options(input_format: str, jsonl_fields: tuple[str, ...]) -> ReadOptions:
    max_size = click.get_current_context().meta.get("kg.max_size", DEFAULT_MAX_ARTICLE_BYTES)
    try:
        return ReadOptions(input_format, parse_jsonl_fields(jsonl_fields), max_article_bytes=max_size)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--jsonl-field") from None


def _shard_folder(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        check_shard_folder(value)  # before the build: an OutputError is one line
    return value


def shard_options(function):
    """--nquads-out DIR and --shard-quads N: kg build also writes the store as shards for a
    server's bulk loader (``kg.store.shards``)."""
    function = click.option(
        "--shard-quads", type=click.IntRange(min=1), default=SHARD_QUADS, show_default=True,
        help="--nquads-out: the most quads in one shard (an article graph is never cut).")(function)
    return click.option(
        "--nquads-out", metavar="DIR", default=None, callback=_shard_folder,
        help="Also write the store, after the build, as gzip N-Quads shards into this new (or empty) folder, "
             "for a SPARQL server's bulk loader (kg bulk-load DIR).")(function)


def _remember_publish(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta["kg.publish"] = value


def selection_options(function):
    """--view, --article, --around, --depth: which part of the graph to export or show;
    --publish: without the local paths of the files it was read from."""
    options = [
        click.option("--view", "view_name", type=click.Choice(list(VIEWS)), default="all", show_default=True,
                     help="people: posts (person -> organisation, named by the role) and parent units; "
                          "organizations: units and places; events: organisers, attendees, speakers, places; "
                          "citations: articles and events citing documents; all: everything."),
        click.option("--article", metavar="ID",
                     help="Only this article: its IRI, content hash (or a prefix), source file or URL."),
        click.option("--around", metavar="IRI-OR-NAME",
                     help="Only the entities within --depth relations of this one; a name may be written without diacritics."),
        click.option("--depth", type=click.IntRange(min=0), default=None, help="How far --around reaches (default: 1)."),
        click.option("--publish", is_flag=True, expose_value=False, callback=_remember_publish,
                     help="Leave out the paths of the files the articles were read from (kgo:sourcePath, and "
                          "the viewer's links to them), for a graph to put on the web."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def selection_of(view_name: str, article: str | None, around: str | None, depth: int | None) -> dict:
    """The keyword arguments of ``kg.export.export`` and ``to_networkx`` for the options given."""
    if depth is not None and around is None:
        raise click.UsageError("--depth goes with --around NAME")
    return {"view": view_name, "article": article, "around": around, "depth": 1 if depth is None else depth,
            "publish": bool(click.get_current_context().meta.get("kg.publish"))}


def parse_params(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """``--param NAME=VALUE`` given any number of times, as a dict of names to values."""
    bindings = {}
    for given in values:
        key, sep, value = given.partition("=")
        if not sep:
            raise click.BadParameter(f"{given!r}: write NAME=VALUE")
        bindings[key.strip()] = value
    return bindings
