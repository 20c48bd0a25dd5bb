"""Refusing SPARQL that could reach outside the local dataset, before any engine sees it.

Both engines would fetch remote data if asked: pyoxigraph and rdflib evaluate SERVICE over HTTP, rdflib
loads the IRI of a FROM clause, and an update's LOAD fetches a document. `kg` is read-only and offline, so
`check_query` refuses SERVICE (SILENT too), every update operation (LOAD, INSERT, DELETE, ...) and any
FROM / FROM NAMED dataset clause. The default graph is always the union of the named graphs; GRAPH <g> { }
restricts a pattern to one file's graph.

The check works on tokens, not on the raw text: strings, IRIs and comments are skipped, so a keyword inside
a literal (`"SERVICE"`), an IRI (`<http://x/load>`), a prefixed name (`ex:service`) or a comment does not
trigger it, and \\u escapes are decoded first, as SPARQL's grammar does before parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from kg.errors import InputError

# SPARQL 1.1 codepoint escapes are processed before parsing (SPARQL 1.1 Query, section 19.2), and the two
# engines do it differently: pyoxigraph leaves an escaped backslash (\\u0041) alone, rdflib decodes it and also
# reads \u followed by eight hex digits. The check tokenizes both readings.
_OXIGRAPH_ESCAPE = re.compile(r"\\\\|\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_RDFLIB_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4}(?:[0-9A-Fa-f]{4})?)", re.IGNORECASE)

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'
               |"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<word>[\w:%\\](?:[\w.\-:%\\]*[\w\-:%\\])?)
    | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# Update operations: the CLI only reads.
UPDATE_KEYWORDS = {"LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


class Token(NamedTuple):
    kind: str  # "string", "iri", "var", "word" or "punct"
    text: str
    line: int
    column: int


def _char(hex_digits: str, original: str) -> str:
    code = int(hex_digits, 16)
    return chr(code) if code <= 0x10FFFF else original


def decode_codepoints(sparql: str) -> list[str]:
    """The query as each engine reads it after decoding \\u escapes (one or two distinct texts)."""
    oxigraph = _OXIGRAPH_ESCAPE.sub(
        lambda m: m.group() if m.group() == "\\\\" else _char(m.group(1) or m.group(2), m.group()), sparql
    )
    rdflib = _RDFLIB_ESCAPE.sub(lambda m: _char(m.group(1), m.group()), sparql)
    return [oxigraph] if oxigraph == rdflib else [oxigraph, rdflib]


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of a query text (escapes already decoded), without whitespace and comments."""
    line, line_start = 1, 0
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind not in ("space", "comment"):
            yield Token(kind, value, line, match.start() - line_start + 1)
        newlines = value.count("\n")
        if newlines:
            line += newlines
            line_start = match.start() + value.rindex("\n") + 1


@lru_cache(maxsize=256)
def check_query(sparql: str) -> None:
    """Raise InputError (exit 2) if the query could contact the network, read files or change data.

    Cached by query text: `kg query` checks before opening the store and the engine checks again, and
    lookups run the same named queries many times. A refusal raises, so it is never cached."""
    for text in decode_codepoints(sparql):
        for token in tokenize(text):
            if token.kind == "word":
                _check_word(token)


def _check_word(token: Token) -> None:
    # A word with ':' is a prefixed name, whose local part may hold dots (ex:a.load); elsewhere a dot
    # separates triples, so `?o.SERVICE` or `true.SERVICE` must still be seen as the keyword.
    for part in [token.text] if ":" in token.text else token.text.split("."):
        keyword = part.upper()
        where = f"line {token.line}, column {token.column}"
        if keyword == "SERVICE":
            raise InputError(f"SERVICE is refused ({where}): kg never queries remote endpoints")
        if keyword in UPDATE_KEYWORDS:
            raise InputError(f"{keyword} is refused ({where}): kg queries are read-only, updates are not run")
        if keyword == "FROM":
            raise InputError(
                f"FROM / FROM NAMED is refused ({where}): kg never loads graphs by IRI; the default graph is "
                "the union of all named graphs, and GRAPH <name> { ... } restricts a pattern to one of them"
            )
