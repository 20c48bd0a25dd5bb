"""Reading RDF files into quads, with the file and line of any syntax error.

Every file goes through pyoxigraph's parsers: they are fast, report positions, and never fetch anything
(JSON-LD remote contexts included), so loading stays offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf.inputs import graph_name

FORMATS_BY_EXTENSION = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, from its extension."""
    try:
        return FORMATS_BY_EXTENSION[Path(path).suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS_BY_EXTENSION))
        raise InputError(f"{path}: unknown RDF file extension (expected one of {known})") from None


def read_quads(path: Path) -> Iterator[ox.Quad]:
    """The quads of one file. Triples outside a named graph go to the file's own graph (see graph_name)."""
    path = Path(path)
    fmt = rdf_format(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    file_graph = ox.NamedNode(graph_name(path))
    try:
        for item in ox.parse(path=path, format=fmt, base_iri=path.resolve().as_uri(), rename_blank_nodes=True):
            if isinstance(item, ox.Triple):
                yield ox.Quad(item.subject, item.predicate, item.object, file_graph)
            elif isinstance(item.graph_name, ox.DefaultGraph):
                yield ox.Quad(item.subject, item.predicate, item.object, file_graph)
            else:
                yield item
    except SyntaxError as exc:
        raise syntax_error(path, fmt, exc) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None


def syntax_error(path: Path, fmt: ox.RdfFormat, exc: SyntaxError) -> InputError:
    """The InputError "file:line: malformed FORMAT: message" for a parser's SyntaxError."""
    line = exc.lineno if exc.lineno is not None else "?"
    return InputError(f"{path}:{line}: malformed {fmt.name}: {exc.msg}")
