"""The whole dataset (ontology, data and KG_DATA files) serialised byte-identically across runs and hash seeds.

Blank nodes are the hard part: the loader renames them at random, so every writer starts from the dataset
canonicalised with W3C RDF Dataset Canonicalization (RDFC-1.0), whose blank node labels depend only on
content, and writes quads in a fixed order:

* turtle: all graphs merged, rdflib's longturtle (its canon=True would canonicalise again with rdflib's own,
  much slower algorithm: seconds instead of a fraction of one, for the same determinism);
* trig: one block per named graph, graphs in IRI order (rdflib's TriG writer, blank nodes by label);
* nquads: the canonical N-Quads document of RDFC-1.0 (lines in code point order);
* jsonld: expanded JSON-LD, one object per named graph in IRI order, nodes in IRI order.

FORMATS maps a format name to a function returning the bytes; adding a format is one function and one entry.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from kg.rdf.inputs import input_files
from kg.rdf.parsing import read_quads


def canonical_quads(quads: Iterable[ox.Quad] | None = None) -> list[ox.Quad]:
    """Every quad of the dataset (or `quads`), blank nodes labelled by RDFC-1.0, in (graph, subject,
    predicate, object) order."""
    if quads is None:
        quads = (quad for path in input_files() for quad in read_quads(path))
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _triple(quad):
    from kg.rdf.dataset import to_rdflib

    return to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


def turtle(quads: list[ox.Quad]) -> bytes:
    """All named graphs merged into one graph, as Turtle (rdflib longturtle)."""
    from rdflib import Graph

    from kg.rdf.dataset import bind_prefixes

    merged = bind_prefixes(Graph())
    for quad in quads:
        merged.add(_triple(quad))
    return merged.serialize(format="longturtle", encoding="utf-8")


def trig(quads: list[ox.Quad]) -> bytes:
    """Every named graph, in IRI order, as TriG."""
    from rdflib.plugins.serializers.trig import TrigSerializer

    class SortedTrigSerializer(TrigSerializer):
        # rdflib lists a dataset's graphs in set order, which changes with the hash seed.
        def __init__(self, store):
            super().__init__(store)
            self.contexts.sort(key=lambda graph: str(graph.identifier))

    from rdflib import Dataset

    from kg.rdf.dataset import bind_prefixes, to_rdflib

    dataset = bind_prefixes(Dataset())
    for quad in quads:
        dataset.graph(to_rdflib(quad.graph_name)).add(_triple(quad))
    buffer = io.BytesIO()
    SortedTrigSerializer(dataset).serialize(buffer, encoding="utf-8")
    return buffer.getvalue()


def nquads(quads: list[ox.Quad]) -> bytes:
    """The canonical N-Quads document of the dataset (RDFC-1.0): one quad a line, lines sorted."""
    lines = sorted(f"{quad} .\n" for quad in quads)
    return "".join(lines).encode("utf-8")


def jsonld(quads: list[ox.Quad]) -> bytes:
    """Expanded JSON-LD: a list of named graphs, each with its nodes, indented."""
    document = json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


FORMATS: dict[str, Callable[[list[ox.Quad]], bytes]] = {
    "turtle": turtle,
    "trig": trig,
    "nquads": nquads,
    "jsonld": jsonld,
}


def export(fmt: str, quads: Iterable[ox.Quad] | None = None) -> bytes:
    """The whole dataset (or `quads`) in format `fmt` (a key of FORMATS), byte-identical across runs."""
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}") from None
    return writer(canonical_quads(quads))
