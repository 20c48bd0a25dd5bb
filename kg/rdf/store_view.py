"""A read-only view of a pyoxigraph store's union of graphs through the rdflib Graph methods that validation
uses, its terms as rdflib terms: `kg validate` reads the store itself instead of copying a million quads into
an rdflib Graph (37 s)."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from kg.rdf.dataset import to_oxigraph, to_rdflib
from kg.rdf.namespaces import PREFIXES


class StoreView:
    """The union of the named graphs of `store`, a triple stated in several graphs counted once."""

    def __init__(self, store: ox.Store):
        self.store = store

    def triples(self, pattern) -> Iterator[tuple]:
        """The distinct triples matching (subject, predicate, object), None for any term, in the store's order."""
        s, p, o = (None if term is None else to_oxigraph(term) for term in pattern)
        seen = set()
        for quad in self.store.quads_for_pattern(s, p, o, None):
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                yield to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)

    def __contains__(self, triple) -> bool:
        return next(self.triples(triple), None) is not None

    def __len__(self) -> int:
        [(count,)] = self.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        return int(count)

    def solutions(self, sparql: str) -> ox.QuerySolutions:
        """The solutions of one of kg's own SELECT queries over the union of the store's graphs (with kg's
        prefixes), as pyoxigraph's terms (cheaper to read than rdflib's for a million rows)."""
        return self.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)

    def select(self, sparql: str) -> Iterator[tuple]:
        """The rows of solutions(sparql) as tuples of rdflib terms in the order of the query's variables (None
        where unbound)."""
        for row in self.solutions(sparql):
            yield tuple(None if term is None else to_rdflib(term) for term in row)

    def subjects(self, predicate=None, object=None) -> Iterator:
        return _distinct(s for s, _, _ in self.triples((None, predicate, object)))

    def objects(self, subject=None, predicate=None) -> Iterator:
        return _distinct(o for _, _, o in self.triples((subject, predicate, None)))

    def subject_objects(self, predicate=None) -> Iterator[tuple]:
        return _distinct((s, o) for s, _, o in self.triples((None, predicate, None)))

    def subject_predicates(self, object=None) -> Iterator[tuple]:
        return _distinct((s, p) for s, p, _ in self.triples((None, None, object)))

    def lexical_forms(self, predicate) -> Iterator[tuple]:
        """Each subject of `predicate` (an rdflib term) with the lexical form of each of its objects (a string),
        without making rdflib terms of the objects (a million labels: 1.6 s instead of 10)."""
        for quad in self.store.quads_for_pattern(None, to_oxigraph(predicate), None, None):
            yield to_rdflib(quad.subject), quad.object.value

    def value(self, subject=None, predicate=None, object=None):
        """One term completing the pattern (the one of subject, predicate, object given as None), or None."""
        for s, p, o in self.triples((subject, predicate, object)):
            return s if subject is None else p if predicate is None else o
        return None

    def transitive_subjects(self, predicate, object) -> Iterator:
        """`object` and every subject reaching it through `predicate`, once each (as rdflib's method)."""
        seen, todo = {object}, [object]
        yield object
        while todo:
            for subject in self.subjects(predicate, todo.pop()):
                if subject not in seen:
                    seen.add(subject)
                    todo.append(subject)
                    yield subject


def _distinct(items) -> Iterator:
    seen = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item
