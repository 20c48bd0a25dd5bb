"""Options shared by several commands."""

import click

from kg.store.engines import ENGINES

engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="store",
    show_default=True,
    help="Query engine: the embedded pyoxigraph store, or rdflib in memory (slower; same answers).",
)


def format_option(choices=("table", "json", "csv"), default="table"):
    """A --format option with the given choices."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True, help="Output format."
    )
