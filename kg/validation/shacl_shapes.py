"""Reading a SHACL shapes graph into Shape trees, for the SPARQL compiler of kg.validation.shacl.

Only the SHACL Core constructs that ontology/shapes.ttl uses are read; a shape using any other SHACL
term is refused with an InputError that names the shape and the term, rather than being ignored.
SUPPORTED below is the one list of what is supported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf.namespaces import PREFIXES, XSD
from kg.validation.report import SH, compact_text

RDF, RDFS = PREFIXES["rdf"], PREFIXES["rdfs"]
OWL_CLASS = PREFIXES["owl"] + "Class"

# The SHACL terms a shape may use, by what they take: the targets; the constraints on each value node
# (a term, a list of terms, a shape or a list of shapes); the constraints on a focus node's set of values
# (property shapes only); and the rest (qualifiedMinCount goes with qualifiedValueShape).
TARGETS = ("targetClass", "targetSubjectsOf", "targetObjectsOf")
VALUE_TERM = ("datatype", "class", "nodeKind", "pattern", "minInclusive", "maxInclusive")
VALUE_LIST = ("in", "languageIn")
VALUE_SHAPE = ("node",)
VALUE_SHAPES = ("or",)
COUNTS = ("minCount", "maxCount", "hasValue", "uniqueLang", "qualifiedValueShape")
OTHERS = ("path", "property", "message", "severity", "qualifiedMinCount")
SUPPORTED = frozenset(TARGETS + VALUE_TERM + VALUE_LIST + VALUE_SHAPE + VALUE_SHAPES + COUNTS + OTHERS)
# Datatypes whose lexical forms rdflib reads in ways kg.validation.shacl does not emulate: refused.
UNEMULATED_DATATYPES = frozenset(XSD + t for t in (
    "float", "double", "dateTime", "time", "duration", "dayTimeDuration", "yearMonthDuration", "hexBinary",
    "base64Binary", "int", "long", "short", "byte", "nonNegativeInteger", "nonPositiveInteger",
    "negativeInteger", "positiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
SHAPE_TYPES = frozenset({SH + "NodeShape", SH + "PropertyShape"})
NODE_KINDS = frozenset(SH + kind for kind in (
    "IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "IRIOrLiteral", "BlankNodeOrLiteral"))

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Shape:
    """A shape: its node, its path (a predicate; None for a node shape), its sh:message, its targets
    (component, term), its constraints (component, argument) in a fixed order, and its sh:property shapes."""

    node: Term
    path: ox.NamedNode | None
    message: str | None
    targets: tuple[tuple[str, ox.NamedNode], ...]
    constraints: tuple[tuple[str, object], ...]
    properties: tuple[Shape, ...]


def name(node: Term) -> str:
    """A shape or term as an error message names it: prefix:name, or _:id for a blank node."""
    return f"_:{node.value}" if isinstance(node, ox.BlankNode) else compact_text(node.value)


class ShapesGraph:
    """The triples of a shapes graph, by subject and predicate, each object once, in the order read."""

    def __init__(self, triples: Iterable[ox.Quad | ox.Triple]):
        self.arcs: dict[Term, dict[str, list[Term]]] = {}
        for triple in triples:
            objects = self.arcs.setdefault(triple.subject, {}).setdefault(triple.predicate.value, [])
            if triple.object not in objects:
                objects.append(triple.object)

    def objects(self, node: Term, predicate: str) -> list[Term]:
        return self.arcs.get(node, {}).get(predicate, [])

    def one(self, shape: Term, component: str) -> Term | None:
        values = self.objects(shape, SH + component)
        if len(values) > 1:
            raise InputError(f"shape {name(shape)} has {len(values)} values of sh:{component}: give one")
        return values[0] if values else None

    def items(self, shape: Term, head: Term, component: str) -> list[Term]:
        """The members of the RDF list `head`, the value of sh:`component`."""
        items, node, seen = [], head, set()
        while node != ox.NamedNode(RDF + "nil"):
            first, rest = self.objects(node, RDF + "first"), self.objects(node, RDF + "rest")
            if len(first) != 1 or len(rest) != 1 or node in seen:
                raise InputError(f"shape {name(shape)}: the value of sh:{component} is not a well-formed RDF list")
            seen.add(node)
            items.append(first[0])
            node = rest[0]
        return items

    def shape_nodes(self) -> list[Term]:
        """The nodes typed as shapes or with a target, in the order read."""
        return [node for node, arcs in self.arcs.items()
                if SHAPE_TYPES & {t.value for t in arcs.get(RDF + "type", [])}
                or any(SH + target in arcs for target in TARGETS)]


def read_shapes(triples: Iterable[ox.Quad | ox.Triple]) -> list[Shape]:
    """Every shape of the shapes graph with a target, read with the shapes it uses; every shape of the
    graph is checked for unsupported SHACL terms. Raises InputError on an unsupported or malformed shape."""
    graph = ShapesGraph(triples)
    shapes = []
    for node in graph.shape_nodes():
        try:
            shapes.append(_read(graph, node, ()))
        except InputError as error:
            if isinstance(node, ox.BlankNode) or name(node) in str(error):
                raise
            raise InputError(f"{error} (a shape that shape {name(node)} uses)") from None
    return [shape for shape in shapes if shape.targets]


def _read(graph: ShapesGraph, node: Term, within: tuple[Term, ...]) -> Shape:
    if node in within:
        raise InputError(f"shape {name(node)} refers to itself (recursive shapes are not supported)")
    if isinstance(node, ox.Literal):
        raise InputError(f"shape {name(within[-1])} refers to a literal as a shape")
    within += (node,)
    _check_supported(graph, node)
    path = graph.one(node, "path")
    if path is not None and not isinstance(path, ox.NamedNode):
        raise InputError(f"shape {name(node)}: sh:path is not a predicate IRI (complex paths are not supported)")
    message = graph.one(node, "message")
    targets = tuple((kind, _iri(node, kind, term))
                    for kind in TARGETS for term in graph.objects(node, SH + kind))
    constraints = tuple((component, _argument(graph, node, component, value, within))
                        for component in VALUE_TERM + VALUE_LIST + VALUE_SHAPE + VALUE_SHAPES + COUNTS
                        for value in graph.objects(node, SH + component))
    if path is None and (counted := [c for c, _ in constraints if c in COUNTS]):
        raise InputError(f"shape {name(node)} uses sh:{counted[0]} without a sh:path")
    properties = tuple(_read(graph, child, within) for child in graph.objects(node, SH + "property"))
    return Shape(node, path, None if message is None else message.value, targets, constraints, properties)


def _check_supported(graph: ShapesGraph, node: Term) -> None:
    for predicate in graph.arcs.get(node, {}):
        if predicate.startswith(SH) and predicate[len(SH):] not in SUPPORTED:
            raise InputError(f"shape {name(node)} uses sh:{predicate[len(SH):]}, which kg's SHACL compiler "
                             f"does not support")
    if {t.value for t in graph.objects(node, RDF + "type")} & {RDFS + "Class", OWL_CLASS}:
        raise InputError(f"shape {name(node)} is a class: implicit class targets are not supported")
    severity = graph.one(node, "severity")
    if severity is not None and severity.value != SH + "Violation":
        raise InputError(f"shape {name(node)} has sh:severity {name(severity)}: only sh:Violation is supported")
    if graph.one(node, "qualifiedMinCount") is not None and graph.one(node, "qualifiedValueShape") is None:
        raise InputError(f"shape {name(node)} uses sh:qualifiedMinCount without sh:qualifiedValueShape")


def _argument(graph: ShapesGraph, node: Term, component: str, value: Term, within: tuple[Term, ...]):
    if component in VALUE_LIST:
        return tuple(_constant(node, component, item) for item in graph.items(node, value, component))
    if component in VALUE_SHAPES:
        return tuple(_read(graph, item, within) for item in graph.items(node, value, component))
    if component in VALUE_SHAPE:
        return _read(graph, value, within)
    if component == "qualifiedValueShape":
        return _read(graph, value, within), _count(node, "qualifiedMinCount", graph.one(node, "qualifiedMinCount"))
    if component in ("minCount", "maxCount"):
        return _count(node, component, value)
    if component == "uniqueLang":
        if value not in (ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
                         ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))):
            raise InputError(f"shape {name(node)}: sh:uniqueLang is true or false")
        return value.value == "true"
    if component == "nodeKind" and value.value not in NODE_KINDS:
        raise InputError(f"shape {name(node)}: sh:nodeKind {name(value)} is not a SHACL node kind")
    if component == "datatype" and value.value in UNEMULATED_DATATYPES:
        raise InputError(f"shape {name(node)}: sh:datatype {name(value)} is not supported")
    if component in ("datatype", "class", "nodeKind"):
        return _iri(node, component, value)
    if component == "pattern" and not (isinstance(value, ox.Literal) and value.datatype.value == XSD + "string"):
        raise InputError(f"shape {name(node)}: sh:pattern is a plain string")
    return _constant(node, component, value)


def _count(node: Term, component: str, value: Term | None) -> int:
    if value is None:
        raise InputError(f"shape {name(node)}: sh:qualifiedValueShape needs sh:qualifiedMinCount")
    if not isinstance(value, ox.Literal) or value.datatype.value != XSD + "integer" or not value.value.isdigit():
        raise InputError(f"shape {name(node)}: sh:{component} is a non-negative xsd:integer")
    return int(value.value)


def _iri(node: Term, component: str, value: Term) -> ox.NamedNode:
    if not isinstance(value, ox.NamedNode):
        raise InputError(f"shape {name(node)}: the value of sh:{component} is an IRI")
    return value


def _constant(node: Term, component: str, value: Term) -> ox.NamedNode | ox.Literal:
    if isinstance(value, ox.BlankNode):
        raise InputError(f"shape {name(node)}: a value of sh:{component} is a blank node (give IRIs or literals)")
    return value
