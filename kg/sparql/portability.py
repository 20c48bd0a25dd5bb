"""What both engines must reject alike, checked before either runs a query.

pyoxigraph and rdflib disagree on some malformed queries: an undeclared prefix is a syntax error in
pyoxigraph and a bare Exception in rdflib; a function that an engine does not know is an error in
pyoxigraph and, in rdflib, an expression error that silently drops rows. `check_portable` gives both the
same one-line InputError (exit 2), at the place in the query where the problem is.
"""

from __future__ import annotations

from functools import lru_cache

from kg.errors import InputError
from kg.rdf.namespaces import PREFIXES, XSD, shorten
from kg.sparql.safety import Token, decode_codepoints, tokenize

# The functions besides SPARQL's built-ins that both engines evaluate: the XSD casts rdflib implements.
PORTABLE_FUNCTIONS = frozenset(XSD + name for name in
                               ("string", "boolean", "integer", "decimal", "float", "double", "dateTime"))


@lru_cache(maxsize=256)
def check_portable(sparql: str) -> None:
    """Raise InputError for an undeclared prefix or a function outside SPARQL's built-ins and the XSD
    casts (PORTABLE_FUNCTIONS), so that both engines refuse the query with the same message."""
    for text in decode_codepoints(sparql):
        tokens = list(tokenize(text))
        declared = dict(PREFIXES)
        for index, token in enumerate(tokens):
            if _is_declaration(tokens, index):
                declared[token.text[:-1]] = tokens[index + 1].text[1:-1]
            elif _is_prefixed_name(token):
                prefix = token.text.split(":", 1)[0]
                if prefix not in declared:
                    raise InputError(f"unknown prefix {shorten(prefix)}: ({_where(token)}); declare it with "
                                     f"PREFIX {shorten(prefix)}: <...>, or use one of {', '.join(PREFIXES)}")
        depths = _paren_depths(tokens)
        for index, token in enumerate(tokens):
            if _is_function_call(tokens, depths, index):
                iri = _expand(token, declared)
                if iri is not None and iri not in PORTABLE_FUNCTIONS:
                    raise InputError(f"unknown function <{shorten(iri)}> ({_where(token)}): besides SPARQL's "
                                     "built-in functions, kg's engines only evaluate the XSD casts "
                                     f"({', '.join('xsd:' + f[len(XSD):] for f in sorted(PORTABLE_FUNCTIONS))})")


def _where(token: Token) -> str:
    return f"line {token.line}, column {token.column}"


def _is_declaration(tokens: list[Token], index: int) -> bool:
    """Whether tokens[index] is the `name:` of a `PREFIX name: <iri>` declaration."""
    return (index > 0 and tokens[index - 1].kind == "word" and tokens[index - 1].text.upper() == "PREFIX"
            and tokens[index].text.endswith(":") and index + 1 < len(tokens) and tokens[index + 1].kind == "iri")


def _is_prefixed_name(token: Token) -> bool:
    return token.kind == "word" and ":" in token.text and not token.text.startswith("_:")


def _paren_depths(tokens: list[Token]) -> list[int]:
    """For each token, how many parentheses are open before it within its group `{ }`."""
    depths, depth = [], 0
    for token in tokens:
        depths.append(depth)
        if token.kind == "punct" and token.text in "(){}":
            depth = depth + 1 if token.text == "(" else depth - 1 if token.text == ")" else 0
    return depths


def _is_function_call(tokens: list[Token], depths: list[int], index: int) -> bool:
    """Whether tokens[index], an IRI or prefixed name, calls a function: it is followed by `(` and stands in
    an expression (within parentheses, or right after FILTER), not before an RDF collection in a pattern."""
    token = tokens[index]
    if not (token.kind == "iri" or _is_prefixed_name(token)) or index + 1 >= len(tokens):
        return False
    if tokens[index + 1].text != "(":
        return False
    previous = tokens[index - 1] if index else None
    after_filter = previous is not None and previous.kind == "word" and previous.text.upper() == "FILTER"
    return after_filter or depths[index] > 0


def _expand(token: Token, declared: dict[str, str]) -> str | None:
    if token.kind == "iri":
        return token.text[1:-1]
    prefix, _, local = token.text.partition(":")
    return declared[prefix] + local if prefix in declared else None
