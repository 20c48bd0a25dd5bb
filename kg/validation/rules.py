"""Validating the graph: SHACL shapes, check queries, evidence quotes against the sources, declared terms.

`validate()` returns a ValidationReport (the violations as data); `kg validate` prints it. Five kinds of rule:

* the SHACL shapes of ontology/shapes.ttl (pySHACL, no inference: the ontology's rdfs:subClassOf triples
  are in the data graph, which is all that SHACL's class targets need);
* the check queries queries/check_*.rq, run through the query engine, each row an offending node and a message;
* every kgo:quote occurs verbatim (whitespace aside) in its source's text, when the seeds folder is there;
* every class, property and datatype used is declared in the ontology or a standard vocabulary;
* English labels: of actors in the shapes, of everything else in check_english_labels.rq.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.rdf.dataset import load_dataset
from kg.rdf.inputs import seeds_dir, shapes_file
from kg.rdf.namespaces import ONTOLOGY_NS, PREFIXES
from kg.sparql.catalogue import named_queries
from kg.store.engines import open_engine

SHAPES_NS = "https://w3id.org/argentina2023/shapes#"
SH = "http://www.w3.org/ns/shacl#"
KGO_QUOTE = URIRef(ONTOLOGY_NS + "quote")
KGO_FILE_NAME = URIRef(ONTOLOGY_NS + "fileName")

# Closed term lists that rdflib ships for the standard vocabularies: a term outside them is a typo.
STANDARD_VOCABULARIES = (RDF, RDFS, OWL, XSD, SKOS, DCTERMS, FOAF, ORG, PROV, SDO)
# schema.org terms newer than rdflib's copy of schema.org.
NEWER_STANDARD_TERMS = frozenset({URIRef(str(SDO) + "PoliticalParty")})
DECLARING_TYPES = frozenset({
    OWL.Class, RDFS.Class, RDFS.Datatype, RDF.Property,
    OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
})

_PREFIXES = sorted({**PREFIXES, "kgsh": SHAPES_NS, "sh": SH}.items(), key=lambda item: -len(item[1]))


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule: the offending node (a compact IRI), the rule (a shape or check name), what is wrong."""

    node: str
    rule: str
    message: str


@dataclass
class ValidationReport:
    violations: list[Violation]
    triples: int  # size of the validated graph
    seeds: Path | None  # the folder quotes were checked against; None when the check was skipped
    quotes: int  # how many quotes were checked against their source

    @property
    def conforms(self) -> bool:
        return not self.violations


def validate(engine: str = "store") -> ValidationReport:
    """Validate the whole dataset (ontology, data and KG_DATA files) against every rule.

    Raises kg.errors.InputError (naming file and line) when an input file cannot be read.
    """
    graph = union_graph(load_dataset())
    violations = shacl_violations(graph) + check_query_violations(open_engine(engine))
    violations += declared_term_violations(graph)
    seeds = seeds_dir()
    quotes = list(evidence_quotes(graph)) if seeds else []
    if seeds:
        from kg.multisource import multi_source_violations  # imports this module
        violations += quote_violations(quotes, seeds) + multi_source_violations(graph, seeds)
    return ValidationReport(sorted(set(violations)), len(graph), seeds, len(quotes))


def compact(term) -> str:
    """A term as text: an IRI as prefix:name where a known prefix fits, a blank node as _:id, a literal quoted."""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return f'"{term}"'
    return compact_text(str(term))


def compact_text(text: str) -> str:
    """Text with every known namespace IRI in it shortened to its prefix."""
    for prefix, namespace in _PREFIXES:
        text = text.replace(namespace, prefix + ":")
    return text


def union_graph(dataset) -> Graph:
    """All named graphs of an rdflib Dataset as one Graph (pySHACL would validate a Dataset's graphs one by one)."""
    graph = Graph()
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        graph.add((subject, predicate, obj))
    return graph


def _node(graph: Graph, node) -> tuple[str, str]:
    """How to name a node in a violation, and a note for the message.

    A blank node is named by the statement that points to it (a derivation by its statement and source).
    """
    if not isinstance(node, BNode):
        return compact(node), ""
    for owner, predicate in sorted(graph.subject_predicates(node)):
        source = graph.value(node, PROV.entity)
        note = f"its {compact(predicate)}" + (f" from {compact(source)}" if source is not None else "")
        return compact(owner), note + ": "
    return compact(node), ""


# SHACL


def shacl_violations(graph: Graph) -> list[Violation]:
    """The results of validating `graph` against ontology/shapes.ttl."""
    import pyshacl  # heavy: only `kg validate` needs it

    shapes = union_graph(load_dataset([shapes_file()]))
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    violations = []
    for result in results.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        focus = results.value(result, URIRef(SH + "focusNode"))
        node, note = _node(graph, focus)
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
                  f"{kind} used (e.g. by {_node(graph, example)[0]}) but declared neither in the ontology "
                  "nor in a standard vocabulary (rdf, rdfs, owl, xsd, skos, dct, foaf, org, prov, schema)")
        for term, (kind, example) in used.items()
        if term not in declared and not _is_standard(term)
    ]


# Evidence quotes


@dataclass(frozen=True)
class Quote:
    node: str  # the statement or claim, compact
    source: str  # the source document, compact
    file_name: str  # the source's kgo:fileName
    text: str  # the quote


def evidence_quotes(graph: Graph) -> Iterator[Quote]:
    """Every kgo:quote whose derivation names a source with a file name, in a fixed order."""
    for derivation, quote in sorted(graph.subject_objects(KGO_QUOTE)):
        source = graph.value(derivation, PROV.entity)
        file_name = graph.value(source, KGO_FILE_NAME) if source is not None else None
        if file_name is not None:  # else the shapes report the missing source or file name
            node, _ = _node(graph, derivation)
            yield Quote(node, compact(source), str(file_name), str(quote))


def squash_whitespace(text: str) -> str:
    """Text with Unicode composed (NFC) and every run of whitespace made one space, for matching quotes."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def quote_violations(quotes: list[Quote], seeds: Path) -> list[Violation]:
    """Quotes that do not occur verbatim, whitespace aside, in their source's text in `seeds`."""
    texts: dict[str, str | None] = {}
    violations = []
    for quote in quotes:
        if quote.file_name not in texts:
            path = seeds / quote.file_name
            plain = Path(quote.file_name).name == quote.file_name  # never read outside the seeds folder
            texts[quote.file_name] = squash_whitespace(path.read_text("utf-8", "replace")) if plain and path.is_file() else None
            if texts[quote.file_name] is None:
                violations.append(Violation(quote.source, "quote_in_source",
                                            f"source text {quote.file_name} is not in {seeds}"))
        text = texts[quote.file_name]
        if text is not None and squash_whitespace(quote.text) not in text:
            violations.append(Violation(quote.node, "quote_in_source",
                                        f"quote from {quote.source} is not in {quote.file_name}: \"{quote.text}\""))
    return violations
