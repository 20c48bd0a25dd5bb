"""Rows in the order the embedded store gives them, whatever server sorted them.

SPARQL leaves the relative order of many terms open (language-tagged strings, literals of different types,
IRIs against literals), and servers fill the gap differently: Virtuoso puts "military dictatorship"@en
before "dictadura"@es, Oxigraph the other way. So that an endpoint's answer lists rows as the embedded
store does, the endpoint engine sorts a SELECT's rows again with pyoxigraph's own ORDER BY, on the same
clause, in an empty in-memory store. It does so only when that is the same question: an ORDER BY at the
query's end, with no LIMIT or OFFSET (the server chose the rows by its order) and only projected variables.

The lookups sort their rows themselves (`without_plain_order`, `sorted_by`): the embedded store's ORDER BY
reads every key of every row back from RocksDB and costs a third of a named lookup's query time (87 rows of
actor_fact_qualifiers: 4.5 ms unordered, 9.7 ms ordered), while sorting them in Python is free.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pyoxigraph as ox

from kg.rdf.namespaces import XSD

from kg.sparql.results import Row, term_text
from kg.sparql.safety import decode_codepoints, tokenize

_EMPTY = ox.Store()
_AFTER_ORDER = {"LIMIT", "OFFSET", "VALUES"}
_PLAIN_ORDER = re.compile(r"\nORDER BY((?:[ \t]+\?\w+)+)\s*\Z")
_NUMERIC = {XSD + name for name in ("integer", "decimal", "float", "double", "int", "long", "short", "byte",
                                    "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                    "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
                                    "unsignedByte")}


def order_clause(sparql: str, variables: list[str]) -> str | None:
    """The text of the query's top-level ORDER BY clause if the rows can be sorted again by it, else None."""
    texts = decode_codepoints(sparql)
    if len(texts) != 1:
        return None
    tokens = list(tokenize(texts[0]))
    depth, start = 0, None
    for index, token in enumerate(tokens):
        if token.kind == "punct" and token.text in "{(":
            depth += 1
        elif token.kind == "punct" and token.text in "})":
            depth -= 1
        elif depth == 0 and token.kind == "word" and token.text.upper() == "ORDER":
            start = index
        elif depth == 0 and token.kind == "word" and token.text.upper() in _AFTER_ORDER and start is not None:
            return None
    if start is None or len(tokens) < start + 3 or tokens[start + 1].text.upper() != "BY":
        return None
    clause = tokens[start + 2:]
    if any(t.kind == "var" and t.text[1:] not in variables for t in clause):
        return None
    first = clause[0]
    line_starts = [0] + [i + 1 for i, ch in enumerate(texts[0]) if ch == "\n"]
    return texts[0][line_starts[first.line - 1] + first.column - 1:].strip()


def sorted_like_store(rows: list[Row], variables: list[str], clause: str, prefixes: dict[str, str]) -> list[Row]:
    """`rows` sorted by ORDER BY `clause` as pyoxigraph sorts them (rows holding blank nodes stay as they are)."""
    if len(rows) < 2 or not variables or any(isinstance(t, ox.BlankNode) for row in rows for t in row.values()):
        return rows
    names = " ".join(f"?{v}" for v in variables)
    data = " ".join("(" + " ".join(term_text(row[v]) if v in row else "UNDEF" for v in variables) + ")"
                    for row in rows)
    query = f"SELECT {names} WHERE {{ VALUES ({names}) {{ {data} }} }} ORDER BY {clause}"
    try:
        solutions = _EMPTY.query(query, prefixes=prefixes)
    except SyntaxError:
        return rows
    return [{name: term for name, term in zip(variables, solution) if term is not None} for solution in solutions]


@lru_cache(maxsize=128)
def without_plain_order(sparql: str) -> tuple[str, tuple[str, ...]]:
    """`sparql` without its final line if that is an ORDER BY of plain variables, and those variables;
    else `sparql` unchanged and ()."""
    match = _PLAIN_ORDER.search(sparql)
    if match is None:
        return sparql, ()
    return sparql[:match.start() + 1], tuple(v[1:] for v in match.group(1).split())


def term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> tuple:
    """A sort key that orders terms as SPARQL's ORDER BY does: unbound, blank nodes, IRIs, then literals
    (numbers by value, others by their text)."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if term.datatype.value in _NUMERIC:
        try:
            return (3, 0, float(term.value), term.value)
        except ValueError:
            pass
    return (3, 1, term.value, term.language or term.datatype.value)


def sorted_by(rows: list[Row], variables: Sequence[str]) -> list[Row]:
    """`rows` sorted as ORDER BY `variables` (ascending) sorts them; ties keep their order."""
    return sorted(rows, key=lambda row: tuple(term_key(row.get(v)) for v in variables))
