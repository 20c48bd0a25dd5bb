"""The actor network as files for Gephi, Cytoscape and networkx: GraphML, GEXF, and CSV node and edge tables.

Every writer is deterministic: nodes in IRI order, edges by subject then statement, and no timestamps, so
the same graph gives the same bytes. Files are written whole (see kg.output.files.write_files).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.network.projection import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from kg.output.files import write_files
from kg.output.tables import render_delimited

if TYPE_CHECKING:
    import networkx as nx

NETWORK_FORMATS = ("graphml", "gexf", "csv")
NODE_COLUMNS = ("id", *NODE_ATTRIBUTES)
EDGE_COLUMNS = ("id", "source", "target", *EDGE_ATTRIBUTES)


def graphml_text(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML: edge ids are statement IRIs, every attribute a string key.

    Read it back with ``nx.read_graphml(path, edge_key_type=str)``.
    """
    from networkx.readwrite.graphml import GraphMLWriter

    writer = GraphMLWriter(graph, encoding="utf-8", prettyprint=True)
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue().decode("utf-8")


def gexf_text(graph: nx.MultiDiGraph) -> str:
    """The graph as GEXF 1.2: node and edge labels are the English labels, edge ids the statement IRIs.

    networkx stamps GEXF with today's date; it is left out so that the file depends on the graph only.
    Reading it back with ``nx.read_gexf`` gives each edge an extra ``id`` attribute (its statement IRI).
    """
    from networkx.readwrite.gexf import GEXFWriter

    copy = graph.copy()
    for _, _, key, data in copy.edges(keys=True, data=True):
        data["id"] = key
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(copy)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue().decode("utf-8")


def csv_tables(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """The graph as two CSV tables, nodes and edges, with a header row each.

    Nodes: id (IRI), label, label_es, type, type_label, aliases. Edges: id (statement IRI), source and
    target (actor IRIs), then the edge attributes; empty cells where an attribute is absent. Gephi's
    spreadsheet import and Cytoscape read these columns directly.
    """
    nodes = [{"id": node, **data} for node, data in graph.nodes(data=True)]
    edges = [{"id": key, "source": u, "target": v, **data} for u, v, key, data in graph.edges(keys=True, data=True)]
    return render_delimited(nodes, NODE_COLUMNS) + "\n", render_delimited(edges, EDGE_COLUMNS) + "\n"


def csv_paths(output: Path) -> tuple[Path, Path]:
    """Where the CSV tables go: DIR/nodes.csv and DIR/edges.csv for a folder, else NAME.nodes.csv and
    NAME.edges.csv beside `output` (graph.csv -> graph.nodes.csv, graph.edges.csv)."""
    output = Path(output)
    if output.is_dir():
        return output / "nodes.csv", output / "edges.csv"
    stem = output.name[: -len(".csv")] if output.name.lower().endswith(".csv") else output.name
    return output.with_name(f"{stem}.nodes.csv"), output.with_name(f"{stem}.edges.csv")


def network_files(graph: nx.MultiDiGraph, fmt: str, output: Path | None) -> dict[Path | None, bytes]:
    """The bytes of each file that `fmt` makes of `graph`, by path (None: standard output)."""
    if fmt == "graphml":
        return {output: graphml_text(graph).encode("utf-8")}
    if fmt == "gexf":
        return {output: gexf_text(graph).encode("utf-8")}
    if fmt == "csv":
        if output is None:
            raise InputError("csv writes two files, nodes and edges: give -o graph.csv or -o FOLDER")
        nodes_path, edges_path = csv_paths(output)
        nodes, edges = csv_tables(graph)
        return {nodes_path: nodes.encode("utf-8"), edges_path: edges.encode("utf-8")}
    raise InputError(f"unknown network format {fmt!r}; choose one of: {', '.join(NETWORK_FORMATS)}")


def write_network(graph: nx.MultiDiGraph, fmt: str, output: Path | str) -> list[Path]:
    """Write `graph` as `fmt` (graphml, gexf or csv) to `output`; returns the paths written.

    Each file is written whole or not at all; for csv both tables are written aside before either replaces its file.
    """
    files = network_files(graph, fmt, Path(output))
    write_files(files)
    return list(files)
