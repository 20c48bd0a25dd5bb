"""The whole dataset as an rdflib Dataset: the Python API for notebooks, validation and export."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.rdf.inputs import input_files
from kg.rdf.namespaces import PREFIXES, XSD_STRING
from kg.rdf.parsing import read_quads

# rdflib 7's own Dataset.triples() reads its deprecated `default_context` property on every call, so every
# triple pattern of a query warns; the warning concerns rdflib's internals, not our use of the API.
DEFAULT_CONTEXT_WARNING = r"Dataset\.default_context is deprecated"
warnings.filterwarnings("ignore", message=DEFAULT_CONTEXT_WARNING, category=DeprecationWarning)


def to_rdflib(term):
    """A pyoxigraph term as an rdflib term. A plain string stays plain: rdflib tells "a" from "a"^^xsd:string."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_oxigraph(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def load_dataset(files: Iterable[Path] | None = None, quads: Iterable[ox.Quad] | None = None) -> Dataset:
    """Load the graph: the shipped ontology and data plus every file in KG_DATA, one named graph per file.

    The returned rdflib ``Dataset`` has ``default_union=True``, so SPARQL over it sees the union of all
    named graphs as its default graph, with the project's prefixes (kg:, kgo:, st:, src:, ...) bound.
    ``files`` replaces the usual inputs (for tests and tools); so do ``quads`` (an endpoint's, for instance).
    Raises ``kg.errors.InputError`` naming file and line for a malformed file.

    >>> import kg
    >>> ds = kg.load_dataset()
    >>> rows = ds.query("SELECT ?who WHERE { ?who kgo:endorses kg:javier-milei }")
    >>> URIRef("https://w3id.org/argentina2023/id/mauricio-macri") in {row.who for row in rows}
    True
    """
    dataset = bind_prefixes(Dataset(default_union=True))
    if quads is None:
        quads = (quad for path in (input_files() if files is None else files) for quad in read_quads(Path(path)))
    for quad in quads:
        graph = dataset.graph(URIRef(quad.graph_name.value))
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return dataset



def bind_prefixes(graph):
    """`graph` (an rdflib Graph or Dataset) with the project's prefixes bound; returned for chaining."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
