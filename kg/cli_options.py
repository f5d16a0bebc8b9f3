"""The click options that several commands of ``kg.cli`` share: which part of the graph
``kg export`` and ``kg view`` write, and whether it is written for publishing; the
parameters of a named query."""
from __future__ import annotations

import click

from .export.views import VIEWS


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
