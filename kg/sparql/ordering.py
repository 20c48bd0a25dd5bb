"""Rows in the order the embedded store gives them, whatever server sorted them.

SPARQL leaves the relative order of many terms open (language-tagged strings, literals of different types,
IRIs against literals), and servers fill the gap differently: Virtuoso puts "military dictatorship"@en
before "dictadura"@es, Oxigraph the other way. So that an endpoint's answer lists rows as the embedded
store does, the endpoint engine sorts a SELECT's rows again with pyoxigraph's own ORDER BY, on the same
clause, in an empty in-memory store. It does so only when that is the same question: an ORDER BY at the
query's end, with no LIMIT or OFFSET (the server chose the rows by its order) and only projected variables.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.sparql.results import Row, term_text
from kg.sparql.safety import decode_codepoints, tokenize

_EMPTY = ox.Store()
_AFTER_ORDER = {"LIMIT", "OFFSET", "VALUES"}


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
