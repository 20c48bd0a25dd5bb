"""`kg query`: run a named query, a query file or a query given inline, over the whole dataset."""

from __future__ import annotations

import functools
import itertools
import json
import shutil
import sys
import tempfile
from pathlib import Path

import click

from kg.commands.common import engine_option, format_option
from kg.errors import InputError
from kg.lookups.query import labels_of, parse_params, result_iris
from kg.output.tables import render
from kg.rdf.namespaces import compact_iri
from kg.sparql.catalogue import get_query, named_queries
from kg.sparql.limits import Limits, QueryPool, collect
from kg.sparql.results import csv_header, csv_lines, display_rows, results_json, tsv_header, tsv_lines, turtle
from kg.sparql.safety import check_query
from kg.store.engines import open_engine, pool_opener

SPOOL_BYTES = 8 << 20  # a CSV or TSV answer up to this size is kept in memory, a larger one in a temporary file


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
        return path.read_text(encoding="utf-8-sig"), None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the query file {target}: {exc}") from None


def _list_queries() -> None:
    rows = [{"name": q.name, "parameters": ", ".join(q.params), "summary": q.summary}
            for q in named_queries().values()]
    click.echo(render(rows, ["name", "parameters", "summary"], "table"))


def _write_spooled(pieces, header, lines) -> None:
    """Write a streamed answer: kept aside in a temporary file (memory stays bounded) until its last row,
    then copied to standard output, so a query stopped at a limit prints nothing."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline="") as spool:
        for index, piece in enumerate(pieces):
            if index == 0:
                spool.write(header(piece.variables))
            spool.write(lines(piece.variables, piece.rows))
        spool.seek(0)
        shutil.copyfileobj(spool, sys.stdout)
        sys.stdout.flush()


def _write_result(result, fmt: str, iris: bool, engine) -> None:
    if result.kind == "graph":
        click.echo(turtle(result.triples))
    elif fmt == "json":
        click.echo(json.dumps(results_json(result), ensure_ascii=False, indent=2))
    elif result.kind == "ask":
        click.echo("true" if result.boolean else "false")
    else:
        labels = {} if iris else labels_of(engine(), result_iris(result))
        rows = display_rows(result, lambda iri: labels.get(iri) or compact_iri(iri))
        columns = result.variables
        if not iris:  # ?x shown by its label duplicates a projected ?xLabel
            columns = [v for v in columns if f"{v}Label" not in columns]
        click.echo(render(rows, columns, "table"))


@click.command(short_help="Run a named query, a query file or SPARQL text.")
@click.argument("target", metavar="[NAME|FILE]", required=False)
@click.option("-e", "--expression", metavar="SPARQL", help="Run this SPARQL text instead of a named query or file.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable (repeatable). VALUE is an IRI (<...> or kg:x), an actor's name (resolved "
                   "like every lookup), a number or true/false, or else a string literal.")
@format_option(("table", "csv", "tsv", "json"))
@click.option("--iris", is_flag=True, help="In tables, show IRIs (prefixed) instead of labels, and every column.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=Limits.timeout, show_default=True,
              metavar="SECONDS", help="Stop the query after this many seconds (exit 3, nothing printed).")
@click.option("--max-rows", type=click.IntRange(min=0), default=None, metavar="N",
              help="Stop with exit 3, printing nothing, if the answer has more than N rows (triples for "
                   "CONSTRUCT and DESCRIBE). Default: no row limit.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their summaries and exit.")
@engine_option
def query(target, expression, params, fmt, iris, timeout, max_rows, list_queries, engine):
    """Run a SPARQL query over the whole dataset (default graph: the union of all named graphs).

    NAME is a named query from the library (kg query --list), FILE a .rq file. JSON is the W3C SPARQL 1.1
    Query Results JSON format; CSV and TSV follow the W3C formats too; CONSTRUCT and DESCRIBE print Turtle.
    A named query's parameters left unbound match everything.

    Queries are read-only and offline: SERVICE, FROM / FROM NAMED and updates (LOAD, INSERT, ...) are
    refused before anything runs (exit 2), as is malformed SPARQL (with line and column). A query runs in a
    worker process, stopped at its deadline (--timeout) or past its row limit (--max-rows) with exit 3.
    """
    if list_queries:
        _list_queries()
        return
    text, declared = _query_text(target, expression)
    check_query(text)
    engine_in_process = functools.cache(lambda: open_engine(engine))  # for names and labels, when needed
    with QueryPool(pool_opener(engine), limits=Limits(timeout, max_rows)) as pool:  # the worker starts meanwhile
        bindings = parse_params(params, declared, engine_in_process()) if params else {}
        pieces = pool.stream(text, bindings)
        first = next(pieces)
        if fmt in ("csv", "tsv") and first.kind == "select":
            header, lines = (csv_header, csv_lines) if fmt == "csv" else (tsv_header, tsv_lines)
            _write_spooled(itertools.chain([first], pieces), header, lines)
            return
        result = collect(itertools.chain([first], pieces))
    _write_result(result, fmt, iris, engine_in_process)
