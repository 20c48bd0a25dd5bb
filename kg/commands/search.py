"""`kg search`: actors whose names match a text, best first."""

from __future__ import annotations

from dataclasses import asdict

import click

from kg.commands.common import engine_option, format_option, print_json
from kg.lookups import search as search_lookup
from kg.output.tables import render
from kg.store.engines import open_engine


@click.command(short_help="Find actors by name, best match first.")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True, help="How many matches at most.")
@format_option()
@engine_option
def search(text, limit, fmt, engine):
    """Actors whose names match TEXT, best first: full names, aliases, parts of names, then likely typos."""
    matches = search_lookup.search(open_engine(engine), text, limit)
    rows = [{"actor": m.actor.label, "type": m.type, "iri": m.actor.iri, "score": m.score} for m in matches]
    if fmt == "json":
        print_json([asdict(m) for m in matches])
        return
    if not rows and fmt == "table":
        click.echo(f"No actor matches {text!r}.")
        return
    click.echo(render(rows, ["actor", "type", "iri", "score"], fmt))
