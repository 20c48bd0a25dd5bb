"""Validating the graph: SHACL shapes, check queries, evidence quotes against the sources, declared terms.

`validate()` returns a ValidationReport (the violations as data); `kg validate` prints it. The rules:

* the SHACL shapes of ontology/shapes.ttl, compiled to SPARQL and run on the store (kg.validation.shacl; the
  same results as pySHACL with no inference, which the tests check: the ontology's rdfs:subClassOf triples
  are in the data graph, which is all that SHACL's class targets need);
* the check queries queries/check_*.rq, run through the query engine, each row an offending node and a message;
* every kgo:quote occurs verbatim (whitespace aside) in its source's text, when the seeds folder is there
  (kg.validation.quotes), and a relationship stated by a source that its fact does not cite is reported
  (kg.validation.multisource);
* every class, property and datatype used is declared in the ontology or a standard vocabulary;
* English labels: of actors in the shapes, of everything else in check_english_labels.rq.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.rdf.dataset import to_rdflib
from kg.rdf.inputs import seeds_dir, shapes_file
from kg.rdf.parsing import read_quads
from kg.rdf.store_view import StoreView
from kg.sparql.catalogue import named_queries
from kg.sparql.oxigraph_engine import StoreEngine
from kg.store.engines import open_engine
from kg.validation.multisource import multi_source_violations
from kg.validation.quotes import KGO_FILE_NAME, evidence_quotes, quote_violations, source_text_path, text_folders
from kg.validation.report import ValidationReport, Violation, compact, compact_text, node_name
from kg.validation.shacl import shacl_results

# Closed term lists that rdflib ships for the standard vocabularies: a term outside them is a typo.
STANDARD_VOCABULARIES = (RDF, RDFS, OWL, XSD, SKOS, DCTERMS, FOAF, ORG, PROV, SDO)
# schema.org terms newer than rdflib's copy of schema.org.
NEWER_STANDARD_TERMS = frozenset({URIRef(str(SDO) + "PoliticalParty")})
# How a term is used, by USED_TERMS's ?kind (the smallest names it); one scan of the quads for predicates and
# datatypes together (5 s at a million quads), the predicate's index for the objects of the others.
USES = ("property", "datatype", "class", "property", "class or datatype")
USED_TERMS = """SELECT ?term ?kind (SAMPLE(?s) AS ?example) WHERE {
  { { SELECT ?p ?d (SAMPLE(?x) AS ?s) WHERE { ?x ?p ?o BIND(DATATYPE(?o) AS ?d) } GROUP BY ?p ?d }
    VALUES ?kind { 0 1 } BIND(IF(?kind = 0, ?p, ?d) AS ?term) }
  UNION { ?s ?axiom ?term VALUES (?axiom ?kind) {
    (rdf:type 2) (rdfs:subClassOf 2) (rdfs:domain 2) (rdf:predicate 3) (rdfs:subPropertyOf 3) (rdfs:range 4) } }
} GROUP BY ?term ?kind"""
DECLARING_TYPES = frozenset({
    OWL.Class, RDFS.Class, RDFS.Datatype, RDF.Property,
    OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
})


def validate(engine="store") -> ValidationReport:
    """Validate the whole dataset (ontology, data and KG_DATA files; or, for an endpoint's engine, kg's graphs
    on the server) against every rule.

    Raises kg.errors.InputError (naming file and line) when an input file cannot be read.
    """
    backend = open_engine(engine)
    store = validation_store(backend)
    graph = StoreView(store)
    violations = shacl_violations(graph) + check_query_violations(backend)
    violations += declared_term_violations(graph)
    seeds = seeds_dir()
    quotes = list(evidence_quotes(graph)) if seeds else []
    checked = 0
    if seeds:
        folders = text_folders(store.quads_for_pattern(None, ox.NamedNode(KGO_FILE_NAME), None, None), seeds)
        violations += quote_violations(quotes, seeds, folders) + multi_source_violations(graph, seeds, folders=folders)
        checked = sum(1 for quote in quotes
                      if (path := source_text_path(folders, quote.source_iri, quote.file_name)) and path.is_file())
    return ValidationReport(sorted(set(violations)), len(graph), seeds, checked)


def validation_store(backend) -> ox.Store:
    """The store that the rules other than the check queries read: the embedded store itself, else a copy in
    memory of the quads of the engine's dataset (an endpoint's graphs are read once, not per rule)."""
    if isinstance(backend, StoreEngine):
        return backend.store
    memory = ox.Store()
    memory.bulk_extend(backend.dataset_quads())
    return memory


# SHACL


def shacl_violations(graph: StoreView) -> list[Violation]:
    """The results of validating `graph` against ontology/shapes.ttl, the shapes compiled to SPARQL on its
    store (kg.validation.shacl: 9 s at a million quads on two cores, where pySHACL on an rdflib copy took 144 s)."""
    violations = []
    for result in shacl_results(graph.store, read_quads(shapes_file())):
        focus = to_rdflib(result.focus)
        node, note = node_name(graph, focus)
        message = result.message or "does not conform"
        value = None if result.value is None else to_rdflib(result.value)
        if value is not None and value != focus and not isinstance(value, BNode):
            message += f" (value: {compact(value)})"
        rule = compact(to_rdflib(result.shape)) if isinstance(result.shape, ox.NamedNode) else "shacl"
        violations.append(Violation(node, rule, note + message))
    return violations


# Check queries


def check_query_violations(engine) -> list[Violation]:
    """The rows of every check query: each names an offending node (?node) and what is wrong (?message)."""
    violations = []
    for query in named_queries().values():
        if not query.is_check:
            continue
        for row in engine.select(query.text):
            node = row["node"]
            shown = f"_:{node.value}" if isinstance(node, ox.BlankNode) else compact_text(node.value)
            violations.append(Violation(shown, query.name, compact_text(row["message"].value)))
    return violations


# Declared terms


def _is_standard(term: URIRef) -> bool:
    return term in NEWER_STANDARD_TERMS or any(term in vocabulary for vocabulary in STANDARD_VOCABULARIES)


def declared_term_violations(graph: StoreView) -> list[Violation]:
    """Classes, properties and datatypes used but declared neither in the graph's ontology nor in a standard vocabulary.

    Declared: typed as a class, datatype or property, or given a superclass or superproperty.
    Used: predicates, objects of rdf:type and rdf:predicate, ontology axioms' objects, literal datatypes.
    """
    declared = {s for s, kind in graph.subject_objects(RDF.type) if kind in DECLARING_TYPES}
    declared.update(graph.subjects(RDFS.subClassOf))
    declared.update(graph.subjects(RDFS.subPropertyOf))
    used: dict[URIRef, tuple[int, object]] = {}
    for term, kind, example in graph.select(USED_TERMS):
        if isinstance(term, URIRef) and (term not in used or int(kind) < used[term][0]):
            used[term] = (int(kind), example)
    return [
        Violation(compact(term), "declared_terms",
                  f"{USES[kind]} used (e.g. by {node_name(graph, example)[0]}) but declared neither in the "
                  "ontology nor in a standard vocabulary (rdf, rdfs, owl, xsd, skos, dct, foaf, org, prov, schema)")
        for term, (kind, example) in sorted(used.items())
        if term not in declared and not _is_standard(term)
    ]
