"""A validation report: violations named with the project's prefixes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Literal
from rdflib.namespace import PROV

from kg.rdf.namespaces import PREFIXES
from kg.rdf.store_view import StoreView

SHAPES_NS = "https://w3id.org/argentina2023/shapes#"
SH = "http://www.w3.org/ns/shacl#"
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
    quotes: int  # how many quotes were checked against their source's text (found in `seeds`)

    @property
    def conforms(self) -> bool:
        return not self.violations


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


def node_name(graph: StoreView, node) -> tuple[str, str]:
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


