"""GraphML, GEXF and CSV exports: they read back in networkx with the same actors, statements and attributes."""

import csv
import os
import subprocess
import sys

import networkx as nx
import pytest
from conftest import invoke

from kg.errors import KgError
from kg.network.exports import csv_paths, csv_tables, gexf_text, graphml_text, write_network
from kg.network.projection import actor_graph
from kg.store.engines import open_engine

KG = "https://w3id.org/argentina2023/id/"
ST = KG + "statement/"


@pytest.fixture(scope="module")
def graph():
    return actor_graph(open_engine())


def edge_set(graph):
    return sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in graph.edges(keys=True, data=True))


def test_graphml_round_trips_with_attributes(graph, tmp_path):
    (path,) = write_network(graph, "graphml", tmp_path / "graph.graphml")
    back = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    assert back.is_directed()
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_set(back) == edge_set(graph)


def test_gexf_round_trips_with_attributes(graph, tmp_path):
    (path,) = write_network(graph, "gexf", tmp_path / "graph.gexf")
    back = nx.read_gexf(path)
    assert back.is_directed()
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    # GEXF keeps the statement IRI as the edge id; networkx reads it back as an `id` attribute
    read = sorted((u, v, d.pop("id"), tuple(sorted(d.items()))) for u, v, d in back.edges(data=True))
    assert read == edge_set(graph)


def test_gexf_labels_edges_with_the_relation(graph):
    text = gexf_text(graph)
    assert f'id="{ST}endorsement-bullrich-milei" label="endorses"' in text
    assert 'label="Patricia Bullrich"' in text


def test_csv_is_a_nodes_table_and_an_edges_table(graph, tmp_path):
    nodes_path, edges_path = write_network(graph, "csv", tmp_path / "graph.csv")
    assert (nodes_path.name, edges_path.name) == ("graph.nodes.csv", "graph.edges.csv")
    with nodes_path.open(encoding="utf-8", newline="") as f:
        nodes = {row["id"]: row for row in csv.DictReader(f)}
    with edges_path.open(encoding="utf-8", newline="") as f:
        edges = {row["id"]: row for row in csv.DictReader(f)}
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert nodes[KG + "lula"]["label"] == "Luiz Inácio Lula da Silva"
    bullrich = edges[ST + "endorsement-bullrich-milei"]
    assert (bullrich["source"], bullrich["target"], bullrich["relation"]) == (
        KG + "patricia-bullrich", KG + "javier-milei", "endorses")
    assert bullrich["sources"] == "000_9c4870c4c3406898.txt | 002_0f267a4a9a1e3df1.txt"
    rebuilt = nx.MultiDiGraph()
    rebuilt.add_nodes_from((i, {k: v for k, v in row.items() if v and k != "id"}) for i, row in nodes.items())
    for i, row in edges.items():
        rebuilt.add_edge(row["source"], row["target"], key=i,
                         **{k: v for k, v in row.items() if v and k not in ("id", "source", "target")})
    assert dict(rebuilt.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_set(rebuilt) == edge_set(graph)


def test_csv_into_a_folder_writes_nodes_and_edges(graph, tmp_path):
    paths = write_network(graph, "csv", tmp_path)
    assert [p.name for p in paths] == ["nodes.csv", "edges.csv"]
    assert csv_paths(tmp_path / "net") == (tmp_path / "net.nodes.csv", tmp_path / "net.edges.csv")


def test_export_into_a_missing_folder_is_a_one_line_error(graph, tmp_path):
    with pytest.raises(KgError, match="cannot write"):
        write_network(graph, "graphml", tmp_path / "missing" / "graph.graphml")
    assert not (tmp_path / "missing").exists()


def test_exports_are_identical_across_runs(graph):
    again = actor_graph(open_engine())
    assert graphml_text(again) == graphml_text(graph)
    assert gexf_text(again) == gexf_text(graph)
    assert csv_tables(again) == csv_tables(graph)


def test_exports_do_not_depend_on_the_hash_seed(tmp_path):
    script = ("import sys; from kg.store.engines import open_engine; from kg.network.projection import actor_graph; "
              "from kg.network.exports import write_network; g = actor_graph(open_engine()); "
              "[write_network(g, f, sys.argv[1] + '/graph.' + f) for f in ('graphml', 'gexf', 'csv')]")
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        subprocess.run([sys.executable, "-c", script, str(folder)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == ["graph.edges.csv", "graph.gexf", "graph.graphml", "graph.nodes.csv"]


def test_kg_export_writes_graphml_to_standard_output(graph):
    result = invoke(["export", "--format", "graphml"])
    back = nx.parse_graphml(result.stdout_bytes, edge_key_type=str, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.nodes[KG + "javier-milei"]["label"] == "Javier Milei"


def test_kg_export_writes_gexf_and_csv_files(graph, tmp_path):
    invoke(["export", "--format", "gexf", "-o", str(tmp_path / "g.gexf")])
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == graph.number_of_edges()
    invoke(["export", "--format", "csv", "-o", str(tmp_path)])
    assert (tmp_path / "nodes.csv").read_text(encoding="utf-8") == csv_tables(graph)[0]
    assert (tmp_path / "edges.csv").read_text(encoding="utf-8") == csv_tables(graph)[1]


def test_kg_export_csv_without_a_file_is_a_one_line_error():
    result = invoke(["export", "--format", "csv"], expect=2)
    assert result.output == "Error: csv writes two files, nodes and edges: give -o graph.csv or -o FOLDER\n"
