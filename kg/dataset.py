"""The whole dataset as an rdflib Dataset: the Python API for notebooks, validation and export."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.parsing import read_quads
from kg.resources import PREFIXES, input_files


def _term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def load_dataset(files: Iterable[Path] | None = None) -> Dataset:
    """Load the graph: the shipped ontology and data plus every file in KG_DATA, one named graph per file.

    The returned rdflib ``Dataset`` has ``default_union=True``, so SPARQL over it sees the union of all
    named graphs as its default graph. ``files`` replaces the usual inputs (for tests and tools).
    Raises ``kg.errors.InputError`` naming file and line for a malformed file.
    """
    dataset = Dataset(default_union=True)
    _bind_prefixes(dataset)
    for path in input_files() if files is None else files:
        for quad in read_quads(Path(path)):
            graph = dataset.graph(URIRef(quad.graph_name.value))
            graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return dataset




def _bind_prefixes(dataset: Dataset) -> None:
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
