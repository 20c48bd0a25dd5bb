"""Options and printing helpers shared by several commands."""

import functools
import json

import click

from kg.rdf.namespaces import local_name
from kg.store.engines import ENGINES, chosen_engine

_ENGINE_OPTIONS = [
    click.option("--engine", type=click.Choice(ENGINES), default=None,
                 help="Query engine: the embedded pyoxigraph store (the default), rdflib in memory (slower; "
                      "same answers), or a SPARQL endpoint (the default when --endpoint or KG_ENDPOINT is set)."),
    click.option("--endpoint", metavar="URL", default=None,
                 help="Query this SPARQL 1.1 endpoint instead of the embedded store (also KG_ENDPOINT); "
                      "credentials from KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD."),
    click.option("--graph", "graphs", metavar="IRI", multiple=True,
                 help="A named graph holding kg's data on the endpoint (repeatable; also KG_GRAPHS, "
                      "space-separated). Default: the graphs that kg publish recorded there."),
]


def engine_option(command):
    """--engine, --endpoint and --graph, given to the command as one `engine` argument: "store", "rdflib"
    or an EndpointSpec (kg.store.engines.chosen_engine), which open_engine and QueryPool take."""

    @functools.wraps(command)
    def with_engine(*args, engine, endpoint, graphs, **kwargs):
        return command(*args, engine=chosen_engine(engine, endpoint, graphs), **kwargs)

    for option in reversed(_ENGINE_OPTIONS):
        with_engine = option(with_engine)
    return with_engine


def format_option(choices=("table", "json", "csv"), default="table"):
    """A --format option with the given choices."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True, help="Output format."
    )


def print_json(data) -> None:
    """Data (dataclasses already made dicts) as indented JSON, non-ASCII kept."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def file_names(evidence) -> str:
    """The file names of the sources, e.g. '000_9c4870c4c3406898.txt, 002_0f267a4a9a1e3df1.txt'."""
    return ", ".join(dict.fromkeys(e.file_name or local_name(e.source) for e in evidence))


def cite(evidence) -> str:
    """Short source names, e.g. '[comparison, op-ed]'."""
    return "[" + ", ".join(dict.fromkeys(local_name(e.source) for e in evidence)) + "]"
