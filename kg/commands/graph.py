"""`kg validate` and `kg export`: the whole graph checked, or written out."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands.common import engine_option, format_option
from kg.network.exports import NETWORK_FORMATS
from kg.rdf.export import FORMATS
from kg.sparql.endpoint_spec import EndpointSpec


@click.command()
@engine_option
@format_option(("text", "json", "csv"), default="text")
def validate(engine, fmt):
    """Check the graph: SHACL shapes, integrity queries, evidence quotes, declared terms, English labels.

    Prints each violation on one line (node, rule, message) and a summary. Quotes are checked against
    the source texts in ../shared/seeds beside the project (or the folder named by KG_SEEDS) when it is
    there. Exits 0 when the graph is clean, 1 with violations, 2 when an input file cannot be read.
    """
    from kg.output.tables import render
    from kg.validation.rules import validate as run

    report = run(engine)
    rows = [{"node": v.node, "rule": v.rule, "message": v.message} for v in report.violations]
    if fmt == "text":
        for row in rows:
            click.echo(f"{row['node']}  {row['rule']}  {row['message']}")
    else:  # an empty list is `[]` in JSON and a header alone in CSV
        click.echo(render(rows, ["node", "rule", "message"], fmt))
    count = len(report.violations)
    summary = f"{count} violation{'s' if count != 1 else ''} in {report.triples} triples; {_quotes_checked(report)}"
    click.echo(summary, err=fmt != "text")
    if count:
        raise SystemExit(1)


def _quotes_checked(report) -> str:
    if report.seeds is None:
        return "quotes not checked: no source texts (put them in ../shared/seeds or set KG_SEEDS)"
    if not report.quotes:
        return f"quotes not checked: none of their source texts is in {report.seeds}"
    return f"{report.quotes} quotes checked against the source texts in {report.seeds}"


@click.command()
@click.option("--format", "fmt", type=click.Choice([*FORMATS, *NETWORK_FORMATS]), default="turtle",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True),
              help="Write to this file (replaced whole, through a symbolic link to its target) instead of "
                   "standard output ('-'). csv writes two files, replaced together: -o graph.csv gives "
                   "graph.nodes.csv and graph.edges.csv, -o FOLDER nodes.csv and edges.csv.")
@engine_option
def export(fmt, output, engine):
    """Write the whole dataset (ontology, data and KG_DATA files), or its network of actors.

    The output is byte-identical across runs: blank nodes are canonicalised (RDFC-1.0) and everything is
    written in a fixed order. Turtle merges the named graphs; TriG, N-Quads and JSON-LD keep them.
    GraphML, GEXF and csv (a nodes and an edges table) are the network of actors and statements, with
    types, labels, relationships and sources as attributes, for Gephi, Cytoscape or networkx.
    """
    from kg.output.files import is_stdout, write_files

    if is_stdout(output):
        output = None
    if fmt in NETWORK_FORMATS:
        from kg.network.exports import network_files
        from kg.network.projection import actor_graph

        files = network_files(actor_graph(engine), fmt, output)
    else:
        from kg.rdf.export import export as serialise
        from kg.store.engines import open_engine

        quads = open_engine(engine).dataset_quads() if isinstance(engine, EndpointSpec) else None
        files = {output: serialise(fmt, quads)}
    write_files(files)
