"""``kg docs``: the ontology page, written where -o says (kg.docs makes it)."""
from __future__ import annotations

from pathlib import Path

import click

from .console import output_option, quiet_option, say


@click.command()
@output_option("ontology.html", "The HTML file to write.")
@quiet_option
def docs(output: str) -> None:
    """Write the ontology (schema/kg.ttl and its SHACL shapes) as one HTML page: every class
    and property with its Vietnamese and English labels, domain, range and vocabulary.

    \b
    Example:
      kg docs -o ontology.html
    """
    from .docs import ontology_html

    page = ontology_html()
    Path(output).write_text(page, encoding="utf-8")
    say(f"wrote {output} ({len(page)} bytes)")
