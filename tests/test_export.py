"""`kg export`: the whole dataset, byte-identical across runs and hash seeds, round-tripping, written atomically."""

import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from conftest import invoke

import kg
from kg.errors import KgError
from kg.output import files
from kg.rdf.dataset import to_oxigraph
from kg.rdf.export import FORMATS

RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
ENDORSEMENTS = "https://w3id.org/argentina2023/graph/endorsements"

# Blank nodes that the loader renames at random on every load: the hard case for byte-identical output.
BLANK_NODES = """
st:fixture-tie a kgo:Tie ;
    rdf:subject kg:lula ; rdf:predicate kgo:praised ; rdf:object kg:sergio-massa ;
    prov:wasDerivedFrom src:comparison, src:op-ed ;
    prov:qualifiedDerivation [ prov:entity src:comparison ; kgo:quote "Lula" ] ,
        [ prov:entity src:op-ed ; kgo:quote "Lula" ] .
kg:lula kgo:praised kg:sergio-massa .
"""


def exported(fmt, *args):
    result = invoke(["export", "--format", fmt, *args])
    return result.stdout_bytes


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_byte_identical_across_runs(kg_data, fmt):
    kg_data(BLANK_NODES)
    assert exported(fmt) == exported(fmt)


def test_export_is_byte_identical_across_hash_seeds(kg_data):
    kg_data(BLANK_NODES)
    script = "import hashlib, json, kg.rdf.export as e; print(json.dumps({f: hashlib.sha256(e.export(f)).hexdigest() for f in e.FORMATS}))"
    digests = [
        json.loads(subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": seed},
                                  capture_output=True, text=True, check=True).stdout)
        for seed in ("1", "2")
    ]
    assert digests[0] == digests[1]
    assert set(digests[0]) == set(FORMATS)


def canonical(quads, merge=False):
    """An rdflib dataset's quads as a pyoxigraph Dataset with RDFC-1.0 blank node labels.

    Canonicalisation only relabels blank nodes, so two datasets with equal canonical forms are isomorphic
    (rdflib.compare takes seconds per graph here; this takes milliseconds).
    """
    def graph_name(graph):  # rdflib gives a Graph or its name, depending on how the dataset was filled
        return ox.DefaultGraph() if merge else to_oxigraph(getattr(graph, "identifier", graph))

    dataset = ox.Dataset(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph_name(g)) for s, p, o, g in quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_round_trips_to_the_loaded_dataset(kg_data, fmt):
    kg_data(BLANK_NODES)
    data = exported(fmt)
    loaded = kg.load_dataset().quads((None, None, None, None))
    parsed = Dataset()
    parsed.parse(data=data, format=RDFLIB_FORMATS[fmt])
    merge = fmt == "turtle"  # Turtle has no named graphs: compare with the union
    assert canonical(parsed.quads((None, None, None, None)), merge) == canonical(loaded, merge)


def test_export_has_ontology_data_and_extra_files(kg_data):
    extra = kg_data(BLANK_NODES)
    text = exported("trig").decode("utf-8")
    assert f"<{ENDORSEMENTS}> {{" in text
    assert "<https://w3id.org/argentina2023/graph/kg> {" in text
    assert f"<{extra.resolve().as_uri()}> {{" in text
    assert "st:fixture-tie" in text


def test_trig_lists_named_graphs_in_iri_order():
    lines = exported("trig").decode("utf-8").splitlines()
    names = [line.split()[0] for line in lines if line.endswith("{")]
    assert names == sorted(names)
    assert f"<{ENDORSEMENTS}>" in names


def test_nquads_lines_are_sorted():
    lines = exported("nquads").decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert (f'<https://w3id.org/argentina2023/id/mauricio-macri> <https://w3id.org/argentina2023/ontology#endorses> '
            f'<https://w3id.org/argentina2023/id/javier-milei> <{ENDORSEMENTS}> .') in lines


def test_turtle_merges_the_graphs():
    graph = Graph().parse(data=exported("turtle"), format="turtle")
    kg_ns = "https://w3id.org/argentina2023/id/"
    assert (URIRef(kg_ns + "mauricio-macri"), URIRef("https://w3id.org/argentina2023/ontology#endorses"),
            URIRef(kg_ns + "javier-milei")) in graph


def test_output_file_is_written_whole_and_nothing_else_is_left(tmp_path):
    target = tmp_path / "graph.nq"
    result = invoke(["export", "--format", "nquads", "-o", str(target)])
    assert result.stdout == ""
    assert target.read_bytes() == exported("nquads")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]


def test_failed_export_leaves_the_existing_file_untouched(kg_data, tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("previous export\n")
    kg_data("kg:a kg:b \"unterminated .\n", name="broken.ttl")
    result = invoke(["export", "-o", str(target)], expect=2)
    assert "broken.ttl:" in result.output
    assert target.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.ttl", "graph.ttl"]


def test_failed_write_removes_its_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("previous export\n")

    def fail(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(KgError, match="cannot write .*graph.ttl: No space left on device"):
        files.write_atomic(target, b"new export\n")
    assert target.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_unwritable_output_is_a_one_line_error(tmp_path):
    result = invoke(["export", "-o", str(tmp_path / "missing" / "graph.ttl")], expect=2)
    assert result.output.startswith("Error: cannot write ")
    assert len(result.output.strip().splitlines()) == 1


def test_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("previous export\n")
    target.chmod(0o640)
    files.write_atomic(target, b"new export\n")
    assert target.read_bytes() == b"new export\n"
    assert target.stat().st_mode & 0o777 == 0o640
