"""Validating the graph: SHACL shapes, check queries, evidence quotes against the sources, declared terms.

`validate()` returns a ValidationReport (the violations as data); `kg validate` prints it. The rules:

* the SHACL shapes of ontology/shapes.ttl (pySHACL, no inference: the ontology's rdfs:subClassOf triples
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
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.rdf.inputs import seeds_dir, shapes_file
from kg.rdf.parsing import read_quads
from kg.sparql.catalogue import named_queries
from kg.store.engines import open_engine
from kg.validation.multisource import multi_source_violations
from kg.validation.quotes import evidence_quotes, quote_violations, source_text_path, text_folders
from kg.validation.report import SH, ValidationReport, Violation, compact, compact_text, node_name, union_graph

# Closed term lists that rdflib ships for the standard vocabularies: a term outside them is a typo.
STANDARD_VOCABULARIES = (RDF, RDFS, OWL, XSD, SKOS, DCTERMS, FOAF, ORG, PROV, SDO)
# schema.org terms newer than rdflib's copy of schema.org.
NEWER_STANDARD_TERMS = frozenset({URIRef(str(SDO) + "PoliticalParty")})
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
    quads = backend.dataset_quads()  # from the store, not parsed again from the files: 40 s at a million quads
    graph = union_graph(quads)
    violations = shacl_violations(graph) + check_query_violations(backend)
    violations += declared_term_violations(graph)
    seeds = seeds_dir()
    quotes = list(evidence_quotes(graph)) if seeds else []
    checked = 0
    if seeds:
        folders = text_folders(quads, seeds)
        violations += quote_violations(quotes, seeds, folders) + multi_source_violations(graph, seeds, folders=folders)
        checked = sum(1 for quote in quotes
                      if (path := source_text_path(folders, quote.source_iri, quote.file_name)) and path.is_file())
    return ValidationReport(sorted(set(violations)), len(graph), seeds, checked)


# SHACL


def shacl_violations(graph: Graph) -> list[Violation]:
    """The results of validating `graph` against ontology/shapes.ttl."""
    import pyshacl  # heavy: only `kg validate` needs it

    shapes = union_graph(read_quads(shapes_file()))
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    violations = []
    for result in results.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        focus = results.value(result, URIRef(SH + "focusNode"))
        node, note = node_name(graph, focus)
        shape = results.value(result, URIRef(SH + "sourceShape"))
        message = str(results.value(result, URIRef(SH + "resultMessage")) or "does not conform")
        value = results.value(result, URIRef(SH + "value"))
        if value is not None and value != focus and not isinstance(value, BNode):
            message += f" (value: {compact(value)})"
        rule = compact(shape) if isinstance(shape, URIRef) else "shacl"
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


def declared_term_violations(graph: Graph) -> list[Violation]:
    """Classes, properties and datatypes used but declared neither in the graph's ontology nor in a standard vocabulary.

    Declared: typed as a class, datatype or property, or given a superclass or superproperty.
    Used: predicates, objects of rdf:type and rdf:predicate, ontology axioms' objects, literal datatypes.
    """
    declared = {s for s, kind in graph.subject_objects(RDF.type) if kind in DECLARING_TYPES}
    declared.update(graph.subjects(RDFS.subClassOf))
    declared.update(graph.subjects(RDFS.subPropertyOf))
    used: dict[URIRef, tuple[str, object]] = {}

    def use(term, kind, example):
        if isinstance(term, URIRef):
            used.setdefault(term, (kind, example))

    for s, p, o in graph:
        use(p, "property", s)
        if p in (RDF.type, RDFS.subClassOf, RDFS.domain):
            use(o, "class", s)
        elif p in (RDF.predicate, RDFS.subPropertyOf):
            use(o, "property", s)
        elif p == RDFS.range:
            use(o, "class or datatype", s)
        if isinstance(o, Literal) and o.datatype is not None:
            use(o.datatype, "datatype", s)
    return [
        Violation(compact(term), "declared_terms",
                  f"{kind} used (e.g. by {node_name(graph, example)[0]}) but declared neither in the ontology "
                  "nor in a standard vocabulary (rdf, rdfs, owl, xsd, skos, dct, foaf, org, prov, schema)")
        for term, (kind, example) in used.items()
        if term not in declared and not _is_standard(term)
    ]
