"""`kg query`: run a named query, a query file or a query given inline, over the whole dataset."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.commands.common import engine_option, format_option
from kg.errors import InputError
from kg.lookups.common import label_of
from kg.lookups.query import parse_params
from kg.output.tables import render
from kg.sparql.catalogue import get_query, named_queries
from kg.sparql.results import display_rows, plain_rows, results_json, results_tsv, turtle
from kg.sparql.safety import check_query
from kg.store.engines import open_engine


def _query_text(target: str | None, expression: str | None) -> tuple[str, tuple[str, ...] | None]:
    """The SPARQL text to run and, for a named query, its declared parameters."""
    if expression is not None and target is not None:
        raise click.UsageError("give a query NAME or FILE, or -e 'SPARQL', not both")
    if expression is not None:
        return expression, None
    if target is None:
        raise click.UsageError("give a query NAME or FILE, or -e 'SPARQL' (kg query --list shows the names)")
    path = Path(target)
    looks_like_file = path.suffix in (".rq", ".sparql") or len(path.parts) > 1
    if not looks_like_file and (target in named_queries() or not path.is_file()):
        named = get_query(target)  # NotFoundError lists the names
        return named.text, named.params
    try:
        return path.read_text(encoding="utf-8"), None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the query file {target}: {exc}") from None


def _list_queries() -> None:
    rows = [{"name": q.name, "parameters": ", ".join(q.params), "summary": q.summary}
            for q in named_queries().values()]
    click.echo(render(rows, ["name", "parameters", "summary"], "table"))


@click.command(short_help="Run a named query, a query file or SPARQL text.")
@click.argument("target", metavar="[NAME|FILE]", required=False)
@click.option("-e", "--expression", metavar="SPARQL", help="Run this SPARQL text instead of a named query or file.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable (repeatable). VALUE is an IRI (<...> or kg:x), an actor's name (resolved "
                   "like every lookup), a number or true/false, or else a string literal.")
@format_option(("table", "csv", "tsv", "json"))
@click.option("--iris", is_flag=True, help="In tables, show IRIs (prefixed) instead of labels, and every column.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their summaries and exit.")
@engine_option
def query(target, expression, params, fmt, iris, list_queries, engine):
    """Run a SPARQL query over the whole dataset (default graph: the union of all named graphs).

    NAME is a named query from the library (kg query --list), FILE a .rq file. JSON is the W3C SPARQL 1.1
    Query Results JSON format; CSV and TSV follow the W3C formats too; CONSTRUCT and DESCRIBE print Turtle.
    A named query's parameters left unbound match everything.

    Queries are read-only and offline: SERVICE, FROM / FROM NAMED and updates (LOAD, INSERT, ...) are
    refused before anything runs (exit 2), as is malformed SPARQL (with line and column).
    """
    if list_queries:
        _list_queries()
        return
    text, declared = _query_text(target, expression)
    check_query(text)
    graph = open_engine(engine)
    result = graph.query(text, parse_params(params, declared, graph))
    if result.kind == "graph":
        click.echo(turtle(result.triples))
    elif fmt == "json":
        click.echo(json.dumps(results_json(result), ensure_ascii=False, indent=2))
    elif result.kind == "ask":
        click.echo("true" if result.boolean else "false")
    elif fmt == "tsv":
        click.echo(results_tsv(result))
    elif fmt == "csv":
        click.echo(render(plain_rows(result), result.variables, "csv"))
    else:
        rows = display_rows(result, None if iris else lambda iri: label_of(graph, iri))
        columns = result.variables
        if not iris:  # ?x shown by its label duplicates a projected ?xLabel
            columns = [v for v in columns if f"{v}Label" not in columns]
        click.echo(render(rows, columns, "table"))
